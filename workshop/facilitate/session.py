"""The session builder: choices for one class in, a facilitator pack or handouts out (PDF)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from flask import Response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from ..catalog import get_catalog
from ..documents import briefing_pdf, handout_pdf, pack_pdf, pdf_response
from ..i18n import LANGUAGE_NAMES, current_language
from ..planning import read_choices
from ..planning.choices import TEXT_LIMITS
from ..planning.downloads import attachment
from . import bp
from .slides import offline_kit, slide_query

DOCUMENTS = {"pack": pack_pdf, "handout": handout_pdf, "briefing": briefing_pdf}
# Not PDFs: the slides (a redirect that carries only what they use) and the offline kit (zip).
OTHER_DOCUMENTS = ("slides", "kit")


@bp.get("/session")
def session_form():
    """The form: language, class level, modules, length, and the session's details."""
    values = {
        "lang": current_language(),
        "tier": request.args.get("tier", ""),
        "modules": request.args.getlist("module"),
        "periods": "1",
    }
    return session_form_page(values, {}), 200


@bp.post("/session")
def session_documents():
    """Check the form; answer with the PDF, or with the form and its errors (400)."""
    catalog = get_catalog()
    choices, errors, values = read_choices(request.form, catalog, today=dt.date.today())
    document = request.form.get("document", "pack")
    if document not in DOCUMENTS and document not in OTHER_DOCUMENTS:
        errors["document"] = _l("Choose a document to download.")
    if errors:
        return session_form_page(values, errors), 400
    if document == "slides":
        return redirect(
            url_for("facilitate.session_slides")
            + "?"
            + urlencode(list(slide_query(choices).items(multi=True))),
            303,
        )
    if document == "kit":
        return Response(
            offline_kit(choices, choices.file_stem("kit")),
            mimetype="application/zip",
            headers={"Content-Disposition": attachment(choices, "kit", "zip")},
        )
    return pdf_response(DOCUMENTS[document](choices), choices, document)


def session_form_page(values: dict, errors: dict, editing: str | None = None) -> str:
    """The session form with the values typed and the errors next to their fields.

    `editing` is the presenter's token when the form changes a saved session.
    """
    catalog = get_catalog()
    return render_template(
        "facilitate/session.html",
        values=values,
        errors=errors,
        tiers=catalog.tiers.values(),
        modules=catalog.modules.values(),
        catalog_languages=catalog.languages,
        language_names=LANGUAGE_NAMES,
        text_limits={**TEXT_LIMITS, "class_size": 3},
        editing=editing,
    )
