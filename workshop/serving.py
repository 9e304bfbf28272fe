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

Pupil pages at static speed: a GET without a query string to a page that is the same for
everyone (config `PAGE_CACHE_ENDPOINTS`: the pupil and site pages) is rendered once per content
revision and address (the address holds the language) and then served from memory, with
an ETag and a Last-Modified, and 304 to a browser that already has it. Pages with a query
(answers, choices), other blueprints and anything but a 200 HTML page are never kept.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict

from flask import Flask, Response, g, jsonify, request, url_for
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.routing import IntegerConverter
from werkzeug.serving import WSGIRequestHandler, _log

from .error_pages import render_error
from .store.tokens import redact

# Blueprints (name.) and endpoints whose pages are the same for every visitor.

# gunicorn: %(U)s is the path without its query string (see workshop/gunicorn_conf.py).
# No %(h)s: a pupil's phone that answers the class vote leaves no address in a log.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class AsciiIntegerConverter(IntegerConverter):
    """`<int:>` in routes: ASCII digits in canonical form only (`2`, never `٢`, `２` or
    `0002`). Werkzeug's own matches any Unicode digit and leading zeros: each spelling
    was one more URL for the same page, and one more entry in the page cache."""

    regex = r"(?:0|[1-9][0-9]*)"


class PathOnlyRequestHandler(WSGIRequestHandler):
    """The development server's handler, logging paths without their query strings."""

    def log_request(self, code="-", size="-") -> None:
        """Log the method, path (no query) and status of a request."""
        path = redact(self.path.split("?", 1)[0])
        self.log("info", '"%s %s %s" %s %s', self.command, path, self.request_version, code, size)

    def log(self, type: str, message: str, *args) -> None:
        """Werkzeug's log line without the client's address (it could identify a pupil's
        device)."""
        _log(type, f"[{self.log_date_time_string()}] {message}\n", *args)


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
    """Remove from the environ all a log could print that it must not: the query string,
    the token of a saved session's link (the key to a session), the client's address and
    browser."""
    environ["QUERY_STRING"] = ""
    for name in ("RAW_URI", "REQUEST_URI", "HTTP_REFERER"):
        if name in environ:
            environ[name] = environ[name].split("?", 1)[0]
    for name in ("PATH_INFO", "RAW_URI", "REQUEST_URI", "HTTP_REFERER"):
        if name in environ:
            environ[name] = redact(environ[name])
    # Nor who sent it: an address or a browser's name could single out a pupil's phone.
    environ["REMOTE_ADDR"] = "-"
    environ.pop("HTTP_USER_AGENT", None)


class PageCache:
    """Rendered pages by (content revision, path), the most recent `size` of them."""

    def __init__(self, size: int = 1024):
        self.size = size
        self._pages: OrderedDict[tuple, tuple[bytes, str, str, float]] = OrderedDict()
        self._lock = threading.Lock()
        self.renders = 0

    def get(self, key: tuple):
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, body: bytes, mimetype: str) -> tuple:
        etag = hashlib.sha256(body).hexdigest()[:32]
        page = (body, mimetype, etag, float(int(time.time())))
        with self._lock:
            self.renders += 1
            self._pages[key] = page
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
        return page


def _page_key(app: Flask) -> tuple | None:
    """The cache key of this request, if its page is the same for everyone."""
    if request.method not in ("GET", "HEAD") or request.query_string:
        return None
    endpoint = request.endpoint or ""
    if not any(
        endpoint == name or (name.endswith(".") and endpoint.startswith(name))
        for name in app.config["PAGE_CACHE_ENDPOINTS"]
    ):
        return None
    return app.extensions["catalog"].revision, request.path


def _conditional(page: tuple) -> Response:
    body, mimetype, etag, modified = page
    response = Response(body, mimetype=mimetype)
    response.set_etag(etag)
    response.last_modified = modified
    response.headers["Cache-Control"] = "no-cache"  # stored, but checked (304) each time
    response.make_conditional(request)  # in place: a 304 when the browser's copy is current
    return response


