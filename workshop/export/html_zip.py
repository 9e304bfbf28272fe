"""A pupil module as a plain HTML zip: for a platform without SCORM (a Moodle "file" or
"folder" resource), or opened from file:// after unzipping."""

from __future__ import annotations

from ..catalog.models import Catalog, Lesson
from .package import module_files, teacher_note, zip_bytes


def module_html_zip(catalog: Catalog, lesson: Lesson, folder: str) -> bytes:
    """The module's files in one folder, with the teacher's note."""
    files = {"LISEZMOI-README.txt": teacher_note(lesson, "html"), **module_files(catalog, lesson)}
    return zip_bytes({f"{folder}/{name}": data for name, data in files.items()})
