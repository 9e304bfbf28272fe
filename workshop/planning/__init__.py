"""Planned sessions: what a presenter chose for one class, whether it is valid, its plan
minute by minute, and its deck of slides.

`choices.read_choices` is the one owner of "is this session valid": the session form, the
slides, the documents and the `workshop pack` command all go through it. Nothing here needs
a request: documents and commands build sessions the same way pages do.
"""

from .choices import SessionChoices, form_values, read_choices
from .deck import Slide, build_deck, situation_slides
from .plan import PlanDoesNotFit, PlannedActivity, SessionPlan, lessons_for, plan_session

__all__ = [
    "PlanDoesNotFit",
    "PlannedActivity",
    "SessionChoices",
    "SessionPlan",
    "Slide",
    "build_deck",
    "form_values",
    "lessons_for",
    "plan_session",
    "read_choices",
    "situation_slides",
]
