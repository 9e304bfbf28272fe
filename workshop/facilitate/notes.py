"""Each lesson's facilitator notes, by tier."""

from flask import render_template, url_for

from ..catalog import get_catalog, lesson_or_404, tier_or_404
from ..export import export_links
from ..i18n import current_language
from ..planning.choices import SessionChoices
from . import bp


@bp.get("/")
def index():
    """Every lesson by tier, with its objectives and class plan."""
    catalog = get_catalog()
    by_tier = [
        (tier, catalog.lessons_for(tier.id, current_language())) for tier in catalog.tiers.values()
    ]
    return render_template("facilitate/index.html", by_tier=by_tier)


@bp.get("/<tier>/<module>/")
def lesson(tier: str, module: str):
    """A lesson's facilitator notes: plan, background, what to say, safeguarding."""
    found = lesson_or_404(module, tier, current_language())
    one = SessionChoices(lang=found.lang, tier=found.tier, modules=(found.module,))
    links = export_links(
        one,
        lambda name: url_for("facilitate.lesson_export", tier=tier, module=module, name=name),
        follow_ups=False,
    )
    return render_template(
        "facilitate/lesson.html",
        tier=tier_or_404(tier),
        lesson=found,
        legal=found.laws,
        moodle_links=links,
        catalog_modules=get_catalog().modules,
    )
