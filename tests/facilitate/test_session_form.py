"""The session form: every field checked, hostile input refused with a 400 next to its
field or printed harmlessly as text."""

from __future__ import annotations

import html
import re

import pytest

import workshop.documents as documents
from workshop.documents import fetcher as fetcher_module
from workshop.documents.fetcher import LocalFilesFetcher

from ..pdfs import pdf_text
from ..sessions import save

HOSTILE_TEXT = [
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    "<style>@import url(http://127.0.0.1:9/y.css)</style>",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "[lien](javascript:alert(1))",
]


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
    response = post_session(school=hostile[:120], presenter=hostile[:120], local_contacts=hostile)
    assert response.status_code == 200
    assert hostile[:60] in pdf_text(response.data)
    assert all(url.startswith("file://") and "/static/" in url for url in fetched), fetched
    assert not any("passwd" in url or "127.0.0.1" in url for url in fetched)


@pytest.mark.parametrize(
    "field", ["school", "class_name", "presenter", "role", "safeguarding_contact", "local_contacts"]
)
def test_ten_thousand_characters_are_a_400_next_to_the_field(post_session, field):
    response = post_session(**{field: "x" * 10_000})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'<p class="field-error" id="{field}-error">' in page
    assert "caractères au plus (vous en avez saisi 10000)" in page


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"tier": "99-99"}, "tier"),
        ({"tier": "../../etc"}, "tier"),
        ({"modules": "nope"}, "modules"),
        ({"modules": ["demo", "demo"]}, "modules"),
        ({"modules": []}, "modules"),
        ({"lang": "de"}, "lang"),
        ({"periods": "4"}, "periods"),
        ({"periods": "x"}, "periods"),
        ({"date_1": "2026-02-30"}, "date_1"),
        ({"date_1": "14/03/2026"}, "date_1"),
        ({"class_size": "²"}, "class_size"),
        ({"class_size": "9" * 5000}, "class_size"),
        ({"school": "a\x00b"}, "school"),
        ({"document": "passwd"}, "document"),
    ],
)
def test_invalid_fields_are_a_400_with_the_message_in_the_form(post_session, fields, field):
    response = post_session(**fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Certains champs sont à corriger" in page
    if field != "document":
        assert f'id="{field}-error"' in page


def test_the_form_explains_modules_that_do_not_fit(two_modules):
    client = two_modules.test_client()
    data = {
        "lang": "en",
        "tier": "13-15",
        "modules": ["demo", "second"],
        "periods": "1",
        "document": "pack",
    }
    response = client.post("/en/facilitate/session", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "take 100 minutes, more than the 55 minutes of the session" in page
    assert 'id="periods-error"' in page
    assert client.post("/en/facilitate/session", data={**data, "periods": "2"}).status_code == 200


PERIODS_ERROR = re.compile(r'<p class="field-error" id="periods-error">([^<]*)</p>')


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "This module fills one period of 55 minutes: the other periods would show"),
        ("fr", "Ce module remplit une séance de 55 minutes : les autres séances ne"),
    ],
)
def test_one_module_over_two_periods_is_a_400_by_the_length(client, monkeypatch, lang, message):
    """A second period of one module would show the class only the help numbers: the form
    says so by the length field, in the page's language, with the choices kept."""
    monkeypatch.setattr(documents, "render_pdf", lambda html_text, *args: html_text.encode())
    data = {"lang": lang, "tier": "13-15", "modules": "demo", "periods": "2", "document": "pack"}
    response = client.post(f"/{lang}/facilitate/session", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    shown = html.unescape(PERIODS_ERROR.search(page).group(1))
    assert shown.startswith(message), shown
    assert 'aria-describedby="periods-error"' in page and 'href="#periods-1"' in page
    assert 'id="periods-2" name="periods" value="2" checked' in page  # kept, to change
    assert (
        client.post(f"/{lang}/facilitate/session", data={**data, "periods": "1"}).status_code == 200
    )
    # The slides' address for the same session is a 400 too, not a 500.
    query = f"lang={lang}&tier=13-15&modules=demo&periods=2"
    assert client.get(f"/{lang}/facilitate/slides/session?{query}").status_code == 400


def test_saving_or_editing_a_session_with_an_empty_period_is_a_400(store_app):
    """The save and the edit of a saved session refuse it the same way (nothing saved,
    nothing changed), in the page's language."""
    client = store_app.test_client()
    data = {"lang": "en", "tier": "13-15", "modules": "demo", "periods": "3"}
    refused = client.post("/en/facilitate/session/save", data=data)
    assert refused.status_code == 400
    assert "This module fills one period" in refused.get_data(as_text=True)
    path = save(client, "en", **{**data, "periods": "1"})
    edited = client.post(path + "edit", data={**data, "periods": "2"})
    assert edited.status_code == 400
    page = edited.get_data(as_text=True)
    assert PERIODS_ERROR.search(page).group(1).startswith("This module fills one period")
    assert "One period of 55 minutes" in client.get(path).get_data(as_text=True)  # unchanged
