"""What the class learned: counts per statement, answer and phase; votes opened and closed.

Nothing here is about a pupil: no row per answer, no IP address, no user agent, no time
of answer. A phone's submission adds 1 to a few counters, in one transaction, after a
guarded `UPDATE` that checks the vote is open, the code valid and the cap not reached.
Every row belongs to a saved session and is deleted with it (ON DELETE CASCADE, also
when the daily purge deletes the session).

The join code is never stored: only its HMAC (keyed by the app's secret key, so a copy
of the database alone cannot be searched for codes), with an expiry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    String,
    Table,
    delete,
    func,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from ..vocabulary import ANSWERS as ANSWERS  # the answers counted (re-exported)
from .schema import metadata

PHASES = ("start", "end", "follow")

vote_phase = Table(
    "vote_phase",
    metadata,
    Column(
        "session_id",
        Integer,
        ForeignKey("planned_session.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("phase", String(8), primary_key=True),
    Column("is_open", Boolean, nullable=False, default=False),
    Column("revealed", Boolean, nullable=False, default=False),
    Column("code_hash", String(64), unique=True),
    Column("generation", Integer, nullable=False, default=0),
    Column("expires_at", DateTime(timezone=True)),
    Column("cap", Integer, nullable=False, default=0),
    Column("submissions", Integer, nullable=False, default=0),
    # The statement the phones are asked now (start and end: one at a time), or NULL (0007).
    Column("statement", String(80)),
    # Whether the projected window shows this vote (its code, or its bars) over the slides.
    Column("on_screen", Boolean, nullable=False, default=False),
)

vote_count = Table(
    "vote_count",
    metadata,
    Column(
        "session_id",
        Integer,
        ForeignKey("planned_session.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("phase", String(8), primary_key=True),
    Column("statement", String(80), primary_key=True),
    Column("kind", String(8), primary_key=True),  # the answer counted: true, false, unsure
    Column("n", Integer, nullable=False, default=0),
)

# One row per page (ballot) and statement it answered: a random value's hash, never the
# answer. So a phone that goes Back and sends again is counted once. Deleted when the
# vote's code changes or expires, and with the session.
vote_ballot = Table(
    "vote_ballot",
    metadata,
    Column(
        "session_id",
        Integer,
        ForeignKey("planned_session.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("phase", String(8), primary_key=True),
    Column("statement", String(80), primary_key=True),
    Column("ballot_hash", String(64), primary_key=True),
)


@dataclass(frozen=True)
class Phase:
    """One phase of a session's vote, as stored."""

    session_id: int
    phase: str
    is_open: bool = False
    revealed: bool = False
    has_code: bool = False
    generation: int = 0
    expires_at: dt.datetime | None = None
    cap: int = 0
    submissions: int = 0
    statement: str | None = None
    on_screen: bool = False

    def expired(self, now: dt.datetime) -> bool:
        """Whether its code no longer opens anything."""
        return self.expires_at is None or self.expires_at <= now


def _phase(row) -> Phase:
    expires = row["expires_at"]
    if expires is not None and expires.tzinfo is None:
        expires = expires.replace(tzinfo=dt.UTC)
    return Phase(
        row["session_id"],
        row["phase"],
        bool(row["is_open"]),
        bool(row["revealed"]),
        row["code_hash"] is not None,
        row["generation"],
        expires,
        row["cap"],
        row["submissions"],
        row["statement"],
        bool(row["on_screen"]),
    )


