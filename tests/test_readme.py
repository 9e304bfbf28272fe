"""The README's layout section matches the tree (its commands: tests/test_locks.py)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def layout_block() -> str:
    """The code block of the README's Layout section."""
    section = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    return section.split("```", 2)[1]


def test_every_package_and_module_of_the_app_is_in_the_layout():
    block = layout_block()
    names = [
        path.name
        for path in (ROOT / "workshop").iterdir()
        if path.name != "__pycache__"
        and (path.suffix == ".py" or path.is_dir())
        and path.name != "__init__.py"
    ]
    missing = [
        name
        for name in names
        if not re.search(rf"(?<![\w.]){re.escape(name.removesuffix('.py'))}(\.py|/)", block)
    ]
    assert not missing, f"README, Layout: add {missing}"


def test_every_name_in_the_layout_exists():
    block = layout_block()
    listed = set(re.findall(r"^\s+([\w]+\.py)\b", block, flags=re.M))
    assert listed and all((ROOT / "workshop" / name).is_file() for name in listed), listed
    for folder in re.findall(r"^(\w+)/", block, flags=re.M):
        assert (ROOT / folder).is_dir(), folder
