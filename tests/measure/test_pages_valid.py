"""Every page of the measure is valid HTML (Nu Html Checker), in both languages."""

from __future__ import annotations

import json
import subprocess

import pytest

from ..sessions import screen_path
from ..test_html_valid import vnu_command
from .conftest import code_on, head_path, save


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_measure_pages_are_valid_html(measure_app, tmp_path):
    command = vnu_command()
    client = measure_app.test_client()
    presenter = save(client)
    measure = presenter + "measure"
    client.post(measure + "/start/cards", data={"start-demo-1-true": "12"})
    client.post(measure + "/start/open", data={"class_size": "30"})
    client.post(measure + "/follow/open", data={"class_size": "30"})
    code = code_on(client.get(measure).get_data(as_text=True))
    client.post(measure + "/start/reveal")
    head = head_path(client.get(presenter).get_data(as_text=True))
    screen = screen_path(client.get(presenter).get_data(as_text=True))
    pages = []
    for lang in ("fr", "en"):
        pages += [
            client.get(measure.replace("/fr/", f"/{lang}/", 1)),
            client.post(
                measure.replace("/fr/", f"/{lang}/", 1) + "/end/cards",
                data={"end-demo-1-true": "-3"},
            ),
            client.get(screen.replace("/fr/", f"/{lang}/", 1) + "vote/start"),
            client.get(screen.replace("/fr/", f"/{lang}/", 1) + "vote/end"),  # not open yet
            client.get(screen.replace("/fr/", f"/{lang}/", 1) + "slides"),
            client.get(measure.replace("/fr/", f"/{lang}/", 1) + "/report"),
            client.get(head.replace("/fr/", f"/{lang}/", 1) + "measure/report"),
            client.get(f"/{lang}/vote"),
            client.get(f"/{lang}/vote?code={code}"),
            client.get(f"/{lang}/vote?code=AAAAAA"),
            client.post(f"/{lang}/vote", data={"code": code}),
            client.get(f"/{lang}/vote/thanks"),
        ]
    files = []
    for index, page in enumerate(pages):
        assert page.status_code in (200, 400, 404), (index, page.status_code)
        path = tmp_path / f"{index:02d}.html"
        path.write_bytes(page.data)
        files.append(str(path))
    result = subprocess.run(
        [*command, "--format", "json", *files], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [
        (m.get("url", "")[-8:], m.get("message"), m.get("extract", "")[:80])
        for m in messages
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "warning"
    ]
    assert problems == []
