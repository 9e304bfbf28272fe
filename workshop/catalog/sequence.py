"""The class teacher's texts around the visit (issue 28): content/sequence/<lang>.md.

The preparation lesson (the week before), the presenter's note on the question box, the
guides of the follow-ups and of the re-check, and the family sheet (its openers per tier).
Written once per language for every module: what a lesson says is in the lessons, and the
follow-ups are built from them (planning/sequence.py), not written here.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from .briefing import PLACEHOLDER
from .errors import ErrorLog
from .files import known_sections, read_language_files
from .models import SequenceText
from .render import render
from .safeguarding import Safeguarding, check_text
from .schema import Fields

PREPARATION = ("prep-intro", "prep-rules", "prep-adults", "prep-question-box", "prep-watch")
SECTIONS = (
    *PREPARATION,
    "presenter-questions",
    "follow-up-guide",
    "recheck-guide",
    "family-intro",
    "family-confides",
)
FAMILY = "family-"  # + a tier's id: the family sheet's conversation openers for that tier
PLACEHOLDERS = ("contact", "modules")


def load_sequence_texts(
    root: Path,
    languages: tuple[str, ...],
    tiers,
    log: ErrorLog,
    safeguarding: Safeguarding | None = None,
) -> dict[str, SequenceText]:
    """One file per language; each section once, a family section per tier, only known
    placeholders ([[contact]], [[modules]]).

    The teacher's texts point to the shared protocol rather than restating it, so they pass
    the same copy check as a lesson: a teacher's own "do not promise secrecy" is a second
    version of the protocol, which drifts (review r24b)."""
    safeguarding = safeguarding or Safeguarding()
    known = (*SECTIONS, *(FAMILY + tier for tier in tiers))
    texts = {}
    for lang, relative, meta, sections in read_language_files(root, "sequence", languages, log):
        fields = Fields(meta, relative, log)
        fields.unknown({"title", "summary"})
        found = {}
        for section in known_sections(sections, known, relative, "sequence-section", log):
            for name in PLACEHOLDER.findall(section.body):
                if name not in PLACEHOLDERS:
                    log.add(
                        "unknown-placeholder",
                        relative,
                        f"::: {section.kind}",
                        f"unknown placeholder [[{name}]] (known: {', '.join(PLACEHOLDERS)})",
                    )
            check_text(safeguarding, section.body, relative, f"::: {section.kind}", lang, log)
            found[section.kind] = render(section.body)
        texts[lang] = SequenceText(
            lang, fields.text("title"), fields.text("summary"), MappingProxyType(found)
        )
    return texts
