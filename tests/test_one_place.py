"""One place for each fact, and tests that catch a second copy: the plan table, the three
answers, the names of downloads, the configuration's defaults, the kinds of slide (issue 30)."""

from __future__ import annotations

import re
from pathlib import Path

import workshop.documents as documents
from workshop import vocabulary
from workshop.planning import SessionChoices

from .sessions import head_path, save, teacher_path

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


# The three answers.

CODE = ROOT / "workshop"
STATIC = ROOT / "static"


def sources() -> dict[str, str]:
    """The app's code, templates, CSS and JavaScript (migrations are frozen copies)."""
    found = {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for folder, patterns in ((CODE, ("*.py", "*.html", "*.txt")), (STATIC, ("*.css", "*.js")))
        for pattern in patterns
        for path in folder.rglob(pattern)
        if "migrations" not in path.parts
    }
    assert len(found) > 100
    return found


def test_the_answers_are_spelt_once():
    """The answers' keys, labels and bar colours are written only in vocabulary.py: a tuple
    of the keys, a label or a colour written again anywhere else fails."""
    keys = r"""[(\[]\s*["']true["']\s*,\s*["']false["']"""
    labels = r"""_l?\(\s*["']Not sure["']\s*\)"""
    colours = "|".join(vocabulary.ANSWER_COLOURS.values())
    copies = {
        name: pattern
        for name, text in sources().items()
        if name != "workshop/vocabulary.py"
        for pattern in (keys, labels, rf'["\'](?:{colours})["\']', r"""["']unsure["']""")
        if re.search(pattern, text)
    }
    assert not copies, copies


def test_every_answer_has_its_counter_tint_and_no_other():
    """The cards' counters are tinted per answer in slides.css: one rule for each answer."""
    css = (STATIC / "css" / "slides.css").read_text(encoding="utf-8")
    tinted = re.findall(r"\.count-([a-z]+) \{ background", css)
    assert tinted == list(vocabulary.ANSWERS)


# The names of downloads.

FILE = re.compile(r'attachment; filename="declic-([a-z-]+)-13-15-demo-fr\.([a-z]+)"')


def test_every_file_is_named_by_the_one_rule(app, monkeypatch):
    """Every route that answers with a file names it declic-<document>-<tier>-<modules>-
    <lang>.<ext> (SessionChoices.file_stem, through planning.downloads.attachment); the
    routes tried are all the app's download routes."""
    monkeypatch.setattr(documents, "render_pdf", lambda html_text, *args: html_text.encode())
    client = app.test_client()
    presenter = save(client, modules="demo")
    page = client.get(presenter).get_data(as_text=True)
    head, teacher = head_path(page), teacher_path(page)
    query = "?lang=fr&tier=13-15&modules=demo&periods=1"
    downloads = {
        "facilitate.lesson_slides_pdf": "/fr/facilitate/slides/13-15/demo/slides.pdf",
        "facilitate.lesson_slides_pptx": "/fr/facilitate/slides/13-15/demo/slides.pptx",
        "facilitate.session_slides_pdf": "/fr/facilitate/slides/session/slides.pdf" + query,
        "facilitate.session_slides_pptx": "/fr/facilitate/slides/session/slides.pptx" + query,
        "facilitate.lesson_export": "/fr/facilitate/13-15/demo/moodle/questions.gift",
        "facilitate.saved_session_pdf": presenter + "pack.pdf",
        "facilitate.saved_slides_pptx": presenter + "slides.pptx",
        "facilitate.saved_session_kit": presenter + "kit.zip",
        "facilitate.saved_session_export": presenter + "moodle/demo.scorm.zip",
        "measure.presenter_report_pdf": presenter + "measure/report.pdf",
        "review.session_review_pdf": head + "briefing.pdf",
        "review.session_letter_file": head + "letter.docx",
        "measure.head_report_pdf": head + "measure/report.pdf",
        "teach.calendar": teacher + "calendar.ics",
        "teach.document": teacher + "family.pdf",
        "teach.report_pdf_view": teacher + "report.pdf",
        "teach.export": teacher + "moodle/questions.xml",
    }
    names = {}
    for endpoint, path in downloads.items():
        response = client.get(path)
        assert response.status_code == 200, (endpoint, path, response.status_code)
        found = FILE.fullmatch(response.headers["Content-Disposition"])
        assert found, (endpoint, response.headers["Content-Disposition"])
        names[endpoint] = found.groups()
    assert names["facilitate.session_slides_pdf"] == ("slides", "pdf")  # with its modules
    assert names["facilitate.saved_session_export"] == ("scorm", "zip")
    # A tier's own documents (every module of it) are named by the same rule.
    tier = client.get("/fr/review/13-15/review.pdf").headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="declic-review-13-15-[a-z-]+-fr\.pdf"', tier)
    tried = {*downloads, "review.tier_pdf", "review.briefing_pdf_view"}
    files = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if re.search(r"\.(pdf|pptx|zip|ics|docx|<extension>)$|/moodle/<name>$", rule.rule)
        and "static" not in rule.endpoint
    }
    assert files <= tried, files - tried


