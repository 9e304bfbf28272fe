"""A session's plan: the activities of its lessons placed minute by minute."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..catalog.models import Catalog, Lesson, PlanItem

if TYPE_CHECKING:
    from .choices import SessionChoices


@dataclass(frozen=True)
class PlannedActivity:
    """An activity placed in the session, with its start minute."""

    lesson: Lesson
    item: PlanItem
    start: int

    @property
    def end(self) -> int:
        """The minute it ends."""
        return self.start + self.item.minutes


@dataclass(frozen=True)
class SessionPlan:
    """The activities kept for the session, in order, and what was left out."""

    minutes: int
    activities: tuple[PlannedActivity, ...]
    left_out: tuple[tuple[Lesson, PlanItem], ...] = field(default=())

    @property
    def used(self) -> int:
        """Minutes the kept activities take."""
        return sum(activity.item.minutes for activity in self.activities)


class PlanDoesNotFit(ValueError):
    """Even the core activities take longer than the session."""

    def __init__(self, core_minutes: int, session_minutes: int):
        super().__init__(f"core activities take {core_minutes} min; the session lasts "
                         f"{session_minutes} min")
        self.core_minutes = core_minutes
        self.session_minutes = session_minutes


def lessons_for(catalog: Catalog, choices: SessionChoices) -> tuple[Lesson, ...]:
    """The chosen lessons, in the order of the modules."""
    return tuple(catalog.lesson(module, choices.tier, choices.lang) for module in choices.modules)


def plan_session(lessons: tuple[Lesson, ...], minutes: int) -> SessionPlan:
    """Keep every core activity; add optional ones, in order, while time remains."""
    core = sum(item.minutes for lesson in lessons for item in lesson.facilitator.plan
               if item.is_core)
    if core > minutes:
        raise PlanDoesNotFit(core, minutes)
    spare = minutes - core
    kept, left_out = set(), []
    for lesson in lessons:
        for index, item in enumerate(lesson.facilitator.plan):
            if item.is_core:
                kept.add((lesson.key, index))
            elif item.minutes <= spare:
                kept.add((lesson.key, index))
                spare -= item.minutes
            else:
                left_out.append((lesson, item))
    activities, start = [], 0
    for lesson in lessons:
        for index, item in enumerate(lesson.facilitator.plan):
            if (lesson.key, index) in kept:
                activities.append(PlannedActivity(lesson, item, start))
                start += item.minutes
    return SessionPlan(minutes, tuple(activities), tuple(left_out))
