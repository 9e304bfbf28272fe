"""Building one lesson (text, scenario, quiz) from its three files."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .. import vocabulary
from .errors import ErrorLog
from .files import FileFormatError, Section, read_lesson_file, read_toml, revision_of
from .models import (
    Choice,
    Discussion,
    FacilitatorNotes,
    Lesson,
    Node,
    Option,
    PlanItem,
    PupilText,
    Quiz,
    QuizItem,
    Scenario,
    StarterStatement,
    Step,
)
from .render import render
from .safeguarding import PROTOCOL, Safeguarding, check_text
from .schema import Fields

LESSON_FIELDS = {
    "title",
    "summary",
    "minutes",
    "content_note",
    "key_messages",
    "objectives",
    "legal_refs",
    "resources",
    "source_revision",
    "plan",
    "statement",
    "discussion",
}

# What a plan item can project ("slides" in [[plan]]), besides step-N: see docs/content-format.md.
PLAN_SLIDES = ("welcome", "starter", "scenario", "quiz", "what-to-do", "messages", "activity")

# A starter statement's id: counts are stored under "module:id" (store/measure.py, 80 chars).
STATEMENT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
STATEMENT_ID_LENGTH = 40
# A statement's expected answer is true or false; "not sure" is only ever a pupil's answer.
STATEMENT_ANSWERS = vocabulary.ANSWERS[:2]
# Where the baseline section prints the statements, numbered, with their expected answer.
STATEMENTS_PLACEHOLDER = "[[statements]]"
_QUOTES = {"fr": ("« ", " »")}
_ANSWER_WORDS = {"fr": {"true": "vrai", "false": "faux"}}
_ENGLISH_WORDS = {"true": "true", "false": "false"}


def lesson_paths(lesson_file: Path) -> tuple[Path, Path, Path]:
    """The lesson, scenario and quiz files of a lesson."""
    stem = lesson_file.name.removesuffix(".md")
    folder = lesson_file.parent
    return lesson_file, folder / f"{stem}.scenario.toml", folder / f"{stem}.quiz.toml"


def load_lesson(
    lesson_file: Path, root: Path, log: ErrorLog, safeguarding: Safeguarding | None = None
) -> Lesson | None:
    """Read a lesson and its scenario and quiz; None (with errors logged) if unreadable.

    The shared safeguarding words ([[protocol]], [[rule:ID]]) are checked and put in place
    before the Markdown is rendered.
    """
    safeguarding = safeguarding or Safeguarding()
    module, lang, tier = lesson_file.parent.parent.name, lesson_file.parent.name, lesson_file.stem
    text_path, scenario_path, quiz_path = lesson_paths(lesson_file)
    parts = {}
    for kind, path in (("text", text_path), ("scenario", scenario_path), ("quiz", quiz_path)):
        name = path.relative_to(root).as_posix()
        if not path.is_file():
            log.add("file-missing", name, "", "file is missing")
            continue
        try:
            parts[kind] = (name, read_lesson_file(path) if kind == "text" else read_toml(path))
        except FileFormatError as error:
            log.add("file-format", name, error.field, str(error))
    if len(parts) < 3:
        return None
    errors_before = len(log.errors)
    text_name, (meta, sections) = parts["text"]
    sections = _with_shared_words(sections, safeguarding, text_name, lang, tier, log)
    _share_in_toml(parts["scenario"][1], safeguarding, parts["scenario"][0], lang, tier, log)
    _share_in_quiz(parts["quiz"][1], safeguarding, parts["quiz"][0], lang, tier, log)
    fields = Fields(meta, text_name, log)
    fields.unknown(LESSON_FIELDS)
    scenario, prompts = _scenario(Fields(parts["scenario"][1], parts["scenario"][0], log))
    quiz = _quiz(Fields(parts["quiz"][1], parts["quiz"][0], log))
    pupil = _pupil_text(fields, sections, text_name, log)
    facilitator = _facilitator_notes(fields, sections, text_name, log, prompts)
    extra = next((s.body for s in sections if s.kind == "facilitator:disclosure-extra"), "")
    protocol = render(safeguarding.protocol_text.get(lang, ""))
    facilitator = replace(facilitator, disclosure_extra=render(extra), protocol=protocol)
    legal_refs = fields.texts("legal_refs")
    source_revision = fields.text("source_revision", default=None)
    if len(log.errors) > errors_before:
        return None
    return Lesson(
        module=module,
        tier=tier,
        lang=lang,
        revision=revision_of([text_path, scenario_path, quiz_path]),
        source_revision=source_revision,
        legal_refs=legal_refs,
        pupil=pupil,
        facilitator=facilitator,
        scenario=scenario,
        quiz=quiz,
    )


def _pupil_text(fields: Fields, sections: list[Section], path: str, log: ErrorLog) -> PupilText:
    """The pupil-facing part of a lesson: no facilitator field can reach it."""
    steps = []
    for section in sections:
        if section.kind == "step":
            if not section.title:
                log.add(
                    "step-title",
                    path,
                    f"line {section.line}",
                    "a step needs a title: '::: step Title'",
                )
            steps.append(Step(section.title, render(section.body)))
    low, high = vocabulary.STEPS
    if not low <= len(steps) <= high:
        log.add(
            "step-count",
            path,
            "::: step",
            f"a lesson has {low} to {high} steps, found {len(steps)}",
        )
    what_to_do = _one_section(sections, "what-to-do", path, log)
    key_messages = fields.texts("key_messages") or ()
    if key_messages and len(key_messages) != vocabulary.KEY_MESSAGES:
        fields.error(
            "key-messages",
            "key_messages",
            f"must hold exactly {vocabulary.KEY_MESSAGES} messages, found {len(key_messages)}",
        )
    return PupilText(
        title=fields.text("title"),
        summary=fields.text("summary"),
        minutes=fields.integer("minutes", 5, 60),
        content_note=render(fields.text("content_note") or ""),
        steps=tuple(steps),
        key_messages=key_messages,
        what_to_do=render(what_to_do),
        resources=fields.texts("resources") or (),
    )


def _facilitator_notes(
    fields: Fields,
    sections: list[Section],
    path: str,
    log: ErrorLog,
    prompts: dict[str, Discussion],
) -> FacilitatorNotes:
    """The facilitator-only part of a lesson."""
    known = {f"facilitator:{name}" for name in vocabulary.FACILITATOR_SECTIONS} | {
        "step",
        "what-to-do",
        "facilitator:disclosure-extra",
    }
    for section in sections:
        if section.kind not in known:
            name = section.kind.replace(":", " ")
            log.add(
                "section-unknown", path, f"line {section.line}", f"unknown section '::: {name}'"
            )
    statements = _statements(fields)
    notes = {}
    for name in vocabulary.FACILITATOR_SECTIONS:
        body = _one_section(sections, f"facilitator:{name}", path, log)
        if name == "baseline":
            body = _with_statements(body, statements, fields.path)
        notes[name] = render(body)
    plan = []
    for item in fields.tables("plan"):
        kind = item.text("kind")
        if kind is not None and kind not in vocabulary.PLAN_KINDS:
            item.error(
                "plan-kind",
                "kind",
                f"must be one of {', '.join(vocabulary.PLAN_KINDS)}, not '{kind}'",
            )
        slides = item.texts("slides", default=()) or ()
        if not slides and "slides" not in item.data:
            item.error(
                "plan-no-slides",
                "slides",
                "is required: what the deck projects for this activity, for example "
                '["starter"], ["step-1", "step-2"] or ["activity"] (its title alone)',
            )
        for slide in slides:
            if not _plan_slide_known(slide):
                item.error(
                    "plan-slides",
                    "slides",
                    f"'{slide}' is not one of {', '.join(PLAN_SLIDES)} or step-N",
                )
        plan.append(
            PlanItem(
                item.integer("minutes", 1, vocabulary.PERIOD_MINUTES),
                item.text("title"),
                kind,
                render(item.text("description") or ""),
                slides,
            )
        )
    discussion = [
        Discussion(d.text("prompt"), d.texts("draw_out")) for d in fields.tables("discussion")
    ]
    return FacilitatorNotes(
        objectives=fields.texts("objectives"),
        plan=tuple(plan),
        discussion=tuple(discussion),
        sections=MappingProxyType(notes),
        scenario_prompts=MappingProxyType(prompts),
        statements=statements,
    )


def _statements(fields: Fields) -> tuple[StarterStatement, ...]:
    """The lesson's `[[statement]]` tables: each with a stable id, its text and its answer."""
    found = []
    seen: set[str] = set()
    for table in fields.tables("statement", default=[]):
        table.unknown({"id", "text", "answer"})
        statement_id, text = table.text("id"), table.text("text")
        answer = table.text("answer", default=None)
        if statement_id is not None:
            if not STATEMENT_ID.fullmatch(statement_id) or len(statement_id) > STATEMENT_ID_LENGTH:
                table.error(
                    "statement-id",
                    "id",
                    f"'{statement_id}' is not an id: lowercase letters, digits and hyphens, "
                    f"at most {STATEMENT_ID_LENGTH} characters",
                )
            elif statement_id in seen:
                table.error("statement-id", "id", f"'{statement_id}' is used twice")
            seen.add(statement_id)
        if answer not in STATEMENT_ANSWERS:
            table.error(
                "statement-answer",
                "answer",
                "is required: the expected answer, "
                + " or ".join(f'"{a}"' for a in STATEMENT_ANSWERS)
                + (f", not '{answer}'" if answer is not None else ""),
            )
        if statement_id and text and answer:
            found.append(StarterStatement(statement_id, text, answer))
    return tuple(found)


