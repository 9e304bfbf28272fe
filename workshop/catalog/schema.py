"""Typed access to a parsed TOML table, recording errors instead of raising."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar, overload

from .errors import ErrorLog
from .lawdate import LawDate

MISSING: Any = object()
T = TypeVar("T")

# What a getter returns for a required field in error: None, typed as the value it stands
# for. The error is logged, and a content tree with any error does not load
# (loader.load_catalog raises CatalogError), so nothing built from it is ever served; the
# objects can keep their plain types (`title: str`) for every reader of a loaded catalog.
ABSENT: Any = None


class Fields:
    """Reads fields of one table of one file; each problem names the file and field."""

    def __init__(self, data: Any, path: str, log: ErrorLog, prefix: str = ""):
        self.data = data if isinstance(data, dict) else {}
        self.path = path
        self.log = log
        self.prefix = prefix
        if not isinstance(data, dict):
            log.add("table-type", path, prefix.rstrip(".") or "(table)", "must be a table")

    def name(self, field: str) -> str:
        """The dotted name of a field, for messages."""
        return f"{self.prefix}{field}"

    def error(self, rule: str, field: str, message: str) -> None:
        """Record an error, under a rule code, on a field of this table."""
        self.log.add(rule, self.path, self.name(field), message)

    def _get(self, field: str, kind: type | tuple, kind_name: str, default: Any) -> Any:
        value = self.data.get(field, MISSING)
        if value is MISSING:
            if default is MISSING:
                self.error("field-required", field, "is required")
            return None if default is MISSING else default
        if isinstance(value, bool) and kind is not bool:
            self.error("field-type", field, f"must be {kind_name}")
            return None
        if not isinstance(value, kind):
            self.error("field-type", field, f"must be {kind_name}")
            return None
        return value

    @overload
    def text(self, field: str) -> str: ...
    @overload
    def text(self, field: str, default: T) -> str | T: ...
    def text(self, field: str, default: Any = MISSING) -> Any:
        """A non-empty string."""
        value = self._get(field, str, "a string", default)
        if isinstance(value, str) and not value.strip() and default is MISSING:
            self.error("field-empty", field, "must not be empty")
            return ABSENT
        return value

    def integer(self, field: str, low: int, high: int) -> int:
        """An integer between low and high."""
        value = self._get(field, int, "a whole number", MISSING)
        if value is not None and not low <= value <= high:
            self.error("field-range", field, f"must be between {low} and {high}")
            return ABSENT
        return value

    @overload
    def boolean(self, field: str) -> bool: ...
    @overload
    def boolean(self, field: str, default: T) -> bool | T: ...
    def boolean(self, field: str, default: Any = MISSING) -> Any:
        """true or false."""
        return self._get(field, bool, "true or false", default)

    def law_date(self, field: str):
        """A TOML date, or a "YYYY" or "YYYY-MM" string when the day is not known."""
        value = self.data.get(field)
        if isinstance(value, dt.date):
            return LawDate(value if not isinstance(value, dt.datetime) else value.date(), "day")
        if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2})?", value):
            year, _, month = value.partition("-")
            if not month or 1 <= int(month) <= 12:
                return LawDate(dt.date(int(year), int(month or 1), 1), "month" if month else "year")
        self.error("field-date", field, 'must be a date such as 2021-04-23, or "2021-04" or "2021"')
        return None

    @overload
    def texts(self, field: str) -> tuple[str, ...]: ...
    @overload
    def texts(self, field: str, default: T) -> tuple[str, ...] | T: ...
    def texts(self, field: str, default: Any = MISSING) -> Any:
        """A list of non-empty strings."""
        value = self._get(field, list, "a list of strings", default)
        if value is None:
            return ABSENT
        if not all(isinstance(item, str) and item.strip() for item in value):
            self.error("field-type", field, "must be a list of non-empty strings")
            return ABSENT
        return tuple(value)

    def tables(self, field: str, default: Any = MISSING) -> list[Fields]:
        """An array of tables, each wrapped for reading."""
        value = self._get(field, list, "an array of tables", default)
        return [
            Fields(item, self.path, self.log, f"{self.name(field)}[{index}].")
            for index, item in enumerate(value or [])
        ]

    def table(self, field: str) -> Fields:
        """A sub-table, wrapped for reading."""
        return (
            Fields(self.data.get(field, {}), self.path, self.log, f"{self.name(field)}.")
            if field in self.data
            else self._missing_table(field)
        )

    def _missing_table(self, field: str) -> Fields:
        self.error("field-required", field, "is required")
        return Fields({}, self.path, ErrorLog(), f"{self.name(field)}.")

    def per_language(self, languages: tuple[str, ...], *fields: str) -> dict[str, dict[str, str]]:
        """Text fields kept in one sub-table per language: {field: {lang: value}}."""
        found: dict[str, dict[str, str]] = {field: {} for field in fields}
        for lang in languages:
            table = self.table(lang)
            for field in fields:
                value = table.text(field)
                if value is not None:
                    found[field][lang] = value
        return found

    def unknown(self, allowed: set[str]) -> None:
        """Flag fields this table does not know (a typo is an error, not silence)."""
        for field in self.data:
            if field not in allowed:
                self.error(
                    "field-unknown",
                    field,
                    f"unknown field (expected one of: {', '.join(sorted(allowed))})",
                )
