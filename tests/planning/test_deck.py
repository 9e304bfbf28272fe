"""The deck is the plan: each planned activity's slides in plan order, a help slide closing
every period, starter statements without their answers, long content split."""

from __future__ import annotations

import re

import pytest

from workshop.catalog.statements import lesson_statements
from workshop.planning import build_deck, lessons_for, plan_session, read_choices
from workshop.planning.deck import BUDGET, period_ends, plan_slides


def session(app, modules, periods, lang="fr", tier="13-15"):
    from werkzeug.datastructures import MultiDict

    fields = MultiDict(
        [
            ("lang", lang),
            ("tier", tier),
            ("periods", str(periods)),
            *(("modules", m) for m in modules),
        ]
    )
    catalog = app.extensions["catalog"]
    with app.test_request_context():
        choices, errors, _ = read_choices(fields, catalog)
    assert errors == {}
    lessons = lessons_for(catalog, choices)
    return lessons, plan_session(lessons, choices.minutes)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_three_modules_three_periods_follow_the_plan(real_app, lang):
    lessons, plan = session(real_app, ["grooming", "images", "recruitment"], 3, lang)
    deck = build_deck(lessons, plan, contact="Mme Dupont, CPE")
    planned = [s.activity for s in deck if s.first_of_activity]
    assert planned == list(plan.activities)  # every activity, in plan order
    assert [s.period for s in deck] == sorted(s.period for s in deck)
    closing = period_ends(deck)
    assert len(closing) == 3 and closing[-1] == len(deck)
    for number in closing:
        slide = deck[number - 1]
        assert slide.contact == "Mme Dupont, CPE"
        later = [s for s in deck if s.number > number]
        assert not later or later[0].period == slide.period + 1


def test_each_period_is_timed_from_zero(real_app):
    _, plan = session(real_app, ["grooming", "images", "recruitment"], 3)
    for period, activities in plan.periods:
        assert activities and activities[0].minute == 0
        assert all(a.minute_end <= 55 for a in activities), period


def test_a_lesson_plan_projects_what_its_activities_say(real_app):
    lesson = real_app.extensions["catalog"].lesson("grooming", "13-15", "fr")
    names = [plan_slides(lesson, item) for item in lesson.facilitator.plan]
    assert names[0] == ("welcome",) and names[1] == ("starter",)
    assert ("step-1", "step-2") in names and ("scenario",) in names and ("quiz",) in names
    assert names[-2] == ("starter", "messages") and names[-1] == ("what-to-do",)
    kinds = [s.kind for s in build_deck((lesson,))]
    assert kinds[0] == "title" and kinds[-1] == "closing"
    for kind in (
        "rules",
        "starter",
        "step",
        "situation",
        "consequences",
        "question",
        "answer",
        "what-to-do",
        "messages",
    ):
        assert kind in kinds, kind


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_starter_statements_never_show_the_answer(real_app, lang):
    catalog = real_app.extensions["catalog"]
    for tier in catalog.tiers:
        for module in catalog.modules:
            statements = lesson_statements(catalog.lesson(module, tier, lang))
            assert len(statements) >= 4
            for text in (statement.text for statement in statements):
                lowered = text.lower()
                assert not any(
                    answer in lowered for answer in ("(faux", "(vrai", "(false", "(true", "(agree")
                )


def test_every_option_of_every_answer_is_shown_once(real_app):
    """The deck projects the quiz slot's 4 questions (the plan asks 3 or 4 in 5 minutes), each
    with all its options on one slide, then every explanation once."""
    lesson = real_app.extensions["catalog"].lesson("images", "15-18", "en")
    deck = build_deck((lesson,))
    asked = [s.item for s in deck if s.kind == "question"]
    assert asked == list(lesson.quiz.items[:4]) and len(lesson.quiz.items) > 4
    for item in asked:
        questions = [s for s in deck if s.kind == "question" and s.item is item]
        assert len(questions) == 1 and questions[0].indices == tuple(range(len(item.options)))
        shown = [i for s in deck if s.kind == "answer" and s.item is item for i in s.indices]
        assert shown == list(range(len(item.options)))


def test_long_content_goes_onto_continued_slides(real_app):
    catalog = real_app.extensions["catalog"]
    continued = 0
    for lesson in catalog.lessons_for("15-18", "fr"):
        for slide in build_deck((lesson,)):
            assert 1 <= slide.part <= slide.parts
            text = sum(len(str(b)) for b in slide.blocks)
            if slide.parts > 1 and slide.blocks:
                continued += 1
                assert text < 4 * BUDGET
    assert continued, "no lesson was long enough to split: the loop checked nothing"


# What a projected 16:9 slide holds at its type size: about 14 lines of 70 characters. A
# number of its own rather than deck.BUDGET, so that this test still fails when the
# budget is raised until nothing is split.
SCREENFUL = 14 * 70


def test_no_slide_of_any_lesson_holds_more_than_a_screen(real_app):
    """Every lesson's deck, every tier and language: a slide of several blocks holds at
    most a screenful of text (with splitting turned off, a step's slide holds 2,000
    characters and more), and the long lessons do go onto continued slides."""
    catalog = real_app.extensions["catalog"]
    slides = [s for lesson in catalog.lessons.values() for s in build_deck((lesson,))]
    assert any(s.parts > 1 and s.blocks for s in slides)
    too_full = [
        (s.lesson.key, s.kind, s.part, chars)
        for s in slides
        if len(s.blocks) > 1
        and (chars := sum(len(re.sub(r"<[^>]+>", "", str(b)).strip()) for b in s.blocks))
        > SCREENFUL
    ]
    assert too_full == []
