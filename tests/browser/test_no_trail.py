"""No trail by any path, help one tap away, a phone screen for pupils (issue 27).

A pupil arrives from another site, walks a whole module by keyboard (skip link on every
page, Tab, Shift+Tab, Enter, Back, Forward, reload) or by touch on a 360 × 740 phone, then
leaves with the quick exit: the tab's history holds no Déclic page, Back lands outside, and
nothing Déclic kept is left. On the phone: the bar is short, the content starts in the
first screen, the quick exit never covers it, and every help button is at least 44 px.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_accessibility import AXE_OPTIONS
from .test_module_walk import tab_to

NEUTRAL = "https://www.meteofrance.com/"
BEFORE = "https://www.example.org/before"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
MODULE = "images"
DECLIC_KEYS = """() => [localStorage, sessionStorage].flatMap(store =>
    Object.keys(store).filter(key => key.startsWith('declic')))"""


def outside_pages(context, network) -> None:
    """The site the pupil came from and the neutral site, stood in for on this machine."""
    network.stand_in(context, BEFORE, "Before")
    network.stand_in(context, NEUTRAL, "Météo")


@pytest.fixture
def desktop(browser, network):
    context = browser.new_context(viewport=DESKTOP)
    network.watch(context)
    outside_pages(context, network)
    yield context
    context.close()


@pytest.fixture
def phone(browser, network):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    network.watch(context)
    outside_pages(context, network)
    yield context
    context.close()


def history_length(page) -> int:
    return page.evaluate("history.length")


def skip_to_content(page, entries: int) -> None:
    """The skip link, by keyboard: focus on the content, no new history entry, no #main."""
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link", page.url
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main", page.url
    assert "#" not in page.url
    assert history_length(page) == entries, f"the skip link added an entry on {page.url}"


