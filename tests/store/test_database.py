"""The schema: created, migrated from each earlier version, and checked at start."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import inspect, text

from workshop import create_app
from workshop.catalog import load_catalog
from workshop.catalog.statements import lesson_statements
from workshop.cli import main
from workshop.store import SchemaOutdated, sessions
from workshop.store.database import (
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    upgrade,
)

from ..conftest import FIXTURE_CONTENT, REAL_CONTENT, app_with_database
from ..sessions import save, screen_path
from .test_sessions import CHOICES


def test_migrations_run_from_an_empty_database(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert {"planned_session", "decision"} <= set(inspect(engine).get_table_names())


def insert_old_session(connection, presenter_hash: str, head_hash: str) -> None:
    """A session as an older schema stored it: only the columns of 0001, in SQL."""
    now = dt.datetime.now(dt.UTC)
    connection.execute(
        text(
            "INSERT INTO planned_session (presenter_token_hash, head_token_hash, created_at,"
            " updated_at, delete_after, lang, tier, modules, periods, school)"
            " VALUES (:p, :h, :now, :now, :after, 'fr', '13-15', 'demo', 1, 'Collège')"
        ),
        {"p": presenter_hash, "h": head_hash, "now": now, "after": dt.date(2099, 1, 1)},
    )


def test_migrating_from_the_previous_schema_keeps_the_sessions(database_url):
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    with engine.begin() as connection:
        insert_old_session(connection, "p" * 64, "h" * 64)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        row = connection.execute(text("SELECT school, class_size FROM planned_session")).one()
    assert tuple(row) == ("Collège", None)  # saved before the class size was asked


def test_a_session_from_0004_gets_its_screen_link_on_the_presenters_first_visit(database_url):
    """Saved before the screen link: kept by the migration, given its screen link the first
    time the presenter's page is opened, with its open vote's code re-keyed to the code now
    derived from the screen link (the one every page shows)."""
    from workshop.store.codes import code_hash, join_code
    from workshop.store.tokens import head_token_for, new_token, screen_token_for, token_hash

    engine = make_engine(database_url)
    upgrade(engine, "0004")
    presenter = new_token()
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        insert_old_session(connection, token_hash(presenter), token_hash(head_token_for(presenter)))
        session_id = connection.execute(text("SELECT id FROM planned_session")).scalar()
        connection.execute(  # a vote opened before, its code derived from the head's link
            text(
                "INSERT INTO vote_phase (session_id, phase, is_open, revealed, code_hash,"
                " generation, expires_at, cap, submissions)"
                " VALUES (:id, 'start', :yes, :no, 'old-code-hash', 0, :until, 33, 0)"
            ),
            {"id": session_id, "yes": True, "no": False, "until": now + dt.timedelta(hours=4)},
        )
    upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT school, screen_token_hash FROM planned_session"))
        assert tuple(row.one()) == ("Collège", None)
    screen = screen_token_for(presenter)
    app = create_app(
        {"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True, "DATABASE_URL": database_url}
    )
    client = app.test_client()
    assert client.get(f"/fr/screen/{screen}/slides").status_code == 404  # not yet filled
    assert client.get(f"/fr/facilitate/sessions/{presenter}/").status_code == 200
    assert client.get(f"/fr/screen/{screen}/slides").status_code == 200
    vote = client.get(f"/fr/screen/{screen}/vote/start").get_data(as_text=True)
    code = join_code(screen, "start", 0)
    assert code in vote
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT screen_token_hash FROM planned_session")).scalar()
        code_stored = connection.execute(text("SELECT code_hash FROM vote_phase")).scalar()
    assert stored == token_hash(screen)
    assert code_stored == code_hash(app.secret_key, code)  # the vote survived the migration
    app.extensions["store"].dispose()
    engine.dispose()


def test_a_session_from_0005_gets_its_teacher_link_on_the_heads_first_visit(database_url):
    """Saved before the teacher's link (0006): kept by the migration; its teacher's link
    opens once the head's (or the presenter's) page has been opened, and it shows the
    re-check's class screen under the session's own screen link."""
    from workshop.store.tokens import (
        head_token_for,
        new_token,
        screen_token_for,
        teacher_token_for,
        token_hash,
    )

    engine = make_engine(database_url)
    upgrade(engine, "0005")
    presenter = new_token()
    head = head_token_for(presenter)
    with engine.begin() as connection:
        insert_old_session(connection, token_hash(presenter), token_hash(head))
    upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT teacher_token_hash, teacher_screen FROM planned_session")
        )
        assert tuple(row.one()) == (None, None)
    teacher = teacher_token_for(presenter)
    app = create_app(
        {"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True, "DATABASE_URL": database_url}
    )
    client = app.test_client()
    assert client.get(f"/fr/teach/{teacher}/").status_code == 404  # not yet filled
    assert client.get(f"/fr/review/sessions/{head}/").status_code == 200
    page = client.get(f"/fr/teach/{teacher}/")
    assert page.status_code == 200
    assert f"/fr/screen/{screen_token_for(presenter)}/vote/follow" in page.get_data(as_text=True)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT teacher_token_hash FROM planned_session")).scalar()
    assert stored == token_hash(teacher)
    app.extensions["store"].dispose()
    engine.dispose()


def test_the_app_refuses_an_older_schema_and_says_what_to_run(database_url):
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    with pytest.raises(SchemaOutdated, match="workshop db upgrade"):
        create_app({"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True, "DATABASE_URL": database_url})


def test_an_empty_postgresql_is_refused_but_an_empty_sqlite_is_created(database_url):
    config = {"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True, "DATABASE_URL": database_url}
    if database_url.startswith("postgresql"):
        with pytest.raises(SchemaOutdated, match="workshop db upgrade"):
            create_app(config)
    else:
        create_app(config)
        assert current_revision(make_engine(database_url)) == head_revision()


def test_the_embedded_default_is_created_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    app = create_app(
        {
            "CONTENT_DIR": FIXTURE_CONTENT,
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
    )
    assert (tmp_path / "instance" / "declic.sqlite3").is_file()
    assert current_revision(app.extensions["store"]) == head_revision()


def test_an_older_embedded_default_is_migrated_at_start(tmp_path, monkeypatch):
    """The start command stays true after an update: its own database follows the code."""
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    instance = tmp_path / "instance"
    instance.mkdir()
    upgrade(make_engine(f"sqlite:///{instance / 'declic.sqlite3'}"), "0003")
    config = {"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True, "INSTANCE_PATH": str(instance)}
    assert current_revision(create_app(config).extensions["store"]) == head_revision()


def test_db_upgrade_and_current_commands(database_url, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", database_url)
    runner = CliRunner()
    assert "database: empty" in runner.invoke(main, ["db", "current"]).output
    result = runner.invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0 and f"-> {head_revision()}" in result.output
    assert (
        f"database: {head_revision()}; code: {head_revision()}"
        in runner.invoke(main, ["db", "current"]).output
    )


def test_purge_command_deletes_past_retention(engine, database_url, monkeypatch):
    old = type(CHOICES)(**{**CHOICES.__dict__, "dates": (dt.date(2020, 1, 1),)})
    sessions.create(engine, old, retention_days=30)
    sessions.create(engine, CHOICES, retention_days=30_000)
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["purge"])
    assert "deleted 1 session(s)" in result.output
    assert sessions.count(engine) == 1


def test_the_app_purges_at_start(engine, database_url):
    old = type(CHOICES)(**{**CHOICES.__dict__, "dates": (dt.date(2020, 1, 1),)})
    sessions.create(engine, old, retention_days=30)
    create_app({"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True, "DATABASE_URL": database_url})
    assert sessions.count(engine) == 0


def test_0009_moves_stored_keys_from_statement_numbers_to_their_ids(database_url):
    """Counts, the statement a vote is asking and its ballots, saved under "module:number",
    move to "module:id" by the session's tier; a key the frozen table does not know stays;
    downgrading gives the numbers back."""
    engine = make_engine(database_url)
    upgrade(engine, "0008")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO planned_session (presenter_token_hash, head_token_hash, created_at,"
                " updated_at, delete_after, lang, tier, modules, periods, school)"
                " VALUES ('p', 'h', :now, :now, :after, 'fr', '13-15', 'grooming,images', 2, '')"
            ),
            {"now": dt.datetime.now(dt.UTC), "after": dt.date(2099, 1, 1)},
        )
        session_id = connection.execute(text("SELECT id FROM planned_session")).scalar()
        for phase, key, kind, n in (
            ("start", "grooming:1", "false", 12),
            ("start", "grooming:5", "true", 20),
            ("end", "grooming:1", "false", 3),
            ("start", "images:2", "unsure", 4),
            ("start", "images:9", "true", 1),  # beyond the list: left as it was
        ):
            connection.execute(
                text(
                    "INSERT INTO vote_count (session_id, phase, statement, kind, n)"
                    " VALUES (:id, :phase, :key, :kind, :n)"
                ),
                {"id": session_id, "phase": phase, "key": key, "kind": kind, "n": n},
            )
        connection.execute(  # a vote open on statement 2 of grooming, one phone answered
            text(
                "INSERT INTO vote_phase (session_id, phase, is_open, revealed, code_hash,"
                " generation, expires_at, cap, submissions, statement, on_screen)"
                " VALUES (:id, 'start', :yes, :no, 'code-hash', 0, :until, 33, 1,"
                " 'grooming:2', :yes)"
            ),
            {
                "id": session_id,
                "yes": True,
                "no": False,
                "until": dt.datetime.now(dt.UTC) + dt.timedelta(hours=4),
            },
        )
        connection.execute(
            text(
                "INSERT INTO vote_ballot (session_id, phase, statement, ballot_hash)"
                " VALUES (:id, 'start', 'grooming:2', 'ballot-hash')"
            ),
            {"id": session_id},
        )
    select_counts = text(
        "SELECT phase, statement, kind, n FROM vote_count ORDER BY phase, statement"
    )
    select_asked = text("SELECT statement FROM vote_phase")
    select_ballots = text("SELECT statement, ballot_hash FROM vote_ballot")
    upgrade(engine, "0009")
    with engine.connect() as connection:
        rows = {tuple(row) for row in connection.execute(select_counts)}
    assert rows == {
        ("start", "grooming:faux-profil", "false", 12),
        ("start", "grooming:adulte-aide", "true", 20),
        ("end", "grooming:faux-profil", "false", 3),
        ("start", "images:payer-chantage", "unsure", 4),
        ("start", "images:9", "true", 1),
    }
    catalog = load_catalog(REAL_CONTENT, ("fr", "en"), "fr", "fr")
    lesson = catalog.lesson("grooming", "13-15", "fr")
    with engine.connect() as connection:
        assert connection.execute(select_asked).scalar() == "grooming:cadeau-sans-dette"
        assert tuple(connection.execute(select_ballots).one()) == (
            "grooming:cadeau-sans-dette",
            "ballot-hash",
        )
    assert lesson_statements(lesson)[0].key == "grooming:faux-profil"  # the content agrees
    assert lesson_statements(lesson)[1].key == "grooming:cadeau-sans-dette"
    command.downgrade(alembic_config(engine), "0008")
    with engine.connect() as connection:
        back = {tuple(row) for row in connection.execute(select_counts)}
        assert connection.execute(select_asked).scalar() == "grooming:2"
        assert connection.execute(select_ballots).one()[0] == "grooming:2"
    assert ("start", "grooming:1", "false", 12) in back and (
        "start",
        "images:2",
        "unsure",
        4,
    ) in back
    engine.dispose()


def test_a_vote_asked_across_the_0009_upgrade_keeps_its_statement_and_its_phones(database_url):
    """A class in the middle of a vote when the server is upgraded: the statement asked (kept
    as "grooming:2" before 0009) is still the one the projected window and new phones show,
    its answer stays counted, and the phone that answered is not asked again."""
    app = app_with_database(REAL_CONTENT, database_url)
    client = app.test_client()
    presenter = save(client, modules="grooming")
    screen = screen_path(client.get(presenter).get_data(as_text=True))
    asked = client.post(
        presenter + "measure/start/ask/grooming/cadeau-sans-dette", data={"class_size": "30"}
    )
    assert asked.status_code == 303
    page = client.get(presenter + "measure").get_data(as_text=True)
    code = re.search(r'class="join-code">([A-Z0-9]{6})<', page).group(1)
    phone = client.get(f"/fr/vote?code={code}").headers["Location"].split("ballot=")[1]
    field = "s-grooming-cadeau-sans-dette"
    answer = client.post("/fr/vote", data={"code": code, "ballot": phone, field: "true"})
    assert answer.status_code == 303
    engine = app.extensions["store"]
    command.downgrade(alembic_config(engine), "0008")  # as a server before 0009 kept it
    with engine.connect() as connection:
        assert connection.execute(text("SELECT statement FROM vote_phase")).scalar() == (
            "grooming:2"
        )
    upgrade(engine)
    live = client.get(presenter + "measure/start/live.json").get_json()
    assert live["statement"] == "grooming:cadeau-sans-dette" and live["answers"] == 1
    now = client.get(screen + "now.json").get_json()["html"]
    assert code in now and "Un cadeau ne crée aucune dette" in now
    again = client.get(f"/fr/vote?code={code}&ballot={phone}").get_data(as_text=True)
    assert f'name="{field}"' not in again and "Merci" in again
    fresh = client.get(f"/fr/vote?code={code}", follow_redirects=True).get_data(as_text=True)
    assert f'name="{field}"' in fresh
    engine.dispose()


def test_0010_makes_the_single_date_period_1s_and_back(database_url):
    """A session saved with one date keeps it as its first period's (its vote too: the
    table is altered in place, not rebuilt); downgrading gives period 1's date back."""
    engine = make_engine(database_url)
    upgrade(engine, "0009")  # the revision before
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO planned_session (presenter_token_hash, head_token_hash, created_at,"
                ' updated_at, delete_after, lang, tier, modules, periods, school, "date")'
                " VALUES ('p', 'h', :now, :now, :after, 'fr', '13-15', 'demo', 2, '', :day)"
            ),
            {
                "now": dt.datetime.now(dt.UTC),
                "after": dt.date(2099, 1, 1),
                "day": dt.date(2027, 3, 14),
            },
        )
        session_id = connection.execute(text("SELECT id FROM planned_session")).scalar()
        connection.execute(
            text(
                "INSERT INTO vote_count (session_id, phase, statement, kind, n)"
                " VALUES (:id, 'start', 'demo:faux-profil', 'true', 7)"
            ),
            {"id": session_id},
        )
    upgrade(engine, "0010")
    with engine.connect() as connection:
        row = connection.execute(text("SELECT date_1, date_2, date_3 FROM planned_session")).one()
        assert connection.execute(text("SELECT n FROM vote_count")).scalar() == 7
    assert tuple(map(str, row)) == ("2027-03-14", "None", "None")  # SQLite gives text
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE planned_session SET date_2 = :day"), {"day": dt.date(2027, 3, 21)}
        )
    command.downgrade(alembic_config(engine), "0009")
    with engine.connect() as connection:
        day = connection.execute(text('SELECT "date" FROM planned_session')).scalar()
        assert str(day) == "2027-03-14"
        assert connection.execute(text("SELECT n FROM vote_count")).scalar() == 7
    assert "date_2" not in {c["name"] for c in inspect(engine).get_columns("planned_session")}
