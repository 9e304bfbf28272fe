"""Hostile input is refused with a 400 in the form, or printed harmlessly as text."""

from __future__ import annotations

import pytest

from workshop.documents import fetcher as fetcher_module
from workshop.documents.fetcher import LocalFilesFetcher, ResourceRefused

from .conftest import pdf_text

HOSTILE_TEXT = ['<img src="file:///etc/passwd">', '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
                "<style>@import url(http://127.0.0.1:9/y.css)</style>",
                "<script>alert(1)</script>", "{{ 7*7 }}", "[lien](javascript:alert(1))"]


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asks the fetcher for."""
    seen = []
    original = LocalFilesFetcher.fetch

    def spy(self, url, headers=None):
        seen.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(fetcher_module.LocalFilesFetcher, "fetch", spy)
    return seen


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
def test_markup_typed_in_a_field_is_printed_as_text(post_session, fetched, hostile):
    response = post_session(school=hostile[:120], presenter=hostile[:120],
                            local_contacts=hostile)
    assert response.status_code == 200
    assert hostile[:60] in pdf_text(response.data)
    assert all(url.startswith("file://") and "/static/" in url for url in fetched), fetched
    assert not any("passwd" in url or "127.0.0.1" in url for url in fetched)


@pytest.mark.parametrize("field", ["school", "class_name", "presenter", "role",
                                   "safeguarding_contact", "local_contacts"])
def test_ten_thousand_characters_are_a_400_next_to_the_field(post_session, field):
    response = post_session(**{field: "x" * 10_000})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'<p class="field-error" id="{field}-error">' in page
    assert "caractères au plus (vous en avez saisi 10000)" in page


@pytest.mark.parametrize("fields, field", [
    ({"tier": "99-99"}, "tier"), ({"tier": "../../etc"}, "tier"), ({"modules": "nope"}, "modules"),
    ({"modules": ["demo", "demo"]}, "modules"), ({"modules": []}, "modules"),
    ({"lang": "de"}, "lang"), ({"periods": "4"}, "periods"), ({"periods": "x"}, "periods"),
    ({"date": "2026-02-30"}, "date"), ({"date": "14/03/2026"}, "date"),
    ({"school": "a\x00b"}, "school"), ({"document": "passwd"}, "document"),
])
def test_invalid_fields_are_a_400_with_the_message_in_the_form(post_session, fields, field):
    response = post_session(**fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Certains champs sont à corriger" in page
    if field != "document":
        assert f'id="{field}-error"' in page


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "http://127.0.0.1:9/x.css", "https://example.org/a.png",
    "data:text/css,body{}", "data:image/png;base64," + "A" * 100_000,
    "ftp://127.0.0.1/x", "file://evil.example/static/css/documents.css",
])
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
    for url in [allowed.as_uri() + "/../secret.txt", allowed.as_uri() + "/%2e%2e/secret.txt",
                (allowed / "link.css").as_uri(), allowed.as_uri() + "/missing.css"]:
        with pytest.raises(ResourceRefused):
            fetcher.fetch(url)
