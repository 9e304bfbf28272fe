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
    assert closing in pages[total - 1]
    assert pdf.trailer["/Root"]["/Lang"] == lang
