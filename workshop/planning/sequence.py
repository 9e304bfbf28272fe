"""The sequence the class lives around the visit, owned by the school (issue 28).

The week before the first period, the class teacher's preparation (content/sequence/); the
visit, one step per period (each on its own date); at about 1, 2 and 4 weeks after the last
period, 10-minute follow-ups; at about 6 weeks after it, the re-check of the starter
statements (the follow-up vote of measure/). The follow-ups are built from the session's
own lessons (tier, language, modules), never from new texts: quiz questions the class did
not see first, a scenario ending with the card that leads to it, a key message, the help
routes; their slides are the deck's own (planning/deck/), in another order than the
visit's. So the head's approval of the lessons covers them.

`build_sequence` needs no request: the teacher's pages, the calendar file and, later, an
export (issue 29) all read the same `Sequence`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from markupsafe import Markup

from ..catalog.briefing import fill
from ..catalog.models import Catalog, Lesson, Node, QuizItem, Resource
from ..vocabulary import PERIOD_MINUTES, RECHECK_WEEK
from .choices import SessionChoices
from .deck import (
    Closing,
    Messages,
    QuizSlide,
    Slide,
    _quiz,
    _scenario,
    build_deck,
    default_plan,
)
from .plan import PlanDoesNotFit, lessons_for, plan_session

PREPARATION_DAYS_BEFORE = 7  # the week before the visit
PREPARATION_MINUTES = 20
FOLLOW_UP_WEEKS = (1, 2, 4)  # spaced: retrieval works best with growing gaps
FOLLOW_UP_MINUTES = 10
RECHECK_MINUTES = 10
KINDS = ("preparation", "visit", "follow-up", "recheck")


@dataclass(frozen=True)
class QuizPick:
    """A quiz question of a lesson for a follow-up, and whether the visit projected it."""

    lesson: Lesson
    item: QuizItem
    seen_in_class: bool


@dataclass(frozen=True)
class FollowUp:
    """One 10-minute follow-up: what it takes from the lessons, and its slides."""

    number: int  # 1, 2, 3
    week: int
    date: dt.date | None
    quiz: tuple[QuizPick, ...]
    scenario_lesson: Lesson
    decision: Node  # the card whose choice leads to the ending
    ending: Node
    message_lesson: Lesson
    message: int  # index of the key message to discuss
    slides: tuple[Slide, ...]

    @property
    def message_text(self) -> str:
        """The key message to discuss."""
        return self.message_lesson.pupil.key_messages[self.message]


@dataclass(frozen=True)
class Event:
    """A dated step of the sequence, for the calendar: kind (KINDS), number, date, minutes."""

    kind: str
    number: int
    date: dt.date | None
    week: int
    minutes: int
    of: int = 1  # how many steps of this kind: the visit has one per period


@dataclass(frozen=True)
class Sequence:
    """Everything the class teacher's link shows, for one saved session."""

    choices: SessionChoices
    lessons: tuple[Lesson, ...]
    follow_ups: tuple[FollowUp, ...]
    events: tuple[Event, ...]
    visit_slides: tuple[Slide, ...]

    @property
    def dated(self) -> bool:
        """Whether the session has a date (the calendar file needs one)."""
        return self.choices.dated


def build_sequence(catalog: Catalog, choices: SessionChoices) -> Sequence:
    """The sequence of a session: the follow-ups from its lessons, and the dated steps."""
    lessons = lessons_for(catalog, choices)
    visit = visit_deck(lessons, choices)
    seen = {(s.lesson.module, s.item.id) for s in visit if isinstance(s, QuizSlide)}
    follow_ups = tuple(
        _follow_up(index, lessons, seen, choices) for index in range(len(FOLLOW_UP_WEEKS))
    )
    first = choices.first_date
    periods = choices.periods
    events = (
        Event(
            "preparation",
            1,
            first - dt.timedelta(days=PREPARATION_DAYS_BEFORE) if first else None,
            -1,
            PREPARATION_MINUTES,
        ),
        *(
            Event("visit", n, day, 0, PERIOD_MINUTES, of=periods)
            for n, day in enumerate(choices.dates, start=1)
        ),
        *(Event("follow-up", f.number, f.date, f.week, FOLLOW_UP_MINUTES) for f in follow_ups),
        Event(
            "recheck",
            1,
            _weeks_after(choices.last_date, RECHECK_WEEK),
            RECHECK_WEEK,
            RECHECK_MINUTES,
        ),
    )
    return Sequence(choices, lessons, follow_ups, events, visit)


