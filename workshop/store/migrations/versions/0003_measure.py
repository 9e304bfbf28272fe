"""What the class learned: votes per phase and counts per statement and answer.

Nothing per pupil: one row per session and phase (open or closed, the hash of its join
code, its cap) and one row per session, phase, statement and answer (a count). Both are
deleted with the session (ON DELETE CASCADE).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    """Create the vote_phase and vote_count tables."""
    op.create_table(
        "vote_phase",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("planned_session.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("phase", sa.String(8), primary_key=True),
        sa.Column("is_open", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("revealed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("code_hash", sa.String(64), unique=True),
        sa.Column("generation", sa.Integer, nullable=False, server_default="0"),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        sa.Column("cap", sa.Integer, nullable=False, server_default="0"),
        sa.Column("submissions", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "vote_count",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("planned_session.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("phase", sa.String(8), primary_key=True),
        sa.Column("statement", sa.String(80), primary_key=True),
        sa.Column("kind", sa.String(8), primary_key=True),  # true, false or unsure
        sa.Column("n", sa.Integer, nullable=False, server_default="0"),
    )


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("vote_count")
    op.drop_table("vote_phase")
