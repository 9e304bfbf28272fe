"""Saved sessions, the presenter's side: save, see the head's decision, edit, print, delete.

No account: the presenter's private link (a token in the path) is the key to the session's
page; the head gets a separate link. A wrong token is the same 404 as an unknown page.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from flask import Response, abort, current_app, jsonify, redirect, render_template, request, url_for

from ..approval import session_context, session_standing
from ..catalog import get_catalog
from ..documents import approval_key, briefing_pdf, handout_pdf, pack_pdf, pdf_response, slides_pdf
from ..documents.revision import code_revision
from ..export import export_links
from ..planning import form_values, read_choices
from ..planning.downloads import attachment
from ..planning.sequence import build_sequence, sequence_texts
from ..qr import qr_svg
from ..store import get_engine, presenter_session_or_404, sessions
from ..store.prepared import document_key
from ..store.tokens import head_token_for, screen_token_for, teacher_token_for
from . import bp
from .prepared import prepared
from .session import session_form_page
from .slides import PPTX_TYPE, deck_pptx, offline_kit

# The slides too: downloads, not projected, so the presenter's link is the place for them
# (with the school's safeguarding contact on the help slides).
SAVED_DOCUMENTS = {
    "pack": pack_pdf,
    "handout": handout_pdf,
    "briefing": briefing_pdf,
    "slides": slides_pdf,
}
# The documents that print the head's decision (the handout is for pupils).
APPROVAL_DOCUMENTS = frozenset({"pack", "briefing"})


def document_jobs(saved) -> dict:
    """{document: (fingerprint, build)} of a saved session's downloads: the PDFs, the
    PowerPoint and the offline kit. The fingerprint is all a document prints (the pack and
    the briefing print the day: "Printed on") and the code that laid it out."""
    catalog = get_catalog()
    choices = saved.choices
    _, _, status = session_standing(catalog, saved)
    code = code_revision()
    today = dt.date.today().isoformat()

    def fingerprint(name: str) -> str:
        printed = (catalog.revision, code, today, name, repr(choices))
        if name in APPROVAL_DOCUMENTS:
            printed += (repr(approval_key(status)),)
        return hashlib.sha256(repr(printed).encode()).hexdigest()

    def pdf(name: str):
        build = SAVED_DOCUMENTS[name]
        if name in APPROVAL_DOCUMENTS:
            return lambda: build(choices, approval=status)
        return lambda: build(choices)

    jobs = {name: (fingerprint(name), pdf(name)) for name in SAVED_DOCUMENTS}
    jobs["pptx"] = (fingerprint("pptx"), lambda: deck_pptx(choices))
    jobs["kit"] = (fingerprint("kit"), lambda: offline_kit(choices, choices.file_stem("kit")))
    return jobs


def prepare_documents(saved, token: str) -> None:
    """Start preparing the session's documents in the background (those not ready), sealed
    under the presenter's link (`token`)."""
    prepare = current_app.config["PREPARE_DOCUMENTS"]
    if not current_app.testing if prepare is None else prepare:
        prepared().prepare(
            current_app._get_current_object(),
            saved.id,
            saved.choices.lang,
            document_jobs(saved),
            document_key(token),
        )


def documents_ready(saved) -> dict:
    """{document: whether a click gets it at once}."""
    fingerprints = {name: job[0] for name, job in document_jobs(saved).items()}
    return prepared().ready(saved.id, saved.choices.lang, fingerprints)


@bp.get("/sessions/<token>/documents.json")
def saved_documents_state(token: str):
    """Which documents are ready (the saved page and the presenter view poll it)."""
    response = jsonify(documents_ready(presenter_session_or_404(token)))
    response.headers["Cache-Control"] = "no-store"
    return response


def _document(saved, token: str, name: str) -> tuple[bytes, str]:
    """A document of the session: prepared ahead, or built now; and which (the response's
    X-Declic-Document header, which the production test reads)."""
    fingerprint, build = document_jobs(saved)[name]
    lang = saved.choices.lang
    data, ready = prepared().build(saved.id, name, lang, fingerprint, build, document_key(token))
    assert data is not None  # only a background build leaves a document to another process
    return data, "prepared" if ready else "built"


@bp.post("/session/save")
def save_session():
    """Check the form; store the session and go to its private page (303)."""
    choices, errors, values = read_choices(request.form, get_catalog(), today=dt.date.today())
    if errors:
        return session_form_page(values, errors), 400
    _, presenter, _ = sessions.create(get_engine(), choices, current_app.config["RETENTION_DAYS"])
    prepare_documents(presenter_session_or_404(presenter), presenter)
    return redirect(url_for("facilitate.saved_session", token=presenter), 303)


