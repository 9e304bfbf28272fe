"""The deck as a PowerPoint file, read back: one slide per deck slide, the notes in the
notes pane, no text box overflowing its slide."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.util import Emu

from workshop.facilitate.pptx_deck import LINE, lines_needed

SESSION = (
    "/{lang}/facilitate/slides/session?lang={lang}&tier=13-15&modules=grooming"
    "&modules=images&modules=recruitment&periods=3"
)


def read_back(response):
    assert response.status_code == 200
    assert response.mimetype.endswith("presentationml.presentation")
    return Presentation(io.BytesIO(response.data))


def deck_total(client, url: str) -> int:
    page = client.get(url).get_data(as_text=True)
    return int(page.split('data-total="', 1)[1].split('"', 1)[0])


def assert_fits(presentation):
    width, height = presentation.slide_width, presentation.slide_height
    for number, slide in enumerate(presentation.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, number
            assert shape.left + shape.width <= width, number
            assert shape.top + shape.height <= height, number
            if not shape.has_text_frame:
                continue
            paragraphs = [p for p in shape.text_frame.paragraphs if p.text]
            for paragraph in paragraphs:
                assert paragraph.font.size.pt >= 14, number
            used = sum(
                lines_needed([p.text], p.font.size.pt, shape.width) * p.font.size.pt * LINE
                for p in paragraphs
            )
            assert used <= Emu(shape.height).pt, (number, shape.name, used)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_session_pptx_has_every_slide_and_its_notes(real_client, lang):
    url = SESSION.format(lang=lang)
    total = deck_total(real_client, url)
    presentation = read_back(real_client.get(url.replace("/session?", "/session/slides.pptx?")))
    assert len(presentation.slides) == total
    for slide in presentation.slides:
        assert slide.has_notes_slide
        assert slide.notes_slide.notes_text_frame.text.strip()
    assert_fits(presentation)
    texts = [
        " ".join(s.text for s in slide.shapes if s.has_text_frame) for slide in presentation.slides
    ]
    assert "3018" in texts[-1] and "119" in texts[-1]


def test_lesson_pptx_reads_back_with_the_same_slides(real_client):
    url = "/fr/facilitate/slides/13-15/grooming/"
    presentation = read_back(real_client.get(url + "slides.pptx"))
    assert len(presentation.slides) == deck_total(real_client, url)
    assert_fits(presentation)
    notes = [s.notes_slide.notes_text_frame.text for s in presentation.slides]
    assert all(n.strip() for n in notes)


def test_the_deck_links_to_its_pptx(client):
    page = client.get("/en/facilitate/slides/13-15/demo/").get_data(as_text=True)
    assert 'href="/en/facilitate/slides/13-15/demo/slides.pptx"' in page


def test_help_slides_keep_each_services_hours_on_a_line_of_its_own(real_client):
    """The help slide's routes: "3018 e-Enfance", a line break, then its hours, never run
    together ("e-Enfance7j/7"); the quiz's answer notes hold every option's explanation."""
    url = SESSION.format(lang="fr")
    presentation = read_back(real_client.get(url.replace("/session?", "/session/slides.pptx?")))
    closing = presentation.slides[len(presentation.slides) - 1]
    paragraphs = [p for s in closing.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    route = next(p for p in paragraphs if p.text.startswith("3018"))
    assert "\v" in route.text and route._p.xpath("./a:br")
    name, hours = route.text.split("\v", 1)
    assert name.strip() and hours.strip() and not name.endswith(hours)
    answers = [
        slide
        for slide in presentation.slides
        if "Quiz : la réponse" in " ".join(s.text for s in slide.shapes if s.has_text_frame)
    ]
    assert answers
    notes = answers[0].notes_slide.notes_text_frame.text
    assert notes.count("\n") >= 3
