"""Immutable objects the catalog is made of; requests only read them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from markupsafe import Markup

from .lawdate import LawDate
from .safeguarding import Safeguarding

EMPTY: Mapping = MappingProxyType({})
# The audience of a help route's adult text (Resource.text), beside the tier ids.
ADULT = "adult"


@dataclass(frozen=True)
class Tier:
    """An age tier: its id, ages, labels per language and reading-ease band."""

    id: str
    order: int
    ages: tuple[int, int]
    labels: Mapping[str, str]
    descriptions: Mapping[str, str]
    reading_ease: tuple[float, float]


@dataclass(frozen=True)
class Module:
    """A module (a topic), with its title and summary per language."""

    id: str
    order: int
    titles: Mapping[str, str]
    summaries: Mapping[str, str]


@dataclass(frozen=True)
class Step:
    """One pupil step of a lesson."""

    title: str
    html: Markup


@dataclass(frozen=True)
class PupilText:
    """Everything a pupil may see of a lesson, and nothing else."""

    title: str
    summary: str
    minutes: int
    content_note: Markup
    steps: tuple[Step, ...]
    key_messages: tuple[str, ...]
    what_to_do: Markup
    resources: tuple[str, ...]
    # The same help routes as objects, filled in once the catalog is loaded.
    help_routes: tuple[Resource, ...] = ()


@dataclass(frozen=True)
class PlanItem:
    """One activity of the 55-minute class plan."""

    minutes: int
    title: str
    kind: str
    description: Markup
    slides: tuple[str, ...] = ()  # what the deck projects for it: "welcome", "step-2", ...

    @property
    def is_core(self) -> bool:
        """Whether the activity is kept when time is short."""
        return self.kind == "core"


@dataclass(frozen=True)
class StarterStatement:
    """One starter statement as the lesson declares it (`[[statement]]`): the class answers
    it at the start and again at the end. `id` is stable: counts are stored under it, so
    rewording the text keeps them; `answer` is "true" or "false"."""

    id: str
    text: str
    answer: str


@dataclass(frozen=True)
class Discussion:
    """A discussion prompt and the points the facilitator draws out."""

    prompt: str
    draw_out: tuple[str, ...]


@dataclass(frozen=True)
class FacilitatorNotes:
    """What only the facilitator (and the school head reviewing) may see."""

    objectives: tuple[str, ...]
    plan: tuple[PlanItem, ...]
    discussion: tuple[Discussion, ...]
    sections: Mapping[str, Markup]
    scenario_prompts: Mapping[str, Discussion]
    # The disclosure section without the shared protocol: what this lesson adds to it.
    disclosure_extra: Markup = Markup("")
    # The shared disclosure protocol (content/safeguarding/), in the lesson's language: a
    # session of several lessons prints it once, then each lesson's additions.
    protocol: Markup = Markup("")
    statements: tuple[StarterStatement, ...] = ()

    @property
    def plan_minutes(self) -> int:
        """The length of the class plan in minutes."""
        return sum(item.minutes for item in self.plan)


@dataclass(frozen=True)
class Choice:
    """A choice in a scenario node and where it leads."""

    label: str
    to: str
    feedback: Markup


@dataclass(frozen=True)
class Node:
    """A scenario node: a situation with choices, or an end with help."""

    id: str
    text: Markup
    choices: tuple[Choice, ...] = ()
    help: tuple[str, ...] = ()
    help_routes: tuple[Resource, ...] = ()  # `help` resolved once the catalog is loaded

    @property
    def is_end(self) -> bool:
        """Whether the scenario stops here."""
        return not self.choices


@dataclass(frozen=True)
class Scenario:
    """A branching scenario: a graph of nodes from a start node."""

    title: str
    start: str
    nodes: Mapping[str, Node]

    @property
    def ends(self) -> tuple[Node, ...]:
        """The end nodes, in file order."""
        return tuple(node for node in self.nodes.values() if node.is_end)

    def card_numbers(self) -> dict[str, int]:
        """Each node's number when the scenario is printed as cards, in file order."""
        return {node_id: number for number, node_id in enumerate(self.nodes, start=1)}


@dataclass(frozen=True)
class Option:
    """A quiz option with its explanation."""

    text: str
    correct: bool
    explanation: Markup


