"""French typography for texts shown as they were written (help routes, tier labels …).

A space before « : ; ! ? » and the spaces inside guillemets become non-breaking, so that a
sign never starts a line on a phone; "1 janvier" becomes "1er janvier". Other languages
are returned unchanged.
"""

from __future__ import annotations

import re

from markupsafe import Markup

NBSP = "\u00a0"
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
RULES = (
    (re.compile(r"[ \u00a0\u202f]+([:;!?»])"), NBSP + r"\1"),  # a space before : ; ! ? »
    (re.compile(r"(?<=[\w)»])([;!?])(?=\s|$)"), NBSP + r"\1"),  # ; ! ? glued to a word
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),  # a space after «
    (re.compile(r"(?<![\d,.])\b1 (" + MONTHS + r")\b"), r"1er \1"),  # the first of a month
)
TEXT_BETWEEN_TAGS = re.compile(r"(?<=>)[^<]+|^[^<]+")


def french_spacing(text: str) -> str:
    """A French text with non-breaking spaces where French typography wants them."""
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text


def typography(value, lang: str):
    """A template filter: plain text stays plain (escaped later), markup keeps its tags."""
    if lang != "fr" or value is None:
        return value
    if isinstance(value, Markup):
        return Markup(
            TEXT_BETWEEN_TAGS.sub(lambda match: french_spacing(match.group(0)), str(value))
        )
    return french_spacing(str(value))
