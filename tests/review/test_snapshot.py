"""The approved text, and the before/after shown when a lesson changes."""

from __future__ import annotations

from workshop.approval.snapshot import changes_since, lesson_lines, plain_lines, snapshot


def test_plain_lines_keep_one_line_per_paragraph_and_item():
    html = "<p>Un <strong>mot</strong> &amp; deux.</p>\n<ul>\n<li>Un</li>\n<li>Deux</li></ul>"
    assert plain_lines(html) == ["Un mot & deux.", "Un", "Deux"]


def test_a_lesson_as_lines_holds_what_the_head_reviews(app):
    lesson = app.extensions["catalog"].lesson("demo", "13-15", "fr")
    lines = lesson_lines(lesson)
    assert lines[0] == f"# {lesson.pupil.title}"
    assert any(line.startswith("? ") for line in lines)  # quiz questions
    assert any(line.startswith("→ ") for line in lines)  # scenario choices
    assert "== disclosure" in lines  # facilitator notes


def test_no_change_since_approval_shows_nothing(app):
    lesson = app.extensions["catalog"].lesson("demo", "13-15", "fr")
    assert changes_since(snapshot([lesson]), [lesson]) == ()


def test_a_changed_lesson_shows_the_lines_before_and_after(app):
    lesson = app.extensions["catalog"].lesson("demo", "13-15", "fr")
    approved = snapshot([lesson])
    key = next(iter(approved))
    approved[key]["revision"] = "older"
    approved[key]["lines"] = [
        "Une phrase d'avant." if i == 1 else line for i, line in enumerate(approved[key]["lines"])
    ]
    (changed,) = changes_since(approved, [lesson])
    assert changed.approved_revision == "older"
    assert [(c.before, c.after) for c in changed.changes] == [
        (("Une phrase d'avant.",), (lesson.pupil.summary,))
    ]
