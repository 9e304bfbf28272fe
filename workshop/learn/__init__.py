"""Blueprint: pupils' self-paced modules (steps, scenario, quiz, end card).

Nothing about a pupil is stored on the server: where the pupil is and what they answered
travel in the URL of each request only.
"""

from flask import Blueprint

bp = Blueprint("learn", __name__, url_prefix="/<lang>/learn")

from . import lesson, quiz, scenario  # noqa: E402,F401  (routes register on import)
