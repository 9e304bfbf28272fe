"""Checks across files: completeness, references, scenario graphs, plans, translations."""

from __future__ import annotations

import re
from collections import deque

from .. import vocabulary
from .briefing import letter_conditions
from .errors import ErrorLog
from .escapes import check_escaped_quotes
from .legal_checks import check_law
from .models import Catalog, Lesson, Scenario
from .readability import pupil_text, reading_ease
from .safeguarding import IMAGE_TOPIC, SUICIDE_LINE

# An article number as written in the text: "227-23-1", "L226-2-1" (not "15-18", not dates).
CITED_ARTICLE = re.compile(r"(?<![\w-])(L?\d{3}-\d{1,2}(?:-\d{1,2})*)(?![\w-])")


def lesson_file(lesson: Lesson, kind: str = "") -> str:
    """The path of one of a lesson's files, relative to content/."""
    suffix = f".{kind}.toml" if kind else ".md"
    return f"modules/{lesson.module}/{lesson.lang}/{lesson.tier}{suffix}"


def validate(catalog: Catalog, found: set[tuple[str, str, str]], log: ErrorLog) -> None:
    """Run every cross-file check on a loaded catalog, logging what fails."""
    _check_complete(catalog, found, log)
    check_law(catalog, log)  # legal_checks.py: typed penalties, [[penalty:ID]], draft hedges
    if not catalog.jurisdiction.help_panel:
        log.add(
            "help-panel-empty",
            f"jurisdictions/{catalog.jurisdiction.id}.toml",
            "resources",
            "no resource has help_panel = true: the help panel would be empty",
        )
    _check_route_reading_ease(catalog, log)
    for briefing in catalog.briefings.values():
        for name in letter_conditions(briefing.letter_source):
            if name not in catalog.modules and name not in catalog.tiers:
                log.add(
                    "unknown-placeholder",
                    f"briefing/{briefing.lang}.md",
                    "::: parent-letter",
                    f"[[only {name}]] names no module or level",
                )
        for ref in briefing.legal_refs:
            if ref not in catalog.jurisdiction.legal:
                log.add(
                    "unknown-legal-ref",
                    f"briefing/{briefing.lang}.md",
                    "legal_refs",
                    f"unknown legal reference '{ref}'",
                )
    for lesson in catalog.lessons.values():
        _check_references(catalog, lesson, log)
        _check_cited_articles(catalog, lesson, log)
        _check_plan(lesson, log)
        _check_scenario(lesson.scenario, lesson_file(lesson, "scenario"), log)
        _check_quiz(lesson, log)
        _check_suicide_line(lesson, log)
        _check_no_inline_version(lesson, log)
        _check_translation(catalog, lesson, log)
        _check_reading_ease(catalog, lesson, log)
    _check_answer_sequences(catalog, log)
    check_escaped_quotes(catalog, log, lesson_text)


def _check_complete(catalog: Catalog, found, log: ErrorLog) -> None:
    """Every module has a lesson for every tier in every language."""
    for module in catalog.modules:
        for lang in catalog.languages:
            for tier in catalog.tiers:
                if (module, tier, lang) not in found:
                    log.add(
                        "lesson-missing",
                        f"modules/{module}/{lang}/{tier}.md",
                        "",
                        f"missing lesson: module '{module}' has no '{lang}' lesson "
                        f"for tier '{tier}' (every tier in every language)",
                    )


def _check_references(catalog: Catalog, lesson: Lesson, log: ErrorLog) -> None:
    """Legal references and help routes name entries of the jurisdiction."""
    legal, resources = catalog.jurisdiction.legal, catalog.jurisdiction.resources
    for ref in lesson.legal_refs:
        if ref not in legal:
            log.add(
                "unknown-legal-ref",
                lesson_file(lesson),
                "legal_refs",
                f"unknown legal reference '{ref}'",
            )
    for res in lesson.pupil.resources:
        if res not in resources:
            log.add(
                "unknown-resource", lesson_file(lesson), "resources", f"unknown resource '{res}'"
            )
    for node in lesson.scenario.ends:
        for res in node.help:
            if res not in resources:
                log.add(
                    "unknown-resource",
                    lesson_file(lesson, "scenario"),
                    f"nodes.{node.id}.help",
                    f"unknown resource '{res}'",
                )


