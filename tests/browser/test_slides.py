"""Slides: a whole session by keyboard; the presenter view follows; no axe violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_accessibility import AXE_OPTIONS

DECK = "/{lang}/facilitate/slides/13-15/grooming/"


def counter(page) -> str:
    return page.locator(".deck-bar [data-counter]").inner_text()


def visible_slides(page) -> list[str]:
    return page.eval_on_selector_all(".slide", "els => els.filter(e => !e.hidden).map(e => e.id)")


def presenter_now(page) -> str:
    return page.eval_on_selector_all(
        "[data-slide]", "els => els.filter(e => !e.hidden).map(e => e.dataset.slide).join()")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_whole_deck_by_keyboard_with_the_presenter_following(context, live_server, network,
                                                             lang):
    projected = context.new_page()
    projected.goto(live_server + DECK.format(lang=lang))
    total = int(projected.locator("[data-deck]").get_attribute("data-total"))
    assert counter(projected) == f"1 / {total}"
    presenter = context.new_page()
    presenter.goto(live_server + DECK.format(lang=lang) + "presenter")
    assert presenter_now(presenter) == "1"

    keys = ["ArrowRight", "Space", "PageDown", "ArrowDown"]
    for number in range(2, total + 1):
        projected.keyboard.press(keys[number % len(keys)])
        assert counter(projected) == f"{number} / {total}"
        assert visible_slides(projected) == [f"slide-{number}"]
    presenter.wait_for_function(f"document.querySelector('[data-slide=\"{total}\"]').hidden === false")
    assert projected.locator(f"#slide-{total} .slide-help li").count() >= 4

    projected.keyboard.press("Home")
    assert counter(projected) == f"1 / {total}"
    projected.keyboard.press("End")
    assert counter(projected) == f"{total} / {total}"
    projected.keyboard.press("PageUp")
    assert counter(projected) == f"{total - 1} / {total}"

    presenter.bring_to_front()
    presenter.keyboard.press("Home")
    projected.wait_for_function("document.querySelector('#slide-1').hidden === false")
    presenter.keyboard.press("ArrowRight")
    projected.wait_for_function("document.querySelector('#slide-2').hidden === false")
    assert presenter.locator("[data-next='3']").is_visible()

    projected.bring_to_front()
    projected.keyboard.press("b")
    assert projected.locator("[data-blackout]").is_visible()
    projected.keyboard.press("b")
    assert not projected.locator("[data-blackout]").is_visible()
    assert network.blocked == []


def test_scenario_consequences_link_to_the_card_they_lead_to(page, live_server):
    page.goto(live_server + DECK.format(lang="fr"))
    link = page.locator(".slide-consequences .goto").first
    target = link.get_attribute("href")
    page.keyboard.press("End")
    page.goto(live_server + DECK.format(lang="fr") + target)
    assert visible_slides(page) == [target.lstrip("#")]


def test_presenter_timer_follows_the_session_plan(page, live_server):
    page.clock.install()
    page.goto(live_server + DECK.format(lang="en") + "presenter")
    page.get_by_role("button", name="Start the timer").click()
    page.clock.run_for(12 * 60 * 1000)
    assert page.locator("[data-elapsed]").inner_text() == "12:00"
    current = page.locator(".plan-list li.current")
    assert current.count() == 1
    start, end = int(current.get_attribute("data-start")), int(current.get_attribute("data-end"))
    assert start <= 12 < end


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("view", ["", "presenter"])
def test_slides_and_presenter_have_no_axe_violations(page, live_server, lang, view):
    page.goto(live_server + DECK.format(lang=lang) + view)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert [(v["id"], v["help"]) for v in results.response["violations"]] == []
