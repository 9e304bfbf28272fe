"""A pupil on a phone (360 × 740): a quick exit that leaves nothing behind, help one tap away,
a quiz result that reads right, and nothing that needs JavaScript shown without it."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_accessibility import AXE_OPTIONS

PHONE = {"width": 360, "height": 740}
NEUTRAL = "https://www.meteofrance.com/"
MODULE, TIER = "grooming", "13-15"
DECLIC_KEYS = """() => [localStorage, sessionStorage].flatMap(store =>
    Object.keys(store).filter(key => key.startsWith('declic')))"""


@pytest.fixture
def phone(browser, network):
    """A fresh phone-sized context whose requests are logged, the neutral site stood in for."""
    context = browser.new_context(viewport=PHONE, has_touch=True)
    network.watch(context)
    network.stand_in(context, NEUTRAL, "Météo")
    yield context
    context.close()


def lesson_of(real_app, lang):
    return real_app.extensions["catalog"].lesson(MODULE, TIER, lang)


def pupil_pages(real_app, lang):
    """Every kind of page a pupil may reach, on the real grooming lesson."""
    lesson = lesson_of(real_app, lang)
    base = f"/{lang}/learn/{TIER}/{MODULE}"
    start = lesson.scenario.start
    zeros = ",".join("0" * len(lesson.quiz.items))
    return [
        f"/{lang}/",
        f"/{lang}/help",
        f"/{lang}/hide-your-visit",
        f"/{lang}/learn/",
        f"/{lang}/learn/{TIER}/",
        base + "/",
        base + "/step/1",
        f"{base}/scenario/{start}",
        f"{base}/scenario/{start}/0",
        f"{base}/scenario/{lesson.scenario.ends[0].id}",
        base + "/quiz/1",
        base + "/quiz/1/answer?choice=0",
        f"{base}/quiz/result?answers={zeros}",
        base + "/end",
        f"/{lang}/no-such-page",
    ]


def walk_to_an_answer(page, live_server, lang, keep=False):
    """Home, the modules, then inside the module by clicks up to a quiz answer."""
    page.goto(f"{live_server}/{lang}/")
    page.goto(f"{live_server}/{lang}/learn/{TIER}/")
    page.goto(f"{live_server}/{lang}/learn/{TIER}/{MODULE}/")
    if keep:
        page.locator("[data-keep]").check()
    with page.expect_navigation():
        page.locator("[data-start-link]").click()
    with page.expect_navigation():
        page.locator('a[rel="next"]').click()
    with page.expect_navigation():
        page.locator(".lesson-parts li:nth-child(2) a").click()
    with page.expect_navigation():
        page.locator("a.choice").first.click()
    with page.expect_navigation():
        page.locator(".lesson-parts li:nth-child(3) a").click()
    page.locator('input[name="choice"]').first.check()
    with page.expect_navigation():
        page.locator('button[type="submit"]').click()
    assert "/quiz/1/answer?choice=" in page.url
    assert page.evaluate(DECLIC_KEYS), "the walk kept the pupil's place"


def assert_nothing_left(page, live_server):
    """Back from the neutral site: no Déclic key, and no answer page anywhere in the history."""
    assert page.url == NEUTRAL
    seen = []
    for _ in range(10):
        page.go_back()
        if not page.url.startswith(live_server):
            break
        seen.append(page.url)
        assert page.evaluate(DECLIC_KEYS) == [], page.url
    assert seen, "Back leads to the pages before the module"
    for url in seen:
        assert "/quiz/" not in url and "/scenario/" not in url and "/step/" not in url, url


@pytest.mark.parametrize("keep", [False, True], ids=["session", "kept-on-device"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_quick_exit_by_click_leaves_nothing_behind(phone, live_server, network, lang, keep):
    page = phone.new_page()
    walk_to_an_answer(page, live_server, lang, keep=keep)
    if keep:
        assert page.evaluate("localStorage.getItem('declic-keep')") == "yes"
    with page.expect_navigation(url=NEUTRAL):
        page.locator("[data-quick-exit]").click()
    assert_nothing_left(page, live_server)
    assert network.blocked == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_quick_exit_by_shift_three_times_leaves_nothing_behind(phone, live_server, lang):
    page = phone.new_page()
    walk_to_an_answer(page, live_server, lang, keep=True)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    with page.expect_navigation(url=NEUTRAL):
        page.keyboard.press("Shift")
    assert_nothing_left(page, live_server)


def test_shift_presses_are_announced_and_typing_does_not_count(phone, live_server):
    page = phone.new_page()
    page.goto(f"{live_server}/en/learn/{TIER}/{MODULE}/step/1")
    status = page.locator("[data-quick-exit-status]")
    assert status.get_attribute("role") == "status"
    page.keyboard.press("Shift")
    assert "2 more times" in status.inner_text()
    page.keyboard.press("Shift+A")  # typing a capital letter starts the count again
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert "once more" in status.inner_text()
    assert page.url.endswith("/step/1")


def test_quick_exit_announces_and_blanks_the_page_before_leaving(phone, live_server):
    # A destination that answers 204 keeps the page on screen, to see what it did first.
    page = phone.new_page()
    phone.route("**/no-content", lambda route: route.fulfill(status=204))
    page.goto(f"{live_server}/fr/learn/{TIER}/{MODULE}/step/2")
    assert page.evaluate(DECLIC_KEYS) == ["declic-progress"]
    page.evaluate("document.querySelector('[data-quick-exit]').href = '/no-content'")
    page.locator("[data-quick-exit]").click()
    page.wait_for_timeout(200)
    assert page.locator("[data-quick-exit-status]").inner_text() == "Sortie de la page"
    assert page.locator("[data-exit-overlay]").is_visible()
    assert page.evaluate(DECLIC_KEYS) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_pupil_page_has_one_help_block_with_numbers_to_tap(
    phone, live_server, real_app, lang
):
    page = phone.new_page()
    for path in pupil_pages(real_app, lang):
        page.goto(live_server + path)
        assert page.locator(".help-panel").count() == 1, path
        assert page.locator("#help .help-list, #help > .wrap > .resource-list").count() == 1, path
        assert page.locator("main .help-list, main .resource-list").count() == 0, path
        for href in ("tel:3018", "tel:119", "sms:114?body="):
            link = page.locator(f'#help a[href^="{href}"]:visible')
            assert link.count() == 1, (path, href)
            assert href.split(":")[1].split("?")[0] in link.inner_text()
        emergency = '#help a[href="tel:17"]:visible, #help a[href="tel:112"]:visible'
        assert page.locator(emergency).count() >= 1, path
        visible = page.locator("#help").inner_text()
        assert "3018 3018" not in visible and "119 119" not in visible, path
        assert page.locator("[data-quick-exit]").is_visible(), path


def test_the_full_list_is_one_tap_away_with_named_web_links(phone, live_server):
    page = phone.new_page()
    page.goto(f"{live_server}/fr/learn/{TIER}/{MODULE}/step/1")
    pharos = page.locator("#help").get_by_role("link", name="PHAROS")
    assert not pharos.is_visible()
    page.locator("#help summary").click()
    assert pharos.is_visible()
    assert pharos.get_attribute("href") == "https://www.internet-signalement.gouv.fr/"
    assert "internet-signalement.gouv.fr" not in page.locator("#help").inner_text()
    assert "Quoi écrire" in page.locator("#help").inner_text()


def test_french_help_texts_keep_their_signs_on_the_line(phone, live_server):
    page = phone.new_page()
    page.goto(f"{live_server}/fr/help")
    text = page.locator("#help").inner_text()
    for sign in (":", ";", "?", "!", "»"):
        assert f" {sign}" not in text, sign
    assert "« " not in text


@pytest.mark.parametrize(
    "lang, right, expected",
    [
        ("fr", 0, "Tu as trouvé 0 bonne réponse sur {total}."),
        ("fr", 1, "Tu as trouvé 1 bonne réponse sur {total}."),
        ("fr", 3, "Tu as trouvé 3 bonnes réponses sur {total}."),
        ("en", 0, "You found 0 right answers out of {total}."),
        ("en", 1, "You found 1 right answer out of {total}."),
        ("en", 3, "You found 3 right answers out of {total}."),
    ],
)
def test_the_quiz_result_reads_right(phone, live_server, real_app, lang, right, expected):
    items = lesson_of(real_app, lang).quiz.items
    answers = []
    for index, item in enumerate(items):
        good = "".join(str(i) for i in sorted(item.right_answer))
        bad = next(str(i) for i in range(len(item.options)) if i not in item.right_answer)
        answers.append(good if index < right else bad)
    page = phone.new_page()
    page.goto(f"{live_server}/{lang}/learn/{TIER}/{MODULE}/quiz/result?answers={','.join(answers)}")
    assert page.locator(".score").inner_text() == expected.format(total=len(items))


def test_progress_is_kept_for_the_session_unless_chosen(phone, live_server):
    page = phone.new_page()
    base = f"{live_server}/fr/learn/{TIER}/{MODULE}"
    page.goto(base + "/quiz/1/answer?choice=0")
    stored = page.evaluate("sessionStorage.getItem('declic-progress')")
    assert stored == f'{{"fr/{TIER}/{MODULE}":"/fr/learn/{TIER}/{MODULE}/quiz/1"}}', (
        "an answer page keeps the quiz's start, never the answer"
    )
    assert page.evaluate("localStorage.length") == 0
    page.goto(base + "/")
    page.locator("[data-keep]").check()
    assert page.evaluate("localStorage.getItem('declic-progress')") == stored
    assert page.evaluate("sessionStorage.getItem('declic-progress')") is None
    page.locator("[data-keep]").uncheck()
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("sessionStorage.getItem('declic-progress')") == stored


@pytest.mark.parametrize(
    "path, selector",
    [
        (f"/fr/learn/{TIER}/{MODULE}/", "[data-progress-tools]"),
        (f"/fr/learn/{TIER}/{MODULE}/", "[data-resume-link]"),
        (f"/fr/learn/{TIER}/{MODULE}/end", "[data-print]"),
        (f"/fr/learn/{TIER}/{MODULE}/end", "[data-forget]"),
        ("/fr/hide-your-visit", "[data-forget-all]"),
        ("/fr/", "[data-quick-exit-hint]"),
    ],
)
def test_no_button_that_needs_javascript_is_shown_without_it(browser, live_server, path, selector):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + path)
    assert page.locator(selector).count() == 1
    assert not page.locator(selector).is_visible()
    assert page.locator("[data-quick-exit]").get_attribute("href") == NEUTRAL
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_phone_pages_have_no_axe_violations(phone, live_server, real_app, network, lang):
    axe = Axe()
    page = phone.new_page()
    for path in pupil_pages(real_app, lang)[:3] + pupil_pages(real_app, lang)[9:]:
        page.goto(live_server + path)
        if page.locator("#help summary").count():
            page.locator("#help summary").click()
        results = axe.run(page, options=AXE_OPTIONS)
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
        ]
        assert violations == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    assert network.blocked == []
