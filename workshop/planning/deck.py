"""The sequence of classroom slides: the session's plan, activity by activity, period by period.

One place builds it for the screen, the presenter view, the PDF, the PowerPoint file and the
offline kit. Each planned activity projects what its `slides` list names (see
docs/content-format.md); every period ends on the help slide. Content too long for one
screen is split here, at build time, onto continued slides: never shrunk on screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from markupsafe import Markup

from .. import vocabulary
from ..catalog.models import Lesson, Node, QuizItem, Step
from ..catalog.statements import Statement, lesson_statements
from .plan import PlanDoesNotFit, PlannedActivity, SessionPlan, plan_session

# What one slide holds, in characters of text: the 16:9 screen at its type size holds about
# 14 lines of 70 characters under a heading. Each block (paragraph, list item, answer box)
# also costs the space around it.
BUDGET = 600
BLOCK_COST = 45
# An answer slide's boxes are in smaller type (0.9em) with short wrong options: more fits.
ANSWER_BUDGET = 800
LIST_BUDGET = 4  # boxed choices, options or consequences on one slide at most
HEADING = 1.8  # a heading's characters take this many times the room of body text
# A quiz slot of n minutes projects n - 1 questions, 4 at most: about a minute each (read the
# options, write on the folded paper, the answer and its explanations) and a minute to hand
# out the paper. The plans ask two to four; the pupils' module keeps the whole quiz.
QUIZ_QUESTIONS = 4


@dataclass(frozen=True)
class Slide:
    """One slide: its kind, its lesson, and what it shows.

    `blocks` are the pieces of Markup it projects (a step's paragraphs, the rules);
    `indices` the choices or options it shows, by their position (letters stay A, B, C…);
    `part`/`parts` number the continued slides of one piece of content.
    """

    number: int
    kind: str
    lesson: Lesson
    node: Node | None = None
    item: QuizItem | None = None
    activity: PlannedActivity | None = None
    period: int = 1
    part: int = 1
    parts: int = 1
    blocks: tuple[Markup, ...] = ()
    indices: tuple[int, ...] = ()
    step: Step | None = None
    statement: Statement | None = None
    contact: str = ""
    first_of_activity: bool = False
    again: bool = False  # the starter statements voted again at the end
    # A scenario's other branches sit after their period's closing slide, off the main line:
    # the presenter's "the class chose B" reaches them, the arrow keys do not walk into them.
    branch: bool = False
    back: int = 0  # on a scenario's slides: the main-line slide after the scenario
    # Where the arrow keys go from here (0: the slide before or after it in the deck).
    go_prev: int = 0
    go_next: int = 0
    key_lines: bool = False  # a long step projected as its key lines (the notes: all of it)

    @property
    def anchor(self) -> str:
        """The slide's id in the page."""
        return f"slide-{self.number}"

    @property
    def title(self) -> str:
        """A short name of what the slide shows (for the PowerPoint outline and tests)."""
        if self.step:
            return self.step.title
        if self.item:
            return self.item.question
        return self.activity.item.title if self.activity else self.lesson.pupil.title


@dataclass
class _Draft:
    kind: str
    lesson: Lesson
    extra: dict = field(default_factory=dict)


def build_deck(
    lessons: tuple[Lesson, ...], plan: SessionPlan | None = None, contact: str = ""
) -> tuple[Slide, ...]:
    """The deck of a session: for each planned activity, in plan order, its slides, and a
    help slide closing every period. Without a plan, the lessons' plans for the shortest
    session that holds their core activities."""
    if plan is None:
        plan = default_plan(lessons)
    drafts: list[_Draft] = []
    started: set[tuple[str, str, str]] = set()
    for period, activities in plan.periods:
        branches: list[_Draft] = []  # this period's scenario branches, after its closing
        for activity in activities:
            start = len(drafts)
            for name in plan_slides(activity.lesson, activity.item) or ("activity",):
                made = _slides_for(name, activity.lesson, activity.item.minutes)
                if name == "starter":
                    for draft in made:
                        draft.extra["again"] = activity.lesson.key in started
                    started.add(activity.lesson.key)
                if name == "scenario":
                    path, others = _one_path(made, activity.lesson)
                    back = len(drafts) + len(path) + 1  # the number of the slide after it
                    for draft in made:
                        draft.extra.update(back=back, activity=activity, period=period)
                    for draft in others:
                        draft.extra["branch"] = True
                    branches += others
                    made = path
                drafts += made
            if len(drafts) == start:
                drafts.append(_Draft("activity", activity.lesson))
            for index, draft in enumerate(drafts[start:]):
                draft.extra.update(activity=activity, period=period, first_of_activity=index == 0)
        last = activities[-1].lesson if activities else plan.activities[-1].lesson
        drafts.append(
            _Draft(
                "closing",
                last,
                {
                    "period": period,
                    "contact": contact,
                    "activity": activities[-1] if activities else None,
                },
            )
        )
        if branches:
            # A page that says what follows, for whoever leafs through the PDF or PowerPoint.
            divider = {"period": period, "branch": True, "activity": branches[0].extra["activity"]}
            drafts.append(_Draft("branches", branches[0].lesson, divider))
        drafts += branches
    deck = tuple(
        Slide(number, draft.kind, draft.lesson, **draft.extra)
        for number, draft in enumerate(drafts, start=1)
    )
    return _with_flow(deck)


def default_plan(lessons: tuple[Lesson, ...]) -> SessionPlan:
    """The plan of the shortest session (in whole periods) that holds these lessons."""
    core = sum(
        item.minutes for lesson in lessons for item in lesson.facilitator.plan if item.is_core
    )
    periods = next(
        (n for n in vocabulary.SESSION_PERIODS if n * vocabulary.PERIOD_MINUTES >= max(core, 1)),
        vocabulary.SESSION_PERIODS[-1],
    )
    return plan_session(lessons, periods * vocabulary.PERIOD_MINUTES)


def session_plan(lessons: tuple[Lesson, ...], choices) -> SessionPlan:
    """A session's plan for its length; a session too short for its lessons (a document
    asked for the lessons alone) gets the shortest one that holds them."""
    try:
        return plan_session(lessons, choices.minutes)
    except PlanDoesNotFit:
        return default_plan(lessons)


def session_deck(lessons: tuple[Lesson, ...], choices) -> tuple[Slide, ...]:
    """The one deck of a session, for the projected window, the presenter view, the slides
    PDF, the PowerPoint file and the offline kit: its plan, with the school's contact on the
    help slides."""
    return build_deck(lessons, session_plan(lessons, choices), contact=choices.safeguarding_contact)


def situation_slides(deck: tuple[Slide, ...]) -> dict[tuple[str, str], int]:
    """For each (module, node), the number of the first slide that shows it."""
    found: dict[tuple[str, str], int] = {}
    for s in deck:
        if s.kind == "situation" and s.node is not None:
            found.setdefault((s.lesson.module, s.node.id), s.number)
    return found


def choice_slides(deck: tuple[Slide, ...]) -> dict[tuple[str, str, int], int]:
    """For each (module, node, choice index), the slide that shows what that choice leads to."""
    return {
        (s.lesson.module, s.node.id, s.indices[0]): s.number
        for s in deck
        if s.kind == "consequences" and s.node is not None
    }


def main_line(deck: tuple[Slide, ...]) -> list[int]:
    """The numbers of the slides a class sees in order (a scenario along one path), without
    the other branches."""
    return [s.number for s in deck if not s.branch]


def period_ends(deck: tuple[Slide, ...]) -> list[int]:
    """The numbers of the slides that close a period."""
    return [s.number for s in deck if s.kind == "closing"]


def plan_slides(lesson: Lesson, item) -> tuple[str, ...]:
    """The names of what the deck projects for one of the lesson's plan items: its declared
    `slides` (`workshop check` requires them on every item)."""
    return item.slides


# What each name of a plan item's `slides` list projects.


def _slides_for(name: str, lesson: Lesson, minutes: int = 5) -> list[_Draft]:
    if name == "welcome":
        rules = _blocks(_first_list(lesson.facilitator.sections["ground-rules"]))
        if sum(_block_weight(b) for b in rules) > BUDGET:
            # The rules to leave on the board: their bold names fit one slide; the presenter
            # says each in full (the notes).
            rules = _blocks(_key_lines(_first_list(lesson.facilitator.sections["ground-rules"])))
        return [_Draft("title", lesson)] + _parts("rules", lesson, rules, budget=BUDGET)
    if name == "starter":
        statements = lesson_statements(lesson)
        return [_Draft("starter", lesson, {"statement": s}) for s in statements]
    if name.startswith("step-"):
        number = int(name.removeprefix("step-"))
        if number > len(lesson.pupil.steps):
            return []
        step = lesson.pupil.steps[number - 1]
        blocks = _blocks(step.html)
        if sum(_block_weight(b) for b in blocks) <= BUDGET:
            return _parts("step", lesson, blocks, budget=BUDGET, step=step)
        # A step longer than a screen would run over several slides of prose the class
        # cannot read while the presenter talks: the slide shows its key lines (each
        # paragraph's first sentence, each point's bold lead), the presenter reads it all
        # from the notes, and the pupils' pages and the pack keep the whole text.
        lines = _blocks(_key_lines(step.html))
        return _parts("step", lesson, lines, budget=BUDGET, step=step, key_lines=True)
    if name == "scenario":
        return _scenario(lesson)
    if name == "quiz":
        return _quiz(lesson, lesson.quiz.items[: max(1, min(QUIZ_QUESTIONS, minutes - 1))])
    if name == "what-to-do":
        return _parts("what-to-do", lesson, _blocks(lesson.pupil.what_to_do), budget=BUDGET)
    if name == "messages":
        return [_Draft("messages", lesson)]
    return [_Draft("activity", lesson)]  # "activity": the activity's title alone


def _quiz(lesson: Lesson, items) -> list[_Draft]:
    """Each question with all its options on one slide, then its answer."""
    drafts = []
    for item in items:
        # The question is a heading: its type is larger, so it takes more room.
        head = HEADING * _weight(item.question) + BLOCK_COST
        # A question and all its options on one slide: the class reads them together.
        drafts.append(
            _Draft("question", lesson, {"item": item, "indices": tuple(range(len(item.options)))})
        )
        # Then the answer: every option marked right or wrong, the right ones explained;
        # the presenter reads every explanation from the notes (the plan asks for it).
        drafts += _list_parts(
            "answer",
            lesson,
            [_weight(o.text) + (_weight(o.explanation) if o.correct else 0) for o in item.options],
            head=head,
            budget=ANSWER_BUDGET,
            item=item,
        )
    return drafts


def _scenario(lesson: Lesson) -> list[_Draft]:
    drafts = []
    for node in lesson.scenario.nodes.values():
        text = _blocks(node.text)
        if node.choices:
            choices = [_weight(c.label) for c in node.choices]
            text_weight = sum(_block_weight(b) for b in text)
            if (
                text_weight + sum(choices) + BLOCK_COST * len(choices) <= BUDGET
                and len(choices) <= LIST_BUDGET
            ):
                drafts.append(
                    _Draft(
                        "situation",
                        lesson,
                        {
                            "node": node,
                            "blocks": tuple(text),
                            "indices": tuple(range(len(node.choices))),
                        },
                    )
                )
            else:
                story = _parts("situation", lesson, text, budget=BUDGET, node=node)
                tail = sum(_block_weight(b) for b in story[-1].extra["blocks"])
                if (
                    tail + sum(choices) + BLOCK_COST * len(choices) <= BUDGET
                    and len(choices) <= LIST_BUDGET
                ):
                    # The story's last lines and the vote fit together: one slide less.
                    story[-1].extra["indices"] = tuple(range(len(node.choices)))
                    votes = []
                else:
                    votes = _list_parts("situation", lesson, choices, head=60, node=node)
                for draft in votes:
                    draft.extra["blocks"] = ()
                drafts += _renumber(story + votes)
            # What each choice leads to, one slide a choice: the presenter shows the class's
            # choice only (the presenter view's "the class chose B"), then follows its branch.
            drafts += [
                _Draft("consequences", lesson, {"node": node, "indices": (index,)})
                for index in range(len(node.choices))
            ]
        else:
            help_cost = 70 * len(node.help)
            drafts += _parts(
                "situation", lesson, text, budget=BUDGET, node=node, last_cost=help_cost
            )
    return drafts


def _one_path(drafts: list[_Draft], lesson: Lesson) -> tuple[list[_Draft], list[_Draft]]:
    """A scenario's slides split in two: the path the arrow keys walk (from the start card,
    each card's default choice: the one down the longest path, so that the main line counts
    the most a class can see) and every other slide."""
    nodes = lesson.scenario.nodes
    default = _default_choices(drafts, lesson)
    on_path: set[tuple[str, int | None]] = set()
    node_id: str | None = lesson.scenario.start
    while node_id is not None and (node_id, None) not in on_path:
        on_path.add((node_id, None))
        index = default.get(node_id)
        if index is None:
            break
        on_path.add((node_id, index))
        node_id = nodes[node_id].choices[index].to
    path: list[_Draft] = []
    others: list[_Draft] = []
    for draft in drafts:
        node = draft.extra["node"]
        key = (node.id, draft.extra["indices"][0] if draft.kind == "consequences" else None)
        (path if key in on_path else others).append(draft)
    return path, others


def _default_choices(drafts: list[_Draft], lesson: Lesson) -> dict[str, int]:
    """For each card with choices, the choice that leads down the most slides."""
    own: dict[str, int] = {}
    for draft in drafts:
        if draft.kind == "situation":
            own[draft.extra["node"].id] = own.get(draft.extra["node"].id, 0) + 1
    nodes = lesson.scenario.nodes
    longest: dict[str, int] = {}
    default: dict[str, int] = {}

    def walk(node_id: str, seen: frozenset) -> int:
        if node_id in longest:
            return longest[node_id]
        node = nodes[node_id]
        after = [
            (1 + walk(choice.to, seen | {node_id}) if choice.to not in seen else 1, -index)
            for index, choice in enumerate(node.choices)
        ]
        best = max(after, default=(0, 0))
        if node.choices:
            default[node_id] = -best[1]
        longest[node_id] = own.get(node_id, 0) + best[0]
        return longest[node_id]

    for node_id in nodes:
        walk(node_id, frozenset())
    return default


def _with_flow(deck: tuple[Slide, ...]) -> tuple[Slide, ...]:
    """Each slide with where the arrow keys take it: along the main line; in a branch, from a
    card to the consequence of its default choice, from a consequence to the card it leads
    to, from an ending back to the main line after the scenario."""
    main = main_line(deck)
    after = dict(zip(main, main[1:], strict=False))
    before = dict(zip(main[1:], main, strict=False))
    cards = situation_slides(deck)
    leads = choice_slides(deck)
    default: dict[tuple[str, str], int] = {}
    for lesson in {s.lesson.key: s.lesson for s in deck if s.kind == "situation"}.values():
        for node_id, index in _default_choices(_scenario(lesson), lesson).items():
            default[(lesson.module, node_id)] = index
    arrivals: dict[int, int] = {}  # a card's first slide: a consequence slide that leads to it
    for slide in deck:
        if slide.kind == "consequences" and slide.node is not None:
            to = slide.node.choices[slide.indices[0]].to
            arrivals.setdefault(cards[(slide.lesson.module, to)], slide.number)
    flowing = []
    for slide in deck:
        go_next = after.get(slide.number, 0)
        go_prev = before.get(slide.number, 0)
        if slide.kind == "consequences" and slide.node is not None:
            go_next = cards[(slide.lesson.module, slide.node.choices[slide.indices[0]].to)]
            go_prev = next(
                s.number
                for s in deck
                if s.kind == "situation" and s.node is slide.node and slide.indices[0] in s.indices
            )
        elif slide.kind == "situation" and slide.node is not None:
            if slide.part < slide.parts:
                go_next = slide.number + 1
            elif slide.node.choices:
                module, node_id = slide.lesson.module, slide.node.id
                go_next = leads[(module, node_id, default[(module, node_id)])]
            else:
                go_next = slide.back or go_next
            if slide.part > 1:
                go_prev = slide.number - 1
            elif slide.branch or slide.node.id != slide.lesson.scenario.start:
                go_prev = arrivals.get(slide.number, go_prev)
        flowing.append(replace(slide, go_next=go_next, go_prev=go_prev))
    return tuple(flowing)


# Splitting long content onto continued slides.


def _parts(
    kind: str, lesson: Lesson, blocks: list[Markup], budget: int, last_cost: int = 0, **extra
) -> list[_Draft]:
    """Blocks of Markup packed into as few slides as the budget allows."""
    chunks: list[list[Markup]] = [[]]
    used = 0
    queue = list(blocks)
    while queue:
        block = queue.pop(0)
        cost = _block_weight(block)
        if chunks[-1] and used + cost > budget:
            # A list runs on from the slide it starts on: its first points fill that slide.
            head, rest = _split_list(block, budget - used)
            if head is not None:
                chunks[-1].append(head)
                queue.insert(0, rest)
            chunks.append([])
            used = 0
            if head is not None:
                continue
        chunks[-1].append(block)
        used += cost
    if last_cost and chunks[-1] and used + last_cost > budget:
        chunks.append([])
    return _renumber([_Draft(kind, lesson, {**extra, "blocks": tuple(chunk)}) for chunk in chunks])


def _list_parts(
    kind: str, lesson: Lesson, weights: list[int], head: float, budget: int = BUDGET, **extra
) -> list[_Draft]:
    """Boxed items (choices, options) spread over slides: each slide holds what fits."""
    chunks: list[list[int]] = [[]]
    used = head
    for index, weight in enumerate(weights):
        cost = weight + BLOCK_COST
        if chunks[-1] and (used + cost > budget or len(chunks[-1]) >= LIST_BUDGET):
            chunks.append([])
            used = head
        chunks[-1].append(index)
        used += cost
    return _renumber([_Draft(kind, lesson, {**extra, "indices": tuple(chunk)}) for chunk in chunks])


def _renumber(drafts: list[_Draft]) -> list[_Draft]:
    for part, draft in enumerate(drafts, start=1):
        draft.extra.update(part=part, parts=len(drafts))
    return drafts


TAG = re.compile(r"<[^>]+>")


def _weight(html) -> int:
    """Characters of text in some Markup or plain text."""
    return len(TAG.sub("", str(html or "")).strip())


def _block_weight(block: Markup) -> int:
    items = str(block).count("<li")
    return _weight(block) + BLOCK_COST * max(1, items)


class _TopLevel(HTMLParser):
    """Splits rendered Markdown into its top-level blocks (paragraphs, lists, headings)."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html, self.depth = html, 0
        self.starts: int | None = None
        self.spans: list[tuple[int, int]] = []
        self.lines = [0]
        for line in html.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.depth == 0:
            self.starts = self._offset()
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        self.depth -= 1
        if self.depth == 0 and self.starts is not None:
            end = self.html.index(">", self._offset()) + 1
            self.spans.append((self.starts, end))
            self.starts = None


LIST_ITEM = re.compile(r"<li>.*?</li>", re.DOTALL)


def _blocks(html: Markup) -> list[Markup]:
    """Top-level blocks of some Markup; a list too long for one slide becomes several lists
    (an ordered list keeps its numbering)."""
    text = str(html or "")
    spans = _TopLevel(text).spans if text.strip() else []
    blocks = [text[a:b] for a, b in spans] or ([text] if text.strip() else [])
    out: list[Markup] = []
    for block in blocks:
        tag = block[1:3]
        if tag in ("ul", "ol") and _block_weight(Markup(block)) > BUDGET:
            items, start = LIST_ITEM.findall(block), 1
            chunk: list[str] = []
            for item in items:
                if chunk and _block_weight(Markup("".join(chunk + [item]))) > BUDGET - 60:
                    out.append(_list(tag, chunk, start))
                    start += len(chunk)
                    chunk = []
                chunk.append(item)
            if chunk:
                out.append(_list(tag, chunk, start))
        else:
            out.append(Markup(block))
    return out


SENTENCE_END = re.compile(r"[.!?…](?:\s*»)?(?=\s+[«\"A-ZÀ-ÖØ-Þ<])")
INLINE = re.compile(r"<(/?)(strong|em|a|span|code|b|i)\b[^>]*>")
LEAD = re.compile(r"^\s*(<strong>.*?</strong>)", re.DOTALL)
SHORT = 40  # a first sentence shorter than this (or a question) takes the next one with it


def _key_lines(html: Markup) -> Markup:
    """Each top-level paragraph cut to its first sentence, each list item to its bold lead
    (or its first sentence): what a slide shows of a long step."""
    out: list[str] = []
    whole = str(html or "")
    spans = _TopLevel(whole).spans if whole.strip() else []
    for text in (whole[a:b] for a, b in spans):
        tag = text[1:3]
        if tag in ("ul", "ol"):
            opening = text[: text.index(">") + 1]
            items = [
                "<li>" + (_lead(item[4:-5]) or _first_sentences(item[4:-5])) + "</li>"
                for item in LIST_ITEM.findall(text)
            ]
            out.append(opening + "".join(items) + f"</{tag}>")
        elif text.startswith("<p>") and text.endswith("</p>"):
            out.append("<p>" + _first_sentences(text[3:-4]) + "</p>")
        else:
            out.append(text)
    return Markup("\n".join(out))


def _lead(html: str) -> str:
    """A list item's bold lead, when it opens the item and stands alone (a sentence of its
    own, "Respect.", or long enough: not "Parles-en" cut from "… à un adulte")."""
    match = LEAD.match(html)
    if not match:
        return ""
    text = TAG.sub("", match.group(1)).strip()
    return match.group(1) if len(text) >= 10 or text.endswith((".", "?", "!", ":")) else ""


def _first_sentences(html: str) -> str:
    """The first sentence of some inline Markup (two when the first is short), cut only
    where no inline tag is open."""
    for match in SENTENCE_END.finditer(html):
        cut = match.end()
        head = html[:cut]
        opened = sum(1 if not m.group(1) else -1 for m in INLINE.finditer(head))
        question = TAG.sub("", head).rstrip(" »\u00a0\u202f").endswith("?")
        if opened == 0 and len(TAG.sub("", head).strip()) >= SHORT and not question:
            return head
    return html


LIST_START = re.compile(r'^<(ul|ol)(?: start="(\d+)")?>')


def _split_list(block: Markup, room: int) -> tuple[Markup | None, Markup]:
    """A list's first points that fit in `room`, and the rest of it (None: not a list, or
    not even its first point fits)."""
    match = LIST_START.match(str(block))
    items = LIST_ITEM.findall(str(block))
    if not match or len(items) < 2:
        return None, block
    tag, start = match.group(1), int(match.group(2) or 1)
    taken = 0
    while taken < len(items) - 1 and _block_weight(Markup("".join(items[: taken + 1]))) <= room:
        taken += 1
    if not taken:
        return None, block
    return _list(tag, items[:taken], start), _list(tag, items[taken:], start + taken)


def _list(tag: str, items: list[str], start: int) -> Markup:
    opening = f'<ol start="{start}">' if tag == "ol" and start != 1 else f"<{tag}>"
    return Markup(opening + "".join(items) + f"</{tag}>")


FIRST_LIST = re.compile(r"<(ul|ol)>.*?</\1>", re.DOTALL)


def _first_list(html: Markup) -> Markup:
    match = FIRST_LIST.search(str(html))
    return Markup(match.group(0)) if match else html
