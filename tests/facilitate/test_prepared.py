"""A saved session's documents prepared ahead (issue 26): ready soon after the save, kept in
the database where every worker sees them, served from there, built again when what they
print changes, one row per kind whoever stores it, gone with the session."""

from __future__ import annotations

import datetime as dt
import io
import threading
import time
import zipfile

import pytest
from sqlalchemy import select

from workshop.facilitate.prepared import Prepared
from workshop.store import prepared as stored
from workshop.store import sessions
from workshop.store.database import make_engine

from ..pdfs import pdf_text
from ..sessions import DEMO_CLASS, save

KEY = stored.document_key("a-presenter-link-token")  # what a presenter's link gives

SESSION = DEMO_CLASS
KINDS = {"pack", "handout", "briefing", "slides", "pptx", "kit"}


def wait_ready(client, path, timeout=300):
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        ready = client.get(path + "documents.json").get_json()
        if all(ready.values()):
            return ready
        time.sleep(0.3)
    raise AssertionError(ready)


def rows(engine) -> list:
    table = stored.prepared_document
    with engine.connect() as connection:
        return connection.execute(
            select(table.c.session_id, table.c.kind, table.c.lang, table.c.revision)
        ).all()


def test_documents_are_prepared_stored_served_rebuilt_on_change_and_dropped(store_app):
    store_app.config["PREPARE_DOCUMENTS"] = True
    engine = store_app.extensions["store"]
    client = store_app.test_client()
    path = save(client, **SESSION)
    page = client.get(path).get_data(as_text=True)
    assert "kit.zip" in page and "data-documents" in page
    assert set(wait_ready(client, path)) == KINDS
    # In the database, one row per kind: another worker process finds them there.
    assert {row.kind for row in rows(engine)} == KINDS and len(rows(engine)) == len(KINDS)
    kit = client.get(path + "kit.zip")
    assert kit.status_code == 200 and kit.headers["Cache-Control"] == "no-store"
    assert kit.headers["X-Declic-Document"] == "prepared"
    assert any(n.endswith("/slides.html") for n in zipfile.ZipFile(io.BytesIO(kit.data)).namelist())
    pack = client.get(path + "pack.pdf")
    assert pack.headers["X-Declic-Document"] == "prepared"
    assert "4e B" in pdf_text(pack.data)
    revisions = {row.kind: row.revision for row in rows(engine)}

    # A change: the pack prints the new class, never the stored copy of the old one, and
    # the new copy replaces the old (still one row per kind).
    client.post(path + "edit", data={**SESSION, "class_name": "4e C"})
    changed = client.get(path + "pack.pdf")
    assert "4e C" in pdf_text(changed.data)
    wait_ready(client, path)
    after = {row.kind: row.revision for row in rows(engine)}
    assert len(rows(engine)) == len(KINDS)
    assert all(after[kind] != revisions[kind] for kind in KINDS)

    client.post(path + "delete")  # the foreign key's cascade
    assert rows(engine) == []
    assert client.get(path + "kit.zip").status_code == 404


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_the_purge_and_the_delete_take_the_documents_with_the_session(store_app):
    engine = store_app.extensions["store"]
    client = store_app.test_client()
    old, kept = save(client, **SESSION), save(client, **SESSION)
    assert client.get(old + "handout.pdf").headers["X-Declic-Document"] == "built"
    assert client.get(kept + "handout.pdf").headers["X-Declic-Document"] == "built"
    assert client.get(kept + "handout.pdf").headers["X-Declic-Document"] == "prepared"
    assert len(rows(engine)) == 2
    ids = {row.session_id for row in rows(engine)}
    first = min(ids)
    with engine.begin() as connection:  # the first session is past its retention day
        table = sessions.planned_session
        connection.execute(
            table.update().where(table.c.id == first).values(delete_after=dt.date(2000, 1, 1))
        )
    assert sessions.purge(engine, dt.date.today()) == 1
    assert {row.session_id for row in rows(engine)} == ids - {first}
    client.post(kept + "delete")
    assert rows(engine) == []


