"""What the head approved, kept as text, and what changed in it since.

At approval, each lesson of the session is kept as readable lines (what pupils see, then
the facilitator notes), with its revision. If a lesson's revision later differs, the head
sees a before/after of exactly those lines and is asked to approve again.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html import unescape

from markupsafe import Markup

from .. import vocabulary
from ..catalog.models import Lesson

TAG = re.compile(r"<[^>]+>")
BLOCK_END = re.compile(r"</(p|li|h\d|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)


def lesson_key(lesson: Lesson) -> str:
    """How a lesson is named in a snapshot: module/tier/lang."""
    return f"{lesson.module}/{lesson.tier}/{lesson.lang}"


def plain_lines(html: Markup | str) -> list[str]:
    """Rendered HTML as lines of plain text, one per paragraph or list item."""
    text = BLOCK_END.sub("\n", str(html))
    return [
        line
        for line in (" ".join(unescape(TAG.sub(" ", part)).split()) for part in text.split("\n"))
        if line
    ]


def lesson_lines(lesson: Lesson) -> list[str]:
    """Everything a head reviews in one lesson, as lines of text, in reading order."""
    pupil = lesson.pupil
    lines = [f"# {pupil.title}", pupil.summary]
    lines += plain_lines(pupil.content_note)
    for number, step in enumerate(pupil.steps, start=1):
        lines += [f"## {number}. {step.title}", *plain_lines(step.html)]
    lines.append(f"## {lesson.scenario.title}")
    for node in lesson.scenario.nodes.values():
        lines += [f"[{node.id}]", *plain_lines(node.text)]
        for choice in node.choices:
            lines += [f"→ {choice.label} ({choice.to})", *plain_lines(choice.feedback)]
    for item in lesson.quiz.items:
        lines.append(f"? {item.question}")
        for index, option in enumerate(item.options):
            mark = "✓" if option.correct else "✗"
            lines += [
                f"{vocabulary.answer_letter(index)} {mark} {option.text}",
                *plain_lines(option.explanation),
            ]
    lines += [f"! {message}" for message in pupil.key_messages]
    lines += plain_lines(pupil.what_to_do)
    for activity in lesson.facilitator.plan:
        lines += [
            f"⏱ {activity.minutes} min · {activity.title}",
            *plain_lines(activity.description),
        ]
    for key in vocabulary.FACILITATOR_SECTIONS:
        lines += [f"== {key}", *plain_lines(lesson.facilitator.sections[key])]
    return lines


def snapshot(lessons) -> dict:
    """The lessons as approved: {key: {"revision": …, "lines": […]}}."""
    return {
        lesson_key(lesson): {"revision": lesson.revision, "lines": lesson_lines(lesson)}
        for lesson in lessons
    }


@dataclass(frozen=True)
class Change:
    """One changed passage: the lines as approved and the lines now."""

    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class LessonChanges:
    """A lesson whose text changed since approval, passage by passage."""

    lesson: Lesson
    approved_revision: str | None
    changes: tuple[Change, ...]


def changes_since(approved: dict, lessons) -> tuple[LessonChanges, ...]:
    """The lessons of the session whose revision is not the one approved, with their diff."""
    found = []
    for lesson in lessons:
        kept = approved.get(lesson_key(lesson))
        if kept and kept["revision"] == lesson.revision:
            continue
        before = kept["lines"] if kept else []
        after = lesson_lines(lesson)
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        changes = tuple(
            Change(tuple(before[i1:i2]), tuple(after[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"
        )
        found.append(LessonChanges(lesson, kept["revision"] if kept else None, changes))
    return tuple(found)