def _check_cited_articles(catalog: Catalog, lesson: Lesson, log: ErrorLog) -> None:
    """An article named anywhere in the lesson is one of its legal_refs."""
    articles = {}
    for ref in catalog.jurisdiction.legal.values():
        for number in re.split(r"[,;]\s*", ref.article or ""):
            articles[number.strip()] = ref.id
    for number in sorted(set(CITED_ARTICLE.findall(lesson_text(lesson)))):
        ref_id = articles.get(number)
        if ref_id is None:
            log.add(
                "undefined-article",
                lesson_file(lesson),
                "text",
                f"cites article {number}, which content/jurisdictions/"
                f"{catalog.jurisdiction.id}.toml does not define",
            )
        elif ref_id not in lesson.legal_refs:
            log.add(
                "uncited-article",
                lesson_file(lesson),
                "legal_refs",
                f"the text cites article {number}: add '{ref_id}' to legal_refs",
            )


def lesson_text(lesson: Lesson) -> str:
    """All the text of a lesson, pupil and facilitator, for searching."""
    notes = lesson.facilitator
    parts = [
        pupil_text(lesson),
        *notes.sections.values(),
        *notes.objectives,
        *(f"{item.title} {item.description}" for item in notes.plan),
        *(f"{d.prompt} {' '.join(d.draw_out)}" for d in notes.discussion),
        *(f"{d.prompt} {' '.join(d.draw_out)}" for d in notes.scenario_prompts.values()),
    ]
    return " ".join(str(part) for part in parts)


def _check_plan(lesson: Lesson, log: ErrorLog) -> None:
    """The class plan fills one class period and has core activities."""
    plan = lesson.facilitator.plan
    total = lesson.facilitator.plan_minutes
    if total != vocabulary.PERIOD_MINUTES:
        log.add(
            "plan-does-not-add-up",
            lesson_file(lesson),
            "plan",
            f"the activities add up to {total} minutes, not {vocabulary.PERIOD_MINUTES}",
        )
    if not any(item.is_core for item in plan):
        log.add("plan-no-core", lesson_file(lesson), "plan", "at least one activity must be core")


def _check_scenario(scenario: Scenario, path: str, log: ErrorLog) -> None:
    """A sound graph: targets exist, all reachable, an end reachable from everywhere."""
    nodes = scenario.nodes
    if scenario.start not in nodes:
        log.add("scenario-start", path, "start", f"names no node: '{scenario.start}'")
        return
    for node in nodes.values():
        for index, choice in enumerate(node.choices):
            if choice.to not in nodes:
                log.add(
                    "dangling-choice",
                    path,
                    f"nodes.{node.id}.choices[{index}].to",
                    f"leads to '{choice.to}', which is not a node",
                )
    reachable = _reachable(scenario, [scenario.start], forward=True)
    for node_id in nodes:
        if node_id not in reachable:
            log.add(
                "unreachable-node", path, f"nodes.{node_id}", "is unreachable from the start node"
            )
    leads_to_end = _reachable(scenario, [n.id for n in scenario.ends], forward=False)
    for node_id in reachable - leads_to_end:
        log.add(
            "dead-end", path, f"nodes.{node_id}", "is a dead end: no end can be reached from it"
        )
    decisions = sum(1 for node in nodes.values() if not node.is_end)
    fewest_decisions, fewest_ends = vocabulary.SCENARIO_DECISIONS, vocabulary.SCENARIO_ENDS
    if decisions < fewest_decisions or len(scenario.ends) < fewest_ends:
        log.add(
            "scenario-too-small",
            path,
            "nodes",
            f"needs at least {fewest_decisions} decision points and {fewest_ends} ends "
            f"(found {decisions} and {len(scenario.ends)})",
        )


