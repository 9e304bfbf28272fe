"""Blueprint: facilitators (prosecutors, investigators, associations) prepare a session."""

from flask import Blueprint

bp = Blueprint("facilitate", __name__, url_prefix="/<lang>/facilitate")

from . import lms, notes, saved, saved_deck, session, slides  # noqa: E402,F401  (routes register on import)
