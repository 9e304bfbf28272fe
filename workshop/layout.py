"""What every page's layout needs: help panel, quick exit, labels, content revision."""

from __future__ import annotations

import re

from flask import Flask, has_request_context, request
from markupsafe import Markup

from . import vocabulary
from .catalog import get_catalog
from .catalog.models import ADULT, LawDate
from .i18n import format_day

LAW_DATE_FORMATS = {"day": "long", "month": "MMMM y", "year": "y"}


def format_law_date(law_date: LawDate) -> str:
    """A law's version date, as precise as it is known, in the page's language."""
    return format_day(law_date.date, LAW_DATE_FORMATS[law_date.precision])


FIRST_LIST = re.compile(r"<(ul|ol)>.*?</\1>", re.DOTALL)


def first_list(html: Markup) -> Markup:
    """The first list of a rendered section (the rules themselves, without the lead-in
    addressed to the facilitator), or the whole section if it has no list."""
    match = FIRST_LIST.search(str(html))
    return Markup(match.group(0)) if match else html


def in_adult_area() -> bool:
    """Whether this request's page is under /<lang>/facilitate/, review/ or screen/."""
    rule = request.url_rule
    if rule is None:  # a 404: whoever typed it may be a pupil
        return False
    area = rule.rule.removeprefix("/<lang>/").split("/", 1)[0]
    return area in vocabulary.ADULT_AREAS


def help_audience() -> str | None:
    """Whose text of each help route the help block prints: the adults' in the adults'
    areas, the tier's on a pupil's page of one tier (its URL's <tier>), else the common one."""
    if not has_request_context():
        return None
    if in_adult_area():
        return ADULT
    tier = (request.view_args or {}).get("tier")
    return tier if tier in get_catalog().tiers else None


def init_app(app: Flask) -> None:
    """Register the layout's template context."""
    app.add_template_filter(first_list)
    # A global, not only context: a macro file imported without context (measure/_bars.html)
    # reads the answers' labels and colours from it too.
    app.jinja_env.globals["vocabulary"] = vocabulary

    @app.context_processor
    def layout_context():
        catalog = get_catalog()
        return {
            "help_panel": catalog.jurisdiction.help_panel,
            "help_audience": help_audience(),
            "content_revision": catalog.revision,
            # Pupils' pages show it; documents (built outside any request) never do.
            "show_quick_exit": has_request_context() and not in_adult_area(),
            "vocabulary": vocabulary,
            "law_date": format_law_date,
            # The day the law entries were last checked (a plain date, to the day).
            "law_checked_date": lambda day: format_day(day, LAW_DATE_FORMATS["day"]),
        }
