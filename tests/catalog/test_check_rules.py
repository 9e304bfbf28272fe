"""Each broken fixture under tests/fixtures/broken fails `workshop check` with its message.

A case is a folder with a case.toml: `rule` (the code of workshop.catalog.rules.RULES it
proves), `expect` (a message the check must print under that code), and the changes that
break the demo tree: `[[edit]]` (find/replace or append in a file),
`[[copy]]` (from/to, creating folders) and `delete` (files or folders).
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from workshop.catalog import CatalogError, load_catalog
from workshop.catalog.rules import RULES
from workshop.cli import main

from ..conftest import BROKEN_CASES

CASES = sorted(p.name for p in BROKEN_CASES.iterdir() if (p / "case.toml").is_file())


def case_spec(case: str) -> dict:
    """The parsed case.toml of a broken case."""
    return tomllib.loads((BROKEN_CASES / case / "case.toml").read_text(encoding="utf-8"))


def break_tree(tree: Path, case: str) -> tuple[str, str]:
    """Apply a broken case to a content tree; return the rule and message it must produce."""
    spec = case_spec(case)
    for edit in spec.get("edit", []):
        path = tree / edit["file"]
        text = path.read_text(encoding="utf-8")
        if "find" in edit:
            assert edit["find"] in text, f"{case}: '{edit['find']}' not in {edit['file']}"
            text = text.replace(edit["find"], edit["replace"], 1)
        path.write_text(text + edit.get("append", ""), encoding="utf-8")
    for copy in spec.get("copy", []):
        (tree / copy["to"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(tree / copy["from"], tree / copy["to"])
    for relative in spec.get("delete", []):
        target = tree / relative
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return spec["rule"], spec["expect"]


def load(tree: Path):
    """Load a content tree the way the app does."""
    return load_catalog(tree, ("fr", "en"), "fr", "fr")


def test_the_demo_tree_is_valid(content_tree):
    catalog = load(content_tree)
    assert set(catalog.lessons) == {("demo", "13-15", "fr"), ("demo", "13-15", "en")}


@pytest.mark.parametrize("case", CASES)
def test_broken_tree_is_refused_with_a_precise_message(content_tree, case):
    rule, expected = break_tree(content_tree, case)
    with pytest.raises(CatalogError) as raised:
        load(content_tree)
    errors = raised.value.errors
    assert any(e.rule == rule and expected in str(e) for e in errors), [str(e) for e in errors]


@pytest.mark.parametrize("case", CASES)
def test_workshop_check_exits_non_zero_naming_file_and_field(content_tree, case):
    rule, expected = break_tree(content_tree, case)
    result = CliRunner().invoke(main, ["check", "--content", str(content_tree)])
    assert result.exit_code == 1
    assert expected in result.output
    assert f"[{rule}]" in result.output


def test_workshop_check_passes_on_the_demo_tree(content_tree):
    result = CliRunner().invoke(main, ["check", "--content", str(content_tree)])
    assert result.exit_code == 0, result.output
    assert "ok: 1 module(s), 1 tier(s), 2 lesson(s)" in result.output


def test_every_rule_has_a_broken_fixture():
    covered = {case_spec(case)["rule"] for case in CASES}
    assert covered <= set(RULES), f"fixtures name unknown rule codes: {covered - set(RULES)}"
    assert set(RULES) - covered == set(), "rule codes without a broken fixture"
