"""Saving a session the way the form does, and finding the head's and the screen's links on
its page."""

from __future__ import annotations

import html
import re

# The demo module of the fixture content over one period, in French: a session's choices
# when a test needs a session and nothing in particular of it.
DEMO = {"lang": "fr", "tier": "13-15", "modules": "demo", "periods": "1"}
# A class's demo session: the school and the class its documents print.
DEMO_CLASS = {**DEMO, "school": "Collège Jean Moulin", "class_name": "4e B"}

# What `save` posts (a field changed by a test's `changes`): the demo session with every
# detail filled in, the school's name with characters to escape.
SESSION = {
    **DEMO,
    "school": "Collège <Jean> & Moulin",
    "class_name": "4e B",
    "date_1": "2027-03-14",
    "presenter": "Mme Durand",
    "role": "Substitute",
    "safeguarding_contact": "CPE",
}

# A real class's session (real content: grooming and images, two periods, in French), as
# the form posts it: the tests on real content start from it.
FOUR_E = {
    "lang": "fr",
    "tier": "13-15",
    "modules": ["grooming", "images"],
    "periods": "2",
    "school": "Collège Jean Moulin",
    "class_name": "4e B",
    "date_1": "2027-03-14",
    "date_2": "2027-03-21",
    "presenter": "Mme Durand",
    "role": "Substitute",
    "safeguarding_contact": "M. Petit, CPE",
}


def four_e(**changes) -> dict:
    """FOUR_E with some fields changed or added; a field given as None is left out."""
    fields = {**FOUR_E, **changes}
    return {name: value for name, value in fields.items() if value is not None}


def save(client, page_lang: str = "fr", **changes) -> str:
    """Save a session from the form (pages in `page_lang`); return the presenter's path."""
    response = client.post(f"/{page_lang}/facilitate/session/save", data={**SESSION, **changes})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def head_path(page_html: str) -> str:
    """The head's link as the presenter's page shows it, as a path."""
    link = re.search(r'id="head-link"[^>]*value="([^"]+)"', page_html).group(1)
    return re.sub(r"^https?://[^/]+", "", link)


def screen_path(page_html: str) -> str:
    """The screen link's prefix (`/<lang>/screen/<token>/`) as a presenter's page links to it."""
    found = re.search(r'(?:href|data-slides-url)="(/[a-z]{2}/screen/[A-Za-z0-9_-]{43}/)', page_html)
    return found.group(1)


def teacher_path(page_html: str) -> str:
    """The class teacher's link as the presenter's or the head's page shows it, as a path."""
    link = re.search(r'id="teacher-link"[^>]*value="([^"]+)"', page_html).group(1)
    return re.sub(r"^https?://[^/]+", "", link)


def document_links(page_html: str) -> dict[str, str]:
    """The session's documents as the presenter's page offers them: {kind: path}, each kind
    as the page's download link names it (data-download, the kinds documents.json reports
    as prepared), so a test or a benchmark follows the app's own list."""
    links = {}
    for tag in re.findall(r"<a\b[^>]*\bdata-download=[^>]*>", page_html):
        kind = re.search(r'data-download="([^"]+)"', tag).group(1)
        links[kind] = html.unescape(re.search(r'href="([^"]+)"', tag).group(1))
    return links


def shown_fields(page_html: str) -> dict:
    """The hidden fields of the head's form: the session and content as the page shows them."""
    return {
        name: html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page_html).group(1))
        for name in ("shown", "shown_revision")
    }


def decide(client, head: str, **form):
    """The head's decision as the form sends it, on the session as the head's page shows it."""
    shown = shown_fields(client.get(head).get_data(as_text=True))
    return client.post(head + "decision", data={**shown, **form})
