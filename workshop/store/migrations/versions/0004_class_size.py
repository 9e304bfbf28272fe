"""How many pupils a session is for (optional): the cards and handouts to bring.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    """Add planned_session.class_size, empty for the sessions saved before."""
    op.add_column("planned_session", sa.Column("class_size", sa.Integer, nullable=True))


def downgrade() -> None:
    """Drop planned_session.class_size."""
    with op.batch_alter_table("planned_session") as table:  # SQLite rebuilds the table
        table.drop_column("class_size")
