"""One date per period: a two- or three-period session is often spread over several days.

The single "date" becomes period 1's (date_1); periods 2 and 3 get a column each, empty for
the sessions saved before. Downgrading keeps period 1's date as the single date and drops
the others.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"


# Plain ALTER TABLE, which SQLite (3.35 and later) and PostgreSQL both run in place: a batch
# operation would rebuild planned_session on SQLite, and dropping the old table deletes the
# votes and decisions that cascade from it.
def upgrade() -> None:
    """Rename planned_session.date to date_1; add date_2 and date_3."""
    op.execute('ALTER TABLE planned_session RENAME COLUMN "date" TO date_1')
    op.add_column("planned_session", sa.Column("date_2", sa.Date, nullable=True))
    op.add_column("planned_session", sa.Column("date_3", sa.Date, nullable=True))


def downgrade() -> None:
    """Back to one date, period 1's."""
    op.execute("ALTER TABLE planned_session DROP COLUMN date_3")
    op.execute("ALTER TABLE planned_session DROP COLUMN date_2")
    op.execute('ALTER TABLE planned_session RENAME COLUMN date_1 TO "date"')
