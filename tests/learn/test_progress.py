"""Where "Resume" leads back to: a step, never an answer."""

from __future__ import annotations

import re

import pytest

BASE = "/fr/learn/13-15/demo"


@pytest.mark.parametrize(
    "path, place",
    [
        ("/step/2", "/step/2"),
        ("/scenario/middle", "/scenario/start"),
        ("/scenario/start/1", "/scenario/start"),
        ("/quiz/2?answers=1", "/quiz/1"),
        ("/quiz/1/answer?choice=1", "/quiz/1"),
        ("/quiz/result?answers=0,1,0,02", "/end"),
        ("/end", "/end"),
    ],
)
def test_the_place_kept_is_a_step_never_an_answer(client, path, place):
    page = client.get(BASE + path).get_data(as_text=True)
    marker = re.search(r'<nav class="lesson-parts"[^>]*>', page).group(0)
    assert f'data-resume-at="{BASE}{place}"' in marker
    assert "?" not in re.search(r'data-resume-at="([^"]*)"', marker).group(1)


def test_the_start_page_offers_resume_only_with_javascript(client):
    page = client.get(BASE + "/").get_data(as_text=True)
    assert re.search(r'<a class="button" data-resume-link[^>]* hidden>Reprendre', page)
    assert f'<a class="button" data-start-link href="{BASE}/step/1">Commencer</a>' in page
    assert "data-progress-tools" in page and "Garder ma place sur cet appareil" in page
    assert re.search(r'<div class="progress-tools"[^>]* hidden>', page)


def test_the_print_button_needs_javascript_and_stays_hidden_without_it(client):
    page = client.get(BASE + "/end").get_data(as_text=True)
    assert '<button type="button" class="button" data-print hidden>' in page
