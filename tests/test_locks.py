"""The lock files install the same set on any later day (README, Dependencies).

A fresh machine must install exactly what was locked, whatever upstream has published
since: every requirement pinned with `==` and hashed, extras kept on their lines, the
README's commands installing without resolution and ending with `pip check`.
"""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)(?P<extras>\[[^\]]+\])?(?P<rest>.*)$")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(filename: str) -> dict[str, tuple[str, str, str]]:
    """Each locked requirement: normalised name (with extras) -> (version, extras, block)."""
    text = (ROOT / filename).read_text(encoding="utf-8")
    entries: dict[str, tuple[str, str, str]] = {}
    for block in re.split(r"\n(?=\S)", text):
        first = block.splitlines()[0]
        if not first or first.startswith("#"):
            continue
        match = REQUIREMENT.match(first)
        assert match, f"{filename}: cannot read {first!r}"
        pin = re.match(r"==([^\s\\;]+)", match["rest"])
        assert pin, f"{filename}: {first!r} is not pinned with =="
        extras = match["extras"] or ""
        entries[normalise(match["name"]) + extras] = (pin[1], extras, block)
    return entries


def command(marker: str) -> str:
    return README.split(f"<!-- {marker} -->", 1)[1].split("```", 2)[1].strip()


@pytest.mark.parametrize("filename", ["requirements.lock", "requirements-test.lock"])
def test_every_locked_requirement_is_pinned_and_hashed(filename):
    entries = lock_entries(filename)
    assert len(entries) > 20
    unhashed = [name for name, (_, _, block) in entries.items() if "--hash=sha256:" not in block]
    assert not unhashed, f"{filename}: no hash for {unhashed}"


@pytest.mark.parametrize("filename", ["requirements.lock", "requirements-test.lock"])
def test_extras_stay_on_their_lines_and_the_build_backend_is_locked(filename):
    # --strip-extras made pip resolve fonttools[woff] against the index on a later day.
    names = lock_entries(filename)
    assert "fonttools[woff]" in names and "psycopg[binary]" in names
    assert "setuptools" in names, "the app is built by the locked setuptools"
    build_requires = PYPROJECT["build-system"]["requires"]
    assert build_requires == ["setuptools>=77"], build_requires


def test_the_app_lock_is_inside_the_test_lock():
    app, test = lock_entries("requirements.lock"), lock_entries("requirements-test.lock")
    differ = {
        name: (version, test.get(name, ("missing",))[0])
        for name, (version, _, _) in app.items()
        if test.get(name, ("missing",))[0] != version
    }
    assert not differ, f"run scripts/lock.sh: the two locks disagree on {differ}"
    assert "pytest" in test and "pytest" not in app


def test_every_pin_in_pyproject_is_the_locked_version():
    project = PYPROJECT["project"]
    declared = [("requirements.lock", r) for r in project["dependencies"]]
    declared += [("requirements-test.lock", r) for r in project["optional-dependencies"]["test"]]
    stale = []
    for filename, requirement in declared:
        match = REQUIREMENT.match(requirement)
        assert match and match["rest"].startswith("=="), f"pyproject: pin {requirement!r}"
        name = normalise(match["name"]) + (match["extras"] or "")
        locked = lock_entries(filename).get(name, ("missing",))[0]
        if locked != match["rest"][2:]:
            stale.append(f"{requirement} (lock: {locked})")
    assert not stale, f"run scripts/lock.sh after changing pyproject.toml: {stale}"


@pytest.mark.parametrize(
    ("marker", "lock", "last"),
    [
        ("start-command", "requirements.lock", "workshop serve"),
        ("test-command", "requirements-test.lock", "pytest"),
    ],
)
def test_the_readme_commands_install_the_lock_without_resolving(marker, lock, last):
    line = command(marker)
    assert "\n" not in line, f"README, {marker}: one line"
    assert f"pip install -q --no-deps --require-hashes -r {lock}" in line
    assert "pip install -q --no-deps --no-build-isolation -e ." in line
    steps = line.split(" && ")
    assert steps[0] == "python3 -m venv .venv"
    assert steps.index(".venv/bin/pip check") < next(i for i, s in enumerate(steps) if last in s)
    # Nothing else is fetched from the index: every pip install is --no-deps.
    installs = [s for s in steps if " pip install" in s]
    assert all("--no-deps" in s for s in installs), installs


def test_ci_runs_both_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for marker in ("start-command", "test-command"):
        assert f"<!-- {marker} -->" in ci, f".ci/run does not read the README's {marker}"


def test_the_installed_set_is_whole():
    """`pip check` in the environment running the tests finds no missing requirement."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
