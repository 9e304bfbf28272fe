"""The session as the head decided on it: its choices, kept with the decision.

An edit no longer deletes the decision: the pages compare the choices now with the ones
the head read, to say what changed and whether it withdraws the approval
(review/approval.py). Decisions recorded before have none (null): they were deleted by
every edit, so they match the session as it stands.

Revision ID: 0008
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    """Add decision.choices, empty for the decisions recorded before."""
    op.add_column("decision", sa.Column("choices", sa.JSON()))


def downgrade() -> None:
    """Drop decision.choices."""
    with op.batch_alter_table("decision") as table:  # SQLite rebuilds the table
        table.drop_column("choices")
