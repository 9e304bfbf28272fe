"""Votes one question at a time: the statement the phones are asked, whether the projected
window shows the vote, and the ballots that answered (so a phone answers once).

A ballot row says only that one page answered one statement: a random value's hash, never
the answer, no address, no time. Ballots are deleted when the vote's code changes or
expires, and with the session (ON DELETE CASCADE).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    """Add vote_phase.statement and vote_phase.on_screen; create vote_ballot."""
    op.add_column("vote_phase", sa.Column("statement", sa.String(80)))
    op.add_column(
        "vote_phase",
        sa.Column("on_screen", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "vote_ballot",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("planned_session.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("phase", sa.String(8), primary_key=True),
        sa.Column("statement", sa.String(80), primary_key=True),
        sa.Column("ballot_hash", sa.String(64), primary_key=True),
    )


def downgrade() -> None:
    """Drop vote_ballot and the two columns."""
    op.drop_table("vote_ballot")
    with op.batch_alter_table("vote_phase") as table:  # SQLite rebuilds the table
        table.drop_column("on_screen")
        table.drop_column("statement")
