"""The scenario player: situation, choices, feedback, a way back, help at every end."""

from __future__ import annotations

import pytest

BASE = "/en/learn/13-15/demo/scenario"


def test_last_step_leads_to_the_situation(client):
    page = client.get("/en/learn/13-15/demo/step/3").get_data(as_text=True)
    assert f'href="{BASE}/start"' in page


def test_a_situation_offers_its_choices_as_links(client):
    page = client.get(f"{BASE}/start").get_data(as_text=True)
    assert "Start en." in page
    assert f'href="{BASE}/start/0">Answer en</a>' in page
    assert f'href="{BASE}/start/1">Tell an adult en</a>' in page


def test_a_choice_shows_its_feedback_where_it_leads_and_the_way_back(client):
    page = client.get(f"{BASE}/start/0").get_data(as_text=True)
    assert "Answer en" in page and "Feedback answer en." in page
    assert 'role="status"' in page and "data-focus-on-load" in page
    assert f'href="{BASE}/middle">Continue</a>' in page
    assert f'href="{BASE}/start">Go back and try another choice</a>' in page


@pytest.mark.parametrize(
    "end, routes",
    [
        ("end-help", ["119"]),
        ("end-block", ["3018"]),
        ("end-late", ["3018", "119"]),
    ],
)
def test_every_end_shows_its_help_routes_and_the_way_on(client, end, routes):
    page = client.get(f"{BASE}/{end}").get_data(as_text=True)
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'href="#help"' in main, "the end points to the page's help block"
    assert 'href="/en/learn/13-15/demo/quiz/1"' in main
    assert f'href="{BASE}/start">' in main
    help_block = page.split('<aside id="help"', 1)[1].split("</aside>", 1)[0]
    compact = help_block.split('<ul class="help-list">', 1)[1].split("</ul>", 1)[0]
    featured = compact.split('<li class="help-item">', 1)[0]
    for route in routes:
        assert f'<strong class="help-contact">{route}</strong>' in featured, route
    assert featured.count('<li class="help-item featured">') == len(routes)
    assert featured.count("For this situation") == len(routes)


@pytest.mark.parametrize(
    "path",
    [
        f"{BASE}/nowhere",
        f"{BASE}/start/2",
        f"{BASE}/start/99",
        f"{BASE}/end-help/0",
        "/en/learn/13-15/demo/scenario/",
        f"{BASE}/start/-1",
    ],
)
def test_tampered_scenario_addresses_get_a_404_in_the_language(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_facilitator_prompts_never_reach_the_pupil(client):
    for path in ("start", "start/0", "middle", "end-help"):
        assert "FACILITATOR-ONLY" not in client.get(f"{BASE}/{path}").get_data(as_text=True)
