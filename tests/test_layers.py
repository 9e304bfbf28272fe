"""The layers contract (pyproject.toml, [tool.importlinter]) holds, can fail, and is the
picture docs/architecture.md draws."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["contracts"]
LAYERS = next(c for c in CONTRACTS if c["type"] == "layers")["layers"]


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    """`lint-imports` on the `workshop` package found first under `where`."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=where,
        env={**os.environ, "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_the_code(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "workshop",
        tmp_path / "workshop",
        ignore=shutil.ignore_patterns("__pycache__", "templates", "migrations"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_code_keeps_the_layers_and_has_no_cycle():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The data layer importing a blueprint (the cycle store ↔ measure that was) fails."""
    code = copy_of_the_code(tmp_path)
    assert lint_imports(code).returncode == 0
    planted = code / "workshop" / "store" / "sessions.py"
    planted.write_text(planted.read_text() + "\nfrom ..measure import bp  # planted\n")
    result = lint_imports(code)
    assert result.returncode != 0
    assert "workshop.store is not allowed to import workshop.measure" in result.stdout


def test_a_new_package_must_be_placed_in_a_layer(tmp_path):
    code = copy_of_the_code(tmp_path)
    (code / "workshop" / "stray.py").write_text('"""Placed in no layer."""\n')
    result = lint_imports(code)
    assert result.returncode != 0 and "workshop.stray" in result.stdout


def test_the_architecture_document_draws_every_layer():
    """docs/architecture.md names each module of each layer, in the contract's order."""
    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    drawing = document.split("```", 2)[1]
    rows = [row for row in drawing.splitlines() if row.strip()]
    above = -1
    for layer in LAYERS:
        names = [name.strip() for name in re.split(r"[|:]", layer)]
        found = {
            name: [i for i, row in enumerate(rows) if re.search(rf"\b{name}\b", row)]
            for name in names
        }
        missing = [name for name, where in found.items() if not where]
        assert not missing, f"docs/architecture.md: draw {missing}"
        where = [i for rows_of_one in found.values() for i in rows_of_one]
        assert min(where) > above, f"docs/architecture.md: draw {layer} below the layer above"
        above = max(where)
