"""The date of a legal text's version, apart so that the field readers (schema) and the
models can both use it without importing each other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class LawDate:
    """The date of the version of a text; a year or month when no day is known."""

    date: dt.date
    precision: str  # "day", "month" or "year"
