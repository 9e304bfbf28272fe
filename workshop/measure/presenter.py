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
import math
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import abort, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy.exc import IntegrityError

from .. import vocabulary
from ..catalog import get_catalog
from ..catalog.statements import session_statements
from ..documents import pdf_response, report_pdf
from ..planning import lessons_for
from ..planning.choices import whole_number
from ..store import get_engine, head_session_or_404, measure, presenter_session_or_404
from ..store.codes import code_hash, join_code
from ..store.tokens import screen_token_for, screen_token_from_head
from . import bp
from .results import MIN_SHOWN, build_results

PRESENTER = "/facilitate/sessions/<token>/measure"
HEAD = "/review/sessions/<token>/measure"
CARD_PHASES = ("start", "end")
CLASS_OPEN_FOR = dt.timedelta(hours=4)  # a start or end code: the length of a session
# The teacher's follow-up code, a few weeks later: 28 days at most (and never past the
# session's retention), so that fewer codes are live at once for a guesser (README).
FOLLOW_UP_OPEN_FOR = dt.timedelta(days=28)
MAX_COUNT = vocabulary.MAX_CLASS_SIZE  # no answer counts more pupils than a session has
DEFAULT_CLASS_SIZE = 30
# Schools' own time for "valid until" (config TIMEZONE; France by default).
DEFAULT_TIMEZONE = "Europe/Paris"


def _phase_or_404(phase: str, allowed=measure.PHASES) -> str:
    if phase not in allowed:
        abort(404)
    return phase


def _statements(choices):
    return session_statements(lessons_for(get_catalog(), choices))


def cap_for(class_size: int) -> int:
    """The most submissions a code takes: the class, plus a margin for a pupil who
    answers again after a mistake (never thousands)."""
    return class_size + max(2, math.ceil(class_size / 10))


def read_count(raw: str | None) -> tuple[int | None, str | None]:
    """(number, error) for a counter: ASCII digits only, 0 to MAX_COUNT; empty is 0."""
    text = (raw or "").strip()
    if not text:
        return 0, None
    number = whole_number(text, MAX_COUNT)
    if number is None:
        return None, gettext("Enter a whole number from 0 to %(max)s, in digits.", max=MAX_COUNT)
    return number, None


def field_name(phase: str, statement, answer: str) -> str:
    return f"{phase}-{statement.module}-{statement.id}-{answer}"


def read_cards(form, phase: str, statements) -> tuple[dict, dict, dict]:
    """(counted, errors, values) of a cards form: {statement key: {answer: n}}, the message
    of each wrong field, and what was typed (cut short) to show again. The one reader of
    the measure page's table and of the presenter view's counters."""
    values, errors, counted = {}, {}, {}
    for statement in statements:
        for answer in measure.ANSWERS:
            name = field_name(phase, statement, answer)
            raw = form.get(name, "")
            values[name] = raw[:20]
            number, error = read_count(raw)
            if error:
                errors[name] = error
            else:  # zeros too: a phone vote still open on this phase keeps its counters
                counted.setdefault(statement.key, {})[answer] = number
    return counted, errors, values


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
    return build_results(_statements(saved.choices), measure.counts(engine, saved.id), **extra)


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
    results = build_results(statements, measure.counts(engine, saved.id))
    zone = ZoneInfo(current_app.config.get("TIMEZONE", DEFAULT_TIMEZONE))
    until = {
        name: format_datetime(
            phase.expires_at, "short", tzinfo=zone, locale=g.get("lang") or saved.choices.lang
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
    counted, errors, values = read_cards(request.form, phase, _statements(saved.choices))
    if errors:
        return _measure_page(token, saved, errors, values, 400)
    measure.set_counts(get_engine(), saved.id, phase, counted)
    return redirect(url_for("measure.presenter_page", token=token) + f"#phase-{phase}", 303)


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
    engine = get_engine()
    now = dt.datetime.now(dt.UTC)
    if phase == "follow":
        last_day = dt.datetime.combine(saved.delete_after, dt.time(), tzinfo=dt.UTC)
        expires = min(now + FOLLOW_UP_OPEN_FOR, last_day)
    else:
        expires = now + CLASS_OPEN_FOR
    current = measure.phases(engine, saved.id)[phase]
    generation = current.generation if current.has_code else 0
    keys = [statement.key for statement in _statements(saved.choices)]
    secret = current_app.secret_key
    for attempt in range(5):  # a code already used by another session: take the next one
        code = join_code(screen_token_for(token), phase, generation + attempt)
        try:
            measure.open_phase(
                engine,
                saved.id,
                phase,
                code_hash(secret, code),
                generation + attempt,
                expires,
                cap_for(size),
                keys,
            )
            break
        except IntegrityError:
            continue
    else:
        abort(503)
    return redirect(url_for("measure.presenter_page", token=token) + f"#phase-{phase}", 303)


@bp.post(PRESENTER + "/<phase>/<action>")
def vote_action(token: str, phase: str, action: str):
    """Close the vote, or reveal / hide its results on the class screen."""
    _phase_or_404(phase)
    flags = {
        "close": {"is_open": False},
        "reveal": {"revealed": True},
        "hide": {"revealed": False},
    }.get(action)
    if flags is None:
        abort(404)
    saved = presenter_session_or_404(token)
    measure.set_flags(get_engine(), saved.id, phase, **flags)
    return redirect(url_for("measure.presenter_page", token=token) + f"#phase-{phase}", 303)


def live_data(saved, phase: str, full: bool) -> dict:
    """What the live bars need: open or not, how many answered, counts if allowed."""
    state = measure.phases(get_engine(), saved.id)[phase]
    data = {
        "phase": phase,
        "open": state.is_open,
        "revealed": state.revealed,
        "answers": state.submissions,
    }
    if full or state.revealed:
        data["counts"] = measure.counts(get_engine(), saved.id)[phase]
    return data


@bp.get(PRESENTER + "/<phase>/live.json")
def live(token: str, phase: str):
    """The presenter's live counts (polled every few seconds)."""
    _phase_or_404(phase)
    response = jsonify(live_data(presenter_session_or_404(token), phase, full=True))
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
    return pdf_response(report_pdf(choices, results), choices.file_stem("report"))
