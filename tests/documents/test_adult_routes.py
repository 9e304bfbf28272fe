"""Help routes in documents for adults speak to adults: the briefing, the pack, the family
sheet and the parent letter print each route's adult text ("vous"), never the pupil's
("tu"); the letter's list is the routes' declared adult texts, not its own version."""

from __future__ import annotations

import html
import re

import pytest

from workshop.catalog.models import ADULT
from workshop.planning import SessionChoices

# The pupil's voice in French, as a reader would spot it.
PUPIL_VOICE = re.compile(r"\b(?:tu|te|toi|ton|ta|tes)\b|\bt['’]\w", re.IGNORECASE)
RESOURCE_LIST = re.compile(r'<ul class="resources">(.*?)</ul>', re.DOTALL)
LETTER = re.compile(r'<section class="(?:appendix )?letter"[^>]*>(.*?)</section>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def text(fragment: str) -> str:
    """Plain words, with typography's spaces and apostrophes made plain, to compare."""
    plain = html.unescape(TAG.sub(" ", fragment))
    plain = plain.replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'")
    return " ".join(plain.split())


class Unkept:
    """A PDF cache that keeps nothing: every document is rendered again."""

    def get_or_build(self, key, build, personal=True):
        return build()


@pytest.fixture
def rendered(real_app, monkeypatch):
    """The HTML a document function would print, for a session of the real content."""
    import workshop.documents as documents

    monkeypatch.setattr(documents, "render_pdf", lambda html_text, *args: html_text.encode())
    monkeypatch.setitem(real_app.extensions, "pdf_cache", Unkept())

    def render(function, lang: str, tier: str = "13-15") -> str:
        choices = SessionChoices(lang=lang, tier=tier, modules=("grooming", "images"), periods=2)
        with real_app.test_request_context():
            return bytes(getattr(documents, function)(choices)).decode()

    return render


def adult_purposes(real_app, lang: str, ids) -> list[str]:
    routes = real_app.extensions["catalog"].jurisdiction.resources
    return [text(routes[i].text("purpose", lang, ADULT)) for i in ids]


@pytest.mark.parametrize("function", ["briefing_pdf", "pack_pdf", "family_pdf"])
def test_route_lists_for_adults_print_the_adult_texts(real_app, rendered, function):
    page = rendered(function, "fr")
    lists = [text(found) for found in RESOURCE_LIST.findall(page)]
    assert lists, f"{function} lists no help route"
    for listed in lists:
        assert not PUPIL_VOICE.search(listed), (function, PUPIL_VOICE.search(listed).group(0))
    printed = " ".join(lists)
    routes = real_app.extensions["catalog"].jurisdiction.resources
    if function == "family_pdf":  # name and hours: the adults' "appelez", not "appelle"
        assert "appelez tout de suite" in printed
        headings = [text(h) for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", page, re.S)]
        assert "Où trouver de l'aide" in headings  # not the handout's "Qui peut t'aider"
    else:  # the full list, each route in its adult words
        for purpose in adult_purposes(real_app, "fr", routes):
            assert purpose in printed, purpose[:60]
        assert text(routes["3114"].text("purpose", "fr")) not in printed  # the pupil's


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_parent_letter_lists_the_routes_in_their_adult_words(real_app, rendered, lang):
    page = rendered("letter_pdf", lang)
    letters = LETTER.findall(page)
    assert letters
    letter = text(letters[0])
    for purpose in adult_purposes(real_app, lang, ("17-112", "119", "3018", "3114")):
        assert purpose in letter, purpose[:60]
    if lang == "fr":
        assert not PUPIL_VOICE.search(letter), PUPIL_VOICE.search(letter).group(0)


def test_the_briefing_letter_appendix_speaks_to_parents(rendered):
    page = rendered("briefing_pdf", "fr")
    letters = [text(found) for found in LETTER.findall(page)]
    assert letters
    for letter in letters:
        assert "3114" in letter
        assert not PUPIL_VOICE.search(letter), PUPIL_VOICE.search(letter).group(0)