def _with_statements(body: str, statements: tuple[StarterStatement, ...], path: str) -> str:
    """The baseline section's Markdown with its statements listed where it says
    `[[statements]]` (at its end if it does not say), each with its expected answer."""
    lang = Path(path).parent.name
    opening, closing = _QUOTES.get(lang, ('"', '"'))
    words = _ANSWER_WORDS.get(lang, _ENGLISH_WORDS)
    listed = "\n".join(
        f"{n}. {opening}{s.text}{closing} ({words[s.answer]})"
        for n, s in enumerate(statements, start=1)
    )
    if STATEMENTS_PLACEHOLDER in body:
        return body.replace(STATEMENTS_PLACEHOLDER, listed, 1)
    return f"{body}\n\n{listed}\n" if statements else body


def _plan_slide_known(slide: str) -> bool:
    """A plan item's slide name: one of PLAN_SLIDES, or step-N for the pupil step N."""
    if slide in PLAN_SLIDES:
        return True
    number = slide.removeprefix("step-")
    return (
        slide.startswith("step-")
        and number.isascii()
        and number.isdigit()
        and 1 <= int(number) <= vocabulary.STEPS[1]
    )


def _one_section(sections: list[Section], kind: str, path: str, log: ErrorLog) -> str:
    """The body of a section that must appear exactly once."""
    found = [section for section in sections if section.kind == kind]
    marker = "::: " + kind.replace(":", " ")
    if len(found) != 1:
        log.add(
            "section-required",
            path,
            marker,
            "is required" if not found else "appears more than once",
        )
        return ""
    if not found[0].body.strip():
        log.add("section-empty", path, marker, "must not be empty")
    return found[0].body


