"""A database that is down or locked: a clear 503 with Retry-After, nothing half-written."""

from __future__ import annotations

import sqlite3

from workshop import create_app
from workshop.store import sessions
from workshop.store.database import make_engine

from ..conftest import FIXTURE_CONTENT
from ..sessions import SESSION, save


def test_a_database_that_went_down_is_a_503_page(store_app):
    client = store_app.test_client()
    path = save(client)
    store_app.extensions["store"] = make_engine(
        "postgresql+psycopg://declic:declic@127.0.0.1:9/gone?connect_timeout=2"
    )
    for response in (client.get(path), client.post("/fr/facilitate/session/save", data=SESSION)):
        assert response.status_code == 503
        assert response.headers["Retry-After"].isdigit()
        html = response.get_data(as_text=True)
        assert "Traceback" not in html and "psycopg" not in html
        assert "<h1>" in html


def test_a_locked_sqlite_database_is_a_503_and_nothing_is_written(tmp_path):
    url = f"sqlite:///{tmp_path / 'locked.sqlite3'}"
    app = create_app({"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True, "DATABASE_URL": url})
    client = app.test_client()
    save(client)
    blocker = sqlite3.connect(tmp_path / "locked.sqlite3")
    blocker.execute("BEGIN EXCLUSIVE")  # another process in the middle of a long write
    try:
        response = client.post("/fr/facilitate/session/save", data=SESSION)
        assert response.status_code == 503 and "Retry-After" in response.headers
    finally:
        blocker.rollback()
        blocker.close()
    assert sessions.count(app.extensions["store"]) == 1
