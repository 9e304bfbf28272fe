"""One place for each fact, and tests that catch a second copy: the plan table, the three
answers, the names of downloads, the configuration's defaults (issue 30)."""

from __future__ import annotations

import re
from pathlib import Path

import workshop.documents as documents
from workshop.planning import SessionChoices

from .sessions import head_path, save

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "workshop" / "templates"


def templates() -> dict[str, str]:
    """Every template's text, by its path under templates/."""
    found = {
        str(path.relative_to(TEMPLATES)): path.read_text(encoding="utf-8")
        for path in TEMPLATES.rglob("*")
        if path.is_file()
    }
    assert len(found) > 40  # the folder was read
    return found


# The plan table.


def test_the_plan_table_is_written_once():
    """Only the macro draws a session's plan as a table (one lesson's own plan, in its notes,
    is _content.html's), and no template prints an activity's minute counted from the
    session's start (activity.start/end) instead of its period's."""
    tables = [
        name
        for name, text in templates().items()
        if re.search(r'<table class="plan"[^§]*?plan\.activities', text)
        or '<td class="time">' in text
    ]
    assert tables == ["_approval.html"]
    whole_session = [
        name for name, text in templates().items() if re.search(r"\bactivity\.(start|end)\b", text)
    ]
    assert not whole_session, whole_session


def time_cells(page: str) -> list[str]:
    """The plan's rows as printed: 'Séance n' rows and each activity's minutes."""
    table = page.split('<table class="plan">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'scope="rowgroup">([^<]+)<|<td class="time">([^<]+)</td>', table)


def test_pages_and_pack_time_a_two_period_session_alike(two_modules, monkeypatch):
    """The presenter's page, the head's page and the pack print the same plan: split into
    periods, each timed from 0."""
    client = two_modules.test_client()
    presenter = save(client, modules=["demo", "second"], periods="2")
    presenter_page = client.get(presenter).get_data(as_text=True)
    head_page = client.get(head_path(presenter_page)).get_data(as_text=True)
    monkeypatch.setattr(documents, "render_pdf", lambda html_text, *args: html_text.encode())
    with two_modules.test_request_context():
        choices = SessionChoices(lang="fr", tier="13-15", modules=("demo", "second"), periods=2)
        pack = documents.pack_pdf(choices).decode()
    rows = time_cells(pack)
    periods = [row[0] for row in rows if row[0]]
    assert periods == ["Séance 1", "Séance 2"]
    second = rows[rows.index(("Séance 2", "")) + 1]
    assert second[1].startswith("0–"), rows  # period 2 starts again at 0
    assert time_cells(presenter_page) == rows
    assert time_cells(head_page) == rows
