"""A session's plan: the activities of its lessons placed minute by minute."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import vocabulary
from ..catalog.models import Catalog, Lesson, PlanItem

if TYPE_CHECKING:
    from .choices import SessionChoices


@dataclass(frozen=True)
class PlannedActivity:
    """An activity placed in the session, with its start minute."""

    lesson: Lesson
    item: PlanItem
    start: int
    period: int = 1

    @property
    def end(self) -> int:
        """The minute it ends."""
        return self.start + self.item.minutes

    @property
    def minute(self) -> int:
        """The minute it starts, counted from the start of its period (each period from 0)."""
        return self.start - (self.period - 1) * vocabulary.PERIOD_MINUTES

    @property
    def minute_end(self) -> int:
        """The minute it ends, counted from the start of its period."""
        return self.minute + self.item.minutes


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

    @property
    def periods(self) -> tuple[tuple[int, tuple[PlannedActivity, ...]], ...]:
        """(period number, its activities) for each period of the session, in order."""
        count = max(1, -(-self.minutes // vocabulary.PERIOD_MINUTES))
        return tuple(
            (n, tuple(a for a in self.activities if a.period == n)) for n in range(1, count + 1)
        )

    @property
    def filled(self) -> int:
        """How many of its periods hold an activity: fewer than its periods, and a class
        would sit through a period with nothing in it (read_choices refuses that)."""
        return sum(1 for _, activities in self.periods if activities)


class PlanDoesNotFit(ValueError):
    """Even the core activities take longer than the session."""

    def __init__(self, core_minutes: int, session_minutes: int):
        super().__init__(
            f"core activities take {core_minutes} min; the session lasts {session_minutes} min"
        )
        self.core_minutes = core_minutes
        self.session_minutes = session_minutes


def lessons_for(catalog: Catalog, choices: SessionChoices) -> tuple[Lesson, ...]:
    """The chosen lessons, in the order of the modules."""
    # A loaded catalog has a lesson for every module at every tier in every language (rule
    # lesson-missing), and choices name only the catalog's modules, tiers and languages.
    return tuple(
        catalog.lessons[(module, choices.tier, choices.lang)] for module in choices.modules
    )


def plan_session(lessons: tuple[Lesson, ...], minutes: int) -> SessionPlan:
    """Keep every core activity; add optional ones, in order, while time remains."""
    core = sum(
        item.minutes for lesson in lessons for item in lesson.facilitator.plan if item.is_core
    )
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
    chosen = [
        (lesson, item)
        for lesson in lessons
        for index, item in enumerate(lesson.facilitator.plan)
        if (lesson.key, index) in kept
    ]
    return SessionPlan(minutes, _in_periods(chosen, minutes), tuple(left_out))


def _in_periods(chosen: list[tuple[Lesson, PlanItem]], minutes: int) -> tuple[PlannedActivity, ...]:
    """Place activities period by period: one that would run past the bell starts the next
    period. If that leaves too little time at the end, they run on across the bell."""
    length = vocabulary.PERIOD_MINUTES
    periods = max(1, -(-minutes // length))
    placed, period, clock = [], 1, 0
    for lesson, item in chosen:
        if clock and clock + item.minutes > length and period < periods:
            period, clock = period + 1, 0
        placed.append(PlannedActivity(lesson, item, (period - 1) * length + clock, period))
        clock += item.minutes
    if not placed or placed[-1].end <= minutes:
        return tuple(placed)
    activities, start = [], 0
    for lesson, item in chosen:
        activities.append(PlannedActivity(lesson, item, start, min(start // length + 1, periods)))
        start += item.minutes
    return tuple(activities)
