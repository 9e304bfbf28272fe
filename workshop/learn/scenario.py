"""The scenario player: a situation, its choices, the feedback, and where it leads."""

from flask import abort, render_template

from ..catalog import lesson_or_404
from ..i18n import current_language
from . import bp
from .lesson import page_context


def node_or_404(lesson, node_id: str):
    """A node of this lesson's scenario, or a 404 (a node of another scenario included)."""
    node = lesson.scenario.nodes.get(node_id)
    if node is None:
        abort(404)
    return node


@bp.get("/<tier>/<module>/scenario/<node>")
def situation(tier: str, module: str, node: str):
    """A situation and its choices, or an end with the help routes."""
    lesson = lesson_or_404(module, tier, current_language())
    found = node_or_404(lesson, node)
    return render_template(
        "learn/situation.html",
        **page_context(lesson, "scenario"),
        scenario=lesson.scenario,
        node=found,
        featured_help=found.help_routes,
    )


@bp.get("/<tier>/<module>/scenario/<node>/<int:choice>")
def consequence(tier: str, module: str, node: str, choice: int):
    """The feedback for the choice made, with a way back to try another."""
    lesson = lesson_or_404(module, tier, current_language())
    found = node_or_404(lesson, node)
    if not 0 <= choice < len(found.choices):
        abort(404)
    return render_template(
        "learn/consequence.html",
        **page_context(lesson, "scenario"),
        scenario=lesson.scenario,
        node=found,
        choice=found.choices[choice],
    )
