"""The cards' counters: the form in which the presenter types what the class's cards showed
(the measure page's table and the presenter view's counters both post it), read in one
place so that both check a count the same way (digits only, never more than the class).
"""

from __future__ import annotations

from flask_babel import gettext

from .. import vocabulary
from ..planning.choices import whole_number
from ..store import measure
from . import LIVE_PHASES, class_size, too_many

# The moments counted with cards (and, alike, with phones while live).
CARD_PHASES = LIVE_PHASES
MAX_COUNT = vocabulary.MAX_CLASS_SIZE  # no answer counts more pupils than a session has


def read_count(raw: str | None) -> tuple[int | None, str | None]:
    """(number, error) for a counter: ASCII digits only, 0 to MAX_COUNT; empty is 0."""
    text = (raw or "").strip()
    if not text:
        return 0, None
    number = whole_number(text, MAX_COUNT)
    if number is None:
        return None, gettext("Enter a whole number from 0 to %(max)s, in digits.", max=MAX_COUNT)
    return number, None


def field_name(phase: str, statement, answer: str) -> str:
    """The name of one counter box: a moment, a statement, an answer."""
    return f"{phase}-{statement.module}-{statement.id}-{answer}"


def read_cards(form, phase: str, statements, saved) -> tuple[dict, dict, dict]:
    """(counted, errors, values) of a cards form: {statement key: {answer: n}}, the message
    of each wrong field, and what was typed (cut short) to show again. A statement whose
    three boxes are empty is left as it was (its phones' answers, say). The one reader of
    the measure page's table and of the presenter view's counters."""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    counted: dict[str, dict[str, int]] = {}
    for statement in statements:
        names = [field_name(phase, statement, answer) for answer in measure.ANSWERS]
        if not any(form.get(name, "").strip() for name in names):
            continue
        for answer, name in zip(measure.ANSWERS, names, strict=True):
            raw = form.get(name, "")
            values[name] = raw[:20]
            number, error = read_count(raw)
            if error:
                errors[name] = error
            elif number is not None:
                counted.setdefault(statement.key, {})[answer] = number
    for key in too_many(saved, counted):
        statement = next(s for s in statements if s.key == key)
        name = field_name(phase, statement, measure.ANSWERS[0])
        errors[name] = gettext(
            "These cards add up to more than the %(n)s pupils of the class.",
            n=class_size(saved),
        )
        del counted[key]
    return counted, errors, values
