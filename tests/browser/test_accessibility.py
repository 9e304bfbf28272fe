"""0 axe-core violations (WCAG 2.1 A and AA, best practices) on every page, both languages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                          "best-practice"]},
    "resultTypes": ["violations"],
}
PAGES = [
    "/{l}/", "/{l}/help", "/{l}/learn/", "/{l}/learn/13-15/", "/{l}/learn/13-15/grooming/",
    "/{l}/learn/13-15/grooming/step/1", "/{l}/learn/13-15/grooming/end",
    "/{l}/facilitate/", "/{l}/facilitate/13-15/grooming/", "/{l}/review/",
    "/{l}/review/13-15/", "/{l}/no-such-page",
]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(page, live_server, network, axe, lang, path):
    page.goto(live_server + path.format(l=lang))
    assert page.locator("html").get_attribute("lang") == lang
    results = axe.run(page, options=AXE_OPTIONS)
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
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
