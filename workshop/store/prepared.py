"""A saved session's documents prepared ahead, in the database: every worker process sees
what any of them prepared (issue 26).

One row per session and document kind: the bytes, the language and the revision they were
built from (facilitate/prepared.py's fingerprint: content, code, the session's choices, the
head's decision, the day). A row is served only for exactly that revision and language, and
a newer one replaces it, so a session never holds more than one copy of each kind. Rows go
with their session (ON DELETE CASCADE: the delete button and the daily purge).

Only the kinds in STORABLE may be written: documents made from the session's choices alone,
which hold nothing that opens the session or counts its class (no token, no join or
follow-up code, no screen link, no answer). A document over MAX_BYTES is not kept.

A row without bytes is a claim: one process is preparing that revision (since `built_at`),
so that the others wait for it instead of building it too. It is removed if that build
fails or is cut short, and ignored once older than CLAIM_SECONDS (a process killed
mid-build).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    and_,
    delete,
    not_,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from .schema import metadata

# The kinds a session's page prepares; tests/facilitate/test_prepared_privacy.py builds each
# for a session with an open vote and searches the stored bytes for every token and code.
# A kind that could hold one (the report's counts, a page with a vote's QR) is never added.
STORABLE = frozenset({"pack", "handout", "briefing", "slides", "pptx", "kit"})
# The largest document kept (a two-module kit is about 2 MB); a larger one is built on
# each click. So a session holds at most len(STORABLE) × MAX_BYTES.
MAX_BYTES = 16 * 1024 * 1024
# Longer than any build takes (a kit builds four PDFs, each at most PDF_BUILD_TIMEOUT).
CLAIM_SECONDS = 300

prepared_document = Table(
    "prepared_document",
    metadata,
    Column(
        "session_id",
        Integer,
        ForeignKey("planned_session.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("kind", String(16), primary_key=True),
    Column("lang", String(8), nullable=False),
    Column("revision", String(64), nullable=False),
    Column("built_at", DateTime(timezone=True), nullable=False),
    Column("data", LargeBinary),  # empty: being prepared (a claim)
)


def _matching(session_id: int, kind: str, lang: str, revision: str):
    c = prepared_document.c
    return and_(c.session_id == session_id, c.kind == kind, c.lang == lang, c.revision == revision)


def _fresh() -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(seconds=CLAIM_SECONDS)


def get(engine: Engine, session_id: int, kind: str, lang: str, revision: str) -> bytes | None:
    """The stored document of exactly this revision and language, or None."""
    query = select(prepared_document.c.data).where(_matching(session_id, kind, lang, revision))
    with engine.connect() as connection:
        data = connection.execute(query).scalar()
    return bytes(data) if data is not None else None


def ready(engine: Engine, session_id: int, lang: str, revisions: dict[str, str]) -> set[str]:
    """The kinds (of `revisions`: {kind: revision}) stored at their revision, without
    reading their bytes."""
    c = prepared_document.c
    query = select(c.kind, c.revision).where(
        c.session_id == session_id, c.lang == lang, c.data.is_not(None)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return {kind for kind, revision in rows if revisions.get(kind) == revision}


def claim(engine: Engine, session_id: int, kind: str, lang: str, revision: str) -> bool:
    """Mark a document as being prepared at this revision, in one statement; False (nothing
    changed) if it is ready at this revision or another process is preparing it. A claim
    replaces a copy of another revision."""
    if kind not in STORABLE:
        raise ValueError(f"{kind!r} may not be stored: it is built on each click")
    c = prepared_document.c
    try:
        with engine.begin() as connection:
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            statement = dialect.insert(prepared_document).values(
                session_id=session_id,
                kind=kind,
                lang=lang,
                revision=revision,
                built_at=dt.datetime.now(dt.UTC),
                data=None,
            )
            same = and_(
                c.revision == statement.excluded.revision, c.lang == statement.excluded.lang
            )
            taken = or_(c.data.is_not(None), c.built_at > _fresh())
            # RETURNING, not rowcount: through SQLAlchemy, PostgreSQL's rowcount came back 1
            # for a conflicting row that the WHERE left alone.
            written = connection.execute(
                statement.on_conflict_do_update(
                    index_elements=[c.session_id, c.kind],
                    set_={
                        n: statement.excluded[n] for n in ("lang", "revision", "built_at", "data")
                    },
                    where=not_(and_(same, taken)),
                ).returning(c.kind)
            ).first()
            return written is not None
    except IntegrityError:  # the session is gone
        return False


def being_prepared(engine: Engine, session_id: int, kind: str, lang: str, revision: str) -> bool:
    """Whether a process is preparing this revision now (a claim not yet stale)."""
    c = prepared_document.c
    query = select(c.kind).where(
        _matching(session_id, kind, lang, revision), c.data.is_(None), c.built_at > _fresh()
    )
    with engine.connect() as connection:
        return connection.execute(query).first() is not None


def release(engine: Engine, session_id: int, kind: str, revision: str) -> None:
    """Withdraw a claim (its build failed or was cut short): the next one builds it."""
    c = prepared_document.c
    with engine.begin() as connection:
        connection.execute(
            delete(prepared_document).where(
                c.session_id == session_id, c.kind == kind, c.revision == revision, c.data.is_(None)
            )
        )


def put(engine: Engine, session_id: int, kind: str, lang: str, revision: str, data: bytes) -> bool:
    """Keep a document, replacing the session's earlier one of this kind in one statement
    (two workers storing it at once leave one row). False if not kept: too large, or the
    session was deleted meanwhile."""
    if kind not in STORABLE:
        raise ValueError(f"{kind!r} may not be stored: it is built on each click")
    if len(data) > MAX_BYTES:
        return False
    values = {
        "session_id": session_id,
        "kind": kind,
        "lang": lang,
        "revision": revision,
        "built_at": dt.datetime.now(dt.UTC),
        "data": bytes(data),
    }
    try:
        with engine.begin() as connection:
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            statement = dialect.insert(prepared_document).values(**values)
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=[prepared_document.c.session_id, prepared_document.c.kind],
                    set_={
                        name: statement.excluded[name]
                        for name in ("lang", "revision", "built_at", "data")
                    },
                )
            )
    except IntegrityError:  # the session is gone (its foreign key): nothing to keep
        return False
    return True


def drop(engine: Engine, session_id: int) -> None:
    """Forget every prepared document of a session."""
    with engine.begin() as connection:
        connection.execute(
            delete(prepared_document).where(prepared_document.c.session_id == session_id)
        )


def count(engine: Engine) -> int:
    """How many documents are stored (for the tests)."""
    with engine.connect() as connection:
        return len(connection.execute(select(prepared_document.c.kind)).all())
