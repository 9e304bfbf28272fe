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
