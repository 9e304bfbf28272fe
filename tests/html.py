"""The Nu Html Checker (vnu.jar from npm, run with Java) on pages the tests fetched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_command() -> list[str]:
    """java -jar vnu.jar, or a skip (a failure in CI) when it is not installed."""
    java = shutil.which("java")
    if java and VNU.is_file():
        return [java, "-jar", str(VNU)]
    if os.environ.get("CI"):
        pytest.fail("java or node_modules/vnu-jar is missing: run `npm ci` (README)")
    pytest.skip("java or node_modules/vnu-jar is missing: run `npm ci` (README)")


def html_problems(pages: dict[str, bytes], folder: Path, css: bool = False) -> list[tuple]:
    """Check every page in one run of the checker: its errors and warnings, each as (the
    page's name, kind, message, extract). `pages` maps a name (a path, say) to the HTML."""
    command = vnu_command()
    files = {}
    for index, (name, html) in enumerate(pages.items()):
        file = folder / f"{index:03d}.html"
        file.write_bytes(html)
        files[str(file)] = name
    result = subprocess.run(
        [*command, "--format", "json", *(["--also-check-css"] if css else [])] + list(files),
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        (
            files.get(m.get("url", "").removeprefix("file:"), m.get("url")),
            m.get("type"),
            m.get("message"),
            m.get("extract", "")[:80],
        )
        for m in messages
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "warning"
    ]
