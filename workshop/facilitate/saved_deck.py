"""A saved session's presenter view under its private link, with counters on the starter
statements' slides (issue 16, counting cards). The projected window it opens is under the
screen link (screen/), which the class may read off the projector.

The class raises cards; the presenter types the totals on the slide's counters, for the
phase of that slide: the first time a lesson's statements are asked is the start, their
repeat at the end (the deck's `again`) is the end. Each slide saves its own statement and
leaves the others as they were: a plain form that comes back to the same slide, which
static/js/cards.js sends without leaving the page. The projected window has no counters
(the class sees only the statement); the query-string and offline presenter views have
none either: they have no session to store into.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, jsonify, redirect, request, url_for
from flask_babel import force_locale, gettext

from .. import votes
from ..catalog import get_catalog
from ..catalog.statements import session_statements
from ..documents.deck_pages import deck_for, render_deck
from ..planning import lessons_for
from ..planning.deck import Starter
from ..store import measure, presenter_session_or_404
from ..store.tokens import screen_token_for
from ..votes.cards import CARD_PHASES, field_name, read_cards
from . import bp

PRESENTER = "/sessions/<token>/presenter"


def slide_phase(slide) -> str:
    """The phase a starter slide counts: its repeat at the end is the end."""
    return "end" if slide.again else "start"


def saved_text(by_answer: dict) -> str:
    """What the status line says once a statement's counts are stored."""
    return gettext(
        "Saved: %(true)s true, %(false)s false, %(unsure)s not sure", **_three(by_answer)
    )


def at_start_text(by_answer: dict) -> str:
    """What the cards showed at the start, under the counters of the end."""
    return gettext(
        "At the start: %(true)s true, %(false)s false, %(unsure)s not sure", **_three(by_answer)
    )


def _three(by_answer: dict) -> dict:
    return {answer: by_answer.get(answer, 0) for answer in measure.ANSWERS}


@dataclass(frozen=True)
class Counters:
    """What the presenter view needs to draw the counters of its starter slides."""

    token: str
    counts: dict
    errors: dict
    values: dict
    saved_slide: int | None = None
    class_size: int | None = None

    def fields(self, slide):
        """(answer, name, value, error) of the slide's three counters, filled in with what
        is stored (or with what was typed, after an error)."""
        phase = slide_phase(slide)
        stored = self._stored(slide, phase)
        for answer in measure.ANSWERS:
            name = field_name(phase, slide.statement, answer)
            value = self.values[name] if name in self.values else (stored.get(answer) or "")
            yield answer, name, value, self.errors.get(name)

    def action(self, slide) -> str:
        """Where the slide's counters are posted."""
        return url_for(
            "facilitate.save_slide_counts",
            token=self.token,
            phase=slide_phase(slide),
            module=slide.statement.module,
            statement_id=slide.statement.id,
        )

    def vote_url(self, slide, action: str) -> str:
        """Where the slide's phone buttons post: ask this statement, reveal, slides."""
        phase = slide_phase(slide)
        if action == "ask":
            return url_for(
                "measure.ask",
                token=self.token,
                phase=phase,
                module=slide.statement.module,
                statement_id=slide.statement.id,
            )
        return url_for("measure.vote_action", token=self.token, phase=phase, action=action)

    def live_url(self, slide) -> str:
        return url_for("measure.live", token=self.token, phase=slide_phase(slide))

    def key(self, slide) -> str:
        return slide.statement.key

    def status(self, slide) -> str:
        """The line under the counters: saved, or not saved, or nothing yet."""
        if any(name in self.errors for _, name, _, _ in self.fields(slide)):
            return gettext("Not saved: see the message by the box.")
        if self.saved_slide == slide.number:  # below MIN_SHOWN, the counts are not shown
            stored = self._stored(slide, slide_phase(slide))
            return saved_text(stored) if stored else gettext("Saved.")
        return ""

    def at_start(self, slide) -> str:
        """On a slide of the end, what the cards showed at the start (if counted)."""
        stored = self._stored(slide, "start")
        return at_start_text(stored) if any(stored.values()) else ""

    def _stored(self, slide, phase: str) -> dict:
        return self.counts.get(phase, {}).get(slide.statement.key, {})


