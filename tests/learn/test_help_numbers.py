"""Every help number in the pupil's text is a link to call or text it, made in rendering
from the declared help routes; ages, dates and hours that look like one are left alone."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from workshop.learn.help_links import help_buttons, link_help_numbers

SMS_114 = "sms:114?body="


def linked(real_app, text, lang="fr"):
    with real_app.test_request_context(f"/{lang}/learn/"):
        html = str(link_help_numbers(Markup(text), lang))
    return re.findall(r'<a class="help-number" href="([^"]+)">', html), html


@pytest.mark.parametrize(
    "text, hrefs",
    [
        ("Appelle le 17 ou le 112, ou le 114 par SMS.", ["tel:17", "tel:112", SMS_114]),
        ("un adulte de confiance, le 119, le 17 ou le 112", ["tel:119", "tel:17", "tel:112"]),
        ("In immediate danger: 17 or 112, or 114 by text.", ["tel:17", "tel:112", SMS_114]),
        ("contact 17, 112, or 114 by text", ["tel:17", "tel:112", SMS_114]),
        ("le 3018 répond jusqu'à 23 h.", ["tel:3018"]),
        ("<p>Préviens le <strong>3018</strong>.</p>", ["tel:3018"]),
        # an age, a date, an hour: not a number to call
        ("Enzo a 17 ans.", []),
        ("Kylian, 17, left home after a row", []),
        ("Enzo is 17. He sent a photo", []),
        ("boys aged 14 to 17 (Thorn and NCMEC, 2024)", []),
        ("de 14 à 17 ans", []),
        ("le 17 mars", []),
        ("rendez-vous à 17 h", []),
        ("art. 227-23, 119 ans plus tard", []),
        # already a link: left as it is
        ('<a href="https://www.e-enfance.org/">le 3018</a>', []),
    ],
)
def test_help_numbers_are_linked_only_where_they_are_numbers_to_call(real_app, text, hrefs):
    found, _ = linked(real_app, text)
    assert [href if not href.startswith(SMS_114) else SMS_114 for href in found] == hrefs


def test_the_link_says_what_it_does_and_114_opens_a_message_to_complete(real_app):
    _, html = linked(real_app, "le 114", "en")
    assert '<span class="visually-hidden">Send a text to </span>114</a>' in html
    assert "sms:114?body=Emergency.%20I%20am%20at%20%28address%29" in html


def test_the_routes_become_one_button_per_number(real_app):
    routes = real_app.extensions["catalog"].jurisdiction.resources
    with real_app.test_request_context("/fr/"):
        emergency = help_buttons(routes["17-112"], "fr")
        text = help_buttons(routes["114"], "fr")
    assert [(b.number, b.href, b.words) for b in emergency] == [
        ("17", "tel:17", "Police"),
        ("112", "tel:112", "Urgences"),
    ]
    assert text[0].href.startswith("sms:114?body=Urgence.") and text[0].kind == "sms"


@pytest.mark.parametrize(
    "path, number",
    [
        ("/fr/learn/13-15/images/step/1", None),
        ("/fr/learn/13-15/images/end", "tel:3018"),
        ("/en/learn/15-18/recruitment/end", "tel:119"),
        ("/fr/learn/13-15/images/", "tel:3018"),
    ],
)
def test_real_lessons_have_their_numbers_linked_in_the_text(real_client, path, number):
    page = real_client.get(path).get_data(as_text=True)
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    if number:
        assert f'<a class="help-number" href="{number}">' in main
    # never a link inside a link
    for anchor in re.findall(r"<a [^>]*>(.*?)</a>", main, re.S):
        assert "<a " not in anchor


def test_every_help_number_written_in_a_lesson_is_linked(real_client, real_app):
    """In every lesson's steps and end card, no 3018, 119, 112 or 114 stays plain text."""
    catalog = real_app.extensions["catalog"]
    for lesson in catalog.lessons.values():
        base = f"/{lesson.lang}/learn/{lesson.tier}/{lesson.module}"
        paths = [f"{base}/step/{n}" for n in range(1, len(lesson.pupil.steps) + 1)]
        for path in [*paths, base + "/end", base + "/"]:
            page = real_client.get(path).get_data(as_text=True)
            main = page.split("<main", 1)[1].split("</main>", 1)[0]
            text = re.sub(r"<a class=\"help-number\".*?</a>", "", main, flags=re.S)
            text = re.sub(r"<[^>]+>", " ", text)
            for number in ("3018", "119", "112", "114"):
                assert not re.search(rf"(?<![\d-]){number}(?!\d)", text), (path, number)