def _scenario(fields: Fields) -> tuple[Scenario, dict[str, Discussion]]:
    """A scenario graph, and the facilitator prompts attached to its nodes."""
    fields.unknown({"title", "start", "nodes"})
    raw_nodes = fields.data.get("nodes")
    if not isinstance(raw_nodes, dict) or not raw_nodes:
        fields.error("scenario-nodes", "nodes", "is required: a table of nodes")
        raw_nodes = {}
    nodes, prompts = {}, {}
    for node_id, raw in raw_nodes.items():
        node = Fields(raw, fields.path, fields.log, f"nodes.{node_id}.")
        node.unknown({"text", "choices", "end", "help", "prompt", "draw_out"})
        is_end = node.boolean("end", default=False)
        choices = tuple(
            Choice(c.text("label"), c.text("to"), render(c.text("feedback") or ""))
            for c in node.tables("choices", default=[])
        )
        if is_end and choices:
            node.error("end-has-choices", "choices", "an end has no choices")
        if not is_end and len(choices) < 2:
            node.error(
                "node-choices", "choices", "a node that is not an end needs at least 2 choices"
            )
        help_routes = node.texts("help", default=()) or ()
        if is_end and not help_routes:
            node.error(
                "end-without-help",
                "help",
                "an end must lead to help: list at least one resource id",
            )
        nodes[node_id] = Node(node_id, render(node.text("text") or ""), choices, help_routes)
        if "prompt" in node.data:
            prompts[node_id] = Discussion(node.text("prompt"), node.texts("draw_out", default=()))
    scenario = Scenario(fields.text("title"), fields.text("start"), MappingProxyType(nodes))
    return scenario, prompts


