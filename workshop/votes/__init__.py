"""The class's votes as the domain sees them, next to their tables (store/measure.py): codes
and their expiry, the cap, one source per statement and moment, single-use ballots, and
which counts any page may show. The views (presenter.py, pupil.py, facilitate/saved_deck.py,
screen/pages.py) only read forms and draw pages.

The rules, each kept here once:
- At the start and at the end, the phones are asked one statement at a time, the one on
  the presenter's slide; the follow-up (weeks later, with the class teacher) asks them all.
- Each statement at each moment has one source: typing its cards replaces what phones
  answered (and stops them), asking it on phones clears what cards said. Never a sum.
- A statement never has more answers than the class: the cap is the class size.
- A page answers each statement once: its ballot, a random value signed with the app's
  key, travels in the page's address; the database keeps its hash, per statement
  answered, until the code changes or expires.
- Below vocabulary.MIN_SHOWN_ANSWERS answers, or while a statement still takes answers, no
  count leaves this module: only how many answered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from flask import current_app
from sqlalchemy.exc import IntegrityError

from .. import vocabulary
from ..store import get_engine, measure
from ..store.codes import code_hash, join_code

CLASS_OPEN_FOR = dt.timedelta(hours=4)  # a start or end code: the length of a session
# The teacher's follow-up code, a few weeks later: 28 days at most (and never past the
# session's retention), so that fewer codes are live at once for a guesser (README).
FOLLOW_UP_OPEN_FOR = dt.timedelta(days=28)
LIVE_PHASES = ("start", "end")  # asked one statement at a time, in step with the deck
MIN_SHOWN = vocabulary.MIN_SHOWN_ANSWERS


class VoteError(Exception):
    """A vote action that cannot be done now (the message is for the presenter)."""


def class_size(saved, typed: int | None = None) -> int:
    """The most answers a statement can have: the size typed when the phones' vote was
    opened, else the session's class, else the largest class a session allows."""
    return typed or saved.choices.class_size or vocabulary.MAX_CLASS_SIZE


def open_phase(saved, phase: str, screen_token: str, size: int) -> str:
    """Open (or open again, with a new code) a phase's vote; its code."""
    engine = get_engine()
    now = dt.datetime.now(dt.UTC)
    if phase == "follow":
        last_day = dt.datetime.combine(saved.delete_after, dt.time(), tzinfo=dt.UTC)
        expires = min(now + FOLLOW_UP_OPEN_FOR, last_day)
    else:
        expires = now + CLASS_OPEN_FOR
    current = measure.phases(engine, saved.id)[phase]
    generation = current.generation + 1 if current.has_code else 0
    secret = current_app.secret_key or b""
    for attempt in range(5):  # a code already used by another session: take the next one
        code = join_code(screen_token, phase, generation + attempt)
        try:
            measure.open_phase(
                engine,
                saved.id,
                phase,
                code_hash(secret, code),
                generation + attempt,
                expires,
                class_size(saved, size),
            )
            return code
        except IntegrityError:
            continue
    raise VoteError("no free code")


def live_phase(saved, phase: str) -> measure.Phase | None:
    """The phase if its code works now, else None."""
    state = measure.phases(get_engine(), saved.id)[phase]
    if state.is_open and not state.expired(dt.datetime.now(dt.UTC)):
        return state
    return None


def ask(saved, phase: str, statement: str, screen_token: str, size: int | None) -> None:
    """Ask one statement on the phones (opening the phase's vote if its code does not work
    now), and put the vote on the projected window instead of any other."""
    if live_phase(saved, phase) is None:
        open_phase(saved, phase, screen_token, size or class_size(saved))
    engine = get_engine()
    for other in LIVE_PHASES:
        if other != phase:
            measure.set_flags(engine, saved.id, other, on_screen=False)
    measure.ask(engine, saved.id, phase, statement)


def reveal(saved, phase: str) -> None:
    """Stop taking answers and show the bars on the projected window."""
    measure.set_flags(get_engine(), saved.id, phase, revealed=True, on_screen=True)


def to_slides(saved) -> None:
    """The projected window goes back to the slides (the phones keep their question)."""
    for phase in measure.PHASES:
        measure.set_flags(get_engine(), saved.id, phase, on_screen=False)


