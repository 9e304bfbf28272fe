"""Classroom slides: a lesson's deck, a planned session's deck, what they project."""

from __future__ import annotations

import re

from markupsafe import escape

from ..sessions import DEMO_CLASS


def test_session_slides_need_valid_choices(client):
    assert client.get("/fr/facilitate/slides/session?tier=nope").status_code == 400
    ok = client.get("/fr/facilitate/slides/session?lang=fr&tier=13-15&modules=demo&periods=1")
    assert ok.status_code == 200
    assert 'href="/fr/facilitate/slides/session/presenter?lang=fr' in ok.get_data(as_text=True)


def test_rules_slide_projects_the_rules_not_the_lead_in(client):
    page = client.get("/en/facilitate/slides/13-15/demo/").get_data(as_text=True)
    rules = page.split('class="slide slide-rules"', 1)[1].split("</section>", 1)[0]
    assert "FACILITATOR-ONLY rules en." in rules  # the demo section has no list: kept whole


SESSION = {
    **DEMO_CLASS,
    "presenter": "Mme Martin",
    "safeguarding_contact": "M. Petit, CPE",
    "local_contacts": "Maison des ados",
}


def test_show_the_slides_sends_only_what_the_slides_use(client):
    response = client.post("/fr/facilitate/session", data={**SESSION, "document": "slides"})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/fr/facilitate/slides/session?")
    query = location.split("?", 1)[1]
    assert sorted(part.split("=")[0] for part in query.split("&")) == [
        "lang",
        "modules",
        "periods",
        "tier",
    ]
    for typed in ("Moulin", "Martin", "Petit", "Maison"):
        assert typed not in location


def test_names_in_the_address_are_not_read_by_the_slides(client):
    page = client.get(
        "/fr/facilitate/slides/session?lang=fr&tier=13-15&modules=demo&periods=1"
        "&safeguarding_contact=M.+Petit&school=X"
    ).get_data(as_text=True)
    assert "M. Petit" not in page
    assert 'href="/fr/facilitate/slides/session/presenter?' in page


def test_the_kit_is_a_zip_of_pages_assets_and_documents(client):
    import io
    import zipfile

    response = client.post("/fr/facilitate/session", data={**SESSION, "document": "kit"})
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "declic-kit-13-15-demo-fr.zip" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as kit:
        names = {name.split("/", 1)[1] for name in kit.namelist()}
        deck = kit.read("declic-kit-13-15-demo-fr/slides.html").decode()
    assert {
        "slides.html",
        "presenter.html",
        "pack.pdf",
        "handouts.pdf",
        "briefing.pdf",
        "static/css/slides.css",
        "static/js/slides.js",
    } <= names
    assert "M. Petit, CPE" in deck  # the kit is the presenter's own: the school's contact
    assert 'src="static/js/slides.js"' in deck


def test_lesson_and_session_decks_name_one_channel_for_both_windows(client):
    query = "lang=fr&tier=13-15&modules=demo&periods=1"
    deck = client.get(f"/fr/facilitate/slides/session?{query}").get_data(as_text=True)
    presenter = client.get(f"/fr/facilitate/slides/session/presenter?{query}").get_data(
        as_text=True
    )
    channel = 'data-channel="declic:fr/13-15/demo/1"'
    assert channel in deck and channel in presenter
    lesson = client.get("/fr/facilitate/slides/13-15/demo/").get_data(as_text=True)
    assert channel in lesson


def test_the_protocol_of_a_session_is_printed_once_then_what_each_module_adds(
    real_client, real_app
):
    """One protocol for the whole session (content/safeguarding/), written once: the help
    screen prints it once, then what each module adds under its title (the audit found two
    different protocols for one session)."""
    catalog = real_app.extensions["catalog"]
    query = "lang=en&tier=15-18&modules=grooming&modules=images&periods=2"
    html = real_client.get("/en/facilitate/slides/session/presenter?" + query).get_data(
        as_text=True
    )
    protocol = html.split("data-protocol hidden>", 1)[1].split("</section>", 1)[0]
    assert protocol.count("Never promise to keep it secret") == 1
    assert "Protect at once, without investigating" in protocol
    assert "3114" in protocol
    for module in ("grooming", "images"):
        lesson = catalog.lesson(module, "15-18", "en")
        title = escape(lesson.pupil.title)
        assert f"<h3>In addition, for this module: {title}</h3>" in protocol
    single = real_client.get("/en/facilitate/slides/15-18/images/presenter").get_data(as_text=True)
    alone = single.split("data-protocol hidden>", 1)[1].split("</section>", 1)[0]
    assert alone.count("Never promise to keep it secret") == 1


def test_quiz_notes_repeat_the_plans_instruction_and_scenario_follows_the_vote(real_client):
    """The quiz's notes say what the plan says (silent folded paper), never "vote"; a scenario
    card's presenter copy has one button per choice to the slide of that choice alone, which
    has a button on to the card it leads to; the projected slide has none of them."""
    query = "lang=fr&tier=13-15&modules=grooming&periods=1"
    html = real_client.get(f"/fr/facilitate/slides/session/presenter?{query}").get_data(
        as_text=True
    )
    copies = re.findall(
        r'<div class="slide-copy" data-slide="(\d+)"(.*?)'
        r'(?=<div class="slide-copy"|<div class="protocol")',
        html,
        re.S,
    )
    quiz = [body for _, body in copies if 'class="slide-question"' in body and "Quiz :" not in body]
    assert quiz and all("papier plié" in body for body in quiz)
    assert not any("Faites voter la classe" in body for body in quiz)
    follow = [(n, body) for n, body in copies if "La classe a choisi" in body and "<ul>" in body]
    assert follow
    number, body = follow[0]
    targets = re.findall(r'class="follow-vote".*?</nav>', body, re.S)[0]
    slides = [int(t) for t in re.findall(r'href="#slide-(\d+)"', targets)]
    assert len(slides) >= 2 and len(set(slides)) == len(slides) and min(slides) > int(number)
    chosen = dict(copies)[str(slides[1])]
    assert "Si la classe choisit B" in chosen and "Suite : carte" in chosen
    # The choice the arrows do not follow is off the main line, after the closing slide; each
    # ending has a way back to the main line, to the slide after the scenario.
    closing = next(int(n) for n, body in copies if "Fin de la séance : les numéros" in body)
    assert max(slides) > closing
    backs = {int(n) for n in re.findall(r'href="#slide-(\d+)">Retour au plan', html)}
    assert len(backs) == 1 and int(number) < backs.pop() <= closing
    projected = real_client.get(f"/fr/facilitate/slides/session?{query}").get_data(as_text=True)
    assert "follow-vote" not in projected and "Touches" not in projected


def test_a_step_shown_as_key_lines_has_its_whole_text_in_the_notes(real_client):
    """The presenter reads the whole step from the notes (and the PowerPoint notes pane);
    the projected slide has only its key lines."""
    base = "/fr/facilitate/slides/15-18/grooming/"
    projected = real_client.get(base).get_data(as_text=True)
    presenter = real_client.get(base + "presenter").get_data(as_text=True)
    whole = "payer lui montre que tu peux payer"
    assert whole not in projected
    notes = re.findall(r'<div class="notes">(.*?)</div>\s*</div>', presenter, re.S)
    assert any(whole in n and "texte complet" in n for n in notes)
