"""The kinds of slide (planning/deck/slide.py): each kind is one class, registered by its
name, with its template; a slide holds only its own kind's content (issue 30). That every
kind in every real deck is registered, and renders, is tests/facilitate/test_every_slide.py."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import ClassVar

import pytest

from workshop.catalog.statements import lesson_statements
from workshop.planning.deck import (
    KINDS,
    Closing,
    Slide,
    Starter,
    Title,
    notes_template_of,
    template_of,
)
from workshop.planning.deck.slide import _Draft

TEMPLATES = Path(__file__).resolve().parents[2] / "workshop" / "templates"


def test_every_kind_has_its_class_and_template_and_every_template_its_kind():
    assert len(KINDS) >= 13
    for kind, cls in KINDS.items():
        assert cls.kind == kind and issubclass(cls, Slide)
        assert (TEMPLATES / template_of(kind)).is_file(), kind
    projected = {path.stem for path in (TEMPLATES / "facilitate" / "slide").glob("*.html")}
    assert projected == set(KINDS)  # no template left over from a kind that is gone
    notes = {path.stem for path in (TEMPLATES / "facilitate" / "notes").glob("*.html")}
    assert notes - {"none"} <= set(KINDS)
    assert all((TEMPLATES / notes_template_of(kind)).is_file() for kind in notes - {"none"})


def test_a_kind_is_named_once():
    with pytest.raises(TypeError, match="title"):

        class Another(Slide):
            kind: ClassVar[str] = "title"

    assert KINDS["title"] is Title


def test_a_slide_holds_its_own_kinds_content_and_nothing_else(real_app):
    """A draft builds its kind's class; what the kind needs is required, and another kind's
    content is refused (no empty field standing for what a slide does not show)."""
    lesson = real_app.extensions["catalog"].lesson("grooming", "13-15", "fr")
    statement = lesson_statements(lesson)[0]
    slide = _Draft(Starter, lesson, {"statement": statement}).slide(3)
    assert type(slide) is Starter and slide.statement is statement and slide.kind == "starter"
    with pytest.raises(TypeError, match="statement"):
        _Draft(Starter, lesson).slide(3)
    with pytest.raises(TypeError, match="node"):
        _Draft(Title, lesson, {"node": lesson.scenario.nodes[lesson.scenario.start]}).slide(1)
    common = {f.name for f in fields(Slide)}
    own = {kind: {f.name for f in fields(cls)} - common for kind, cls in KINDS.items()}
    assert own["title"] == set() and own["closing"] == {"contact"} == set(own["closing"])
    assert own["starter"] == {"statement", "again"}
    assert own["step"] == {"step", "blocks", "key_lines"}
    assert own["question"] == own["answer"] == {"item", "indices"}
    assert own["situation"] == {"node", "blocks", "indices"}
    assert own["consequences"] == {"node", "indices"}
    assert not hasattr(Closing(number=1, lesson=lesson, contact=""), "statement")