def close(saved, phase: str) -> None:
    """Close a phase's vote; its ballots are forgotten (as every vote's once closed)."""
    measure.set_flags(get_engine(), saved.id, phase, is_open=False, on_screen=False)
    measure.forget_ballots(get_engine(), dt.datetime.now(dt.UTC))


def too_many(saved, counted: dict) -> list[str]:
    """The statements whose typed cards add up to more than the class."""
    size = class_size(saved)
    return [key for key, by_answer in counted.items() if sum(by_answer.values()) > size]


def save_cards(saved, phase: str, counted: dict, only_these: bool = True) -> None:
    """Store what the cards showed: they replace these statements' answers at this phase,
    and the phones stop taking answers to them."""
    engine = get_engine()
    for key in counted:
        measure.stop_asking(engine, saved.id, phase, key)
    if only_these:
        measure.set_statement_counts(engine, saved.id, phase, counted)
    else:
        measure.set_counts(engine, saved.id, phase, counted)


# Ballots ------------------------------------------------------------------------------


def _ballot_mac(hashed_code: str, nonce: str) -> str:
    secret = current_app.secret_key or b""
    key = secret.encode() if isinstance(secret, str) else secret
    message = f"declic ballot\0{hashed_code}\0{nonce}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:24]


def new_ballot(hashed_code: str) -> str:
    """A fresh ballot for one page of one vote: random, signed, never stored as it is."""
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_ballot_mac(hashed_code, nonce)}"


def ballot_valid(hashed_code: str, ballot: str | None) -> bool:
    if not ballot or len(ballot) > 80 or ballot.count(".") != 1 or not ballot.isascii():
        return False
    nonce, mac = ballot.split(".")
    return hmac.compare_digest(mac, _ballot_mac(hashed_code, nonce))


def ballot_hash(ballot: str) -> str:
    return hashlib.sha256(b"declic ballot\0" + ballot.encode("ascii")).hexdigest()


def to_answer(phase: measure.Phase, ballot: str, statements) -> tuple:
    """The statements this page is asked now: at the start or end, the one on the
    presenter's slide unless it was answered or revealed; at the follow-up, all not yet
    answered."""
    done = measure.answered(get_engine(), phase.session_id, phase.phase, ballot_hash(ballot))
    if phase.phase in LIVE_PHASES:
        if phase.revealed or phase.statement is None:
            return ()
        statements = [s for s in statements if s.key == phase.statement]
    return tuple(s for s in statements if s.key not in done)


def submit(hashed_code: str, ballot: str, answers: dict) -> tuple[measure.Phase | None, int]:
    """Count a page's answers once; (phase, how many counted) or (None, 0) if refused."""
    return measure.submit(
        get_engine(), hashed_code, dt.datetime.now(dt.UTC), ballot_hash(ballot), answers
    )


# What may be shown --------------------------------------------------------------------


def shown_counts(saved, phases: dict | None = None) -> tuple[dict, dict]:
    """(counts, totals): the counts any page may show ({phase: {statement: {answer: n}}},
    only for statements with at least MIN_SHOWN answers that no longer take any), and how
    many answered each ({phase: {statement: n}}, always)."""
    engine = get_engine()
    phases = phases or measure.phases(engine, saved.id)
    now = dt.datetime.now(dt.UTC)
    stored = measure.counts(engine, saved.id)
    shown: dict[str, dict[str, dict[str, int]]] = {}
    totals: dict[str, dict[str, int]] = {}
    for phase, by_statement in stored.items():
        state = phases.get(phase)
        taking = state is not None and state.is_open and not state.expired(now)
        for key, by_answer in by_statement.items():
            total = sum(by_answer.values())
            totals.setdefault(phase, {})[key] = total
            live = (
                taking
                and state is not None
                and (phase == "follow" or (state.statement == key and not state.revealed))
            )
            if total >= MIN_SHOWN and not live:
                shown.setdefault(phase, {})[key] = dict(by_answer)
    return shown, totals


def on_screen(saved) -> measure.Phase | None:
    """The vote the projected window shows over the slides now, if any."""
    for state in measure.phases(get_engine(), saved.id).values():
        if state.on_screen and state.phase in LIVE_PHASES and state.statement:
            return state
    return None
