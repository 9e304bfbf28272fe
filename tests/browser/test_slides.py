"""Slides: a whole session by keyboard; the presenter view follows and leads, for lesson
decks and session decks; every slide fits the screen; the safe screen; no axe violation."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_accessibility import AXE_OPTIONS

DECK = "/{lang}/facilitate/slides/13-15/grooming/"
SESSION = (
    "/{lang}/facilitate/slides/session?lang={lang}&tier=13-15&modules=grooming"
    "&modules=images&modules=recruitment&periods=3"
)
SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
# The longest safeguarding contact the session form takes (200 characters), on the help
# slides of a saved session's projected deck (the screen link).
LONG_CONTACT = (
    "Mme Anne-Sophie Martin-Delacroix, conseillère principale d'éducation, bureau 112 du "
    "bâtiment B, au fond de la cour ; tél. 01 23 45 67 89, poste 12345, le lundi, le mardi "
    "et le jeudi, de 8 h à 17 h 30."
)
assert len(LONG_CONTACT) == 200


def saved_screen_deck(page, live_server, lang: str) -> str:
    """A saved 3-module, 3-period session with the longest contact: its projected deck's
    path, under the screen link."""
    form = urlencode(
        [
            ("lang", lang),
            ("tier", "13-15"),
            *(("modules", m) for m in ("grooming", "images", "recruitment")),
            ("periods", "3"),
            ("safeguarding_contact", LONG_CONTACT),
        ]
    )
    answer = page.request.post(
        live_server + f"/{lang}/facilitate/session/save",
        data=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.ok and "/facilitate/sessions/" in answer.url
    return re.search(r'href="(/[a-z]{2}/screen/[A-Za-z0-9_-]{43}/slides)"', answer.text()).group(1)


# Every text box of the visible slide, measured: anything outside the window, or under the
# bar at the bottom, is reported with the slide number and the start of its text.
# Every slide of the open deck measured in one pass inside the page (one evaluate per deck,
# not a key press and an evaluate per slide): each slide is shown alone in turn, then its
# text is measured against the window and the bar. Returns the slides seen, in order, and
# the text found off screen.
OFF_SCREEN = """() => {
  const bar = () => document.querySelector('.deck-bar').getBoundingClientRect();
  const shown = () => [...document.querySelectorAll('.slide')].find(s => !s.hidden);
  const offScreen = (slide) => {
    const bottom = bar().top, problems = [];
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width === 0 && r.height === 0) continue;
        const out = r.top < 0 || r.left < 0 || r.right > window.innerWidth + 0.5;
        if (out || r.bottom > bottom + 0.5) {
          problems.push(slide.id + ': ' + node.textContent.trim().slice(0, 40));
          break;
        }
      }
    }
    return problems;
  };
  const slides = [...document.querySelectorAll('.slide')], seen = [], problems = [];
  for (let number = 1; number <= slides.length; number++) {
    // Each slide shown alone as the deck shows it: the arrows walk the main line only, and a
    // scenario's other branches (after each closing slide) are measured too.
    slides.forEach((s, index) => { s.hidden = index + 1 !== number; });
    const slide = shown();
    seen.push(slide ? slide.id : null);
    if (slide) problems.push(...offScreen(slide));
  }
  return {seen, problems};
}"""


def main_line(page) -> list[int]:
    """The numbers of the slides off no branch, in deck order."""
    return page.eval_on_selector_all(
        ".slide:not([data-branch])", "els => els.map(e => +e.id.replace('slide-', ''))"
    )


def classes(page, number: int) -> str:
    return page.locator(f"#slide-{number}").get_attribute("class")


def counter(page) -> str:
    return page.locator(".deck-bar [data-counter]").inner_text()


def visible_slides(page) -> list[str]:
    return page.eval_on_selector_all(".slide", "els => els.filter(e => !e.hidden).map(e => e.id)")


def presenter_now(page) -> str:
    return page.eval_on_selector_all(
        "[data-slide]", "els => els.filter(e => !e.hidden).map(e => e.dataset.slide).join()"
    )


# Waits by selector, not wait_for_function: the pages' CSP has no 'unsafe-eval', and a
# string predicate polled in the page can be refused by it (seen once as a flaky failure).
def shows(page, number: int) -> None:
    page.wait_for_selector(f"#slide-{number}", state="visible")


def presenter_shows(page, number: int) -> None:
    page.wait_for_selector(f'[data-slide="{number}"]', state="visible")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_whole_deck_by_keyboard_with_the_presenter_following(context, live_server, network, lang):
    projected = context.new_page()
    projected.goto(live_server + DECK.format(lang=lang))
    total = int(projected.locator("[data-deck]").get_attribute("data-total"))
    main = main_line(projected)
    assert counter(projected) == f"1 / {len(main)}"  # the class sees the main line counted
    presenter = context.new_page()
    presenter.goto(live_server + DECK.format(lang=lang) + "presenter")
    assert presenter_now(presenter) == "1"

    # The keys walk the main line: the scenario along one path, to the closing slide; the
    # other branches, after it, are never walked into.
    end = int(projected.locator("[data-deck]").get_attribute("data-end"))
    assert main[-1] == end < total and "slide-closing" in classes(projected, end)
    keys = ["ArrowRight", "Space", "PageDown", "ArrowDown"]
    for number in main[1:]:
        projected.keyboard.press(keys[number % len(keys)])
        assert counter(projected) == f"{main.index(number) + 1} / {len(main)}"
        assert visible_slides(projected) == [f"slide-{number}"]
    projected.keyboard.press("ArrowRight")
    assert visible_slides(projected) == [f"slide-{end}"]
    presenter_shows(presenter, end)
    assert projected.locator(f"#slide-{end} .slide-help li").count() >= 5

    projected.keyboard.press("Home")
    assert counter(projected) == f"1 / {len(main)}"
    projected.keyboard.press("End")
    assert counter(projected) == f"{len(main)} / {len(main)}"
    projected.keyboard.press("PageUp")
    assert counter(projected) == f"{len(main) - 1} / {len(main)}"

    presenter.bring_to_front()
    presenter.keyboard.press("Home")
    shows(projected, 1)
    presenter.keyboard.press("ArrowRight")
    shows(projected, 2)
    assert presenter.locator("[data-next='3']").is_visible()

    projected.bring_to_front()
    projected.keyboard.press("b")
    assert projected.locator("[data-blackout]").is_visible()
    projected.keyboard.press("b")
    assert not projected.locator("[data-blackout]").is_visible()
    assert network.blocked == []


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("deck", [DECK, SESSION])
def test_in_step_both_ways_for_every_kind_of_deck(context, live_server, lang, deck):
    url = live_server + deck.format(lang=lang)
    presenter_url = url.replace("/grooming/", "/grooming/presenter").replace(
        "/session?", "/session/presenter?"
    )
    projected, presenter = context.new_page(), context.new_page()
    projected.goto(url)
    presenter.goto(presenter_url)
    assert projected.locator("[data-deck]").get_attribute("data-channel") == presenter.locator(
        "[data-presenter]"
    ).get_attribute("data-channel")
    projected.keyboard.press("ArrowRight")
    projected.keyboard.press("ArrowRight")
    presenter_shows(presenter, 3)
    presenter.keyboard.press("ArrowRight")
    shows(projected, 4)
    presenter.keyboard.press("End")
    shows(projected, int(projected.locator("[data-deck]").get_attribute("data-end")))
    presenter.keyboard.press("b")
    projected.wait_for_selector("[data-blackout]", state="visible")
    projected.keyboard.press("b")
    projected.wait_for_selector("[data-blackout]", state="hidden")


def test_the_deck_follows_the_plan_and_each_period_ends_on_help(page, live_server):
    page.goto(live_server + SESSION.format(lang="en"))
    kinds = page.eval_on_selector_all(
        ".slide:not([data-branch])", "els => els.map(e => [e.className, e.dataset.period])"
    )
    periods = [p for _, p in kinds]
    assert periods == sorted(periods) and set(periods) == {"1", "2", "3"}
    for period in "123":
        last = [k for k, p in kinds if p == period][-1]
        assert "slide-closing" in last
    assert "slide-title" in kinds[0][0]


@pytest.mark.parametrize("width, height", SIZES)
def test_no_text_off_screen_on_any_slide(browser, live_server, real_app, width, height):
    """Every slide of every lesson deck (both languages), of a 3-module, 3-period session
    deck and of the same saved with the longest safeguarding contact (its projected deck,
    under the screen link), at the three sizes: no text outside the window or under the bar."""
    catalog = real_app.extensions["catalog"]
    decks = [
        DECK.replace("13-15/grooming", f"{tier}/{module}").format(lang=lang)
        for lang in catalog.languages
        for tier in catalog.tiers
        for module in catalog.modules
    ]
    decks += [SESSION.format(lang=lang) for lang in catalog.languages]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    decks += [saved_screen_deck(page, live_server, lang) for lang in catalog.languages]
    problems = []
    for deck in decks:
        page.goto(live_server + deck)
        page.evaluate("document.fonts.ready")
        total = int(page.locator("[data-deck]").get_attribute("data-total"))
        found = page.evaluate(OFF_SCREEN)
        # Every slide was shown in turn, so every slide was measured.
        assert found["seen"] == [f"slide-{n}" for n in range(1, total + 1)], deck
        problems += [f"{deck} {p}" for p in found["problems"]]
    context.close()
    assert len(decks) > 20 and problems == []


def test_safe_screen_shows_only_help_and_the_presenter_the_protocol(context, live_server):
    projected, presenter = context.new_page(), context.new_page()
    projected.goto(live_server + DECK.format(lang="en"))
    presenter.goto(live_server + DECK.format(lang="en") + "presenter")
    projected.keyboard.press("ArrowRight")
    presenter_shows(presenter, 2)
    assert "S safe screen" in presenter.locator(".deck-keys").inner_text()
    assert projected.locator(".deck-keys").count() == 0  # operator text never projected
    presenter.keyboard.press("s")
    projected.wait_for_selector("[data-safe]", state="visible")
    assert projected.locator("[data-safe] .slide-help li").count() >= 5
    assert "119" in projected.locator("[data-safe]").inner_text()
    presenter.wait_for_selector("[data-protocol]", state="visible")
    assert not presenter.locator("[data-slide='2']").is_visible()
    presenter.keyboard.press("s")
    projected.wait_for_selector("[data-safe]", state="hidden")
    presenter.wait_for_selector("[data-protocol]", state="hidden")
    assert visible_slides(projected) == ["slide-2"]
    projected.keyboard.press("s")
    presenter.wait_for_selector("[data-protocol]", state="visible")


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


def test_presenter_timer_restarts_at_each_period(page, live_server):
    page.clock.install()
    page.goto(live_server + SESSION.format(lang="en").replace("/session?", "/session/presenter?"))
    page.get_by_role("button", name="Start the timer").click()
    page.clock.run_for(20 * 60 * 1000)
    assert page.locator("[data-elapsed]").inner_text() == "20:00"
    first_of_two = page.eval_on_selector("[data-slide][data-period='2']", "e => e.dataset.slide")
    for _ in range(int(first_of_two) - 1):
        page.keyboard.press("ArrowRight")
    assert page.locator("[data-elapsed]").inner_text() == "0:00"
    assert page.locator("[data-period-plan='2']").is_visible()
    assert not page.locator("[data-period-plan='1']").is_visible()
    assert page.locator("[data-period-plan='2'] li").first.get_attribute("data-start") == "0"
    assert (
        page.locator(".now [data-slide]:not([hidden]) .activity-now")
        .inner_text()
        .startswith("Period 2")
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("view", ["", "presenter"])
@pytest.mark.parametrize("deck", [DECK, SESSION])
def test_slides_and_presenter_have_no_axe_violations(page, live_server, lang, view, deck):
    url = deck.format(lang=lang)
    if view:
        url = url.replace("/grooming/", "/grooming/presenter").replace(
            "/session?", "/session/presenter?"
        )
    page.goto(live_server + url)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert [(v["id"], v["help"]) for v in results.response["violations"]] == []


@pytest.mark.parametrize("view", ["", "presenter"])
def test_safe_screen_and_protocol_have_no_axe_violations(page, live_server, view):
    page.goto(live_server + DECK.format(lang="fr") + view)
    page.keyboard.press("s")
    page.wait_for_selector("[data-safe], [data-protocol]", state="visible")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert [(v["id"], v["help"]) for v in results.response["violations"]] == []


def test_the_presenter_follows_the_class_choice_through_the_scenario(context, live_server):
    """On a scenario card, "La classe a choisi : B" takes both windows to what B leads to
    (that choice alone, padded like every slide), and "Suite : carte N" on to that card."""
    projected, presenter = context.new_page(), context.new_page()
    projected.set_viewport_size({"width": 1280, "height": 720})
    projected.goto(live_server + DECK.format(lang="fr"))
    presenter.goto(live_server + DECK.format(lang="fr") + "presenter")
    card = presenter.locator("[data-slide]:has(.follow-vote ul)").first
    number = int(card.get_attribute("data-slide"))
    presenter.evaluate(f"location.hash = '#slide-{number}'")
    presenter_shows(presenter, number)
    shows(projected, number)
    assert projected.locator(f"#slide-{number} .slide-choices li").count() >= 2
    card.locator(".follow-vote a").nth(1).click()
    chosen = int(re.search(r"(\d+)$", presenter.evaluate("location.hash")).group(1))
    assert chosen > number
    shows(projected, chosen)
    slide = projected.locator(f"#slide-{chosen}")
    assert slide.locator("h2").inner_text() == "Si la classe choisit B"
    assert slide.locator(".slide-consequences li").count() == 1
    box = slide.locator("h2").bounding_box()
    assert box["x"] >= 0.05 * 1280  # the side padding of every slide
    onward = presenter.locator(f'[data-slide="{chosen}"] .follow-vote a')
    assert onward.inner_text().startswith("Suite : carte")
    onward.click()
    after = int(re.search(r"(\d+)$", presenter.evaluate("location.hash")).group(1))
    shows(projected, after)
    assert projected.locator(f"#slide-{after}").get_attribute("class") == "slide slide-situation"


def focus_by_tab(page, locator, most: int = 80) -> None:
    """Tab until `locator` has the keyboard focus, as a presenter without a mouse would."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if locator.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError("never reached by Tab")


