"""Languages: the URL prefix decides, / follows Accept-Language, a switch on every page."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize(
    "header, target",
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
        ("de-DE,de;q=0.9", "/fr/"),
        (None, "/fr/"),
    ],
)
def test_root_redirects_by_accept_language_french_by_default(client, header, target):
    headers = {"Accept-Language": header} if header else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == target


@pytest.mark.parametrize(
    "lang, heading",
    [
        ("fr", "Déclic : repérer la manipulation en ligne"),
        ("en", "Déclic: knowing how to spot online manipulation"),
    ],
)
def test_home_page_answers_in_its_language(client, lang, heading):
    page = client.get(f"/{lang}/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    assert heading in page


@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/fr/help",
        "/fr/learn/",
        "/fr/learn/13-15/",
        "/fr/learn/13-15/demo/",
        "/fr/learn/13-15/demo/step/2",
        "/fr/learn/13-15/demo/end",
        "/fr/facilitate/",
        "/fr/facilitate/13-15/demo/",
        "/fr/review/",
        "/fr/review/13-15/",
    ],
)
def test_language_switch_keeps_you_on_the_same_page(client, path):
    page = client.get(path).get_data(as_text=True)
    english = path.replace("/fr/", "/en/", 1)
    assert re.search(rf'<a href="{re.escape(english)}" hreflang="en" lang="en">English</a>', page)
    assert client.get(english).status_code == 200


def test_lesson_text_follows_the_language(client):
    assert "Leçon de démonstration" in client.get("/fr/learn/13-15/demo/").get_data(as_text=True)
    assert "Demonstration lesson" in client.get("/en/learn/13-15/demo/").get_data(as_text=True)
