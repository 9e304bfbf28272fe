"""The presenter's side (under the saved session's private link) and the report (both links).

- the measure page: per phase, counters to type in what the cards showed, or a vote on
  phones to open, close and reveal, with live bars (polling `live.json`,
  static/js/measure.js); the class screen itself is under the screen link (screen/);
- the report, a page and a PDF, for the presenter and for the head.

The join codes are derived from the screen link's token, which the presenter's and the
head's tokens both give (store/tokens.py).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import abort, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import votes
from ..catalog import get_catalog
from ..catalog.statements import session_statements
from ..documents import pdf_response, report_pdf
from ..i18n import date_locale
from ..planning import lessons_for
from ..planning.choices import whole_number
from ..store import get_engine, head_session_or_404, measure, presenter_session_or_404
from ..store.codes import join_code
from ..store.tokens import screen_token_for, screen_token_from_head
from ..votes.cards import CARD_PHASES, MAX_COUNT, field_name, read_cards, read_count
from ..votes.results import build_results
from . import bp

PRESENTER = "/facilitate/sessions/<token>/measure"
HEAD = "/review/sessions/<token>/measure"
MIN_SHOWN = votes.MIN_SHOWN
DEFAULT_CLASS_SIZE = 30


def _phase_or_404(phase: str, allowed=measure.PHASES) -> str:
    if phase not in allowed:
        abort(404)
    return phase


def _statements(choices):
    return session_statements(lessons_for(get_catalog(), choices))


def _results(saved, screen_token: str, with_code: bool = True):
    """The report's results, with the follow-up code while it works (on the page only:
    a PDF is printed, mailed and kept, so it never carries a live code)."""
    engine = get_engine()
    phases = measure.phases(engine, saved.id)
    follow = phases["follow"]
    extra = {}
    if (
        with_code
        and follow.has_code
        and follow.is_open
        and not follow.expired(dt.datetime.now(dt.UTC))
    ):
        code = join_code(screen_token, "follow", follow.generation)
        extra = {
            "follow_up_code": code,
            "follow_up_url": url_for("measure.vote", code=code, _external=True),
            "follow_up_until": follow.expires_at.date(),
        }
    shown, totals = votes.shown_counts(saved, phases)
    return build_results(_statements(saved.choices), shown, totals, **extra)


def _measure_page(token: str, saved, errors=None, values=None, status=200):
    engine = get_engine()
    statements = _statements(saved.choices)
    phases = measure.phases(engine, saved.id)
    now = dt.datetime.now(dt.UTC)
    screen = screen_token_for(token)
    codes = {
        name: join_code(screen, name, phase.generation)
        for name, phase in phases.items()
        if phase.has_code
    }
    shown, totals = votes.shown_counts(saved, phases)
    results = build_results(statements, shown, totals)
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    until = {
        name: format_datetime(
            phase.expires_at,
            "short",
            tzinfo=zone,
            locale=date_locale(g.get("lang") or saved.choices.lang),
        )
        for name, phase in phases.items()
        if phase.expires_at
    }
    return render_template(
        "measure/presenter.html",
        until=until,
        token=token,
        screen_token=screen,
        saved=saved,
        choices=saved.choices,
        statements=statements,
        phases=phases,
        codes=codes,
        results=results,
        now=now,
        errors=errors or {},
        values=values or {},
        field_name=field_name,
        max_count=MAX_COUNT,
        default_class_size=saved.choices.class_size or DEFAULT_CLASS_SIZE,
        card_phases=CARD_PHASES,
        min_shown=MIN_SHOWN,
    ), status


@bp.get(PRESENTER)
def presenter_page(token: str):
    """Counters for the cards, the phone votes, the follow-up code, the report's link."""
    return _measure_page(token, presenter_session_or_404(token))


@bp.post(PRESENTER + "/<phase>/cards")
def save_cards(token: str, phase: str):
    """Store what the cards showed (400 with the message by the field for a bad number)."""
    _phase_or_404(phase, CARD_PHASES)
    saved = presenter_session_or_404(token)
    counted, errors, values = read_cards(request.form, phase, _statements(saved.choices), saved)
    if errors:
        return _measure_page(token, saved, errors, values, 400)
    votes.save_cards(saved, phase, counted)
    target = url_for("measure.presenter_page", token=token, saved=phase)
    return redirect(f"{target}#phase-{phase}", 303)


@bp.post(PRESENTER + "/<phase>/open")
def open_vote(token: str, phase: str):
    """Open the phones' vote for a phase: its code works until closed or expired."""
    _phase_or_404(phase)
    saved = presenter_session_or_404(token)
    raw = request.form.get("class_size", "")
    size, error = read_count(raw)
    if error or not size:
        name = f"{phase}-class_size"
        message = error or gettext(
            "Enter a whole number from 1 to %(max)s, in digits.", max=MAX_COUNT
        )
        return _measure_page(token, saved, {name: message}, {name: raw[:20]}, 400)
    try:
        votes.open_phase(saved, phase, screen_token_for(token), size)
    except votes.VoteError:
        abort(503)
    return redirect(url_for("measure.presenter_page", token=token) + f"#phase-{phase}", 303)


