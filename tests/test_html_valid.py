"""Every page type is valid HTML by the Nu Html Checker (vnu.jar from npm, run with Java)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import TESTS
from .sessions import head_path, save

VNU = TESTS.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
DEMO = "/{l}/learn/13-15/demo"
PAGES = [
    "/{l}/",
    "/{l}/help",
    "/{l}/learn/",
    "/{l}/learn/13-15/",
    DEMO + "/",
    DEMO + "/step/1",
    DEMO + "/scenario/start",
    DEMO + "/scenario/start/0",
    DEMO + "/scenario/end-help",
    DEMO + "/quiz/1",
    DEMO + "/quiz/2/answer?answers=0",
    DEMO + "/quiz/1/answer?choice=1",
    DEMO + "/quiz/result?answers=0,1,0,02",
    DEMO + "/end",
    "/{l}/facilitate/",
    "/{l}/facilitate/13-15/demo/",
    "/{l}/facilitate/session",
    "/{l}/facilitate/slides/13-15/demo/",
    "/{l}/facilitate/slides/13-15/demo/presenter",
    "/{l}/review/",
    "/{l}/review/13-15/",
    "/{l}/no-such-page",
]


def vnu_command() -> list[str]:
    """java -jar vnu.jar, or a skip (a failure in CI) when it is not installed."""
    java = shutil.which("java")
    if java and VNU.is_file():
        return [java, "-jar", str(VNU)]
    if os.environ.get("CI"):
        pytest.fail("java or node_modules/vnu-jar is missing: run `npm ci` (README)")
    pytest.skip("java or node_modules/vnu-jar is missing: run `npm ci` (README)")


def saved_session_pages(client, lang: str) -> list[str]:
    """The pages of a saved session, the head's decision recorded."""
    presenter = save(client, lang, lang=lang)
    head = head_path(client.get(presenter).get_data(as_text=True))
    client.post(head + "decision", data={"verdict": "approved", "name": "A", "role": "B"})
    return [
        presenter,
        presenter + "links",
        presenter + "edit",
        presenter + "delete",
        head,
        head.replace("/sessions/", "/sessions/x"),
    ]


def test_every_page_type_is_valid_html(client, tmp_path: Path):
    command = vnu_command()
    files = []
    for lang in ("fr", "en"):
        paths = [template.format(l=lang) for template in PAGES]
        for index, path in enumerate(paths + saved_session_pages(client, lang)):
            response = client.get(path)
            assert response.status_code in (200, 400, 404), path
            page = tmp_path / f"{lang}-{index:02d}.html"
            page.write_bytes(response.data)
            files.append((page, path))
    result = subprocess.run(
        [*command, "--format", "json", "--also-check-css", *(str(page) for page, _ in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    by_file = {str(page): path for page, path in files}
    problems = [
        (
            by_file.get(m.get("url", "").removeprefix("file:"), m.get("url")),
            m.get("type"),
            m.get("message"),
            m.get("extract", "")[:80],
        )
        for m in messages
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "warning"
    ]
    assert problems == []