def _quiz(fields: Fields) -> Quiz:
    """Quiz items, each option with its explanation."""
    fields.unknown({"items"})
    items = []
    for item in fields.tables("items"):
        item.unknown({"id", "question", "options"})
        options = []
        for option in item.tables("options"):
            option.unknown({"text", "correct", "explanation"})
            options.append(
                Option(
                    option.text("text"),
                    option.boolean("correct"),
                    render(option.text("explanation") or ""),
                )
            )
        fewest, most = vocabulary.QUIZ_OPTIONS
        if len(options) < fewest:
            item.error("quiz-options", "options", f"a question needs at least {fewest} options")
        elif len(options) > most:
            item.error(
                "quiz-options",
                "options",
                f"a question has at most {most} options (lettered A to "
                f"{vocabulary.answer_letter(most - 1)}), found {len(options)}",
            )
        elif not any(option.correct for option in options):
            item.error("quiz-no-correct", "options", "at least one option must be correct = true")
        items.append(QuizItem(item.text("id"), item.text("question"), tuple(options)))
    return Quiz(tuple(items))


def _with_shared_words(
    sections: list[Section], safeguarding: Safeguarding, path: str, lang: str, tier: str, log
) -> list[Section]:
    """The sections with the shared safeguarding words in place, checked first.

    The disclosure section must hold [[protocol]]; what it adds is also kept apart (as the
    internal section "facilitator:disclosure-extra") so that a session of several lessons
    prints the protocol once and each lesson's additions under it.
    """
    result = []
    for section in sections:
        check_text(safeguarding, section.body, path, f"line {section.line}", lang, log)
        if section.kind == "facilitator:disclosure":
            if PROTOCOL not in section.body:
                log.add(
                    "safeguard-protocol",
                    path,
                    "::: facilitator disclosure",
                    "must hold [[protocol]], the shared disclosure protocol, and add only "
                    "what is specific to this lesson",
                )
            extra = safeguarding.expand(section.body.replace(PROTOCOL, ""), lang, tier)
            result.append(Section("facilitator:disclosure-extra", "", extra, section.line))
        body = safeguarding.expand(section.body, lang, tier)
        result.append(Section(section.kind, section.title, body, section.line))
    return result


def _share_in_toml(data, safeguarding: Safeguarding, path: str, lang: str, tier: str, log):
    """Check and expand the shared words in a scenario's texts (in place, before use).

    Choice labels and discussion points count too: a hand-written copy of a rule there
    ("Sami deletes the photo") contradicts the shared rule just the same.
    """
    nodes = data.get("nodes") if isinstance(data, dict) else None
    if not isinstance(nodes, dict):
        return
    for node_id, node in nodes.items():
        if not isinstance(node, dict):
            continue
        choices = [c for c in node.get("choices", []) if isinstance(c, dict)]
        raw_draw_out = node.get("draw_out")
        draw_out: list = raw_draw_out if isinstance(raw_draw_out, list) else []
        texts: list[tuple[Any, Any]] = (
            [(node, "text")]
            + [(choice, key) for choice in choices for key in ("label", "feedback")]
            + [(draw_out, index) for index in range(len(draw_out))]
        )
        for owner, key in texts:
            value = owner[key] if isinstance(owner, list) else owner.get(key)
            if isinstance(value, str):
                check_text(safeguarding, owner[key], path, f"nodes.{node_id}", lang, log)
                owner[key] = safeguarding.expand(owner[key], lang, tier)


def _share_in_quiz(data, safeguarding: Safeguarding, path: str, lang: str, tier: str, log):
    """Check and expand the shared words in a quiz (a hand-written rule in an answer teaches
    its own version of it)."""
    items = data.get("items") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        item_id = item.get("id", "?")
        options = item.get("options")
        owners = [(item, "question")] + [
            (option, key)
            for option in (options if isinstance(options, list) else [])
            if isinstance(option, dict)
            for key in ("text", "explanation")
        ]
        for owner, key in owners:
            if isinstance(owner.get(key), str):
                check_text(safeguarding, owner[key], path, f"items.{item_id}", lang, log)
                owner[key] = safeguarding.expand(owner[key], lang, tier)
