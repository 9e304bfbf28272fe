"""Blueprint: school heads review what each class level will see and hear."""

import datetime as dt

from flask import Blueprint, render_template
from flask_babel import get_locale

from ..catalog import get_catalog, tier_or_404
from ..documents import briefing_pdf, pdf_response, review_pdf
from ..i18n import current_language, format_day
from ..planning import SessionChoices

bp = Blueprint("review", __name__, url_prefix="/<lang>/review")


# How the pages and documents print a stored choice (templates/_approval.html, edits_list),
# in the language being rendered (a document's, under force_locale, or the page's).
@bp.app_template_filter("module_title")
def module_title(module: str) -> str:
    """A module's title in the current language, or its id if it is no longer taught."""
    found = get_catalog().modules.get(module)
    return found.titles.get(get_locale().language, module) if found else module


@bp.app_template_filter("tier_label")
def tier_label(tier: str) -> str:
    """A class level's label in the current language."""
    found = get_catalog().tiers.get(tier)
    return found.labels.get(get_locale().language, tier) if found else tier


@bp.app_template_filter("iso_date")
def iso_date(value: str, form: str = "long") -> str:
    """A date stored as YYYY-MM-DD, written out in the current language."""
    return format_day(dt.date.fromisoformat(value), form)


@bp.get("/")
def index():
    """The tiers to review."""
    return render_template("review/index.html", tiers=get_catalog().tiers.values())


@bp.get("/<tier>/")
def tier(tier: str):
    """Everything pupils of a tier see, with the facilitator notes marked as such."""
    catalog = get_catalog()
    return render_template(
        "review/tier.html",
        tier=tier_or_404(tier),
        lessons=catalog.lessons_for(tier, current_language()),
        revision=catalog.revision,
    )


@bp.get("/<tier>/review.pdf")
def tier_pdf(tier: str):
    """The tier's review page as a PDF."""
    choices = _whole_tier(tier)
    return pdf_response(review_pdf(choices), choices, "review")


@bp.get("/<tier>/briefing.pdf")
def briefing_pdf_view(tier: str):
    """The school head's briefing for a tier, not yet filled in for a session."""
    choices = _whole_tier(tier)
    return pdf_response(briefing_pdf(choices), choices, "briefing")


def _whole_tier(tier: str) -> SessionChoices:
    """Every module of a tier, in the page's language."""
    tier_or_404(tier)
    return SessionChoices(lang=current_language(), tier=tier, modules=tuple(get_catalog().modules))


from . import saved  # noqa: E402,F401  (routes register on import)
