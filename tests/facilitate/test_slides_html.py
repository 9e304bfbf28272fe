"""A 3-module, 3-period session deck and its presenter view (real content) are valid HTML,
on the server and in the offline kit."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile

from ..test_html_valid import vnu_command

QUERY = "lang={l}&tier=15-18&modules=grooming&modules=images&modules=recruitment&periods=3"


def test_session_deck_presenter_and_kit_pages_are_valid_html(real_client, tmp_path):
    command = vnu_command()
    files = []
    for lang in ("fr", "en"):
        for view in ("", "/presenter"):
            path = f"/{lang}/facilitate/slides/session{view}?" + QUERY.format(l=lang)
            response = real_client.get(path)
            assert response.status_code == 200, path
            page = tmp_path / f"{lang}{view.replace('/', '-')}.html"
            page.write_bytes(response.data)
            files.append(page)
    kit = real_client.post(
        "/fr/facilitate/session",
        data={
            "lang": "fr",
            "tier": "13-15",
            "modules": "grooming",
            "periods": "1",
            "document": "kit",
        },
    )
    with zipfile.ZipFile(io.BytesIO(kit.data)) as archive:
        for name in archive.namelist():
            if name.endswith(".html"):
                page = tmp_path / ("kit-" + name.rsplit("/", 1)[1])
                page.write_bytes(archive.read(name))
                files.append(page)
    result = subprocess.run(
        [*command, "--format", "json", *(str(f) for f in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [
        (m.get("url", "").rsplit("/", 1)[-1], m.get("message"), m.get("extract", "")[:80])
        for m in messages
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "warning"
    ]
    assert problems == []