def _reachable(scenario: Scenario, starts: list[str], forward: bool) -> set[str]:
    """Nodes reachable from (or, backwards, leading to) the given nodes."""
    edges: dict[str, set[str]] = {node_id: set() for node_id in scenario.nodes}
    for node in scenario.nodes.values():
        for choice in node.choices:
            if choice.to in edges:
                source, target = (node.id, choice.to) if forward else (choice.to, node.id)
                edges[source].add(target)
    seen, queue = set(starts), deque(starts)
    while queue:
        for nxt in edges[queue.popleft()] - seen:
            seen.add(nxt)
            queue.append(nxt)
    return seen


def _check_quiz(lesson: Lesson, log: ErrorLog) -> None:
    """Four to six items with distinct ids."""
    items = lesson.quiz.items
    low, high = vocabulary.QUIZ_ITEMS
    if not low <= len(items) <= high:
        log.add(
            "quiz-size",
            lesson_file(lesson, "quiz"),
            "items",
            f"a quiz has {low} to {high} items, found {len(items)}",
        )
    ids = [item.id for item in items]
    for item_id in {i for i in ids if ids.count(i) > 1}:
        log.add(
            "quiz-duplicate-id",
            lesson_file(lesson, "quiz"),
            "items.id",
            f"'{item_id}' is used twice",
        )
    _check_answer_positions(lesson, log)


def _right_positions(lesson: Lesson) -> list[int]:
    """The position of each item's (first) right answer, in quiz order."""
    return [
        next(i for i, option in enumerate(item.options) if option.correct)
        for item in lesson.quiz.items
        if any(option.correct for option in item.options)
    ]


def _check_answer_sequences(catalog: Catalog, log: ErrorLog) -> None:
    """Two quizzes of one language never put their right answers in the same order.

    A class that meets the modules one after another learns "B, C, A, C…" as well as the
    answers (the blind review found one pattern in all 18 quizzes).
    """
    first: dict[tuple[str, tuple[int, ...]], Lesson] = {}
    for key in sorted(catalog.lessons):
        lesson = catalog.lessons[key]
        positions = tuple(_right_positions(lesson))
        if len(positions) < vocabulary.QUIZ_ITEMS[0]:
            continue
        seen = first.setdefault((lesson.lang, positions), lesson)
        if seen is not lesson:
            letters = ", ".join(vocabulary.answer_letter(p) for p in positions)
            log.add(
                "quiz-answer-sequence",
                lesson_file(lesson, "quiz"),
                "items.options",
                f"right answers in the same order ({letters}) as {lesson_file(seen, 'quiz')}: "
                "vary them (with their explanations)",
            )


def _check_answer_positions(lesson: Lesson, log: ErrorLog) -> None:
    """No position (A, B, C…) holds more than half of a quiz's right answers.

    A class that notices "it is always B" stops reading the options.
    """
    positions = _right_positions(lesson)
    for position in set(positions):
        if positions.count(position) * 2 > len(positions):
            log.add(
                "quiz-answer-position",
                lesson_file(lesson, "quiz"),
                "items.options",
                f"{positions.count(position)} of {len(positions)} right answers are option "
                f"{vocabulary.answer_letter(position)}: move some (with their explanations)",
            )


def _check_suicide_line(lesson: Lesson, log: ErrorLog) -> None:
    """A lesson on intimate images or sextortion names 3114 for a pupil in despair."""
    text = pupil_text(lesson)
    if IMAGE_TOPIC.search(text) and SUICIDE_LINE not in text:
        log.add(
            "no-suicide-line",
            lesson_file(lesson),
            "::: what-to-do",
            f"a lesson on intimate images or blackmail names the suicide-prevention line "
            f"{SUICIDE_LINE} for a pupil in despair: write [[rule:desperate]]",
        )