def _back(token: str, phase: str):
    """After a vote action: JSON for the presenter view's script, else back to the slide
    it came from (the presenter view) or to the measure page."""
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == (
        "application/json"
    ):
        return jsonify(live_data(presenter_session_or_404(token), phase))
    slide = whole_number(request.form.get("slide", ""), 10_000)
    if slide:
        target = url_for("facilitate.saved_presenter", token=token, slide=slide)
        return redirect(f"{target}#slide-{slide}", 303)
    return redirect(url_for("measure.presenter_page", token=token) + f"#phase-{phase}", 303)


@bp.post(PRESENTER + "/<phase>/ask/<module>/<statement_id>")
def ask(token: str, phase: str, module: str, statement_id: str):
    """Ask one statement (by its stable id) on the phones, from its slide in the presenter
    view: the vote opens if needed and the projected window shows its code."""
    _phase_or_404(phase, CARD_PHASES)
    saved = presenter_session_or_404(token)
    key = next(
        (s.key for s in _statements(saved.choices) if (s.module, s.id) == (module, statement_id)),
        None,
    )
    if key is None:
        abort(404)
    size, error = read_count(request.form.get("class_size", ""))
    try:
        votes.ask(saved, phase, key, screen_token_for(token), None if error else size)
    except votes.VoteError:
        abort(503)
    return _back(token, phase)


@bp.post(PRESENTER + "/<phase>/<action>")
def vote_action(token: str, phase: str, action: str):
    """Close the vote, show its results on the projected window, or go back to the slides."""
    _phase_or_404(phase)
    if action not in ("close", "reveal", "slides"):
        abort(404)
    saved = presenter_session_or_404(token)
    if action == "close":
        votes.close(saved, phase)
    elif action == "reveal":
        votes.reveal(saved, phase)
    else:
        votes.to_slides(saved)
    return _back(token, phase)


def live_data(saved, phase: str) -> dict:
    """What the live views need: open or not, the statement asked, how many answered it,
    and its counts only when they may be shown (votes.shown_counts)."""
    phases = measure.phases(get_engine(), saved.id)
    state = phases[phase]
    shown, totals = votes.shown_counts(saved, phases)
    key = state.statement
    data = {
        "phase": phase,
        "open": state.is_open,
        "statement": key,
        "revealed": state.revealed,
        "on_screen": state.on_screen,
        "answers": totals.get(phase, {}).get(key, 0) if key else 0,
    }
    if key and key in shown.get(phase, {}):
        data["counts"] = {a: shown[phase][key].get(a, 0) for a in measure.ANSWERS}
    return data


@bp.get(PRESENTER + "/<phase>/live.json")
def live(token: str, phase: str):
    """The presenter's live state (polled every few seconds)."""
    _phase_or_404(phase)
    response = jsonify(live_data(presenter_session_or_404(token), phase))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get(PRESENTER + "/report")
def presenter_report(token: str):
    """The report, for the presenter."""
    saved = presenter_session_or_404(token)
    return _report_page(
        saved,
        screen_token_for(token),
        pdf_url=url_for("measure.presenter_report_pdf", token=token),
        back_url=url_for("facilitate.saved_session", token=token),
    )


@bp.get(PRESENTER + "/report.pdf")
def presenter_report_pdf(token: str):
    saved = presenter_session_or_404(token)
    return _report_pdf(saved, _results(saved, screen_token_for(token), with_code=False))


@bp.get(HEAD + "/report")
def head_report(token: str):
    """The report, for the school head."""
    saved = head_session_or_404(token)
    return _report_page(
        saved,
        screen_token_from_head(token),
        pdf_url=url_for("measure.head_report_pdf", token=token),
        back_url=url_for("review.session_review", token=token),
    )


@bp.get(HEAD + "/report.pdf")
def head_report_pdf(token: str):
    saved = head_session_or_404(token)
    return _report_pdf(saved, _results(saved, screen_token_from_head(token), with_code=False))


def _report_page(saved, screen_token: str, pdf_url: str, back_url: str) -> str:
    """The report page, the same for either link but for where its links lead."""
    return render_template(
        "measure/report.html",
        saved=saved,
        choices=saved.choices,
        lessons=lessons_for(get_catalog(), saved.choices),
        results=_results(saved, screen_token),
        min_shown=MIN_SHOWN,
        pdf_url=pdf_url,
        back_url=back_url,
    )


def _report_pdf(saved, results):
    choices = saved.choices
    return pdf_response(report_pdf(choices, results), choices, "report")
