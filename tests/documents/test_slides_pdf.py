"""The slides PDF: landscape, one slide a page, in the right language."""

from __future__ import annotations

import pytest

from workshop.planning import build_deck

from ..pdfs import pdf_pages_text, reader


@pytest.mark.parametrize(
    "lang, closing",
    [
        ("fr", "Si quelque chose t’inquiète, parles-en"),
        ("en", "If something worries you, talk about it"),
    ],
)
def test_one_slide_a_page_landscape_in_the_language(app, client, lang, closing):
    response = client.get(f"/{lang}/facilitate/slides/13-15/demo/slides.pdf")
    assert response.status_code == 200
    pdf = reader(response.data)
    lesson = app.extensions["catalog"].lesson("demo", "13-15", lang)
    total = len(build_deck((lesson,)))
    assert len(pdf.pages) == total
    box = pdf.pages[0].mediabox
    assert box.width > box.height
    pages = pdf_pages_text(response.data)
    for number in range(1, total + 1):
        assert f"{number} / {total}" in pages[number - 1]
    last = max(s.number for s in build_deck((lesson,)) if not s.branch)
    assert closing in pages[last - 1]  # the main line's end; then the scenario's other choices
    assert ("autres choix" if lang == "fr" else "other choices") in pages[last]
    assert pdf.trailer["/Root"]["/Lang"] == lang


def test_a_two_period_sessions_pdf_is_its_own_deck(real_client):
    """The slides PDF prints the session's deck (its plan over two periods, the help slide
    closing each), the deck the projected window shows: not a deck of the lessons alone."""
    from workshop.planning import SessionChoices, lessons_for
    from workshop.planning.deck import session_deck

    query = "lang=en&tier=13-15&modules=grooming&modules=images&periods=2"
    response = real_client.get(f"/en/facilitate/slides/session/slides.pdf?{query}")
    assert response.status_code == 200
    catalog = real_client.application.extensions["catalog"]
    choices = SessionChoices(lang="en", tier="13-15", modules=("grooming", "images"), periods=2)
    deck = session_deck(lessons_for(catalog, choices), choices)
    # Every slide on its page (a blank page after the last one is a known layout issue).
    pages = [page for page in pdf_pages_text(response.data) if page.strip()]
    assert len(pages) == len(deck) > 100
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {len(deck)}" in page
    closings = [s.number for s in deck if s.kind == "closing"]
    assert len(closings) == 2 and closings[-1] == max(s.number for s in deck if not s.branch)
    projected = real_client.get(f"/en/facilitate/slides/session?{query}").get_data(as_text=True)
    assert projected.count('class="slide slide-') == len(deck)