def hash_number(page) -> int:
    return int(re.search(r"(\d+)$", page.evaluate("location.hash")).group(1))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_branch_the_class_chose_is_projected_then_back_to_the_main_line(
    context, live_server, lang
):
    """Keyboard only, two windows: the presenter walks to the scenario's first card, chooses
    (Tab, Enter) the choice the arrows do not follow; the projected window shows that choice's
    slide, which sits after the period's closing slide; the arrows follow that branch to its
    ending, whose "back to the plan" returns both windows to the main line after the
    scenario; back from there retraces the branch. No axe violation on the way."""
    back_label = "Retour au plan" if lang == "fr" else "Back to the plan"
    projected, presenter = context.new_page(), context.new_page()
    projected.set_viewport_size({"width": 1280, "height": 720})
    presenter.set_viewport_size({"width": 1280, "height": 720})
    projected.goto(live_server + DECK.format(lang=lang))
    presenter.goto(live_server + DECK.format(lang=lang) + "presenter")
    closing = int(presenter.locator("[data-presenter]").get_attribute("data-end"))
    card = presenter.locator("[data-slide]:has(.follow-vote ul)").first
    number = int(card.get_attribute("data-slide"))
    for _ in range(number - 1):  # the arrows walk the main line to the first card
        presenter.keyboard.press("ArrowRight")
    presenter_shows(presenter, number)
    shows(projected, number)
    at_card = counter(projected)

    links = card.locator(".follow-vote a")
    targets = [int(links.nth(i).get_attribute("href")[7:]) for i in range(links.count())]
    off_line = next(i for i, t in enumerate(targets) if t > closing)
    focus_by_tab(presenter, links.nth(off_line))
    presenter.keyboard.press("Enter")
    chosen = targets[off_line]
    shows(projected, chosen)
    assert visible_slides(projected) == [f"slide-{chosen}"]
    assert projected.locator(f"#slide-{chosen}").get_attribute("data-branch") is not None
    assert projected.locator(f"#slide-{chosen} .slide-consequences li").count() == 1
    assert counter(projected) == at_card  # the class's count never jumps to the branches
    for page in (presenter, projected):
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert [(v["id"], v["help"]) for v in violations] == []

    walked = [chosen]
    ending = presenter.locator(f'[data-slide]:not([hidden]) a:has-text("{back_label}")')
    for _ in range(20):  # the arrows follow the branch to its ending
        if ending.count():
            break
        presenter.keyboard.press("ArrowRight")
        walked.append(hash_number(presenter))
        shows(projected, walked[-1])
    assert ending.count() == 1 and len(walked) > 1
    back = int(ending.get_attribute("href")[7:])
    assert number < back < closing  # the main line's slide after the scenario
    focus_by_tab(presenter, ending)
    presenter.keyboard.press("Enter")
    shows(projected, back)
    presenter_shows(presenter, back)
    assert projected.locator(f"#slide-{back}").get_attribute("data-branch") is None
    presenter.keyboard.press("ArrowLeft")  # back the way the class went
    shows(projected, walked[-1])
