"""Blueprint: the class teacher's link, the sequence the class lives around the visit.

A fourth capability link (store/tokens.py: derived one way from the head's, so the head's
and the presenter's pages show it; only its hash stored; purged with the session). It
opens the preparation lesson, the follow-ups (slides, notes, print), the calendar file,
the family sheet, the re-check vote's class screen and the report, and nothing that edits
the session or decides on it. Its pages are never stored by a browser or a proxy
(no-store), its token never logged (serving.py redacts token-shaped segments).
"""

from flask import Blueprint

bp = Blueprint("teach", __name__, url_prefix="/<lang>/teach")


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


from . import pages  # noqa: E402,F401  (routes register on import)
