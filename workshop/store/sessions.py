"""Saved sessions and the head's decisions: every read and every change, one transaction each.

A session is found only through one of its four tokens (hashed); nothing lists sessions.
The head's decision keeps the choices the head read (`choices_record`): an edit leaves it in
place, and the pages say what changed and whether that withdraws the approval
(approval/). A decision is recorded only on the session exactly as the head read
it: `decide` compares, under the same lock as an edit, and refuses otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..planning import SessionChoices
from ..vocabulary import RECHECK_WEEK
from .measure import vote_phase
from .schema import decision, planned_session
from .tokens import (
    head_token_for,
    is_token,
    new_token,
    screen_token_for,
    teacher_token_for,
    token_hash,
    wrap_screen_token,
)

CHOICE_FIELDS = (
    "lang",
    "tier",
    "periods",
    "dates",
    "school",
    "class_name",
    "class_size",
    "presenter",
    "role",
    "safeguarding_contact",
    "local_contacts",
)
VERDICTS = ("approved", "changes")
DATE_COLUMNS = ("date_1", "date_2", "date_3")  # one per period (0010)


@dataclass(frozen=True)
class Decision:
    """What the head decided, by whom, on which content revision, with what was approved."""

    verdict: str
    name: str
    role: str
    comment: str
    decided_at: dt.datetime
    content_revision: str
    lessons: dict = field(default_factory=dict)
    # The session's choices as the head read them (choices_record); None: recorded before
    # they were kept (0006), when any edit deleted the decision, so they match the session.
    choices: dict | None = None

    @property
    def approved(self) -> bool:
        """Whether this decision approves the session."""
        return self.verdict == "approved"


@dataclass(frozen=True)
class SavedSession:
    """A session as stored, with the head's latest decision if any."""

    id: int
    choices: SessionChoices
    created_at: dt.datetime
    delete_after: dt.date
    decision: Decision | None
    has_screen_link: bool = True  # False: saved before the screen link (0005), not yet filled
    has_teacher_link: bool = True  # False: saved before the teacher's link (0006), not yet
    teacher_screen: str | None = None  # the screen token, wrapped for the teacher's link


def delete_after(choices: SessionChoices, today: dt.date, retention_days: int) -> dt.date:
    """The day after which a session is deleted: its last period's date (or today), plus the
    weeks to the class teacher's re-check (counted from that period, planning/sequence.py),
    plus retention: the sequence around the visit needs the session (its links, its
    follow-up code) until the re-check has been run."""
    start = choices.last_date or today
    return start + dt.timedelta(weeks=RECHECK_WEEK, days=retention_days)


def create(engine: Engine, choices: SessionChoices, retention_days: int) -> tuple[int, str, str]:
    """Store a session; return its id, the presenter's token and the head's token."""
    presenter = new_token()
    head = head_token_for(presenter)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        inserted = connection.execute(
            planned_session.insert().values(
                presenter_token_hash=token_hash(presenter),
                head_token_hash=token_hash(head),
                screen_token_hash=token_hash(screen_token_for(presenter)),
                teacher_token_hash=token_hash(teacher_token_for(presenter)),
                teacher_screen=wrap_screen_token(
                    screen_token_for(presenter), teacher_token_for(presenter)
                ),
                created_at=now,
                updated_at=now,
                delete_after=delete_after(choices, now.date(), retention_days),
                **_choice_values(choices),
            )
        ).inserted_primary_key
    assert inserted is not None  # an insert of one row always has its key
    return inserted[0], presenter, head


def by_presenter_token(engine: Engine, token: str) -> SavedSession | None:
    """The session whose presenter link holds this token, or None."""
    return _find(engine, planned_session.c.presenter_token_hash, token)


def by_head_token(engine: Engine, token: str) -> SavedSession | None:
    """The session whose head's link holds this token, or None."""
    return _find(engine, planned_session.c.head_token_hash, token)


def by_screen_token(engine: Engine, token: str) -> SavedSession | None:
    """The session whose screen link holds this token, or None."""
    return _find(engine, planned_session.c.screen_token_hash, token)


