"""The quick exit leaves at once by keyboard, and the page it left is not in the history."""

from __future__ import annotations

import pytest

NEUTRAL = "https://www.meteofrance.com/"


@pytest.fixture
def neutral_site(context, network):
    """Stand in for the neutral site, so that the test never leaves this machine."""
    return network.stand_in(context, NEUTRAL, "Météo")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_quick_exit_by_keyboard_replaces_the_history_entry(
    page, live_server, neutral_site, network, lang
):
    home, lesson = f"{live_server}/{lang}/", f"{live_server}/{lang}/learn/13-15/grooming/"
    page.goto(home)
    page.goto(lesson)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-quick-exit')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == NEUTRAL
    assert neutral_site == [NEUTRAL]
    page.go_back()
    assert page.url == home, "the lesson page must not stay in the history"
    assert network.blocked == []


def test_help_panel_links_to_hide_your_visit(page, live_server):
    page.goto(f"{live_server}/fr/learn/")
    page.locator("#help").get_by_role("link", name="Cacher ta visite").click()
    assert page.url.endswith("/fr/hide-your-visit")
    assert page.get_by_role("heading", level=1).inner_text() == "Cacher ta visite"


def test_skip_link_moves_focus_to_the_content(page, live_server):
    page.goto(f"{live_server}/fr/learn/13-15/grooming/step/1")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_help_panel_is_reachable_from_the_header(page, live_server):
    page.goto(f"{live_server}/en/learn/")
    page.get_by_role("link", name="Help", exact=True).click()
    assert page.evaluate("document.activeElement.id") == "help"
    assert not page.url.endswith("#help"), "a link within the page adds no history entry"
    assert page.locator("#help").is_visible()
