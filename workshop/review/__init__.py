"""Blueprint: school heads review what each class level will see and hear."""

from flask import Blueprint, render_template

from ..catalog import get_catalog, tier_or_404
from ..i18n import current_language

bp = Blueprint("review", __name__, url_prefix="/<lang>/review")


@bp.get("/")
def index():
    """The tiers to review."""
    return render_template("review/index.html", tiers=get_catalog().tiers.values())


@bp.get("/<tier>/")
def tier(tier: str):
    """Everything pupils of a tier see, with the facilitator notes marked as such."""
    found = tier_or_404(tier)
    lessons = get_catalog().lessons_for(tier, current_language())
    return render_template("review/tier.html", tier=found, lessons=lessons,
                           revision=get_catalog().revision)
