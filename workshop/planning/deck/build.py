"""The deck of a session: each planned activity's slides in plan order, a help slide
closing every period, a scenario's other branches after it."""

from __future__ import annotations

from ... import vocabulary
from ...catalog.models import Lesson
from ..plan import PlanDoesNotFit, SessionPlan, plan_session
from .flow import _one_path, _with_flow
from .kinds import _slides_for
from .slide import ActivitySlide, Branches, Closing, Slide, _Draft


def build_deck(
    lessons: tuple[Lesson, ...], plan: SessionPlan | None = None, contact: str = ""
) -> tuple[Slide, ...]:
    """The deck of a session: for each planned activity, in plan order, its slides, and a
    help slide closing every period. Without a plan, the lessons' plans for the shortest
    session that holds their core activities."""
    if plan is None:
        plan = default_plan(lessons)
    drafts: list[_Draft] = []
    started: set[tuple[str, str, str]] = set()
    for period, activities in plan.periods:
        branches: list[_Draft] = []  # this period's scenario branches, after its closing
        for activity in activities:
            start = len(drafts)
            for name in plan_slides(activity.lesson, activity.item) or ("activity",):
                made = _slides_for(name, activity.lesson, activity.item.minutes)
                if name == "starter":
                    for draft in made:
                        draft.extra["again"] = activity.lesson.key in started
                    started.add(activity.lesson.key)
                if name == "scenario":
                    path, others = _one_path(made, activity.lesson)
                    back = len(drafts) + len(path) + 1  # the number of the slide after it
                    for draft in made:
                        draft.extra.update(back=back, activity=activity, period=period)
                    for draft in others:
                        draft.extra["branch"] = True
                    branches += others
                    made = path
                drafts += made
            if len(drafts) == start:
                drafts.append(_Draft(ActivitySlide, activity.lesson))
            for index, draft in enumerate(drafts[start:]):
                draft.extra.update(activity=activity, period=period, first_of_activity=index == 0)
        last = activities[-1].lesson if activities else plan.activities[-1].lesson
        drafts.append(
            _Draft(
                Closing,
                last,
                {
                    "period": period,
                    "contact": contact,
                    "activity": activities[-1] if activities else None,
                },
            )
        )
        if branches:
            # A page that says what follows, for whoever leafs through the PDF or PowerPoint.
            divider = {"period": period, "branch": True, "activity": branches[0].extra["activity"]}
            drafts.append(_Draft(Branches, branches[0].lesson, divider))
        drafts += branches
    deck = tuple(draft.slide(number) for number, draft in enumerate(drafts, start=1))
    return _with_flow(deck)


def default_plan(lessons: tuple[Lesson, ...]) -> SessionPlan:
    """The plan of the shortest session (in whole periods) that holds these lessons."""
    core = sum(
        item.minutes for lesson in lessons for item in lesson.facilitator.plan if item.is_core
    )
    periods = next(
        (n for n in vocabulary.SESSION_PERIODS if n * vocabulary.PERIOD_MINUTES >= max(core, 1)),
        vocabulary.SESSION_PERIODS[-1],
    )
    return plan_session(lessons, periods * vocabulary.PERIOD_MINUTES)


def session_plan(lessons: tuple[Lesson, ...], choices) -> SessionPlan:
    """A session's plan for its length; a session too short for its lessons (a document
    asked for the lessons alone) gets the shortest one that holds them."""
    try:
        return plan_session(lessons, choices.minutes)
    except PlanDoesNotFit:
        return default_plan(lessons)


def session_deck(lessons: tuple[Lesson, ...], choices) -> tuple[Slide, ...]:
    """The one deck of a session, for the projected window, the presenter view, the slides
    PDF, the PowerPoint file and the offline kit: its plan, with the school's contact on the
    help slides."""
    return build_deck(lessons, session_plan(lessons, choices), contact=choices.safeguarding_contact)


def plan_slides(lesson: Lesson, item) -> tuple[str, ...]:
    """The names of what the deck projects for one of the lesson's plan items: its declared
    `slides` (`workshop check` requires them on every item)."""
    return item.slides
