"""Blueprint: what is projected to the class, under the screen link, and nothing else.

A saved session's slides and the phones' vote screen (the code, its QR code, the bars once
revealed) are shown on a projector, where pupils can read the address and photograph it.
So they live under a third link, read-only, whose token is derived one way from the
others (store/tokens.py): it opens these pages and no other, and they hold no link or token
back to the presenter's or the head's. Not a pupil's page either: no quick exit bar on a
projector (layout.py), and never indexed (security.py, as every link's pages).
"""

from flask import Blueprint

bp = Blueprint("screen", __name__, url_prefix="/<lang>/screen")

from . import pages  # noqa: E402,F401  (routes register on import)
