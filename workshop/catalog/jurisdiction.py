"""Loading a jurisdiction: legal references and help routes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import MappingProxyType

from .errors import ErrorLog
from .files import FileFormatError, read_toml
from .models import Jurisdiction, LawDate, LegalRef, Resource
from .penalties import read_penalties
from .render import is_safe_url, render
from .schema import Fields


def load_jurisdiction(
    path: Path, root: Path, languages: tuple[str, ...], log: ErrorLog
) -> Jurisdiction:
    """Read content/jurisdictions/<id>.toml; errors are logged, never raised."""
    name = path.relative_to(root).as_posix()
    try:
        data = read_toml(path) if path.is_file() else None
    except FileFormatError as error:
        log.add("file-format", name, error.field, str(error))
        data = {}
    if data is None:
        log.add("file-missing", name, "", "file is missing")
        data = {}
    fields = Fields(data, name, log)
    fields.unknown({"name", "legal", "resources"})
    legal = {
        ref_id: _legal_ref(ref_id, Fields(raw, name, log, f"legal.{ref_id}."), languages)
        for ref_id, raw in _table(fields, "legal").items()
    }
    resources = {
        res_id: _resource(res_id, Fields(raw, name, log, f"resources.{res_id}."), languages)
        for res_id, raw in _table(fields, "resources").items()
    }
    return Jurisdiction(
        path.stem,
        fields.text("name") or path.stem,
        MappingProxyType(legal),
        MappingProxyType(resources),
    )


def _table(fields: Fields, field: str) -> dict:
    """A table of named entries that must exist."""
    value = fields.data.get(field)
    if not isinstance(value, dict) or not value:
        fields.error("jurisdiction-table", field, "is required: a table of entries")
        return {}
    return value


def _legal_ref(ref_id: str, fields: Fields, languages: tuple[str, ...]) -> LegalRef:
    """One legal reference: plain words per language, structured penalties, version, source."""
    fields.unknown({"code", "article", "law_as_of", "source", "checked", "penalties", *languages})
    texts = fields.per_language(languages, "title", "plain")
    source = fields.text("source")
    if source:
        _check_source(fields, source)
    return LegalRef(
        id=ref_id,
        code=fields.text("code"),
        article=fields.text("article"),
        law_as_of=_law_as_of(fields),
        source=source,
        checked=_checked(fields),
        titles=MappingProxyType(texts["title"]),
        plain=MappingProxyType({lang: render(text) for lang, text in texts["plain"].items()}),
        penalties=read_penalties(fields, languages),
    )


NOT_VERIFIED = "not verified"


def _checked(fields: Fields) -> dt.date | None:
    """The day the entry was last checked against its source: a TOML date, not in the future."""
    value = fields.data.get("checked")
    if not isinstance(value, dt.date) or value > dt.date.today():
        fields.error(
            "law-checked",
            "checked",
            "is required: the day (2026-12-07, not in the future) this entry was last "
            "checked against its source",
        )
        return None
    return value


def _law_as_of(fields: Fields) -> LawDate | None:
    """The day the quoted version came into force, or None where it is "not verified".

    A year or a month is refused (it is a source's year, not a version), and so is a day
    after today: a version the page prints is in force.
    """
    value = fields.data.get("law_as_of")
    if value == NOT_VERIFIED:
        return None
    if value is None:
        fields.error(
            "law-version",
            "law_as_of",
            'is required: the day the version came into force (2021-04-23), or "not verified"',
        )
        return None
    found = fields.law_date("law_as_of")
    if found is None:
        return None
    if found.precision != "day":
        fields.error(
            "law-version",
            "law_as_of",
            f"'{value}' is a year or a month, not the day the version "
            'came into force: give the day (2021-04-23) or write "not verified"',
        )
        return None
    if found.date > dt.date.today():
        fields.error(
            "law-version",
            "law_as_of",
            f"{found.date.isoformat()} is in the future: print the version in force",
        )
        return None
    return found


# Where a legal reference's words may come from: Légifrance or an official site.
OFFICIAL = re.compile(
    r"légifrance|legifrance|\bbulletin officiel\b|\bjournal officiel\b|\.gouv\.fr\b", re.IGNORECASE
)
SITE = re.compile(r"\b(?:[\w-]+\.)+(?:com|fr|org|net|info|eu|blog|io|be|ch)\b", re.IGNORECASE)


def _check_source(fields: Fields, source: str) -> None:
    """A source names Légifrance or an official site, and no other site."""
    for site in SITE.findall(source):
        if not site.lower().endswith("gouv.fr"):
            fields.error(
                "law-source",
                "source",
                f"names '{site}': cite Légifrance or an official "
                "site (.gouv.fr), not a blog, a law firm or another secondary site",
            )
    if not OFFICIAL.search(source):
        fields.error(
            "law-source",
            "source",
            "must name Légifrance (with the code's identifier) or an official site",
        )


def _resource(res_id: str, fields: Fields, languages: tuple[str, ...]) -> Resource:
    """One help or reporting route."""
    fields.unknown({"contact", "url", "help_panel", "phone", "sms", *languages})
    url = fields.text("url", default=None)
    if url is not None and not (is_safe_url(url) and url.startswith("https://")):
        fields.error("resource-url", "url", "must be an https:// address")
        url = None
    texts = fields.per_language(languages, "name", "purpose", "hours")
    return Resource(
        id=res_id,
        contact=fields.text("contact"),
        url=url,
        help_panel=fields.boolean("help_panel", default=False),
        names=MappingProxyType(texts["name"]),
        purposes=MappingProxyType(texts["purpose"]),
        hours=MappingProxyType(texts["hours"]),
        phones=_numbers(fields, "phone"),
        sms=(_numbers(fields, "sms") or (None,))[0],
        sms_texts=MappingProxyType(_optional_texts(fields, languages, "sms_text")),
        sms_bodies=MappingProxyType(_optional_texts(fields, languages, "sms_body")),
    )


PHONE_NUMBER = re.compile(r"\d{2,10}")


def _numbers(fields: Fields, field: str) -> tuple[str, ...]:
    """Optional phone numbers (digits only): one as a string, several as a list."""
    value = fields.data.get(field)
    if value is None:
        return ()
    numbers = (value,) if isinstance(value, str) else fields.texts(field) or ()
    if not all(isinstance(number, str) and PHONE_NUMBER.fullmatch(number) for number in numbers):
        fields.error(
            "field-type", field, 'must be a number written as digits ("3018"), or a list of them'
        )
        return ()
    if field == "sms" and len(numbers) != 1:
        fields.error("field-type", field, 'must be one number written as digits ("114")')
        return ()
    return numbers


def _optional_texts(fields: Fields, languages: tuple[str, ...], field: str) -> dict[str, str]:
    """An optional text in each language's sub-table."""
    found = {}
    for lang in languages:
        table = fields.data.get(lang)
        if isinstance(table, dict) and field in table:
            value = Fields(table, fields.path, fields.log, fields.name(f"{lang}.")).text(field)
            if value is not None:
                found[lang] = value
    return found
