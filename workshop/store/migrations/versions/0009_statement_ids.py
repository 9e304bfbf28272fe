"""Starter statements keyed by their stable id: "grooming:faux-profil", not "grooming:1".

Until now a statement's key was its module and its place in the lesson's baseline list, so
inserting a statement shifted the counts stored after it. The lessons now declare each
statement with an id (`[[statement]]`), and the counts move to it. The table below is the
content as it stood at this migration (tier → module → ids in their old order): frozen here,
so that the migration means the same whatever the content becomes. A key it does not know
(a statement number beyond the list, a module since removed) is left as it was.

Every column that holds a statement key moves: the stored counts, the statement a vote is
asking (vote_phase.statement, 0007) and the ballots that answered it (vote_ballot.statement),
so a vote open across the upgrade keeps its statement and a phone that answered stays
answered.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"

# tier → module → the statements' ids, in the order their numbers counted them (from 1).
IDS: dict[str, dict[str, tuple[str, ...]]] = {
    "11-13": {
        "grooming": (
            "photo-profil-age",
            "cadeau-sans-dette",
            "secret-malaise",
            "aide-apres-photo",
        ),
        "images": (
            "snapchat-disparait",
            "ami-accepte-non",
            "transferer-blesse",
            "pas-sa-faute",
        ),
        "recruitment": (
            "cadeau-sans-dette",
            "argent-facile-piege",
            "secret-malaise",
            "parler-proteger",
        ),
    },
    "13-15": {
        "grooming": (
            "faux-profil",
            "cadeau-sans-dette",
            "garcons-victimes",
            "pas-sa-faute",
            "adulte-aide",
        ),
        "images": (
            "snapchat-garde",
            "payer-chantage",
            "chantage-garcons",
            "partage-interdit",
            "aide-apres-nude",
        ),
        "recruitment": (
            "offre-piege",
            "cadeaux-sans-dette",
            "victime-malgre-argent",
            "parler-proteger",
        ),
    },
    "15-18": {
        "grooming": (
            "manipulateur-gentil",
            "payer-chantage",
            "chantage-garcons",
            "loi-protege",
            "parler-pas-trahir",
        ),
        "images": (
            "montrer-sans-accord",
            "montage-ia",
            "groupe-agir",
            "retirer-image",
            "garcons-aussi",
        ),
        "recruitment": (
            "mineure-victime",
            "sans-dette",
            "loi-protege",
            "garcons-recrutes",
            "secret-pas-trahir",
        ),
    },
}


def upgrade() -> None:
    """Re-key each stored statement key from module:number to module:id, by its session's
    tier."""
    _rekey(_id_of)


def downgrade() -> None:
    """Back to module:number."""
    _rekey(lambda ids, old: str(ids.index(old) + 1) if old in ids else None)


def _id_of(ids: tuple[str, ...], old: str) -> str | None:
    """The id of the statement that was number `old` (ASCII digits only: "²" is a digit)."""
    if old.isascii() and old.isdigit() and 0 < int(old) <= len(ids):
        return ids[int(old) - 1]
    return None


# The tables with a column "statement" holding a key (vote_phase's is empty when no single
# statement is asked). Old and new keys never collide (an id is never all digits), so each
# key moves with one UPDATE, primary keys included.
TABLES = ("vote_count", "vote_phase", "vote_ballot")


def _rekey(new_part) -> None:
    connection = op.get_bind()
    for table in TABLES:
        rows = connection.execute(
            sa.text(
                f"SELECT DISTINCT t.session_id, t.statement, s.tier FROM {table} t"
                " JOIN planned_session s ON s.id = t.session_id"
                " WHERE t.statement IS NOT NULL"
            )
        ).all()
        for session_id, key, tier in rows:
            module, _, old = key.partition(":")
            ids = IDS.get(tier, {}).get(module)
            new = new_part(ids, old) if ids else None
            if new is None:
                continue
            connection.execute(
                sa.text(
                    f"UPDATE {table} SET statement = :new"
                    " WHERE session_id = :session AND statement = :old"
                ),
                {"new": f"{module}:{new}", "session": session_id, "old": key},
            )
