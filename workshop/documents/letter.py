"""The parent letter of one session, beyond its PDF: a Word file a school puts on its
letterhead, and plain text to paste into its ENT. Both are read from the letter's HTML
(the same text as the PDF and the briefing), so there is one letter, not three.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

from docx import Document
from docx.shared import Pt


@dataclass
class Block:
    """A paragraph or a list item: runs of (text, bold, italic)."""

    item: bool = False
    runs: list[tuple[str, bool, bool]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(run[0] for run in self.runs).split())


class _Blocks(HTMLParser):
    """Rendered letter HTML (p, ul/ol/li, strong/b, em/i, br) as blocks of runs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.bold = self.italic = 0
        self.current: Block | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li", "h1", "h2", "h3"):
            self.current = Block(item=tag == "li")
            self.blocks.append(self.current)
        elif tag in ("strong", "b", "h1", "h2", "h3"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "br" and self.current is not None:
            self.current.runs.append(("\n", False, False))

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag in ("p", "li"):
            self.current = None

    def handle_data(self, data):
        if not data.strip() and self.current is None:
            return
        if self.current is None:
            self.current = Block()
            self.blocks.append(self.current)
        self.current.runs.append((data, self.bold > 0, self.italic > 0))


def letter_blocks(html: str) -> list[Block]:
    """The letter's paragraphs and list items, in order, empty ones left out."""
    parser = _Blocks()
    parser.feed(html)
    return [block for block in parser.blocks if block.text]


def letter_text(title: str, html: str) -> str:
    """The letter as plain text: a paragraph a line, list items with a dash."""
    lines = [title, ""]
    for block in letter_blocks(html):
        lines.append(("- " if block.item else "") + block.text)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def letter_docx(title: str, html: str, lang: str) -> bytes:
    """The letter as a Word document (python-docx), with real list items and emphasis."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    document.core_properties.title = title
    document.core_properties.language = lang
    document.core_properties.author = ""
    for block in letter_blocks(html):
        paragraph = document.add_paragraph(style="List Bullet" if block.item else None)
        for text, bold, italic in block.runs:
            run = paragraph.add_run(" ".join(text.split("\n")) if text != "\n" else "")
            if text == "\n":
                run.add_break()
            run.bold, run.italic = bold or None, italic or None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
