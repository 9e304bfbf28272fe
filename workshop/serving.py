"""Serving the app: request logs that never hold a pupil's answers, a health check, 405s
that say what is allowed.

Pupils' quiz answers and scenario choices travel in the query string, so no request log
may record one. Three layers, so that no way of starting the app logs them:

- `QueryFreeLogs` wraps the app itself: once the app has answered, it removes the query
  from the WSGI environ that gunicorn's access log reads (`%(r)s`, `%(q)s`, the referer).
  `gunicorn "workshop:create_app()"` is therefore safe from any directory, with any
  log format, with or without a configuration file.
- `ACCESS_LOG_FORMAT` (used by workshop/gunicorn_conf.py) logs the path only.
- `PathOnlyRequestHandler` does the same for the development server.
"""

from __future__ import annotations

from flask import Flask, jsonify
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.serving import WSGIRequestHandler

from .error_pages import render_error

# gunicorn: %(U)s is the path without its query string (see workshop/gunicorn_conf.py).
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class PathOnlyRequestHandler(WSGIRequestHandler):
    """The development server's handler, logging paths without their query strings."""

    def log_request(self, code="-", size="-") -> None:
        """Log the method, path (no query) and status of a request."""
        path = self.path.split("?", 1)[0]
        self.log("info", '"%s %s %s" %s %s', self.command, path, self.request_version,
                 code, size)


class QueryFreeLogs:
    """WSGI middleware: after the app has answered, no query string is left in the environ.

    gunicorn builds its access-log line from the environ after the response is sent
    (`%(r)s` from RAW_URI, `%(q)s` from QUERY_STRING, `%(f)s` from HTTP_REFERER).
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        try:
            return self.wsgi_app(environ, start_response)
        finally:
            scrub_query(environ)


def scrub_query(environ: dict) -> None:
    """Remove the query string from every environ entry a log could print."""
    environ["QUERY_STRING"] = ""
    for name in ("RAW_URI", "REQUEST_URI", "HTTP_REFERER"):
        if name in environ:
            environ[name] = environ[name].split("?", 1)[0]


def init_app(app: Flask) -> None:
    """Add /healthz, the Allow header on 405s, and logs without query strings."""
    app.wsgi_app = QueryFreeLogs(app.wsgi_app)

    @app.get("/healthz")
    def healthz():
        catalog = app.extensions["catalog"]
        return jsonify(status="ok", content_revision=catalog.revision,
                       lessons=len(catalog.lessons))

    @app.errorhandler(MethodNotAllowed)
    def method_not_allowed(error: MethodNotAllowed):
        """The friendly 405 page, with the Allow header HTTP requires."""
        page, code = render_error(error)
        allowed = sorted(error.valid_methods or ["GET", "HEAD"])
        return page, code, {"Allow": ", ".join(allowed)}
