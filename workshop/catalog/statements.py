"""The starter statements of a session, as the lessons declare them (`[[statement]]` in the
front matter): the one reader used by the slides (which project them) and the class measure
(which counts them).

A statement's key is its module and its stable id ("grooming:faux-profil"), the same in both
languages (`workshop check` holds a translation to its source's ids): vote counts are stored
under it, so rewording a statement, or inserting one before it, keeps its counts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    """One starter statement of a session: its key, its place in its lesson, its text and
    the expected answer ("true" or "false")."""

    key: str
    module: str
    id: str
    number: int  # its place in its lesson, from 1 (what the slide shows: "2 / 5")
    of: int  # how many its lesson has
    text: str
    answer: str


def statement_key(module: str, statement_id: str) -> str:
    """The one spelling of a statement's key, as the counts are stored under it."""
    return f"{module}:{statement_id}"


def lesson_statements(lesson) -> tuple[Statement, ...]:
    """The statements of one lesson, in order."""
    declared = lesson.facilitator.statements
    return tuple(
        Statement(
            statement_key(lesson.module, s.id),
            lesson.module,
            s.id,
            number,
            len(declared),
            s.text,
            s.answer,
        )
        for number, s in enumerate(declared, start=1)
    )


def session_statements(lessons) -> tuple[Statement, ...]:
    """Every statement of a session's lessons, lesson after lesson."""
    return tuple(statement for lesson in lessons for statement in lesson_statements(lesson))
