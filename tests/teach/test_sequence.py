"""The sequence around the visit, on the real lessons: follow-ups built from the session's
own lessons, never the visit's slides in the visit's order, dated from the session."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.planning import SessionChoices
from workshop.planning.deck import QuizSlide
from workshop.planning.sequence import (
    FOLLOW_UP_WEEKS,
    build_sequence,
    disclosure_protocol,
    sequence_texts,
)

DAY = dt.date(2027, 3, 15)
SECOND = dt.date(2027, 3, 17)  # the second period, two days later


def choices(tier="13-15", lang="fr", modules=("grooming", "images"), **more):
    return SessionChoices(
        lang=lang, tier=tier, modules=modules, periods=2, dates=(DAY, SECOND), **more
    )


def slide_key(slide) -> tuple:
    """What a slide shows, whatever its number: its kind, lesson, and item or card."""
    item, node = getattr(slide, "item", None), getattr(slide, "node", None)
    return (
        slide.kind,
        slide.lesson.key,
        item.id if item else None,
        node.id if node else None,
        getattr(slide, "blocks", ()),
        getattr(slide, "indices", ()),
    )


def in_order(part: list, whole: list) -> bool:
    """Whether `part` appears in `whole` in the same order (a subsequence)."""
    found = iter(whole)
    return all(any(key == other for other in found) for key in part)


def every_session():
    for tier in ("11-13", "13-15", "15-18"):
        for lang in ("fr", "en"):
            for modules in (
                ("grooming",),
                ("grooming", "images"),
                ("grooming", "images", "recruitment"),
            ):
                yield choices(tier, lang, modules)


def test_the_dates_follow_the_session(real_app):
    """The preparation the week before the first period, one visit step per period on its
    own day, the follow-ups and the re-check counted from the last period."""
    sequence = build_sequence(real_app.extensions["catalog"], choices())
    dates = [(e.kind, e.number, e.date) for e in sequence.events]
    assert dates == [
        ("preparation", 1, dt.date(2027, 3, 8)),
        ("visit", 1, DAY),
        ("visit", 2, SECOND),
        ("follow-up", 1, dt.date(2027, 3, 24)),
        ("follow-up", 2, dt.date(2027, 3, 31)),
        ("follow-up", 3, dt.date(2027, 4, 14)),
        ("recheck", 1, dt.date(2027, 4, 28)),
    ]
    assert [e.minutes for e in sequence.events if e.kind == "visit"] == [55, 55]
    undated = build_sequence(
        real_app.extensions["catalog"], SessionChoices(lang="fr", tier="13-15", modules=("images",))
    )
    assert not undated.dated and all(e.date is None for e in undated.events)


@pytest.mark.parametrize(
    "session", list(every_session()), ids=lambda c: f"{c.tier}-{c.lang}-{len(c.modules)}"
)
def test_follow_ups_use_only_the_sessions_lessons_and_never_replay_the_visit(real_app, session):
    catalog = real_app.extensions["catalog"]
    sequence = build_sequence(catalog, session)
    lessons = {lesson.key: lesson for lesson in sequence.lessons}
    assert set(lessons) == {(m, session.tier, session.lang) for m in session.modules}
    visit = [slide_key(s) for s in sequence.visit_slides]
    assert len(sequence.follow_ups) == len(FOLLOW_UP_WEEKS)
    for follow_up in sequence.follow_ups:
        assert 2 <= len(follow_up.quiz) <= 3
        for pick in follow_up.quiz:  # the lesson's own question, the very object approved
            assert any(pick.item is item for item in lessons[pick.lesson.key].quiz.items)
        scenario = lessons[follow_up.scenario_lesson.key].scenario
        assert scenario.nodes[follow_up.ending.id] is follow_up.ending and follow_up.ending.is_end
        assert any(c.to == follow_up.ending.id for c in follow_up.decision.choices)
        assert follow_up.message_text in lessons[follow_up.message_lesson.key].pupil.key_messages
        for slide in follow_up.slides:
            assert slide.lesson.key in lessons
        assert [s.number for s in follow_up.slides] == list(range(1, len(follow_up.slides) + 1))
        assert follow_up.slides[-1].kind == "closing"  # always ends on the help routes
        assert not in_order([slide_key(s) for s in follow_up.slides], visit)
    # Three follow-ups, three different sets of questions.
    assert len({tuple(p.item.id for p in f.quiz) for f in sequence.follow_ups}) == 3


def test_questions_not_seen_in_class_come_first(real_app):
    """One period for one module: the quiz is optional, so what the visit left out comes
    back first."""
    catalog = real_app.extensions["catalog"]
    session = SessionChoices(lang="fr", tier="13-15", modules=("grooming",), periods=1)
    sequence = build_sequence(catalog, session)
    projected = {s.item.id for s in sequence.visit_slides if isinstance(s, QuizSlide)}
    first = sequence.follow_ups[0].quiz
    unseen = [
        i for i in catalog.lesson("grooming", "13-15", "fr").quiz.items if i.id not in projected
    ]
    if unseen:
        assert not first[0].seen_in_class and first[0].item.id not in projected


def test_the_texts_are_filled_with_the_sessions_contact_and_the_shared_protocol(real_app):
    catalog = real_app.extensions["catalog"]
    session = choices(safeguarding_contact="Mme Martin, CPE <bureau 12>")
    texts = sequence_texts(catalog, session)
    assert "Mme Martin, CPE &lt;bureau 12&gt;" in texts["prep-adults"]
    assert "[[" not in "".join(texts.values())
    lessons = build_sequence(catalog, session).lessons
    assert disclosure_protocol(lessons) == lessons[0].facilitator.sections["disclosure"]
