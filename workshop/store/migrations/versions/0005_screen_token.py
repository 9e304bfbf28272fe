"""The screen link: a third, read-only link for what is projected to the class.

Only its hash is stored, like the two others. The sessions saved before have none: it is
filled in the first time one of their links is opened (store/__init__.py), since it is
derived from them and no token is stored.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
INDEX = "ix_planned_session_screen_token_hash"


def upgrade() -> None:
    """Add planned_session.screen_token_hash, empty for the sessions saved before, unique.

    A column and a unique index, not a constraint: SQLite would rebuild the table for a
    constraint, and dropping the old table would delete its votes (ON DELETE CASCADE).
    """
    op.add_column("planned_session", sa.Column("screen_token_hash", sa.String(64)))
    op.create_index(INDEX, "planned_session", ["screen_token_hash"], unique=True)


def downgrade() -> None:
    """Drop planned_session.screen_token_hash."""
    op.drop_index(INDEX, "planned_session")
    with op.batch_alter_table("planned_session") as table:  # SQLite rebuilds the table
        table.drop_column("screen_token_hash")
