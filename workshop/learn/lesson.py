"""Choosing a class and a module; the start page, the steps and the end card."""

from flask import abort, render_template

from ..catalog import get_catalog, lesson_or_404, tier_or_404
from ..i18n import current_language
from . import bp


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
    return render_template("learn/start.html", **page_context(lesson))


@bp.get("/<tier>/<module>/step/<int:number>")
def step(tier: str, module: str, number: int):
    """One step of the lesson, with its place in the whole."""
    lesson = lesson_or_404(module, tier, current_language())
    if not 1 <= number <= len(lesson.pupil.steps):
        abort(404)
    return render_template("learn/step.html", **page_context(lesson), number=number,
                           step=lesson.pupil.steps[number - 1])


@bp.get("/<tier>/<module>/end")
def end(tier: str, module: str):
    """What to remember, what to do, who can help: a card to print."""
    lesson = lesson_or_404(module, tier, current_language())
    return render_template("learn/end.html", **page_context(lesson),
                           resources=resources_of(lesson.pupil.resources))


def resources_of(ids) -> list:
    """The help routes with these ids, in order."""
    resources = get_catalog().jurisdiction.resources
    return [resources[resource_id] for resource_id in ids]


def page_context(lesson) -> dict:
    """What every page of a lesson needs."""
    return {"tier": tier_or_404(lesson.tier), "lesson": lesson.pupil, "module": lesson.module,
            "module_key": f"{lesson.lang}/{lesson.tier}/{lesson.module}",
            "start_node": lesson.scenario.start}

