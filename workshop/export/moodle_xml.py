"""The question bank in Moodle XML: multichoice questions, HTML kept in the feedback."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markupsafe import escape

from ..catalog.models import Catalog
from ..planning.choices import SessionChoices
from .questions import bank_for, fractions, percent


def _text(parent: ET.Element, tag: str, value: str, html: bool = False) -> ET.Element:
    """<tag format="html"><text>value</text></tag>; ElementTree escapes the text."""
    element = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(element, "text").text = str(value)
    return element


def question_bank_xml(catalog: Catalog, choices: SessionChoices) -> bytes:
    """A <quiz> with a category question before each module's multichoice questions."""
    quiz = ET.Element("quiz")
    for category in bank_for(catalog, choices):
        marker = ET.SubElement(quiz, "question", {"type": "category"})
        _text(marker, "category", f"$course$/top/{category.path}")
        for item in category.items:
            question = ET.SubElement(quiz, "question", {"type": "multichoice"})
            _text(question, "name", f"{category.module}-{item.id}")
            _text(question, "questiontext", str(escape(item.question)), html=True)
            ET.SubElement(question, "defaultgrade").text = "1"
            ET.SubElement(question, "single").text = "false" if item.multiple else "true"
            ET.SubElement(question, "shuffleanswers").text = "false"
            ET.SubElement(question, "answernumbering").text = "abc"
            for option, mark in zip(item.options, fractions(item), strict=True):
                answer = _text(question, "answer", str(escape(option.text)), html=True)
                answer.set("fraction", percent(mark))
                _text(answer, "feedback", str(option.explanation), html=True)
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True)