def press(page, selector: str, entries: int) -> None:
    """Tab to a link or button (Shift+Tab once on the way, and back), Enter; the move
    replaces the history entry."""
    tab_to(page, selector)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("s => document.activeElement.matches(s)", selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert history_length(page) == entries, f"a move added an entry: {page.url}"


def assert_no_declic_entry(page, live_server, entries: int) -> None:
    """After the exit: as many entries as before Déclic, and Back never reaches Déclic."""
    assert page.url == NEUTRAL
    assert history_length(page) == entries
    page.go_back()
    assert page.url == BEFORE, "Back after the quick exit lands where the pupil came from"
    assert page.go_back() is None or not page.url.startswith(live_server)
    assert not page.url.startswith(live_server)


def assert_nothing_kept(context, live_server) -> None:
    """Nothing Déclic kept, in the browser's storage for the site."""
    page = context.new_page()
    page.goto(f"{live_server}/en/help")
    assert page.evaluate(DECLIC_KEYS) == []
    page.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_keyboard_walk_then_the_quick_exit_leaves_no_declic_entry(
    desktop, live_server, real_app, network, lang
):
    lesson = real_app.extensions["catalog"].lesson(MODULE, "13-15", lang)
    page = desktop.new_page()
    page.set_default_timeout(10_000)
    page.goto(BEFORE)
    page.goto(f"{live_server}/{lang}/")
    entries = history_length(page)  # about:blank, the site before, this page
    skip_to_content(page, entries)
    press(page, f'main a[href="/{lang}/learn/"]', entries)
    skip_to_content(page, entries)
    press(page, f'main a[href="/{lang}/learn/13-15/"]', entries)
    skip_to_content(page, entries)
    press(page, f'main a[href="/{lang}/learn/13-15/{MODULE}/"]', entries)
    skip_to_content(page, entries)
    page.locator("[data-keep]").check()  # kept on the device: the exit must forget it too
    press(page, "[data-start-link]", entries)
    for number in range(1, len(lesson.pupil.steps) + 1):
        assert page.url.endswith(f"/step/{number}")
        skip_to_content(page, entries)
        if number == 2:
            # Back leaves Déclic at once (no module page behind), Forward comes back to it
            page.go_back()
            assert page.url == BEFORE
            page.go_forward()
            assert page.url.endswith("/step/2")
            page.reload()
            assert history_length(page) == entries
        press(page, 'a[rel="next"]', entries)
    while page.locator("ul.choices").count():
        skip_to_content(page, entries)
        press(page, "a.choice", entries)
        press(page, 'a[rel="next"]', entries)
    press(page, 'a[rel="next"]', entries)
    while "/quiz/" in page.url and "/result" not in page.url:
        skip_to_content(page, entries)
        tab_to(page, 'input[name="choice"]')
        page.keyboard.press("Space")
        press(page, 'button[type="submit"]', entries)
        assert "/answer?" in page.url
        press(page, 'a[rel="next"]', entries)
    press(page, 'a[rel="next"]', entries)
    assert page.url.endswith("/end")
    skip_to_content(page, entries)
    # "Help" in the bar, and the end card's own link to the help block: focus, no entry
    page.locator(".pupil-bar .bar-link[href='#help']").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "help"
    assert history_length(page) == entries and "#" not in page.url
    assert page.evaluate(DECLIC_KEYS), "the walk kept the pupil's place"
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    assert_no_declic_entry(page, live_server, entries)
    assert_nothing_kept(desktop, live_server)
    assert network.blocked == []


def test_by_touch_on_a_phone_then_the_quick_exit_leaves_no_declic_entry(
    phone, live_server, network
):
    page = phone.new_page()
    page.set_default_timeout(10_000)
    page.goto(BEFORE)
    page.goto(f"{live_server}/fr/learn/13-15/")
    entries = history_length(page)

    def tap(selector: str) -> None:
        with page.expect_navigation():
            page.locator(selector).first.tap()
        assert history_length(page) == entries, page.url

    tap(f'main a[href="/fr/learn/13-15/{MODULE}/"]')
    tap("[data-start-link]")
    tap('a[rel="next"]')
    tap(".lesson-parts li:nth-child(2) a")
    tap("a.choice")
    tap('a[rel="next"]')
    tap(".lesson-parts li:nth-child(3) a")
    page.locator('input[name="choice"]').first.tap()
    tap('button[type="submit"]')
    assert "/quiz/1/answer?choice=" in page.url
    page.locator(".pupil-bar .bar-link[href='#help']").tap()
    assert history_length(page) == entries and "#" not in page.url
    page.locator(".site-menu summary").tap()
    tap('.site-menu a[href="/en/learn/13-15/images/quiz/1/answer?choice=0"]')
    with page.expect_navigation(url=NEUTRAL):
        page.locator("[data-quick-exit]").tap()
    assert_no_declic_entry(page, live_server, entries)
    assert_nothing_kept(phone, live_server)
    assert network.blocked == []


def test_a_phone_vote_leaves_no_declic_entry_and_counts_once(
    browser, page, phone, live_server, network
):
    """The code form (GET) and the answers (POST) replace the entry; the answers count once.

    The follow-up code, as the class teacher gives it weeks later (all statements on one
    page); the live class's one-question-at-a-time vote is walked in test_class_vote.py."""
    answer = page.request.post(
        live_server + "/fr/facilitate/session/save",
        form={"lang": "fr", "tier": "13-15", "modules": "grooming", "periods": "1"},
    )
    measure = answer.url + "measure"
    page.goto(measure)
    follow = page.locator("form.open-vote")
    follow.locator("#follow-class_size").fill("30")
    follow.get_by_role("button", name="Créer le code de suivi").click()
    code = page.locator(".join-code").first.inner_text()

    pupil = phone.new_page()
    pupil.goto(BEFORE)
    pupil.goto(live_server + "/fr/vote")
    entries = history_length(pupil)
    pupil.get_by_label("Code").fill(code)
    with pupil.expect_navigation():
        pupil.get_by_role("button", name="Continuer").tap()
    assert "code=" in pupil.url and history_length(pupil) == entries
    for group in pupil.locator("fieldset").all():
        group.locator("input[value='false']").check()
    pupil.get_by_role("button", name="Envoyer mes réponses").tap()
    pupil.get_by_role("heading", name="Merci").wait_for()
    assert history_length(pupil) == entries
    with pupil.expect_navigation(url=NEUTRAL):
        pupil.locator("[data-quick-exit]").tap()
    assert_no_declic_entry(pupil, live_server, entries)
    page.goto(measure)
    assert "Réponses jusqu'ici : 1." in page.locator("main").inner_text()
    assert network.blocked == []


PUPIL_PAGES = [
    "/fr/learn/",
    "/fr/learn/13-15/",
    f"/fr/learn/13-15/{MODULE}/",
    f"/fr/learn/13-15/{MODULE}/step/1",
    f"/fr/learn/13-15/{MODULE}/step/3",
    f"/fr/learn/13-15/{MODULE}/quiz/1",
    f"/fr/learn/13-15/{MODULE}/end",
    "/en/learn/15-18/recruitment/end",
    "/fr/vote",
    f"/fr/learn/13-15/{MODULE}/quiz/2?answers=9",
    "/fr/hide-your-visit",
]


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("path", PUPIL_PAGES)
def test_on_a_phone_the_content_starts_in_the_first_screen(phone, live_server, path):
    page = phone.new_page()
    page.goto(live_server + path)
    header = box(page, ".pupil-header")
    assert header["height"] <= 64, "a short bar, not the adults' menu"
    assert page.locator(".site-header").count() == 0
    assert not page.locator(".site-menu nav").is_visible(), "the adults' links are folded"
    heading = box(page, "main h1")
    assert heading["y"] + min(heading["height"], 40) <= PHONE["height"], "the title is in view"
    exit_box = box(page, "[data-quick-exit]")
    assert exit_box["y"] >= header["y"] and exit_box["y"] + exit_box["height"] <= (
        header["y"] + header["height"]
    ), "the quick exit sits in the bar"


@pytest.mark.parametrize("path", PUPIL_PAGES[3:8])
def test_the_quick_exit_never_covers_the_content(phone, live_server, path):
    page = phone.new_page()
    page.goto(live_server + path)
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(100)
    header = box(page, ".pupil-header")
    assert header["y"] == 0, "the bar stays on screen"
    exit_box = box(page, "[data-quick-exit]")
    assert exit_box["y"] + exit_box["height"] <= header["height"]
    # Whatever is just below the bar is the content, visible, not the exit
    element = page.evaluate(
        f"document.elementFromPoint(180, {header['height'] + 4}).closest('main, aside, footer')"
        " !== null"
    )
    assert element
    # A link the keyboard reaches is scrolled clear of the bar
    tab_to(page, "a[rel='next'], main a.button, #help a.help-button")
    focused = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert focused >= header["height"]


@pytest.mark.parametrize("path", PUPIL_PAGES)
def test_every_tap_target_is_big_enough(phone, live_server, path):
    page = phone.new_page()
    page.goto(live_server + path)
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '.help-button, .quick-exit, .pupil-bar a, .site-menu summary'))
          .filter(e => e.offsetParent !== null)
          .map(e => [e.className || e.tagName, e.getBoundingClientRect().width,
                     e.getBoundingClientRect().height])"""
    )
    assert sizes
    small = [size for size in sizes if size[1] < 44 or size[2] < 44]
    assert small == [], small
    numbers = page.evaluate(
        """() => Array.from(document.querySelectorAll('main a.help-number'))
          .map(e => [e.textContent, e.getBoundingClientRect().width,
                     e.getBoundingClientRect().height])"""
    )
    assert [n for n in numbers if n[1] < 24 or n[2] < 24] == [], numbers
    buttons = page.locator("#help a.help-button")
    hrefs = [buttons.nth(i).get_attribute("href") for i in range(buttons.count())]
    for number in ("tel:3018", "tel:119", "tel:17", "tel:112"):
        assert number in hrefs, (path, number)
    assert any(href.startswith("sms:114?body=") for href in hrefs)


def test_the_menu_opens_folds_with_escape_and_holds_the_adults_links(phone, live_server):
    page = phone.new_page()
    page.goto(f"{live_server}/fr/learn/13-15/{MODULE}/step/1")
    menu = page.locator(".site-menu")
    menu.locator("summary").tap()
    for name in ("Modules", "Cacher ta visite", "English", "Intervenants", "Chefs d’établissement"):
        link = menu.get_by_role("link", name=name)
        assert link.is_visible(), name
        place = link.bounding_box()
        assert place["x"] >= 0 and place["x"] + place["width"] <= PHONE["width"], name
        assert place["height"] >= 44, name
    menu.get_by_role("link", name="Modules").focus()
    page.keyboard.press("Escape")
    assert not menu.locator("nav").is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


@pytest.mark.parametrize("path", PUPIL_PAGES[2:])
def test_pupil_phone_pages_have_no_axe_violations(phone, live_server, network, path):
    page = phone.new_page()
    page.goto(live_server + path)
    page.locator(".site-menu summary").tap()
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == [], path
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert network.blocked == []


def test_without_javascript_the_pages_say_the_history_keeps_them(browser, live_server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/fr/learn/13-15/{MODULE}/step/1")
    note = page.locator(".no-script-note")
    assert note.is_visible()
    assert "même après la sortie rapide" in note.inner_text()
    page.goto(f"{live_server}/fr/learn/13-15/{MODULE}/")
    assert not page.locator("[data-no-trail-note]").is_visible()
    assert "favoris" not in page.content()
    context.close()


def test_hide_your_visit_says_where_each_browser_keeps_history(page, live_server):
    page.goto(f"{live_server}/fr/hide-your-visit")
    text = page.locator("main").inner_text()
    for browser_name in ("Chrome", "Safari", "Samsung Internet", "Firefox", "Edge"):
        assert browser_name in text
    assert "historique général" in text and "Ctrl + Maj + Suppr" in text
    assert "favoris" not in text.lower()
