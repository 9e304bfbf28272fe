"""The PDF fetcher reads only files under static/ and content/."""

from __future__ import annotations

import pytest

from workshop.documents.fetcher import LocalFilesFetcher, ResourceRefused


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/a.png",
        "data:text/css,body{}",
        "data:image/png;base64," + "A" * 100_000,
        "ftp://127.0.0.1/x",
        "file://evil.example/static/css/documents.css",
    ],
)
def test_fetcher_refuses_anything_but_allowed_files(tmp_path, url):
    with pytest.raises(ValueError):
        LocalFilesFetcher([tmp_path]).fetch(url)


def test_fetcher_refuses_escapes_out_of_its_folders(tmp_path):
    allowed = tmp_path / "static"
    allowed.mkdir()
    (allowed / "ok.css").write_text("body{}")
    (tmp_path / "secret.txt").write_text("secret")
    (allowed / "link.css").symlink_to(tmp_path / "secret.txt")
    fetcher = LocalFilesFetcher([allowed])
    assert fetcher.fetch((allowed / "ok.css").as_uri()).read() == b"body{}"
    for url in [
        allowed.as_uri() + "/../secret.txt",
        allowed.as_uri() + "/%2e%2e/secret.txt",
        (allowed / "link.css").as_uri(),
        allowed.as_uri() + "/missing.css",
    ]:
        with pytest.raises(ResourceRefused):
            fetcher.fetch(url)
