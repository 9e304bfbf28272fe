"""An app on the demo content whose lessons have three starter statements, on SQLite and on
PostgreSQL, and helpers to save a session and find its pages."""

from __future__ import annotations

import re
import shutil

import pytest

from workshop.catalog.files import revision_of
from workshop.catalog.lessons import lesson_paths

from ..conftest import FIXTURE_CONTENT, app_with_database
from ..sessions import head_path  # noqa: F401  (the measure tests import it from here)
from ..sessions import save as save_session

BASELINES = {
    "fr": (
        "Lisez les phrases.\n\n"
        "1. « On reconnaît facilement un faux profil. » (Faux.)\n"
        "2. « Un cadeau n'oblige à rien. » (Vrai.)\n"
        "3. « On peut toujours demander de l'aide. » (Vrai.)\n"
    ),
    "en": (
        "Read the statements.\n\n"
        '1. "It\'s easy to spot a fake profile." (False.)\n'
        '2. "A gift creates no debt." (True.)\n'
        '3. "You can always ask for help." (True.)\n'
    ),
}
SESSION = {
    "lang": "fr",
    "tier": "13-15",
    "modules": "demo",
    "periods": "1",
    "school": "Collège Jean Moulin",
    "class_name": "4e B",
    "date": "2027-03-14",
}
ANSWERS = ("true", "false", "unsure")


def statements_tree(tmp_path):
    """A copy of the demo content with starter statements in its baseline sections."""
    tree = shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    for lang, baseline in BASELINES.items():
        path = tree / "modules" / "demo" / lang / "13-15.md"
        text = path.read_text()
        path.write_text(text.replace(f"FACILITATOR-ONLY baseline {lang}.\n", baseline))
    french = revision_of(list(lesson_paths(tree / "modules" / "demo" / "fr" / "13-15.md")))
    english = tree / "modules" / "demo" / "en" / "13-15.md"
    english.write_text(
        re.sub(
            r'source_revision = "[0-9a-f]+"', f'source_revision = "{french}"', english.read_text()
        )
    )
    return tree


@pytest.fixture
def measure_content(tmp_path):
    return statements_tree(tmp_path)


@pytest.fixture
def measure_app(database_url, measure_content):
    """The app on content with starter statements, on the test database."""
    app = app_with_database(measure_content, database_url)
    yield app
    app.extensions["store"].dispose()


def save(client, **changes) -> str:
    """Save a measured session; the path of the presenter's page."""
    return save_session(client, **{**SESSION, **changes})


def code_on(page_html: str) -> str:
    return re.search(r'class="join-code">([A-Z0-9]{6})<', page_html).group(1)
