"""A pupil module as files that run on their own (from a zip, file:// or the platform's
frame): one page, its style sheets, its script and its fonts. Like the offline kit
(facilitate/slides.py), nothing is fetched from any server."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale, gettext

from ..catalog.models import Catalog, Lesson

ASSETS = (
    "css/site.css",
    "css/package.css",
    "js/package.js",
    "fonts/OFL.txt",
    "fonts/atkinson-hyperlegible-latin-400-normal.woff2",
    "fonts/atkinson-hyperlegible-latin-400-italic.woff2",
    "fonts/atkinson-hyperlegible-latin-700-normal.woff2",
    "fonts/atkinson-hyperlegible-latin-700-italic.woff2",
    "favicon.svg",
)


def module_page(catalog: Catalog, lesson: Lesson) -> str:
    """The module's one page: steps, situation, quiz with explanations, what to do, help."""
    with force_locale(lesson.lang):
        return render_template(
            "export/module.html",
            lang=lesson.lang,
            pupil=lesson.pupil,
            scenario=lesson.scenario,
            quiz=lesson.quiz,
            help_routes=lesson.pupil.help_routes,
            help_audience=lesson.tier,
            quick_exit_url=current_app.config["QUICK_EXIT_URL"],
            content_revision=catalog.revision,
            asset=str,  # a file of the package, by its relative path (page.html's icon)
        )


def teacher_note(lesson: Lesson, kind: str) -> str:
    """The note for the teacher in every package: what it is, what it reports (nothing but
    completion) and how to put it on the platform."""
    with force_locale(lesson.lang):
        lines = [
            gettext("Déclic: %(title)s", title=lesson.pupil.title),
            gettext(
                "For the teacher who puts this module on the school's platform (Éléa, Moodle)."
            ),
            "",
        ]
        if kind == "scorm":
            lines += [
                gettext("This is a SCORM 1.2 package: add it to the course as a SCORM activity."),
                gettext(
                    "It tells the platform only that a pupil finished the module (the lesson "
                    'status "completed"). It never sends an answer, a choice, a score, a time '
                    "or anything a pupil writes: there is nothing to grade, and nothing about a "
                    "pupil is collected."
                ),
            ]
        else:
            lines += [
                gettext(
                    "This folder is the module as web pages: open index.html, or add the zip to "
                    "the course as a file or folder resource that shows index.html."
                ),
                gettext("The pages send nothing anywhere: no answer and no visit is recorded."),
            ]
        lines += [
            gettext(
                "The pages load nothing from any server. The quick exit button leaves the whole "
                "tab at once."
            ),
            gettext("Content revision: %(revision)s", revision=lesson.revision),
        ]
    return "\n".join(lines) + "\n"


def module_files(catalog: Catalog, lesson: Lesson) -> dict[str, bytes | str]:
    """The page and every file it uses, by their path inside the package."""
    static = Path(str(current_app.static_folder))
    files: dict[str, bytes | str] = {"index.html": module_page(catalog, lesson)}
    for asset in ASSETS:
        files[asset] = (static / asset).read_bytes()
    return files


def zip_bytes(files: Mapping[str, bytes | str]) -> bytes:
    """The files as a zip, in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in files.items():
            package.writestr(name, data)
    return buffer.getvalue()
