"""Help routes: tel:/sms: fields, one help block a page, the help page, "hide your visit",
French typography, and one macro for pages and PDFs."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from workshop import create_app
from workshop.catalog.errors import CatalogError
from workshop.site.typography import NBSP, french_spacing, typography

ROUTES_WITH_NUMBERS = """
[resources."3018"]
contact = "3018"
url = "https://www.e-enfance.org/numero-3018/"
phone = "3018"
help_panel = true

[resources."3018".fr]
name = "3018"
purpose = "Harcèlement, chantage, images à faire retirer."
hours = "7j/7, 9h–23h"

[resources."3018".fr.adult]
purpose = "Harcèlement, chantage, images à faire retirer, pour un jeune."

[resources."3018".en]
name = "3018"
purpose = "Harassment, blackmail, images to take down."
hours = "7 days a week, 9am–11pm"

[resources."3018".en.adult]
purpose = "Harassment, blackmail, images to take down, for a young person."

[resources."119"]
contact = "119"
phone = "119"
help_panel = true

[resources."119".fr]
name = "Allô Enfance en Danger"
purpose = "Pour tout enfant en danger."
hours = "24h/24"

[resources."119".fr.adult]
purpose = "Pour un enfant en danger, ou un adulte inquiet."

[resources."119".en]
name = "Child in danger helpline"
purpose = "For any child in danger."
hours = "24 hours a day"

[resources."119".en.adult]
purpose = "For a child in danger, or a worried adult."

[resources."17-112"]
contact = "17 / 112"
phone = ["17", "112"]
help_panel = true

[resources."17-112".fr]
name = "17 Police / 112 Urgences"
purpose = "En cas de danger immédiat."
hours = "Urgence : appelle tout de suite."

[resources."17-112".fr.adult]
purpose = "En cas de danger immédiat pour un enfant."
hours = "Urgence : appelez tout de suite."

[resources."17-112".en]
name = "17 Police / 112 Emergency"
purpose = "If you are in immediate danger."
hours = "Emergency: call straight away."

[resources."17-112".en.adult]
purpose = "If a child is in immediate danger."

[resources."114"]
contact = "114 (SMS)"
sms = "114"
help_panel = true

[resources."114".fr]
name = "114 Urgence par SMS"
purpose = "Quand tu ne peux pas parler."
hours = "24h/24"
sms_text = "Écris où tu es et ce qui se passe."
sms_body = "Je suis à : "

[resources."114".fr.adult]
purpose = "Quand on ne peut pas parler."

[resources."114".en]
name = "114 Emergency by text"
purpose = "When you cannot speak."
hours = "24 hours a day"
sms_text = "Write where you are and what is happening."

[resources."114".en.adult]
purpose = "When someone cannot speak."

[resources.pharos]
contact = "internet-signalement.gouv.fr"
url = "https://www.internet-signalement.gouv.fr/"

[resources.pharos.fr]
name = "PHAROS"
purpose = "Signaler un contenu illégal : en ligne."
hours = "En ligne."

[resources.pharos.fr.adult]
purpose = "Signaler un contenu illégal en ligne."

[resources.pharos.en]
name = "PHAROS"
purpose = "Report illegal content online."
hours = "Online."

