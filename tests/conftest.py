"""Shared fixtures: apps on the demo content tree under tests/ and on the real content, and
fresh databases (SQLite and PostgreSQL) for saved sessions.

The suite runs in parallel (pytest-xdist, `-n auto` in the README's test command): each worker
has its own SQLite file and its own PostgreSQL database, so that no worker sees another's
half-migrated schema or drops another's tables.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

import workshop.catalog
from workshop import create_app
from workshop.catalog.files import revision_of
from workshop.catalog.lessons import lesson_paths
from workshop.store.database import make_engine, upgrade

from .sessions import DEMO

TESTS = Path(__file__).parent
FIXTURE_CONTENT = TESTS / "fixtures" / "content"
BROKEN_CASES = TESTS / "fixtures" / "broken"
REAL_CONTENT = TESTS.parent / "content"

# The xdist worker running this process ("gw0", "gw1"…), or "main" in a serial run.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")

# Every app a test starts (in this process or a child) keeps its saved sessions in a
# throwaway SQLite file of this worker's, never in the repository's instance folder. The
# xdist controller loads this file too and its workers inherit its environment: a URL the
# tests set themselves (marked by _OWN_DATABASE) is replaced by one per worker, while a URL
# the developer set is kept. Tests of the data layer use `database_url` below.
_OWN_DATABASE = "DECLIC_TESTS_DATABASE_URL"
if os.environ.get("WORKSHOP_DATABASE_URL") in (None, os.environ.get(_OWN_DATABASE)):
    _folder = tempfile.mkdtemp(prefix=f"declic-tests-{WORKER}-")
    os.environ["WORKSHOP_DATABASE_URL"] = f"sqlite:///{_folder}/tests.sqlite3"
    os.environ[_OWN_DATABASE] = os.environ["WORKSHOP_DATABASE_URL"]

# The slow tests, left out of the README's fast loop (`-m "not browser and not slow"`) and
# run by the full command: each costs seconds, not milliseconds. A prefix of a test's id:
# a folder, a file or one test. (Browser tests are marked in tests/browser/conftest.py.)
SLOW = {
    "tests/documents/": "real PDFs built by WeasyPrint",
    "tests/test_cli.py::test_pack": "real PDFs built by WeasyPrint",
    "tests/teach/test_documents.py": "real PDFs built by WeasyPrint",
    "tests/test_cli.py::test_serve": "a server in a child process",
    "tests/test_html_valid.py": "a JVM for each run of the Nu Html Checker",
    "tests/facilitate/test_slides_html.py": "a JVM for each run of the Nu Html Checker",
    "tests/facilitate/test_every_slide.py::test_every_slide_of_every": "every deck, every template",
    "tests/facilitate/test_pptx.py::test_session_pptx": "a whole session's deck as PowerPoint",
    "tests/measure/test_pages_valid.py": "a JVM for each run of the Nu Html Checker",
    "tests/test_fuzz.py": "hypothesis: thousands of requests",
    "tests/test_nginx.py": "nginx and gunicorn processes",
    "tests/test_private_logs.py": "nginx and gunicorn processes",
    "tests/store/test_gunicorn_workers.py": "gunicorn processes",
    "tests/test_production.py": "gunicorn processes",
    "tests/store/test_two_processes.py": "two server processes on one database",
    "tests/facilitate/test_prepared.py": "real PDFs built by WeasyPrint",
    "tests/facilitate/test_prepared_privacy.py": "real PDFs built by WeasyPrint",
    "tests/facilitate/test_prepared_workers.py": "gunicorn processes building real PDFs",
    "tests/measure/test_class_load.py": "a server and a class of concurrent phones",
    "tests/export/test_downloads.py::test_the_follow_ups": "real PDFs built by WeasyPrint",
    "tests/export/test_downloads.py::test_the_packaged_page": "a JVM (Nu Html Checker)",
}


# The two content trees of the repository are never changed by a test (a test that changes
# content works on a copy: `content_tree`), so each worker loads each of them once instead
# of once per app: the load is about half of create_app's time, which most tests pay.
_load_from_config = workshop.catalog.load_from_config
_LOADED: dict[tuple, workshop.catalog.Catalog] = {}
_UNCHANGED_TREES = {FIXTURE_CONTENT.resolve(), REAL_CONTENT.resolve()}


def _load_unchanged_trees_once(config) -> workshop.catalog.Catalog:
    root = Path(config["CONTENT_DIR"]).resolve()
    if root not in _UNCHANGED_TREES:
        return _load_from_config(config)
    key = (root, tuple(config["LANGUAGES"]), config["SOURCE_LANGUAGE"], config["JURISDICTION"])
    if key not in _LOADED:
        _LOADED[key] = _load_from_config(config)
    return _LOADED[key]


workshop.catalog.load_from_config = _load_unchanged_trees_once


def pytest_collection_modifyitems(items):
    for item in items:
        nodeid = item.nodeid.replace(os.sep, "/")
        if any(nodeid.startswith(prefix) for prefix in SLOW):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def content_tree(tmp_path: Path) -> Path:
    """A copy of the demo content tree that a test may change."""
    return Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))


@pytest.fixture
def app():
    """The app on the demo content tree."""
    return create_app({"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True})


@pytest.fixture
def client(app):
    """A test client of the app on the demo content."""
    return app.test_client()


@pytest.fixture(scope="session")
def real_app():
    """The app on the real content/ tree, loaded once."""
    return create_app({"CONTENT_DIR": REAL_CONTENT, "TESTING": True})


@pytest.fixture
def real_client(real_app):
    """A test client of the app on the real content."""
    return real_app.test_client()


SESSION = {**DEMO, "document": "pack"}


@pytest.fixture
def post_session(client):
    """Submit the session builder (demo content) with some fields changed."""

    def post(**fields):
        return client.post("/fr/facilitate/session", data={**SESSION, **fields})

    return post


def add_second_module(content_tree: Path) -> Path:
    """Add a second module to a copy of the demo tree: a copy of the first, its quiz in
    another order. Two modules fill two periods (one module fills one)."""
    shutil.copytree(content_tree / "modules" / "demo", content_tree / "modules" / "second")
    (content_tree / "modules" / "second" / "module.toml").write_text(
        (content_tree / "modules" / "demo" / "module.toml")
        .read_text()
        .replace("order = 1", "order = 2")
    )
    # Its questions in another order (the first one last): two quizzes may not put their
    # right answers in the same order (rule quiz-answer-sequence). The English follows.
    second = content_tree / "modules" / "second"
    for quiz in second.glob("*/*.quiz.toml"):
        head, *items = quiz.read_text(encoding="utf-8").split("[[items]]")
        items = [item.rstrip() + "\n\n" for item in items[1:] + items[:1]]
        quiz.write_text(head + "".join("[[items]]" + item for item in items), encoding="utf-8")
    french = revision_of(list(lesson_paths(second / "fr" / "13-15.md")))
    english = second / "en" / "13-15.md"
    english.write_text(
        re.sub(
            r'source_revision = "[0-9a-f]+"', f'source_revision = "{french}"', english.read_text()
        )
    )
    return content_tree


@pytest.fixture
def two_modules(content_tree):
    """The app on the demo tree with a second module, a copy of the first."""
    return create_app({"CONTENT_DIR": add_second_module(content_tree), "TESTING": True})


# Databases: a fresh one for each test, on SQLite and on a real PostgreSQL, which comes from
# WORKSHOP_TEST_POSTGRES_URL (`.ci/run` installs Debian's server, starts it and sets it).
# Without it the PostgreSQL half is skipped locally, and fails in CI.

POSTGRES_URL = os.environ.get("WORKSHOP_TEST_POSTGRES_URL")


def worker_database(url: str, worker: str) -> str:
    """This worker's database beside the one WORKSHOP_TEST_POSTGRES_URL names
    (`declic_test` → `declic_test_gw0`), or that one itself in a serial run."""
    if worker == "main":
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """This worker's PostgreSQL database, created on first use (the role needs CREATEDB,
    which `.ci/run` gives it); skip (fail in CI) when there is no PostgreSQL."""
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("WORKSHOP_TEST_POSTGRES_URL is not set: .ci/run starts PostgreSQL")
        pytest.skip("no PostgreSQL: set WORKSHOP_TEST_POSTGRES_URL (README, Run every test)")
    url = worker_database(POSTGRES_URL, WORKER)
    if url != POSTGRES_URL:
        name = make_url(url).database
        server = make_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            found = "SELECT 1 FROM pg_database WHERE datname = :name"
            if connection.execute(text(found), {"name": name}).first() is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        server.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """The URL of an empty database of either kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'declic.sqlite3'}"
    url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    with engine.begin() as connection:  # an empty schema, whatever the last test left
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@functools.cache
def _migrated_sqlite_file() -> Path:
    """This worker's SQLite file at the code's schema, migrated once."""
    path = Path(tempfile.mkdtemp(prefix=f"declic-migrated-{WORKER}-")) / "migrated.sqlite3"
    _run_migrations(f"sqlite:///{path}")
    return path


def _run_migrations(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()


def migrate(database_url: str) -> None:
    """Bring an empty database to the code's schema: a new SQLite file is a copy of this
    worker's migrated one (running the migrations costs about 0.1 s, in hundreds of tests);
    PostgreSQL runs the migrations. The migrations themselves are tested in tests/store."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        shutil.copyfile(_migrated_sqlite_file(), url.database)
    else:
        _run_migrations(database_url)


@pytest.fixture
def engine(database_url):
    """An engine on a database at the code's schema."""
    migrate(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def app_with_database(content: Path, database_url: str):
    """The app on a content tree, its sessions in a database migrated to the code's schema."""
    migrate(database_url)
    return create_app({"CONTENT_DIR": content, "TESTING": True, "DATABASE_URL": database_url})


@pytest.fixture
def store_app(database_url):
    """The app on the demo content, with its sessions in the test database."""
    app = app_with_database(FIXTURE_CONTENT, database_url)
    yield app
    app.extensions["store"].dispose()


@pytest.fixture
def two_modules_store_app(database_url, content_tree):
    """The app on the demo tree with a second module (two periods of lessons), with its
    sessions in the test database."""
    app = app_with_database(add_second_module(content_tree), database_url)
    yield app
    app.extensions["store"].dispose()
