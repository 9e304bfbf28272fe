"""An app on the demo content whose lessons have three starter statements, on SQLite and on
PostgreSQL, and helpers to save a session and find its pages."""

from __future__ import annotations

import re
import shutil

import pytest

from workshop.catalog.files import revision_of
from workshop.catalog.lessons import lesson_paths

from ..conftest import FIXTURE_CONTENT, app_with_database
from ..sessions import (
    DEMO_CLASS,
    head_path,  # noqa: F401  (the measure tests import it from here)
)
from ..sessions import save as save_session

# The demo lesson's three starter statements, by their stable id, in each language.
DEMO_IDS = ("faux-profil", "cadeau", "aide")
STATEMENTS = {
    "fr": (
        ("faux-profil", "On reconnaît facilement un faux profil.", "false"),
        ("cadeau", "Un cadeau n'oblige à rien.", "true"),
        ("aide", "On peut toujours demander de l'aide.", "true"),
    ),
    "en": (
        ("faux-profil", "It's easy to spot a fake profile.", "false"),
        ("cadeau", "A gift creates no debt.", "true"),
        ("aide", "You can always ask for help.", "true"),
    ),
}


def statement_tables(lang: str) -> str:
    """The `[[statement]]` tables of the demo lesson in one language, as TOML."""
    return "".join(
        f'[[statement]]\nid = "{i}"\ntext = "{text}"\nanswer = "{answer}"\n\n'
        for i, text, answer in STATEMENTS[lang]
    )


SESSION = {**DEMO_CLASS, "date_1": "2027-03-14"}


def statements_tree(tmp_path):
    """A copy of the demo content whose lessons declare three starter statements, listed in
    their baseline sections."""
    tree = shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    for lang in STATEMENTS:
        path = tree / "modules" / "demo" / lang / "13-15.md"
        text = path.read_text().replace("[[plan]]", statement_tables(lang) + "[[plan]]", 1)
        baseline = f"FACILITATOR-ONLY baseline {lang}.\n"
        path.write_text(text.replace(baseline, baseline + "\n[[statements]]\n"))
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
