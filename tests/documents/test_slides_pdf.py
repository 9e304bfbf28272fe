"""The slides PDF: landscape, one slide a page, in the right language."""

from __future__ import annotations

import pytest

from workshop.planning import build_deck

from .conftest import pdf_pages_text, reader


@pytest.mark.parametrize("lang, closing", [("fr", "Si quelque chose t’inquiète, parles-en"),
                                           ("en", "If something worries you, talk about it")])
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


def test_session_slides_need_valid_choices(client):
    assert client.get("/fr/facilitate/slides/session?tier=nope").status_code == 400
    ok = client.get("/fr/facilitate/slides/session?lang=fr&tier=13-15&modules=demo&periods=1")
    assert ok.status_code == 200
    assert 'href="/fr/facilitate/slides/session/presenter?lang=fr' in ok.get_data(as_text=True)


def test_rules_slide_projects_the_rules_not_the_lead_in(client):
    page = client.get("/en/facilitate/slides/13-15/demo/").get_data(as_text=True)
    rules = page.split('class="slide slide-rules"', 1)[1].split("</section>", 1)[0]
    assert "FACILITATOR-ONLY rules en." in rules  # the demo section has no list: kept whole


def test_first_list_keeps_only_the_list():
    from markupsafe import Markup

    from workshop.layout import first_list
    html = Markup("<p>Set these rules first:</p>\n<ul>\n<li>Respect</li>\n</ul>\n<p>Then</p>")
    assert first_list(html) == Markup("<ul>\n<li>Respect</li>\n</ul>")
