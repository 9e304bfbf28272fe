"""Recording that a translated lesson has been reviewed against its source's revision."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .files import FRONT_MATTER, revision_of
from .lessons import lesson_paths

FIELD = "source_revision"


class TranslationNotFound(ValueError):
    """The named lesson, or its source, is not in the tree."""


def accept_translation(root: Path, key: str, source_language: str) -> str:
    """Set a translation's source_revision to its source's current revision; return it.

    `key` is MODULE/LANG/TIER. The front matter is read with tomllib and changed on the
    one line that holds the field, then read again to prove nothing else moved.
    """
    module, lang, tier = _parts(key)
    if lang == source_language:
        raise TranslationNotFound(f"{key} is in the source language: it follows nothing")
    lesson = root / "modules" / module / lang / f"{tier}.md"
    source = root / "modules" / module / source_language / f"{tier}.md"
    if not lesson.is_file() or not source.is_file():
        raise TranslationNotFound(f"no lesson {key}, or no {source_language} source for it")
    revision = revision_of(list(lesson_paths(source)))
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(_with_revision(text, revision), encoding="utf-8")
    return revision


def _parts(key: str) -> tuple[str, str, str]:
    """MODULE, LANG, TIER from 'module/lang/tier'."""
    parts = key.strip("/").split("/")
    if len(parts) != 3 or not all(parts):
        raise TranslationNotFound(f"'{key}' is not MODULE/LANG/TIER")
    return parts[0], parts[1], parts[2]


def _with_revision(text: str, revision: str) -> str:
    """The lesson text with its front matter's source_revision set."""
    match = FRONT_MATTER.match(text)
    if not match:
        raise TranslationNotFound("the lesson has no front matter")
    front = match.group(1)
    before = tomllib.loads(front)
    line = f'{FIELD} = "{revision}"'
    lines = front.split("\n")
    found = [i for i, text_line in enumerate(lines) if text_line.split("=")[0].strip() == FIELD]
    if found:
        lines[found[0]] = line
    else:
        lines.append(line)
    new_front = "\n".join(lines)
    after = tomllib.loads(new_front)
    expected = {**before, FIELD: revision}
    if after != expected:  # e.g. the field was written in an unusual way: change nothing
        raise TranslationNotFound(f"could not set {FIELD} safely; edit the file by hand")
    start, end = match.span(1)
    return text[:start] + new_front + text[end:]
