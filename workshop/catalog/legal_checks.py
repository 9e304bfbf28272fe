"""Checks that keep the law exact: no typed penalty, sound [[penalty:ID]], no draft hedge.

Run from validate.validate() on the catalog as loaded, before any placeholder is expanded:
- a penalty typed in a lesson or the briefing ("7 ans d'emprisonnement", "€100,000",
  "réclusion") is an error, since [[penalty:ID]] prints it from the jurisdiction file;
- a [[penalty:ID]] names a legal reference that has penalties, and one the lesson (or the
  briefing) lists in its legal_refs;
- no printed text, lessons, scenarios, quizzes, briefing or jurisdiction, carries a draft
  hedge ("selon nos sources", "à vérifier", "according to our sources", "TODO"…).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .errors import ErrorLog
from .models import Briefing, Catalog, Jurisdiction, Lesson
from .penalties import placeholders

# A penalty typed as figures, in French or in English.
TYPED_PENALTY = re.compile(
    "|".join(
        (
            r"\d+\s*ans?\s+d['’]emprisonnement",
            r"\d+\s*ans?\s+de\s+prison",
            r"réclusion",
            r"\d[\d\u00a0\u202f ]*000\s?(?:€|euros)",
            r"€\s?\d{1,3}(?:[,\u00a0\u202f ]\d{3})*[,\u00a0\u202f ]000\b",
            r"\d+\s*(?:years?|yrs?)['’]?\s+(?:of\s+)?(?:criminal\s+)?imprisonment",
            r"\d+\s*years?\s+in\s+prison",
            r"criminal\s+imprisonment",
            r"life\s+imprisonment",
        )
    ),
    re.IGNORECASE,
)

# A note left by a writer, not a sentence for a reader.
DRAFT_HEDGE = re.compile(
    "|".join(
        (
            r"selon\s+nos\s+sources",
            r"d['’]après\s+nos\s+sources",
            r"nos\s+sources\s+les\s+plus\s+récentes",
            r"à\s+vérifier",
            r"à\s+confirmer",
            r"sous\s+réserve\s+de\s+vérification",
            r"non\s+confirmée?s?\b",
            r"according\s+to\s+our\s+(?:latest\s+|most\s+recent\s+)?sources",
            r"our\s+(?:latest|most\s+recent)\s+sources",
            r"to\s+be\s+(?:checked|verified|confirmed)",
            r"\bunconfirmed\b",
            r"\bTODO\b",
            r"\bFIXME\b",
            r"\bTBC\b",
        )
    ),
    re.IGNORECASE,
)

TAG = re.compile(r"<[^>]*>")


def check_law(catalog: Catalog, log: ErrorLog) -> None:
    """Every law check on a loaded (not yet expanded) catalog."""
    legal = catalog.jurisdiction.legal
    for lesson in catalog.lessons.values():
        texts = list(lesson_texts(lesson))
        _check_texts(texts, log, typed=True)
        _check_placeholders(texts, lesson.legal_refs, legal, log)
    for briefing in catalog.briefings.values():
        texts = list(briefing_texts(briefing))
        _check_texts(texts, log, typed=True)
        _check_placeholders(texts, briefing.legal_refs, legal, log)
    _check_texts(list(jurisdiction_texts(catalog.jurisdiction)), log, typed=False)


def _check_texts(texts, log: ErrorLog, typed: bool) -> None:
    """Typed penalties (in lessons and the briefing) and draft hedges (everywhere)."""
    for path, field, text in texts:
        plain = TAG.sub(" ", str(text))
        if typed:
            for match in TYPED_PENALTY.finditer(plain):
                log.add(
                    "typed-penalty",
                    path,
                    field,
                    f"types a penalty ('{match.group(0)}'): write "
                    "[[penalty:ID]] with the legal reference's id, so that the jurisdiction "
                    "file prints it",
                )
        for match in DRAFT_HEDGE.finditer(plain):
            log.add(
                "draft-hedge",
                path,
                field,
                f"'{match.group(0)}' is a draft note, not text for a "
                "reader: state what an official source says, or leave it out",
            )


def _check_placeholders(texts, legal_refs, legal, log: ErrorLog) -> None:
    """Each [[penalty:ID]] names a reference with penalties that the text cites."""
    for path, field, text in texts:
        for ref_id in placeholders(text):
            ref = legal.get(ref_id)
            if ref is None:
                log.add(
                    "penalty-ref",
                    path,
                    field,
                    f"[[penalty:{ref_id}]] names an unknown legal reference",
                )
            elif not ref.penalties:
                log.add(
                    "penalty-ref",
                    path,
                    field,
                    f"[[penalty:{ref_id}]]: this legal reference has no penalty to print",
                )
            elif ref_id not in legal_refs:
                log.add(
                    "penalty-uncited",
                    path,
                    field,
                    f"[[penalty:{ref_id}]]: add '{ref_id}' to legal_refs",
                )


def _file(lesson: Lesson, kind: str = "") -> str:
    suffix = f".{kind}.toml" if kind else ".md"
    return f"modules/{lesson.module}/{lesson.lang}/{lesson.tier}{suffix}"


def lesson_texts(lesson: Lesson) -> Iterator[tuple[str, str, str]]:
    """Every printed text of a lesson, as (file, field, text)."""
    text, scenario, quiz = _file(lesson), _file(lesson, "scenario"), _file(lesson, "quiz")
    pupil, notes = lesson.pupil, lesson.facilitator
    yield text, "title", pupil.title
    yield text, "summary", pupil.summary
    yield text, "content_note", pupil.content_note
    for step in pupil.steps:
        yield text, f"::: step {step.title}", f"{step.title}\n{step.html}"
    for index, message in enumerate(pupil.key_messages):
        yield text, f"key_messages[{index}]", message
    yield text, "::: what-to-do", pupil.what_to_do
    for index, objective in enumerate(notes.objectives or ()):
        yield text, f"objectives[{index}]", objective
    for index, item in enumerate(notes.plan):
        yield text, f"plan[{index}]", f"{item.title}\n{item.description}"
    for index, discussion in enumerate(notes.discussion):
        yield (
            text,
            f"discussion[{index}]",
            f"{discussion.prompt}\n" + "\n".join(discussion.draw_out or ()),
        )
    for name, html in notes.sections.items():
        yield text, f"::: facilitator {name}", html
    yield scenario, "title", lesson.scenario.title
    for node in lesson.scenario.nodes.values():
        yield scenario, f"nodes.{node.id}.text", node.text
        for index, choice in enumerate(node.choices):
            yield (
                scenario,
                f"nodes.{node.id}.choices[{index}]",
                f"{choice.label}\n{choice.feedback}",
            )
    for node_id, prompt in notes.scenario_prompts.items():
        yield (
            scenario,
            f"nodes.{node_id}.prompt",
            f"{prompt.prompt}\n" + "\n".join(prompt.draw_out or ()),
        )
    for question in lesson.quiz.items:
        yield quiz, f"items.{question.id}.question", question.question
        for index, option in enumerate(question.options):
            where = f"items.{question.id}.options[{index}]"
            yield quiz, where, f"{option.text}\n{option.explanation}"


def briefing_texts(briefing: Briefing) -> Iterator[tuple[str, str, str]]:
    """Every printed text of a briefing, as (file, field, text)."""
    path = f"briefing/{briefing.lang}.md"
    yield path, "title", briefing.title or ""
    yield path, "summary", briefing.summary or ""
    for name, html in briefing.sections.items():
        yield path, f"::: {name}", html


def jurisdiction_texts(jurisdiction: Jurisdiction) -> Iterator[tuple[str, str, str]]:
    """Every printed text of the jurisdiction file, as (file, field, text)."""
    path = f"jurisdictions/{jurisdiction.id}.toml"
    for ref in jurisdiction.legal.values():
        yield path, f"legal.{ref.id}.source", ref.source or ""
        for lang, title in ref.titles.items():
            yield path, f"legal.{ref.id}.{lang}.title", title
        for lang, plain in ref.plain.items():
            yield path, f"legal.{ref.id}.{lang}.plain", plain
        for index, penalty in enumerate(ref.penalties):
            for lang, condition in penalty.conditions.items():
                yield path, f"legal.{ref.id}.penalties[{index}].{lang}", condition
    for res in jurisdiction.resources.values():
        for attribute, field in (
            ("names", "name"),
            ("purposes", "purpose"),
            ("hours", "hours"),
            ("sms_texts", "sms_text"),
            ("sms_bodies", "sms_body"),
        ):
            for lang, value in (getattr(res, attribute, None) or {}).items():
                yield path, f"resources.{res.id}.{lang}.{field}", str(value)
        for lang, texts in res.adult.items():
            for field, value in texts.items():
                yield path, f"resources.{res.id}.{lang}.adult.{field}", value
        for lang, by_tier in res.tiered.items():
            for tier, texts in by_tier.items():
                for field, value in texts.items():
                    yield path, f"resources.{res.id}.{lang}.tiers.{tier}.{field}", value
