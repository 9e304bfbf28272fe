"""Error pages in the visitor's language: helpful, never a stack trace."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from .catalog import get_catalog
from .i18n import current_language
from .vocabulary import ADULT_AREAS

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


# On the pupils' side (everything but the adults' areas), the page speaks to the pupil
# ("tu" in French) and says what to do next; the help routes are on every page.
PUPIL_MESSAGES = {
    400: (
        _l("This page could not be shown"),
        _l(
            "Its address is incomplete or was changed by hand. Use the button below to "
            "carry on: nothing you did was kept, so nothing is lost."
        ),
    ),
    403: (
        _l("This request was refused"),
        _l("Start from a page of this site, then use its buttons."),
    ),
    404: (
        _l("Page not found"),
        _l("This page does not exist: the address may be mistyped. Use the button below."),
    ),
    405: (
        _l("This action is not possible here"),
        _l("This page cannot be used that way. Use the links and buttons of the page."),
    ),
    413: (_l("Too much data sent"), _l("What you sent is too long. Shorten it and try again.")),
    500: (
        _l("Something went wrong on our side"),
        _l("Something broke while showing this page. Try again in a moment."),
    ),
    503: (
        _l("Busy for a moment"),
        _l("Déclic cannot answer right now. Try again in a moment: nothing about you was kept."),
    ),
}
QUIZ_MESSAGE = (
    _l("This quiz page could not be shown"),
    _l(
        "Its address is incomplete or was changed by hand. Start the quiz again from the "
        "first question: your answers are kept nowhere, so nothing is lost."
    ),
)
QUIZ_ENDPOINTS = frozenset({"learn.question", "learn.answer", "learn.result"})


def on_pupil_side() -> bool:
    """Whether this address is outside the adults' areas (a typed address included)."""
    segments = request.path.strip("/").split("/")
    area = segments[1] if len(segments) > 1 else ""
    return area not in ADULT_AREAS


def way_on() -> list[tuple[str, str]]:
    """Where a pupil goes from here: the quiz or the module they were in, if it exists,
    else their class's modules, else the list of classes; the code form for a vote."""
    args = request.view_args or {}
    catalog = get_catalog()
    endpoint = request.endpoint or ""
    tier, module = args.get("tier"), args.get("module")
    if endpoint.startswith("measure.vote"):
        return [(str(_l("Type the code again")), url_for("measure.vote"))]
    if (
        tier
        and tier in catalog.tiers
        and module
        and catalog.lesson(module, tier, current_language())
    ):
        ways = [
            (
                str(_l("Back to the start of the module")),
                url_for("learn.start", tier=tier, module=module),
            )
        ]
        if endpoint in QUIZ_ENDPOINTS:
            ways.insert(
                0,
                (
                    str(_l("Start the quiz again")),
                    url_for("learn.question", tier=tier, module=module, number=1),
                ),
            )
        return ways
    if tier in catalog.tiers:
        return [(str(_l("See the modules of your class")), url_for("learn.modules", tier=tier))]
    return [(str(_l("Choose your class")), url_for("learn.tiers"))]


def _ways_or_none() -> list[tuple[str, str]]:
    """way_on(), or no button if even that fails: the page itself must still answer."""
    try:
        return way_on()
    except Exception:
        current_app.logger.exception("Error page: no way on")
        return []


def init_app(app: Flask) -> None:
    """Render every HTTP error, and any unexpected exception, as a friendly page."""
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(Exception, _unexpected)


def render_error(error: HTTPException):
    """A page that says what happened and where to go next."""
    code = error.code or 500
    title, explanation = MESSAGES.get(code, (error.name, error.description))
    context: dict = {"pupil": False, "ways": []}
    # An error that knows better says its own (store.SessionLinkNotFound).
    title = getattr(error, "title", None) or title
    explanation = getattr(error, "explanation", None) or explanation
    try:
        if on_pupil_side():
            title, explanation = PUPIL_MESSAGES.get(code, (title, explanation))
            if code == 400 and request.endpoint in QUIZ_ENDPOINTS:
                title, explanation = QUIZ_MESSAGE
            context = {"pupil": True, "ways": _ways_or_none()}
        page = render_template(
            "errors/error.html", code=code, title=title, explanation=explanation, **context
        )
    except Exception:  # the error page itself failed: answer plainly, still no trace
        current_app.logger.exception("Error page failed")
        page = f"<!doctype html><title>{escape(title)}</title><h1>{escape(title)}</h1>"
    return page, code


def _unexpected(error: Exception):
    """Log the exception for the operators; show the visitor a plain 500 page."""
    current_app.logger.exception("Unhandled exception")
    return render_error(InternalServerError())
