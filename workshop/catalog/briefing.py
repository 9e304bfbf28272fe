"""The school head's briefing: content/briefing/<lang>.md, with placeholders for a session."""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

from markupsafe import Markup, escape

from .errors import ErrorLog
from .files import known_sections, read_language_files
from .jurisdiction import expand_routes
from .models import Briefing, Jurisdiction
from .render import render
from .safeguarding import Safeguarding, check_text
from .schema import Fields

SECTIONS = ("evars", "school-prepares", "duties", "after-the-session", "parent-letter")
PLACEHOLDERS = (
    "school",
    "class",
    "date",
    "dates",
    "sessions",
    "presenter",
    "role",
    "modules",
    "tier",
    "topics",
    "contact",
    "head",
)
PLACEHOLDER = re.compile(r"\[\[([a-z]+)\]\]")
# A line of the parent letter kept only for some modules or levels: "[[only images]]" or
# "[[only 13-15]]" after the list marker, if any. A letter for a session says only what
# that class will have (issue 25).
ONLY = re.compile(r"^(\s*(?:[-*]\s+)?)\[\[only ([a-z0-9 ,-]+)\]\]\s*", re.MULTILINE)
BLANK = Markup('<span class="blank">……………</span>')


def load_briefings(
    root: Path,
    languages: tuple[str, ...],
    log: ErrorLog,
    safeguarding: Safeguarding | None = None,
    jurisdiction: Jurisdiction | None = None,
) -> dict[str, Briefing]:
    """One briefing per language; each section once, only known placeholders.

    The staff protocol is the shared one: the briefing writes [[protocol]]. A list of help
    routes is the routes' adult texts: the letter writes [[routes:ID,ID]].
    """
    safeguarding = safeguarding or Safeguarding()
    briefings = {}
    for lang, relative, meta, sections in read_language_files(root, "briefing", languages, log):
        fields = Fields(meta, relative, log)
        fields.unknown({"title", "summary", "legal_refs"})
        found = {}
        letter_source = ""
        for section in known_sections(sections, SECTIONS, relative, "briefing-section", log):
            check_text(safeguarding, section.body, relative, f"::: {section.kind}", lang, log)
            body = safeguarding.expand(section.body, lang, None)
            if jurisdiction is not None:
                body = expand_routes(body, jurisdiction, lang, log, relative, f"::: {section.kind}")
            for name in PLACEHOLDER.findall(body):
                if name not in PLACEHOLDERS:
                    log.add(
                        "unknown-placeholder",
                        relative,
                        f"::: {section.kind}",
                        f"unknown placeholder [[{name}]] (known: {', '.join(PLACEHOLDERS)})",
                    )
            if section.kind == "parent-letter":
                letter_source = body
            found[section.kind] = render(ONLY.sub(r"\1", body))
        briefings[lang] = Briefing(
            lang,
            fields.text("title"),
            fields.text("summary"),
            fields.texts("legal_refs") or (),
            MappingProxyType(found),
            letter_source=letter_source,
        )
    return briefings


def fill(html: Markup, values: dict[str, str]) -> Markup:
    """Put a session's details in rendered text, escaped; a blank line where unknown."""

    def value(match: re.Match) -> str:
        text = values.get(match.group(1), "")
        return str(escape(text)) if text else str(BLANK)

    return Markup(PLACEHOLDER.sub(value, str(html)))


def letter_conditions(source: str) -> list[str]:
    """Every module or level id a `[[only …]]` line of the letter names (for the checks)."""
    return [
        name.strip()
        for match in ONLY.finditer(source)
        for name in match.group(2).split(",")
        if name.strip()
    ]


def parent_letter(source: str, values: dict[str, str], modules, tier: str) -> Markup:
    """The parent letter for one session: the `[[only …]]` lines of its modules and level
    kept (without the marker), every other such line left out, then filled in."""

    def keep(line: str) -> str | None:
        match = ONLY.match(line)
        if match is None:
            return line
        wanted = {name.strip() for name in match.group(2).split(",")}
        if wanted & ({tier} | set(modules)):
            return match.group(1) + line[match.end() :]
        return None

    lines = [kept for kept in map(keep, source.split("\n")) if kept is not None]
    return fill(render("\n".join(_list_ends(lines))), values)


ITEM = re.compile(r"^\s*[-*]\s+")


def _list_ends(lines: list[str]) -> list[str]:
    """Each list's last item ends with a full stop: the items are written to run on with
    ";", and leaving out a module's item can make the one before it the last."""
    ended = list(lines)
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if ITEM.match(line) and not ITEM.match(following) and line.rstrip().endswith(";"):
            ended[index] = line.rstrip()[:-1].rstrip() + "."
    return ended