@dataclass(frozen=True)
class QuizItem:
    """A quiz question and its options."""

    id: str
    question: str
    options: tuple[Option, ...]

    @property
    def multiple(self) -> bool:
        """Whether several options are right (the pupil ticks every right one)."""
        return sum(option.correct for option in self.options) > 1

    @property
    def right_answer(self) -> frozenset[int]:
        """The indexes of the right options."""
        return frozenset(i for i, option in enumerate(self.options) if option.correct)


@dataclass(frozen=True)
class Quiz:
    """The quiz of a lesson."""

    items: tuple[QuizItem, ...]


@dataclass(frozen=True)
class Lesson:
    """One module for one tier in one language."""

    module: str
    tier: str
    lang: str
    revision: str
    source_revision: str | None
    legal_refs: tuple[str, ...]
    pupil: PupilText
    facilitator: FacilitatorNotes
    scenario: Scenario
    quiz: Quiz
    laws: tuple[LegalRef, ...] = ()  # `legal_refs` resolved once the catalog is loaded

    @property
    def key(self) -> tuple[str, str, str]:
        """(module, tier, lang): how the catalog finds this lesson."""
        return (self.module, self.tier, self.lang)


@dataclass(frozen=True)
class Penalty:
    """One maximum penalty of an article for an adult: one alinéa or one case."""

    kind: str  # "emprisonnement", "réclusion criminelle" or "réclusion criminelle à perpétuité"
    years: int | None  # None for a life sentence or a fine alone
    fine: int | None  # euros
    article: str | None  # when the reference covers several articles
    alinea: int | str | tuple[int, ...] | None
    conditions: Mapping[str, str]  # per language: "si la victime a moins de 15 ans"


@dataclass(frozen=True)
class LegalRef:
    """A legal reference in plain words, with its penalties and the date of its version."""

    id: str
    code: str
    article: str
    law_as_of: LawDate | None  # None: the version is explicitly "not verified"
    source: str
    titles: Mapping[str, str]
    plain: Mapping[str, Markup]
    penalties: tuple[Penalty, ...] = ()
    checked: dt.date | None = None  # the day the entry was last checked against its source

    @property
    def printed_source(self) -> str:
        """The source as printed: without the LEGI database identifiers, which only serve
        whoever checks the entry (they stay in the file)."""
        text = re.sub(
            r"\s*\(LEGI[A-Z]*\d+,?\s*([^)]*)\)",
            lambda m: f" ({m.group(1)})" if m.group(1) else "",
            self.source,
        )
        parts = [p.strip() for p in text.split(";") if not re.search(r"LEGI[A-Z]*\d+", p)]
        return " ; ".join(p for p in parts if p)

    def penalty(self, lang: str) -> str:
        """The printed penalty sentence (adult maxima) in a language, or "" if none."""
        from .penalties import penalty_sentence

        return penalty_sentence(self, lang)


@dataclass(frozen=True)
class Resource:
    """A help or reporting route."""

    id: str
    contact: str
    url: str | None
    help_panel: bool
    names: Mapping[str, str]
    purposes: Mapping[str, str]
    hours: Mapping[str, str]
    phones: tuple[str, ...] = ()  # numbers to call (tel: links), e.g. ("17", "112")
    sms: str | None = None  # a number to text (sms: link)
    # per language: what to write in that text
    sms_texts: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    # per language: the message the sms: link opens with, for the pupil to complete
    sms_bodies: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    # The same route told to someone else. `adult`: lang -> {field: text}, in the staff's and
    # parents' voice ("vous"), for every document written for adults. `tiered`: lang -> tier
    # -> {field: text}, for a pupil of that age where the age changes what to say. A field
    # absent there falls back to the common text (`purposes`, `hours`).
    adult: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: EMPTY)
    tiered: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=lambda: EMPTY)

    def text(self, name: str, lang: str, audience: str | None = None) -> str:
        """The route's "purpose" or "hours" for an audience: "adult", a tier id (a pupil of
        that age), or None (the common pupil text)."""
        common = {"purpose": self.purposes, "hours": self.hours}[name][lang]
        if audience == ADULT:
            return self.adult.get(lang, EMPTY).get(name, common)
        if audience:
            return self.tiered.get(lang, EMPTY).get(audience, EMPTY).get(name, common)
        return common

    def name_parts(self, lang: str) -> tuple[tuple[str, str | None], ...]:
        """The name in pieces, each number to call or text marked ("tel" or "sms"), so
        that the number is a link inside the name and never repeated next to it. A number
        that the name does not contain comes first. A route with no number has its contact
        marked "contact" instead, unless it is reached by its web address."""
        name = self.names[lang]
        numbers = [(number, "tel") for number in self.phones]
        if self.sms:
            numbers.append((self.sms, "sms"))
        if not numbers and (self.contact in name or not self.url):
            # No number to call: the contact, marked "contact", unless a named link says it.
            numbers = [(self.contact, "contact")]
        missing = [
            (number, kind)
            for number, kind in numbers
            if not re.search(rf"(?<!\d){re.escape(number)}(?!\d)", name)
        ]
        parts: list[tuple[str, str | None]] = []
        for number, kind in missing:
            parts += [(number, kind), (" ", None)]
        kinds = dict(numbers)
        if kinds:
            pattern = "|".join(re.escape(number) for number in sorted(kinds, key=len, reverse=True))
            position = 0
            for match in re.finditer(rf"(?<!\d)(?:{pattern})(?!\d)", name):
                if match.start() > position:
                    parts.append((name[position : match.start()], None))
                parts.append((match.group(0), kinds[match.group(0)]))
                position = match.end()
            name = name[position:]
        if name:
            parts.append((name, None))
        return tuple(parts)


