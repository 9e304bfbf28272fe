"""The starter statements of a lesson, as data, read from its baseline section: the one
reader used by the slides (which project them) and the class measure (which counts them).

Each lesson's `::: facilitator baseline` holds one numbered list of statements, each in
quotes, most followed by the expected answer in brackets: « … » (Faux.), "…" (True.),
"…" (Agree: true.). That list is regular in all eighteen lessons, so it is read as it is
(no second copy of the statements to keep in step): a statement's key is its module and
its number, the same in both languages, and the bracket is never shown to pupils.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

FIRST_ORDERED_LIST = re.compile(r"<ol>(.*?)</ol>", re.DOTALL)
ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# The trailing bracket with the expected answer, if any: "(Faux.)", "(D'accord : vrai.)".
BRACKET = re.compile(r"\s*\(([^()]*)\)\s*\.?\s*$")
TRUE_WORDS = re.compile(r"\b(vrai|true)\b", re.IGNORECASE)
FALSE_WORDS = re.compile(r"\b(faux|false)\b", re.IGNORECASE)
QUOTES = '«»"“”\u00a0\u202f '


@dataclass(frozen=True)
class Statement:
    """One starter statement: its key (module:number), its text, the expected answer."""

    key: str
    module: str
    number: int
    text: str
    answer: str | None  # "true", "false", or None when the lesson does not say


def statement_key(module: str, number: int) -> str:
    """The one spelling of a statement's key, as the counts are stored under it."""
    return f"{module}:{number}"


def lesson_statements(lesson) -> tuple[Statement, ...]:
    """The statements of one lesson's baseline, in order (none if it has no list)."""
    section = str(lesson.facilitator.sections.get("baseline", ""))
    found = FIRST_ORDERED_LIST.search(section)
    if not found:
        return ()
    statements = []
    for number, item in enumerate(ITEM.findall(found.group(1)), start=1):
        text = html.unescape(TAG.sub("", item)).strip()
        answer = None
        bracket = BRACKET.search(text)
        if bracket:
            said = bracket.group(1)
            if TRUE_WORDS.search(said) and not FALSE_WORDS.search(said):
                answer = "true"
            elif FALSE_WORDS.search(said) and not TRUE_WORDS.search(said):
                answer = "false"
            text = text[: bracket.start()]
        text = text.strip().strip(QUOTES).strip()
        if text:
            statements.append(
                Statement(statement_key(lesson.module, number), lesson.module, number, text, answer)
            )
    return tuple(statements)


def session_statements(lessons) -> tuple[Statement, ...]:
    """Every statement of a session's lessons, lesson after lesson."""
    return tuple(statement for lesson in lessons for statement in lesson_statements(lesson))
