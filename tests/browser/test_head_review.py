"""The school head's decision, in a fresh browser (issue 25): what is decided on and the
two choices within the first screen at 1280 x 800, the confirmation in view after saving,
the folded detail opened from the contents, each period's slides, the parent letter; a
cover edit keeps the approval, a module change withdraws it, and the page says which."""

from __future__ import annotations

import os
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from ..pdfs import reader
from ..sessions import four_e, head_path, save
from .test_accessibility import AXE_OPTIONS

SESSION_4E = four_e()
SHOTS = os.environ.get("DECLIC_SHOTS")  # a folder to keep the screenshots in, to look at


def in_view(page, locator) -> bool:
    """Whether the element is wholly inside the viewport, as it is scrolled now."""
    box = locator.bounding_box()  # relative to the viewport
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def no_violations(page) -> list:
    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found]


def shot(page, name: str, full: bool = False) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=full)


def test_the_head_decides_on_one_screen(browser, live_server, real_app, network):
    client = real_app.test_client()
    presenter = save(client, **SESSION_4E)
    head = head_path(client.get(presenter).get_data(as_text=True))

    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    network.watch(context)
    page = context.new_page()
    page.goto(live_server + head)
    approve = page.get_by_label("J'approuve cette séance telle qu'elle est")
    changes = page.get_by_label("Je demande des modifications (précisez lesquelles ci-dessous)")
    record = page.get_by_role("button", name="Enregistrer ma décision")
    shot(page, "head-1280-first-screen")
    for control in (approve, changes, record):
        assert in_view(page, control)  # the decision, within the first screen
    summary = page.locator(".decide-summary").inner_text()
    for fact in ("Collège Jean Moulin", "4e B", "4e–3e", "Mme Durand"):
        assert fact in summary
    # Each period's date, on the first screen.
    periods = page.locator(".decide-summary .period-dates li")
    assert periods.all_inner_texts() == [
        "Séance 1 : dimanche 14 mars 2027",
        "Séance 2 : dimanche 21 mars 2027",
    ]
    assert in_view(page, periods.last)
    assert "Points sensibles" in summary and "M. Petit, CPE" in summary
    assert no_violations(page) == []
    shot(page, "head-1280-first-screen")

    approve.check()
    page.locator("#name").fill("Mme Martin")
    page.locator("#role").fill("Principale")
    record.click()
    page.wait_for_url("**#status")
    status = page.locator("#status .approval")
    assert "Approuvée par Mme Martin (Principale)" in status.inner_text()
    assert in_view(page, status)  # the confirmation, where the head is looking
    assert no_violations(page) == []
    shot(page, "head-1280-after-approve")

    page.get_by_role("link", name="Les diapositives, telles que projetées").click()
    period_2 = page.get_by_role("link", name="Séance 2 : diapositives")
    assert period_2.is_visible()  # the folded part opened from the contents
    page.get_by_role("link", name="Le déroulé, minute par minute").click()
    assert page.locator("#plan table.plan").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Lettre aux parents (PDF)").click()
    letter = reader(Path(download.value.path()).read_bytes())
    assert len(letter.pages) == 1
    text = " ".join(letter.pages[0].extract_text().split())
    assert "Mme Martin, Principale" in text and "recrutement" not in text
    href = period_2.get_attribute("href")
    page.goto(live_server + href)  # the class's deck, at the first slide of period 2
    first = int(href.rsplit("-", 1)[1])
    assert page.locator(f"#slide-{first}").is_visible()
    shot(page, "head-1280-slides-period-2")

    # The presenter fixes a typo in the role: the approval stands, the change is shown.
    client.post(presenter + "edit", data={**SESSION_4E, "role": "Substitut"})
    page.goto(live_server + head)
    status = page.locator("#status").inner_text()
    assert "Approuvée par Mme Martin" in status and "Substitute → Substitut" in status
    shot(page, "head-1280-cover-edit")
    # Then drops a module: the approval is withdrawn, and the page says what changed.
    # (one module fills one period: the length goes down with it)
    dropped = {**SESSION_4E, "role": "Substitut", "modules": "images", "periods": "1"}
    assert client.post(presenter + "edit", data=dropped).status_code == 303
    page.reload()
    status = page.locator("#status").inner_text()
    assert "Approbation retirée" in status
    assert "Modules : La manipulation en ligne, Les images intimes → Les images intimes" in status
    assert no_violations(page) == []
    shot(page, "head-1280-withdrawn")
    context.close()

    phone = browser.new_context(viewport={"width": 360, "height": 740})
    network.watch(phone)
    small = phone.new_page()
    small.goto(live_server + head)
    assert small.evaluate("document.documentElement.scrollWidth") <= 360
    assert no_violations(small) == []
    shot(small, "head-360-first-screen")
    shot(small, "head-360-full", full=True)
    small.goto(live_server + "/fr/review/sessions/" + "x" * 43 + "/")
    assert "Ce lien de séance n'ouvre rien" in small.content().replace("&#39;", "'")
    shot(small, "head-360-unknown-link")
    phone.close()
    assert network.blocked == []
