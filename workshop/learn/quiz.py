"""The quiz: one question a page, an explanation for the answer chosen, a score at the end.

The answers given so far travel in the URL (`answers=0,2,1`), never on the server.
"""

from flask import abort, render_template, request
from flask_babel import lazy_gettext as _l

from ..catalog import lesson_or_404
from ..i18n import current_language
from . import bp
from .lesson import page_context

CHOOSE_AN_ANSWER = _l("Choose one of the answers, then confirm.")
NO_SUCH_ANSWER = _l("This answer is not one of the options. Choose one of them.")


def answers_so_far(quiz, count: int) -> tuple[int, ...]:
    """The answers in the URL; a list that does not fit the quiz is a 400."""
    raw = request.args.get("answers", "")
    parts = raw.split(",") if raw else []
    if len(parts) != count or not all(part.isdigit() and len(part) < 4 for part in parts):
        abort(400)
    answers = tuple(int(part) for part in parts)
    for item, answer in zip(quiz.items, answers):
        if answer >= len(item.options):
            abort(400)
    return answers


def encode(answers) -> str:
    """Answers as they travel in the URL."""
    return ",".join(str(answer) for answer in answers)


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
    choice = request.args.get("choice", "")
    if not choice:
        return _question_page(lesson, number, item, answers, CHOOSE_AN_ANSWER), 400
    if not (choice.isdigit() and int(choice) < len(item.options)):
        return _question_page(lesson, number, item, answers, NO_SUCH_ANSWER), 400
    chosen = int(choice)
    return render_template("learn/answer.html", **page_context(lesson), number=number,
                           total=len(lesson.quiz.items), item=item, chosen=chosen,
                           previous=encode(answers) or None, answers=encode(answers + (chosen,)))


@bp.get("/<tier>/<module>/quiz/result")
def result(tier: str, module: str):
    """The score, without judgement, and every question with the right answer."""
    lesson = lesson_or_404(module, tier, current_language())
    answers = answers_so_far(lesson.quiz, len(lesson.quiz.items))
    review = list(zip(lesson.quiz.items, answers))
    score = sum(1 for item, chosen in review if item.options[chosen].correct)
    return render_template("learn/result.html", **page_context(lesson), review=review,
                           score=score, total=len(review))


def _question_page(lesson, number: int, item, answers, error):
    """The question form, with an error message next to the options if any."""
    return render_template("learn/question.html", **page_context(lesson), number=number,
                           total=len(lesson.quiz.items), item=item, answers=encode(answers),
                           error=error)
