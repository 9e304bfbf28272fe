"""Every area answers: pages in both languages, help everywhere, facilitator notes kept apart."""

from __future__ import annotations

import pytest

PUPIL_PAGES = [
    "/{l}/",
    "/{l}/help",
    "/{l}/learn/",
    "/{l}/learn/13-15/",
    "/{l}/learn/13-15/demo/",
    "/{l}/learn/13-15/demo/step/1",
    "/{l}/learn/13-15/demo/step/3",
    "/{l}/learn/13-15/demo/end",
]
ADULT_PAGES = [
    "/{l}/facilitate/",
    "/{l}/facilitate/13-15/demo/",
    "/{l}/review/",
    "/{l}/review/13-15/",
]


def pages(templates):
    return [t.format(l=lang) for t in templates for lang in ("fr", "en")]


@pytest.mark.parametrize("path", pages(PUPIL_PAGES + ADULT_PAGES))
def test_page_has_landmarks_skip_link_and_help_panel(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for landmark in (
        '<header class="',
        '<main id="main"',
        "<footer",
        '<aside id="help"',
        'href="#main"',
        'href="#help"',
    ):
        assert landmark in page, landmark
    for route in ("3018", "119"):
        assert f'<strong class="help-contact">{route}</strong>' in page


@pytest.mark.parametrize("path", pages(PUPIL_PAGES))
def test_pupil_pages_have_the_quick_exit_and_no_facilitator_notes(client, path):
    page = client.get(path).get_data(as_text=True)
    assert "data-quick-exit" in page and 'href="https://www.meteofrance.com/"' in page
    assert '<header class="pupil-header">' in page, "the short pupils' bar, the quick exit in it"
    assert '<header class="site-header">' not in page
    assert "FACILITATOR-ONLY" not in page


@pytest.mark.parametrize("path", pages(ADULT_PAGES[1:2] + ADULT_PAGES[3:]))
def test_facilitator_notes_are_shown_to_adults_and_marked(client, path):
    page = client.get(path).get_data(as_text=True)
    assert "FACILITATOR-ONLY background" in page
    assert "FACILITATOR-ONLY disclosure" in page
    assert 'class="facilitator-notes"' in page


def test_steps_show_progress_and_lead_through_the_lesson(client):
    page = client.get("/en/learn/13-15/demo/step/2").get_data(as_text=True)
    assert "Step 2 of 3" in page
    assert 'href="/en/learn/13-15/demo/step/1"' in page
    assert 'href="/en/learn/13-15/demo/step/3"' in page
    last = client.get("/en/learn/13-15/demo/step/3").get_data(as_text=True)
    assert 'href="/en/learn/13-15/demo/end"' in last


def test_start_page_shows_length_and_content_note(client):
    page = client.get("/fr/learn/13-15/demo/").get_data(as_text=True)
    assert "Environ 15 minutes : 3 étapes courtes, une situation pour réfléchir" in page
    assert "Note fr: you can stop at any time." in page


def test_end_page_lists_key_messages_and_who_can_help(client):
    page = client.get("/en/learn/13-15/demo/end").get_data(as_text=True)
    for text in ("One en", "Two en", "Three en", "Talk to an adult.", "Child in danger helpline"):
        assert text in page


def test_facilitator_page_shows_plan_law_and_date(client):
    page = client.get("/fr/facilitate/13-15/demo/").get_data(as_text=True)
    assert "Déroulé sur 55 minutes" in page
    assert "50–55" in page and "facultatif" in page
    assert "Jusqu&#39;à 7 ans d&#39;emprisonnement et 100\u00a0000\u00a0€ d&#39;amende" in page
    assert "Version en vigueur depuis le 23 avril 2021" in page


def test_help_page_lists_every_route_with_its_purpose(client):
    page = client.get("/en/help").get_data(as_text=True)
    assert "Harassment, blackmail, images to take down." in page
    assert 'href="https://www.e-enfance.org/numero-3018/"' in page