def by_teacher_token(engine: Engine, token: str) -> SavedSession | None:
    """The session whose class teacher's link holds this token, or None."""
    return _find(engine, planned_session.c.teacher_token_hash, token)


def ensure_teacher_token(
    engine: Engine, session_id: int, teacher_hash: str, teacher_screen: str
) -> bool:
    """Give a session saved before the teacher's link its hash (and the screen token
    wrapped for it); False if it had one."""
    with engine.begin() as connection:
        return bool(
            connection.execute(
                update(planned_session)
                .where(
                    planned_session.c.id == session_id,
                    planned_session.c.teacher_token_hash.is_(None),
                )
                .values(teacher_token_hash=teacher_hash, teacher_screen=teacher_screen)
            ).rowcount
        )


def ensure_screen_token(
    engine: Engine, session_id: int, screen_hash: str, code_hashes: tuple = ()
) -> bool:
    """Give a session saved before the screen link its hash, and re-key its join codes
    (`code_hashes`: (phase, generation, hash) each, the codes now derived from the screen
    link), in one transaction; False if it already had one (or is gone)."""
    with engine.begin() as connection:
        filled = connection.execute(
            update(planned_session)
            .where(
                planned_session.c.id == session_id, planned_session.c.screen_token_hash.is_(None)
            )
            .values(screen_token_hash=screen_hash)
        ).rowcount
        if not filled:
            return False
        for phase, generation, code_hash in code_hashes:
            connection.execute(
                update(vote_phase)
                .where(
                    vote_phase.c.session_id == session_id,
                    vote_phase.c.phase == phase,
                    vote_phase.c.generation == generation,
                )
                .values(code_hash=code_hash)
            )
    return True


def choices_record(choices: SessionChoices) -> dict:
    """A session's choices as JSON keeps them: what a decision was made on."""
    values = {name: getattr(choices, name) for name in CHOICE_FIELDS}
    values["dates"] = [day.isoformat() if day else None for day in choices.dates]
    values["modules"] = list(choices.modules)
    return values


def record_choices(record: dict) -> SessionChoices:
    """choices_record's inverse."""
    values = dict(record)
    values["modules"] = tuple(values["modules"])
    # Recorded before 0010: one "date", the first period's.
    days = values.pop("dates", None) or [values.pop("date", None)]
    values["dates"] = tuple(dt.date.fromisoformat(day) if day else None for day in days)
    return SessionChoices(**values)


def update_choices(
    engine: Engine, session_id: int, choices: SessionChoices, retention_days: int
) -> bool:
    """Replace a session's choices; False if it is gone. The decision stays, with the
    choices it was made on, so that the pages can say what changed since."""
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        changed = connection.execute(
            update(planned_session)
            .where(planned_session.c.id == session_id)
            .values(
                updated_at=now,
                delete_after=delete_after(choices, now.date(), retention_days),
                **_choice_values(choices),
            )
        ).rowcount
    return bool(changed)


class SessionChanged(Exception):
    """The session was edited after the head read it: nothing was recorded."""

    def __init__(self, now: SessionChoices):
        super().__init__("session changed since it was read")
        self.now = now


def decide(engine: Engine, session_id: int, new: Decision) -> bool:
    """Record the head's decision, replacing any earlier one as a whole; False if gone.

    `new.choices` is the session as the head read it: if the session now differs, nothing
    is written and SessionChanged says how it stands. The row is locked first by a write
    (a row lock on PostgreSQL, the write lock on SQLite, where SELECT … FOR UPDATE does
    nothing), the same lock an edit takes, so an edit lands wholly before the comparison
    or wholly after the decision, never between. One upsert, so two heads deciding at once
    leave one complete record.
    """
    values = {
        "session_id": session_id,
        "verdict": new.verdict,
        "name": new.name,
        "role": new.role,
        "comment": new.comment,
        "decided_at": new.decided_at,
        "content_revision": new.content_revision,
        "lessons": new.lessons,
        "choices": new.choices,
    }
    with engine.begin() as connection:
        locked = connection.execute(
            update(planned_session)
            .where(planned_session.c.id == session_id)
            .values(id=planned_session.c.id)
        ).rowcount
        if not locked:
            return False
        row = (
            connection.execute(select(planned_session).where(planned_session.c.id == session_id))
            .mappings()
            .one()
        )
        now = _row_choices(row)
        if new.choices is not None and choices_record(now) != new.choices:
            raise SessionChanged(now)
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(decision).values(**values)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=[decision.c.session_id],
                set_={name: statement.excluded[name] for name in values if name != "session_id"},
            )
        )
    return True


