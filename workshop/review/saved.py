"""Saved sessions, the school head's side: review exactly what this class will get, then
approve it or ask for changes. The head's link (a token in the path) is the only key."""

from __future__ import annotations

import json

from flask import Response, abort, redirect, render_template, request, url_for

from ..approval import choice_changes, read_decision, session_context, session_standing
from ..approval.snapshot import snapshot
from ..catalog import get_catalog
from ..documents import (
    briefing_pdf,
    family_pdf,
    letter_pdf,
    parent_letter_of,
    pdf_response,
    review_pdf,
)
from ..documents.letter import letter_docx, letter_text
from ..planning import build_deck, lessons_for
from ..planning.downloads import attachment
from ..planning.sequence import build_sequence, sequence_texts
from ..store import get_engine, head_session_or_404, sessions
from ..store.tokens import screen_token_from_head, teacher_token_from_head
from . import bp


@bp.get("/sessions/<token>/")
def session_review(token: str):
    """This session as the class will see and hear it, with the decision form."""
    return _review_page(token, head_session_or_404(token), {}, {}), 200


@bp.post("/sessions/<token>/decision")
def session_decision(token: str):
    """Record the head's decision on the session exactly as the page showed it: 400 with
    the message by the field if a field is wrong, 409 with what changed if the session or
    its content changed since the page was opened (nothing is recorded then)."""
    saved = head_session_or_404(token)
    catalog = get_catalog()
    shown = shown_choices(request.form.get("shown", ""))
    lessons = lessons_for(catalog, saved.choices)
    decision, errors, values = read_decision(
        request.form, catalog.revision, snapshot(lessons), shown
    )
    if errors:
        return _review_page(token, saved, errors, values), 400
    if shown is None or request.form.get("shown_revision") != catalog.revision:
        return _refused(token, saved, shown, values)
    try:
        if not sessions.decide(get_engine(), saved.id, decision):
            abort(404)  # deleted meanwhile
    except sessions.SessionChanged:
        return _refused(token, head_session_or_404(token), shown, values)
    return redirect(url_for("review.session_review", token=token) + "#status", 303)


def shown_choices(text: str) -> dict | None:
    """The session's choices as the head's page showed them (its form's `shown` field),
    or None if the field is missing or not such a record."""
    try:
        found = json.loads(text)
    except ValueError:
        return None
    if not isinstance(found, dict) or set(found) != set(sessions.CHOICE_FIELDS) | {"modules"}:
        return None
    return found


def _refused(token: str, saved, shown: dict | None, values: dict):
    """409: the session is not the one the head read; show what changed, record nothing."""
    values = {**values, "verdict": ""}  # the head chooses again, having read the changes
    edits = choice_changes(shown, saved.choices) if shown is not None else ()
    return _review_page(token, saved, {}, values, refused={"edits": edits}), 409


@bp.get("/sessions/<token>/<document>.pdf")
def session_review_pdf(token: str, document: str):
    """This session's review (everything the class sees, naming the session and the
    decision), briefing, parent letter, or the family sheet the pupils take home (the
    parent-letter set: what the class talked about, openers, what to do), as a PDF."""
    builders = {"review": review_pdf, "briefing": briefing_pdf, "letter": letter_pdf}
    if document not in builders and document != "family":
        abort(404)
    saved = head_session_or_404(token)
    if document == "family":  # the same sheet as the class teacher's, per tier and language
        return pdf_response(family_pdf(saved.choices), saved.choices, document)
    _, _, status = session_standing(get_catalog(), saved)
    pdf = builders[document](saved.choices, approval=status)
    return pdf_response(pdf, saved.choices, document)


LETTER_FILES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
}


@bp.get("/sessions/<token>/letter.<extension>")
def session_letter_file(token: str, extension: str):
    """The parent letter to edit (Word, for the school's letterhead) or to paste (text,
    for the ENT): the same letter as the PDF. It names the school: never stored by a cache."""
    if extension == "pdf":  # this rule is the more specific one for letter.pdf
        return session_review_pdf(token, "letter")
    if extension not in LETTER_FILES:
        abort(404)
    saved = head_session_or_404(token)
    _, _, status = session_standing(get_catalog(), saved)
    title, html = parent_letter_of(saved.choices, status)
    if extension == "docx":
        body = letter_docx(title, str(html), saved.choices.lang)
    else:
        body = letter_text(title, str(html)).encode()
    return Response(
        body,
        mimetype=LETTER_FILES[extension],
        headers={
            "Content-Disposition": attachment(saved.choices, "letter", extension),
            "Cache-Control": "no-store",
        },
    )


def _review_page(token: str, saved, errors: dict, values: dict, refused=None) -> str:
    """The head's page: what to decide on and the decision at the top, then everything
    the class gets, folded. The form carries the choices and content revision it shows."""
    catalog = get_catalog()
    context = session_context(catalog, saved)
    return render_template(
        "review/session.html",
        token=token,
        teacher_token=teacher_token_from_head(token),
        sequence=build_sequence(catalog, saved.choices),
        sequence_texts=sequence_texts(catalog, saved.choices),
        **context,
        deck_periods=deck_periods(build_deck(context["lessons"], context["plan"])),
        slides_url=url_for("screen.slides", token=screen_token_from_head(token)),
        laws=_laws(context["lessons"]),
        revision=catalog.revision,
        shown=json.dumps(sessions.choices_record(saved.choices), sort_keys=True),
        errors=errors,
        values=values,
        refused=refused,
    )


def deck_periods(deck) -> list[tuple[int, int, int]]:
    """(period, first slide, last slide) of each period of the deck the class will see: its
    main line, which the arrow keys walk (a scenario's other branches follow its closing)."""
    found: dict[int, list[int]] = {}
    for slide in (s for s in deck if not s.branch):
        found.setdefault(slide.period, []).append(slide.number)
    return [(period, min(numbers), max(numbers)) for period, numbers in sorted(found.items())]


def _laws(lessons) -> list:
    """The laws the lessons explain to pupils, each once, in lesson order."""
    seen: dict = {}
    for lesson in lessons:
        for law in lesson.laws:
            seen.setdefault(law.id, law)
    return list(seen.values())