def test_no_file_name_is_built_by_hand():
    """Only planning/downloads.py writes a Content-Disposition's file name, and only
    SessionChoices.file_stem writes 'declic-…'."""
    by_hand = {
        name
        for name, text in sources().items()
        if name.endswith(".py")
        and (
            ('filename="' in text and name != "workshop/planning/downloads.py")
            or (re.search(r"""f?["']declic-\{""", text) and name != "workshop/planning/choices.py")
        )
    }
    assert not by_hand, by_hand


# The configuration's defaults.

READ = re.compile(r"""config(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]+)["']\s*(,)?""")


def test_every_setting_has_its_default_in_defaults_only():
    """Every setting the code reads is in config.Defaults (or is Flask's own), and no code
    reads one with a default of its own (`config.get("PDF_QUEUE", 4)`), which would be a
    second default that the first could silently disagree with."""
    from flask import Flask

    from workshop.config import Defaults

    known = {name for name in dir(Defaults) if name.isupper()} | set(Flask.default_config)
    read, own_default = set(), set()
    for name, text in sources().items():
        if name.endswith(".py"):
            for key, comma in READ.findall(text):
                read.add(key)
                if comma:
                    own_default.add((name, key))
    assert {"PDF_QUEUE", "TIMEZONE", "PAGE_CACHE_SIZE", "RETENTION_DAYS"} <= read
    assert not own_default, own_default
    assert read <= known, read - known


# The code's revision.


def test_the_code_revision_is_hashed_in_one_place():
    """Only documents/revision.py hashes the app's own files (its code and templates, static
    files, translations) into a revision; catalog/loader.py's walk is the content's
    revision, another fact. A second hashing of the package tree (as the PDF cache and the
    prepared documents once had each) fails here."""
    walks_and_hashes = {
        name
        for name, text in sources().items()
        if name.endswith(".py")
        and re.search(r"\.rglob\(|os\.walk\(|\.iterdir\(", text)
        and re.search(r"\bhashlib\b|\brevision_of\(", text)
    }
    assert walks_and_hashes == {"workshop/documents/revision.py", "workshop/catalog/loader.py"}
    named = re.compile(r"^def (\w*code\w*revision\w*|\w*revision\w*code\w*)\(", re.M)
    defined = sorted(
        (name, found) for name, text in sources().items() for found in named.findall(text)
    )
    revision = "workshop/documents/revision.py"
    assert defined == [(revision, "code_revision"), (revision, "revision_of_code")], defined


def test_the_pdf_cache_and_the_prepared_documents_follow_one_code_revision(app, monkeypatch):
    """A new code revision changes both the PDF cache's keys and a saved session's prepared
    documents' fingerprints: both read the one revision."""
    from workshop.catalog import get_catalog
    from workshop.documents import revision
    from workshop.facilitate.saved import document_jobs
    from workshop.store import presenter_session_or_404

    presenter = save(app.test_client(), modules="demo")
    token = presenter.rstrip("/").rsplit("/", 1)[1]

    def keys(code: str) -> tuple[str, dict]:
        monkeypatch.setattr(revision, "revision_of_code", lambda *folders: code)
        with app.test_request_context():
            saved = presenter_session_or_404(token)
            jobs = document_jobs(saved)
            return documents.documents_revision(get_catalog()), {k: j[0] for k, j in jobs.items()}

    cache_before, prepared_before = keys("before")
    cache_after, prepared_after = keys("after")
    assert cache_before.endswith("+before") and cache_after.endswith("+after")
    assert prepared_before.keys() == prepared_after.keys() >= {"pack", "slides", "briefing"}
    assert all(prepared_before[kind] != prepared_after[kind] for kind in prepared_before)


# The kinds of slide.

SLIDE_KIND = re.compile(
    r"""\b(?:slide|s|ahead|after|draft)\.kind\s*(?:==|!=|in)\s*(\([^)]*\)|["'][^"']*["'])"""
)


def test_the_kinds_of_slide_are_named_in_one_place():
    """planning/deck/slide.py is the one place that knows the kinds of slide: it alone builds
    the path of a kind's template, no Python code picks a slide by its kind's name (it asks
    the class), and every name a template compares a slide's kind with is a registered kind,
    so that a kind renamed there cannot leave a template testing for the old name."""
    from workshop.planning.deck import KINDS

    registry = "workshop/planning/deck/slide.py"
    path = re.compile(r"""["']facilitate/(?:slide|notes)/(?:["']\s*~|\{)""")  # + a kind
    paths = [name for name, text in sources().items() if name != registry and path.search(text)]
    assert not paths, paths
    compared = {}
    for name, text in sources().items():
        if name.startswith("workshop/catalog/"):
            continue  # a lesson's sections have kinds of their own ("step")
        for match in SLIDE_KIND.finditer(text):
            assert name.endswith(".html"), (name, match.group(0))  # Python asks the class
            compared.update({kind: name for kind in re.findall(r"""["']([^"']+)["']""", match[1])})
    assert {"closing", "starter", "situation", "consequences", "question"} <= set(compared)
    assert set(compared) <= set(KINDS), {k: v for k, v in compared.items() if k not in KINDS}
