"""The live class as one flow, in a real browser (issue 26): the presenter view and its
projected window at 1280 × 720, and three phones, each a fresh browser context.

Cards for one statement and phones for another give exactly the numbers entered, never
more than the class; a phone that goes Back and sends again counts once; the code and then
the bars appear in the projected window, which fits 1280 × 720, and Escape goes back to the
slides; the phones are asked only the statement on the slide, of period 1; the offline kit
downloads from the saved session; 0 axe violations on the new pages.
Screenshots go to $DECLIC_SHOTS when it is set (looked at by hand).
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from ..sessions import four_e

# No date, presenter or contact: the class's vote needs none of them.
SESSION = four_e(
    class_size="27",
    date_1=None,
    date_2=None,
    presenter=None,
    role=None,
    safeguarding_contact=None,
)
PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 360, "height": 740}
SHOTS = os.environ.get("DECLIC_SHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def axe_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import AXE_OPTIONS

    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]


def fits(page) -> bool:
    """Nothing of the page beyond the 1280 × 720 window, and no scrolling."""
    return page.evaluate(
        "() => document.documentElement.scrollHeight <= innerHeight + 1"
        " && document.documentElement.scrollWidth <= innerWidth + 1"
    )


def test_a_class_answers_with_cards_and_phones_in_the_projected_window(
    browser, live_server, real_app, network, monkeypatch
):
    monkeypatch.setitem(real_app.config, "PREPARE_DOCUMENTS", True)  # as in production
    presenter_context = browser.new_context(viewport=PROJECTOR, accept_downloads=True)
    network.watch(presenter_context)
    phones = []
    try:
        page = presenter_context.new_page()
        page.set_default_timeout(15_000)
        form = [
            (name, value)
            for name, values in SESSION.items()
            for value in (values if isinstance(values, list) else [values])
        ]
        answer = page.request.post(
            live_server + "/fr/facilitate/session/save",
            multipart=None,
            data="&".join(f"{n}={v}" for n, v in form),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert answer.ok
        saved = answer.url
        assert saved.endswith("/")

        # The offline kit, from the saved session's page.
        page.goto(saved)
        kit_link = page.get_by_role("link", name=re.compile("Télécharger le kit hors ligne"))
        assert axe_violations(page) == []
        shot(page, "01-saved-session")
        state = page.locator("[data-state='kit']")
        if state.inner_text():
            assert state.inner_text() == "préparation du document…"
        with page.expect_download(timeout=180_000) as download:
            kit_link.click(timeout=180_000)
        expect(state).to_have_text("", timeout=180_000)  # the page says when it is ready
        kit = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
        names = kit.namelist()
        assert any(n.endswith("/slides.html") for n in names)
        assert any(n.endswith("/presenter.html") for n in names)

        # The presenter view: starter slides of period 1, and its projected window.
        page.goto(saved + "presenter")
        starters = page.locator("[data-slide]:has(.phones-vote)")
        first, second = starters.nth(0), starters.nth(1)
        assert first.get_attribute("data-period") == second.get_attribute("data-period") == "1"
        key_a = first.locator(".phones-vote").get_attribute("data-key")
        key_b = second.locator(".phones-vote").get_attribute("data-key")
        assert key_a.startswith("grooming") and key_b.startswith("grooming")
        number_a = int(first.get_attribute("data-slide"))
        number_b = int(second.get_attribute("data-slide"))
        page.goto(f"{saved}presenter?slide={number_a}#slide-{number_a}")
        with presenter_context.expect_page() as opened:
            page.get_by_role("button", name="Ouvrir les diapositives à projeter").click()
        projected = opened.value
        projected.set_viewport_size(PROJECTOR)
        projected.wait_for_load_state()
        assert "/screen/" in projected.url
        expect(projected.locator(f"#slide-{number_a}")).to_be_visible()
        assert projected.locator(".site-header, .deck-keys").count() == 0
        assert fits(projected)

        # Statement A with cards: 12, 10 and 5 for a class of 27.
        slide_a = page.locator(f"[data-slide='{number_a}']")
        for answer, n in zip(("true", "false", "unsure"), (12, 10, 5), strict=True):
            slide_a.locator(f"input[name$='-{answer}'][name^='start-']").fill(str(n))
        slide_a.get_by_role("button", name="Enregistrer les totaux").click()
        expect(slide_a.locator("[data-cards-status]")).to_contain_text("12")

        # Statement B on the phones: the projected window shows the code and its QR code.
        page.keyboard.press("ArrowRight")
        while (
            int(
                page.evaluate(
                    "document.querySelector('[data-slide]:not([hidden])').getAttribute('data-slide')"
                )
            )
            < number_b
        ):
            page.keyboard.press("ArrowRight")
        slide_b = page.locator(f"[data-slide='{number_b}']")
        expect(projected.locator(f"#slide-{number_b}")).to_be_visible()
        slide_b.get_by_role("button", name="Demander sur les téléphones").click()
        overlay = projected.locator("[data-vote-now]")
        expect(overlay.locator(".join-code-big")).to_be_visible()
        code = overlay.locator(".join-code-big").inner_text().strip()
        assert re.fullmatch(r"[A-Z0-9]{6}", code)
        assert overlay.locator("figure svg").count() == 1
        box = overlay.locator(".screen-vote").bounding_box()
        assert box["y"] + box["height"] <= 720 and box["x"] + box["width"] <= 1280
        assert axe_violations(projected) == []
        shot(projected, "02-projected-code")
        shot(page, "03-presenter-asking")

        # Three phones, each a fresh browser: one question, statement B only.
        text_b = None
        for index in range(3):
            context = browser.new_context(viewport=PHONE)
            network.watch(context)
            phones.append(context)
            phone = context.new_page()
            phone.set_default_timeout(15_000)
            phone.goto(live_server + "/fr/vote")
            phone.get_by_label("Code").fill(code.lower())
            phone.get_by_role("button", name="Continuer").click()
            # The question page follows the code's POST: wait for it (up to the timeout).
            phone.get_by_role("heading", name="Vrai ou faux ?").wait_for(state="visible")
            assert phone.locator("fieldset").count() == 1
            legend = phone.locator("fieldset legend").inner_text()
            text_b = text_b or legend
            assert legend == text_b
            if index == 0:
                assert axe_violations(phone) == []
                shot(phone, "04-phone-question")
            question_ballot = phone.locator("input[name='ballot']").input_value()
            question_field = phone.locator("fieldset input[type='radio']").first.get_attribute(
                "name"
            )
            phone.locator("input[value='true']" if index < 2 else "input[value='false']").check()
            phone.get_by_role("button", name="Envoyer mes réponses").click()
            phone.get_by_role("heading", name="Merci").wait_for()  # sent in the background
            assert context.cookies() == []
            if index == 0:
                assert axe_violations(phone) == []
                shot(phone, "05-phone-thanks")
                # Back, then send again: with JavaScript, Back leaves Déclic (no page of it
                # stays in the tab's history); without, the browser would post the same
                # page's form again, ballot included: counted once either way.
                phone.go_back()
                assert not phone.url.startswith(live_server)
                resent = phone.request.post(
                    live_server + "/fr/vote",
                    form={"code": code, "ballot": question_ballot, question_field: "true"},
                )
                assert resent.ok and "Merci" in resent.text()
        live = json.loads(page.request.get(saved + "measure/start/live.json").text())
        assert live["statement"] == key_b and live["answers"] == 3 and "counts" not in live
        expect(overlay.locator("[data-answers]")).to_have_text("3")

        # Nine more phones (over HTTP), then the bars on the projected window.
        for n in range(9):
            opened_page = page.request.get(f"{live_server}/fr/vote?code={code}")
            ballot = re.search(r'name="ballot" value="([^"]+)"', opened_page.text()).group(1)
            name = re.search(r'name="(s-[a-z0-9-]+)"', opened_page.text()).group(1)
            page.request.post(
                live_server + "/fr/vote",
                form={"code": code, "ballot": ballot, name: ("unsure" if n < 3 else "true")},
            )
        slide_b.get_by_role("button", name="Montrer les résultats").click()
        expect(overlay.locator("svg.bars-big")).to_be_visible()
        assert overlay.locator(".join-code-big").count() == 0
        box = overlay.locator(".screen-vote").bounding_box()
        assert box["y"] + box["height"] <= 720 and box["x"] + box["width"] <= 1280
        assert axe_violations(projected) == []
        shot(projected, "06-projected-results")
        live = json.loads(page.request.get(saved + "measure/start/live.json").text())
        assert live["counts"] == {"true": 8, "false": 1, "unsure": 3}  # exactly what was sent

        # Escape in the presenter view: the projected window is back on the slides.
        page.locator("h1, body").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Escape")
        expect(overlay).to_be_hidden()
        expect(projected.locator(f"#slide-{number_b}")).to_be_visible()
        shot(projected, "07-projected-back-to-slides")

        # The counts: the cards for A, the phones for B, never added, never above 27.
        report = page.request.get(saved + "measure/report").text()
        assert "27 réponses" in report and "12 réponses" in report
        assert "39 réponses" not in report and "30 réponses" not in report
        page.goto(saved + "measure/report")
        assert axe_violations(page) == []
        label = page.locator(".report-chart svg.bars text").first.bounding_box()
        assert label["height"] >= 12  # readable on screen
        shot(page, "08-report")
        assert network.blocked == []
    finally:
        for context in phones:
            context.close()
        presenter_context.close()