[resources.pharos.en.adult]
purpose = "Report illegal content online."
"""


def with_routes(content_tree: Path, routes: str = ROUTES_WITH_NUMBERS) -> Path:
    """The demo tree with these [resources.*] tables instead of its own."""
    path = content_tree / "jurisdictions" / "fr.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split('[resources."3018"]', 1)[0] + routes, encoding="utf-8")
    return content_tree


@pytest.fixture
def numbers_client(content_tree):
    app = create_app({"CONTENT_DIR": with_routes(content_tree), "TESTING": True})
    return app.test_client()


def help_block(page: str) -> str:
    return page.split('<aside id="help"', 1)[1].split("</aside>", 1)[0]


def test_numbers_are_read_as_phone_and_sms_fields(content_tree):
    app = create_app({"CONTENT_DIR": with_routes(content_tree), "TESTING": True})
    routes = app.extensions["catalog"].jurisdiction.resources
    assert routes["17-112"].phones == ("17", "112") and routes["3018"].phones == ("3018",)
    assert routes["114"].sms == "114" and routes["114"].phones == ()
    assert routes["114"].sms_texts["en"] == "Write where you are and what is happening."
    assert routes["pharos"].phones == () and routes["pharos"].sms is None


def test_a_name_holds_each_number_once():
    app = create_app({"CONTENT_DIR": Path("tests/fixtures/content"), "TESTING": True})
    route = app.extensions["catalog"].jurisdiction.resources["119"]
    assert route.name_parts("en") == (
        ("119", "contact"),
        (" ", None),
        ("Child in danger helpline", None),
    )


@pytest.mark.parametrize(
    "field, value",
    [("phone", '"30 18"'), ("phone", "3018"), ("sms", '["114", "115"]'), ("phone", '["17", "x"]')],
)
def test_a_number_that_is_not_digits_is_an_error(content_tree, field, value):
    routes = ROUTES_WITH_NUMBERS.replace(
        'contact = "119"\nphone = "119"', f'contact = "119"\n{field} = {value}'
    )
    with pytest.raises(CatalogError) as error:
        create_app({"CONTENT_DIR": with_routes(content_tree, routes), "TESTING": True})
    assert f"resources.119.{field}" in str(error.value) and "[field-type]" in str(error.value)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/learn/",
        "/learn/13-15/demo/step/1",
        "/learn/13-15/demo/end",
        "/learn/13-15/demo/scenario/end-help",
        "/hide-your-visit",
        "/no-such-page",
    ],
)
def test_every_page_has_one_help_block_with_links_to_call_and_text(numbers_client, lang, path):
    response = numbers_client.get(f"/{lang}{path}")
    page = response.get_data(as_text=True)
    assert page.count('<aside id="help"') == 1 and page.count('class="help-list"') == 1
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'class="resource-list' not in main and "help-button" not in main
    compact = help_block(page).split("<details", 1)[0]
    for number in ("3018", "119", "17", "112"):
        assert compact.count(f'<a class="help-button" href="tel:{number}">') == 1, number
    body = {"fr": "?body=Je%20suis%20%C3%A0%20%3A%20", "en": ""}[lang]
    assert compact.count(f'<a class="help-button" href="sms:114{body}">') == 1
    assert "Écris où tu es" in compact or "Write where you are" in compact
    assert "data-quick-exit" in page


def test_each_number_is_a_button_that_says_what_it_does(numbers_client):
    block = help_block(numbers_client.get("/fr/learn/").get_data(as_text=True))
    compact = block.split("<details", 1)[0]
    assert (
        '<span class="help-verb">Envoyer un SMS au</span> <strong class="help-contact">114</strong>'
        ' <span class="help-words">Urgence par SMS</span></a>'
    ) in compact
    # "17 Police / 112 Urgences": one button each, with the words of the name that go with it
    assert (
        '<strong class="help-contact">17</strong> <span class="help-words">Police</span></a>'
    ) in compact
    assert (
        '<strong class="help-contact">112</strong> <span class="help-words">Urgences</span></a>'
    ) in compact
    assert "114 (SMS)" not in block and "internet-signalement.gouv.fr<" not in block
    assert (
        '<a href="https://www.internet-signalement.gouv.fr/" rel="noreferrer">PHAROS</a>' in block
    )


def test_the_help_page_is_the_full_list_once(numbers_client):
    page = numbers_client.get("/en/help").get_data(as_text=True)
    block = help_block(page)
    assert "<details" not in block and 'class="help-list"' not in block
    assert block.count('href="tel:3018"') == 1
    assert "When you cannot speak." in block and "Write where you are" in block
    assert 'href="/en/hide-your-visit"' in page


@pytest.mark.parametrize(
    "lang, title, words",
    [
        ("fr", "Cacher ta visite", ["Historique", "navigation privée", "appareil partagé", "119"]),
        ("en", "Hide your visit", ["History", "private window", "shared device", "119"]),
    ],
)
def test_hide_your_visit_in_both_languages(client, lang, title, words):
    response = client.get(f"/{lang}/hide-your-visit")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"<h1>{title}</h1>" in page
    for word in words:
        assert word in page
    assert "data-forget-all-tools hidden" in page, "the JS-only button stays hidden without JS"
    assert f'href="/{lang}/hide-your-visit"' in help_block(page)


def test_french_help_texts_use_non_breaking_spaces(numbers_client):
    block = help_block(numbers_client.get("/fr/help").get_data(as_text=True))
    assert f"Urgence{NBSP}: appelle" in block and f"illégal{NBSP}: en ligne" in block
    assert f"Besoin d’aide{NBSP}?" in block
    english = help_block(numbers_client.get("/en/help").get_data(as_text=True))
    assert "Emergency: call" in english


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Urgence : appelle !", f"Urgence{NBSP}: appelle{NBSP}!"),
        ("Vraiment? Oui; non", f"Vraiment{NBSP}? Oui{NBSP}; non"),
        ("un « nude »", f"un «{NBSP}nude{NBSP}»"),
        ("le 1 janvier 2025", "le 1er janvier 2025"),
        ("21 janvier, 7j/7, 9h-23h", "21 janvier, 7j/7, 9h-23h"),
    ],
)
def test_french_spacing(text, expected):
    assert french_spacing(text) == expected


def test_typography_keeps_markup_and_other_languages():
    from markupsafe import Markup

    html = Markup('<a href="https://x.fr/?a=1">Texte : ici</a>')
    assert typography(html, "fr") == Markup(f'<a href="https://x.fr/?a=1">Texte{NBSP}: ici</a>')
    assert typography("Text : here", "en") == "Text : here"
    assert typography("<b> : </b>", "fr") == f"<b>{NBSP}: </b>"  # plain text, escaped later


def test_the_pdf_templates_use_the_same_macro_without_doubled_names(content_tree):
    app = create_app({"CONTENT_DIR": with_routes(content_tree), "TESTING": True})
    with app.test_request_context("/fr/"):
        from flask import render_template_string

        html = render_template_string(
            '{% import "_macros.html" as ui %}{{ ui.help_route(r, "fr", "paper") }}',
            r=app.extensions["catalog"].jurisdiction.resources["3018"],
        )
    assert html.startswith('<li class="resource"><strong class="help-contact">3018</strong>')
    assert "3018 · 3018" not in html and "tel:" not in html
    assert '<span class="url">https://www.e-enfance.org/numero-3018/</span>' in html


def plain_words(page: str) -> str:
    """A help block's words, with typography's spaces and apostrophes made plain."""
    text = re.sub(r"<[^>]+>", " ", help_block(page))
    text = html.unescape(text).replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'")
    return " ".join(text.split())


def route_text(real_app, route: str, lang: str, audience) -> str:
    resource = real_app.extensions["catalog"].jurisdiction.resources[route]
    return " ".join(resource.text("purpose", lang, audience).split())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_pupils_help_block_speaks_to_their_age(real_app, real_client, lang):
    """The 119 told to an 11-year-old, to a 13-year-old, to a lycéen: each page of a tier
    prints its own words; the help page, with no tier, the common ones."""
    texts = {tier: route_text(real_app, "119", lang, tier) for tier in ("11-13", "13-15", "15-18")}
    assert len(set(texts.values())) == 3  # three texts, none the common one
    for tier, module in (("11-13", "images"), ("13-15", "grooming"), ("15-18", "recruitment")):
        block = plain_words(real_client.get(f"/{lang}/learn/{tier}/{module}/").get_data(True))
        assert texts[tier] in block, (tier, texts[tier][:50])
        assert all(text not in block for other, text in texts.items() if other != tier)
    help_page = plain_words(real_client.get(f"/{lang}/help").get_data(True))
    assert route_text(real_app, "119", lang, None) in help_page
    assert all(text not in help_page for text in texts.values())


def test_the_adults_help_block_speaks_to_adults(real_app, real_client):
    """In the presenter's and the head's pages, each route in its adult words ("vous")."""
    block = plain_words(real_client.get("/fr/facilitate/").get_data(True))
    assert route_text(real_app, "3114", "fr", "adult") in block
    assert "appelez tout de suite" in block and "appelle tout de suite" not in block
    page = real_client.get("/fr/facilitate/").get_data(True)
    routes = " ".join(re.findall(r"<ul class=\"(?:help|resource)-list\">.*?</ul>", page, re.S))
    assert "3114" in routes
    assert not re.search(r"\b(?:tu|te|toi|ton|ta|tes)\b|\bt['’]\w", routes, re.IGNORECASE)


def test_a_route_text_falls_back_to_the_common_one(real_app):
    routes = real_app.extensions["catalog"].jurisdiction.resources
    # 114 has no text of its own for 11-13, nor adult hours: the common ones
    assert routes["114"].text("purpose", "fr", "11-13") == routes["114"].purposes["fr"]
    assert routes["119"].text("hours", "fr", "adult") == routes["119"].hours["fr"]
    assert routes["17-112"].text("hours", "fr", "adult") != routes["17-112"].hours["fr"]
    assert routes["3114"].text("purpose", "en", "15-18") == routes["3114"].purposes["en"]
