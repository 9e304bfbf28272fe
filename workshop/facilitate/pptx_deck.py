"""The deck as an editable PowerPoint file (python-pptx): one slide per deck slide, the
presenter's notes in the notes pane, every text box sized to hold its text.

Presenters who must add their service's slides open it in PowerPoint or LibreOffice
Impress. The text is the projected slide's, read from the same templates.
"""

from __future__ import annotations

import io
import math
from html.parser import HTMLParser

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.6)
TITLE_HEIGHT = Inches(1.3)
# Body sizes tried, largest first: a slide of the deck holds at most about 600 characters.
SIZES = (28, 24, 22, 20, 18, 16, 14)
LINE = 1.25  # line height, in font sizes
CHAR = 0.5  # average width of a character, in font sizes (Atkinson Hyperlegible, Calibri)
PURPLE = RGBColor(0x34, 0x19, 0x7D)
BLOCKS = {"p", "li", "h2", "h3", "div", "ol", "ul", "section", "br"}
LINE_BREAK = "\u2028"  # within a block: the hours under a help route's name (a line of its own)


class _Lines(HTMLParser):
    """Rendered HTML as lines of text: one line per paragraph, heading or list item."""

    def __init__(self):
        super().__init__()
        self.lines: list[tuple[str, str]] = []  # (tag of the block, text)
        self.tags: list[str] = []
        self.text = ""

    def _flush(self):
        # A line break inside a block (a help route's hours) stays one: "\v" is PowerPoint's.
        parts = (" ".join(part.split()) for part in self.text.split(LINE_BREAK))
        text = "\v".join(part for part in parts if part)
        if text:
            block = next((t for t in reversed(self.tags) if t in BLOCKS), "p")
            self.lines.append((block, text))
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self._flush()
        elif tag == "span" and "hours" in (dict(attrs).get("class") or "").split():
            self.text += LINE_BREAK
        if tag != "br":
            self.tags.append(tag)

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self._flush()
        if tag in self.tags:
            while self.tags and self.tags.pop() != tag:
                pass

    def handle_data(self, data):
        self.text += data


def html_lines(html: str) -> list[tuple[str, str]]:
    """(block tag, text) of each paragraph, heading or list item of some HTML."""
    parser = _Lines()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.lines


def lines_needed(texts: list[str], size: int, width: int) -> int:
    """How many lines these paragraphs take in a box `width` EMU wide at `size` points."""
    per_line = max(1, int(Emu(width).pt / (size * CHAR)))
    return sum(max(1, math.ceil(len(text) / per_line)) for text in texts)


def fitting_size(texts: list[str], width: int, height: int) -> int:
    """The largest body size at which the paragraphs fit the box."""
    for size in SIZES:
        if lines_needed(texts, size, width) * size * LINE <= Emu(height).pt:
            return size
    return SIZES[-1]


def build_pptx(slides: list[tuple[str, str]]) -> bytes:
    """A presentation from (slide HTML, notes HTML) pairs."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT
    blank = presentation.slide_layouts[6]
    for html, notes in slides:
        slide = presentation.slides.add_slide(blank)
        lines = html_lines(html)
        title = next((text for tag, text in lines if tag == "h2"), None)
        body = [text for tag, text in lines if text != title]
        width = WIDTH - 2 * MARGIN
        top = MARGIN
        if title:
            box = slide.shapes.add_textbox(MARGIN, top, width, TITLE_HEIGHT)
            box.name = "Title"
            frame = box.text_frame
            frame.word_wrap = True
            fits = lines_needed([title], 32, width) * 32 * LINE <= Emu(TITLE_HEIGHT).pt
            size = 32 if fits else fitting_size([title], width, TITLE_HEIGHT)
            frame.paragraphs[0].text = title
            frame.paragraphs[0].font.size = Pt(size)
            frame.paragraphs[0].font.bold = True
            frame.paragraphs[0].font.color.rgb = PURPLE
            top += TITLE_HEIGHT
        height = HEIGHT - top - MARGIN
        box = slide.shapes.add_textbox(MARGIN, top, width, height)
        box.name = "Body"
        frame = box.text_frame
        frame.word_wrap = True
        size = fitting_size(body, width, height)
        for index, text in enumerate(body or [""]):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = text
            paragraph.font.size = Pt(size)
        slide.notes_slide.notes_text_frame.text = "\n".join(text for _, text in html_lines(notes))
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
