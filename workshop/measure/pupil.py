"""The pupils' side: type the code (or scan it), answer, "thank you". Nothing else.

No JavaScript, no cookie, nothing stored about the pupil: the submission adds 1 to one
counter per answered statement. The code travels in the query string (`?code=`, which
no log keeps) or in the form's body, never in the path.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app, g, redirect, render_template, request, url_for

from .. import vocabulary, votes
from ..catalog import get_catalog
from ..catalog.statements import session_statements
from ..planning import SessionChoices, lessons_for
from ..store import get_engine, measure, sessions
from ..store.codes import GuessLimit, RateLimit, code_hash, normalise
from . import bp

RATE = RateLimit()


def _guesses() -> GuessLimit:
    """This app's count of wrong codes (one per app, so that two apps never share it)."""
    guesses = current_app.extensions.get("code_guesses")
    if guesses is None:
        config = current_app.config
        guesses = current_app.extensions.setdefault(
            "code_guesses",
            GuessLimit(
                per_address=int(config["CODE_GUESSES_PER_ADDRESS"]),
                overall=int(config["CODE_GUESSES_OVERALL"]),
            ),
        )
    return guesses


def _no_store(page, status=200):
    return page, status, {"Cache-Control": "no-store"}


def _find(typed: str):
    """(code, phase, why not): the phase a typed code opens, or why it does not.

    Every way of testing a code comes here: after too many wrong codes (from this address,
    or from all), no code is looked up at all for a while (GuessLimit)."""
    if _guesses().retry_after(request.remote_addr) is not None:
        return None, None, "guessing"
    code = normalise(typed)
    if code is None:
        _guesses().wrong(request.remote_addr)
        return None, None, "wrong"
    phase = measure.by_code_hash(get_engine(), code_hash(current_app.secret_key, code))
    if phase is None or phase.expired(dt.datetime.now(dt.UTC)):
        _guesses().wrong(request.remote_addr)
        return code, None, "wrong"
    if not phase.is_open:
        return code, phase, "closed"
    return code, phase, None


def _statements(phase):
    """The statements of the phase's session, in the pupil's language."""
    tier, modules = sessions.class_lessons(get_engine(), phase.session_id) or ("", ())
    catalog = get_catalog()
    lang = g.get("lang") or current_app.config["BABEL_DEFAULT_LOCALE"]
    choices = SessionChoices(lang=lang, tier=tier, modules=modules)
    return session_statements(lessons_for(catalog, choices))


def _refusal(why: str, typed: str = ""):
    status = {"wrong": 404, "closed": 409, "full": 409, "busy": 429, "guessing": 429}[why]
    page, status, headers = _no_store(
        render_template("measure/vote_refused.html", why=why, typed=typed[:20]), status
    )
    if why == "busy":
        headers["Retry-After"] = "10"
    elif why == "guessing":
        headers["Retry-After"] = str(_guesses().retry_after(request.remote_addr) or 60)
    return page, status, headers


def _page(code: str, hashed: str, ballot: str, phase, errors=None, status=200):
    """The statements this page still has to answer, or "wait for the next question"."""
    statements = votes.to_answer(phase, ballot, _statements(phase))
    if not statements:
        return _no_store(
            render_template(
                "measure/vote_thanks.html",
                again_url=url_for("measure.vote", code=code, ballot=ballot),
                live=phase.phase in votes.LIVE_PHASES and phase.is_open,
            ),
            status,
        )
    return _no_store(
        render_template(
            "measure/vote.html",
            code=code,
            ballot=ballot,
            statements=statements,
            errors=errors or {},
            values={},
        ),
        status,
    )


@bp.get("/vote")
def vote():
    """The code form; with `?code=`, a ballot for this page (in its address, so that Back
    finds the same one), then the statement asked now."""
    typed = request.args.get("code")
    if typed is None:
        return _no_store(render_template("measure/vote_code.html"))
    code = normalise(typed)
    hashed = code_hash(current_app.secret_key, code) if code else ""
    ballot = request.args.get("ballot")
    if code and not votes.ballot_valid(hashed, ballot):  # no database yet: a new page
        return redirect(url_for("measure.vote", code=code, ballot=votes.new_ballot(hashed)), 303)
    code, phase, why = _find(typed)
    if why:
        return _refusal(why, typed)
    return _page(code, hashed, ballot, phase)


@bp.post("/vote")
def vote_answers():
    """Count a page's answers once (303 to the same page: "counted, wait for the next
    question"), or say clearly why not. Answers to statements not asked now are ignored."""
    typed = request.form.get("code", "")
    code, phase, why = _find(typed)
    if why:
        return _refusal(why, typed)
    hashed = code_hash(current_app.secret_key, code)
    ballot = request.form.get("ballot", "")
    if not votes.ballot_valid(hashed, ballot):
        return redirect(url_for("measure.vote", code=code), 303)
    answers = {}
    for statement in votes.to_answer(phase, ballot, _statements(phase)):
        answer = request.form.get(f"s-{statement.module}-{statement.id}")
        if answer in vocabulary.ANSWERS:
            answers[statement.key] = answer
    if not answers and votes.to_answer(phase, ballot, _statements(phase)):
        return _page(code, hashed, ballot, phase, errors={"answers": True}, status=400)
    if answers:
        if not RATE.allow(hashed):
            return _refusal("busy", typed)
        found, _ = votes.submit(hashed, ballot, answers)
        if found is None:
            _, _, why = _find(typed)
            return _refusal(why or "closed", typed)
    return redirect(url_for("measure.vote", code=code, ballot=ballot), 303)