@bp.get("/sessions/<token>/")
def saved_session(token: str):
    """The session's private page: its status, its links, its documents (prepared in the
    background if this process has not got them yet), its files for the school's platform;
    "saved" after a change."""
    saved = presenter_session_or_404(token)
    prepare_documents(saved, token)
    links = export_links(
        saved.choices,
        lambda name: url_for("facilitate.saved_session_export", token=token, name=name),
    )
    return _page(
        "facilitate/saved.html",
        token,
        saved,
        just_saved="saved" in request.args,
        ready=documents_ready(saved),
        moodle_links=links,
        catalog_modules=get_catalog().modules,
    )


def _page(template: str, token: str, saved, **extra):
    """Render a page of a saved session with its plan and the head's decision."""
    return render_template(
        template,
        token=token,
        head_token=head_token_for(token),
        slides_url=url_for("screen.slides", token=screen_token_for(token)),
        teacher_token=teacher_token_for(token),
        sequence=build_sequence(get_catalog(), saved.choices),
        sequence_texts=sequence_texts(get_catalog(), saved.choices),
        **session_context(get_catalog(), saved),
        **extra,
    )


@bp.get("/sessions/<token>/edit")
def edit_saved_session(token: str):
    """The session form, filled in with the saved choices."""
    choices = presenter_session_or_404(token).choices
    return session_form_page(form_values(choices), {}, editing=token)


@bp.post("/sessions/<token>/edit")
def update_saved_session(token: str):
    """Save the changed choices (the head's decision is withdrawn: it no longer fits)."""
    saved = presenter_session_or_404(token)
    # A past date is refused unless it is the one the period already had: an old session
    # stays editable without typing its dates again (planning/choices.py, read_dates).
    choices, errors, values = read_choices(
        request.form, get_catalog(), today=dt.date.today(), kept=saved.choices.dates
    )
    if errors:
        return session_form_page(values, errors, editing=token), 400
    if choices != saved.choices and not sessions.update_choices(
        get_engine(), saved.id, choices, current_app.config["RETENTION_DAYS"]
    ):
        abort(404)
    prepare_documents(presenter_session_or_404(token), token)
    return redirect(url_for("facilitate.saved_session", token=token, saved=1), 303)


@bp.get("/sessions/<token>/links")
def saved_session_links(token: str):
    """A printable sheet with the private links (presenter, head, class teacher), as text and
    as QR codes."""
    saved = presenter_session_or_404(token)
    links = {
        "presenter": url_for("facilitate.saved_session", token=token, _external=True),
        "head": url_for("review.session_review", token=head_token_for(token), _external=True),
        "teacher": url_for("teach.sequence_page", token=teacher_token_for(token), _external=True),
    }
    codes = {name: qr_svg(url, scale=3) for name, url in links.items()}
    return _page("facilitate/saved_links.html", token, saved, links=links, codes=codes)


@bp.get("/sessions/<token>/delete")
def confirm_delete_saved_session(token: str):
    """Ask before deleting: nothing can be undone."""
    return _page("facilitate/saved_delete.html", token, presenter_session_or_404(token))


@bp.post("/sessions/<token>/delete")
def delete_saved_session(token: str):
    """Delete the session and everything attached to it, now."""
    saved = presenter_session_or_404(token)
    sessions.delete_session(get_engine(), saved.id)  # its prepared documents with it
    return render_template("facilitate/saved_deleted.html")


@bp.get("/sessions/<token>/<document>.pdf")
def saved_session_pdf(token: str, document: str):
    """A document of the saved session, printing the head's decision."""
    if document not in SAVED_DOCUMENTS:
        abort(404)
    saved = presenter_session_or_404(token)
    data, source = _document(saved, token, document)
    response = pdf_response(data, saved.choices, document)
    response.headers["X-Declic-Document"] = source
    # Under a private link, whatever it prints (a stored copy no longer knows whether it is
    # personal).
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/sessions/<token>/slides.pptx")
def saved_slides_pptx(token: str):
    """The saved session's slides as an editable PowerPoint file, with its contact."""
    saved = presenter_session_or_404(token)
    return _download(
        *_document(saved, token, "pptx"), PPTX_TYPE, attachment(saved.choices, "slides", "pptx")
    )


@bp.get("/sessions/<token>/kit.zip")
def saved_session_kit(token: str):
    """The offline kit of the saved session (slides and presenter view from a USB key)."""
    saved = presenter_session_or_404(token)
    data, source = _document(saved, token, "kit")
    return _download(data, source, "application/zip", attachment(saved.choices, "kit", "zip"))


def _download(data: bytes, source: str, mimetype: str, disposition: str) -> Response:
    return Response(
        bytes(data),
        mimetype=mimetype,
        headers={
            "Content-Disposition": disposition,
            "Cache-Control": "no-store",
            "X-Declic-Document": source,
        },
    )
