"""The school head's decision on a session, with the lessons as approved.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    """Create the decision table (one row per session, deleted with it)."""
    op.create_table(
        "decision",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("planned_session.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(120), nullable=False),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content_revision", sa.String(32), nullable=False),
        sa.Column("lessons", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    """Drop the decision table."""
    op.drop_table("decision")
