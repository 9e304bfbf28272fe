"""Classroom slides from the same content, with a presenter view kept in step in the browser.

The deck is the session's plan (planning/deck/). The projected window and the presenter
view talk on one channel named after the deck (language, level, modules, periods), through a
BroadcastChannel and through the window each one opened, so that they stay in step from a
server and from files on a USB key.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    render_template,
    render_template_string,
    request,
    url_for,
)
from flask_babel import force_locale
from werkzeug.datastructures import MultiDict

from ..catalog import get_catalog, lesson_or_404
from ..documents import PERSONAL, briefing_pdf, handout_pdf, pack_pdf, pdf_response, slides_pdf
from ..documents.deck_pages import deck_for, render_deck
from ..i18n import current_language
from ..planning import SessionChoices, read_choices, situation_slides
from ..planning.downloads import attachment
from . import bp
from .pptx_deck import build_pptx

# What "Show the slides" may put in the address: never a name or a contact.
SLIDE_FIELDS = ("lang", "tier", "modules", "periods")


@bp.get("/slides/<tier>/<module>/")
def lesson_slides(tier: str, module: str):
    """The slides of one lesson, for one 55-minute period."""
    lesson_or_404(module, tier, current_language())
    return _slides_page("facilitate/slides.html", _single(tier, module), _lesson_urls(tier, module))


@bp.get("/slides/<tier>/<module>/presenter")
def lesson_presenter(tier: str, module: str):
    """The presenter view of one lesson's slides."""
    lesson_or_404(module, tier, current_language())
    return _slides_page(
        "facilitate/presenter.html", _single(tier, module), _lesson_urls(tier, module)
    )


@bp.get("/slides/<tier>/<module>/slides.pdf")
def lesson_slides_pdf(tier: str, module: str):
    """The slides as a PDF, one slide a page, as a backup."""
    lesson_or_404(module, tier, current_language())
    choices = _single(tier, module)
    return pdf_response(slides_pdf(choices), choices, "slides")


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
    return pdf_response(slides_pdf(choices), choices, "slides")


@bp.get("/slides/<tier>/<module>/slides.pptx")
def lesson_slides_pptx(tier: str, module: str):
    """The slides as an editable PowerPoint file, the notes in the notes pane."""
    lesson_or_404(module, tier, current_language())
    return pptx_response(_single(tier, module))


@bp.get("/slides/session/slides.pptx")
def session_slides_pptx():
    """A planned session's slides as an editable PowerPoint file."""
    choices = _session_choices()
    return pptx_response(choices)


def pptx_response(choices: SessionChoices) -> Response:
    """The deck as a PowerPoint download; one that prints a contact (or any of the
    session's details) is never stored by a cache."""
    personal = any(getattr(choices, name, None) for name in PERSONAL)
    return Response(
        deck_pptx(choices),
        mimetype=PPTX_TYPE,
        headers={
            "Content-Disposition": attachment(choices, "slides", "pptx"),
            "Cache-Control": "no-store" if personal else "public, max-age=3600",
        },
    )


PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def deck_pptx(choices: SessionChoices) -> bytes:
    """The session's deck as a PowerPoint file: each slide's text, its notes (the current
    activity and its minutes first) in the notes pane."""
    catalog = get_catalog()
    deck = deck_for(choices)
    slide_of = situation_slides(deck)
    context = {
        "slide_of": slide_of,
        "resources": catalog.jurisdiction.resources,
        "lang": choices.lang,
    }
    pairs = []
    with force_locale(choices.lang):
        for slide in deck:
            html = render_template_string(SLIDE, slide=slide, **context)
            notes = render_template_string(NOTES, slide=slide, **context)
            pairs.append((html, notes))
    return build_pptx(pairs)


SLIDE = '{% include "facilitate/_slide.html" %}'
NOTES = (
    '<p>{% if slide.activity %}{{ _("Period %(n)s", n=slide.period) }} · '
    "{{ slide.activity.item.title }} · {{ slide.activity.item.minutes }} min "
    "({{ slide.activity.minute }}–{{ slide.activity.minute_end }}){% endif %}</p>"
    '{% include "facilitate/_slide_notes.html" %}'
)


def slide_query(choices: SessionChoices) -> MultiDict:
    """The address's query for a session's slides: only what the slides use."""
    return MultiDict(
        [
            ("lang", choices.lang),
            ("tier", choices.tier),
            *(("modules", m) for m in choices.modules),
            ("periods", str(choices.periods)),
        ]
    )


def _lesson_urls(tier: str, module: str) -> dict:
    urls = {
        name: url_for(f"facilitate.lesson_{name}", tier=tier, module=module)
        for name in ("slides", "presenter", "slides_pdf", "slides_pptx")
    }
    return {**urls, "help": url_for("site.help_page")}


def _session_urls() -> dict:
    query = "?" + request.query_string.decode("ascii", "replace")
    urls = {
        name: url_for(f"facilitate.session_{name}") + query
        for name in ("slides", "presenter", "slides_pdf", "slides_pptx")
    }
    return {**urls, "help": url_for("site.help_page")}


def _single(tier: str, module: str) -> SessionChoices:
    return SessionChoices(lang=current_language(), tier=tier, modules=(module,))


def _session_choices() -> SessionChoices:
    """Choices read from the query string; anything invalid is a 400. Only what the slides
    use is read: a name or a contact in the address is ignored."""
    fields = MultiDict([(k, v) for k, v in request.args.items(multi=True) if k in SLIDE_FIELDS])
    choices, errors, _ = read_choices(fields, get_catalog())
    if errors or choices is None:
        abort(400)
    return choices


def _slides_page(template: str, choices: SessionChoices, urls: dict):
    """Render the projected or presenter view of a deck."""
    return render_deck(
        template, choices, urls, lambda filename: url_for("static", filename=filename)
    )


# The offline kit: everything for the classroom on a USB key, no server and no network.
KIT_ASSETS = (
    "css/slides.css",
    "favicon.svg",
    "js/slides.js",
    "fonts/OFL.txt",
    "fonts/atkinson-hyperlegible-latin-400-normal.woff2",
    "fonts/atkinson-hyperlegible-latin-700-normal.woff2",
)


def offline_kit(choices: SessionChoices, folder: str) -> bytes:
    """A zip: the deck and its presenter view as files that run from file:// (keyboard,
    presenter in step), with the pack, the handouts and the briefing."""
    urls = {
        "slides": "slides.html",
        "presenter": "presenter.html",
        "slides_pdf": None,
        "slides_pptx": "slides.pptx",
        "help": None,
    }
    with force_locale(choices.lang):
        pages = {
            name: render_deck(
                f"facilitate/{name}.html", choices, urls, lambda filename: "static/" + filename
            )
            for name in ("slides", "presenter")
        }
        readme = render_template("facilitate/kit_readme.txt", choices=choices)
    files = {
        "slides.html": pages["slides"],
        "presenter.html": pages["presenter"],
        "LISEZMOI-README.txt": readme,
        "slides.pptx": deck_pptx(choices),
        "pack.pdf": pack_pdf(choices),
        "handouts.pdf": handout_pdf(choices),
        "briefing.pdf": briefing_pdf(choices),
    }
    static = Path(current_app.static_folder)
    for asset in KIT_ASSETS:
        files["static/" + asset] = (static / asset).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as kit:
        for name, data in files.items():
            kit.writestr(f"{folder}/{name}", data)
    return buffer.getvalue()
