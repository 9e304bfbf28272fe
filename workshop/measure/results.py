"""A session's results as the report shows them: per statement, per phase, counts and shares.

Honest by construction: answers are counts for the class, never paired pupil by pupil; a
phase with fewer than MIN_SHOWN answers to a statement is not shown at all; nothing is a
score.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..catalog.statements import Statement
from ..store.measure import ANSWERS, PHASES

MIN_SHOWN = 10


@dataclass(frozen=True)
class PhaseResult:
    """The answers to one statement in one phase."""

    counts: dict
    total: int

    @property
    def shown(self) -> bool:
        return self.total >= MIN_SHOWN

    def percent(self, answer: str) -> int:
        return round(100 * self.counts.get(answer, 0) / self.total) if self.total else 0


@dataclass(frozen=True)
class StatementResult:
    statement: Statement
    phases: dict  # {phase: PhaseResult}


@dataclass(frozen=True)
class Results:
    statements: tuple  # of StatementResult
    follow_up_code: str | None = None
    follow_up_url: str | None = None
    follow_up_until: object = None

    def fingerprint(self) -> str:
        """What the report prints, hashed (the PDF's cache key)."""
        parts = [
            repr((r.statement, sorted((p, sorted(v.counts.items())) for p, v in r.phases.items())))
            for r in self.statements
        ]
        parts.append(repr((self.follow_up_code, self.follow_up_url, self.follow_up_until)))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    @property
    def min_shown(self) -> int:
        """Below this many answers, a statement's phase is not shown."""
        return MIN_SHOWN

    def total(self, phase: str) -> int:
        """The number of answers counted in a phase, all statements together."""
        return sum(r.phases[phase].total for r in self.statements)


def build_results(statements: tuple[Statement, ...], counts: dict, **follow_up) -> Results:
    """Results from the stored counts ({phase: {statement: {answer: n}}})."""
    rows = []
    for statement in statements:
        by_phase = {}
        for phase in PHASES:
            found = counts.get(phase, {}).get(statement.key, {})
            values = {answer: int(found.get(answer, 0)) for answer in ANSWERS}
            by_phase[phase] = PhaseResult(values, sum(values.values()))
        rows.append(StatementResult(statement, by_phase))
    return Results(tuple(rows), **follow_up)
