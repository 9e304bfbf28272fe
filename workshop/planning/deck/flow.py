"""Where the arrow keys go: the main line, a scenario's default path and its branches."""

from __future__ import annotations

from dataclasses import replace

from ...catalog.models import Lesson
from .kinds import _scenario
from .slide import Closing, Consequences, Situation, Slide, _Draft


def situation_slides(deck: tuple[Slide, ...]) -> dict[tuple[str, str], int]:
    """For each (module, node), the number of the first slide that shows it."""
    found: dict[tuple[str, str], int] = {}
    for s in deck:
        if isinstance(s, Situation):
            found.setdefault((s.lesson.module, s.node.id), s.number)
    return found


def choice_slides(deck: tuple[Slide, ...]) -> dict[tuple[str, str, int], int]:
    """For each (module, node, choice index), the slide that shows what that choice leads to."""
    return {
        (s.lesson.module, s.node.id, s.indices[0]): s.number
        for s in deck
        if isinstance(s, Consequences)
    }


def main_line(deck: tuple[Slide, ...]) -> list[int]:
    """The numbers of the slides a class sees in order (a scenario along one path), without
    the other branches."""
    return [s.number for s in deck if not s.branch]


def period_ends(deck: tuple[Slide, ...]) -> list[int]:
    """The numbers of the slides that close a period."""
    return [s.number for s in deck if isinstance(s, Closing)]


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
        key = (node.id, draft.extra["indices"][0] if draft.cls is Consequences else None)
        (path if key in on_path else others).append(draft)
    return path, others


def _default_choices(drafts: list[_Draft], lesson: Lesson) -> dict[str, int]:
    """For each card with choices, the choice that leads down the most slides."""
    own: dict[str, int] = {}
    for draft in drafts:
        if draft.cls is Situation:
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
    for lesson in {s.lesson.key: s.lesson for s in deck if isinstance(s, Situation)}.values():
        for node_id, index in _default_choices(_scenario(lesson), lesson).items():
            default[(lesson.module, node_id)] = index
    arrivals: dict[int, int] = {}  # a card's first slide: a consequence slide that leads to it
    for slide in deck:
        if isinstance(slide, Consequences):
            to = slide.node.choices[slide.indices[0]].to
            arrivals.setdefault(cards[(slide.lesson.module, to)], slide.number)
    flowing = []
    for slide in deck:
        go_next = after.get(slide.number, 0)
        go_prev = before.get(slide.number, 0)
        if isinstance(slide, Consequences):
            go_next = cards[(slide.lesson.module, slide.node.choices[slide.indices[0]].to)]
            go_prev = next(
                s.number
                for s in deck
                if isinstance(s, Situation)
                and s.node is slide.node
                and slide.indices[0] in s.indices
            )
        elif isinstance(slide, Situation):
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
