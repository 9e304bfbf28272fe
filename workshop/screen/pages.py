"""The screen link's pages: the saved session's projected slides, the vote's class screen."""

from __future__ import annotations

from flask import abort, jsonify, render_template, url_for

from .. import votes
from ..catalog import get_catalog
from ..catalog.statements import session_statements
from ..documents.deck_pages import render_deck
from ..planning import lessons_for
from ..qr import qr_svg
from ..store import get_engine, measure, screen_session_or_404
from ..store.codes import join_code
from ..votes.results import build_results
from . import bp

# The projected deck's footer links: none back to the session (no presenter view, no
# download under the presenter's link); the site's help page only.
NO_SESSION_LINKS = ("slides", "presenter", "slides_pdf", "slides_pptx")


@bp.get("/<token>/slides")
def slides(token: str):
    """The projected window of a saved session's slides, with the school's safeguarding
    contact on the help slides; the presenter view keeps it in step (static/js/slides.js)."""
    saved = screen_session_or_404(token)
    urls = {
        **dict.fromkeys(NO_SESSION_LINKS),
        "help": url_for("site.help_page"),
        "vote_now": url_for("screen.now", token=token),
    }
    return render_deck(
        "facilitate/slides.html",
        saved.choices,
        urls,
        lambda filename: url_for("static", filename=filename),
    )


def _phase_or_404(phase: str) -> str:
    if phase not in measure.PHASES:
        abort(404)
    return phase


def _vote_view(token: str, saved, state) -> dict:
    """What the vote panel shows: the statement asked, the code and its QR code while it
    takes answers, its bars once revealed (only counts votes.shown_counts lets out)."""
    statements = session_statements(lessons_for(get_catalog(), saved.choices))
    shown, totals = votes.shown_counts(saved)
    results = build_results(statements, shown, totals)
    code = join_code(token, state.phase, state.generation) if state.has_code else None
    row = next((r for r in results.statements if r.statement.key == state.statement), None)
    join_url = url_for("measure.vote", code=code, _external=True) if code else None
    return {
        "phase": state.phase,
        "state": state,
        "code": code,
        "qr": qr_svg(join_url, scale=8) if code else None,
        "vote_url": url_for("measure.vote", _external=True),
        "row": row,
        "rows": results.statements,
        "answers": totals.get(state.phase, {}).get(state.statement, 0),
    }


@bp.get("/<token>/now.json")
def now(token: str):
    """For the projected window (polled): the vote panel to draw over the slides, or none."""
    saved = screen_session_or_404(token)
    state = votes.on_screen(saved)
    if state is None:
        data = {"version": "", "html": ""}
    else:
        view = _vote_view(token, saved, state)
        html = render_template("measure/_screen_vote.html", **view)
        version = f"{state.phase}:{state.generation}:{state.statement}:{state.revealed}"
        data = {"version": version, "html": html, "answers": view["answers"]}
    response = jsonify(data)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<token>/vote/<phase>")
def vote(token: str, phase: str):
    """The vote as a page of its own (the follow-up's code, projected by the class teacher
    weeks later): the code, its QR code, how many answered."""
    saved = screen_session_or_404(token)
    state = measure.phases(get_engine(), saved.id)[_phase_or_404(phase)]
    return render_template("measure/screen.html", **_vote_view(token, saved, state))
