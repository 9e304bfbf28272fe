"""The pack and the handout as printed the night before: one protocol card, a checklist
with page numbers, each period timed from 0, no near-empty last page."""

from __future__ import annotations

import re

from ..pdfs import pdf_pages_text, reader

TWO = {
    "lang": "fr",
    "tier": "13-15",
    "modules": ["demo", "second"],
    "periods": "2",
    "safeguarding_contact": "Mme Dupont, CPE",
    "document": "pack",
}


def test_one_protocol_card_for_the_whole_session(two_modules):
    pdf = two_modules.test_client().post("/fr/facilitate/session", data=TWO).data
    pages = pdf_pages_text(pdf)
    with_card = [n for n, page in enumerate(pages) if "FACILITATOR-ONLY disclosure fr" in page]
    assert len(with_card) == 1  # once, on one page, for both modules
    assert "Mme Dupont, CPE" in pages[with_card[0]]


def test_each_period_is_timed_from_zero(two_modules):
    pages = pdf_pages_text(two_modules.test_client().post("/fr/facilitate/session", data=TWO).data)
    plan = "\n".join(page for page in pages if "Horaire" in page)
    assert "Séance 1" in plan and "Séance 2" in plan
    second = plan.split("Séance 2", 1)[1]
    assert re.search(r"\b0–\d+ min", second)
    assert "55–" not in plan and "60–" not in plan


def test_the_checklist_gives_page_numbers(two_modules):
    pdf = two_modules.test_client().post("/fr/facilitate/session", data=TWO).data
    pages = pdf_pages_text(pdf)
    checklist = next(page for page in pages if "À apporter" in page and "Cartons de vote" in page)
    numbers = [int(n) for n in re.findall(r"\(p\. (\d+)\)", checklist)]
    assert len(numbers) >= 3
    assert all(1 < n <= len(reader(pdf).pages) for n in numbers)
    assert "boîte à questions" in checklist and "fiches élèves" in checklist
    assert "Écran d’aide : appuyez sur S" in "\n".join(pages)


def test_no_near_empty_last_page(two_modules):
    pages = pdf_pages_text(two_modules.test_client().post("/fr/facilitate/session", data=TWO).data)
    pages = [page for page in pages if page.strip()]
    last = [line for line in pages[-1].splitlines() if line.strip()]
    assert len(last) > 8, last  # the colophon closes the evaluation page


def test_handout_starts_with_who_to_talk_to_in_the_school(post_session):
    from ..pdfs import pdf_text

    text = pdf_text(post_session(document="handout").data)
    assert text.index("À qui parler dans ton établissement") < text.index("À retenir")


def test_the_checklist_counts_cards_and_handouts_for_the_class(two_modules):
    client = two_modules.test_client()
    counted = client.post("/fr/facilitate/session", data={**TWO, "class_size": "24"}).data
    checklist = " ".join(" ".join(pdf_pages_text(counted)).split())
    assert "soit 72 cartons pour 24 élèves" in checklist
    assert "soit 48 exemplaires pour 24 élèves (2 pages par élève)" in checklist
    standard = " ".join(
        " ".join(pdf_pages_text(client.post("/fr/facilitate/session", data=TWO).data)).split()
    )
    assert "90 cartons pour une classe de 30" in standard
