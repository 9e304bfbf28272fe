"""The test command's wall time, side by side (issue 30): the README's test command of an
earlier commit against this commit's, on the same machine, one after the other.

Each side runs in a clean clone with a new virtual environment and a PostgreSQL database of
its own; the install (venv, locks, translations, npm) is done first and not timed, then the
rest of that commit's README test command (ruff, mypy and lint-imports where it has them,
pytest with its own options) is timed, with CI=true, so browser tests are required on both
sides. The earlier commit's own lock resolved against the index when it was made (issue 23);
both sides install this commit's lock, so they run the same packages.

Usage: .venv/bin/python bench/suite.py [--before 3bf8bdd] [--after HEAD] [--runs 1]
Needs WORKSHOP_TEST_POSTGRES_URL (a role with CREATEDB) and what CI installs (.ci/run).
Prints a Markdown table. 3bf8bdd is main when issue 30 was filed: one serial pytest run.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def readme_command(checkout: Path) -> str:
    """The test command between the README's markers, as CI reads it."""
    text = (checkout / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- test-command -->\s*```\n(.*?)\n```", text, re.S)
    if not block:
        sys.exit(f"{checkout}: the README has no test command")
    return block.group(1).strip()


def timed_part(command: str) -> str:
    """The command after its install steps: from the first ruff (or pytest) on."""
    steps = [step.strip() for step in command.split("&&")]
    first = next(i for i, step in enumerate(steps) if "ruff" in step or "pytest" in step)
    return " && ".join(steps[first:])


def database_url(base: str, name: str) -> str:
    """A database beside the given one (xdist workers add their own beside it)."""
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(base: str, name: str) -> None:
    parts = urlsplit(base)
    env = dict(os.environ, PGPASSWORD=parts.password or "")
    subprocess.run(
        ["psql", "-h", parts.hostname or "127.0.0.1", "-U", parts.username or "declic"]
        + ["-d", "postgres", "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
        env=env,
        check=True,
    )
    subprocess.run(
        ["psql", "-h", parts.hostname or "127.0.0.1", "-U", parts.username or "declic"]
        + ["-d", "postgres", "-qc", f"CREATE DATABASE {name}"],
        env=env,
        check=True,
    )


def prepare(commit: str, where: Path) -> Path:
    """A clean clone at `commit`, installed from this commit's test lock (not timed)."""
    checkout = where / commit
    subprocess.run(["git", "clone", "-q", str(ROOT), str(checkout)], check=True)
    subprocess.run(["git", "-C", str(checkout), "checkout", "-q", commit], check=True)
    pip = str(checkout / ".venv/bin/pip")
    lock = str(ROOT / "requirements-test.lock")
    for step in (
        [sys.executable, "-m", "venv", str(checkout / ".venv")],
        [pip, "install", "-q", "--no-deps", "--require-hashes", "-r", lock],
        [pip, "install", "-q", "--no-deps", "--no-build-isolation", "-e", str(checkout)],
        [str(checkout / ".venv/bin/pybabel"), "compile", "-d", "translations"],
        ["npm", "ci", "--no-audit", "--no-fund", "--silent"],
    ):
        subprocess.run(step, cwd=checkout, check=True, capture_output=True)
    return checkout


def run(checkout: Path, label: str, base_url: str) -> tuple[float, str]:
    """The timed part of the checkout's README test command: wall seconds, pytest's summary."""
    name = f"declic_bench_{label}"
    create_database(base_url, name)
    env = dict(os.environ, CI="true", WORKSHOP_TEST_POSTGRES_URL=database_url(base_url, name))
    command = timed_part(readme_command(checkout))
    start = time.monotonic()
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.monotonic() - start
    summary = [line for line in done.stdout.splitlines() if re.search(r" in [\d.]+s", line)]
    if done.returncode:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
    return wall, (summary[-1] if summary else f"exit {done.returncode}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="3bf8bdd")
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("--runs", type=int, default=1, help="pairs, run in turns")
    args = parser.parse_args()
    base_url = os.environ.get("WORKSHOP_TEST_POSTGRES_URL")
    if not base_url:
        sys.exit("WORKSHOP_TEST_POSTGRES_URL is needed (a role with CREATEDB)")
    after = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.after],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    rows: list[tuple[int, str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="declic-suite-") as where:
        sides = {args.before: prepare(args.before, Path(where)), after: prepare(after, Path(where))}
        for turn in range(args.runs):
            for commit, checkout in sides.items():
                wall, summary = run(checkout, commit, base_url)
                rows.append((turn + 1, commit, wall, summary))
    print("| turn | commit | wall | pytest |\n|---|---|---|---|")
    for turn, commit, wall, summary in rows:
        print(f"| {turn} | {commit} | {wall / 60:.1f} min | {summary.strip('= ')} |")
    by_commit: dict[str, list[float]] = {}
    for _turn, commit, wall, _summary in rows:
        by_commit.setdefault(commit, []).append(wall)
    before, later = (sorted(by_commit[c])[len(by_commit[c]) // 2] for c in (args.before, after))
    print(f"\n{after} / {args.before}: {later / before:.2f} (target ≤ 0.5)")
    sys.exit(0 if later <= before / 2 else 1)


if __name__ == "__main__":
    main()
