"""The school head's briefing: content/briefing/<lang>.md, with placeholders for a session."""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

from markupsafe import Markup, escape

from .errors import ErrorLog
from .files import FileFormatError, read_lesson_file
from .models import Briefing
from .render import render
from .safeguarding import Safeguarding, check_text
from .schema import Fields

SECTIONS = ("evars", "school-prepares", "duties", "after-the-session", "parent-letter")
PLACEHOLDERS = (
    "school",
    "class",
    "date",
    "presenter",
    "role",
    "modules",
    "tier",
    "topics",
    "contact",
)
PLACEHOLDER = re.compile(r"\[\[([a-z]+)\]\]")
BLANK = Markup('<span class="blank">……………</span>')


def load_briefings(
    root: Path, languages: tuple[str, ...], log: ErrorLog, safeguarding: Safeguarding | None = None
) -> dict[str, Briefing]:
    """One briefing per language; each section once, only known placeholders.

    The staff protocol is the shared one: the briefing writes [[protocol]].
    """
    safeguarding = safeguarding or Safeguarding()
    briefings = {}
    for lang in languages:
        relative = f"briefing/{lang}.md"
        path = root / relative
        if not path.is_file():
            log.add("file-missing", relative, "", "file is missing")
            continue
        try:
            meta, sections = read_lesson_file(path)
        except FileFormatError as error:
            log.add("file-format", relative, error.field, str(error))
            continue
        fields = Fields(meta, relative, log)
        fields.unknown({"title", "summary", "legal_refs"})
        found = {}
        for section in sections:
            if section.kind not in SECTIONS or section.kind in found:
                problem = "appears twice" if section.kind in found else "is not a briefing section"
                log.add(
                    "briefing-section",
                    relative,
                    f"::: {section.kind}",
                    f"{problem} (expected: {', '.join(SECTIONS)})",
                )
                continue
            check_text(safeguarding, section.body, relative, f"::: {section.kind}", lang, log)
            body = safeguarding.expand(section.body, lang, None)
            for name in PLACEHOLDER.findall(body):
                if name not in PLACEHOLDERS:
                    log.add(
                        "unknown-placeholder",
                        relative,
                        f"::: {section.kind}",
                        f"unknown placeholder [[{name}]] (known: {', '.join(PLACEHOLDERS)})",
                    )
            found[section.kind] = render(body)
        for kind in SECTIONS:
            if kind not in found:
                log.add("briefing-section", relative, f"::: {kind}", "is required")
        briefings[lang] = Briefing(
            lang,
            fields.text("title"),
            fields.text("summary"),
            fields.texts("legal_refs") or (),
            MappingProxyType(found),
        )
    return briefings


def fill(html: Markup, values: dict[str, str]) -> Markup:
    """Put a session's details in rendered text, escaped; a blank line where unknown."""

    def value(match: re.Match) -> str:
        text = values.get(match.group(1), "")
        return str(escape(text)) if text else str(BLANK)

    return Markup(PLACEHOLDER.sub(value, str(html)))
