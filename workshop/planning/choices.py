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
# One date field per period (date_1 … date_3): the form shows as many as the periods chosen.
DATE_FIELDS = tuple(f"date_{n}" for n in vocabulary.SESSION_PERIODS)
FIELDS = ("lang", "tier", "periods", *DATE_FIELDS, "class_size", *TEXT_LIMITS)


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
    # One date per period, as many as `periods` (None: not fixed yet); read_choices fills it.
    dates: tuple[dt.date | None, ...] = ()
    presenter: str = ""
    role: str = ""
    safeguarding_contact: str = ""
    local_contacts: str = ""

    @property
    def minutes(self) -> int:
        """The length of the session."""
        return self.periods * vocabulary.PERIOD_MINUTES

    def __post_init__(self):
        # Exactly one date (or None) per period, however it was built: equal sessions compare
        # equal, and a period dropped takes its date with it.
        dates = (tuple(self.dates) + (None,) * self.periods)[: self.periods]
        object.__setattr__(self, "dates", dates)

    @property
    def first_date(self) -> dt.date | None:
        """The first period's date: the sequence's preparation is counted before it."""
        return next((day for day in self.dates if day), None)

    @property
    def last_date(self) -> dt.date | None:
        """The last dated period: the follow-ups and the re-check are counted from it."""
        return next((day for day in reversed(self.dates) if day), None)

    @property
    def dated(self) -> bool:
        """Whether any period has a date."""
        return self.first_date is not None

    def key(self) -> tuple:
        """Everything that changes the documents, for the cache."""
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)

    def file_stem(self, document: str) -> str:
        """The one naming rule for a session's files: declic-pack-13-15-grooming-fr."""
        return f"declic-{document}-{self.tier}-{'-'.join(self.modules)}-{self.lang}"


def form_values(choices: SessionChoices) -> dict:
    """The session form's fields filled in with these choices (read_choices' inverse)."""
    values = {name: getattr(choices, name, "") or "" for name in FIELDS}
    values.update(
        modules=list(choices.modules),
        periods=str(choices.periods),
        **{
            name: day.isoformat() if day else ""
            for name, day in zip(DATE_FIELDS, choices.dates, strict=False)
        },
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


def read_dates(
    values: dict, periods: int, today: dt.date | None, kept: tuple[dt.date | None, ...]
) -> tuple[tuple[dt.date | None, ...], dict]:
    """The dates of the first `periods` date fields (the others are ignored: the form hides
    them when fewer periods are chosen), and the errors by field.

    Each is optional; a later period may not come before an earlier one. With `today`
    (the form that saves a session), a date before today is refused, unless it is the
    date that period already had (`kept`): an old session can be edited, a cover detail
    corrected, without typing its past dates again, but no date is moved into the past.
    """
    dates: list[dt.date | None] = []
    errors: dict = {}
    earlier: dt.date | None = None
    for index, name in enumerate(DATE_FIELDS[:periods]):
        day, errors[name] = parse_date(values[name])
        unchanged = index < len(kept) and day == kept[index]
        if day and today and day < today and not unchanged:
            errors[name] = _l("This date is past: choose today or a later day.")
        elif day and earlier and day < earlier:
            errors[name] = _l("This period cannot come before the one above it.")
        earlier = day or earlier
        dates.append(day)
    return tuple(dates), errors


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


def read_choices(
    fields,
    catalog: Catalog,
    today: dt.date | None = None,
    kept: tuple[dt.date | None, ...] = (),
) -> tuple[SessionChoices | None, dict, dict]:
    """(choices, errors by field, values to show again) from raw fields (a form, a query).

    `fields` is a Werkzeug MultiDict (a form, a query string, or one a command builds).
    `today` refuses past dates (the session form), except a period's date as saved (`kept`,
    read_dates).
    Choices come back only when every field is valid, the core activities of the chosen
    modules fit the chosen length, and each period of it holds an activity.
    """
    values: dict = {name: fields.get(name, "") for name in FIELDS}
    values["modules"] = fields.getlist("modules")
    errors = _choice_errors(values, catalog)
    periods = int(values["periods"]) if "periods" not in errors else max(vocabulary.SESSION_PERIODS)
    dates, date_errors = read_dates(values, periods, today, kept)
    errors.update(date_errors)
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
        dates=dates,
        class_size=class_size,
        **texts,
    )
    try:
        plan = plan_session(lessons_for(catalog, choices), choices.minutes)
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
    if plan.filled < choices.periods:
        return None, {"periods": _empty_periods(plan.filled, choices)}, values
    return choices, {}, values


def _empty_periods(filled: int, choices: SessionChoices):
    """The length field's message when the modules leave a period empty: the class would
    sit through it with nothing on screen but the closing help slide."""
    minutes = vocabulary.PERIOD_MINUTES
    if len(choices.modules) == 1:  # a lesson's plan fills one period (plan-does-not-add-up)
        return _l(
            "This module fills one period of %(minutes)s minutes: the other periods would "
            "show the class nothing but the help numbers. Choose a single period, or add a "
            "module.",
            minutes=minutes,
        )
    return _l(
        "These modules fill %(filled)s periods of %(minutes)s minutes, not %(periods)s: the "
        "last would show the class nothing but the help numbers. Choose %(filled)s periods, "
        "or add a module.",
        filled=filled,
        minutes=minutes,
        periods=choices.periods,
    )


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
