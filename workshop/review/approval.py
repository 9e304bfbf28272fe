"""The head's decision on a saved session: the form that records it, and the status that
every page and document of the session prints (in words: templates/_approval.html)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..planning import lessons_for, plan_session
from ..planning.choices import clean_text
from ..store.sessions import Decision
from .snapshot import changes_since

NAME_LIMIT, ROLE_LIMIT, COMMENT_LIMIT = 120, 120, 2000


@dataclass(frozen=True)
class ApprovalStatus:
    """Where a session stands: 'none', 'changes', 'approved' or 'outdated'."""

    state: str
    decision: Decision | None

    @property
    def approved_now(self) -> bool:
        """Approved, for the content as it is now."""
        return self.state == "approved"


def approval_status(decision: Decision | None, changed) -> ApprovalStatus:
    """The status of a session from its decision and the lessons changed since."""
    if decision is None:
        return ApprovalStatus("none", None)
    if not decision.approved:
        return ApprovalStatus("changes", decision)
    return ApprovalStatus("outdated" if changed else "approved", decision)


def session_standing(catalog, saved) -> tuple[tuple, tuple, ApprovalStatus]:
    """A saved session's lessons as they are now, the changes since the head approved
    them, and its approval status: what every page and document of the session shows."""
    lessons = lessons_for(catalog, saved.choices)
    changed = changes_since(saved.decision.lessons, lessons) if saved.decision else ()
    return lessons, changed, approval_status(saved.decision, changed)


def session_context(catalog, saved) -> dict:
    """What the presenter's and the head's pages of a saved session both show: its
    choices, lessons and plan as they are now, and where its approval stands."""
    lessons, changed, status = session_standing(catalog, saved)
    return {
        "saved": saved,
        "choices": saved.choices,
        "lessons": lessons,
        "plan": plan_session(lessons, saved.choices.minutes),
        "status": status,
        "changed": changed,
        "tier": catalog.tiers[saved.choices.tier],
    }


def read_decision(
    form, content_revision: str, lessons: dict, now: dt.datetime | None = None
) -> tuple[Decision | None, dict, dict]:
    """(decision, errors by field, values to show again) from the head's form."""
    values = {name: form.get(name, "") for name in ("verdict", "name", "role", "comment")}
    errors = {}
    if values["verdict"] not in ("approved", "changes"):
        errors["verdict"] = _l("Choose: approve, or ask for changes.")
    texts = {}
    for name, limit, multiline in (
        ("name", NAME_LIMIT, False),
        ("role", ROLE_LIMIT, False),
        ("comment", COMMENT_LIMIT, True),
    ):
        texts[name], errors[name] = clean_text(values[name], limit, multiline)
    for name, message in (
        ("name", _l("Write your name.")),
        ("role", _l("Write your role, for example: principal.")),
    ):
        if not errors[name] and not texts[name]:
            errors[name] = message
    if values["verdict"] == "changes" and not errors["comment"] and not texts["comment"]:
        errors["comment"] = _l("Say what should change, so that the presenter can act on it.")
    errors = {name: message for name, message in errors.items() if message}
    if errors:
        return None, errors, values
    return (
        Decision(
            values["verdict"],
            texts["name"],
            texts["role"],
            texts["comment"],
            now or dt.datetime.now(dt.UTC),
            content_revision,
            lessons,
        ),
        {},
        values,
    )
