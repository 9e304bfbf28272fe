"""The class teacher's documents on the real content: the family sheet on one page for every
tier and language (with every module, the longest list of help routes), the preparation
with the session's contact and the shared protocol."""

from __future__ import annotations

import pytest

from workshop.documents import family_pdf, preparation_pdf
from workshop.planning import SessionChoices

from ..pdfs import pdf_text, reader

MODULES = ("grooming", "images", "recruitment")
OPENERS = {
    "fr": "Trois façons d'en parler à la maison",
    "en": "Three ways to talk about it at home",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("tier", ["11-13", "13-15", "15-18"])
def test_the_family_sheet_is_one_page_per_tier_and_language(real_app, tier, lang):
    with real_app.test_request_context(f"/{lang}/"):
        pdf = family_pdf(SessionChoices(lang=lang, tier=tier, modules=MODULES))
    assert len(reader(pdf).pages) == 1
    words = " ".join(pdf_text(pdf).split())
    assert OPENERS[lang] in words and "3018" in words and "119" in words and "3114" in words


def test_the_preparation_prints_the_contact_and_the_protocol(real_app):
    lesson = real_app.extensions["catalog"].lesson("grooming", "13-15", "en")
    with real_app.test_request_context("/en/"):
        pdf = preparation_pdf(
            SessionChoices(
                lang="en", tier="13-15", modules=("grooming",), safeguarding_contact="Ms Diallo"
            )
        )
    words = " ".join(pdf_text(pdf).split())
    assert "Ms Diallo" in words and "The question box" in words
    first_step = lesson.facilitator.sections["disclosure"].striptags().split(".")[0]
    assert " ".join(first_step.split()) in words
