"""A session's choices, and the one check of whether they make a valid session.

The form, the slides' query string and the `workshop pack` command all hand their raw
fields to `read_choices`, so a session is valid (or refused, with the same message next to
the same field) wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .. import vocabulary
from ..catalog.models import Catalog
from .plan import PlanDoesNotFit, lessons_for, plan_session

# The session's free-text fields and their longest length, in characters.
TEXT_LIMITS = {
    "school": 120,
    "class_name": 60,
    "presenter": 120,
    "role": 120,
    "safeguarding_contact": 200,
    "local_contacts": 600,
}
MULTILINE = frozenset({"local_contacts"})
FIELDS = ("lang", "tier", "periods", "date", "class_size", *TEXT_LIMITS)


@dataclass(frozen=True)
class SessionChoices:
    """What a presenter chose for one session; build it through read_choices."""

    lang: str
    tier: str
    modules: tuple[str, ...]
    periods: int = 1
    school: str = ""
    class_name: str = ""
    class_size: int | None = None  # how many pupils: cards and handouts to bring
    date: dt.date | None = None
    presenter: str = ""
    role: str = ""
    safeguarding_contact: str = ""
    local_contacts: str = ""

    @property
    def minutes(self) -> int:
        """The length of the session."""
        return self.periods * vocabulary.PERIOD_MINUTES

    def key(self) -> tuple:
        """Everything that changes the documents, for the cache."""
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)

    def file_stem(self, document: str) -> str:
        """The one naming rule for a session's files: declic-pack-13-15-grooming-fr."""
        return f"declic-{document}-{self.tier}-{'-'.join(self.modules)}-{self.lang}"


def form_values(choices: SessionChoices) -> dict:
    """The session form's fields filled in with these choices (read_choices' inverse)."""
    values = {name: getattr(choices, name) or "" for name in FIELDS}
    values.update(
        modules=list(choices.modules),
        periods=str(choices.periods),
        date=choices.date.isoformat() if choices.date else "",
        class_size=str(choices.class_size or ""),
    )
    return values


def clean_text(value: str, limit: int, multiline: bool) -> tuple[str, str | None]:
    """Trimmed text, or an error: too long, or holding control characters."""
    value = value.replace("\r\n", "\n").strip()
    if len(value) > limit:
        return value, _l(
            "At most %(limit)s characters (you typed %(count)s).", limit=limit, count=len(value)
        )
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


def whole_number(text: str, highest: int) -> int | None:
    """A whole number from 0 to `highest` typed in ASCII digits, or None for anything else.

    Checked as text before int(): "²".isdigit() is true but int("²") fails, and a
    5,000-digit number would exceed Python's int-string limit."""
    if len(text) > len(str(highest)) or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= highest else None


def parse_class_size(value: str) -> tuple[int | None, str | None]:
    """A number of pupils in ASCII digits, 1 to MAX_CLASS_SIZE, or nothing."""
    value = value.strip()
    if not value:
        return None, None
    size = whole_number(value, vocabulary.MAX_CLASS_SIZE)
    if not size:  # not a number, or 0
        return None, _l(
            "Enter a number of pupils from 1 to %(max)s, in digits.",
            max=vocabulary.MAX_CLASS_SIZE,
        )
    return size, None


def read_choices(fields, catalog: Catalog) -> tuple[SessionChoices | None, dict, dict]:
    """(choices, errors by field, values to show again) from raw fields (a form, a query).

    `fields` is a Werkzeug MultiDict (a form, a query string, or one a command builds).
    Choices come back only when every field is valid and the core
    activities of the chosen modules fit the chosen length.
    """
    values: dict = {name: fields.get(name, "") for name in FIELDS}
    values["modules"] = fields.getlist("modules")
    errors = _choice_errors(values, catalog)
    date, errors["date"] = parse_date(values["date"])
    class_size, errors["class_size"] = parse_class_size(values["class_size"])
    texts = {}
    for name, limit in TEXT_LIMITS.items():
        texts[name], errors[name] = clean_text(values[name], limit, name in MULTILINE)
    errors = {name: message for name, message in errors.items() if message}
    if errors:
        return None, errors, values
    modules = tuple(m for m in catalog.modules if m in values["modules"])
    choices = SessionChoices(
        lang=values["lang"],
        tier=values["tier"],
        modules=modules,
        periods=int(values["periods"]),
        date=date,
        class_size=class_size,
        **texts,
    )
    try:
        plan_session(lessons_for(catalog, choices), choices.minutes)
    except PlanDoesNotFit as problem:
        return (
            None,
            {
                "periods": _l(
                    "The core activities of these modules take %(core)s minutes, more than the "
                    "%(length)s minutes of the session. Choose a longer session or fewer modules.",
                    core=problem.core_minutes,
                    length=problem.session_minutes,
                )
            },
            values,
        )
    return choices, {}, values


def _choice_errors(values: dict, catalog: Catalog) -> dict:
    """Errors of the fields chosen from lists: language, level, modules, length."""
    errors = {}
    if values["lang"] not in catalog.languages:
        errors["lang"] = _l("Choose a language from the list.")
    if values["tier"] not in catalog.tiers:
        errors["tier"] = _l("Choose a class level from the list.")
    modules = values["modules"]
    if not modules or len(modules) > vocabulary.MAX_MODULES:
        errors["modules"] = _l("Choose one to three modules.")
    elif any(m not in catalog.modules for m in modules) or len(set(modules)) != len(modules):
        errors["modules"] = _l("Choose modules from the list.")
    # Compared as text: "²".isdigit() is true but int("²") fails, and a 5,000-digit
    # number would exceed Python's int-string limit.
    if values["periods"] not in {str(n) for n in vocabulary.SESSION_PERIODS}:
        errors["periods"] = _l("Choose a length from the list.")
    return errors
