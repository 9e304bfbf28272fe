"""Blueprint: facilitators (prosecutors, investigators, associations) prepare a session."""

from flask import Blueprint, render_template

from ..catalog import get_catalog, lesson_or_404, tier_or_404
from ..i18n import current_language

bp = Blueprint("facilitate", __name__, url_prefix="/<lang>/facilitate")


@bp.get("/")
def index():
    """Every lesson by tier, with its objectives and class plan."""
    catalog = get_catalog()
    by_tier = [(tier, catalog.lessons_for(tier.id, current_language()))
               for tier in catalog.tiers.values()]
    return render_template("facilitate/index.html", by_tier=by_tier)


@bp.get("/<tier>/<module>/")
def lesson(tier: str, module: str):
    """A lesson's facilitator notes: plan, background, what to say, safeguarding."""
    found = lesson_or_404(module, tier, current_language())
    legal = [get_catalog().jurisdiction.legal[ref] for ref in found.legal_refs]
    return render_template("facilitate/lesson.html", tier=tier_or_404(tier), lesson=found,
                           legal=legal)
