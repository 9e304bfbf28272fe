"""The code's revision: one hash of everything besides the content that shapes a document.

The PDF cache (in memory, and on disk in PDF_CACHE_DIR, shared by the workers and kept
across deployments) and the prepared documents of saved sessions (facilitate/prepared.py,
in the database) both key their copies on it, with the content's revision, so that no copy
is served once the code that drew it has changed: the package's Python and templates, the
static files (CSS, fonts, images), the compiled interface translations (a French wording
fixed in messages.po and compiled is printed in the next PDF) and WeasyPrint's version.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from flask import current_app

CODE = Path(__file__).resolve().parent.parent  # workshop/: its Python and its templates


def code_revision() -> str:
    """The revision of this app's code, static files and translations (its configured
    folders). Computed once per process: it is read on every document request."""
    config = current_app.config
    return revision_of_code(str(config["STATIC_DIR"]), str(config["BABEL_TRANSLATION_DIRECTORIES"]))


@functools.cache
def revision_of_code(static: str, translations: str, code: Path = CODE) -> str:
    """A short hash of WeasyPrint's version, every file of `code` and `static`, and the
    compiled catalogs (*.mo) of the `translations` folders (Flask-Babel's ';'-separated
    list). The .po sources are left out: only what the process reads shapes a document."""
    from weasyprint import __version__ as weasyprint_version

    digest = hashlib.sha256(b"weasyprint " + weasyprint_version.encode() + b"\0")
    folders = [(Path(code), "*"), (Path(static), "*")]
    folders += [(Path(folder), "*.mo") for folder in translations.split(";") if folder]
    for index, (folder, pattern) in enumerate(folders):
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                name = f"{index}/{path.relative_to(folder).as_posix()}"
                digest.update(name.encode() + b"\0")
                digest.update(path.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()[:16]
