"""The screen link: what the class sees (the slides, the phones' vote), and nothing else."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation

from ..measure.conftest import code_on, save
from ..pdfs import pdf_text
from ..sessions import head_path, screen_path

CONTACT = "Mme Martin, CPE, bureau 12 (bâtiment B) " * 5  # 200 characters, the field's limit


@pytest.fixture
def client(measure_app):
    return measure_app.test_client()


def links(client, **changes):
    """(presenter's path, head's path, screen link's prefix) of a new session."""
    presenter = save(client, **changes)
    page = client.get(presenter).get_data(as_text=True)
    return presenter, head_path(page), screen_path(page)


def token_of(path: str) -> str:
    return re.search(r"/([A-Za-z0-9_-]{43})/", path).group(1)


def test_the_screen_pages_open_and_hold_no_private_token(client):
    presenter, head, screen = links(client)
    client.post(presenter + "measure/start/ask/demo/faux-profil", data={"class_size": "30"})
    code = code_on(client.get(presenter + "measure").get_data(as_text=True))
    private = (token_of(presenter), token_of(head), "/facilitate/sessions/", "/review/sessions/")
    for path in ("slides", "now.json", "vote/start", "vote/end", "vote/follow"):
        response = client.get(screen + path)
        assert response.status_code == 200, path
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
        text = response.get_data(as_text=True)
        for secret in private:
            assert secret not in text, (path, secret)
        assert "data-quick-exit" not in text, path
    start = client.get(screen + "vote/start").get_data(as_text=True)
    assert code in start and "<svg" in start and "On reconnaît facilement" in start
    assert "<form" not in start and "site-header" not in start  # read-only, no site menu
    waiting = client.get(screen + "vote/end").get_data(as_text=True)
    assert "pas encore ouvert" in waiting and "<svg" not in waiting
    now = client.get(screen + "now.json")
    assert now.headers["Cache-Control"] == "no-store" and code in now.get_json()["html"]


def test_a_wrong_screen_token_is_the_helpful_404(client):
    presenter, head, screen = links(client)
    lang = screen.split("/")[1]
    wrong = (
        "A" * 43,  # token-shaped, unknown
        "short",
        "A" * 44,
        token_of(presenter),  # the other links' tokens open no screen
        token_of(head),
    )
    for token in wrong:
        for path in ("slides", "vote/start", "now.json"):
            response = client.get(f"/{lang}/screen/{token}/{path}")
            assert response.status_code == 404, (token, path)
            if not path.endswith(".json"):
                assert "Page introuvable" in response.get_data(as_text=True) or (
                    "Page not found" in response.get_data(as_text=True)
                )
    for path in ("vote/middle", "vote/start.json", "presenter", "", "measure"):
        assert client.get(screen + path).status_code == 404, path
    # Nor does the screen's token open the presenter's or the head's pages.
    screen_token = token_of(screen)
    assert client.get(f"/fr/facilitate/sessions/{screen_token}/").status_code == 404
    assert client.get(f"/fr/review/sessions/{screen_token}/").status_code == 404
    client.post(presenter + "delete")
    assert client.get(screen + "slides").status_code == 404


def test_the_presenters_pages_link_to_the_screen_and_the_old_addresses_are_gone(client):
    presenter, _, screen = links(client)
    client.post(presenter + "measure/start/ask/demo/faux-profil", data={"class_size": "30"})
    assert f'href="{screen}slides"' in client.get(presenter).get_data(as_text=True)
    view = client.get(presenter + "presenter").get_data(as_text=True)
    assert f'data-slides-url="{screen}slides"' in view
    # No third window: the vote shows in the projected slides, never at its own address.
    assert 'target="declic-screen"' not in client.get(presenter + "measure").get_data(as_text=True)
    assert client.get(presenter + "slides").status_code == 404
    for old in ("measure/start/screen", "measure/start/screen.json"):
        assert client.get(presenter + old).status_code in (404, 405), old


def test_the_projected_slides_and_the_downloads_carry_the_schools_contact(client):
    assert len(CONTACT) == 200
    presenter, _, screen = links(client, safeguarding_contact=CONTACT)
    projected = client.get(screen + "slides").get_data(as_text=True)
    assert CONTACT.strip() in projected
    view = client.get(presenter + "presenter").get_data(as_text=True)
    pdf_link = re.search(r'href="([^"]+/slides\.pdf)"', view).group(1)
    pptx_link = re.search(r'href="([^"]+/slides\.pptx)"', view).group(1)
    assert pdf_link == presenter + "slides.pdf" and pptx_link == presenter + "slides.pptx"
    pdf = client.get(pdf_link)
    assert pdf.status_code == 200 and pdf.headers["Cache-Control"] == "no-store"
    assert "bâtiment B" in pdf_text(pdf.data)
    pptx = client.get(pptx_link)
    assert pptx.status_code == 200
    deck = Presentation(io.BytesIO(pptx.data))
    texts = " ".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "bâtiment B" in texts
    # Without a contact, the standard slides PDF is still the one copy for every school
    # (built once on the server); under a link's token no browser keeps it (issue 31).
    plain, _, _ = links(client, safeguarding_contact="")
    cache = client.application.extensions["pdf_cache"]
    first = client.get(plain + "slides.pdf")
    builds = cache.builds
    again, _, _ = links(client, safeguarding_contact="", school="Another school")
    assert client.get(again + "slides.pdf").data == first.data and cache.builds == builds
    assert first.headers["Cache-Control"] == "no-store"
