"""Every slide of every deck renders through every template that shows slides, a slide's
missing field failing instead of rendering empty (issue 30): the projected window, the
presenter view with a saved session's counters, the slides PDF's HTML, the teacher's
follow-ups and the PowerPoint file's slides and notes.

The app's templates are lenient about what a page may leave out (`urls.vote_now`,
`counting`); a slide's attribute is not: Jinja's StrictUndefined answers for it, so that a
field renamed in planning/deck/ and still read by a template (or read on a kind that does not
have it) fails here.
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest
from flask import render_template
from flask_babel import force_locale
from jinja2 import StrictUndefined, Undefined, UndefinedError
from jinja2.utils import missing

import workshop.documents as documents
import workshop.facilitate.slides as facilitate_slides
from workshop.documents.deck_pages import deck_for, render_deck
from workshop.facilitate.saved_deck import Counters
from workshop.planning import SessionChoices, lessons_for, situation_slides
from workshop.planning.deck import KINDS, Slide, session_deck
from workshop.planning.sequence import build_sequence, sequence_texts


class StrictOnSlides(Undefined):
    """The app's lenient undefined, except for a slide's attributes: StrictUndefined."""

    def __new__(cls, hint=None, obj=missing, name=None, exc=None, **kwargs):
        if isinstance(obj, Slide):
            return StrictUndefined(hint, obj, name)
        return super().__new__(cls)


@pytest.fixture
def strict_app(real_app, monkeypatch):
    monkeypatch.setattr(real_app.jinja_env, "undefined", StrictOnSlides)
    return real_app


def every_session(catalog, lang: str, tier: str):
    """Each set of modules and length (1 to 3 periods) in one language and tier, as long as
    its deck brings a slide not rendered yet: a slide is known by its kind, lesson, plan
    item, part and place (main line or branch), so every slide of every deck goes through
    the templates once, not once per session that repeats it."""
    modules = sorted(catalog.modules)
    seen: set[tuple] = set()
    for size in range(len(modules), 0, -1):  # the longest decks first: they hold the most
        for chosen in combinations(modules, size):
            for periods in (3, 2, 1):
                day = dt.date(2027, 3, 1)
                dates = tuple(day + dt.timedelta(days=7 * n) for n in range(periods))
                choices = SessionChoices(
                    lang=lang,
                    tier=tier,
                    modules=chosen,
                    periods=periods,
                    dates=dates,
                    safeguarding_contact="Mme Dupont, CPE",
                )
                deck = session_deck(lessons_for(catalog, choices), choices)
                slides = {
                    (
                        s.kind,
                        s.lesson.key,
                        s.activity.item.title if s.activity else "",
                        s.part,
                        s.branch,
                        s.first_of_activity,
                    )
                    for s in deck
                }
                if not slides <= seen:
                    seen |= slides
                    yield choices


URLS = {"slides": "slides.html", "presenter": "presenter.html", "help": "/help"}


def render_everything(app, choices: SessionChoices, monkeypatch) -> dict[str, object]:
    """Every page, document and file of a session that shows its slides, rendered."""
    catalog = app.extensions["catalog"]
    out: dict[str, object] = {}
    with app.test_request_context():
        counting = Counters("token", {}, {}, {})
        out["slides"] = render_deck("facilitate/slides.html", choices, URLS, str)
        out["presenter"] = render_deck(
            "facilitate/presenter.html", choices, URLS, str, counting=counting
        )

        class Rendered(Exception):
            pass

        def capture(html, *args):
            raise Rendered(html)

        monkeypatch.setattr(documents, "render_pdf", capture)
        monkeypatch.delitem(app.extensions, "pdf_builder", raising=False)
        with pytest.raises(Rendered) as pdf:  # a key of its own: never a cached PDF
            documents.slides_pdf(choices, vary=("every-slide",))
        out["pdf"] = pdf.value.args[0]

        pairs: list = []
        monkeypatch.setattr(facilitate_slides, "build_pptx", lambda slides: pairs.extend(slides))
        facilitate_slides.deck_pptx(choices)
        out["pptx"] = pairs

        sequence = build_sequence(catalog, choices)
        with force_locale(choices.lang):
            out["follow_ups"] = [
                render_template(
                    "teach/follow_up.html",
                    token="token",
                    choices=choices,
                    sequence=sequence,
                    follow_up=follow_up,
                    texts=sequence_texts(catalog, choices),
                    slide_of=situation_slides(follow_up.slides),
                    resources=catalog.jurisdiction.resources,
                    lang=choices.lang,
                )
                for follow_up in sequence.follow_ups
            ]
        out["deck"] = deck_for(choices)
    return out


LANGS_AND_TIERS = [(lang, tier) for lang in ("fr", "en") for tier in ("11-13", "13-15", "15-18")]


@pytest.mark.parametrize("lang, tier", LANGS_AND_TIERS)
def test_every_slide_of_every_deck_renders_with_every_field_it_reads(
    strict_app, monkeypatch, lang, tier
):
    catalog = strict_app.extensions["catalog"]
    assert set(catalog.tiers) == {t for _, t in LANGS_AND_TIERS}  # no tier left out
    kinds: set[str] = set()
    sessions = 0
    for choices in every_session(catalog, lang, tier):
        out = render_everything(strict_app, choices, monkeypatch)
        deck = out["deck"]
        sessions += 1
        kinds |= {s.kind for s in deck}
        assert all(type(s) is KINDS[s.kind] for s in deck)  # each kind is its registered class
        for name in ("slides", "pdf"):
            assert all(f'id="{s.anchor}"' in out[name] for s in deck), (name, choices)
        assert all(f'data-slide="{s.number}"' in out["presenter"] for s in deck), choices
        assert len(out["pptx"]) == len(deck)
        assert all(html.strip() for html, _ in out["pptx"]), choices
        assert all('class="follow-up-slide"' in page for page in out["follow_ups"])
    assert sessions >= len(catalog.modules)  # at least each module's own deck
    # Every kind of slide went through the templates (the branches' divider included), and
    # no registered kind is missing from the real decks of a language and tier.
    assert {"title", "rules", "starter", "step", "situation", "consequences", "question"} <= kinds
    assert {"answer", "messages", "closing", "branches", "what-to-do"} <= kinds
    assert kinds == set(KINDS)


def test_a_field_a_template_reads_fails_when_the_slide_does_not_have_it(strict_app, monkeypatch):
    """The check can fail: a starter slide without its `again`, as a renamed field leaves it."""
    choices = SessionChoices(lang="fr", tier="13-15", modules=("grooming",))
    with strict_app.test_request_context(), force_locale("fr"):
        starter = next(s for s in deck_for(choices) if s.kind == "starter")
        template = strict_app.jinja_env.from_string('{% include "facilitate/_slide.html" %}')
        assert "Point de départ" in template.render(slide=starter)

        monkeypatch.setattr(Slide, "__getattribute__", _without("again"))
        with pytest.raises(UndefinedError, match="again"):
            template.render(slide=starter)


def _without(name: str):
    """A Slide.__getattribute__ that no longer finds `name`: the field renamed."""
    plain = object.__getattribute__

    def getattribute(self, attribute):
        if attribute == name:
            raise AttributeError(attribute)
        return plain(self, attribute)

    return getattribute
