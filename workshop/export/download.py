"""The exports as downloads: one name per file, the session's file-naming rule
(SessionChoices.file_stem), never stored by a cache when a saved session is involved."""

from __future__ import annotations

from dataclasses import replace

from flask import Response, abort

from ..catalog import get_catalog, lesson_or_404
from ..planning.choices import SessionChoices
from ..planning.downloads import attachment
from .follow_ups import follow_ups_zip
from .gift import question_bank_gift
from .html_zip import module_html_zip
from .moodle_xml import question_bank_xml
from .scorm import module_scorm

# name in the address → (document in the file name, extension, media type)
BANKS = {
    "questions.gift": ("questions", "gift", "text/plain"),
    "questions.xml": ("questions", "xml", "application/xml"),
}
PACKAGES = {"scorm.zip": "scorm", "html.zip": "html"}


def export_links(choices: SessionChoices, url, follow_ups: bool = True) -> list[dict]:
    """Every export of these choices for a page's links: its address (`url(name)`), its file
    name, its kind ("gift", "xml", "scorm", "html", "follow-ups") and its module id."""
    links = [
        {"href": url(name), "file": f"{choices.file_stem(doc)}.{ext}", "kind": ext, "module": None}
        for name, (doc, ext, _) in BANKS.items()
    ]
    for module in choices.modules:
        one = replace(choices, modules=(module,))
        for suffix, doc in PACKAGES.items():
            links.append(
                {
                    "href": url(f"{module}.{suffix}"),
                    "file": f"{one.file_stem(doc)}.zip",
                    "kind": doc,
                    "module": module,
                }
            )
    if follow_ups:
        links.append(
            {
                "href": url("follow-ups.zip"),
                "file": f"{choices.file_stem('follow-ups')}.zip",
                "kind": "follow-ups",
                "module": None,
            }
        )
    return links


def export_response(
    choices: SessionChoices, name: str, private: bool, follow_ups: bool = True
) -> Response:
    """The file `name` of these choices; 404 for a name that is not one of them."""
    catalog = get_catalog()
    if name in BANKS:
        doc, ext, media = BANKS[name]
        build = question_bank_gift if ext == "gift" else question_bank_xml
        body, disposition = build(catalog, choices), attachment(choices, doc, ext)
    elif name == "follow-ups.zip" and follow_ups:
        body = follow_ups_zip(catalog, choices, choices.file_stem("follow-ups"))
        media, disposition = "application/zip", attachment(choices, "follow-ups", "zip")
    else:
        module, _, suffix = name.partition(".")
        if module not in choices.modules or suffix not in PACKAGES:
            abort(404)
        one = replace(choices, modules=(module,))
        folder = one.file_stem(PACKAGES[suffix])
        lesson = lesson_or_404(module, choices.tier, choices.lang)
        if suffix == "scorm.zip":
            body = module_scorm(catalog, lesson, folder)
        else:
            body = module_html_zip(catalog, lesson, folder)
        media, disposition = "application/zip", attachment(one, PACKAGES[suffix], "zip")
    return Response(
        body,
        mimetype=media,
        headers={
            "Content-Disposition": disposition,
            "Cache-Control": "no-store" if private else "public, max-age=3600",
        },
    )
