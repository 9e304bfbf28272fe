"""The question bank of a session: its lessons' quizzes, one category per module."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog.models import Catalog, QuizItem
from ..planning.choices import SessionChoices
from ..planning.plan import lessons_for


@dataclass(frozen=True)
class Category:
    """The questions of one module, under a Moodle category path."""

    path: str  # "Déclic/4e/Grooming": Moodle creates the categories it does not find
    module: str
    items: tuple[QuizItem, ...]


def bank_for(catalog: Catalog, choices: SessionChoices) -> tuple[Category, ...]:
    """One category per chosen module, in the session's order, for its tier and language."""
    tier = catalog.tiers[choices.tier].labels[choices.lang]
    return tuple(
        Category(
            path=f"Déclic/{tier}/{catalog.modules[lesson.module].titles[choices.lang]}",
            module=lesson.module,
            items=lesson.quiz.items,
        )
        for lesson in lessons_for(catalog, choices)
    )


def fractions(item: QuizItem) -> tuple[float, ...]:
    """Each option's mark in percent. One right option: 100 / 0. Several: the right ones
    share 100 and a wrong one costs 100 (Moodle never goes below 0), so that ticking every
    box is not a full mark."""
    right = sum(option.correct for option in item.options)
    if right == 1:
        return tuple(100.0 if option.correct else 0.0 for option in item.options)
    share = round(100 / right, 5)
    return tuple(share if option.correct else -100.0 for option in item.options)


def percent(value: float) -> str:
    """A mark as Moodle writes it: 100, 50, 33.33333, -100."""
    return f"{value:.5f}".rstrip("0").rstrip(".")
