"""The deck is the plan: each planned activity's slides in plan order, a help slide closing
every period, starter statements without their answers, long content split."""

from __future__ import annotations

import re

import pytest

from workshop.catalog.statements import lesson_statements
from workshop.planning import build_deck, lessons_for, plan_session, read_choices
from workshop.planning.deck import BUDGET, choice_slides, main_line, period_ends, plan_slides


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
    main = main_line(deck)
    assert len(closing) == 3 and closing[-1] == main[-1]
    for number in closing:
        slide = deck[number - 1]
        assert slide.contact == "Mme Dupont, CPE"
        # After a period's closing slide: its scenario's other branches, then the next period.
        later = [s for s in deck if s.number > number and not s.branch]
        assert not later or later[0].period == slide.period + 1
        branches = [s for s in deck if s.number > number and s.branch and s.period == slide.period]
        assert branches and branches[0].number == number + 1
        assert branches[0].kind == "branches"
        assert {s.kind for s in branches[1:]} == {"situation", "consequences"}


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
    deck = build_deck((lesson,))
    kinds = [s.kind for s in deck]
    assert kinds[0] == "title" and [s.kind for s in deck if not s.branch][-1] == "closing"
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
            blocks = getattr(slide, "blocks", ())  # the kinds that project blocks of text
            text = sum(len(str(b)) for b in blocks)
            if slide.parts > 1 and blocks:
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
    every = [s for lesson in catalog.lessons.values() for s in build_deck((lesson,))]
    slides = [s for s in every if hasattr(s, "blocks")]  # the kinds that project text blocks
    assert any(s.parts > 1 and s.blocks for s in slides)
    too_full = [
        (s.lesson.key, s.kind, s.part, chars)
        for s in slides
        if len(s.blocks) > 1
        and (chars := sum(len(re.sub(r"<[^>]+>", "", str(b)).strip()) for b in s.blocks))
        > SCREENFUL
    ]
    assert too_full == []


def every_session(catalog):
    """Every kind of deck: each tier, each set of modules, 1 to 3 periods, both languages."""
    from itertools import combinations

    from workshop.planning import SessionChoices

    modules = sorted(catalog.modules)
    for lang in ("fr", "en"):
        for tier in catalog.tiers:
            for size in range(1, len(modules) + 1):
                for chosen in combinations(modules, size):
                    for periods in (1, 2, 3):
                        yield SessionChoices(lang=lang, tier=tier, modules=chosen, periods=periods)


def decks(app):
    from workshop.planning.deck import session_deck

    catalog = app.extensions["catalog"]
    seen = set()
    for choices in every_session(catalog):
        deck = session_deck(lessons_for(catalog, choices), choices)
        key = tuple((s.kind, s.lesson.key, s.part, s.branch) for s in deck)
        if key not in seen:  # a session too short for its modules gets a longer plan
            seen.add(key)
            yield choices, deck


def scenario_paths(deck, start):
    """Every path a class can take through a scenario from its start card's first slide: the
    number of slides it sees, up to the slide it goes back to."""
    by_number = {s.number: s for s in deck}
    leads = choice_slides(deck)
    lengths = []

    def walk(number, seen):
        slide = by_number[number]
        if slide.kind not in ("situation", "consequences"):
            lengths.append(seen)
            return
        if slide.kind == "situation" and slide.node.choices and slide.part == slide.parts:
            for index in range(len(slide.node.choices)):
                walk(leads[(slide.lesson.module, slide.node.id, index)], seen + 1)
        else:
            walk(slide.go_next, seen + 1)

    walk(start, 0)
    return lengths


# "About 40-60 slides an hour" (issue 26): 60 with 5 % to spare, the most a period's main
# line may hold (recruitment 15-18 reached 62 once the meeting rule joined its steps; the
# deck before this work had 73-92).
MOST = 63


def test_every_period_is_a_main_line_of_40_to_60_slides_along_any_path(real_app):
    """About 40-60 slides an hour, as a class follows it: every period of every kind of deck
    (tier, modules, 1-3 periods, language) shows 40 to 60 slides in 55 minutes along any path
    through its scenario, the longest path being the one the main line walks. (A period the
    plan leaves empty, one module over two periods, is its help slide alone.)"""
    checked = 0
    for choices, deck in decks(real_app):
        main = [deck[n - 1] for n in main_line(deck)]
        for period in sorted({s.period for s in deck}):
            shown = [s for s in main if s.period == period]
            if [s.kind for s in shown] == ["closing"]:
                continue
            starts = [
                s
                for s in shown
                if s.kind == "situation" and s.node.id == s.lesson.scenario.start and s.part == 1
            ]
            on_path = sum(s.kind in ("situation", "consequences") for s in shown)
            paths = [length for s in starts for length in scenario_paths(deck, s.number)]
            assert paths and on_path == max(paths), (choices, period)
            shortest = len(shown) - on_path + min(paths)
            # The main line (the longest path) holds 40-60; a class that takes a short
            # path sees a few slides less (55 minutes at 40 an hour is 37).
            assert 40 <= len(shown) <= MOST and shortest >= 35, (choices, period, shortest)
            checked += 1
    assert checked > 100