def phases(engine: Engine, session_id: int) -> dict[str, Phase]:
    """Every phase of a session ({phase: Phase}); a phase never opened is a blank Phase."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(vote_phase).where(vote_phase.c.session_id == session_id)
        ).mappings()
        found = {row["phase"]: _phase(row) for row in rows}
    return {name: found.get(name, Phase(session_id, name)) for name in PHASES}


def by_code_hash(engine: Engine, code_hash: str) -> Phase | None:
    """The phase a join code opens (open or not), or None."""
    with engine.connect() as connection:
        row = (
            connection.execute(select(vote_phase).where(vote_phase.c.code_hash == code_hash))
            .mappings()
            .first()
        )
    return _phase(row) if row else None


def counts(engine: Engine, session_id: int) -> dict[str, dict[str, dict[str, int]]]:
    """{phase: {statement: {answer: n}}} for a session (only what was ever counted)."""
    found: dict[str, dict[str, dict[str, int]]] = {name: {} for name in PHASES}
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                vote_count.c.phase, vote_count.c.statement, vote_count.c.kind, vote_count.c.n
            ).where(vote_count.c.session_id == session_id)
        )
        for phase, statement, answer, n in rows:
            found.setdefault(phase, {}).setdefault(statement, {})[answer] = n
    return found


def set_counts(
    engine: Engine, session_id: int, phase: str, values: dict[str, dict[str, int]]
) -> None:
    """Replace a phase's counts with what the presenter counted (cards), in one transaction."""
    _replace_counts(engine, session_id, phase, values, only_these=False)


def set_statement_counts(
    engine: Engine, session_id: int, phase: str, values: dict[str, dict[str, int]]
) -> None:
    """Replace the counts of these statements only (one slide of the presenter view): the
    phase's other statements keep theirs."""
    _replace_counts(engine, session_id, phase, values, only_these=True)


def _replace_counts(
    engine: Engine,
    session_id: int,
    phase: str,
    values: dict[str, dict[str, int]],
    only_these: bool,
) -> None:
    with engine.begin() as connection:
        chosen = delete(vote_count).where(
            vote_count.c.session_id == session_id, vote_count.c.phase == phase
        )
        if only_these:
            chosen = chosen.where(vote_count.c.statement.in_(list(values)))
        connection.execute(chosen)
        rows = [
            {
                "session_id": session_id,
                "phase": phase,
                "statement": statement,
                "kind": answer,
                "n": n,
            }
            for statement, by_answer in values.items()
            for answer, n in by_answer.items()
        ]
        if rows:
            connection.execute(vote_count.insert(), rows)


def open_phase(
    engine: Engine,
    session_id: int,
    phase: str,
    code_hash: str,
    generation: int,
    expires_at: dt.datetime,
    cap: int,
) -> None:
    """Open a phase's vote with its code, expiry and cap (answers to one statement at most);
    the ballots of its earlier code are forgotten."""
    values = {
        "is_open": True,
        "code_hash": code_hash,
        "generation": generation,
        "expires_at": expires_at,
        "cap": cap,
    }
    with engine.begin() as connection:
        changed = connection.execute(
            update(vote_phase)
            .where(vote_phase.c.session_id == session_id, vote_phase.c.phase == phase)
            .values(**values)
        ).rowcount
        if not changed:
            connection.execute(
                vote_phase.insert().values(
                    session_id=session_id, phase=phase, revealed=False, submissions=0, **values
                )
            )
        connection.execute(
            delete(vote_ballot).where(
                vote_ballot.c.session_id == session_id, vote_ballot.c.phase == phase
            )
        )


def set_flags(engine: Engine, session_id: int, phase: str, **flags) -> bool:
    """Change a phase's state (is_open, revealed, on_screen, statement); False if never
    opened."""
    with engine.begin() as connection:
        return bool(
            connection.execute(
                update(vote_phase)
                .where(vote_phase.c.session_id == session_id, vote_phase.c.phase == phase)
                .values(**flags)
            ).rowcount
        )


def ask(engine: Engine, session_id: int, phase: str, statement: str) -> bool:
    """Ask one statement on the phones, from nothing: its counts of this phase (cards typed
    before, or an earlier round of phones) and its ballots are cleared, so one source
    answers it. False if the phase was never opened."""
    with engine.begin() as connection:
        changed = connection.execute(
            update(vote_phase)
            .where(vote_phase.c.session_id == session_id, vote_phase.c.phase == phase)
            .values(statement=statement, revealed=False, on_screen=True)
        ).rowcount
        if not changed:
            return False
        for table in (vote_count, vote_ballot):
            connection.execute(
                delete(table).where(
                    table.c.session_id == session_id,
                    table.c.phase == phase,
                    table.c.statement == statement,
                )
            )
    return True