def warm_up(app: Flask) -> dict[str, int]:
    """Do once, in this process, what a process otherwise does on its first requests:
    compile every template, and ask for a pupil page of each kind in each language (the
    translations, the URL matcher, the regular expressions of the help links). Returns the
    status of each page asked for (a page missing from the content is no reason not to
    start: it is only not warmed).

    gunicorn's master calls it after preloading the app, before it forks a worker
    (workshop/gunicorn_conf.py): every worker, each recycled one's replacement too, starts
    with all of it. Without it a new worker's first pages waited 0.1–0.3 s on Jinja (issue
    31: the p99 of a lesson page was one such wait per recycle). The pages are pupil pages,
    the same for everyone: no database, no visitor, and they stay in the page cache."""
    for name in app.jinja_env.list_templates():
        app.jinja_env.get_template(name)
    hosts = [host.lstrip(".") for host in app.config.get("TRUSTED_HOSTS") or ["localhost"]]
    catalog = app.extensions["catalog"]
    paths = []
    with app.test_request_context(base_url=f"http://{hosts[0]}"):
        for lang in app.config["LANGUAGES"]:
            lesson = next((one for one in catalog.lessons.values() if one.lang == lang), None)
            paths += [url_for("site.home", lang=lang), url_for("learn.tiers", lang=lang)]
            if lesson is None:
                continue
            where = {"lang": lang, "tier": lesson.tier, "module": lesson.module}
            paths += [
                url_for("learn.start", **where),
                url_for("learn.step", number=1, **where),
                url_for("learn.question", number=1, **where),
                url_for("learn.situation", node=lesson.scenario.start, **where),
                url_for("learn.end", **where),
            ]
    client = app.test_client()
    return {path: client.get(path, base_url=f"http://{hosts[0]}").status_code for path in paths}


def init_app(app: Flask) -> None:
    """Add /healthz, the Allow header on 405s, logs without query strings, the page cache."""
    # Flask's documented way to wrap its WSGI app (and to replace its exception logger),
    # which mypy sees as assigning to a method.
    app.wsgi_app = QueryFreeLogs(app.wsgi_app)  # type: ignore[method-assign]
    app.url_map.converters["int"] = AsciiIntegerConverter

    def log_exception(exc_info) -> None:
        """Flask's "Exception on <path>" line, with the path's token redacted."""
        app.logger.error(
            "Exception on %s [%s]", redact(request.path), request.method, exc_info=exc_info
        )

    app.log_exception = log_exception  # type: ignore[method-assign]
    pages = app.extensions["page_cache"] = PageCache(app.config["PAGE_CACHE_SIZE"])

    @app.before_request
    def serve_from_memory():
        key = _page_key(app)
        page = pages.get(key) if key else None
        if page is not None:
            g.page_from_cache = True
            return _conditional(page)
        return None

    @app.after_request
    def keep_in_memory(response: Response):
        if (
            g.get("page_from_cache")
            or response.status_code != 200
            or response.mimetype != "text/html"
            or response.is_streamed
            or "Set-Cookie" in response.headers
            or "Cache-Control" in response.headers
        ):
            return response
        key = _page_key(app)
        if key is None:
            return response
        page = pages.put(key, response.get_data(), response.mimetype)
        conditional = _conditional(page)
        conditional.headers.extend(
            (name, value)
            for name, value in response.headers.items()
            if name not in conditional.headers
        )
        return conditional

    @app.get("/healthz")
    def healthz():
        catalog = app.extensions["catalog"]
        return jsonify(status="ok", content_revision=catalog.revision, lessons=len(catalog.lessons))

    @app.errorhandler(MethodNotAllowed)
    def method_not_allowed(error: MethodNotAllowed):
        """The friendly 405 page, with the Allow header HTTP requires."""
        page, code = render_error(error)
        allowed = sorted(error.valid_methods or ["GET", "HEAD"])
        return page, code, {"Allow": ", ".join(allowed)}
