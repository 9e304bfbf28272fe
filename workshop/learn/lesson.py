"""Choosing a class and a module; the start page, the steps and the end card."""

from flask import abort, render_template, url_for

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
    return render_template(
        "learn/step.html",
        **page_context(lesson, "steps", number),
        number=number,
        step=lesson.pupil.steps[number - 1],
    )


@bp.get("/<tier>/<module>/end")
def end(tier: str, module: str):
    """What to remember, what to do, who can help: a card to print."""
    lesson = lesson_or_404(module, tier, current_language())
    return render_template(
        "learn/end.html",
        **page_context(lesson, "end"),
        featured_help=lesson.pupil.help_routes,
        featured_badge=False,
    )


def page_context(lesson, part: str | None = None, number: int = 1) -> dict:
    """What every page of a lesson needs. `pupil` is the pupil text; `resume_at` is where
    "Reprendre" leads back to from this page: the step, never an answer (a quiz or a
    scenario starts again from its beginning)."""
    return {
        "tier": tier_or_404(lesson.tier),
        "pupil": lesson.pupil,
        "module": lesson.module,
        "module_key": f"{lesson.lang}/{lesson.tier}/{lesson.module}",
        "start_node": lesson.scenario.start,
        "resume_at": resume_at(lesson, part, number),
    }


def resume_at(lesson, part: str | None, number: int = 1) -> str | None:
    """The address a pupil may come back to from this part of the lesson, with no query."""
    place = {
        "steps": ("learn.step", {"number": number}),
        "scenario": ("learn.situation", {"node": lesson.scenario.start}),
        "quiz": ("learn.question", {"number": 1}),
        "end": ("learn.end", {}),
    }.get(part)
    if place is None:
        return None
    endpoint, values = place
    return url_for(endpoint, tier=lesson.tier, module=lesson.module, **values)
