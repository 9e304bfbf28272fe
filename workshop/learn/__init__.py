"""Blueprint: pupils' self-paced modules (steps, scenario, quiz, end card).

Nothing about a pupil is stored on the server: where the pupil is and what they answered
travel in the URL of each request only.
"""

from flask import Blueprint

from .help_links import help_buttons, link_help_numbers

bp = Blueprint("learn", __name__, url_prefix="/<lang>/learn")
# For every template: the help routes as buttons, and their numbers linked in pupil text.
bp.add_app_template_filter(link_help_numbers, "help_numbers")
bp.add_app_template_global(help_buttons, "help_buttons")

from . import lesson, quiz, scenario  # noqa: E402,F401  (routes register on import)