# The marker for an unverified version belongs to the law section, once per article.
INLINE_VERSION = re.compile(r"version non vérifiée|version not verified", re.IGNORECASE)


def _check_no_inline_version(lesson: Lesson, log: ErrorLog) -> None:
    """No "version not verified" in a lesson's text: the law section prints it, once."""
    if INLINE_VERSION.search(lesson_text(lesson)):
        log.add(
            "version-inline",
            lesson_file(lesson),
            "",
            'writes "version non vérifiée" in the text: the law section prints it once '
            "per article; name the article without it",
        )


def _check_translation(catalog: Catalog, lesson: Lesson, log: ErrorLog) -> None:
    """A translation names the source revision it follows, and that revision is current."""
    path = lesson_file(lesson)
    if lesson.lang == catalog.source_language:
        if lesson.source_revision is not None:
            log.add(
                "source-has-revision",
                path,
                "source_revision",
                "only translations carry a source_revision",
            )
        return
    source = catalog.lesson(lesson.module, lesson.tier, catalog.source_language)
    if source is None:
        return
    _check_statements_match(source, lesson, log)
    if lesson.source_revision is None:
        log.add(
            "missing-translation",
            path,
            "source_revision",
            f"is required in a translation: the source is at revision {source.revision}",
        )
    elif lesson.source_revision != source.revision:
        log.add(
            "stale-translation",
            path,
            "source_revision",
            f"stale translation: it follows revision {lesson.source_revision} of "
            f"{lesson_file(source)}, which is now at revision {source.revision}; "
            "review the changes, then update source_revision",
        )


def _check_statements_match(source: Lesson, lesson: Lesson, log: ErrorLog) -> None:
    """A translation declares its source's starter statements: the same ids, in the same
    order, with the same answers (counts are stored by id, whatever the language)."""
    mine = [(s.id, s.answer) for s in lesson.facilitator.statements]
    theirs = [(s.id, s.answer) for s in source.facilitator.statements]
    if mine != theirs:
        log.add(
            "statement-translation",
            lesson_file(lesson),
            "statement",
            f"ids and answers {mine} differ from those of {lesson_file(source)}: {theirs}",
        )


def _check_reading_ease(catalog: Catalog, lesson: Lesson, log: ErrorLog) -> None:
    """The pupil text reads within its tier's band (measured for French)."""
    score = reading_ease(pupil_text(lesson), lesson.lang)
    tier = catalog.tiers.get(lesson.tier)
    if score is None or tier is None:
        return
    low, high = tier.reading_ease
    if not low <= score <= high:
        advice = "shorter sentences and shorter words" if score < low else "fuller sentences"
        log.add(
            "hard-to-read",
            lesson_file(lesson),
            "reading ease",
            f"{score} is outside the band {low}–{high} for tier '{tier.id}': write with {advice}",
        )


def _check_route_reading_ease(catalog: Catalog, log: ErrorLog) -> None:
    """A help route's own text for a tier reads within that tier's band, like its lessons:
    the 119 told to an 11-year-old is short and plain."""
    path = f"jurisdictions/{catalog.jurisdiction.id}.toml"
    for route in catalog.jurisdiction.resources.values():
        for lang, by_tier in route.tiered.items():
            for tier_id, texts in by_tier.items():
                tier, text = catalog.tiers.get(tier_id), texts.get("purpose")
                score = reading_ease(text, lang) if tier and text else None
                if score is None or tier is None:
                    continue
                low, high = tier.reading_ease
                if not low <= score <= high:
                    advice = (
                        "shorter sentences and shorter words" if score < low else "fuller sentences"
                    )
                    log.add(
                        "hard-to-read",
                        path,
                        f"resources.{route.id}.{lang}.tiers.{tier_id}.purpose",
                        f"{score} is outside the band {low}–{high} for tier '{tier_id}': "
                        f"write with {advice}",
                    )
