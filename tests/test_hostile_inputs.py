"""The inputs that once answered 500, or built links from a foreign Host (issue 17)."""

from __future__ import annotations

import re

import pytest

QUIZ = "/fr/learn/13-15/demo/quiz"


@pytest.mark.parametrize(
    "url",
    [
        f"{QUIZ}/1/answer?choice=%C2%B2",
        f"{QUIZ}/1/answer?choice=%D9%A3",  # ARABIC-INDIC DIGIT THREE
        f"{QUIZ}/2?answers=%C2%B2",
        f"{QUIZ}/2/answer?answers=%F0%9D%9F%98&choice=0",  # MATHEMATICAL DOUBLE-STRUCK ZERO
        f"{QUIZ}/2?answers=" + "9" * 5000,
        "/fr/facilitate/slides/session?lang=fr&tier=13-15&modules=demo&periods=%C2%B2",
        "/fr/facilitate/slides/session?lang=fr&tier=13-15&modules=demo&periods=" + "9" * 5000,
    ],
)
def test_non_ascii_digits_and_huge_numbers_are_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "key",
    [
        "_method=POST",
        "_external=1",
        "_scheme=javascript",
        "_anchor=x",
        "_method=DELETE&_external=1",
    ],
)
def test_query_keys_never_reach_url_for(client, key):
    response = client.get(f"/fr/learn/13-15/demo/?{key}", headers={"Host": "localhost"})
    assert response.status_code == 200
    switch = re.search(r'<a href="([^"]*)" hreflang="en"', response.get_data(as_text=True))
    assert switch.group(1).startswith("/en/learn/13-15/demo/?")  # relative, same query
    assert "javascript:" not in switch.group(1) and "http" not in switch.group(1)


def test_the_language_switch_keeps_the_query_as_it_came(client):
    page = client.get(f"{QUIZ}/2?answers=1").get_data(as_text=True)
    assert 'href="/en/learn/13-15/demo/quiz/2?answers=1"' in page


@pytest.mark.parametrize(
    "path",
    ["/fr/learn/13-15/demo", "/", "/fr/learn/13-15/demo/?_external=1", "/fr/facilitate/session"],
)
def test_a_foreign_host_gets_a_400_and_no_link_to_it(client, path):
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert b"evil.example" not in response.data
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_redirects_stay_on_a_trusted_host(client):
    response = client.get("/fr/learn/13-15/demo", headers={"Host": "localhost:8000"})
    assert response.status_code == 308
    assert response.headers["Location"] == "http://localhost:8000/fr/learn/13-15/demo/"


def test_a_deployment_names_its_own_hosts():
    from workshop import create_app

    from .conftest import FIXTURE_CONTENT

    app = create_app(
        {"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True, "TRUSTED_HOSTS": ["declic.example.org"]}
    )
    client = app.test_client()
    assert client.get("/fr/", headers={"Host": "declic.example.org"}).status_code == 200
    assert client.get("/fr/", headers={"Host": "localhost"}).status_code == 400


@pytest.mark.parametrize(
    "method, path, allowed",
    [
        ("POST", "/fr/learn/13-15/demo/", "GET, HEAD, OPTIONS"),
        ("PUT", "/fr/facilitate/session", "GET, HEAD, OPTIONS, POST"),
        ("DELETE", "/healthz", "GET, HEAD, OPTIONS"),
    ],
)
def test_a_405_says_what_is_allowed(client, method, path, allowed):
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert "Erreur 405" in response.get_data(as_text=True)  # the friendly page, in French
