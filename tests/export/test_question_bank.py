"""The question bank for the school's Moodle, read back by real tools: the GIFT file by the
gift-pegjs parser (node), the Moodle XML file by lxml. Each must give back exactly the
lessons' questions, options, right answers and explanations, one category per module."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from workshop.catalog import get_catalog
from workshop.planning.choices import SessionChoices

from ..sessions import save

ROOT = Path(__file__).resolve().parents[2]
READER = Path(__file__).with_name("gift_read.js")
TWO_MODULES = {"tier": "13-15", "modules": ["grooming", "images"], "lang": "fr"}


def expected(real_app, choices: SessionChoices) -> list[dict]:
    """What the lessons hold, in the order of the session's modules."""
    with real_app.app_context():
        catalog = get_catalog()
        found = []
        for module in choices.modules:
            lesson = catalog.lesson(module, choices.tier, choices.lang)
            found.append({"category": catalog.modules[module].titles[choices.lang]})
            for item in lesson.quiz.items:
                found.append(
                    {
                        "title": f"{module}-{item.id}",
                        "stem": item.question,
                        "options": [
                            {
                                "text": o.text,
                                "right": o.correct,
                                "feedback": o.explanation.striptags(),
                            }
                            for o in item.options
                        ],
                    }
                )
    return found


def read_gift(text: str) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "gift-pegjs").exists():
        if os.environ.get("CI"):
            pytest.fail("node and gift-pegjs (npm ci) are required in CI")
        pytest.skip("node or gift-pegjs missing (npm ci)")
    result = subprocess.run(
        [node, str(READER)], input=text, capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def saved(real_app):
    """A saved 4e session (13-15) with two modules in French: its presenter's path."""
    client = real_app.test_client()
    return save(client, tier="13-15", modules=["grooming", "images"], periods="2")


def test_the_gift_file_parses_back_to_the_lessons_questions(real_app, saved):
    response = real_app.test_client().get(saved + "moodle/questions.gift")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert (
        'filename="declic-questions-13-15-grooming-images-fr.gift"'
        in (response.headers["Content-Disposition"])
    )
    parsed = read_gift(response.get_data(as_text=True))
    want = expected(real_app, SessionChoices(**{**TWO_MODULES, "modules": ("grooming", "images")}))
    assert len([q for q in parsed if "type" in q]) == len([q for q in want if "title" in q]) > 4
    for got, item in zip(parsed, want, strict=True):
        if "category" in item:
            assert got["category"].endswith("/" + item["category"])
            assert got["category"].startswith("$course$/top/Déclic/")
            continue
        assert got["type"] == "MC"
        assert got["title"] == item["title"]
        assert got["stem"] == " ".join(item["stem"].split())
        assert [o["right"] for o in got["options"]] == [o["right"] for o in item["options"]]
        assert [o["text"] for o in got["options"]] == [o["text"] for o in item["options"]]
        assert [o["feedback"] for o in got["options"]] == [
            " ".join(o["feedback"].split()) for o in item["options"]
        ]


def test_gift_control_characters_are_escaped_so_that_the_parser_keeps_the_text():
    from workshop.export.gift import escape

    nasty = "Vrai = faux ~ peut-être #1 {x} : a\\b"
    out = escape(nasty)
    assert out == "Vrai \\= faux \\~ peut-être \\#1 \\{x\\} \\: a\\\\b"
    gift = f"::t::{out} {{\n=un {escape('=b')}#{escape('c:d')}\n~deux\n}}\n"
    (question,) = read_gift(gift)
    assert question["stem"] == nasty
    assert question["options"][0] == {"text": "un =b", "right": True, "feedback": "c:d"}


def test_the_moodle_xml_file_reads_back_to_the_lessons_questions(real_app, saved):
    response = real_app.test_client().get(saved + "moodle/questions.xml")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    root = etree.fromstring(response.data)  # well-formed, or this raises
    assert root.tag == "quiz"
    want = expected(real_app, SessionChoices(**{**TWO_MODULES, "modules": ("grooming", "images")}))
    questions = root.findall("question")
    assert len(questions) == len(want)
    for question, item in zip(questions, want, strict=True):
        if "category" in item:
            assert question.get("type") == "category"
            assert question.findtext("category/text").endswith("/" + item["category"])
            continue
        assert question.get("type") == "multichoice"
        assert question.findtext("name/text") == item["title"]
        # format="html": the text is HTML, read as a browser would
        stem = etree.fromstring(
            f"<p>{question.findtext('questiontext/text')}</p>", etree.HTMLParser()
        )
        assert stem.xpath("string()") == item["stem"]
        answers = question.findall("answer")
        right = [o["right"] for o in item["options"]]
        single = right.count(True) == 1
        assert question.findtext("single") == ("true" if single else "false")
        fractions = [float(a.get("fraction")) for a in answers]
        if single:
            assert fractions == [100.0 if r else 0.0 for r in right]
        else:
            assert [f > 0 for f in fractions] == right
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.01)
        for answer, option in zip(answers, item["options"], strict=True):
            text = etree.fromstring(f"<p>{answer.findtext('text')}</p>", etree.HTMLParser())
            assert text.xpath("string()") == option["text"]
            feedback = etree.fromstring(answer.findtext("feedback/text"), etree.HTMLParser())
            assert feedback.xpath("string()").strip() == option["feedback"].strip()


def test_a_lessons_bank_from_its_facilitator_page_is_public_and_one_module(real_client):
    response = real_client.get("/en/facilitate/11-13/images/moodle/questions.xml")
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("public")
    assert (
        'filename="declic-questions-11-13-images-en.xml"'
        in (response.headers["Content-Disposition"])
    )
    root = etree.fromstring(response.data)
    (category,) = root.findall("question[@type='category']")
    assert "Déclic/" in category.findtext("category/text")


@pytest.mark.parametrize(
    "path",
    [
        "/fr/facilitate/13-15/grooming/moodle/questions.pdf",
        "/fr/facilitate/13-15/grooming/moodle/images.scorm.zip",  # not this lesson's module
        "/fr/facilitate/13-15/grooming/moodle/follow-ups.zip",  # a lesson has no sequence
        "/fr/facilitate/99/grooming/moodle/questions.gift",
        "/fr/facilitate/13-15/nope/moodle/grooming.html.zip",
    ],
)
def test_an_unknown_export_is_a_helpful_404(real_client, path):
    response = real_client.get(path)
    assert response.status_code == 404
    assert "text/html" in response.content_type
