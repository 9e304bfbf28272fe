"""Thirty pupils answering within a second against gunicorn, on SQLite and on PostgreSQL:
no answer lost, the report's counts equal what was sent, a phase with 9 answers is not
shown, and neither the database nor the logs hold a user agent, a code or a row per pupil.

The access log of the package's gunicorn settings (and nginx's, deploy/nginx.conf) writes
the client's address: that is outside this feature, and reported, not tested here.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import MetaData, select

from workshop.store.database import make_engine, upgrade

from ..pdfs import pdf_text
from ..servers import KEY, clean_env, free_port, start_gunicorn, stop, wait_for
from .classroom import (
    USER_AGENT,
    ask,
    expected_counts,
    pupils_answer,
    request,
    save_session,
    sheets_for,
    statement_fields,
)
from .conftest import DEMO_IDS, statements_tree


@pytest.fixture
def server(database_url, tmp_path):
    """gunicorn (the package's settings: 2 workers of 8 threads) on the test database."""
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    port, log = free_port(), tmp_path / "gunicorn.log"
    env = clean_env(
        statements_tree(tmp_path), WORKSHOP_SECRET_KEY=KEY, WORKSHOP_DATABASE_URL=database_url
    )
    log_options = ("--access-logfile", str(log), "--error-logfile", str(log))
    process = start_gunicorn(tmp_path, env, "--bind", f"127.0.0.1:{port}", *log_options)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, process)
        yield base, log, database_url
    finally:
        stop(process)


def live(base: str, presenter: str, phase: str) -> dict:
    _, _, body = request(f"{base}{presenter}measure/{phase}/live.json")
    return json.loads(body)


def test_thirty_pupils_at_once_lose_no_answer(server):
    base, log, database_url = server
    presenter = save_session(base)
    sent = {}
    for statement in DEMO_IDS:  # one statement at a time, as the slides ask them
        code = ask(base, presenter, "start", statement, class_size=30)
        fields = statement_fields(base, code)
        assert fields == [f"s-demo-{statement}"]
        sheets = sheets_for(fields, 30)
        statuses, _ = pupils_answer(base, code, sheets)
        assert statuses == [200] * 30  # each followed its 303 to "thank you"
        assert live(base, presenter, "start")["answers"] == 30
        assert "counts" not in live(base, presenter, "start")  # still taking answers
        request(f"{base}{presenter}measure/start/reveal", {})
        counted = live(base, presenter, "start")
        assert {a: n for a, n in counted["counts"].items() if n} == expected_counts(sheets)[
            fields[0]
        ]
        sent.update(expected_counts(sheets))

    # The end of the session: only 9 phones answer, so the report does not show that phase.
    for statement in DEMO_IDS:
        end_code = ask(base, presenter, "end", statement, class_size=30)
        statuses, _ = pupils_answer(base, end_code, sheets_for([f"s-demo-{statement}"], 9))
        assert statuses == [200] * 9
    request(f"{base}{presenter}measure/end/close", {})
    status, _, closed = request(base + "/fr/vote", {"code": end_code, "s-demo-faux-profil": "true"})
    assert status == 409 and "Ce vote est fermé" in closed

    _, _, report = request(f"{base}{presenter}measure/report")
    assert report.count("30 réponses") == 3
    assert report.count("Trop peu de réponses pour les montrer (9)") == 3
    for by_answer in sent.values():
        for n in by_answer.values():
            assert f"{round(100 * n / 30)}" in report
    pdf = urllib_bytes(f"{base}{presenter}measure/report.pdf")
    (log.parent / "report.pdf").write_bytes(pdf)
    words = " ".join(pdf_text(pdf).split())
    assert "Ce que la classe a retenu" in words and "pas appariées élève par élève" in words
    assert words.count("montrer (9).") == 3 and words.count("Pas encore de suivi.") == 3
    assert words.count("30 réponses") == 3 and "Aucun élève n'a de score" in words

    # Nothing about a pupil: no user agent, no address, no code in the database or logs.
    engine = make_engine(database_url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        stored = repr([list(connection.execute(select(table))) for table in metadata.sorted_tables])
        rows = connection.execute(select(metadata.tables["vote_count"])).all()
        ballots = connection.execute(select(metadata.tables["vote_ballot"])).all()
    engine.dispose()
    for secret in (USER_AGENT, "127.0.0.1", code, end_code):
        assert secret not in stored
    # One hashed ballot per phone and statement while the vote is open; none once closed.
    assert len(ballots) == 90 and {row.phase for row in ballots} == {"start"}
    assert len(rows) == 2 * 3 * 3  # phases × statements × answers, whatever the class
    logged = log.read_text()
    assert "/fr/vote" in logged
    for secret in (USER_AGENT, "DeclicTestPhone", code, end_code, "code=", "ballot="):
        assert secret not in logged


def urllib_bytes(url: str) -> bytes:
    import urllib.request

    with urllib.request.urlopen(url, timeout=120) as answer:
        return answer.read()
