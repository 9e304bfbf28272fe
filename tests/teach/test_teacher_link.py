"""The class teacher's link: a fourth private link that opens the sequence and nothing that
changes the session; its pages are never stored; a wrong or purged token is the helpful 404."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from icalendar import Calendar
from sqlalchemy import text

from workshop.store import sessions

from ..pdfs import pdf_text, reader
from ..sessions import decide, head_path, save, screen_path, teacher_path

TOKEN = re.compile(r"/([A-Za-z0-9_-]{43})/")


@pytest.fixture
def links(store_app):
    client = store_app.test_client()
    presenter = save(client, safeguarding_contact="Mme Martin, CPE")
    page = client.get(presenter).get_data(as_text=True)
    head = head_path(page)
    return client, presenter, head, teacher_path(page), screen_path(page)


def test_the_presenter_and_the_head_show_the_same_teacher_link(links):
    client, presenter, head, teacher, screen = links
    head_page = client.get(head).get_data(as_text=True)
    assert teacher_path(head_page) == teacher
    assert "Votre décision couvre ce parcours" in head_page
    # The presenter sees how to use the question box.
    assert "Les questions de la boîte" in client.get(presenter).get_data(as_text=True)
    tokens = {TOKEN.search(p).group(1) for p in (presenter, head, teacher, screen)}
    assert len(tokens) == 4


def test_the_teacher_opens_the_sequence_and_nothing_that_changes_it(links):
    client, presenter, head, teacher, screen = links
    private = (TOKEN.search(presenter).group(1), TOKEN.search(head).group(1))
    for path in ("", "follow-up/1", "follow-up/2", "follow-up/3", "report", "calendar.ics"):
        response = client.get(teacher + path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
        assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
        body = response.get_data(as_text=True)
        for secret in (*private, "/facilitate/sessions/", "/review/sessions/"):
            assert secret not in body, (path, secret)
        assert "<form" not in body and 'method="post"' not in body.lower(), path
        assert "data-quick-exit" not in body, path
    page = client.get(teacher).get_data(as_text=True)
    assert "La boîte à questions" in page and "Mme Martin, CPE" in page
    assert "FACILITATOR-ONLY disclosure fr." in page  # the shared protocol, as in the pack
    assert page.count("/follow-up/") == 3
    assert screen + "vote/follow" in page  # the re-check's class screen, under the screen link
    # Nothing under the teacher's link accepts a change.
    assert client.post(teacher, data={}).status_code in (403, 405)
    assert client.post(teacher + "decision", data={"verdict": "approved"}).status_code in (
        403,
        404,
        405,
    )


def test_the_follow_up_code_shows_once_the_presenter_opens_it(links):
    client, presenter, head, teacher, screen = links
    assert "Le code du suivi est ouvert" not in client.get(teacher).get_data(as_text=True)
    client.post(presenter + "measure/follow/open", data={"class_size": "28"})
    page = client.get(teacher).get_data(as_text=True)
    code = re.search(r"Le code du suivi est ouvert : ([A-Z0-9]{6})", page).group(1)
    assert code in client.get(screen + "vote/follow").get_data(as_text=True)


def test_the_calendar_reads_back_with_its_dates(links):
    client, presenter, head, teacher, screen = links
    response = client.get(teacher + "calendar.ics")
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    calendar = Calendar.from_ical(response.data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert required in event
    day = dt.date(2027, 3, 14)  # the session's date (tests/sessions.py)
    starts = [event.decoded("DTSTART") for event in events]
    assert starts == [
        day - dt.timedelta(days=7),
        day,
        day + dt.timedelta(weeks=1),
        day + dt.timedelta(weeks=2),
        day + dt.timedelta(weeks=4),
        day + dt.timedelta(weeks=6),
    ]
    assert len({str(e["UID"]) for e in events}) == 6
    assert TOKEN.search(teacher).group(1) not in response.get_data(as_text=True)
    # The same file again: the same events (an import updates, never doubles).
    again = Calendar.from_ical(client.get(teacher + "calendar.ics").data)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]


def test_a_session_without_a_date_has_no_calendar_but_its_sequence(store_app):
    client = store_app.test_client()
    presenter = save(client, date_1="")
    teacher = teacher_path(client.get(presenter).get_data(as_text=True))
    assert client.get(teacher + "calendar.ics").status_code == 404
    assert "pas encore de date" in client.get(teacher).get_data(as_text=True)


def test_the_documents_print(links):
    client, presenter, head, teacher, screen = links
    preparation = client.get(teacher + "preparation.pdf")
    assert preparation.status_code == 200 and preparation.headers["Cache-Control"] == "no-store"
    words = " ".join(pdf_text(preparation.data).split())
    assert "Mme Martin, CPE" in words and "La boîte à questions" in words
    family = client.get(teacher + "family.pdf")
    assert len(reader(family.data).pages) == 1
    assert "Trois façons d'en parler à la maison" in " ".join(pdf_text(family.data).split())
    assert client.get(teacher + "pack.pdf").status_code == 404


@pytest.mark.parametrize(
    "token",
    ["A" * 43, "not-a-token", "A" * 44, "é" * 43],
)
def test_a_wrong_teacher_token_is_the_helpful_404(store_app, token):
    client = store_app.test_client()
    response = client.get(f"/fr/teach/{token}/")
    assert response.status_code == 404
    # The session links' own 404: why a link opens nothing, and whom to ask (issue 25).
    assert "Ce lien de séance n'ouvre rien" in response.get_data(as_text=True).replace("&#39;", "'")


def test_a_deleted_or_purged_session_closes_the_teacher_link(store_app, links):
    client, presenter, head, teacher, screen = links
    client.post(presenter + "delete")
    for path in ("", "follow-up/1", "calendar.ics", "family.pdf"):
        assert client.get(teacher + path).status_code == 404
    other = save(client)
    teacher = teacher_path(client.get(other).get_data(as_text=True))
    assert sessions.purge(store_app.extensions["store"], dt.date(2099, 1, 1)) >= 1
    assert client.get(teacher).status_code == 404
    with store_app.extensions["store"].connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM planned_session")).scalar() == 0


def test_a_follow_up_that_does_not_exist_is_a_404(links):
    client, presenter, head, teacher, screen = links
    for number in ("0", "4", "١", "x"):
        assert client.get(teacher + f"follow-up/{number}").status_code == 404


def test_the_heads_approval_covers_every_follow_up(store_app, links):
    """What the follow-ups project comes from lessons whose revision the head approved."""
    from workshop.planning.sequence import build_sequence

    client, presenter, head, teacher, screen = links
    decide(client, head, verdict="approved", name="Mme Roux", role="Principale")
    saved = sessions.by_head_token(store_app.extensions["store"], TOKEN.search(head).group(1))
    approved = saved.decision.lessons
    with store_app.app_context():
        sequence = build_sequence(store_app.extensions["catalog"], saved.choices)
    used = {
        lesson.key
        for follow_up in sequence.follow_ups
        for lesson in (
            *(pick.lesson for pick in follow_up.quiz),
            follow_up.scenario_lesson,
            follow_up.message_lesson,
            *(slide.lesson for slide in follow_up.slides),
        )
    }
    lessons = {lesson.key: lesson for lesson in sequence.lessons}
    assert used
    for key in used:
        assert approved["/".join(key)]["revision"] == lessons[key].revision


def test_the_teacher_links_path_is_logged_as_token(store_app, caplog):
    """The access log of a real server names the teacher's pages without their token."""
    import logging
    import threading
    import urllib.request

    from werkzeug.serving import make_server

    from workshop.serving import PathOnlyRequestHandler

    client = store_app.test_client()
    teacher = teacher_path(client.get(save(client)).get_data(as_text=True))
    caplog.set_level(logging.INFO, logger="werkzeug")
    server = make_server("127.0.0.1", 0, store_app, request_handler=PathOnlyRequestHandler)
    thread = threading.Thread(target=server.handle_request)
    thread.start()
    urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{teacher}calendar.ics").read()
    thread.join(timeout=10)
    server.server_close()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/fr/teach/[token]/calendar.ics" in logged
    assert TOKEN.search(teacher).group(1) not in logged
