"""Content errors that name the file and the field."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import RULES


@dataclass(frozen=True)
class ContentError:
    """One problem in the content tree."""

    rule: str
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else self.path
        return f"{where}: {self.message} [{self.rule}]"


class CatalogError(Exception):
    """The content tree is invalid; carries every error found."""

    def __init__(self, errors: list[ContentError]):
        self.errors = tuple(errors)
        lines = "\n".join(f"  - {error}" for error in self.errors)
        super().__init__(f"The content tree has {len(self.errors)} error(s):\n{lines}")


class ErrorLog:
    """Collects errors while a tree loads, so that one run reports them all."""

    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    def add(self, rule: str, path: str, field: str, message: str) -> None:
        """Record one error under a rule code of rules.RULES."""
        if rule not in RULES:
            raise KeyError(f"unknown content rule code '{rule}' (add it to rules.RULES)")
        self.errors.append(ContentError(rule, path, field, message))

    def __bool__(self) -> bool:
        return bool(self.errors)
