"""Starter statements keyed by their stable id: "grooming:faux-profil", not "grooming:1".

Until now a statement's key was its module and its place in the lesson's baseline list, so
inserting a statement shifted the counts stored after it. The lessons now declare each
statement with an id (`[[statement]]`), and the counts move to it. The table below is the
content as it stood at this migration (tier → module → ids in their old order): frozen here,
so that the migration means the same whatever the content becomes. A key it does not know
(a statement number beyond the list, a module since removed) is left as it was.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"

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
    """Re-key each stored count from module:number to module:id, by its session's tier."""
    _rekey(_id_of)


def downgrade() -> None:
    """Back to module:number."""
    _rekey(lambda ids, old: str(ids.index(old) + 1) if old in ids else None)


def _id_of(ids: tuple[str, ...], old: str) -> str | None:
    """The id of the statement that was number `old` (ASCII digits only: "²" is a digit)."""
    if old.isascii() and old.isdigit() and 0 < int(old) <= len(ids):
        return ids[int(old) - 1]
    return None


def _rekey(new_part) -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT DISTINCT c.session_id, c.statement, s.tier FROM vote_count c"
            " JOIN planned_session s ON s.id = c.session_id"
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
                "UPDATE vote_count SET statement = :new"
                " WHERE session_id = :session AND statement = :old"
            ),
            {"new": f"{module}:{new}", "session": session_id, "old": key},
        )
