"""Loading a jurisdiction: legal references and help routes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import MappingProxyType

from .errors import ErrorLog
from .files import FileFormatError, read_toml
from .models import ADULT, Jurisdiction, LawDate, LegalRef, Resource
from .penalties import read_penalties
from .render import is_safe_url, render
from .schema import Fields


def load_jurisdiction(
    path: Path, root: Path, languages: tuple[str, ...], log: ErrorLog, tiers: tuple[str, ...] = ()
) -> Jurisdiction:
    """Read content/jurisdictions/<id>.toml; errors are logged, never raised. `tiers`: the
    tier ids a help route may give its own text for."""
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
        res_id: _resource(res_id, Fields(raw, name, log, f"resources.{res_id}."), languages, tiers)
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


def _resource(
    res_id: str, fields: Fields, languages: tuple[str, ...], tiers: tuple[str, ...] = ()
) -> Resource:
    """One help or reporting route: its common (pupil) texts, its adult texts, and its own
    texts for the tiers where the age changes what to say."""
    fields.unknown({"contact", "url", "help_panel", "phone", "sms", *languages})
    url = fields.text("url", default=None)
    if url is not None and not (is_safe_url(url) and url.startswith("https://")):
        fields.error("resource-url", "url", "must be an https:// address")
        url = None
    for lang in languages:
        if isinstance(fields.data.get(lang), dict):
            Fields(fields.data[lang], fields.path, fields.log, fields.name(f"{lang}.")).unknown(
                {"name", "purpose", "hours", "sms_text", "sms_body", "adult", "tiers"}
            )
    texts = fields.per_language(languages, "name", "purpose", "hours")
    resource = Resource(
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
        adult=MappingProxyType(_adult_texts(fields, languages)),
        tiered=MappingProxyType(_tier_texts(fields, languages, tiers)),
    )
    _check_adult_voice(fields, resource, languages)
    return resource


# The fields a route's adult or per-tier text may give (the others are the common ones).
AUDIENCE_FIELDS = ("purpose", "hours")
# The pupil's "tu" in French: a text for staff or parents says "vous".
PUPIL_VOICE = {
    "fr": re.compile(r"\b(?:tu|te|toi|ton|ta|tes)\b|\bt['’](?=\w)", re.IGNORECASE),
}


def _audience_table(fields: Fields, table: dict, prefix: str) -> dict[str, str]:
    """An adult or per-tier text table: purpose and/or hours, nothing else."""
    sub = Fields(table, fields.path, fields.log, prefix)
    sub.unknown(set(AUDIENCE_FIELDS))
    return {name: text for name in AUDIENCE_FIELDS if (text := sub.text(name, None))}


def _adult_texts(fields: Fields, languages: tuple[str, ...]) -> dict:
    """[resources.ID.<lang>.adult]: required in each language, with its purpose."""
    found = {}
    for lang in languages:
        table = fields.data.get(lang)
        if not isinstance(table, dict):
            continue  # per_language has said so
        lang_fields = Fields(table, fields.path, fields.log, fields.name(f"{lang}."))
        adult = lang_fields.table("adult")
        texts = _audience_table(fields, adult.data, lang_fields.name("adult."))
        if "purpose" not in texts and "adult" in table:
            adult.error("field-required", "purpose", "is required")
        found[lang] = MappingProxyType(texts)
    return found


def _tier_texts(fields: Fields, languages: tuple[str, ...], tiers: tuple[str, ...]) -> dict:
    """[resources.ID.<lang>.tiers."<tier>"]: optional; a known tier, and the same tiers and
    fields in every language (a text written for 11-year-olds in French only would leave
    the English pupil with the common one, unnoticed)."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for lang in languages:
        table = fields.data.get(lang)
        by_tier = table.get("tiers") if isinstance(table, dict) else None
        if by_tier is None:
            continue
        prefix = fields.name(f"{lang}.tiers.")
        if not isinstance(by_tier, dict):
            fields.error("table-type", f"{lang}.tiers", "must be a table")
            continue
        for tier, texts in by_tier.items():
            if tier not in tiers:
                fields.error(
                    "resource-tier-text",
                    f"{lang}.tiers.{tier}",
                    f"unknown tier '{tier}' (known: {', '.join(tiers)})",
                )
                continue
            found.setdefault(lang, {})[tier] = _audience_table(fields, texts, f"{prefix}{tier}.")
    given = {(tier, name) for texts in found.values() for tier, t in texts.items() for name in t}
    for lang in languages:
        for tier, name in sorted(given):
            if name not in found.get(lang, {}).get(tier, {}):
                fields.error(
                    "resource-tier-text",
                    f"{lang}.tiers.{tier}.{name}",
                    "is missing: a per-tier text given in one language is given in every language",
                )
    return {
        lang: MappingProxyType({t: MappingProxyType(v) for t, v in by_tier.items()})
        for lang, by_tier in found.items()
    }


def _check_adult_voice(fields: Fields, resource: Resource, languages: tuple[str, ...]) -> None:
    """What adults read (the adult text, or the common one it falls back to) never speaks to
    the pupil ("tu", "ton", "t'")."""
    for lang in languages:
        voice = PUPIL_VOICE.get(lang)
        if voice is None or lang not in resource.purposes or lang not in resource.hours:
            continue
        for name in AUDIENCE_FIELDS:
            found = voice.search(resource.text(name, lang, ADULT))
            if found:
                fields.error(
                    "adult-voice",
                    f"{lang}.adult.{name}",
                    f"speaks to the pupil ('{found.group(0)}'): staff and parents read this "
                    'text; write it for them ("vous")',
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


# A list of help routes in a text for adults (the parent letter): [[routes:17-112,119]].
ROUTES = re.compile(r"\[\[routes:([a-z0-9,-]+)\]\]")
LABEL_SEPARATOR = {"fr": " : "}


def expand_routes(
    text: str, jurisdiction: Jurisdiction, lang: str, log: ErrorLog, path: str, field: str
) -> str:
    """Text with each [[routes:ID,ID]] replaced by a Markdown list of those routes, each
    with its adult text and hours: the letter names them in the words the pack prints."""

    def listed(match: re.Match) -> str:
        lines = []
        for res_id in match.group(1).split(","):
            route = jurisdiction.resources.get(res_id)
            if route is None:
                log.add("unknown-resource", path, field, f"unknown resource '{res_id}'")
                continue
            purpose = route.text("purpose", lang, ADULT)
            hours = route.text("hours", lang, ADULT).rstrip(".")
            separator = LABEL_SEPARATOR.get(lang, ": ")
            lines.append(f"- **{route.names[lang]}**{separator}{purpose} ({hours})")
        return "\n".join(lines)

    return ROUTES.sub(listed, text)
