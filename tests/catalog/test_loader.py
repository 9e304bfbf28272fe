"""The catalog: loaded once into immutable objects, facilitator notes kept apart."""

from __future__ import annotations

import dataclasses

import pytest

from workshop.catalog import load_catalog
from workshop.catalog.models import PupilText

from ..conftest import FIXTURE_CONTENT


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE_CONTENT, ("fr", "en"), "fr", "fr")


def test_lesson_parts_are_read(catalog):
    lesson = catalog.lesson("demo", "13-15", "fr")
    assert lesson.pupil.title == "Leçon de démonstration"
    assert [step.title for step in lesson.pupil.steps] == [
        "First step fr",
        "Second step fr",
        "Third step fr",
    ]
    assert lesson.facilitator.plan_minutes == 55
    assert [item.is_core for item in lesson.facilitator.plan] == [True, True, False]
    assert lesson.scenario.start == "start"
    assert [node.id for node in lesson.scenario.ends] == ["end-help", "end-block", "end-late"]
    assert len(lesson.quiz.items) == 4


def test_pupil_text_holds_no_facilitator_field_or_text(catalog):
    lesson = catalog.lesson("demo", "13-15", "fr")
    fields = {field.name for field in dataclasses.fields(PupilText)}
    assert not fields & {"objectives", "plan", "discussion", "sections", "scenario_prompts"}
    pupil_text = repr(lesson.pupil) + repr(lesson.scenario) + repr(lesson.quiz)
    assert "FACILITATOR-ONLY" not in pupil_text
    assert "FACILITATOR-ONLY background fr." in lesson.facilitator.sections["background"]
    assert lesson.facilitator.scenario_prompts["start"].prompt == "FACILITATOR-ONLY prompt fr"


def test_catalog_objects_cannot_be_changed(catalog):
    lesson = catalog.lesson("demo", "13-15", "fr")
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.pupil.title = "changed"
    with pytest.raises(TypeError):
        catalog.lessons[("x", "y", "z")] = lesson
    with pytest.raises(TypeError):
        lesson.scenario.nodes["new"] = lesson.scenario.nodes["start"]


def test_translation_follows_the_source_revision(catalog):
    source = catalog.lesson("demo", "13-15", "fr")
    translation = catalog.lesson("demo", "13-15", "en")
    assert translation.source_revision == source.revision
    assert source.source_revision is None


def test_law_dates_keep_their_precision(tmp_path):
    from workshop.catalog.errors import ErrorLog
    from workshop.catalog.schema import Fields

    log = ErrorLog()
    fields = Fields({"a": "2019", "b": "2023-06", "c": "2019-13", "d": "soon"}, "f.toml", log)
    assert fields.law_date("a").precision == "year"
    assert fields.law_date("b").precision == "month"
    assert fields.law_date("c") is None and fields.law_date("d") is None
    assert [e.field for e in log.errors] == ["c", "d"]
