"""The class teacher's pages: the sequence, a follow-up, the calendar, the documents, the report.

Every view starts from `teacher_session_or_404`: a wrong, malformed or purged token is the
same helpful 404 as any unknown page. Nothing here posts: the teacher reads and prints.
"""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, render_template, url_for
from flask_babel import force_locale, gettext

from .. import votes
from ..catalog import get_catalog
from ..catalog.statements import session_statements
from ..documents import family_pdf, pdf_response, preparation_pdf, report_pdf
from ..export import export_links, export_response
from ..planning import lessons_for, situation_slides
from ..planning.downloads import attachment
from ..planning.sequence import build_sequence, disclosure_protocol, sequence_texts
from ..store import get_engine, measure, teacher_session_or_404
from ..store.codes import join_code
from ..store.tokens import unwrap_screen_token
from ..votes.results import MIN_SHOWN, build_results
from . import bp
from .calendar import sequence_calendar

DOCUMENTS = {"preparation": preparation_pdf, "family": family_pdf}


def _session(token: str):
    """(saved session, its sequence, the screen link's token) of a teacher's link."""
    saved = teacher_session_or_404(token)
    screen = unwrap_screen_token(saved.teacher_screen, token) if saved.teacher_screen else None
    return saved, build_sequence(get_catalog(), saved.choices), screen


def _recheck(saved, screen: str | None) -> dict:
    """The re-check's follow-up code while it works, and its class screen's address."""
    if screen is None:
        return {}
    follow = measure.phases(get_engine(), saved.id)["follow"]
    found = {"screen_url": url_for("screen.vote", token=screen, phase="follow")}
    if follow.has_code and follow.is_open and not follow.expired(dt.datetime.now(dt.UTC)):
        found["code"] = join_code(screen, "follow", follow.generation)
        found["until"] = follow.expires_at.date()
    return found


@bp.get("/<token>/")
def sequence_page(token: str):
    """The sequence: dates, the preparation lesson, the follow-ups, the re-check, the family."""
    saved, sequence, screen = _session(token)
    catalog = get_catalog()
    return render_template(
        "teach/sequence.html",
        token=token,
        saved=saved,
        choices=saved.choices,
        sequence=sequence,
        texts=sequence_texts(catalog, saved.choices),
        protocol=disclosure_protocol(sequence.lessons),
        tier=catalog.tiers[saved.choices.tier],
        recheck=_recheck(saved, screen),
        step_title=step_title,
        moodle_links=export_links(
            saved.choices, lambda name: url_for("teach.export", token=token, name=name)
        ),
        catalog_modules=catalog.modules,
    )


@bp.get("/<token>/follow-up/<number>")
def follow_up_page(token: str, number: str):
    """One follow-up: its slides, each with what to do, to project or print."""
    saved, sequence, _ = _session(token)
    if number not in {str(f.number) for f in sequence.follow_ups}:
        abort(404)
    follow_up = sequence.follow_ups[int(number) - 1]
    catalog = get_catalog()
    with force_locale(saved.choices.lang):
        return render_template(
            "teach/follow_up.html",
            token=token,
            choices=saved.choices,
            sequence=sequence,
            follow_up=follow_up,
            texts=sequence_texts(catalog, saved.choices),
            slide_of=situation_slides(follow_up.slides),
            resources=catalog.jurisdiction.resources,
            lang=saved.choices.lang,
        )


@bp.get("/<token>/calendar.ics")
def calendar(token: str):
    """The sequence's dates as an iCalendar file (404 for a session without a date)."""
    saved, sequence, _ = _session(token)
    if not sequence.dated:
        abort(404)
    titles = {(e.kind, e.number): step_title(e) for e in sequence.events}
    body = sequence_calendar(sequence, titles, token, dt.datetime.now(dt.UTC))
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": attachment(saved.choices, "sequence", "ics")},
    )


def step_title(event) -> tuple[str, str]:
    """(title, one line on what it is) of a step of the sequence, in the page's language."""
    if event.kind == "preparation":
        return (
            gettext("Déclic: preparation with the class (%(n)s min)", n=event.minutes),
            gettext("Ground rules, trusted adults, the question box. Questions to the presenter."),
        )
    if event.kind == "visit":
        return (
            gettext(
                "Déclic: the presenter's session, period %(n)s of %(of)s",
                n=event.number,
                of=event.of,
            )
            if event.of > 1
            else gettext("Déclic: the presenter's session"),
            gettext("The visit. The school's contact is in the room."),
        )
    if event.kind == "follow-up":
        return (
            gettext("Déclic: follow-up %(n)s (%(m)s min)", n=event.number, m=event.minutes),
            gettext("Quiz questions, a scenario card, a key message, the help routes."),
        )
    return (
        gettext("Déclic: re-check of the statements (%(n)s min)", n=event.minutes),
        gettext("The class answers the starter statements again, with the follow-up code."),
    )


@bp.get("/<token>/<document>.pdf")
def document(token: str, document: str):
    """The preparation lesson (with the protocol) or the family sheet, as a PDF."""
    if document not in DOCUMENTS:
        abort(404)
    saved = teacher_session_or_404(token)
    return pdf_response(DOCUMENTS[document](saved.choices), saved.choices, document)


@bp.get("/<token>/report")
def report(token: str):
    """What the class learned: start, end and follow-up per statement (read-only)."""
    saved, sequence, screen = _session(token)
    return render_template(
        "measure/report.html",
        saved=saved,
        choices=saved.choices,
        lessons=sequence.lessons,
        results=_results(saved, screen),
        min_shown=MIN_SHOWN,
        pdf_url=url_for("teach.report_pdf_view", token=token),
        back_url=url_for("teach.sequence_page", token=token),
    )


@bp.get("/<token>/report.pdf")
def report_pdf_view(token: str):
    saved, _, screen = _session(token)
    return pdf_response(report_pdf(saved.choices, _results(saved, screen)), saved.choices, "report")


def _results(saved, screen):
    """The report's results, as the presenter's and head's reports count them, with the
    follow-up code while it works."""
    statements = session_statements(lessons_for(get_catalog(), saved.choices))
    found = _recheck(saved, screen)
    extra = {}
    if "code" in found:
        extra = {
            "follow_up_code": found["code"],
            "follow_up_url": url_for("measure.vote", code=found["code"], _external=True),
            "follow_up_until": found["until"],
        }
    shown, totals = votes.shown_counts(saved)  # never below the threshold, never live
    return build_results(statements, shown, totals, **extra)


@bp.get("/<token>/moodle/<name>")
def export(token: str, name: str):
    """The session's files for the school's platform (workshop/export)."""
    return export_response(teacher_session_or_404(token).choices, name, private=True)
