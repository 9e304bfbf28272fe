"""The content vocabulary: each term's key, its label and its limits, defined once.

The catalog reads the keys and limits when it loads and checks the content; the session
planner reads the lengths; templates read the labels (`vocabulary` is in every template's
context). A new facilitator section or plan kind is one line here.
"""

from __future__ import annotations

from types import MappingProxyType

from flask_babel import lazy_gettext as _l

PERIOD_MINUTES = 55  # one French class period: every lesson plan fills one
SESSION_PERIODS = (1, 2, 3)  # a planned session lasts one to three periods
MAX_MODULES = 3  # modules in one planned session
MAX_CLASS_SIZE = 200  # pupils in one session: a year group in a hall, never more
# Below this many answers to a statement at one moment, no page, document or JSON gives its
# counts (only how many answered): with fewer, a pupil's answer could be worked out.
MIN_SHOWN_ANSWERS = 10
CARDS_PER_PUPIL = 3  # voting cards: green (true), red (false), white (not sure)
STEPS = (3, 5)  # pupil steps in a lesson
KEY_MESSAGES = 3
QUIZ_ITEMS = (4, 6)
QUIZ_OPTIONS = (2, 8)  # options of one quiz question, lettered A to H
ANSWER_LETTERS = "ABCDEFGH"
SCENARIO_DECISIONS, SCENARIO_ENDS = 2, 3  # at least, in every scenario
# The class teacher's re-check of the starter statements, in weeks after the visit; a saved
# session is kept until its retention has run from this day, so the re-check can happen.
RECHECK_WEEK = 6

# The facilitator-only sections of a lesson ("::: facilitator <key>"), in the pack's order.
FACILITATOR_SECTIONS = MappingProxyType(
    {
        "background": _l("Background for the presenter"),
        "ground-rules": _l("Ground rules"),
        "baseline": _l("Baseline activity"),
        "plenary": _l("Plenary: back to the baseline"),
        "talking-points": _l("Talking points"),
        "differentiation": _l("Differentiation"),
        "disclosure": _l("If a pupil discloses"),
        "follow-up": _l("Follow-up for the class teacher"),
    }
)

# The three answers to a starter statement, in the order every form, page and document
# shows them: the key (posted by a phone, typed for the cards, stored with the counts), its
# label, and the colour of its bar in the report (the card's colour, dark enough to read
# text beside it). The cards' counters are tinted alike in static/css/slides.css
# (.count-<key>); tests/test_one_place.py fails on a second copy of any of them.
ANSWERS = ("true", "false", "unsure")
ANSWER_LABELS = MappingProxyType(
    {"true": _l("True"), "false": _l("False"), "unsure": _l("Not sure")}
)
ANSWER_COLOURS = MappingProxyType({"true": "#1e6b3a", "false": "#a4161a", "unsure": "#5f6368"})

# Kinds of activity in a lesson's class plan.
PLAN_KINDS = MappingProxyType({"core": _l("core"), "optional": _l("optional")})

assert len(ANSWER_LETTERS) == QUIZ_OPTIONS[1], "one letter per possible quiz option"
assert tuple(ANSWER_LABELS) == tuple(ANSWER_COLOURS) == ANSWERS, "a label and a colour each"


def answer_letter(index: int) -> str:
    """The letter of a quiz option, from its position (0 is A)."""
    return ANSWER_LETTERS[index]


def session_length(periods: int) -> str:
    """A session's length in words: 'One period of 55 minutes', '2 periods of 55 minutes'."""
    if periods == 1:
        return _l("One period of %(minutes)s minutes", minutes=PERIOD_MINUTES)
    return _l("%(n)s periods of %(minutes)s minutes", n=periods, minutes=PERIOD_MINUTES)


# Adults' areas (the first part of the address after the language): a pupil is not
# expected there, so no quick exit in the way. They are told by the address, not the
# blueprint: the measure serves pupils (/<lang>/vote) and adults
# (/<lang>/facilitate/sessions/…/measure, /<lang>/review/sessions/…/measure). The screen
# link's pages (/<lang>/screen/…) are projected by an adult: no quick exit on a projector.
# The class teacher's link (/<lang>/teach/…) is an adult's too.
ADULT_AREAS = frozenset({"facilitate", "review", "screen", "teach"})
