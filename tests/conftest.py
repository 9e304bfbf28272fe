"""Shared fixtures: apps on the demo content tree under tests/ and on the real content, and
fresh databases (SQLite and PostgreSQL) for saved sessions."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import text

from workshop import create_app
from workshop.store.database import make_engine, upgrade

TESTS = Path(__file__).parent
FIXTURE_CONTENT = TESTS / "fixtures" / "content"
BROKEN_CASES = TESTS / "fixtures" / "broken"
REAL_CONTENT = TESTS.parent / "content"

# Every app a test starts (in this process or a child) keeps its saved sessions in a
# throwaway SQLite file, never in the repository's instance folder. Tests of the data
# layer give their own database (tests/store/conftest.py).
os.environ.setdefault(
    "WORKSHOP_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='declic-tests-')}/tests.sqlite3"
)


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


SESSION = {"lang": "fr", "tier": "13-15", "modules": "demo", "periods": "1", "document": "pack"}


@pytest.fixture
def post_session(client):
    """Submit the session builder (demo content) with some fields changed."""

    def post(**fields):
        return client.post("/fr/facilitate/session", data={**SESSION, **fields})

    return post


@pytest.fixture
def two_modules(content_tree):
    """The app on the demo tree with a second module, a copy of the first."""
    shutil.copytree(content_tree / "modules" / "demo", content_tree / "modules" / "second")
    (content_tree / "modules" / "second" / "module.toml").write_text(
        (content_tree / "modules" / "demo" / "module.toml")
        .read_text()
        .replace("order = 1", "order = 2")
    )
    return create_app({"CONTENT_DIR": content_tree, "TESTING": True})


# Databases: a fresh one for each test, on SQLite and on a real PostgreSQL, which comes from
# WORKSHOP_TEST_POSTGRES_URL (`.ci/run` installs Debian's server, starts it and sets it).
# Without it the PostgreSQL half is skipped locally, and fails in CI.

POSTGRES_URL = os.environ.get("WORKSHOP_TEST_POSTGRES_URL")


def _postgres_or_skip() -> str:
    """The test PostgreSQL's URL; skip (fail in CI) when there is none."""
    if POSTGRES_URL:
        return POSTGRES_URL
    if os.environ.get("CI"):
        pytest.fail("WORKSHOP_TEST_POSTGRES_URL is not set: .ci/run starts PostgreSQL")
    pytest.skip("no PostgreSQL: set WORKSHOP_TEST_POSTGRES_URL (README, Run every test)")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """The URL of an empty database of either kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'declic.sqlite3'}"
    url = _postgres_or_skip()
    engine = make_engine(url)
    with engine.begin() as connection:  # an empty schema, whatever the last test left
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture
def engine(database_url):
    """An engine on a database at the code's schema."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def app_with_database(content: Path, database_url: str):
    """The app on a content tree, its sessions in a database migrated to the code's schema."""
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    return create_app({"CONTENT_DIR": content, "TESTING": True, "DATABASE_URL": database_url})


@pytest.fixture
def store_app(database_url):
    """The app on the demo content, with its sessions in the test database."""
    app = app_with_database(FIXTURE_CONTENT, database_url)
    yield app
    app.extensions["store"].dispose()
