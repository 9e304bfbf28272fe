"""Starting on a database: nothing shared across gunicorn's fork, one clear line (never a
traceback) for a database that cannot be used, and the lock waits kept short."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time

import pytest
from sqlalchemy import text

from workshop import create_app
from workshop.store import DatabaseUnusable, SchemaOutdated
from workshop.store.database import SQLITE_BUSY_SECONDS, make_engine, upgrade

from ..conftest import FIXTURE_CONTENT
from ..servers import GUNICORN, KEY, PACKAGE_SETTINGS, clean_env, free_port
from ..sessions import SESSION


def config(url: str) -> dict:
    return {"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True, "DATABASE_URL": url}


def test_the_started_app_holds_no_connection_for_its_forked_workers(database_url):
    # gunicorn preloads the app in its master and forks the workers from it: a connection
    # left in the master's pool would be one database session shared by every worker.
    upgrade(make_engine(database_url))
    app = create_app(config(database_url))
    engine = app.extensions["store"]
    assert engine.pool.checkedin() == 0
    app.test_client().post("/fr/facilitate/session/save", data=SESSION)
    assert engine.pool.checkedin() == 1
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # in the child: the parent's connection is not in its pool
        os.write(write, str(engine.pool.checkedin()).encode())
        os._exit(0)
    os.waitpid(child, 0)
    assert os.read(read, 10) == b"0"
    engine.dispose()


def stamp(url: str, revision: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_a_database_of_a_newer_declic_is_refused_without_advising_an_upgrade(database_url):
    stamp(database_url, "0099")
    with pytest.raises(SchemaOutdated) as refused:
        create_app(config(database_url))
    message = str(refused.value)
    assert "newer Déclic" in message and "cannot go back" in message
    assert "Run `workshop db upgrade`" not in message  # that command would fail


def test_the_embedded_database_of_a_newer_declic_is_refused_too(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    stamp(f"sqlite:///{tmp_path / 'declic.sqlite3'}", "0099")
    with pytest.raises(SchemaOutdated, match="newer Déclic"):
        create_app({**config(None), "INSTANCE_PATH": str(tmp_path)})


def test_a_file_that_is_not_a_database_is_one_clear_line(tmp_path):
    path = tmp_path / "declic.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseUnusable, match="cannot use its database"):
        create_app(config(f"sqlite:///{path}"))


def test_an_unwritable_instance_folder_is_one_clear_line(tmp_path, monkeypatch):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(DatabaseUnusable, match="cannot create its database folder"):
            create_app({**config(None), "INSTANCE_PATH": str(tmp_path / "instance")})
    finally:
        tmp_path.chmod(0o700)


@pytest.mark.parametrize("state", ["corrupt", "newer"])
def test_gunicorn_says_what_is_wrong_in_one_line(tmp_path, state):
    path = tmp_path / "declic.sqlite3"
    url = f"sqlite:///{path}"
    if state == "corrupt":
        path.write_bytes(b"not a database at all" * 100)
    else:
        stamp(url, "0099")
    env = clean_env(
        FIXTURE_CONTENT,
        WORKSHOP_SECRET_KEY=KEY,
        WORKSHOP_DATABASE_URL=url,
        WORKSHOP_BIND=f"127.0.0.1:{free_port()}",
    )
    result = subprocess.run(
        [GUNICORN, *PACKAGE_SETTINGS, "workshop:create_app()"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "Error: Déclic cannot use its database" in result.stderr or "newer Déclic" in (
        result.stderr
    )


def test_a_locked_sqlite_database_answers_503_without_holding_the_thread(tmp_path):
    url = f"sqlite:///{tmp_path / 'locked.sqlite3'}"
    client = create_app(config(url)).test_client()
    blocker = sqlite3.connect(tmp_path / "locked.sqlite3")
    blocker.execute("BEGIN EXCLUSIVE")  # a backup or maintenance job holds the lock
    try:
        started = time.perf_counter()
        response = client.post("/fr/facilitate/session/save", data=SESSION)
        waited = time.perf_counter() - started
    finally:
        blocker.rollback()
        blocker.close()
    assert response.status_code == 503 and response.headers["Retry-After"].isdigit()
    # A class's 40 waiting votes must not hold 16 threads for long: the wait is bounded by
    # the driver's busy timeout, which is what is checked exactly; the clock only guards
    # against a request that never gives up (generous: the machine may be busy).
    with client.application.extensions["store"].connect() as connection:
        busy_ms = connection.execute(text("PRAGMA busy_timeout")).scalar()
    assert busy_ms == SQLITE_BUSY_SECONDS * 1000
    assert SQLITE_BUSY_SECONDS <= 2
    assert waited < 4 * SQLITE_BUSY_SECONDS
