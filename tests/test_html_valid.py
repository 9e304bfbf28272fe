"""Every page type is valid HTML by the Nu Html Checker (vnu.jar from npm, run with Java)."""

from __future__ import annotations

from pathlib import Path

from .html import html_problems
from .sessions import decide, head_path, save, teacher_path

DEMO = "/{l}/learn/13-15/demo"
PAGES = [
    "/{l}/",
    "/{l}/help",
    "/{l}/learn/",
    "/{l}/learn/13-15/",
    DEMO + "/",
    DEMO + "/step/1",
    DEMO + "/scenario/start",
    DEMO + "/scenario/start/0",
    DEMO + "/scenario/end-help",
    DEMO + "/quiz/1",
    DEMO + "/quiz/2/answer?answers=0",
    DEMO + "/quiz/1/answer?choice=1",
    DEMO + "/quiz/result?answers=0,1,0,02",
    DEMO + "/end",
    "/{l}/facilitate/",
    "/{l}/facilitate/13-15/demo/",
    "/{l}/facilitate/session",
    "/{l}/facilitate/slides/13-15/demo/",
    "/{l}/facilitate/slides/13-15/demo/presenter",
    "/{l}/review/",
    "/{l}/review/13-15/",
    "/{l}/no-such-page",
]


def saved_session_pages(client, lang: str) -> list[str]:
    """The pages of a saved session, the head's decision recorded."""
    presenter = save(client, lang, lang=lang)
    head = head_path(client.get(presenter).get_data(as_text=True))
    decide(client, head, verdict="approved", name="A", role="B")
    teacher = teacher_path(client.get(presenter).get_data(as_text=True))
    return [
        teacher,
        teacher + "follow-up/1",
        teacher + "report",
        presenter,
        presenter + "links",
        presenter + "edit",
        presenter + "delete",
        head,
        head.replace("/sessions/", "/sessions/x"),
    ]


def test_every_page_type_is_valid_html(client, tmp_path: Path):
    pages = {}
    for lang in ("fr", "en"):
        paths = [template.format(l=lang) for template in PAGES]
        for path in paths + saved_session_pages(client, lang):
            response = client.get(path)
            assert response.status_code in (200, 400, 404), path
            pages[path] = response.data
    assert html_problems(pages, tmp_path, css=True) == []