def stop_asking(engine: Engine, session_id: int, phase: str, statement: str) -> None:
    """The phones stop taking answers to this statement (its cards were just typed in)."""
    with engine.begin() as connection:
        connection.execute(
            update(vote_phase)
            .where(
                vote_phase.c.session_id == session_id,
                vote_phase.c.phase == phase,
                vote_phase.c.statement == statement,
            )
            .values(statement=None, revealed=False)
        )


def forget_ballots(engine: Engine, now: dt.datetime) -> int:
    """Delete the ballots of every vote whose code has expired or is closed; how many."""
    over = select(vote_phase.c.session_id, vote_phase.c.phase).where(
        (vote_phase.c.expires_at <= now) | vote_phase.c.is_open.is_(False)
    )
    with engine.begin() as connection:
        return connection.execute(
            delete(vote_ballot).where(
                tuple_(vote_ballot.c.session_id, vote_ballot.c.phase).in_(over)
            )
        ).rowcount


def answered(engine: Engine, session_id: int, phase: str, ballot_hash: str) -> set[str]:
    """The statements a ballot has answered in a phase."""
    with engine.connect() as connection:
        return set(
            connection.execute(
                select(vote_ballot.c.statement).where(
                    vote_ballot.c.session_id == session_id,
                    vote_ballot.c.phase == phase,
                    vote_ballot.c.ballot_hash == ballot_hash,
                )
            ).scalars()
        )


def submit(
    engine: Engine,
    code_hash: str,
    now: dt.datetime,
    ballot_hash: str,
    answers: dict[str, str],
) -> tuple[Phase | None, int]:
    """Add one page's answers ({statement: answer}): (the phase, how many were counted), or
    (None, 0) if the vote refuses them.

    One transaction. First the guarded UPDATE of the phase (open, not expired; RETURNING
    it), which also locks the phase's row until the end (PostgreSQL) or takes the write
    lock at once (SQLite): the submissions to one vote are counted one after the other.
    Then, per answer, the ballot's row (a second answer of the same ballot to the same
    statement is not counted), the statement's total checked against the cap (never more
    answers than the class), and `n = n + 1`.
    """
    with engine.begin() as connection:
        row = (
            connection.execute(
                update(vote_phase)
                .where(
                    vote_phase.c.code_hash == code_hash,
                    vote_phase.c.is_open.is_(True),
                    vote_phase.c.expires_at > now,
                )
                .values(submissions=vote_phase.c.submissions + 1)
                .returning(*vote_phase.c)
            )
            .mappings()
            .first()
        )
        if row is None:
            return None, 0
        session_id, phase = row["session_id"], row["phase"]
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        counted = 0
        for statement, answer in answers.items():
            where = (
                vote_count.c.session_id == session_id,
                vote_count.c.phase == phase,
                vote_count.c.statement == statement,
            )
            total = connection.execute(
                select(func.coalesce(func.sum(vote_count.c.n), 0)).where(*where)
            ).scalar()
            if total >= row["cap"]:
                continue
            new_ballot = connection.execute(
                dialect.insert(vote_ballot)
                .values(
                    session_id=session_id, phase=phase, statement=statement, ballot_hash=ballot_hash
                )
                .on_conflict_do_nothing()
            ).rowcount
            if not new_ballot:
                continue
            insert = dialect.insert(vote_count).values(
                session_id=session_id, phase=phase, statement=statement, kind=answer, n=1
            )
            connection.execute(
                insert.on_conflict_do_update(
                    index_elements=[
                        vote_count.c.session_id,
                        vote_count.c.phase,
                        vote_count.c.statement,
                        vote_count.c.kind,
                    ],
                    set_={"n": vote_count.c.n + 1},
                )
            )
            counted += 1
    return _phase(row), counted
