"""The sequence of classroom slides: the session's plan, activity by activity, period by period.

One place builds it for the screen, the presenter view, the PDF, the PowerPoint file and the
offline kit. Each planned activity projects what its `slides` list names (see
docs/content-format.md); every period ends on the help slide. Content too long for one
screen is split here, at build time, onto continued slides: never shrunk on screen.
"""

from .build import build_deck, default_plan, plan_slides, session_deck, session_plan
from .flow import choice_slides, main_line, period_ends, situation_slides
from .kinds import QUIZ_QUESTIONS, _quiz, _scenario, _slides_for
from .slide import Slide
from .split import BUDGET

__all__ = [
    "BUDGET",
    "QUIZ_QUESTIONS",
    "Slide",
    "_quiz",
    "_scenario",
    "_slides_for",
    "build_deck",
    "choice_slides",
    "default_plan",
    "main_line",
    "period_ends",
    "plan_slides",
    "session_deck",
    "session_plan",
    "situation_slides",
]
