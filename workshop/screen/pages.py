"""The screen link's pages: the saved session's projected slides, the vote's class screen."""

from __future__ import annotations

from flask import abort, jsonify, render_template, url_for

from ..catalog import get_catalog
from ..catalog.statements import session_statements
from ..facilitate.slides import render_deck
from ..measure.presenter import live_data
from ..measure.results import build_results
from ..planning import lessons_for
from ..qr import qr_svg
from ..store import get_engine, measure, screen_session_or_404
from ..store.codes import join_code
from . import bp

# The projected deck's footer links: none back to the session (no presenter view, no
# download under the presenter's link); the site's help page only.
NO_SESSION_LINKS = ("slides", "presenter", "slides_pdf", "slides_pptx")


@bp.get("/<token>/slides")
def slides(token: str):
    """The projected window of a saved session's slides, with the school's safeguarding
    contact on the help slides; the presenter view keeps it in step (static/js/slides.js)."""
    saved = screen_session_or_404(token)
    urls = {**dict.fromkeys(NO_SESSION_LINKS), "help": url_for("site.help_page")}
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


@bp.get("/<token>/vote/<phase>")
def vote(token: str, phase: str):
    """What the class sees: the code, its QR code, how many answered; the bars only once the
    presenter reveals them (on the measure page). Before the vote opens, a line that says so."""
    saved = screen_session_or_404(token)
    state = measure.phases(get_engine(), saved.id)[_phase_or_404(phase)]
    code = join_code(token, phase, state.generation) if state.has_code else None
    join_url = url_for("measure.vote", code=code, _external=True) if code else None
    statements = session_statements(lessons_for(get_catalog(), saved.choices))
    return render_template(
        "measure/screen.html",
        phase=phase,
        state=state,
        code=code,
        qr=qr_svg(join_url, scale=8) if code else None,
        results=build_results(statements, measure.counts(get_engine(), saved.id)),
        vote_url=url_for("measure.vote", _external=True),
        live_url=url_for("screen.vote_live", token=token, phase=phase),
    )


@bp.get("/<token>/vote/<phase>.json")
def vote_live(token: str, phase: str):
    """The class screen's live data (polled): counts only once the presenter reveals them."""
    saved = screen_session_or_404(token)
    response = jsonify(live_data(saved, _phase_or_404(phase), full=False))
    response.headers["Cache-Control"] = "no-store"
    return response
