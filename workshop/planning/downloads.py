"""The name a session's download is saved under: every route that answers with a file
sets its Content-Disposition here, from the one naming rule (SessionChoices.file_stem), so
a pack, its slides, a letter, a calendar and an export of one session all sort together
(tests/test_one_place.py fails on a name built anywhere else)."""

from __future__ import annotations

from .choices import SessionChoices


def attachment(choices: SessionChoices, document: str, extension: str) -> str:
    """`attachment; filename="declic-pack-13-15-grooming-fr.pdf"`: the Content-Disposition
    of the `document` of these choices, as a file with this extension."""
    return f'attachment; filename="{choices.file_stem(document)}.{extension}"'
