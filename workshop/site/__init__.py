"""Blueprint: the home page and the help page."""

from flask import Blueprint, render_template

from ..catalog import get_catalog

bp = Blueprint("site", __name__, url_prefix="/<lang>")


@bp.get("/")
def home():
    """Who Déclic is for, and where each visitor goes."""
    return render_template("site/home.html")


@bp.get("/help")
def help_page():
    """Every help and reporting route, with what it is for."""
    resources = get_catalog().jurisdiction.resources.values()
    return render_template("site/help.html", resources=resources)
