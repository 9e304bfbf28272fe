"""Help numbers one tap away: the help routes as call and text buttons, and every number of
a declared help route in the pupil's text made a link, in rendering (the lessons stay text).

The numbers come from the jurisdiction's help routes (`phone`, `sms`), never from a list
here, so a route added to the content is linked everywhere at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup, escape

from ..catalog import get_catalog
from ..catalog.models import Resource


def help_href(resource: Resource, number: str, kind: str, lang: str) -> str:
    """tel:17, or sms:114 with the message to complete as its body where there is one."""
    if kind != "sms":
        return f"tel:{number}"
    body = resource.sms_bodies.get(lang)
    return f"sms:{number}?body={quote(body, safe='')}" if body else f"sms:{number}"


@dataclass(frozen=True)
class HelpButton:
    """One number of a route, to call or to text, with the words of the name that go
    with it ("17" "Police", "112" "Urgences")."""

    number: str
    kind: str  # "tel" or "sms"
    href: str
    words: str


SEPARATORS = " /·,;-–—\u00a0"


def help_buttons(resource: Resource, lang: str) -> tuple[HelpButton, ...]:
    """A button for each number of the route, in the order of its name."""
    found: list[list[str]] = []  # [number, kind, words]
    lead = ""
    for text, kind in resource.name_parts(lang):
        if kind in ("tel", "sms"):
            found.append([text, kind, ""])
        elif found:
            found[-1][2] += text
        else:
            lead += text
    if found and lead.strip(SEPARATORS):
        found[0][2] = f"{lead.strip(SEPARATORS)} {found[0][2]}"
    return tuple(
        HelpButton(number, kind, help_href(resource, number, kind, lang), words.strip(SEPARATORS))
        for number, kind, words in found
    )


# A short number (17, 15) is also an age, a date or an hour: it is linked only where it is
# clearly a number to call ("le 17", "call 17", "17 or 112"). No number is linked before
# "ans", "years", "h" or a month.
SPACE = r"[ \u00a0\u202f]"
NOT_A_CALL_AFTER = re.compile(
    rf"{SPACE}*(?:ans|an|years?|-year|h|heures?|hours?|%|€|janvier|février|mars|avril|mai|"
    r"juin|juillet|août|septembre|octobre|novembre|décembre|January|February|March|April|"
    r"May|June|July|August|September|October|November|December)\b",
    re.IGNORECASE,
)
CALL_WORD_BEFORE = re.compile(
    rf"\b(?:le|au|du|call|calls|calling|contact|dial|ring|text|texts|appelle|appeler|"
    rf"appellera|composer|compose){SPACE}+$",
    re.IGNORECASE,
)
LIST_JOIN = rf"{SPACE}*(?:,|/|ou|or){SPACE}*(?:le{SPACE}+)?"


@lru_cache(maxsize=8)
def _patterns(numbers: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Where a number may be, and the list contexts before and after a short one."""
    either = "|".join(re.escape(n) for n in sorted(numbers, key=len, reverse=True))
    return (
        re.compile(rf"(?<![\w&#.,/-])(?:{either})(?!\w|[.,/-]\d)"),
        re.compile(rf"(?<![\w.,/-])(?:{either}){LIST_JOIN}$", re.IGNORECASE),
        re.compile(rf"{LIST_JOIN}(?:{either})(?!\w)", re.IGNORECASE),
    )


def _is_a_call(text: str, match: re.Match, patterns) -> bool:
    """Whether this occurrence of a help number is the number to call, not an age or a date."""
    _, listed_before, listed_after = patterns
    after = text[match.end() : match.end() + 24]
    if NOT_A_CALL_AFTER.match(after):
        return False
    if len(match.group(0)) >= 3:
        return True
    before = text[max(0, match.start() - 24) : match.start()]
    return bool(
        CALL_WORD_BEFORE.search(before) or listed_before.search(before) or listed_after.match(after)
    )


TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def _routes_by_number() -> dict[str, tuple[Resource, str]]:
    routes: dict[str, tuple[Resource, str]] = {}
    for resource in get_catalog().jurisdiction.resources.values():
        for number in resource.phones:
            routes.setdefault(number, (resource, "tel"))
        if resource.sms:
            routes.setdefault(resource.sms, (resource, "sms"))
    return routes


def link_help_numbers(value, lang: str) -> Markup:
    """A template filter for the pupil's text: each number of a help route becomes a link
    to call or text it. Text already inside a link, and tags, are left as they are."""
    if value is None:
        return Markup("")
    html = str(value) if isinstance(value, Markup) else str(escape(value))
    routes = _routes_by_number()
    if not routes:
        return Markup(html)
    patterns = _patterns(tuple(sorted(routes)))
    call, text = _verbs()

    def linked(segment: str) -> str:
        out, position = [], 0
        for match in patterns[0].finditer(segment):
            if _is_a_call(segment, match, patterns):
                out += [segment[position : match.start()], link(match.group(0))]
                position = match.end()
        return "".join(out) + segment[position:]

    def link(number: str) -> str:
        resource, kind = routes[number]
        label = call if kind == "tel" else text
        return (
            f'<a class="help-number" href="{escape(help_href(resource, number, kind, lang))}">'
            f'<span class="visually-hidden">{escape(label)} </span>{number}</a>'
        )

    pieces, in_link = [], 0
    for piece in TAG.split(html):
        if piece.startswith("<"):
            name = TAG_NAME.match(piece)
            if name and name.group(1).lower() == "a":
                in_link += -1 if piece.startswith("</") else 1
            pieces.append(piece)
        elif in_link > 0 or not piece:
            pieces.append(piece)
        else:
            pieces.append(linked(piece))
    return Markup("".join(pieces))


def _verbs() -> tuple[str, str]:
    from flask_babel import gettext

    return gettext("Call"), gettext("Send a text to")
