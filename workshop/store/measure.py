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
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from .schema import metadata

PHASES = ("start", "end", "follow")
ANSWERS = ("true", "false", "unsure")

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
    statements: list[str],
) -> None:
    """Open a phase's vote with its code, expiry and cap; create its zero counters."""
    with engine.begin() as connection:
        changed = connection.execute(
            update(vote_phase)
            .where(vote_phase.c.session_id == session_id, vote_phase.c.phase == phase)
            .values(
                is_open=True,
                code_hash=code_hash,
                generation=generation,
                expires_at=expires_at,
                cap=cap,
            )
        ).rowcount
        if not changed:
            connection.execute(
                vote_phase.insert().values(
                    session_id=session_id,
                    phase=phase,
                    is_open=True,
                    revealed=False,
                    code_hash=code_hash,
                    generation=generation,
                    expires_at=expires_at,
                    cap=cap,
                    submissions=0,
                )
            )
        existing = {
            (s, a)
            for s, a in connection.execute(
                select(vote_count.c.statement, vote_count.c.kind).where(
                    vote_count.c.session_id == session_id, vote_count.c.phase == phase
                )
            )
        }
        missing = [
            {"session_id": session_id, "phase": phase, "statement": s, "kind": a, "n": 0}
            for s in statements
            for a in ANSWERS
            if (s, a) not in existing
        ]
        if missing:
            connection.execute(vote_count.insert(), missing)


def set_flags(engine: Engine, session_id: int, phase: str, **flags: bool) -> bool:
    """Close (is_open=False) or reveal/hide (revealed=…) a phase; False if never opened."""
    with engine.begin() as connection:
        return bool(
            connection.execute(
                update(vote_phase)
                .where(vote_phase.c.session_id == session_id, vote_phase.c.phase == phase)
                .values(**flags)
            ).rowcount
        )


def submit(
    engine: Engine, code_hash: str, now: dt.datetime, answers: dict[str, str]
) -> Phase | None:
    """Add one phone's answers ({statement: answer}); the phase, or None if refused.

    One transaction: first the guarded UPDATE (open, not expired, under the cap; RETURNING
    the phase), which also takes the write lock at once on SQLite, then one `n = n + 1` per
    answer. A refused submission changes nothing.
    """
    with engine.begin() as connection:
        row = (
            connection.execute(
                update(vote_phase)
                .where(
                    vote_phase.c.code_hash == code_hash,
                    vote_phase.c.is_open.is_(True),
                    vote_phase.c.expires_at > now,
                    vote_phase.c.submissions < vote_phase.c.cap,
                )
                .values(submissions=vote_phase.c.submissions + 1)
                .returning(*vote_phase.c)
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        for statement, answer in answers.items():
            counted = connection.execute(
                update(vote_count)
                .where(
                    vote_count.c.session_id == row["session_id"],
                    vote_count.c.phase == row["phase"],
                    vote_count.c.statement == statement,
                    vote_count.c.kind == answer,
                )
                .values(n=vote_count.c.n + 1)
            ).rowcount
            if not counted:  # a statement added to the lesson since the vote opened
                dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
                insert = dialect.insert(vote_count).values(
                    session_id=row["session_id"],
                    phase=row["phase"],
                    statement=statement,
                    kind=answer,
                    n=1,
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
    return _phase(row)