def sequence_texts(catalog: Catalog, choices: SessionChoices) -> dict[str, Markup]:
    """The teacher's texts (content/sequence/) in the session's language, by section, with
    its safeguarding contact and its modules filled in."""
    values = {
        "contact": choices.safeguarding_contact,
        "modules": ", ".join(catalog.modules[m].titles[choices.lang] for m in choices.modules),
    }
    sections = catalog.sequences[choices.lang].sections
    return {kind: fill(html, values) for kind, html in sections.items()}


def help_routes(lessons: tuple[Lesson, ...]) -> tuple:
    """The help routes of the session's lessons, each once, in the order first given."""
    found: dict[str, Resource] = {}
    for route in (route for lesson in lessons for route in lesson.pupil.help_routes):
        found.setdefault(route.id, route)
    return tuple(found.values())


def disclosure_protocol(lessons: tuple[Lesson, ...]) -> Markup:
    """What to do when a pupil confides: the shared protocol, the one the presenter's pack
    prints (its first lesson's `disclosure` section). The only place the teacher's pages
    read it from, so that it can be switched to the shared safeguarding source at once."""
    return lessons[0].facilitator.sections["disclosure"]


def visit_deck(lessons: tuple[Lesson, ...], choices: SessionChoices) -> tuple[Slide, ...]:
    """The visit's slides, as the presenter projects them (facilitate/slides.py)."""
    try:
        plan = plan_session(lessons, choices.minutes)
    except PlanDoesNotFit:
        plan = default_plan(lessons)
    return build_deck(lessons, plan, contact=choices.safeguarding_contact)


def _weeks_after(day: dt.date | None, weeks: int) -> dt.date | None:
    return day + dt.timedelta(weeks=weeks) if day else None


def _follow_up(
    index: int, lessons: tuple[Lesson, ...], seen: set, choices: SessionChoices
) -> FollowUp:
    """Follow-up `index` (0-based): the lessons taken in turn, so that each follow-up
    brings back another module's scenario and message, and the quiz questions not seen
    in class come first."""
    quiz = _quiz_picks(index, lessons, seen)
    scenario_lesson = lessons[index % len(lessons)]
    ends = scenario_lesson.scenario.ends
    ending = ends[(index // len(lessons)) % len(ends)]
    decision = next(
        node
        for node in scenario_lesson.scenario.nodes.values()
        if any(choice.to == ending.id for choice in node.choices)
    )
    message_lesson = lessons[(index + 1) % len(lessons)]
    message = index % len(message_lesson.pupil.key_messages)
    slides = _slides(quiz, scenario_lesson, (decision, ending), message_lesson, choices)
    week = FOLLOW_UP_WEEKS[index]
    return FollowUp(
        index + 1,
        week,
        _weeks_after(choices.last_date, week),
        quiz,
        scenario_lesson,
        decision,
        ending,
        message_lesson,
        message,
        slides,
    )


def _quiz_picks(index: int, lessons: tuple[Lesson, ...], seen: set) -> tuple[QuizPick, ...]:
    """Two or three questions: one per lesson (two from a single lesson), unseen first."""
    per_lesson = 2 if len(lessons) == 1 else 1
    picks = []
    for lesson in lessons:
        items = sorted(lesson.quiz.items, key=lambda item: (lesson.module, item.id) in seen)
        for offset in range(per_lesson):
            item = items[(index * per_lesson + offset) % len(items)]
            picks.append(QuizPick(lesson, item, (lesson.module, item.id) in seen))
    return tuple(picks)


def _slides(quiz, scenario_lesson, nodes, message_lesson, choices) -> tuple[Slide, ...]:
    """The follow-up's slides, made by the deck's own builders so that they split and look
    as the visit's do: the questions and their answers, the card that leads to the ending
    with what each choice leads to, the ending, the key messages, the help slide."""
    drafts = []
    for pick in quiz:
        drafts += _quiz(pick.lesson, (pick.item,))
    drafts += [d for d in _scenario(scenario_lesson) if d.extra.get("node") in nodes]
    slides = [d.slide(0) for d in drafts]
    slides.append(Messages(number=0, lesson=message_lesson))
    slides.append(Closing(number=0, lesson=message_lesson, contact=choices.safeguarding_contact))
    return tuple(replace(slide, number=n) for n, slide in enumerate(slides, start=1))