def test_two_workers_storing_the_same_document_leave_one_row(store_app, database_url):
    """Two processes' engines (two connections), storing at the same moment, again and again,
    sometimes the same revision, sometimes a newer one: never an error, always one row."""
    engine = store_app.extensions["store"]
    client = store_app.test_client()
    client.get(save(client, **SESSION))
    session_id = rows_of_sessions(engine)[0]
    engines = [make_engine(database_url) for _ in range(2)]
    errors: list = []
    try:
        for round_ in range(12):
            barrier = threading.Barrier(2)

            def store(engine, data, round_=round_, barrier=barrier):
                try:
                    barrier.wait()
                    stored.put(engine, session_id, "kit", "fr", f"r{round_ // 2}", data, KEY)
                except Exception as error:  # collected, asserted below
                    errors.append(error)

            threads = [
                threading.Thread(target=store, args=(e, f"kit {round_} from {n}".encode()))
                for n, e in enumerate(engines)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert errors == []
            assert len(rows(engine)) == 1
            data = stored.get(engine, session_id, "kit", "fr", f"r{round_ // 2}", KEY)
            assert data in {f"kit {round_} from {n}".encode() for n in range(2)}
    finally:
        for other in engines:
            other.dispose()
    assert stored.get(engine, session_id, "kit", "fr", "r0", KEY) is None  # replaced, never served
    assert stored.get(engine, session_id, "kit", "en", "r5", KEY) is None  # another language


def rows_of_sessions(engine) -> list[int]:
    with engine.connect() as connection:
        return list(connection.execute(select(sessions.planned_session.c.id)).scalars())


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_what_may_not_or_cannot_be_kept_is_not(store_app):
    engine = store_app.extensions["store"]
    client = store_app.test_client()
    client.get(save(client, **SESSION))
    session_id = rows_of_sessions(engine)[0]
    with pytest.raises(ValueError, match="may not be stored"):
        stored.put(engine, session_id, "report", "fr", "r", b"%PDF counts", KEY)
    assert not stored.put(engine, session_id, "kit", "fr", "r", b"x" * (stored.MAX_BYTES + 1), KEY)
    assert not stored.put(engine, session_id + 99, "kit", "fr", "r", b"no such session", KEY)
    assert rows(engine) == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_click_during_preparation_waits_for_it_instead_of_building_twice(store_app):
    engine = store_app.extensions["store"]
    client = store_app.test_client()
    client.get(save(client, **SESSION))
    session_id = rows_of_sessions(engine)[0]
    store, built, answers = Prepared(), [], []

    def make():
        built.append(1)
        time.sleep(0.3)
        return b"document"

    def click():
        with store_app.app_context():
            answers.append(store.build(session_id, "pack", "fr", "f1", make, KEY))

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert built == [1]
    assert sorted(answers) == [(b"document", False)] + [(b"document", True)] * 3
    assert stored.get(engine, session_id, "pack", "fr", "f1", KEY) == b"document"
    assert stored.get(engine, session_id, "pack", "fr", "other fingerprint", KEY) is None


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_build_cut_short_by_the_shutdown_is_neither_stored_nor_logged(store_app, caplog):
    """gunicorn stopping a worker shuts its PDF builders down under a background build: the
    build fails (or ends) after the interpreter began to exit. Nothing is stored, nothing is
    logged as a failure, and the jobs after it are not started."""
    from workshop.facilitate import prepared as module

    engine = store_app.extensions["store"]
    client = store_app.test_client()
    client.get(save(client, **SESSION))
    session_id = rows_of_sessions(engine)[0]
    started = []

    def cut_short():
        started.append("pack")
        module.STOPPING.set()  # as threading's exit callbacks do
        raise RuntimeError("cannot schedule new futures after interpreter shutdown")

    def finished_late():
        started.append("handout")
        module.STOPPING.set()
        return b"%PDF whole, but the process is exiting"

    try:
        for jobs in (
            {"pack": ("f1", cut_short), "kit": ("f1", lambda: b"x")},
            {"handout": ("f1", finished_late)},
        ):
            module.STOPPING.clear()
            with store_app.test_request_context("/"):
                Prepared().prepare(store_app, session_id, "fr", jobs, KEY).join(timeout=30)
    finally:
        module.STOPPING.clear()
    assert started == ["pack", "handout"]  # the kit, after the pack, was never started
    assert rows(engine) == []
    assert "failed" not in caplog.text
    # Outside a shutdown, a failure is logged (a click builds it again and shows the error).
    with store_app.test_request_context("/"):
        Prepared().prepare(store_app, session_id, "fr", {"pack": ("f2", cut_failing)}, KEY).join(30)
    assert "preparing pack failed" in caplog.text


def cut_failing():
    raise RuntimeError("a real failure")


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_a_document_another_worker_is_preparing_is_waited_for_not_built_again(
    store_app, database_url
):
    """Two Prepared (two worker processes, each its own engine): while one prepares a
    document, the other's click waits for it and its background preparation leaves it
    alone; once a build fails, its claim is gone and the next click builds it."""
    engine = store_app.extensions["store"]
    client = store_app.test_client()
    client.get(save(client, **SESSION))
    session_id = rows_of_sessions(engine)[0]
    first, second = Prepared(), Prepared()
    built: list[str] = []

    def slow():
        built.append("first")
        time.sleep(1.5)
        return b"%PDF the pack"

    def again():
        built.append("second")
        return b"%PDF built twice"

    def prepare_first():
        with store_app.app_context():
            first.build(session_id, "pack", "fr", "f1", slow, KEY, background=True)

    thread = threading.Thread(target=prepare_first)
    thread.start()
    while not built:
        time.sleep(0.05)
    with store_app.app_context():
        assert stored.being_prepared(engine, session_id, "pack", "fr", "f1")
        assert not stored.ready(engine, session_id, "fr", {"pack": "f1"})  # "preparing…"
        assert second.build(session_id, "pack", "fr", "f1", again, KEY, background=True) == (
            None,
            False,
        )
        assert second.build(session_id, "pack", "fr", "f1", again, KEY) == (b"%PDF the pack", True)
    thread.join()
    assert built == ["first"]

    def fails():
        built.append("failed")
        raise RuntimeError("a real failure")

    with store_app.app_context(), pytest.raises(RuntimeError):
        first.build(session_id, "handout", "fr", "f1", fails, KEY)
    assert not stored.being_prepared(engine, session_id, "handout", "fr", "f1")
    with store_app.app_context():
        assert second.build(session_id, "handout", "fr", "f1", again, KEY) == (
            b"%PDF built twice",
            False,
        )
    assert {row.kind for row in rows(engine)} == {"pack", "handout"}


def test_a_stored_document_opens_only_with_its_link_and_unaltered():
    """Sealed under the presenter's link: another link's key, or a byte changed in the
    database, gives nothing (the document is then built again), never other bytes."""
    sealed = stored.seal(KEY, b"%PDF the pack for 4e B")
    assert b"4e B" not in sealed and stored.unseal(KEY, sealed) == b"%PDF the pack for 4e B"
    assert stored.seal(KEY, b"same") != stored.seal(KEY, b"same")  # a fresh nonce each time
    assert stored.unseal(stored.document_key("another link"), sealed) is None
    altered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    assert stored.unseal(KEY, altered) is None
    assert stored.unseal(KEY, b"") is None and stored.unseal(KEY, sealed[:20]) is None
    assert stored.unseal(KEY, stored.seal(KEY, b"")) == b""
