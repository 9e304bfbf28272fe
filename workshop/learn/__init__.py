"""Blueprint: pupils' self-paced modules."""

from flask import Blueprint, abort, render_template

from ..catalog import get_catalog, lesson_or_404, tier_or_404
from ..i18n import current_language

bp = Blueprint("learn", __name__, url_prefix="/<lang>/learn")


@bp.get("/")
def tiers():
    """Pick your class level."""
    return render_template("learn/tiers.html", tiers=get_catalog().tiers.values())


@bp.get("/<tier>/")
def modules(tier: str):
    """The modules of a tier, with their length."""
    found = tier_or_404(tier)
    lessons = get_catalog().lessons_for(tier, current_language())
    return render_template("learn/modules.html", tier=found, lessons=lessons)


@bp.get("/<tier>/<module>/")
def start(tier: str, module: str):
    """A module's start page: its length and its content note."""
    lesson = lesson_or_404(module, tier, current_language())
    return render_template("learn/start.html", tier=tier_or_404(tier), lesson=lesson.pupil,
                           module=module)


@bp.get("/<tier>/<module>/step/<int:number>")
def step(tier: str, module: str, number: int):
    """One step of the lesson, with its place in the whole."""
    pupil = lesson_or_404(module, tier, current_language()).pupil
    if not 1 <= number <= len(pupil.steps):
        abort(404)
    return render_template("learn/step.html", tier=tier_or_404(tier), lesson=pupil,
                           module=module, number=number, step=pupil.steps[number - 1])


@bp.get("/<tier>/<module>/end")
def end(tier: str, module: str):
    """What to remember, what to do, who can help."""
    pupil = lesson_or_404(module, tier, current_language()).pupil
    resources = [get_catalog().jurisdiction.resources[r] for r in pupil.resources]
    return render_template("learn/end.html", tier=tier_or_404(tier), lesson=pupil,
                           module=module, resources=resources)
