"""A saved session's documents prepared ahead, kept where every worker process sees them.

One row per session and document kind (the pack, the handouts, the briefing, the slides as
PDF and PowerPoint, the offline kit), with the language and the revision it was built from;
a newer revision replaces it; a row without bytes says that one process is preparing it.
Nothing in these documents opens the session or counts its class (store/prepared.py,
STORABLE). Deleted with the session (ON DELETE CASCADE).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    """Create prepared_document."""
    op.create_table(
        "prepared_document",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("planned_session.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("revision", sa.String(64), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.LargeBinary),  # empty: being prepared by one process
    )


def downgrade() -> None:
    """Drop prepared_document (documents are prepared again on the next page view)."""
    op.drop_table("prepared_document")
