"""A pupil walks a whole module by keyboard only, with JavaScript on and off.

Content note, every step, the scenario to an end, the quiz, the end card; for every tier
in both languages. The network log shows 127.0.0.1 only; no cookie is left.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

TIERS = ["11-13", "13-15", "15-18"]
MODULE = "grooming"
MAX_TABS = 80


def tab_to(page, selector: str) -> None:
    """Press Tab until the focused element matches the selector."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key on {page.url}")


def follow(page, selector: str) -> None:
    """Reach a link or button by keyboard and activate it with Enter."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def walk(page, base: str, javascript: bool) -> dict:
    """Walk one module from its start page to its end card; return what was seen."""
    seen = {"steps": 0, "situations": 0, "questions": 0}
    page.goto(base + "/")
    assert page.locator(".content-note").is_visible()
    follow(page, f'a.button[href$="/{MODULE}/step/1"]')
    while "/step/" in page.url:
        seen["steps"] += 1
        assert page.locator("progress").count() == 1
        follow(page, 'a[rel="next"]')
    while page.locator("ul.choices").count():
        seen["situations"] += 1
        follow(page, "a.choice")
        if javascript:
            assert page.evaluate("document.activeElement.id") == "feedback"
        assert page.locator("#feedback").is_visible()
        follow(page, 'a[rel="next"]')
    assert page.locator("#help .help-item.featured .help-button").count() >= 1, (
        "an end puts its help routes first in the help block"
    )
    follow(page, 'a[rel="next"]')
    while "/quiz/" in page.url and "/result" not in page.url:
        seen["questions"] += 1
        tab_to(page, 'input[name="choice"]')
        page.keyboard.press("Space")
        follow(page, 'button[type="submit"]')
        assert page.locator("#feedback").is_visible()
        if javascript:
            assert page.evaluate("document.activeElement.id") == "feedback"
        follow(page, 'a[rel="next"]')
    assert page.locator(".score").is_visible()
    follow(page, 'a[rel="next"]')
    assert page.url.endswith("/end")
    assert page.locator(".key-messages li").count() == 3
    return seen


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("tier", TIERS)
def test_walk_a_whole_module_by_keyboard(
    browser, live_server, real_app, network, caplog, tier, lang, javascript
):
    caplog.set_level("INFO", logger="werkzeug")
    lesson = real_app.extensions["catalog"].lesson(MODULE, tier, lang)
    context = browser.new_context(java_script_enabled=javascript)
    network.watch(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = walk(page, f"{live_server}/{lang}/learn/{tier}/{MODULE}", javascript)
    assert seen["steps"] == len(lesson.pupil.steps)
    assert seen["situations"] >= 2
    assert seen["questions"] == len(lesson.quiz.items)
    assert network.blocked == []
    assert {url.split("/")[2] for url in network.requests} == {live_server.split("/")[2]}
    assert context.cookies() == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/quiz/" in logged, "the walk is logged"
    assert "answers=" not in logged and "choice=" not in logged, "no pupil answer in the logs"
    if javascript:
        stored = page.evaluate("sessionStorage.getItem('declic-progress')")
        assert f"{lang}/{tier}/{MODULE}" in stored and stored.endswith('/end"}')
        assert "?" not in stored, "the place kept is a step, never an answer"
        assert page.evaluate("localStorage.length") == 0, "nothing kept unless chosen"
    context.close()


def test_progress_is_resumable_and_forgettable(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    base = f"{live_server}/fr/learn/13-15/{MODULE}"
    page.goto(base + "/step/2")
    page.goto(base + "/")
    resume = page.locator("[data-resume-link]")
    assert resume.is_visible() and resume.inner_text().startswith("Reprendre")
    assert resume.get_attribute("href") == f"/fr/learn/13-15/{MODULE}/step/2"
    assert "secondary" in page.locator("[data-start-link]").get_attribute("class"), (
        "Reprendre is the main button when there is a place to go back to"
    )
    tab_to(page, "[data-forget]")
    page.keyboard.press("Enter")
    assert not resume.is_visible()
    assert "effacée" in page.locator("[data-progress-status]").inner_text()
    assert page.evaluate("sessionStorage.getItem('declic-progress')") is None
    assert page.evaluate("localStorage.getItem('declic-progress')") is None
    context.close()


def test_quiz_error_is_focused_and_announced(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/en/learn/13-15/{MODULE}/quiz/1")
    follow(page, 'button[type="submit"]')
    assert page.evaluate("document.activeElement.id") == "choice-error"
    assert page.locator("fieldset").get_attribute("aria-describedby") == "choice-hint choice-error"
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("tier", TIERS)
def test_end_card_prints_on_one_page(browser, live_server, tier, lang):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/{lang}/learn/{tier}/{MODULE}/end")
    page.emulate_media(media="print")
    assert page.locator(".end-card").is_visible()
    # The help block prints under the card, its numbers only: no full list, no links.
    assert page.locator(".help-panel .help-list").is_visible()
    assert not page.locator(".help-more").is_visible()
    assert not page.locator(".help-links").is_visible()
    assert not page.locator(".site-footer").is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    context.close()
