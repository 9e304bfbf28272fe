"""What the class learned, in a real browser: a session counted with cards (start and end),
then the report; the phones' flow is in test_class_vote.py."""

from __future__ import annotations

import re

import pytest

# The starter statements of grooming 13-15, by their stable ids, in the lesson's order.
IDS = ("faux-profil", "cadeau-sans-dette", "garcons-victimes", "pas-sa-faute", "adulte-aide")
SESSION = {
    "lang": "fr",
    "tier": "13-15",
    "modules": "grooming",
    "periods": "1",
    "school": "Collège Jean Moulin",
    "class_name": "4e B",
}
PHONE = {"width": 390, "height": 844}


def save(page, live_server) -> str:
    """A saved session (grooming, 13-15: five starter statements); its presenter URL."""
    answer = page.request.post(live_server + "/fr/facilitate/session/save", form=SESSION)
    assert answer.ok
    return answer.url


def test_a_session_counted_with_cards_at_start_and_end(page, live_server, network):
    presenter = save(page, live_server)
    page.goto(presenter)
    page.get_by_role("link", name=re.compile("Ce que la classe a retenu : compter")).click()
    start = page.locator("section", has=page.locator("#phase-start"))
    for number in range(1, 6):
        for answer, n in zip(("true", "false", "unsure"), (14, 10, 4), strict=True):
            start.locator(f"#start-grooming-{IDS[number - 1]}-{answer}").fill(str(n))
    start.get_by_role("button", name="Enregistrer les totaux").click()
    assert page.url.endswith("#phase-start")
    end = page.locator("section", has=page.locator("#phase-end"))
    end.locator("#end-grooming-faux-profil-false").fill("٣")  # not ASCII digits
    end.get_by_role("button", name="Enregistrer les totaux").click()
    assert page.locator("#end-grooming-faux-profil-false-error").is_visible()
    assert page.locator("#end-grooming-faux-profil-false").get_attribute("aria-invalid") == "true"
    end = page.locator("section", has=page.locator("#phase-end"))
    for number in range(1, 6):
        for answer, n in zip(("true", "false", "unsure"), (3, 24, 1), strict=True):
            end.locator(f"#end-grooming-{IDS[number - 1]}-{answer}").fill(str(n))
    end.locator("#end-grooming-adulte-aide-unsure").fill("0")
    end.locator("#end-grooming-adulte-aide-false").fill("8")  # 11 answers: shown
    end.locator("#end-grooming-pas-sa-faute-false").fill("5")  # 9 answers: not shown
    end.get_by_role("button", name="Enregistrer les totaux").click()
    page.get_by_role("link", name="Voir le bilan").click()
    assert page.get_by_role("heading", name="Ce que la classe a retenu").is_visible()
    cells = page.locator(".report-statement")
    assert cells.count() == 5
    assert "Trop peu de réponses pour les montrer (9)." in cells.nth(3).inner_text()
    assert "11 réponses" in cells.nth(4).inner_text()
    assert "Pas encore de suivi." in cells.nth(0).inner_text()
    assert page.locator(".report-statement svg.bars").count() == 5 + 4
    assert "pas appariées élève par élève" in page.inner_text("main")
    assert network.blocked == []


def head_of(page, presenter: str) -> str:
    """The head's token, as the presenter's page shows it (the page is left where it was)."""
    answer = page.request.get(presenter).text()
    return re.search(r'id="head-link"[^>]*value="[^"]+/([A-Za-z0-9_-]{43})/"', answer).group(1)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_measure_pages_have_no_axe_violations(browser, page, live_server, network, lang):
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import AXE_OPTIONS

    axe = Axe()
    presenter = save(page, live_server).replace("/fr/", f"/{lang}/", 1)
    page.request.post(
        presenter + "measure/start/cards", form={"start-grooming-faux-profil-true": "12"}
    )
    page.request.post(
        presenter + "measure/start/ask/grooming/cadeau-sans-dette", form={"class_size": "30"}
    )
    page.request.post(presenter + "measure/follow/open", form={"class_size": "30"})
    page.goto(presenter + "measure")
    code = page.locator("#phase-start ~ p .join-code").first.inner_text()
    screen = re.search(
        r'href="(/[a-z]{2}/screen/[^/"]+/)slides"', page.request.get(presenter).text()
    ).group(1)
    paths = [
        presenter + "measure",
        live_server + screen + "vote/start",
        live_server + screen + "vote/end",  # not open yet
        live_server + screen + "slides",
        presenter + "measure/report",
        f"{live_server}/{lang}/vote",
        f"{live_server}/{lang}/vote?code={code}",
        f"{live_server}/{lang}/vote?code=AAAAAA",
    ]
    for path in paths:
        page.goto(path)
        results = axe.run(page, options=AXE_OPTIONS)
        violations = [
            (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
        ]
        assert violations == [], path
    page.goto(presenter + "measure")
    page.locator("#end-grooming-faux-profil-true").fill("-1")
    page.locator("section", has=page.locator("#phase-end")).get_by_role(
        "button", name=re.compile("Enregistrer les totaux|Save the counts")
    ).click()
    results = axe.run(page, options=AXE_OPTIONS)
    assert [v["id"] for v in results.response["violations"]] == []
    assert network.blocked == []
