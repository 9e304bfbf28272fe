"""Saved sessions, the school head's side: review exactly what this class will get, then
approve it or ask for changes. The head's link (a token in the path) is the only key."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from ..catalog import get_catalog
from ..documents import briefing_pdf, pdf_response, review_pdf
from ..planning import lessons_for
from ..planning.sequence import build_sequence, sequence_texts
from ..store import get_engine, head_session_or_404, sessions
from ..store.tokens import teacher_token_from_head
from . import bp
from .approval import read_decision, session_context
from .snapshot import snapshot


@bp.get("/sessions/<token>/")
def session_review(token: str):
    """This session as the class will see and hear it, with the decision form."""
    return _review_page(token, head_session_or_404(token), {}, {}), 200


@bp.post("/sessions/<token>/decision")
def session_decision(token: str):
    """Record the head's decision (400 with the message by the field if a field is wrong)."""
    saved = head_session_or_404(token)
    catalog = get_catalog()
    lessons = lessons_for(catalog, saved.choices)
    decision, errors, values = read_decision(request.form, catalog.revision, snapshot(lessons))
    if errors:
        return _review_page(token, saved, errors, values), 400
    if not sessions.decide(get_engine(), saved.id, decision):
        abort(404)  # deleted meanwhile
    return redirect(url_for("review.session_review", token=token) + "#decision", 303)


@bp.get("/sessions/<token>/<document>.pdf")
def session_review_pdf(token: str, document: str):
    """This session's review (everything the class sees) or briefing, as a PDF."""
    builders = {"review": review_pdf, "briefing": briefing_pdf}
    if document not in builders:
        abort(404)
    choices = head_session_or_404(token).choices
    return pdf_response(builders[document](choices), choices.file_stem(document))


def _review_page(token: str, saved, errors: dict, values: dict) -> str:
    """The head's page: status, changes since approval, plan, lessons, decision form."""
    catalog = get_catalog()
    return render_template(
        "review/session.html",
        token=token,
        **session_context(catalog, saved),
        teacher_token=teacher_token_from_head(token),
        sequence=build_sequence(catalog, saved.choices),
        sequence_texts=sequence_texts(catalog, saved.choices),
        revision=catalog.revision,
        errors=errors,
        values=values,
    )