@bp.get(PRESENTER)
def saved_presenter(token: str):
    """The presenter view of a saved session, with counters on its starter slides."""
    saved = presenter_session_or_404(token)
    return _deck_page(
        token,
        saved,
        current=request.args.get("slide", type=int),
        saved_slide=request.args.get("saved", type=int),
    )


@bp.post(PRESENTER + "/<phase>/<module>/<statement_id>")
def save_slide_counts(token: str, phase: str, module: str, statement_id: str):
    """Store one statement's cards for one phase; back to its slide, or JSON for the page's
    script (400 with the message by the field for a wrong number)."""
    if phase not in CARD_PHASES:
        abort(404)
    saved = presenter_session_or_404(token)
    statements = session_statements(lessons_for(get_catalog(), saved.choices))
    statement = next((s for s in statements if (s.module, s.id) == (module, statement_id)), None)
    if statement is None:
        abort(404)
    with force_locale(saved.choices.lang):
        counted, errors, values = read_cards(request.form, phase, (statement,), saved)
        if not counted and not errors:  # three empty boxes: zero cards, said on purpose
            counted = {statement.key: dict.fromkeys(measure.ANSWERS, 0)}
        if not errors:
            votes.save_cards(saved, phase, counted)
        if _wants_json():
            if errors:
                message = gettext("Not saved: see the message by the box.")
                return jsonify(errors=errors, message=message), 400
            saved_now = counted[statement.key]
            answer = {"message": saved_text(saved_now)}
            if phase == "start":  # what the statement's slide of the end recalls
                answer["before"] = at_start_text(saved_now) if any(saved_now.values()) else ""
            return jsonify(answer)
    slide = _slide_number(saved.choices, phase, statement)
    if errors:
        return _deck_page(token, saved, slide, errors=errors, values=values)
    target = url_for("facilitate.saved_presenter", token=token, slide=slide, saved=slide)
    return redirect(f"{target}#slide-{slide}", 303)


def _wants_json() -> bool:
    """Whether the page's script sent the form (it asks for JSON; a browser's form, HTML)."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _slide_number(choices, phase: str, statement) -> int:
    """The slide that asks this statement in this phase (1 if the deck no longer has it)."""
    for slide in deck_for(choices):
        if (
            isinstance(slide, Starter)
            and slide_phase(slide) == phase
            and slide.statement.key == statement.key
        ):
            return slide.number
    return 1


def _deck_page(token: str, saved, current=None, errors=None, values=None, saved_slide=None):
    """A saved session's presenter view (400 after a wrong number). The window it projects
    is the screen link's, so that the presenter's token is never on the projector."""
    urls = {
        "slides": url_for("screen.slides", token=screen_token_for(token)),
        "presenter": url_for("facilitate.saved_presenter", token=token),
        "slides_pdf": url_for("facilitate.saved_session_pdf", token=token, document="slides"),
        "slides_pptx": url_for("facilitate.saved_slides_pptx", token=token),
        "kit": url_for("facilitate.saved_session_kit", token=token),
        "help": url_for("site.help_page"),
        "measure": url_for("measure.presenter_page", token=token),
        "report": url_for("measure.presenter_report", token=token),
    }
    counts, _ = votes.shown_counts(saved)
    counting = Counters(
        token, counts, errors or {}, values or {}, saved_slide, saved.choices.class_size
    )
    html = render_deck(
        "facilitate/presenter.html",
        saved.choices,
        urls,
        lambda filename: url_for("static", filename=filename),
        counting=counting,
        current=current,
    )
    return html, 400 if errors else 200
