"""Reading ease of a lesson's pupil text (French: Kandel–Moles, through textstat)."""

from __future__ import annotations

import html
import re
import threading

import textstat

from .models import Lesson

# textstat keeps its language in module state: measure one text at a time.
_LOCK = threading.Lock()
MEASURED_LANGUAGES = frozenset({"fr"})
_TAG = re.compile(r"<[^>]+>")


def plain(markup: str) -> str:
    """Text without tags or entities, one sentence per block."""
    text = _TAG.sub(" ", markup.replace("</p>", ".</p>").replace("</li>", ".</li>"))
    return re.sub(r"\s+", " ", html.unescape(text)).replace("..", ".").strip()


def pupil_text(lesson: Lesson) -> str:
    """Everything a pupil reads in a lesson, as plain text."""
    pupil = lesson.pupil
    parts = [
        pupil.content_note,
        *(step.html for step in pupil.steps),
        pupil.what_to_do,
        *(f"{message}." for message in pupil.key_messages),
    ]
    for node in lesson.scenario.nodes.values():
        parts.append(node.text)
        parts.extend(f"{choice.label}. {choice.feedback}" for choice in node.choices)
    for item in lesson.quiz.items:
        parts.append(item.question)
        parts.extend(f"{option.text}. {option.explanation}" for option in item.options)
    return " ".join(plain(str(part)) for part in parts)


def reading_ease(text: str, lang: str) -> float | None:
    """Flesch reading ease with the language's constants (Kandel–Moles for French)."""
    if lang not in MEASURED_LANGUAGES:
        return None
    with _LOCK:
        textstat.set_lang(lang)
        return round(textstat.flesch_reading_ease(text), 1)
