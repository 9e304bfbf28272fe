"""The parent letter of one session (issue 25): only its modules, its level's sentence,
its periods, the head's name once approved; one page as a PDF, a Word file that reads
back with its library, and text to paste. On the real content, whose letter it is."""

from __future__ import annotations

import io

import pytest
from docx import Document

from ..conftest import REAL_CONTENT, app_with_database
from ..pdfs import pdf_text, reader
from ..sessions import decide, four_e, head_path, save

FOUR_E = four_e(role="Substitut du procureur")


@pytest.fixture
def real_store_app(database_url):
    app = app_with_database(REAL_CONTENT, database_url)
    yield app
    app.extensions["store"].dispose()


def letters(client, head) -> dict[str, str]:
    """The letter as each format gives it, as plain text on one line."""
    pdf = client.get(head + "letter.pdf")
    assert pdf.headers["Cache-Control"] == "no-store"
    assert len(reader(pdf.data).pages) == 1  # one page, on its own
    docx = client.get(head + "letter.docx")
    assert docx.headers["Cache-Control"] == "no-store"
    document = Document(io.BytesIO(docx.data))  # opens with its library
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) >= 4  # the modules, what to do, where to find help: real list items
    text = client.get(head + "letter.txt")
    assert text.mimetype == "text/plain"
    return {
        "pdf": " ".join(pdf_text(pdf.data).split()),
        "docx": " ".join(" ".join(p.text for p in document.paragraphs).split()),
        "txt": " ".join(text.get_data(as_text=True).split()),
    }


def test_a_grooming_and_images_4e_letter_says_only_what_this_class_gets(real_store_app):
    client = real_store_app.test_client()
    path = save(client, **FOUR_E)
    head = head_path(client.get(path).get_data(as_text=True))
    for found in letters(client, head).values():
        assert "Mme Martin" not in found  # not signed before approval
    decide(client, head, verdict="approved", name="Mme Martin", role="Principale")
    for kind, found in letters(client, head).items():
        assert "Collège Jean Moulin" in found and "4e B" in found, kind
        assert "la manipulation en ligne" in found and "les images intimes" in found, kind
        assert "recrutement" not in found, kind  # not a module of this session
        # The last module's item ends the list with a full stop, not the ";" it had
        # before the recruitment item that this session leaves out.
        assert "leur partage et le chantage." in found, kind
        assert "le chantage ;" not in found, kind
        # The level's own sentence (tiers.toml), not another level's.
        assert "Reconnaître la manipulation, les nudes et la loi" in found, kind
        assert "Qui se cache derrière un profil" not in found, kind
        assert "2 séances de 55 minutes" in found, kind
        # Each period's date, not only the first one's.
        assert "le 14 mars 2027 et le 21 mars 2027" in found, kind
        assert "Mme Durand (Substitut du procureur)" in found, kind
        assert "Mme Martin, Principale" in found, kind  # signed by the head
        assert "119" in found and "3018" in found, kind
        assert "[[" not in found and "……" not in found, kind  # every blank filled


def test_the_english_letter_of_a_one_period_lycee_session(real_store_app):
    client = real_store_app.test_client()
    one_period = four_e(
        role="Substitut du procureur",
        lang="en",
        tier="15-18",
        modules="recruitment",
        periods="1",
        date_2=None,
    )
    path = save(client, "en", **one_period)
    head = head_path(client.get(path).get_data(as_text=True))
    decide(client, head, verdict="approved", name="Ms Martin", role="Head")
    found = letters(client, head)["txt"]
    assert "recruitment through social media" in found and "online grooming" not in found
    assert "Offers that are too good" in found and "Spotting manipulation" not in found
    assert "a session of 55 minutes" in found  # one module fills one period
    # Day first in English too (en-GB).
    assert "on 14 March 2027" in found and "21 March" not in found and "Ms Martin, Head" in found


def test_the_family_sheet_is_in_the_heads_parent_letter_set(real_store_app):
    """The head's page offers the sheet the pupils take home beside the letter (issue 28):
    the same one page as the class teacher's, for this session's level and language."""
    client = real_store_app.test_client()
    head = head_path(client.get(save(client, **FOUR_E)).get_data(as_text=True))
    page = client.get(head).get_data(as_text=True)
    assert f'href="{head}family.pdf"' in page
    sheet = client.get(head + "family.pdf")
    assert sheet.status_code == 200 and sheet.headers["Cache-Control"] == "no-store"
    assert len(reader(sheet.data).pages) == 1
    text = " ".join(pdf_text(sheet.data).split())
    assert "3018" in text and "119" in text
    assert client.get(head + "nothing.pdf").status_code == 404


def test_the_briefing_ends_with_its_letters_each_on_one_page(real_store_app):
    """The briefing's sample letters (French, English) each keep to one page with their
    signature, and the colophon comes before them: no almost blank last page."""
    client = real_store_app.test_client()
    head = head_path(client.get(save(client, **FOUR_E)).get_data(as_text=True))
    pages = [
        " ".join(p.extract_text().split())
        for p in reader(client.get(head + "briefing.pdf").data).pages
    ]
    french = next(i for i, text in enumerate(pages) if "Madame, Monsieur," in text)
    assert "salutations distinguées" in pages[french]
    assert "le 14 mars 2027 et le 21 mars 2027" in pages[french]  # the session's periods
    last = pages[-1]
    assert "Dear Parent or Carer" in last and "Yours faithfully" in last
    # The colophon closes the briefing proper, before the letters to copy.
    assert "Imprimé le" in pages[french - 1] and "Imprimé le" not in last
