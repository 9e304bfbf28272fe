"""Downloads for the school's platform (Éléa / Moodle): thin routes over workshop/export."""

from __future__ import annotations

from ..catalog import lesson_or_404
from ..export import export_response
from ..i18n import current_language
from ..planning.choices import SessionChoices
from ..store import presenter_session_or_404
from . import bp


@bp.get("/sessions/<token>/moodle/<name>")
def saved_session_export(token: str, name: str):
    """A saved session's question bank, a module's package or the follow-ups' slides."""
    return export_response(presenter_session_or_404(token).choices, name, private=True)


@bp.get("/<tier>/<module>/moodle/<name>")
def lesson_export(tier: str, module: str, name: str):
    """One lesson's question bank or package (no session: no follow-ups, cacheable)."""
    lesson = lesson_or_404(module, tier, current_language())  # a 404 for any other pair
    choices = SessionChoices(lang=lesson.lang, tier=lesson.tier, modules=(lesson.module,))
    return export_response(choices, name, private=False, follow_ups=False)