def delete_session(engine: Engine, session_id: int) -> None:
    """Delete a session and everything attached to it, now."""
    with engine.begin() as connection:
        connection.execute(delete(decision).where(decision.c.session_id == session_id))
        connection.execute(delete(planned_session).where(planned_session.c.id == session_id))


def purge(engine: Engine, today: dt.date) -> int:
    """Delete every session past its retention day; return how many."""
    expired = select(planned_session.c.id).where(planned_session.c.delete_after < today)
    with engine.begin() as connection:
        connection.execute(delete(decision).where(decision.c.session_id.in_(expired)))
        return connection.execute(
            delete(planned_session).where(planned_session.c.delete_after < today)
        ).rowcount


def class_lessons(engine: Engine, session_id: int) -> tuple[str, tuple[str, ...]] | None:
    """(tier, modules) of a session: what a pupil's phone needs to show its statements, and
    nothing that names anyone; None once the session is gone."""
    with engine.connect() as connection:
        row = connection.execute(
            select(planned_session.c.tier, planned_session.c.modules).where(
                planned_session.c.id == session_id
            )
        ).first()
    return None if row is None else (row.tier, tuple(row.modules.split(",")))


def count(engine: Engine) -> int:
    """How many sessions are stored (for tests and the benchmark)."""
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(planned_session)).scalar_one()


def _choice_values(choices: SessionChoices) -> dict:
    """The columns that hold a session's choices."""
    values = {name: getattr(choices, name) for name in CHOICE_FIELDS if name != "dates"}
    values["modules"] = ",".join(choices.modules)
    # A period the session does not have keeps no date.
    days = choices.dates + (None,) * (len(DATE_COLUMNS) - len(choices.dates))
    values.update(zip(DATE_COLUMNS, days, strict=True))
    return values


def _find(engine: Engine, column, token: str) -> SavedSession | None:
    """The session whose token hash in `column` matches, with its decision."""
    if not is_token(token):
        return None
    query = (
        select(
            planned_session,
            decision.c.verdict,
            decision.c.name.label("d_name"),
            decision.c.role.label("d_role"),
            decision.c.comment,
            decision.c.decided_at,
            decision.c.content_revision,
            decision.c.lessons,
            decision.c.choices.label("d_choices"),
        )
        .outerjoin(decision, decision.c.session_id == planned_session.c.id)
        .where(column == token_hash(token))
    )
    with engine.connect() as connection:
        row = connection.execute(query).mappings().first()
    if row is None:
        return None
    choices = _row_choices(row)
    found = None
    if row["verdict"] is not None:
        found = Decision(
            row["verdict"],
            row["d_name"],
            row["d_role"],
            row["comment"],
            _aware(row["decided_at"]),
            row["content_revision"],
            row["lessons"],
            row["d_choices"],
        )
    return SavedSession(
        row["id"],
        choices,
        _aware(row["created_at"]),
        row["delete_after"],
        found,
        has_screen_link=row["screen_token_hash"] is not None,
        has_teacher_link=row["teacher_token_hash"] is not None,
        teacher_screen=row["teacher_screen"],
    )


def _row_choices(row) -> SessionChoices:
    """The choices held in a planned_session row."""
    return SessionChoices(
        modules=tuple(row["modules"].split(",")),
        dates=tuple(row[name] for name in DATE_COLUMNS),
        **{name: row[name] for name in CHOICE_FIELDS if name != "dates"},
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    """A stored time as UTC (SQLite gives it back without its zone)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
