"""0 axe-core violations (WCAG 2.1 A and AA, best practices) on every page, both languages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..sessions import decide, head_path, save

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
LESSON = "/{l}/learn/13-15/grooming"
PAGES = {
    "home": "/{l}/",
    "help": "/{l}/help",
    "tiers": "/{l}/learn/",
    "modules": "/{l}/learn/13-15/",
    "start": LESSON + "/",
    "step": LESSON + "/step/1",
    "situation": LESSON + "/scenario/{start}",
    "consequence": LESSON + "/scenario/{start}/0",
    "scenario-end": LESSON + "/scenario/{end}",
    "question": LESSON + "/quiz/1",
    "question-error": LESSON + "/quiz/1/answer",
    "answer": LESSON + "/quiz/1/answer?choice=0",
    "result": LESSON + "/quiz/result?answers={zeros}",
    "end": LESSON + "/end",
    "facilitate": "/{l}/facilitate/",
    "facilitate-lesson": "/{l}/facilitate/13-15/grooming/",
    "review": "/{l}/review/",
    "review-tier": "/{l}/review/13-15/",
    "not-found": "/{l}/no-such-page",
    "session-form": "/{l}/facilitate/session",
    "saved-session": "{presenter}",
    "saved-links": "{presenter}links",
    "saved-delete": "{presenter}delete",
    "saved-edit": "{presenter}edit",
    "head-review": "{head}",
}


def page_path(real_app, name: str, lang: str) -> str:
    """The address of a page type in a language, on the real grooming 13-15 lesson (and a
    saved session of it, approved, so that its pages show everything they can)."""
    lesson = real_app.extensions["catalog"].lesson("grooming", "13-15", lang)
    presenter, head = saved_session(real_app, lang)
    return PAGES[name].format(
        l=lang,
        start=lesson.scenario.start,
        end=lesson.scenario.ends[0].id,
        zeros=",".join("0" * len(lesson.quiz.items)),
        presenter=presenter,
        head=head,
    )


def saved_session(app, lang: str) -> tuple[str, str]:
    """The presenter's and the head's paths of a saved session with a decision."""
    client = app.test_client()
    presenter = save(
        client, lang, lang=lang, tier="13-15", modules=["grooming", "images"], periods="2"
    )
    head = head_path(client.get(presenter).get_data(as_text=True))
    decide(client, head, verdict="changes", name="M. Roux", role="Principal", comment="Plus court.")
    return presenter, head


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(page, live_server, real_app, network, axe, lang, name):
    page.goto(live_server + page_path(real_app, name, lang))
    assert page.locator("html").get_attribute("lang") == lang
    results = axe.run(page, options=AXE_OPTIONS)
    violations = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == []
    assert network.blocked == []


@pytest.mark.parametrize("width", [320, 1280])
def test_no_horizontal_scroll_from_320_px(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("/fr/", "/fr/learn/13-15/grooming/step/1", "/fr/facilitate/13-15/grooming/"):
        page.goto(live_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    context.close()


def test_font_is_served_locally_and_used(page, live_server, network):
    page.goto(live_server + "/fr/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('1em \"Atkinson Hyperlegible\"')")
    assert any("/static/fonts/atkinson-hyperlegible" in url for url in network.requests)
