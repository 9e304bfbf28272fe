"""The sequence of classroom slides: the session's plan, activity by activity, period by period.

One place builds it for the screen, the presenter view, the PDF, the PowerPoint file and the
offline kit. Each planned activity projects what its `slides` list names (see
docs/content-format.md); every period ends on the help slide. Content too long for one
screen is split here, at build time, onto continued slides: never shrunk on screen. Each
kind of slide is a class of slide.py, which says what adding one takes.
"""

from .build import build_deck, default_plan, plan_slides, session_deck, session_plan
from .flow import choice_slides, main_line, period_ends, situation_slides
from .kinds import QUIZ_QUESTIONS, _quiz, _scenario, _slides_for
from .slide import (
    KINDS,
    ActivitySlide,
    Answer,
    Branches,
    Closing,
    Consequences,
    Messages,
    Question,
    QuizSlide,
    Rules,
    ScenarioSlide,
    Situation,
    Slide,
    Starter,
    StepSlide,
    Title,
    WhatToDo,
    notes_template_of,
    template_of,
)
from .split import BUDGET

__all__ = [
    "BUDGET",
    "KINDS",
    "QUIZ_QUESTIONS",
    "ActivitySlide",
    "Answer",
    "Branches",
    "Closing",
    "Consequences",
    "Messages",
    "Question",
    "QuizSlide",
    "Rules",
    "ScenarioSlide",
    "Situation",
    "Slide",
    "Starter",
    "StepSlide",
    "Title",
    "WhatToDo",
    "_quiz",
    "_scenario",
    "_slides_for",
    "build_deck",
    "choice_slides",
    "default_plan",
    "main_line",
    "notes_template_of",
    "period_ends",
    "plan_slides",
    "session_deck",
    "session_plan",
    "situation_slides",
    "template_of",
]
