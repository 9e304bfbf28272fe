"""Interface labels for content structures, translated through the catalogs."""

from flask_babel import lazy_gettext as _l

FACILITATOR_SECTIONS = {
    "background": _l("Background for the presenter"),
    "ground-rules": _l("Ground rules"),
    "baseline": _l("Baseline activity"),
    "plenary": _l("Plenary: back to the baseline"),
    "talking-points": _l("Talking points"),
    "differentiation": _l("Differentiation"),
    "disclosure": _l("If a pupil discloses"),
    "follow-up": _l("Follow-up for the class teacher, one week later"),
}

PLAN_KINDS = {"core": _l("core"), "optional": _l("optional")}
