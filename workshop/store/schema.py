"""The tables: planned sessions and the school head's decisions (SQLAlchemy Core).

Nothing here is about a pupil. A session holds what the presenter typed in the session form,
the hashes of its four links (never the links themselves) and the head's latest decision,
with the lesson texts as they stood when the head approved, so a later change can be shown.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

planned_session = Table(
    "planned_session",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("presenter_token_hash", String(64), nullable=False, unique=True),
    Column("head_token_hash", String(64), nullable=False, unique=True),
    # The screen link's (0005): empty for a session saved before, until a link is opened.
    Column("screen_token_hash", String(64), index=True, unique=True),
    # The class teacher's (0006): empty for a session saved before, until a link is opened.
    Column("teacher_token_hash", String(64), index=True, unique=True),
    Column("teacher_screen", String(64)),  # the screen token wrapped for it (tokens.py)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("delete_after", Date, nullable=False, index=True),
    Column("lang", String(8), nullable=False),
    Column("tier", String(16), nullable=False),
    Column("modules", String(200), nullable=False),  # module ids, comma-separated, in order
    Column("periods", Integer, nullable=False),
    # One date per period, each optional (0010: "date" became date_1, period 1's).
    Column("date_1", Date),
    Column("date_2", Date),
    Column("date_3", Date),
    Column("school", String(120), nullable=False, default=""),
    Column("class_name", String(60), nullable=False, default=""),
    Column("class_size", Integer),  # how many pupils, if the presenter said (0004)
    Column("presenter", String(120), nullable=False, default=""),
    Column("role", String(120), nullable=False, default=""),
    Column("safeguarding_contact", String(200), nullable=False, default=""),
    Column("local_contacts", Text, nullable=False, default=""),
)

# The head's latest decision on a session: one row per session, replaced as a whole.
decision = Table(
    "decision",
    metadata,
    Column(
        "session_id",
        Integer,
        ForeignKey("planned_session.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("verdict", String(16), nullable=False),  # "approved" or "changes"
    Column("name", String(120), nullable=False),
    Column("role", String(120), nullable=False),
    Column("comment", Text, nullable=False, default=""),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("content_revision", String(32), nullable=False),
    # {lesson key: {"revision": ..., "lines": [...]}} for the lessons approved
    Column("lessons", JSON, nullable=False),
    # The session's choices as the head read them (0007; null for older decisions), so an
    # edit can be shown to the head instead of silently replacing what was approved.
    Column("choices", JSON),
)
