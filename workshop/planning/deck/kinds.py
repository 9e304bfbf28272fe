"""What each name of a plan item's `slides` list projects: the drafts of its slides."""

from __future__ import annotations

from ...catalog.models import Lesson
from ...catalog.statements import lesson_statements
from .slide import (
    ActivitySlide,
    Answer,
    Consequences,
    Messages,
    Question,
    Rules,
    Situation,
    Starter,
    StepSlide,
    Title,
    WhatToDo,
    _Draft,
)
from .split import (
    ANSWER_BUDGET,
    BLOCK_COST,
    BUDGET,
    HEADING,
    LIST_BUDGET,
    _block_weight,
    _blocks,
    _first_list,
    _key_lines,
    _list_parts,
    _parts,
    _renumber,
    _weight,
)

# A quiz slot of n minutes projects n - 1 questions, 4 at most: about a minute each (read the
# options, write on the folded paper, the answer and its explanations) and a minute to hand
# out the paper. The plans ask two to four; the pupils' module keeps the whole quiz.
QUIZ_QUESTIONS = 4


def _slides_for(name: str, lesson: Lesson, minutes: int = 5) -> list[_Draft]:
    if name == "welcome":
        rules = _blocks(_first_list(lesson.facilitator.sections["ground-rules"]))
        if sum(_block_weight(b) for b in rules) > BUDGET:
            # The rules to leave on the board: their bold names fit one slide; the presenter
            # says each in full (the notes).
            rules = _blocks(_key_lines(_first_list(lesson.facilitator.sections["ground-rules"])))
        return [_Draft(Title, lesson)] + _parts(Rules, lesson, rules, budget=BUDGET)
    if name == "starter":
        statements = lesson_statements(lesson)
        return [_Draft(Starter, lesson, {"statement": s}) for s in statements]
    if name.startswith("step-"):
        number = int(name.removeprefix("step-"))
        if number > len(lesson.pupil.steps):
            return []
        step = lesson.pupil.steps[number - 1]
        blocks = _blocks(step.html)
        if sum(_block_weight(b) for b in blocks) <= BUDGET:
            return _parts(StepSlide, lesson, blocks, budget=BUDGET, step=step)
        # A step longer than a screen would run over several slides of prose the class
        # cannot read while the presenter talks: the slide shows its key lines (each
        # paragraph's first sentence, each point's bold lead), the presenter reads it all
        # from the notes, and the pupils' pages and the pack keep the whole text.
        lines = _blocks(_key_lines(step.html))
        return _parts(StepSlide, lesson, lines, budget=BUDGET, step=step, key_lines=True)
    if name == "scenario":
        return _scenario(lesson)
    if name == "quiz":
        return _quiz(lesson, lesson.quiz.items[: max(1, min(QUIZ_QUESTIONS, minutes - 1))])
    if name == "what-to-do":
        return _parts(WhatToDo, lesson, _blocks(lesson.pupil.what_to_do), budget=BUDGET)
    if name == "messages":
        return [_Draft(Messages, lesson)]
    return [_Draft(ActivitySlide, lesson)]  # "activity": the activity's title alone


def _quiz(lesson: Lesson, items) -> list[_Draft]:
    """Each question with all its options on one slide, then its answer."""
    drafts = []
    for item in items:
        # The question is a heading: its type is larger, so it takes more room.
        head = HEADING * _weight(item.question) + BLOCK_COST
        # A question and all its options on one slide: the class reads them together.
        drafts.append(
            _Draft(Question, lesson, {"item": item, "indices": tuple(range(len(item.options)))})
        )
        # Then the answer: every option marked right or wrong, the right ones explained;
        # the presenter reads every explanation from the notes (the plan asks for it).
        drafts += _list_parts(
            Answer,
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
                        Situation,
                        lesson,
                        {
                            "node": node,
                            "blocks": tuple(text),
                            "indices": tuple(range(len(node.choices))),
                        },
                    )
                )
            else:
                story = _parts(Situation, lesson, text, budget=BUDGET, node=node)
                tail = sum(_block_weight(b) for b in story[-1].extra["blocks"])
                if (
                    tail + sum(choices) + BLOCK_COST * len(choices) <= BUDGET
                    and len(choices) <= LIST_BUDGET
                ):
                    # The story's last lines and the vote fit together: one slide less.
                    story[-1].extra["indices"] = tuple(range(len(node.choices)))
                    votes = []
                else:
                    votes = _list_parts(Situation, lesson, choices, head=60, node=node)
                for draft in votes:
                    draft.extra["blocks"] = ()
                drafts += _renumber(story + votes)
            # What each choice leads to, one slide a choice: the presenter shows the class's
            # choice only (the presenter view's "the class chose B"), then follows its branch.
            drafts += [
                _Draft(Consequences, lesson, {"node": node, "indices": (index,)})
                for index in range(len(node.choices))
            ]
        else:
            help_cost = 70 * len(node.help)
            drafts += _parts(Situation, lesson, text, budget=BUDGET, node=node, last_cost=help_cost)
    return drafts
