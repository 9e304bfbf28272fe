"""Blueprint: what the class learned — the starter statements counted at the start, the end
and a follow-up, with cards (the presenter enters the totals) or phones (a join code).

Pupils: `/<lang>/vote` (type the code, or come from the QR code: `?code=…`, which no log
keeps), the statements, "thank you". No JavaScript needed, no cookie, nothing stored
about them but +1 on a counter. Presenter: pages under the saved session's private link.
Head: the report under the head's link.
"""

from flask import Blueprint

bp = Blueprint("measure", __name__, url_prefix="/<lang>")

from . import presenter, pupil  # noqa: E402,F401  (routes register on import)
