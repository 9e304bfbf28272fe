"""A 3-module, 3-period session deck and its presenter view (real content) are valid HTML,
on the server and in the offline kit."""

from __future__ import annotations

import io
import zipfile

from ..html import html_problems

QUERY = "lang={l}&tier=15-18&modules=grooming&modules=images&modules=recruitment&periods=3"


def test_session_deck_presenter_and_kit_pages_are_valid_html(real_client, tmp_path):
    pages = {}
    for lang in ("fr", "en"):
        for view in ("", "/presenter"):
            path = f"/{lang}/facilitate/slides/session{view}?" + QUERY.format(l=lang)
            response = real_client.get(path)
            assert response.status_code == 200, path
            pages[path] = response.data
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
                pages["kit: " + name] = archive.read(name)
    assert html_problems(pages, tmp_path) == []
