"""The facilitator pack: every section, typed details printed as typed, a well-formed PDF."""

from __future__ import annotations

import re

import pytest

from ..pdfs import pdf_pages_text, pdf_text, reader

FRENCH_SECTIONS = [
    "Dossier d’intervention",
    "Sommaire",
    "Déroulé de la séance",
    "Leçon de démonstration",
    "Objectifs",
    "Messages clés",
    "Repères pour l’intervenant",
    "Cartes du scénario",
    "Quiz et corrigé",
    "Protection : si un élève se confie",
    "La loi en mots simples",
    "Aide et signalement",
    "Suite pour le professeur de la classe",
    "Évaluation anonyme de la séance",
    "Imprimé le",
]
ENGLISH_SECTIONS = [
    "Facilitator pack",
    "Contents",
    "Session plan",
    "Demonstration lesson",
    "Objectives",
    "Scenario cards",
    "Quiz and answer key",
    "Safeguarding: if a pupil discloses",
    "The law in plain words",
    "Help and reporting",
    "Follow-up for the class teacher",
    "Anonymous evaluation of the session",
    "Printed on",
]


@pytest.fixture
def french_pack(post_session):
    response = post_session(
        school='Collège <Jean & "Marie">',
        class_name="4e B & C",
        date_1="2027-03-14",
        presenter="Mme O’Brien",
        role="Substitute",
        safeguarding_contact="Mme Dupont, CPE",
        local_contacts="Association A\nMaison des ados",
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    return response.data


def test_every_section_is_there_in_french(french_pack):
    text = pdf_text(french_pack)
    for section in FRENCH_SECTIONS:
        assert section in text, section
    for english in ("Session plan", "Scenario cards", "Contents"):
        assert english not in text


def test_every_section_is_there_in_english(post_session):
    text = pdf_text(post_session(lang="en").data)
    for section in ENGLISH_SECTIONS:
        assert section in text, section


def test_typed_details_are_printed_exactly_as_typed(french_pack):
    text = pdf_text(french_pack)
    assert 'Collège <Jean & "Marie">' in text
    assert "4e B & C" in text and "Mme O’Brien" in text and "Mme Dupont, CPE" in text
    assert "14 mars 2027" in text
    assert "Association A" in text and "Maison des ados" in text


def test_contents_have_real_page_numbers(french_pack):
    contents = next(page for page in pdf_pages_text(french_pack) if "Sommaire" in page)
    numbers = [int(n) for n in re.findall(r"\.\s*(\d+)\s*$", contents, re.MULTILINE)]
    assert len(numbers) >= 9
    assert 0 not in numbers
    assert numbers == sorted(numbers)
    assert max(numbers) <= len(reader(french_pack).pages)


def test_running_footer_counts_pages(french_pack):
    pages = pdf_pages_text(french_pack)
    total = len(pages) - 1 if not pages[-1].strip() else len(pages)
    assert f"3 / {total}" in pages[2]


def test_pdf_is_tagged_with_language_title_outline_and_embedded_fonts(french_pack):
    pdf = reader(french_pack)
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"
    assert root["/MarkInfo"]["/Marked"]
    assert "Dossier d’intervention" in pdf.metadata.title
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert "Déroulé de la séance" in titles and "Sommaire" in titles
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"]] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts
    assert any("Atkinson" in name for name in fonts)


def test_plan_lists_activities_with_times_and_kinds(french_pack):
    plan = next(
        page
        for page in pdf_pages_text(french_pack)
        if "Déroulé de la séance" in page and "Horaire" in page
    )
    assert "0–10 min" in plan and "50–55 min" in plan
    assert "essentiel" in plan and "facultatif" in plan


def test_scenario_cards_and_answer_key(french_pack):
    text = pdf_text(french_pack)
    assert "CARTE 1" in text.upper() and "FACILITATOR-ONLY prompt fr" in text
    assert "Juste :" in text and "Why wrong 1 fr." in text


def test_the_same_choices_build_once(app, post_session):
    cache = app.extensions["pdf_cache"]
    first = post_session(school="Un collège").data
    builds = cache.builds
    second = post_session(school="Un collège").data
    assert first == second
    assert cache.builds == builds
    post_session(school="Un autre collège")
    assert cache.builds == builds + 1


def test_handout_is_exactly_one_page_per_module(post_session):
    response = post_session(document="handout")
    assert response.status_code == 200
    pdf = response.data
    assert len(reader(pdf).pages) == 1
    text = pdf_text(pdf)
    assert "À retenir" in text and "Qui peut t’aider" in text and "One fr" in text
