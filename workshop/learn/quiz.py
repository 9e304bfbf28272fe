"""The quiz: one question a page, an explanation for the answer chosen, a score at the end.

The answers given so far travel in the URL, never on the server: one group of option
numbers per question, `answers=0,13,2` (question 2 answered with options 1 and 3).
"""

from flask import abort, render_template, request
from flask_babel import lazy_gettext as _l

from ..catalog import lesson_or_404
from ..i18n import current_language
from . import bp
from .lesson import page_context

CHOOSE_AN_ANSWER = _l("Choose an answer, then confirm.")
NO_SUCH_ANSWER = _l("This answer is not one of the options. Choose one of them.")
MAX_OPTIONS = 9  # an answer is written as option digits


def parse_answer(text: str, item) -> frozenset[int] | None:
    """Option numbers written as digits ("02"); None if they do not fit the question."""
    # ASCII digits only: "²".isdigit() is true, but int("²") fails.
    if (
        not (text.isascii() and text.isdigit())
        or len(text) > MAX_OPTIONS
        or len(set(text)) != len(text)
    ):
        return None
    answer = frozenset(int(digit) for digit in text)
    if any(index >= len(item.options) for index in answer):
        return None
    if not item.multiple and len(answer) != 1:
        return None
    return answer


def encode(answers) -> str:
    """Answers as they travel in the URL."""
    return ",".join("".join(str(i) for i in sorted(answer)) for answer in answers)


def answers_so_far(quiz, count: int) -> tuple[frozenset[int], ...]:
    """The answers in the URL; a list that does not fit the quiz is a 400."""
    raw = request.args.get("answers", "")
    parts = raw.split(",") if raw else []
    if len(parts) != count:
        abort(400)
    answers = tuple(parse_answer(part, item) for part, item in zip(parts, quiz.items, strict=False))
    if None in answers:
        abort(400)
    return answers


def _item_or_404(lesson, number: int):
    """The quiz item with this 1-based number, or a 404."""
    if not 1 <= number <= len(lesson.quiz.items):
        abort(404)
    return lesson.quiz.items[number - 1]


@bp.get("/<tier>/<module>/quiz/<int:number>")
def question(tier: str, module: str, number: int):
    """A question and its options, as a form that works without JavaScript."""
    lesson = lesson_or_404(module, tier, current_language())
    item = _item_or_404(lesson, number)
    answers = answers_so_far(lesson.quiz, number - 1)
    return _question_page(lesson, number, item, answers, error=None)


@bp.get("/<tier>/<module>/quiz/<int:number>/answer")
def answer(tier: str, module: str, number: int):
    """The explanation for the answer chosen, and the way on."""
    lesson = lesson_or_404(module, tier, current_language())
    item = _item_or_404(lesson, number)
    answers = answers_so_far(lesson.quiz, number - 1)
    choices = request.args.getlist("choice")
    if not choices:
        return _question_page(lesson, number, item, answers, CHOOSE_AN_ANSWER), 400
    chosen = parse_answer("".join(choices), item)
    if chosen is None:
        return _question_page(lesson, number, item, answers, NO_SUCH_ANSWER), 400
    return render_template(
        "learn/answer.html",
        **page_context(lesson, "quiz"),
        number=number,
        total=len(lesson.quiz.items),
        item=item,
        chosen=chosen,
        right=chosen == item.right_answer,
        previous=encode(answers) or None,
        answers=encode(answers + (chosen,)),
    )


@bp.get("/<tier>/<module>/quiz/result")
def result(tier: str, module: str):
    """The score, without judgement, and every question with the right answer."""
    lesson = lesson_or_404(module, tier, current_language())
    answers = answers_so_far(lesson.quiz, len(lesson.quiz.items))
    review = list(zip(lesson.quiz.items, answers, strict=True))
    score = sum(1 for item, chosen in review if chosen == item.right_answer)
    return render_template(
        "learn/result.html",
        **page_context(lesson, "end"),
        review=review,
        score=score,
        total=len(review),
    )


def _question_page(lesson, number: int, item, answers, error):
    """The question form, with an error message next to the options if any."""
    return render_template(
        "learn/question.html",
        **page_context(lesson, "quiz"),
        number=number,
        total=len(lesson.quiz.items),
        item=item,
        answers=encode(answers),
        error=error,
    )
