"""Prepared documents under the production server (issue 26): gunicorn with the package's
settings and two workers, on SQLite and PostgreSQL. A session saved through one request is
prepared in the background; afterwards every click, whichever worker answers it, gets the
stored copy (the response's X-Declic-Document header, and the access log names the worker).
Stopping gunicorn while documents are being prepared logs no failure and leaves no row that
is not a whole document (no claim of a build that was cut short either)."""

from __future__ import annotations

import io
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from workshop.store import prepared as stored
from workshop.store.database import make_engine, upgrade

from ..conftest import FIXTURE_CONTENT
from ..servers import free_port, gunicorn_env, start_gunicorn, stop, wait_for
from ..sessions import DEMO_CLASS

SESSION = {**DEMO_CLASS, "safeguarding_contact": "Mme Martin, CPE"}
# The worker's process id, the status and where the document came from, for each request.
LOG_FORMAT = "%(p)s %(s)s %({x-declic-document}o)s"


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def save(base: str) -> str:
    """Save a session (the save's redirect opens its page); its path."""
    form = urllib.parse.urlencode(SESSION).encode()
    with urllib.request.urlopen(base + "/fr/facilitate/session/save", form, timeout=60) as page:
        return urllib.parse.urlsplit(page.geturl()).path


def whole(kind: str, data: bytes) -> bool:
    """Whether stored bytes are a complete document of their kind."""
    if kind in ("kit", "pptx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None
    return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def test_any_worker_serves_what_one_prepared_and_a_stop_is_quiet(tmp_path, database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = gunicorn_env(FIXTURE_CONTENT, port, WORKSHOP_DATABASE_URL=database_url)
    access, errors = tmp_path / "access.log", tmp_path / "error.log"
    options = ("--access-logfile", str(access), "--access-logformat", LOG_FORMAT)
    options += ("--error-logfile", str(errors), "--capture-output")  # the app's log too
    server = start_gunicorn(tmp_path, env, *options, stderr=subprocess.DEVNULL)
    try:
        wait_for(base, server, seconds=60)
        presenter = save(base)
        began = time.monotonic()
        while True:  # the page's "preparing the document…" until every one is ready
            status, _, body = get(base + presenter + "documents.json")
            assert status == 200
            if b"false" not in body:
                break
            assert time.monotonic() - began < 300, body
            time.sleep(0.5)

        paths = [presenter + p for p in ("kit.zip", "pack.pdf", "slides.pptx", "handout.pdf")]
        answers = []
        with ThreadPoolExecutor(8) as pool:
            for _ in range(10):  # until both workers have answered (both nearly always do)
                answers += pool.map(lambda path: get(base + path), paths * 4)
                if len(served_by(access)) >= 2:
                    break
                time.sleep(0.2)
        assert all(status == 200 for status, _, _ in answers)
        assert {headers["X-Declic-Document"] for _, headers, _ in answers} == {"prepared"}
        assert len(served_by(access)) == 2, access.read_text()[-800:]  # both workers

        # A save, then gunicorn stops while the kit (prepared last) is being prepared.
        second = save(base)
        began = time.monotonic()
        while b'"pptx":true' not in get(base + second + "documents.json")[2].replace(b" ", b""):
            assert time.monotonic() - began < 300
            time.sleep(0.1)
    finally:
        stop(server)
    log = errors.read_text()
    assert "failed" not in log and "Traceback" not in log, log[-2000:]
    table = stored.prepared_document
    with engine.connect() as connection:
        kept = connection.execute(select(table.c.session_id, table.c.kind, table.c.data)).all()
    engine.dispose()
    assert [kind for _, kind, data in kept if data is None] == []  # no claim left behind
    # Sealed under each session's presenter link: opened with one of the two, each whole.
    keys = [stored.document_key(path.rstrip("/").split("/")[-1]) for path in (presenter, second)]
    opened = [
        (kind, next((d for d in (stored.unseal(k, bytes(data)) for k in keys) if d), None))
        for _, kind, data in kept
    ]
    assert all(data is not None and whole(kind, data) for kind, data in opened)
    assert len({session for session, _, _ in kept}) in (1, 2)


def served_by(access) -> set[str]:
    """The workers (process ids) that served a prepared document."""
    found = re.findall(r"^<(\d+)> 200 prepared$", access.read_text(), re.M)
    return set(found)
