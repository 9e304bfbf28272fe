"""Planned sessions: the presenter's choices and the hashes of the two links.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    """Create the planned_session table."""
    op.create_table(
        "planned_session",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("presenter_token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("head_token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delete_after", sa.Date, nullable=False, index=True),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("modules", sa.String(200), nullable=False),
        sa.Column("periods", sa.Integer, nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("school", sa.String(120), nullable=False, server_default=""),
        sa.Column("class_name", sa.String(60), nullable=False, server_default=""),
        sa.Column("presenter", sa.String(120), nullable=False, server_default=""),
        sa.Column("role", sa.String(120), nullable=False, server_default=""),
        sa.Column("safeguarding_contact", sa.String(200), nullable=False, server_default=""),
        sa.Column("local_contacts", sa.Text, nullable=False, server_default=""),
    )


def downgrade() -> None:
    """Drop the planned_session table."""
    op.drop_table("planned_session")
