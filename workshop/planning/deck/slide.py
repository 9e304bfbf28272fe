"""A slide of the deck, and the draft the builders fill before it is numbered."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ...catalog.models import Lesson, Node, QuizItem, Step
from ...catalog.statements import Statement
from ..plan import PlannedActivity


@dataclass(frozen=True)
class Slide:
    """One slide: its kind, its lesson, and what it shows.

    `blocks` are the pieces of Markup it projects (a step's paragraphs, the rules);
    `indices` the choices or options it shows, by their position (letters stay A, B, C…);
    `part`/`parts` number the continued slides of one piece of content.
    """

    number: int
    kind: str
    lesson: Lesson
    node: Node | None = None
    item: QuizItem | None = None
    activity: PlannedActivity | None = None
    period: int = 1
    part: int = 1
    parts: int = 1
    blocks: tuple[Markup, ...] = ()
    indices: tuple[int, ...] = ()
    step: Step | None = None
    statement: Statement | None = None
    contact: str = ""
    first_of_activity: bool = False
    again: bool = False  # the starter statements voted again at the end
    # A scenario's other branches sit after their period's closing slide, off the main line:
    # the presenter's "the class chose B" reaches them, the arrow keys do not walk into them.
    branch: bool = False
    back: int = 0  # on a scenario's slides: the main-line slide after the scenario
    # Where the arrow keys go from here (0: the slide before or after it in the deck).
    go_prev: int = 0
    go_next: int = 0
    key_lines: bool = False  # a long step projected as its key lines (the notes: all of it)

    @property
    def anchor(self) -> str:
        """The slide's id in the page."""
        return f"slide-{self.number}"

    @property
    def title(self) -> str:
        """A short name of what the slide shows (for the PowerPoint outline and tests)."""
        if self.step:
            return self.step.title
        if self.item:
            return self.item.question
        return self.activity.item.title if self.activity else self.lesson.pupil.title


@dataclass
class _Draft:
    kind: str
    lesson: Lesson
    extra: dict = field(default_factory=dict)
