"""Long content split onto continued slides: what a slide holds, in characters, and the
blocks of rendered Markdown it is cut into (never shrunk on screen)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markupsafe import Markup

from ...catalog.models import Lesson
from .slide import Slide, _Draft

# What one slide holds, in characters of text: the 16:9 screen at its type size holds about
# 14 lines of 70 characters under a heading. Each block (paragraph, list item, answer box)
# also costs the space around it.
BUDGET = 600
BLOCK_COST = 45
# An answer slide's boxes are in smaller type (0.9em) with short wrong options: more fits.
ANSWER_BUDGET = 800
LIST_BUDGET = 4  # boxed choices, options or consequences on one slide at most
HEADING = 1.8  # a heading's characters take this many times the room of body text


def _parts(
    cls: type[Slide],
    lesson: Lesson,
    blocks: list[Markup],
    budget: int,
    last_cost: int = 0,
    **extra,
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
    return _renumber([_Draft(cls, lesson, {**extra, "blocks": tuple(chunk)}) for chunk in chunks])


def _list_parts(
    cls: type[Slide],
    lesson: Lesson,
    weights: list[int],
    head: float,
    budget: int = BUDGET,
    **extra,
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
    return _renumber([_Draft(cls, lesson, {**extra, "indices": tuple(chunk)}) for chunk in chunks])


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