@dataclass(frozen=True)
class Jurisdiction:
    """The legal references and help routes of one country."""

    id: str
    name: str
    legal: Mapping[str, LegalRef]
    resources: Mapping[str, Resource]

    @property
    def law_checked(self) -> dt.date | None:
        """The day of the oldest check of a legal entry: the law is current as of then."""
        days = [ref.checked for ref in self.legal.values() if ref.checked]
        return min(days) if days else None

    def stale_law(self, today: dt.date, days: int = 365) -> tuple[LegalRef, ...]:
        """The legal entries last checked more than `days` ago (or never)."""
        return tuple(
            ref
            for ref in self.legal.values()
            if ref.checked is None or (today - ref.checked).days > days
        )

    @property
    def help_panel(self) -> tuple[Resource, ...]:
        """The routes shown in the help panel on every page."""
        return tuple(r for r in self.resources.values() if r.help_panel)


@dataclass(frozen=True)
class Briefing:
    """The school head's briefing text in one language, by section."""

    lang: str
    title: str
    summary: str
    legal_refs: tuple[str, ...]
    sections: Mapping[str, Markup]
    laws: tuple[LegalRef, ...] = ()  # `legal_refs` resolved once the catalog is loaded
    # The parent letter's Markdown, for a session's own letter (briefing.parent_letter).
    letter_source: str = ""


@dataclass(frozen=True)
class SequenceText:
    """The class teacher's texts around the visit in one language, by section
    (content/sequence/<lang>.md: the preparation lesson, the follow-ups' guide, the family
    sheet)."""

    lang: str
    title: str
    summary: str
    sections: Mapping[str, Markup]


@dataclass(frozen=True)
class Catalog:
    """The whole content tree, loaded once."""

    languages: tuple[str, ...]
    source_language: str
    tiers: Mapping[str, Tier]
    modules: Mapping[str, Module]
    lessons: Mapping[tuple[str, str, str], Lesson]
    jurisdiction: Jurisdiction
    briefings: Mapping[str, Briefing]
    revision: str
    sequences: Mapping[str, SequenceText] = field(default_factory=lambda: EMPTY)  # sequence/
    safeguarding: Safeguarding = field(default_factory=Safeguarding)

    def lesson(self, module: str, tier: str, lang: str) -> Lesson | None:
        """The lesson for a module, tier and language, if there is one."""
        return self.lessons.get((module, tier, lang))

    def legal_refs_for(self, lessons) -> list[LegalRef]:
        """The legal references some lessons cite, each once, in the order first cited."""
        first: dict[str, LegalRef] = {}
        for law in (law for lesson in lessons for law in lesson.laws):
            first.setdefault(law.id, law)
        return list(first.values())

    def lessons_for(self, tier: str, lang: str) -> tuple[Lesson, ...]:
        """A tier's lessons in a language, in module order."""
        found = (self.lesson(m, tier, lang) for m in self.modules)
        return tuple(lesson for lesson in found if lesson is not None)
