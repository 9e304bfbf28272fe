"""Print, for each translated lesson, the source revision it follows and the current one.

Usage: .venv/bin/python scripts/translation-revisions.py [--accept MODULE/LANG/TIER ...]
With --accept, set source_revision of those lessons to their source's current revision:
only after reviewing the translation against the changed source.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from workshop.catalog.files import revision_of  # noqa: E402
from workshop.catalog.lessons import lesson_paths  # noqa: E402
from workshop.config import Defaults  # noqa: E402

FIELD = re.compile(r'^source_revision = "([^"]*)"$', re.MULTILINE)


def main(argv: list[str]) -> None:
    """List every translation's revisions; accept the named ones."""
    accept = set(argv[argv.index("--accept") + 1:]) if "--accept" in argv else set()
    root = Defaults.CONTENT_DIR / "modules"
    for lesson in sorted(root.glob(f"*/[!{Defaults.SOURCE_LANGUAGE}]*/*.md")):
        module, lang, tier = lesson.parent.parent.name, lesson.parent.name, lesson.stem
        source = root / module / Defaults.SOURCE_LANGUAGE / lesson.name
        current = revision_of(list(lesson_paths(source)))
        text = lesson.read_text(encoding="utf-8")
        match = FIELD.search(text)
        follows = match.group(1) if match else None
        key = f"{module}/{lang}/{tier}"
        if key in accept and match:
            lesson.write_text(FIELD.sub(f'source_revision = "{current}"', text, count=1),
                              encoding="utf-8")
            follows = current
        state = "up to date" if follows == current else f"STALE (follows {follows})"
        print(f"{key}: source at {current}: {state}")


if __name__ == "__main__":
    main(sys.argv[1:])
