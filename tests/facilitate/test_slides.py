"""Classroom slides: a lesson's deck, a planned session's deck, what they project."""

from __future__ import annotations


def test_session_slides_need_valid_choices(client):
    assert client.get("/fr/facilitate/slides/session?tier=nope").status_code == 400
    ok = client.get("/fr/facilitate/slides/session?lang=fr&tier=13-15&modules=demo&periods=1")
    assert ok.status_code == 200
    assert 'href="/fr/facilitate/slides/session/presenter?lang=fr' in ok.get_data(as_text=True)


def test_rules_slide_projects_the_rules_not_the_lead_in(client):
    page = client.get("/en/facilitate/slides/13-15/demo/").get_data(as_text=True)
    rules = page.split('class="slide slide-rules"', 1)[1].split("</section>", 1)[0]
    assert "FACILITATOR-ONLY rules en." in rules  # the demo section has no list: kept whole