def test_the_arrows_walk_the_main_line_and_the_control_reaches_every_branch(real_app):
    """From slide 1 the arrow keys walk the main line to the last closing slide and never into
    a branch; from each scenario's start card, the presenter's "the class chose X" (each
    choice's slide) and the arrows reach every card and every consequence, and each ending
    leads back to the main-line slide after the scenario."""
    checked = 0
    for choices, deck in decks(real_app):
        main = main_line(deck)
        walked, number = [1], 1
        while deck[number - 1].go_next and deck[number - 1].go_next != number:
            number = deck[number - 1].go_next
            if deck[number - 1].branch:  # a default path's consequence is on the main line
                raise AssertionError((choices, number))
            walked.append(number)
        assert walked == main, choices
        leads = choice_slides(deck)
        for start in (
            s
            for s in deck
            if s.kind == "situation" and s.part == 1 and s.node.id == s.lesson.scenario.start
        ):
            reached, todo = set(), [start.number]
            while todo:
                slide = deck[todo.pop() - 1]
                if slide.number in reached or slide.kind not in ("situation", "consequences"):
                    continue
                reached.add(slide.number)
                todo.append(slide.go_next)
                if slide.kind == "situation" and slide.node.choices:
                    todo += [leads[(slide.lesson.module, slide.node.id, i)] for i in slide.indices]
                if (
                    slide.kind == "situation"
                    and not slide.node.choices
                    and slide.part == slide.parts
                ):
                    assert slide.go_next == slide.back and not deck[slide.back - 1].branch
            scenario = {
                s.number
                for s in deck
                if s.kind in ("situation", "consequences")
                and s.lesson is start.lesson
                and s.period == start.period
            }
            assert reached == scenario, choices
            checked += 1
    assert checked > 50


def test_a_long_step_projects_its_key_lines_and_the_rules_their_names(real_app):
    """A step longer than a screen shows each paragraph's first sentence and each point's
    bold lead (the whole text stays in the notes and the pupils' pages); the ground rules fit
    one slide as their bold names."""
    lesson = real_app.extensions["catalog"].lesson("grooming", "15-18", "fr")
    deck = build_deck((lesson,))
    step = lesson.pupil.steps[2]  # the images blackmail: five reflexes in bold
    slides = [s for s in deck if s.kind == "step" and s.step is step]
    shown = " ".join(str(b) for s in slides for b in s.blocks)
    assert all(s.key_lines for s in slides) and len(slides) <= 3
    for lead in ("Ne paie pas", "Ne réponds plus", "Garde les preuves", "Bloque et signale"):
        assert f"<strong>{lead}</strong>" in shown
    assert "payer lui montre" in str(step.html) and "payer lui montre" not in shown
    assert "Théo a 16 ans" in shown
    rules = [s for s in deck if s.kind == "rules"]
    assert len(rules) == 1 and "<strong>Droit de sortir.</strong></li>" in str(rules[0].blocks)


def test_a_step_that_fits_one_slide_keeps_its_whole_text(app):
    """Only a step longer than a screen is cut to its key lines (the demo's steps are short)."""
    from workshop.planning.deck import _slides_for

    lesson = app.extensions["catalog"].lesson("demo", "13-15", "fr")
    drafts = _slides_for("step-1", lesson)
    assert len(drafts) == 1 and not drafts[0].extra.get("key_lines")
    shown = "".join(str(b) for b in drafts[0].extra["blocks"])
    assert shown.strip() == str(lesson.pupil.steps[0].html).strip()


def test_the_heads_page_names_each_periods_slides_up_to_its_closing(real_app):
    """The head's page links each period's slides "1 to 55": the main line the arrows walk,
    not the other branches after the closing slide."""
    from workshop.review.saved import deck_periods

    lessons, plan = session(real_app, ["grooming", "images", "recruitment"], 3)
    deck = build_deck(lessons, plan)
    periods = deck_periods(deck)
    assert [p for p, _, _ in periods] == [1, 2, 3]
    for _, first, last in periods:
        assert deck[last - 1].kind == "closing" and not deck[first - 1].branch
        assert 40 <= len([n for n in main_line(deck) if first <= n <= last]) <= MOST
