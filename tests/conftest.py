"""Shared fixtures: an app on the demo content tree under tests/, and one on the real content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop import create_app

TESTS = Path(__file__).parent
FIXTURE_CONTENT = TESTS / "fixtures" / "content"
BROKEN_CASES = TESTS / "fixtures" / "broken"
REAL_CONTENT = TESTS.parent / "content"


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


SESSION = {"lang": "fr", "tier": "13-15", "modules": "demo", "periods": "1",
           "document": "pack"}


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
        (content_tree / "modules" / "demo" / "module.toml").read_text().replace("order = 1", "order = 2"))
    return create_app({"CONTENT_DIR": content_tree, "TESTING": True})
