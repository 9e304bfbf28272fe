"""The class teacher's link: a fourth link, for the sequence around the visit (issue 28).

Only its hash is stored, like the three others. The sessions saved before have none: it is
filled in the first time the presenter's or the head's link is opened (store/__init__.py),
since it is derived from them and no token is stored.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
INDEX = "ix_planned_session_teacher_token_hash"


def upgrade() -> None:
    """Add planned_session.teacher_token_hash (unique) and teacher_screen, empty for the
    sessions saved before.

    A column and a unique index, not a constraint, as for the screen link (0005): SQLite
    would rebuild the table for a constraint, and the votes would go with the old table.
    """
    op.add_column("planned_session", sa.Column("teacher_token_hash", sa.String(64)))
    # The screen link's token wrapped for the teacher's link (store/tokens.py).
    op.add_column("planned_session", sa.Column("teacher_screen", sa.String(64)))
    op.create_index(INDEX, "planned_session", ["teacher_token_hash"], unique=True)


def downgrade() -> None:
    """Drop planned_session.teacher_token_hash."""
    op.drop_index(INDEX, "planned_session")
    with op.batch_alter_table("planned_session") as table:  # SQLite rebuilds the table
        table.drop_column("teacher_token_hash")
        table.drop_column("teacher_screen")
