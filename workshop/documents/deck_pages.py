"""A session's deck as HTML pages: the projected view and the presenter view, rendered in
the session's language from planning's one deck builder. The facilitate blueprint serves
them (and packs them in the offline kit); the screen link projects a saved session's.

The projected window and the presenter view talk on one channel named after the deck
(language, level, modules, periods), so that they stay in step from a server and from files
on a USB key (static/js/slides.js).
"""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale

from ..catalog import get_catalog
from ..planning import SessionChoices, lessons_for, situation_slides
from ..planning.deck import choice_slides, session_deck, session_plan


def deck_for(choices: SessionChoices):
    """The deck of a session (planning.deck.session_deck, the one builder)."""
    return session_deck(lessons_for(get_catalog(), choices), choices)


def channel_name(choices: SessionChoices) -> str:
    """One name per deck, the same for its projected window and its presenter view."""
    return "declic:" + "/".join(
        (choices.lang, choices.tier, "+".join(choices.modules), str(choices.periods))
    )


def render_deck(template: str, choices: SessionChoices, urls: dict, asset, **extra) -> str:
    """The projected or presenter view of a session's deck, as HTML (`extra`: what a saved
    session's presenter view adds, its counters)."""
    catalog = get_catalog()
    lessons = lessons_for(catalog, choices)
    plan = session_plan(lessons, choices)
    deck = session_deck(lessons, choices)
    with force_locale(choices.lang):
        return render_template(
            template,
            deck=deck,
            slide_of=situation_slides(deck),
            choice_of=choice_slides(deck),
            plan=plan,
            choices=choices,
            lessons=lessons,
            urls=urls,
            asset=asset,
            channel=channel_name(choices),
            lang=choices.lang,
            contact=choices.safeguarding_contact,
            resources=catalog.jurisdiction.resources,
            **extra,
        )
