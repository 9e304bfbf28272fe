"""The question bank in GIFT, Moodle's text format for questions."""

from __future__ import annotations

from ..catalog.models import Catalog
from ..planning.choices import SessionChoices
from .questions import bank_for, fractions, percent

# GIFT's control characters; each is written with a backslash in front (the backslash too).
_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Text safe inside a GIFT question: control characters escaped, one line."""
    text = " ".join(str(text).split())
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def question_bank_gift(catalog: Catalog, choices: SessionChoices) -> str:
    """Every question of the session's lessons, its options, the right ones and each
    option's explanation as its feedback; a $CATEGORY line before each module."""
    lines = ["// Déclic: " + escape(choices.file_stem("questions")), ""]
    for category in bank_for(catalog, choices):
        lines += [f"$CATEGORY: $course$/top/{category.path.replace(':', ' ')}", ""]
        for item in category.items:
            name = escape(f"{category.module}-{item.id}")
            lines.append(f"::{name}::{escape(item.question)} {{")
            single = not item.multiple
            for option, mark in zip(item.options, fractions(item), strict=True):
                feedback = escape(option.explanation.striptags())
                # One right answer: = and ~; several: each option's mark in percent.
                lead = ("=" if option.correct else "~") if single else f"~%{percent(mark)}%"
                lines.append(f"\t{lead}{escape(option.text)}#{feedback}")
            lines += ["}", ""]
    return "\n".join(lines)
