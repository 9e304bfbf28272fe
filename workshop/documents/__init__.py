"""PDF documents made with WeasyPrint: the facilitator pack and the pupil handouts."""

from __future__ import annotations

import datetime as dt

from flask import Flask, current_app, render_template
from flask_babel import force_locale, format_date

from ..catalog import get_catalog
from .pdf import PdfCache, render_pdf
from .session import SessionChoices, lessons_for, plan_session


def init_app(app: Flask) -> None:
    """Give the app its PDF cache."""
    app.extensions["pdf_cache"] = PdfCache(size=app.config.get("PDF_CACHE_SIZE", 64))


def _build(template: str, choices: SessionChoices, **context) -> bytes:
    """Render a document template in the session's language, then to PDF, once per key."""
    catalog = get_catalog()
    cache: PdfCache = current_app.extensions["pdf_cache"]

    def build() -> bytes:
        lessons = lessons_for(catalog, choices)
        with force_locale(choices.lang):
            html = render_template(template, choices=choices, lessons=lessons,
                                   tier=catalog.tiers[choices.tier], catalog=catalog,
                                   lang=choices.lang, built=dt.date.today(),
                                   card_numbers=card_numbers, legal_refs=legal_refs_of,
                                   format_date=format_date, **context)
        return render_pdf(html, current_app.config["STATIC_DIR"],
                          current_app.config["CONTENT_DIR"])

    return cache.get_or_build(PdfCache.key(catalog.revision, template, choices.key()), build)


def card_numbers(lesson) -> dict[str, int]:
    """Each scenario node's card number, in file order."""
    return {node_id: number for number, node_id in enumerate(lesson.scenario.nodes, start=1)}


def legal_refs_of(lessons) -> list:
    """The legal references the lessons cite, each once, in the order first cited."""
    legal = get_catalog().jurisdiction.legal
    ids = dict.fromkeys(ref for lesson in lessons for ref in lesson.legal_refs)
    return [legal[ref_id] for ref_id in ids]


def pack_pdf(choices: SessionChoices) -> bytes:
    """The facilitator pack for a session, as a PDF."""
    lessons = lessons_for(get_catalog(), choices)
    return _build("documents/pack.html", choices, plan=plan_session(lessons, choices.minutes))


def handout_pdf(choices: SessionChoices) -> bytes:
    """One page for pupils per module of the session, as a PDF."""
    return _build("documents/handout.html", choices)
