"""The offline kit: unzipped on a USB key, opened from file:// with the network off, the
deck and the presenter view run by keyboard and stay in step; the documents are there."""

from __future__ import annotations

import io
import zipfile

import pytest

KIT = {
    "lang": "fr",
    "tier": "13-15",
    "modules": ["grooming", "images"],
    "periods": "2",
    "safeguarding_contact": "Mme Dupont, CPE (bureau 12)",
    "document": "kit",
}


@pytest.fixture(scope="module")
def kit_folder(real_app, tmp_path_factory):
    response = real_app.test_client().post("/fr/facilitate/session", data=KIT)
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    folder = tmp_path_factory.mktemp("usb-key")
    with zipfile.ZipFile(io.BytesIO(response.data)) as kit:
        kit.extractall(folder)
    (root,) = [path for path in folder.iterdir() if path.is_dir()]
    return root


@pytest.fixture
def offline(browser):
    """A context with no network at all: only file:// is answered."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    refused = []

    def route(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    context.set_offline(True)
    yield context, refused
    context.close()


def test_the_kit_holds_the_deck_the_presenter_view_and_the_documents(kit_folder):
    for name in (
        "slides.html",
        "presenter.html",
        "pack.pdf",
        "handouts.pdf",
        "briefing.pdf",
        "static/css/slides.css",
        "static/js/slides.js",
    ):
        assert (kit_folder / name).is_file(), name
    for name in ("pack.pdf", "handouts.pdf", "briefing.pdf"):
        assert (kit_folder / name).read_bytes().startswith(b"%PDF")
    deck = (kit_folder / "slides.html").read_text()
    assert "http://" not in deck.replace("http://www.w3.org", "")
    assert 'href="static/css/slides.css"' in deck and "/static/" not in deck
    assert "Mme Dupont, CPE (bureau 12)" in deck


def test_the_kit_runs_from_file_with_no_network(kit_folder, offline):
    context, refused = offline
    presenter = context.new_page()
    presenter.goto((kit_folder / "presenter.html").as_uri())
    # End: the last closing slide (the scenario's other branches come after it).
    end = int(presenter.locator("[data-presenter]").get_attribute("data-end"))
    with presenter.expect_popup() as popup:
        presenter.get_by_role("button", name="Ouvrir les diapositives à projeter").click()
    projected = popup.value
    projected.wait_for_load_state()
    assert projected.url.startswith("file://")
    projected.wait_for_selector("#slide-1", state="visible")
    assert projected.evaluate("document.fonts.check('1em \"Atkinson Hyperlegible\"')")

    presenter.bring_to_front()
    presenter.keyboard.press("ArrowRight")
    projected.wait_for_selector("#slide-2", state="visible")
    projected.bring_to_front()
    projected.keyboard.press("ArrowRight")
    presenter.wait_for_selector('[data-slide="3"]', state="visible")
    projected.keyboard.press("End")
    presenter.wait_for_selector(f'[data-slide="{end}"]', state="visible")
    assert "Mme Dupont" in projected.locator(f"#slide-{end}").inner_text()

    presenter.bring_to_front()
    presenter.keyboard.press("s")
    projected.wait_for_selector("[data-safe]", state="visible")
    presenter.wait_for_selector("[data-protocol]", state="visible")
    presenter.keyboard.press("s")
    projected.wait_for_selector("[data-safe]", state="hidden")
    assert refused == []


def test_the_deck_opens_its_presenter_view_from_file(kit_folder, offline):
    context, refused = offline
    projected = context.new_page()
    projected.goto((kit_folder / "slides.html").as_uri())
    with projected.expect_popup() as popup:
        projected.get_by_role("link", name="Vue intervenant").click()
    presenter = popup.value
    presenter.wait_for_load_state()
    projected.bring_to_front()
    projected.keyboard.press("ArrowRight")
    presenter.wait_for_selector('[data-slide="2"]', state="visible")
    presenter.bring_to_front()
    presenter.keyboard.press("ArrowRight")
    projected.wait_for_selector("#slide-3", state="visible")
    assert refused == []
