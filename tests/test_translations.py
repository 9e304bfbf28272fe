"""The message catalogs: every UI string translated into French, none fuzzy, none forgotten."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
METHOD_MAP = [("workshop/**.py", "python"), ("workshop/templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def catalog(lang: str):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=lang)


def source_strings() -> set[str]:
    """Every string the code and templates mark for translation."""
    found = extract_from_dir(
        ROOT, METHOD_MAP, keywords=KEYWORDS, options_map={"workshop/templates/**.html": {}}
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def message_id(message) -> str:
    """A catalog entry's id; the singular for a plural entry."""
    return message.id if isinstance(message.id, str) else message.id[0]


def test_every_ui_string_is_in_the_french_catalog():
    messages = {message_id(m) for m in catalog("fr") if m.id}
    missing = sorted(source_strings() - messages)
    assert not missing, f"run pybabel extract/update (README, 'Translating'): {missing}"


def test_every_french_entry_is_translated_and_not_fuzzy():
    untranslated = [m.id for m in catalog("fr") if m.id and not m.string]
    fuzzy = [m.id for m in catalog("fr") if m.id and m.fuzzy]
    assert not untranslated, f"missing French translations: {untranslated}"
    assert not fuzzy, f"fuzzy French entries to review: {fuzzy}"


def test_english_catalog_lists_the_same_strings():
    assert {m.id for m in catalog("en") if m.id} == {m.id for m in catalog("fr") if m.id}


def test_placeholders_survive_translation():
    import re

    def names(text: str) -> set[str]:
        return set(re.findall(r"%\(\w+\)s", text))

    translated = [message for message in catalog("fr") if message.id and message.string]
    assert any(names(str(message.id)) for message in translated), "no placeholder to compare"
    for message in translated:
        if isinstance(message.id, str):
            assert names(message.id) == names(message.string), message.id
            continue
        singular, plural = message.id  # a plural entry: form 0 singular, the others plural
        for index, string in enumerate(message.string):
            assert names(string) == names(singular if index == 0 else plural), message.id
