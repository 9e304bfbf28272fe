"""gunicorn's production settings on PostgreSQL: two workers forked from the preloading
master, restarted, and read at once right after each start. Each must use connections
of its own: no 503 and no 404 for a valid link while the database is up (issue 31)."""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from workshop.store.database import make_engine, upgrade

from ..conftest import FIXTURE_CONTENT
from ..servers import free_port, gunicorn_env, start_gunicorn, stop, wait_for
from ..sessions import DEMO

SESSION = DEMO


def status_and_page(url: str, form: dict | None = None) -> tuple[int, str, str]:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with urllib.request.urlopen(url, data=data, timeout=30) as answer:
            return answer.status, answer.geturl(), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, url, ""


def test_two_workers_on_postgresql_through_restarts(database_url, tmp_path):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite opens a file per connection: nothing to share across a fork")
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = gunicorn_env(FIXTURE_CONTENT, port, WORKSHOP_DATABASE_URL=database_url)

    def start():
        server = start_gunicorn(tmp_path, env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(base, server)
        return server

    server = start()
    try:
        schools = {}
        for number in range(8):
            school = f"École numéro {number}"
            status, url, _ = status_and_page(
                base + "/fr/facilitate/session/save", {**SESSION, "school": school}
            )
            assert status == 200
            schools[urllib.parse.urlsplit(url).path] = school
        wrong = []
        for _ in range(3):
            stop(server)
            server = start()  # read at once, while both workers are new
            paths = list(schools) * 8
            with ThreadPoolExecutor(16) as pool:
                for path, (status, _, page) in zip(
                    paths, pool.map(lambda p: status_and_page(base + p), paths), strict=True
                ):
                    if status != 200 or schools[path] not in page:
                        wrong.append(status)
        assert wrong == []
    finally:
        stop(server)
