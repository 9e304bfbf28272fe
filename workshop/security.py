"""Security on every response and request: strict headers, trusted hosts, same-origin only
for whatever builds a document or changes data.

Headers: a strict CSP and no third-party origin, on every response; and on every page of a
capability link (a `<token>` in its route: the presenter's, the head's, the screen's), an
`X-Robots-Tag` so that no search engine keeps one that leaked, and `Cache-Control:
no-store`, so that no browser's disk cache (a shared school computer) keeps the page, its
links or its documents.

Trusted hosts: `TrustedHostsOnly` answers a plain 400 to any request whose Host header is
not in `TRUSTED_HOSTS` (config), before Flask builds a URL from it, so that no redirect
or link ever carries a foreign host.

Cross-site requests refused (`refuse_cross_site`, a before_request): a request from
another site's page (a form posted from elsewhere, an `<img>` or link pointing at a PDF)
is answered 403 with the error page in the page's language ("This request was refused"),
and nothing is built or changed.
It guards, with no code in the view:

- every request whose method is not GET, HEAD or OPTIONS (anything that changes data);
- every path ending in `.pdf` or `.pptx` (every document is built on a GET to such a URL);
- any other view decorated with `@same_origin_only`.

A route that changes data (e.g. saving a session) only has to use POST (or PUT, PATCH,
DELETE) to be guarded; a GET view that builds something expensive takes the decorator::

    from ..security import same_origin_only

    @bp.get("/<tier>/export")
    @same_origin_only
    def export(tier): ...

How a request is judged, in this order: `Sec-Fetch-Site` (sent by every current browser)
must be `same-origin` or `none` (typed, bookmarked); without it, an `Origin` header, when
present, must name this host (`Origin: null`, sent from a sandboxed frame or a `data:`
page, counts as another site's; the price: Safari before 16.4, which sends no
Sec-Fetch-Site and, under `Referrer-Policy: no-referrer`, `Origin: null` on the app's own
forms, gets the 403 too). A request with neither comes from a browser
too old to send them or from a program, not from a page of another site: it passes. A
form on the app's own pages therefore works as before, without JavaScript.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request
from werkzeug.exceptions import Forbidden
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.sansio.utils import host_is_trusted

from .error_pages import render_error

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

DOCUMENT_SUFFIXES = (".pdf", ".pptx")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})


class CrossSiteRefused(Forbidden):
    """A request from another site's page to a route that builds or changes something."""


def same_origin_only(view):
    """Guard a GET view that builds something: cross-site requests to it get a 403."""
    view.same_origin_only = True
    return view


def is_cross_site() -> bool:
    """Whether this request comes from a page of another site (see the module docstring)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site.strip().lower() not in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    if origin.strip().lower() == "null":
        return True
    return urlsplit(origin.strip()).netloc.lower() != request.host.lower()


def is_guarded(app: Flask) -> bool:
    """Whether this request builds a document or changes data."""
    if request.method not in SAFE_METHODS or request.path.endswith(DOCUMENT_SUFFIXES):
        return True
    view = app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "same_origin_only", False))


def cross_site_page(error: CrossSiteRefused):
    """The 403 page of error_pages (in the page's language), never cached."""
    page, code = render_error(error)
    return page, code, {"Cache-Control": "no-store"}


class TrustedHostsOnly:
    """WSGI middleware: a request for a host not in TRUSTED_HOSTS gets a plain 400."""

    PAGE = (
        "<!doctype html><html lang='fr'><meta charset='utf-8'><title>400</title>"
        "<h1>Adresse inconnue · Unknown address</h1>"
        "<p>Ce site ne répond pas à ce nom. · This site does not answer to this name.</p>"
    )

    def __init__(self, wsgi_app, trusted_hosts):
        self.wsgi_app = wsgi_app
        self.trusted_hosts = list(trusted_hosts) if trusted_hosts is not None else None

    def __call__(self, environ, start_response):
        if self.trusted_hosts is not None:
            host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
            if not host_is_trusted(host, self.trusted_hosts):
                body = self.PAGE.encode()
                start_response(
                    "400 Bad Request",
                    [
                        ("Content-Type", "text/html; charset=utf-8"),
                        ("Content-Length", str(len(body))),
                        ("Cache-Control", "no-store"),
                        *HEADERS.items(),
                    ],
                )
                return [body]
        return self.wsgi_app(environ, start_response)


def init_app(app: Flask) -> None:
    """Security headers on every response; trusted hosts; cross-site requests refused."""
    # Flask's documented way to wrap its WSGI app (mypy sees an assignment to a method).
    app.wsgi_app = TrustedHostsOnly(  # type: ignore[method-assign]
        app.wsgi_app, app.config.get("TRUSTED_HOSTS")
    )
    if app.config.get("BEHIND_PROXY"):
        # Behind deploy/nginx.conf: the scheme (and client address) the proxy saw, so
        # that a redirect stays on https. Only ever one proxy; the Host is still checked.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)  # type: ignore[method-assign]
    app.register_error_handler(CrossSiteRefused, cross_site_page)

    @app.before_request
    def refuse_cross_site():
        if is_guarded(app) and is_cross_site():
            raise CrossSiteRefused()

    @app.after_request
    def add_security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.view_args and "token" in request.view_args:
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
            response.headers["Cache-Control"] = "no-store"
        return response


__all__ = ["CrossSiteRefused", "TrustedHostsOnly", "is_cross_site", "same_origin_only"]
