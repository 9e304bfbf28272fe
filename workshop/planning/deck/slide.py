"""The slides of a deck: what every slide has, one class per kind with its own content, the
registry of kinds, and the draft the builders fill before a slide is numbered.

Adding a kind of slide takes:
- its class here: a subclass of `Slide` (or of `QuizSlide`, `ScenarioSlide`) with its
  `kind` name and only the fields it shows; naming the kind registers it in `KINDS`;
- its template, facilitate/slide/<kind>.html, and its presenter's notes,
  facilitate/notes/<kind>.html, if it has any (`Slide.template`, `Slide.notes_templates`);
- the drafts that make it, in kinds.py (under a name of a plan item's `slides` list);
- a test. tests/facilitate/test_every_slide.py renders every slide of every deck through
  every template, a field a template reads and the slide lacks failing;
  tests/planning/test_slide_kinds.py checks that each kind has its class and template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from markupsafe import Markup

from ...catalog.models import Lesson, Node, QuizItem, Step
from ...catalog.statements import Statement
from ..plan import PlannedActivity

# Each kind's class, by its name: filled as the classes below are defined.
KINDS: dict[str, type[Slide]] = {}


@dataclass(frozen=True, kw_only=True)
class Slide:
    """What every slide has: its number, lesson, place in the plan and in the deck's flow.

    `part`/`parts` number the continued slides of one piece of content. A scenario's other
    branches (`branch`) sit after their period's closing slide, off the main line: the
    presenter's "the class chose B" reaches them, the arrow keys do not walk into them.
    """

    kind: ClassVar[str]  # each kind's own name (its template's, its CSS class's)

    number: int
    lesson: Lesson
    activity: PlannedActivity | None = None
    period: int = 1
    part: int = 1
    parts: int = 1
    first_of_activity: bool = False
    branch: bool = False
    back: int = 0  # on a scenario's slides: the main-line slide after the scenario
    # Where the arrow keys go from here (0: the slide before or after it in the deck).
    go_prev: int = 0
    go_next: int = 0

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:  # a kind of its own (not QuizSlide, ScenarioSlide)
            if cls.kind in KINDS:
                raise TypeError(f"two classes of slide named {cls.kind!r}")
            KINDS[cls.kind] = cls

    @property
    def anchor(self) -> str:
        """The slide's id in the page."""
        return f"slide-{self.number}"

    @property
    def template(self) -> str:
        """The template that projects it (facilitate/_slide.html includes it)."""
        return template_of(self.kind)

    @property
    def notes_templates(self) -> tuple[str, str]:
        """The presenter's notes on it (facilitate/_slide_notes.html), or none."""
        return notes_template_of(self.kind), "facilitate/notes/none.html"

    @property
    def title(self) -> str:
        """A short name of what the slide shows (for the PowerPoint outline and tests)."""
        return self.activity.item.title if self.activity else self.lesson.pupil.title


def template_of(kind: str) -> str:
    """The template that projects a kind of slide."""
    return f"facilitate/slide/{kind}.html"


def notes_template_of(kind: str) -> str:
    """The template of the presenter's notes on a kind of slide (if it has notes)."""
    return f"facilitate/notes/{kind}.html"


@dataclass(frozen=True, kw_only=True)
class Title(Slide):
    """The lesson's title and summary."""

    kind: ClassVar[str] = "title"


@dataclass(frozen=True, kw_only=True)
class Rules(Slide):
    """The session's ground rules (their key names when the whole list is too long)."""

    kind: ClassVar[str] = "rules"
    blocks: tuple[Markup, ...]


@dataclass(frozen=True, kw_only=True)
class Starter(Slide):
    """A starter statement the class votes on with cards."""

    kind: ClassVar[str] = "starter"
    statement: Statement
    again: bool = False  # the starter statements voted again at the end


@dataclass(frozen=True, kw_only=True)
class StepSlide(Slide):
    """A step of the pupils' module, or part of it."""

    kind: ClassVar[str] = "step"
    step: Step
    blocks: tuple[Markup, ...]
    key_lines: bool = False  # a long step projected as its key lines (the notes: all of it)

    @property
    def title(self) -> str:
        return self.step.title


@dataclass(frozen=True, kw_only=True)
class ScenarioSlide(Slide):
    """A scenario card's slide: `indices` are the card's choices it shows, by position."""

    node: Node
    indices: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Situation(ScenarioSlide):
    """A card's text (or part of it), its vote on what happens next, or its help routes."""

    kind: ClassVar[str] = "situation"
    blocks: tuple[Markup, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Consequences(ScenarioSlide):
    """What one of the card's choices leads to (`indices`: that choice)."""

    kind: ClassVar[str] = "consequences"


@dataclass(frozen=True, kw_only=True)
class QuizSlide(Slide):
    """A quiz question's slide: `indices` are the options it shows, by position (letters stay
    A, B, C…)."""

    item: QuizItem
    indices: tuple[int, ...]

    @property
    def title(self) -> str:
        return self.item.question


@dataclass(frozen=True, kw_only=True)
class Question(QuizSlide):
    """A question with all its options."""

    kind: ClassVar[str] = "question"


@dataclass(frozen=True, kw_only=True)
class Answer(QuizSlide):
    """The answer: each option marked right or wrong, the right ones explained."""

    kind: ClassVar[str] = "answer"


@dataclass(frozen=True, kw_only=True)
class WhatToDo(Slide):
    """What to do, from the pupils' module."""

    kind: ClassVar[str] = "what-to-do"
    blocks: tuple[Markup, ...]


@dataclass(frozen=True, kw_only=True)
class Messages(Slide):
    """The lesson's key messages."""

    kind: ClassVar[str] = "messages"


@dataclass(frozen=True, kw_only=True)
class ActivitySlide(Slide):
    """An activity's title alone (an activity with nothing else to project)."""

    kind: ClassVar[str] = "activity"


@dataclass(frozen=True, kw_only=True)
class Closing(Slide):
    """The help routes closing a period, with the school's contact."""

    kind: ClassVar[str] = "closing"
    contact: str


@dataclass(frozen=True, kw_only=True)
class Branches(Slide):
    """The page before a period's other scenario branches."""

    kind: ClassVar[str] = "branches"


@dataclass
class _Draft:
    """A slide before it is numbered: its class, its lesson and what the builders add."""

    cls: type[Slide]
    lesson: Lesson
    extra: dict = field(default_factory=dict)

    def slide(self, number: int) -> Slide:
        return self.cls(number=number, lesson=self.lesson, **self.extra)
