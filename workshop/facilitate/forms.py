"""The session builder's form: every field checked, each error kept next to its field."""

from __future__ import annotations

import datetime as dt
import unicodedata

from flask_babel import lazy_gettext as _l

from ..catalog.models import Catalog
from ..documents.session import PERIODS, SessionChoices

TEXT_LIMITS = {"school": 120, "class_name": 60, "presenter": 120, "role": 120,
               "safeguarding_contact": 200, "local_contacts": 600}
MULTILINE = {"local_contacts"}
MAX_MODULES = 3


def clean_text(value: str, limit: int, multiline: bool) -> tuple[str, str | None]:
    """Trimmed text, or an error: too long, or holding control characters."""
    value = value.replace("\r\n", "\n").strip()
    if len(value) > limit:
        return value, _l("At most %(limit)s characters (you typed %(count)s).",
                         limit=limit, count=len(value))
    for char in value:
        if char == "\n" and multiline:
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            return value, _l("Use letters, digits, spaces and punctuation only.")
    return value, None


def parse_date(value: str) -> tuple[dt.date | None, str | None]:
    """A real date written YYYY-MM-DD (what a date field sends), or nothing."""
    value = value.strip()
    if not value:
        return None, None
    try:
        date = dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        date = None
    if date is None or not 2020 <= date.year <= 2100:
        return None, _l("Enter a real date, for example 2026-03-14.")
    return date, None


def read_session_form(form, catalog: Catalog) -> tuple[SessionChoices | None, dict, dict]:
    """(choices, errors by field, values to show again) from a submitted form."""
    errors: dict[str, str] = {}
    values: dict = {name: form.get(name, "") for name in
                    ("lang", "tier", "periods", "date", *TEXT_LIMITS)}
    values["modules"] = form.getlist("modules")
    if values["lang"] not in catalog.languages:
        errors["lang"] = _l("Choose a language from the list.")
    if values["tier"] not in catalog.tiers:
        errors["tier"] = _l("Choose a class level from the list.")
    modules = values["modules"]
    if not modules or len(modules) > MAX_MODULES:
        errors["modules"] = _l("Choose one to three modules.")
    elif any(m not in catalog.modules for m in modules) or len(set(modules)) != len(modules):
        errors["modules"] = _l("Choose modules from the list.")
    if not values["periods"].isdigit() or int(values["periods"]) not in PERIODS:
        errors["periods"] = _l("Choose a length from the list.")
    date, errors["date"] = parse_date(values["date"])
    texts = {}
    for name, limit in TEXT_LIMITS.items():
        texts[name], errors[name] = clean_text(values[name], limit, name in MULTILINE)
    errors = {name: message for name, message in errors.items() if message}
    if errors:
        return None, errors, values
    ordered = tuple(m for m in catalog.modules if m in modules)
    return SessionChoices(lang=values["lang"], tier=values["tier"], modules=ordered,
                          periods=int(values["periods"]), date=date, **texts), {}, values
