"""Reading content files: TOML, front matter and section markers."""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ErrorLog

FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*\n?(.*)\Z", re.DOTALL)
SECTION_MARKER = re.compile(r"^:::[ \t]+(\S+)(?:[ \t]+(.+?))?[ \t]*$", re.MULTILINE)


class FileFormatError(ValueError):
    """A file that cannot be parsed; the message says where."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Section:
    """A Markdown section introduced by a `::: kind [title]` marker line."""

    kind: str
    title: str
    body: str
    line: int


def read_toml(path: Path) -> dict:
    """Parse a TOML file, or raise FileFormatError with the line of the problem."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise FileFormatError("toml", f"invalid TOML: {error}") from None


def read_lesson_file(path: Path) -> tuple[dict, list[Section]]:
    """Split a lesson file into its front matter and its sections."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        raise FileFormatError("front matter", "must start with TOML between two '+++' lines")
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as error:
        raise FileFormatError("front matter", f"invalid TOML: {error}") from None
    body = match.group(2)
    offset = match.group(0).count("\n") - body.count("\n") + 1
    return meta, split_sections(body, offset)


def read_language_files(
    root: Path, folder: str, languages: Iterable[str], log: ErrorLog
) -> Iterator[tuple[str, str, dict, list[Section]]]:
    """Each language's `<folder>/<lang>.md` (the briefing, the class teacher's texts): its
    language, path under `root`, front matter and sections. A file that is missing or cannot
    be read is logged (file-missing, file-format) and skipped."""
    for lang in languages:
        relative = f"{folder}/{lang}.md"
        path = root / relative
        if not path.is_file():
            log.add("file-missing", relative, "", "file is missing")
            continue
        try:
            meta, sections = read_lesson_file(path)
        except FileFormatError as error:
            log.add("file-format", relative, error.field, str(error))
            continue
        yield lang, relative, meta, sections


def known_sections(
    sections: list[Section], known: tuple[str, ...], relative: str, rule: str, log: ErrorLog
) -> Iterator[Section]:
    """The sections of one file whose kind is `known`, each once; another kind, or a kind
    again, is logged under `rule` and skipped. Each known kind missing is logged after."""
    seen: set[str] = set()
    what = rule.removesuffix("-section")
    for section in sections:
        if section.kind not in known or section.kind in seen:
            problem = "appears twice" if section.kind in seen else f"is not a {what} section"
            where = f"::: {section.kind}"
            log.add(rule, relative, where, f"{problem} (expected: {', '.join(known)})")
            continue
        seen.add(section.kind)
        yield section
    for kind in known:
        if kind not in seen:
            log.add(rule, relative, f"::: {kind}", "is required")


def split_sections(body: str, first_line: int = 1) -> list[Section]:
    """Cut a Markdown body at its `:::` marker lines."""
    markers = list(SECTION_MARKER.finditer(body))
    before = body[: markers[0].start()] if markers else body
    if before.strip():
        raise FileFormatError(f"line {first_line}", "text before the first '::: section' marker")
    sections = []
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(body)
        kind, title = marker.group(1), (marker.group(2) or "").strip()
        if kind == "facilitator":
            kind, title = f"facilitator:{title}", ""
        line = first_line + body.count("\n", 0, marker.start())
        sections.append(Section(kind, title, body[marker.end() : end].strip("\n"), line))
    return sections


def revision_of(paths: list[Path]) -> str:
    """A short, stable hash of some files' bytes: their content revision."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
        digest.update(b"\0")
    return digest.hexdigest()[:12]
