"""Classroom slides from the same content, with a presenter view kept in step in the browser."""

from __future__ import annotations

from flask import abort, render_template, request, url_for

from ..catalog import get_catalog, lesson_or_404
from ..documents import pdf_response, slides_pdf
from ..i18n import current_language
from ..planning import (
    SessionChoices, build_deck, lessons_for, plan_session, read_choices, situation_slides,
)
from . import bp


@bp.get("/slides/<tier>/<module>/")
def lesson_slides(tier: str, module: str):
    """The slides of one lesson, for one 55-minute period."""
    lesson_or_404(module, tier, current_language())
    return _slides_page("facilitate/slides.html", _single(tier, module), _lesson_urls(tier, module))


@bp.get("/slides/<tier>/<module>/presenter")
def lesson_presenter(tier: str, module: str):
    """The presenter view of one lesson's slides."""
    lesson_or_404(module, tier, current_language())
    return _slides_page("facilitate/presenter.html", _single(tier, module),
                        _lesson_urls(tier, module))


@bp.get("/slides/<tier>/<module>/slides.pdf")
def lesson_slides_pdf(tier: str, module: str):
    """The slides as a PDF, one slide a page, as a backup."""
    lesson_or_404(module, tier, current_language())
    choices = _single(tier, module)
    return pdf_response(slides_pdf(choices), f"declic-slides-{tier}-{module}-{choices.lang}")


@bp.get("/slides/session")
def session_slides():
    """The slides of a planned session (the session builder's choices, in the query)."""
    return _slides_page("facilitate/slides.html", _session_choices(), _session_urls())


@bp.get("/slides/session/presenter")
def session_presenter():
    """The presenter view of a planned session's slides."""
    return _slides_page("facilitate/presenter.html", _session_choices(), _session_urls())


@bp.get("/slides/session/slides.pdf")
def session_slides_pdf():
    """A planned session's slides as a PDF."""
    choices = _session_choices()
    return pdf_response(slides_pdf(choices), f"declic-slides-{choices.tier}-{choices.lang}")


def _lesson_urls(tier: str, module: str) -> dict:
    return {name: url_for(f"facilitate.lesson_{name}", tier=tier, module=module)
            for name in ("slides", "presenter", "slides_pdf")}


def _session_urls() -> dict:
    query = "?" + request.query_string.decode("ascii", "replace")
    return {name: url_for(f"facilitate.session_{name}") + query
            for name in ("slides", "presenter", "slides_pdf")}


def _single(tier: str, module: str) -> SessionChoices:
    return SessionChoices(lang=current_language(), tier=tier, modules=(module,))


def _session_choices() -> SessionChoices:
    """Choices read from the query string; anything invalid is a 400."""
    choices, errors, _ = read_choices(request.args, get_catalog())
    if errors or choices is None:
        abort(400)
    return choices


def _slides_page(template: str, choices: SessionChoices, urls: dict):
    """Render the projected or presenter view of a deck."""
    catalog = get_catalog()
    lessons = lessons_for(catalog, choices)
    plan = plan_session(lessons, choices.minutes)  # fits: read_choices checked it
    deck = build_deck(lessons)
    return render_template(template, deck=deck, slide_of=situation_slides(deck), plan=plan,
                           choices=choices, lessons=lessons, urls=urls,
                           resources=catalog.jurisdiction.resources)
