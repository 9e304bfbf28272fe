"""No escaped quote reaches the page.

A TOML string needs \\" for a quotation mark; Markdown does not. Python-Markdown keeps
the backslash of `\\"`, so a line copied from a TOML field into a Markdown body printed a
literal backslash on the presenter's page (review r24e). This check reads the text as it is
shown: rendered sections, and TOML strings already unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .errors import ErrorLog
from .models import Catalog, Lesson

# A backslash before a quotation mark, as written or as the renderer escaped it.
ESCAPED_QUOTE = re.compile(r'\\(?:"|&quot;|&#34;)')


def _where(text: str) -> str:
    match = ESCAPED_QUOTE.search(text)
    if not match:
        return ""
    return text[max(0, match.start() - 40) : match.end()].replace("\n", " ")


def check_escaped_quotes(
    catalog: Catalog, log: ErrorLog, lesson_text: Callable[[Lesson], str]
) -> None:
    """Log each lesson, briefing or teacher's text that would print `\\"`.

    `lesson_text` (validate.py) gives all of a lesson's shown text, pupil and facilitator.
    """
    found = [
        (f"{folder}/{text.lang}.md", str(html), name)
        for folder, texts in (("briefing", catalog.briefings), ("sequence", catalog.sequences))
        for text in texts.values()
        for name, html in text.sections.items()
    ]
    for lesson in catalog.lessons.values():
        path = f"modules/{lesson.module}/{lesson.lang}/{lesson.tier}.md"
        found.append((path, lesson_text(lesson), ""))
    for path, text, section in found:
        where = _where(text)
        if where:
            log.add(
                "escaped-quote",
                path,
                f"::: {section}" if section else "",
                f"prints a backslash before a quotation mark (…{where}): in Markdown write "
                'a plain "; only a TOML string needs \\"',
            )
