"""Cards counted in a saved session's presenter view, in a real browser: the presenter and
the projected window in step, counts typed on the starter slides at the start and at the
end (typing moves no slide, saving reloads nothing), nothing to type on the projection
(the screen link, no private token in it), then the head's report in a fresh browser shows
what was typed; no axe violation."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe

from .test_accessibility import AXE_OPTIONS
from .test_measure import IDS, SESSION, save
from .test_slides import presenter_shows, shows

ARIA_LABELS = "els => els.map(e => e.getAttribute('aria-label'))"
SAVED = "Enregistré : {} « vrai », {} « faux », {} « je ne sais pas »"


def starter_slides(page, phase: str) -> list[int]:
    """The numbers of the presenter's slides with counters for a phase, in order."""
    return page.eval_on_selector_all(
        f"[data-slide]:has(input[id^='{phase}-'])",
        "els => els.map(e => parseInt(e.dataset.slide, 10))",
    )


def go_to(page, number: int) -> None:
    """Move the presenter view to a slide with the keyboard, focus out of any field."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    now = int(page.locator("[data-slide]:not([hidden])").get_attribute("data-slide"))
    for _ in range(abs(number - now)):
        page.keyboard.press("ArrowRight" if number > now else "ArrowLeft")
    presenter_shows(page, number)


def type_counts(page, slide: int, counts: tuple[int, int, int]) -> None:
    """Type the three counts of a slide, save with Enter, wait for the status line."""
    copy = page.locator(f"[data-slide='{slide}']")
    boxes = copy.locator(".count-field input")
    for index, n in enumerate(counts):
        boxes.nth(index).fill(str(n))
    boxes.nth(2).press("Enter")
    status = copy.locator("[data-cards-status]")
    status.filter(has_text=SAVED.format(*counts)).wait_for()


def percents(counts: tuple[int, int, int]) -> list[int]:
    total = sum(counts)
    return [round(100 * n / total) for n in counts]


def start_counts(index: int) -> tuple[int, int, int]:
    return (10 + index, 8, 4)


def end_counts(index: int) -> tuple[int, int, int]:
    return (2, 20 + index, 1)


def test_cards_counted_in_the_presenter_view_reach_the_head_s_report(
    browser, context, live_server, network
):
    presenter = context.new_page()
    saved_page = save(presenter, live_server)
    presenter.goto(saved_page)
    head_link = presenter.locator("#head-link").input_value()
    presenter.get_by_role("link", name="Présenter : la vue intervenant").click()
    presenter.wait_for_selector("[data-presenter]")
    with context.expect_page() as opened:
        presenter.get_by_role("button", name="Ouvrir les diapositives à projeter").click()
    projected = opened.value
    projected.wait_for_selector("[data-deck]")
    # What is projected is the screen link: the presenter's token and the head's are not in
    # its address, nor anywhere in the page (pupils can read the projector).
    private = (saved_page.rstrip("/").rsplit("/", 1)[1], head_link.rstrip("/").rsplit("/", 1)[1])
    assert "/fr/screen/" in projected.url
    for token in private:
        assert token not in projected.url and token not in projected.content()
    presenter.evaluate("window.notReloaded = true")

    starts, ends = starter_slides(presenter, "start"), starter_slides(presenter, "end")
    assert len(starts) == len(ends) == 5 and starts[-1] < ends[0]
    go_to(presenter, starts[0])
    shows(projected, starts[0])
    first = presenter.locator(f"[data-slide='{starts[0]}'] .count-field input").first
    first.fill("7")
    for key in ("ArrowRight", "ArrowLeft", "End", "b", "s", " "):
        first.press(key)  # typing in a counter moves nothing, here or on the projection
    presenter_shows(presenter, starts[0])
    assert presenter.locator("[data-protocol]").is_hidden()
    shows(projected, starts[0])
    for index, slide in enumerate(starts):
        go_to(presenter, slide)
        type_counts(presenter, slide, start_counts(index))

    go_to(presenter, ends[0])
    shows(projected, ends[0])
    assert projected.locator("input, button, form").count() == 0
    assert projected.locator(f"#slide-{ends[0]} .slide-statement").is_visible()
    wrong = presenter.locator(f"[data-slide='{ends[0]}'] .count-field input").nth(1)
    wrong.fill("²")
    wrong.press("Enter")
    error = presenter.locator(f"#end-{SESSION['modules']}-{IDS[0]}-false-error")
    error.wait_for()
    assert "Saisissez un nombre entier de 0 à 200" in error.inner_text()
    assert wrong.get_attribute("aria-invalid") == "true"
    for index, slide in enumerate(ends):
        go_to(presenter, slide)
        type_counts(presenter, slide, end_counts(index))
    assert presenter.locator(".field-error").count() == 0
    assert presenter.evaluate("window.notReloaded") is True
    assert (
        "Au début : 10 « vrai », 8 « faux », 4 « je ne sais pas »"
        in presenter.locator(f"[data-slide='{ends[0]}']").inner_text()
    )
    results = Axe().run(presenter, options=AXE_OPTIONS)
    assert [(v["id"], v["help"]) for v in results.response["violations"]] == []

    head = browser.new_context()
    network.watch(head)
    try:
        report = head.new_page()
        report.goto(head_link.rstrip("/") + "/measure/report")
        rows = report.locator("section.report-statement")
        assert rows.count() == 5
        for index in range(5):
            row = rows.nth(index)
            text = row.inner_text()
            for counts in (start_counts(index), end_counts(index)):
                assert f"{sum(counts)} réponses" in text
            labels = row.locator("svg.bars").evaluate_all(ARIA_LABELS)
            expected = [
                ", ".join(
                    f"{name} {n}\u202f%"
                    for name, n in zip(("Vrai", "Faux", "Je ne sais pas"), percents(c), strict=True)
                )
                for c in (start_counts(index), end_counts(index))
            ]
            assert labels == expected
    finally:
        head.close()
    assert network.blocked == []


def test_without_javascript_a_slide_s_counters_come_back_to_the_slide(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        saved_page = save(page, live_server)
        page.goto(saved_page + "presenter")
        assert page.locator("[data-slide]:not([hidden])").get_attribute("data-slide") == "1"
        slide = page.locator("[data-slide]:has(input[id^='end-'])").last
        number = slide.get_attribute("data-slide")
        page.goto(saved_page + f"presenter?slide={number}")
        form = page.locator(f"[data-slide='{number}'] form.cards-counts")  # not the phones''
        form.locator("input").nth(0).fill("12")  # 10 or more: counts below are never shown
        form.locator("button").click()
        assert re.search(rf"presenter\?slide={number}&saved={number}#slide-{number}$", page.url)
        shown = page.locator(f"[data-slide='{number}']")
        assert shown.is_visible()
        assert SAVED.format(12, 0, 0) in shown.inner_text()
    finally:
        context.close()
