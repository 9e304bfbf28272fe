"""PDF documents made with WeasyPrint: pack, handouts, review, briefing and slides."""

from __future__ import annotations

import datetime as dt

from flask import Flask, Response, current_app, render_template
from flask_babel import force_locale, format_date, gettext

from ..catalog import get_catalog
from ..catalog.briefing import fill
from .pdf import PdfCache, render_pdf
from ..planning import SessionChoices, build_deck, lessons_for, plan_session, situation_slides


def init_app(app: Flask) -> None:
    """Give the app its PDF cache."""
    app.extensions["pdf_cache"] = PdfCache(size=app.config.get("PDF_CACHE_SIZE", 64))


def _build(template: str, choices: SessionChoices, extra=None) -> bytes:
    """Render a document template in the session's language, then to PDF, once per key.

    `extra(lessons)` gives the template's own context; it runs only when the PDF is built,
    never for a document already in the cache.
    """
    catalog = get_catalog()
    cache: PdfCache = current_app.extensions["pdf_cache"]

    def build() -> bytes:
        lessons = lessons_for(catalog, choices)
        context = extra(lessons) if extra else {}
        with force_locale(choices.lang):
            html = render_template(template, choices=choices, lessons=lessons,
                                   tier=catalog.tiers[choices.tier], catalog=catalog,
                                   lang=choices.lang, built=dt.date.today(),
                                   format_date=format_date, **context)
        return render_pdf(html, current_app.config["STATIC_DIR"],
                          current_app.config["CONTENT_DIR"])

    return cache.get_or_build(PdfCache.key(catalog.revision, template, choices.key()), build)


def pack_pdf(choices: SessionChoices) -> bytes:
    """The facilitator pack for a session, as a PDF."""
    return _build("documents/pack.html", choices,
                  lambda lessons: {"plan": plan_session(lessons, choices.minutes)})


def handout_pdf(choices: SessionChoices) -> bytes:
    """One page for pupils per module of the session, as a PDF."""
    return _build("documents/handout.html", choices)


def review_pdf(choices: SessionChoices) -> bytes:
    """Everything pupils of a tier see, with the facilitator notes, as a PDF."""
    return _build("documents/review.html", choices)


def briefing_pdf(choices: SessionChoices) -> bytes:
    """The school head's briefing, filled in with the session's details if any."""
    return _build("documents/briefing.html", choices,
                  lambda lessons: {"letters": parent_letters(get_catalog(), choices)})


def parent_letters(catalog, choices: SessionChoices) -> dict:
    """The parent letter in every language, filled in: {lang: (title, html)}."""
    letters = {}
    for lang in catalog.languages:
        with force_locale(lang):
            title = gettext("Letter to parents")
        letters[lang] = (title, fill(catalog.briefings[lang].sections["parent-letter"],
                                     letter_values(catalog, choices, lang)))
    return letters


def letter_values(catalog, choices: SessionChoices, lang: str) -> dict[str, str]:
    """The session's details as the parent letter in one language prints them."""
    with force_locale(lang):
        date = format_date(choices.date, "long") if choices.date else ""
    titles = [catalog.modules[m].titles[lang] for m in choices.modules]
    return {"school": choices.school, "class": choices.class_name, "date": date,
            "presenter": choices.presenter, "role": choices.role,
            "modules": ", ".join(titles), "tier": catalog.tiers[choices.tier].labels[lang],
            "contact": choices.safeguarding_contact}


def pdf_response(pdf: bytes, stem: str) -> Response:
    """A PDF download."""
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{stem}.pdf"'})


def slides_pdf(choices: SessionChoices) -> bytes:
    """The classroom slides, landscape, one slide a page, as a backup."""
    def deck_context(lessons) -> dict:
        deck = build_deck(lessons)
        return {"deck": deck, "slide_of": situation_slides(deck)}

    return _build("documents/slides.html", choices, deck_context)
