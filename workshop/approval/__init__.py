"""The head's decision on a saved session: the form that records it, and the status that
every page and document of the session prints (in words: templates/_approval.html).

What an edit after the decision does. The head approves what the class will be given:
its language, level, modules and length, and when and to whom (each period's date, school,
class): the parent letter prints them.
Changing any of these withdraws the approval, since the head did not approve that session.
The cover details (the presenter's name and role, the school's contacts, the number of
pupils) do not change a word the class sees or hears, and correcting a typo in them must
not send a head back to re-read a session: the approval stands, and the head's and the
presenter's pages list each change made after it, before and after, so nothing changes
unseen. A different presenter is such a change: the head sees it at the top of the page
and can ask for changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..planning import lessons_for, plan_session
from ..planning.choices import clean_text
from ..store.sessions import Decision, choices_record, record_choices
from .snapshot import changes_since, lesson_key

# The choices that change what the class is given, when and to whom: an edit of one of
# them withdraws the approval. Every other choice is a cover detail (module docstring).
WITHDRAWING = ("lang", "tier", "modules", "periods", "dates", "school", "class_name")
LABELS = {
    "lang": _l("Language"),
    "tier": _l("Class level"),
    "modules": _l("Modules"),
    "periods": _l("Length"),
    "dates": _l("Dates"),
    "school": _l("School"),
    "class_name": _l("Class"),
    "class_size": _l("Number of pupils"),
    "presenter": _l("Presenter's name"),
    "role": _l("Presenter's role"),
    "safeguarding_contact": _l("The school's safeguarding contact"),
    "local_contacts": _l("Local contacts"),
}


@dataclass(frozen=True)
class ChoiceChange:
    """One choice changed since the head's decision: its name, before, after (as stored)."""

    field: str
    before: object
    after: object

    @property
    def label(self) -> str:
        return LABELS[self.field]

    @property
    def withdraws(self) -> bool:
        """Whether this change withdraws an approval (WITHDRAWING)."""
        return self.field in WITHDRAWING


def choice_changes(read: dict | None, now) -> tuple[ChoiceChange, ...]:
    """What differs between the choices a decision was made on and the session now."""
    if read is None:
        return ()
    read = choices_record(record_choices(read))  # a record from before 0010 held one "date"
    current = choices_record(now)
    return tuple(
        ChoiceChange(name, read.get(name), current[name])
        for name in LABELS
        if read.get(name) != current[name]
    )


NAME_LIMIT, ROLE_LIMIT, COMMENT_LIMIT = 120, 120, 2000


@dataclass(frozen=True)
class ApprovalStatus:
    """Where a session stands: 'none', 'changes', 'approved' or 'outdated'."""

    state: str
    decision: Decision | None
    # The session's choices changed since the decision (all, cover details included).
    edits: tuple[ChoiceChange, ...] = ()

    @property
    def approved_now(self) -> bool:
        """Approved, for the content as it is now."""
        return self.state == "approved"


def approval_status(decision: Decision | None, changed, edits=()) -> ApprovalStatus:
    """The status of a session from its decision, the lessons changed since, and the
    choices edited since: 'withdrawn' when an edit changed what the class is given."""
    if decision is None:
        return ApprovalStatus("none", None)
    if not decision.approved:
        return ApprovalStatus("changes", decision, edits)
    if any(edit.withdraws for edit in edits):
        return ApprovalStatus("withdrawn", decision, edits)
    return ApprovalStatus("outdated" if changed else "approved", decision, edits)


def session_standing(catalog, saved) -> tuple[tuple, tuple, ApprovalStatus]:
    """A saved session's lessons as they are now, the changes since the head approved
    them, and its approval status: what every page and document of the session shows.

    Only the lessons the head approved are compared line by line; a module or a level
    chosen since is an edit (ChoiceChange), not thousands of "added" lines."""
    lessons = lessons_for(catalog, saved.choices)
    found = saved.decision
    if found is None:
        return lessons, (), approval_status(None, ())
    approved = found.lessons
    changed = changes_since(approved, [x for x in lessons if lesson_key(x) in approved])
    edits = choice_changes(found.choices, saved.choices)
    return lessons, changed, approval_status(found, changed, edits)


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
    form, content_revision: str, lessons: dict, choices, now: dt.datetime | None = None
) -> tuple[Decision | None, dict, dict]:
    """(decision, errors by field, values to show again) from the head's form.

    `choices`: the session's choices as the page the head read showed them (the form's
    `shown` fields, see shown_choices); the store records the decision only if the
    session still has them."""
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
            choices,
        ),
        {},
        values,
    )
