"""Serving the app: request logs that never hold a pupil's answers, and a health check.

Pupils' quiz answers and scenario choices travel in the query string, so every request
log (the development server's and gunicorn's) records the path only.
"""

from __future__ import annotations

from flask import Flask, jsonify
from werkzeug.serving import WSGIRequestHandler

# gunicorn: %(U)s is the path without its query string (see gunicorn.conf.py).
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class PathOnlyRequestHandler(WSGIRequestHandler):
    """The development server's handler, logging paths without their query strings."""

    def log_request(self, code="-", size="-") -> None:
        """Log the method, path (no query) and status of a request."""
        path = self.path.split("?", 1)[0]
        self.log("info", '"%s %s %s" %s %s', self.command, path, self.request_version,
                 code, size)


def init_app(app: Flask) -> None:
    """Add /healthz: the app is up and its catalog loaded."""

    @app.get("/healthz")
    def healthz():
        catalog = app.extensions["catalog"]
        return jsonify(status="ok", content_revision=catalog.revision,
                       lessons=len(catalog.lessons))
