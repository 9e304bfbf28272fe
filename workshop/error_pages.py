"""Error pages in the visitor's language: helpful, never a stack trace."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: (
        _l("This request could not be understood"),
        _l("Something in the address or the form is not valid. Go back and try again."),
    ),
    403: (
        _l("This request was refused"),
        _l(
            "This action must be started from a page of this site. Go back to the page, "
            "then use its button."
        ),
    ),
    404: (
        _l("Page not found"),
        _l("This page does not exist. The address may be mistyped, or the page may have moved."),
    ),
    405: (
        _l("This action is not possible here"),
        _l("This page cannot be used that way. Go back and use the links on the page."),
    ),
    413: (_l("Too much data sent"), _l("What was sent is too large. Shorten it and try again.")),
    500: (
        _l("Something went wrong on our side"),
        _l("The page could not be shown. Try again in a moment."),
    ),
    503: (
        _l("Busy for a moment"),
        _l(
            "The service cannot answer right now. Nothing was lost or half-saved: "
            "try again in a moment."
        ),
    ),
}


def init_app(app: Flask) -> None:
    """Render every HTTP error, and any unexpected exception, as a friendly page."""
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(Exception, _unexpected)


def render_error(error: HTTPException):
    """A page that says what happened and where to go next."""
    code = error.code or 500
    title, explanation = MESSAGES.get(code, (error.name, error.description))
    # An error that knows better says its own (store.SessionLinkNotFound).
    title = getattr(error, "title", None) or title
    explanation = getattr(error, "explanation", None) or explanation
    try:
        page = render_template("errors/error.html", code=code, title=title, explanation=explanation)
    except Exception:  # the error page itself failed: answer plainly, still no trace
        current_app.logger.exception("Error page failed")
        page = f"<!doctype html><title>{escape(title)}</title><h1>{escape(title)}</h1>"
    return page, code


def _unexpected(error: Exception):
    """Log the exception for the operators; show the visitor a plain 500 page."""
    current_app.logger.exception("Unhandled exception")
    return render_error(InternalServerError())
