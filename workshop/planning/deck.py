"""The sequence of classroom slides for some lessons: one place, for the screen and the PDF."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog.models import Lesson, Node, QuizItem


@dataclass(frozen=True)
class Slide:
    """One slide: its kind, the lesson it belongs to, and the node or quiz item it shows."""

    number: int
    kind: str
    lesson: Lesson
    node: Node | None = None
    item: QuizItem | None = None

    @property
    def anchor(self) -> str:
        """The slide's id in the page."""
        return f"slide-{self.number}"


def build_deck(lessons: tuple[Lesson, ...]) -> tuple[Slide, ...]:
    """Title, ground rules, key messages, the scenario card by card with its consequences,
    the quiz questions then their answers, and a closing slide with the help routes."""
    kinds: list[tuple] = []
    for lesson in lessons:
        kinds += [("title", lesson), ("rules", lesson), ("messages", lesson)]
        for node in lesson.scenario.nodes.values():
            kinds.append(("situation", lesson, node))
            if node.choices:
                kinds.append(("consequences", lesson, node))
        for item in lesson.quiz.items:
            kinds += [("question", lesson, None, item), ("answer", lesson, None, item)]
    kinds.append(("closing", lessons[-1]))
    return tuple(Slide(number, *entry) for number, entry in enumerate(kinds, start=1))


def situation_slides(deck: tuple[Slide, ...]) -> dict[tuple[str, str], int]:
    """For each (module, node), the number of the slide that shows it."""
    return {(s.lesson.module, s.node.id): s.number for s in deck if s.kind == "situation"}
