"""Blueprint: the home page, the help page and "hide your visit"."""

from flask import Blueprint, render_template

from ..catalog import get_catalog
from .typography import typography

bp = Blueprint("site", __name__, url_prefix="/<lang>")
bp.add_app_template_filter(typography, "typography")


@bp.app_context_processor
def help_routes():
    """Every help route, for the full list that the help block keeps a tap away."""
    return {"help_routes": tuple(get_catalog().jurisdiction.resources.values())}


@bp.get("/")
def home():
    """Who Déclic is for, and where each visitor goes."""
    return render_template("site/home.html")


@bp.get("/help")
def help_page():
    """Every help and reporting route, with what it is for: the help block, unfolded."""
    return render_template("site/help.html", help_expanded=True)


@bp.get("/hide-your-visit")
def hide_visit():
    """How to leave no trace of a visit: history, private browsing, shared devices."""
    return render_template("site/hide_visit.html")
