"""A session's results as the report shows them: per statement, per phase, counts and shares.

Honest by construction: answers are counts for the class, never paired pupil by pupil; a
phase with fewer than MIN_SHOWN answers to a statement, or still taking answers, has no
counts here at all (votes.shown_counts leaves them out), only how many answered; nothing is
a score.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..catalog.statements import Statement
from ..store.measure import ANSWERS, PHASES
from . import MIN_SHOWN


@dataclass(frozen=True)
class PhaseResult:
    """The answers to one statement in one phase (counts only when they may be shown)."""

    counts: dict
    total: int

    @property
    def shown(self) -> bool:
        return self.total >= MIN_SHOWN and sum(self.counts.values()) == self.total

    def percent(self, answer: str) -> int:
        return round(100 * self.counts.get(answer, 0) / self.total) if self.shown else 0


@dataclass(frozen=True)
class StatementResult:
    statement: Statement
    phases: dict  # {phase: PhaseResult}

    def expected(self, phase: str) -> int | None:
        """The share that gave the expected answer at a phase, if known and shown."""
        result = self.phases[phase]
        if not self.statement.answer or not result.shown:
            return None
        return result.percent(self.statement.answer)

    def expected_shares(self) -> list[int]:
        """start → end (→ follow-up): the shares shown, in order."""
        shares = [self.expected(phase) for phase in PHASES]
        return [n for n in shares if n is not None]


@dataclass(frozen=True)
class Results:
    statements: tuple  # of StatementResult
    follow_up_code: str | None = None
    follow_up_url: str | None = None
    follow_up_until: object = None

    def fingerprint(self) -> str:
        """What the report prints, hashed (the PDF's cache key)."""
        parts = [
            repr(
                (
                    r.statement,
                    sorted((p, v.total, sorted(v.counts.items())) for p, v in r.phases.items()),
                )
            )
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

    def summary(self) -> dict | None:
        """The headline: over the statements with an expected answer shown at both the
        start and the end, the mean share of expected answers at each, and how many
        statements moved up; None if there are none."""
        pairs = [
            (r.expected("start"), r.expected("end"))
            for r in self.statements
            if r.expected("start") is not None and r.expected("end") is not None
        ]
        if not pairs:
            return None
        return {
            "statements": len(pairs),
            "start": round(sum(a for a, _ in pairs) / len(pairs)),
            "end": round(sum(b for _, b in pairs) / len(pairs)),
            "better": sum(1 for a, b in pairs if b > a),
            "follow_shown": any(r.expected("follow") is not None for r in self.statements),
        }


def build_results(
    statements: tuple[Statement, ...], counts: dict, totals: dict | None = None, **follow_up
) -> Results:
    """Results from the counts that may be shown ({phase: {statement: {answer: n}}}) and how
    many answered ({phase: {statement: n}}; without it, the counts' own totals)."""
    rows = []
    for statement in statements:
        by_phase = {}
        for phase in PHASES:
            found = counts.get(phase, {}).get(statement.key, {})
            values = {answer: int(found.get(answer, 0)) for answer in ANSWERS}
            total = sum(values.values())
            if totals is not None:
                total = totals.get(phase, {}).get(statement.key, total)
            by_phase[phase] = PhaseResult(values if found else {}, total)
        rows.append(StatementResult(statement, by_phase))
    return Results(tuple(rows), **follow_up)
