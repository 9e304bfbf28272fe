"""Every content rule that `workshop check` enforces, by code.

Each error the catalog reports carries one of these codes, and each code has a broken
fixture under tests/fixtures/broken/ that proves the rule fires (a test fails when a code
is added without one). A code's text says what the rule asks for, for the README and for
anyone reading a report.
"""

from __future__ import annotations

from types import MappingProxyType

RULES = MappingProxyType(
    {
        # Files and fields (schema.py, files.py)
        "file-missing": "a file the tree needs is missing",
        "file-format": "a file is not valid TOML, or a lesson's front matter or sections are "
        "malformed",
        "field-required": "a required field is absent",
        "field-type": "a field has the wrong type (string, number, list, table, true/false)",
        "field-empty": "a text field is empty",
        "field-range": "a number is outside its allowed range",
        "field-unknown": "a field the format does not know (usually a typo)",
        "field-date": "a law date is not a TOML date",
        "table-type": "a value that must be a table is not one",
        # Tree and tiers (loader.py)
        "module-none": "the tree has no module",
        "language-unknown": "a lesson folder names a language the app does not serve",
        "tier-unknown": "a lesson names a tier that tiers.toml does not define",
        "tier-band": "a tier's reading-ease band is not [low, high]",
        "lesson-missing": "a module lacks a lesson for some tier in some language",
        # Lessons (lessons.py)
        "step-title": "a step has no title",
        "step-count": "a lesson has 3 to 5 steps",
        "section-unknown": "a '::: section' marker the format does not know",
        "section-required": "a section that must appear exactly once is missing or repeated",
        "section-empty": "a required section is empty",
        "key-messages": "a lesson has exactly 3 key messages",
        "plan-kind": "a plan activity is core or optional",
        "plan-no-slides": "every plan activity says what the deck projects for it (`slides`)",
        "plan-slides": "a plan activity's slides are known names or step-N",
        "statement-id": "a starter statement has an id (lowercase, digits, hyphens), used once",
        "statement-answer": 'a starter statement has its expected answer, "true" or "false"',
        "statement-translation": "a translation's starter statements have its source's ids "
        "and answers, in the same order",
        # Scenarios
        "scenario-nodes": "a scenario has a table of nodes",
        "scenario-start": "the start names a node",
        "end-has-choices": "an end has no choices",
        "node-choices": "a node that is not an end has at least 2 choices",
        "end-without-help": "every end leads to help",
        "dangling-choice": "every choice leads to an existing node",
        "unreachable-node": "every node is reachable from the start",
        "dead-end": "an end can be reached from every node",
        "scenario-too-small": "a scenario has at least 2 decision points and 3 ends",
        # Quizzes
        "quiz-options": "a question has at least 2 options",
        "quiz-no-correct": "a question has at least one correct option",
        "quiz-size": "a quiz has 4 to 6 items",
        "quiz-duplicate-id": "quiz item ids are distinct",
        # Class plan
        "plan-does-not-add-up": "a lesson's plan adds up to one class period",
        "plan-no-core": "a plan has at least one core activity",
        # References and law
        "unknown-legal-ref": "a legal reference names an article the jurisdiction defines",
        "unknown-resource": "a help route names a resource the jurisdiction defines",
        "uncited-article": "an article number in the text is one of the lesson's legal_refs",
        "undefined-article": "an article number in the text is defined by the jurisdiction",
        "jurisdiction-table": "the jurisdiction has its legal and resources tables",
        "resource-url": "a resource's address is https://",
        "help-panel-empty": "at least one resource is shown in the help panel",
        "resource-tier-text": "a help route's own text for a tier names a known tier, and is "
        "given in every language",
        "adult-voice": "a help route's adult text (staff, parents) never speaks to the pupil "
        '("tu", "ton", "t\'")',
        # The law, exact and checked (jurisdiction.py, penalties.py, legal_checks.py)
        "law-version": "a legal reference gives the day its version came into force (not a year, "
        'not in the future), or says "not verified"',
        "law-source": "a legal reference's source is Légifrance or an official site, never a blog "
        "or law firm",
        "law-penalty": "a penalty has years (or life) or a fine, a known kind of imprisonment, "
        "and a condition in each language when it is not the base case",
        "typed-penalty": "a lesson or the briefing never types a penalty: it writes [[penalty:ID]]",
        "penalty-ref": "a [[penalty:ID]] names a legal reference that has penalties",
        "penalty-uncited": "a [[penalty:ID]] names one of the lesson's (or briefing's) legal_refs",
        "draft-hedge": "no printed text carries a draft hedge "
        '("selon nos sources", "à vérifier", "TODO"…)',
        # Translations and reading
        "missing-translation": "a translation records the source revision it follows",
        "stale-translation": "a translation follows the current revision of its source",
        "source-has-revision": "only translations carry a source_revision",
        "hard-to-read": "the pupil text reads within its tier's band",
        "escaped-quote": 'no shown text prints a backslash before a quotation mark (\\" '
        "belongs in TOML strings, never in Markdown)",
        # Safeguarding written once (safeguarding.py, validate.py)
        "safeguard-protocol": "a lesson's disclosure section holds the shared protocol "
        "([[protocol]])",
        "safeguard-copy": "a lesson or the briefing never writes its own version of a shared "
        "safeguarding rule or of the protocol (a rule's known phrases, blocking before telling "
        "an adult, evidence kept 'but not the photo', a 'nobody' rule that forbids only "
        "demanding): it writes [[rule:ID]] or [[protocol]]",
        "safeguard-unknown": "a [[rule:ID]] names a rule of the safeguarding file, which has a "
        "text for every tier",
        "adult-rule-qualifier": "the rule that an adult never has the right to ask carries no "
        'qualifier ("en secret", "en privé", "in secret", "in private")',
        "flat-sub-list": "a sub-list is indented 4 spaces, so that it does not render as one "
        "flat paragraph",
        "no-suicide-line": "a lesson on intimate images or sextortion names the suicide-"
        "prevention line 3114",
        "quiz-answer-position": "no answer position holds more than half of a quiz's right answers",
        "quiz-answer-sequence": "two quizzes of one language never have their right answers in "
        "the same order",
        "version-inline": 'a lesson never writes "version non vérifiée": the law section '
        "prints it once per article",
        "law-checked": "a legal reference gives the day it was last checked against its source",
        # Briefing
        "briefing-section": "the briefing has each of its sections once, and no other",
        "unknown-placeholder": "the briefing and the sequence texts use only known session "
        "placeholders",
        "sequence-section": "the class teacher's texts (content/sequence/<lang>.md) have each of "
        "their sections once, a family section per tier, and no other",
    }
)
