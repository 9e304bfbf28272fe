"""A saved session's documents prepared ahead, in the database: every worker process sees
what any of them prepared (issue 26).

One row per session and document kind: the bytes, the language and the revision they were
built from (facilitate/prepared.py's fingerprint: content, code, the session's choices, the
head's decision, the day). A row is served only for exactly that revision and language, and
a newer one replaces it, so a session never holds more than one copy of each kind. Rows go
with their session (ON DELETE CASCADE: the delete button and the daily purge).

The bytes are sealed under a key derived from the presenter's link (`document_key`), which
the server never keeps (it stores only the link's hash): a copy of the database, or a
reader of it, gets no document; the presenter's request, which carries the link, opens it.
The seal is built from the standard library (no cipher package in the locks): a keystream
from SHAKE-256 over the key and a random nonce, then HMAC-SHA-256 over nonce and
ciphertext (encrypt-then-MAC), with separate keys for the two. A row that does not open
(another link, altered bytes) is served as missing, so the document is built again.

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
import hashlib
import hmac
import secrets

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


SEAL_VERSION = b"D1"
_NONCE = 16
_TAG = 32


def document_key(token: str) -> bytes:
    """The key a presenter's link gives its prepared documents (a PRF of the token under
    its own label: the stored hash of the link does not give it)."""
    return hmac.new(token.encode(), b"declic prepared documents", hashlib.sha256).digest()


def _keys(key: bytes) -> tuple[bytes, bytes]:
    stream = hmac.new(key, b"stream", hashlib.sha256).digest()
    mac = hmac.new(key, b"mac", hashlib.sha256).digest()
    return stream, mac


def _xor(data: bytes, stream_key: bytes, nonce: bytes) -> bytes:
    pad = hashlib.shake_256(stream_key + nonce).digest(len(data))
    return (int.from_bytes(data, "big") ^ int.from_bytes(pad, "big")).to_bytes(len(data), "big")


def seal(key: bytes, data: bytes) -> bytes:
    """The bytes as stored: version, nonce, tag, ciphertext."""
    stream_key, mac_key = _keys(key)
    nonce = secrets.token_bytes(_NONCE)
    sealed = _xor(bytes(data), stream_key, nonce)
    tag = hmac.new(mac_key, SEAL_VERSION + nonce + sealed, hashlib.sha256).digest()
    return SEAL_VERSION + nonce + tag + sealed


def unseal(key: bytes, stored: bytes) -> bytes | None:
    """The document, or None if these bytes were not sealed under this key (or altered)."""
    head = len(SEAL_VERSION)
    if len(stored) < head + _NONCE + _TAG or not stored.startswith(SEAL_VERSION):
        return None
    nonce = stored[head : head + _NONCE]
    tag = stored[head + _NONCE : head + _NONCE + _TAG]
    sealed = stored[head + _NONCE + _TAG :]
    stream_key, mac_key = _keys(key)
    expected = hmac.new(mac_key, SEAL_VERSION + nonce + sealed, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, expected):
        return None
    return _xor(sealed, stream_key, nonce)


def _matching(session_id: int, kind: str, lang: str, revision: str):
    c = prepared_document.c
    return and_(c.session_id == session_id, c.kind == kind, c.lang == lang, c.revision == revision)


def _fresh() -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(seconds=CLAIM_SECONDS)


def get(
    engine: Engine, session_id: int, kind: str, lang: str, revision: str, key: bytes
) -> bytes | None:
    """The stored document of exactly this revision and language, opened with `key`; None
    if there is none or it does not open."""
    query = select(prepared_document.c.data).where(_matching(session_id, kind, lang, revision))
    with engine.connect() as connection:
        data = connection.execute(query).scalar()
    return unseal(key, bytes(data)) if data is not None else None


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


def put(
    engine: Engine, session_id: int, kind: str, lang: str, revision: str, data: bytes, key: bytes
) -> bool:
    """Keep a document sealed under `key`, replacing the session's earlier one of this kind
    in one statement (two workers storing it at once leave one row). False if not kept: too
    large, or the session was deleted meanwhile."""
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
        "data": seal(key, data),
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
