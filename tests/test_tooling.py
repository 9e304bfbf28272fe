"""The tools around the tests stay honest: the slow markers name real tests, each xdist
worker gets a database of its own, mypy covers the adopted packages, the pre-commit hooks
download nothing, and the README's fast loop is the full command minus slow tests."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from .conftest import SLOW, worker_database
from .test_locks import command

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", sorted(SLOW))
def test_every_slow_prefix_names_tests_that_exist(prefix):
    path, _, test = prefix.partition("::")
    assert (ROOT / path).exists(), f"tests/conftest.py, SLOW: {path} is gone"
    if test:
        assert re.search(rf"^def {re.escape(test)}", (ROOT / path).read_text(), re.M), prefix


def test_each_worker_has_its_own_postgresql_database():
    url = "postgresql+psycopg://declic:declic@127.0.0.1:5432/declic_test"
    assert worker_database(url, "main") == url
    assert worker_database(url, "gw0") == url.replace("declic_test", "declic_test_gw0")
    assert worker_database(url, "gw0") != worker_database(url, "gw1")


def test_the_first_packages_are_type_checked():
    """catalog, planning and store are never in the override that silences mypy."""
    config = PYPROJECT["tool"]["mypy"]
    assert config["files"] == ["workshop"]
    silenced = {
        module
        for override in config["overrides"]
        if override.get("ignore_errors")
        for module in override["module"]
    }
    for adopted in ("workshop.catalog", "workshop.planning", "workshop.store"):
        assert not any(
            adopted == m or (m.endswith(".*") and adopted.startswith(m[:-1])) for m in silenced
        ), adopted


def test_the_pre_commit_hooks_are_local_and_use_the_locked_ruff():
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert re.findall(r"^\s*-\s*repo:\s*(\S+)", config, re.M) == ["local"]
    entries = re.findall(r"^\s*entry:\s*(.+)$", config, re.M)
    assert sorted(entries) == [
        ".venv/bin/ruff check --fix --force-exclude",
        ".venv/bin/ruff format --force-exclude",
    ]


def test_the_fast_loop_is_the_test_command_without_slow_tests():
    full = command("test-command")
    fast = next(
        line for line in README.splitlines() if 'pytest -n 2 -m "not browser and not slow"' in line
    )
    for tool in ("ruff check .", "ruff format --check .", "mypy", "lint-imports"):
        assert f".venv/bin/{tool} " in full and f".venv/bin/{tool} " in fast, tool
    assert full.endswith(" pytest -n auto"), "the whole suite, every test, in parallel"


def test_the_coverage_command_is_the_test_command_with_a_floor():
    full = command("test-command")
    coverage = next(line for line in README.splitlines() if "--cov-fail-under=" in line)
    pytest_call = full[full.index(".venv/bin/python -m pytest") :]
    assert coverage.startswith(pytest_call + " --cov=workshop --cov-branch ")
