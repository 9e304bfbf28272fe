"""Pupil pages at static speed (issue 17): rendered once per content revision and address,
served from memory with ETag and Last-Modified, 304 when the browser has them."""

from __future__ import annotations

import pytest
from flask import template_rendered

STEP = "/fr/learn/13-15/demo/step/1"


@pytest.fixture
def renders(app):
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)

    template_rendered.connect(record, app)
    yield rendered
    template_rendered.disconnect(record, app)


def test_a_pupil_page_is_rendered_once_then_served_from_memory(client, renders):
    first = client.get(STEP)
    count = len(renders)
    assert count >= 1
    for _ in range(5):
        again = client.get(STEP)
        assert again.status_code == 200 and again.data == first.data
    assert len(renders) == count
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_each_language_is_its_own_page(client):
    french, english = client.get(STEP), client.get(STEP.replace("/fr/", "/en/"))
    assert french.headers["ETag"] != english.headers["ETag"]
    assert 'lang="fr"' in french.get_data(as_text=True)
    assert 'lang="en"' in english.get_data(as_text=True)


def test_304_for_a_page_the_browser_has(client):
    first = client.get(STEP)
    assert first.headers["Last-Modified"] and first.headers["Cache-Control"] == "no-cache"
    by_etag = client.get(STEP, headers={"If-None-Match": first.headers["ETag"]})
    assert by_etag.status_code == 304 and by_etag.data == b""
    by_date = client.get(STEP, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert by_date.status_code == 304
    stale = client.get(STEP, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.data == first.data


def test_answer_pages_are_rendered_for_each_answer(client, renders):
    right = client.get("/fr/learn/13-15/demo/quiz/1/answer?choice=0")
    count = len(renders)
    other = client.get("/fr/learn/13-15/demo/quiz/1/answer?choice=1")
    assert len(renders) > count
    assert right.data != other.data
    assert "ETag" not in other.headers


def test_a_new_content_revision_renders_again(app, client, renders):
    client.get(STEP)
    count = len(renders)
    catalog = app.extensions["catalog"]
    original = catalog.revision
    try:
        object.__setattr__(catalog, "revision", "another-revision")
        client.get(STEP)
        assert len(renders) > count
    finally:
        object.__setattr__(catalog, "revision", original)


@pytest.mark.parametrize(
    "path", ["/fr/facilitate/session", "/fr/review/13-15/", "/fr/missing-page"]
)
def test_other_pages_are_never_kept(app, client, path):
    client.get(path)
    client.get(path)
    assert all(key[1] != path for key in app.extensions["page_cache"]._pages)
