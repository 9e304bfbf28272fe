"""The session form shows one date field per period chosen (period-dates.js); every field
stays in the page without JavaScript."""

from __future__ import annotations

import os

SHOTS = os.environ.get("DECLIC_SHOTS")


def test_the_date_fields_follow_the_periods_chosen(browser, live_server, network):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    network.watch(context)
    page = context.new_page()
    page.goto(live_server + "/fr/facilitate/session")
    visible = lambda: [page.locator(f"#date_{n}").is_visible() for n in (1, 2, 3)]  # noqa: E731
    assert visible() == [True, False, False]
    page.get_by_label("3 séances de 55 minutes").check()  # keyboard-checkable radio
    assert visible() == [True, True, True]
    page.locator("#periods-2").focus()
    page.keyboard.press("Space")
    assert visible() == [True, True, False]
    page.locator("#date_2").scroll_into_view_if_needed()
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "form-dates-360.png"))
    context.close()
    without_js = browser.new_context(java_script_enabled=False)
    network.watch(without_js)
    page = without_js.new_page()
    page.goto(live_server + "/fr/facilitate/session")
    assert all(page.locator(f"#date_{n}").is_visible() for n in (1, 2, 3))
    without_js.close()
