"""PDF documents made with WeasyPrint: pack, handouts, review, briefing and slides.

Each document is cached on exactly the fields it prints (`PRINTED`): handouts, slides and
the review print no name, so one copy serves every school; a document that prints a name
or a contact is personal: `Cache-Control: no-store`, and never written to disk. The HTML
is rendered here; the PDF is built apart, in builder processes (builder.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from babel.lists import format_list
from flask import Flask, Response, current_app, render_template
from flask_babel import force_locale, gettext, ngettext

from .. import vocabulary
from ..catalog import get_catalog
from ..catalog.briefing import parent_letter
from ..error_pages import render_error
from ..i18n import format_day
from ..planning import SessionChoices, lessons_for, plan_session, situation_slides
from ..planning.deck import session_deck
from ..planning.downloads import attachment
from ..planning.sequence import disclosure_protocol, help_routes, sequence_texts
from .builder import Builder, DocumentsBusy
from .pdf import Pdf, PdfCache, render_pdf
from .revision import code_revision

# The choices a session's details can hold that name a person, a school or a contact.
PERSONAL = (
    "school",
    "class_name",
    "dates",
    "presenter",
    "role",
    "safeguarding_contact",
    "local_contacts",
)
LESSONS = ("lang", "tier", "modules")
# What each document prints of the session's choices: its cache key, and all it is shown.
PRINTED = {
    # The handout puts the school's own contacts first: with them it is personal, without
    # them (a standard handout) one copy serves every school.
    "documents/handout.html": (*LESSONS, "safeguarding_contact", "local_contacts"),
    "documents/slides.html": (*LESSONS, "periods", "safeguarding_contact"),
    "documents/briefing.html": (
        *LESSONS,
        "periods",  # its parent letters say how many periods, on which dates
        "school",
        "class_name",
        "dates",
        "presenter",
        "role",
        "safeguarding_contact",
    ),
    "documents/pack.html": (*LESSONS, "periods", "class_size", *PERSONAL),
    "documents/report.html": (*LESSONS, "periods", "school", "class_name", "dates"),
    # The class teacher's (issue 28): the preparation names the school's contact; the
    # family sheet is the same for every school of a tier, language and set of modules.
    "documents/preparation.html": (*LESSONS, "safeguarding_contact"),
    "documents/family.html": LESSONS,
    "documents/letter.html": (
        *LESSONS,
        "periods",
        "school",
        "class_name",
        "dates",
        "presenter",
        "role",
        "safeguarding_contact",
    ),
    # The consultation names the session it was printed for, and the decision.
    "documents/review.html": (*LESSONS, "periods", "school", "class_name", "dates"),
}
# A word longer than this gets invisible break opportunities, so it wraps, not overflows.
LONGEST_UNBROKEN = 18


def init_app(app: Flask) -> None:
    """Give the app its PDF cache, its builder processes, and the 503 page when busy."""
    app.extensions["pdf_cache"] = PdfCache(
        size=app.config["PDF_CACHE_SIZE"], folder=app.config["PDF_CACHE_DIR"]
    )
    processes = app.config["PDF_BUILDERS"]
    if processes is None:  # the test suite builds in its own process
        processes = 0 if app.config["TESTING"] else 1
    app.extensions["pdf_builder"] = (
        Builder(
            processes=int(processes),
            queue=int(app.config["PDF_QUEUE"]),
            max_builds=int(app.config["PDF_BUILDER_MAX_BUILDS"]),
            nice=int(app.config["PDF_BUILDER_NICE"]),
            timeout=float(app.config["PDF_BUILD_TIMEOUT"]),
        )
        if processes
        else None
    )
    app.register_error_handler(DocumentsBusy, busy_page)


def busy_page(error: DocumentsBusy):
    """503: try again in a moment (the error page), with Retry-After."""
    page, code = render_error(error)
    return page, code, {"Retry-After": str(error.retry_after), "Cache-Control": "no-store"}


def printable(text: str, multiline: bool = False) -> str:
    """Text as a document prints it: no line or paragraph separator (U+2028, U+2029) where
    the form did not allow a line break, and long unbroken words given break points."""
    text = text.replace("\u2028", "\n" if multiline else " ")
    text = text.replace("\u2029", "\n" if multiline else " ")
    return re.sub(rf"\S{{{LONGEST_UNBROKEN + 1},}}", _breakable, text)


def _breakable(match: re.Match) -> str:
    word = match.group(0)
    return "\u200b".join(
        word[i : i + LONGEST_UNBROKEN] for i in range(0, len(word), LONGEST_UNBROKEN)
    )


def shown(template: str, choices: SessionChoices) -> SessionChoices:
    """The choices a document is given: only the fields it prints, made printable."""
    printed = PRINTED[template]
    defaults = SessionChoices(lang=choices.lang, tier=choices.tier, modules=choices.modules)
    values = {}
    for field in dataclasses.fields(SessionChoices):
        value = (
            getattr(choices, field.name) if field.name in printed else getattr(defaults, field.name)
        )
        if isinstance(value, str) and field.name in PERSONAL:
            value = printable(value, multiline=field.name == "local_contacts")
        values[field.name] = value
    return SessionChoices(**values)


def document_key(revision: str, template: str, choices: SessionChoices) -> tuple[str, bool]:
    """(cache key, personal?) of a document: the revision (documents_revision), the
    template, its printed fields."""
    printed = tuple((name, getattr(choices, name)) for name in PRINTED[template])
    personal = any(
        any(value) if isinstance(value, tuple) else value  # dates: (None,) names no day
        for name, value in printed
        if name in PERSONAL
    )
    return PdfCache.key(revision, template, printed), personal


def documents_revision(catalog) -> str:
    """What a document's cache key starts with: the content's revision and the code's
    (revision.code_revision), so a cached PDF outlives neither a content edit nor a code
    change (its Python, templates, static files, translations or WeasyPrint)."""
    return f"{catalog.revision}+{code_revision()}"


def approval_key(approval) -> tuple:
    """What a document prints of the head's decision on a saved session (for its key)."""
    if approval is None:
        return ()
    found = approval.decision
    return (approval.state,) + (
        (
            found.verdict,
            found.name,
            found.role,
            found.decided_at.isoformat(),
            found.content_revision,
        )
        if found
        else ()
    )


def _build(
    template: str,
    choices: SessionChoices,
    extra=None,
    approval=None,
    vary: tuple = (),
    per_session: bool = False,
) -> Pdf:
    """Render a document template in the session's language, then to PDF, once per key.

    `extra(lessons, choices)` gives the template's own context; it runs only when the PDF
    is built, never for a document already in the cache. `approval` (an ApprovalStatus) is
    the head's decision on a saved session, which the pack and the briefing print; it names
    the head, so such a document is personal. `vary`: what else a document prints beyond
    the session's choices (a report's counts), part of its key. `per_session`: a document
    of one saved session's own data (the report's counts): personal, never kept, not even
    in memory, so nothing of it outlives the session.
    """
    catalog = get_catalog()
    cache: PdfCache = current_app.extensions["pdf_cache"]
    key, personal = document_key(documents_revision(catalog), template, choices)
    if approval is not None:
        key, personal = PdfCache.key(key, approval_key(approval)), True
    if vary:
        key = PdfCache.key(key, *vary)
    if per_session:
        personal = True
    choices = shown(template, choices)

    def build() -> bytes:
        lessons = lessons_for(catalog, choices)
        context = extra(lessons, choices) if extra else {}
        with force_locale(choices.lang):
            html = render_template(
                template,
                choices=choices,
                lessons=lessons,
                tier=catalog.tiers[choices.tier],
                catalog=catalog,
                lang=choices.lang,
                built=dt.date.today(),
                format_date=format_day,
                approval=approval,
                **context,
            )
        static, content = current_app.config["STATIC_DIR"], current_app.config["CONTENT_DIR"]
        builder: Builder | None = current_app.extensions.get("pdf_builder")
        if builder is not None:
            return builder.render(html, static, content)
        return render_pdf(html, static, content)

    if per_session:
        return Pdf.of(build(), personal=True)
    return Pdf.of(cache.get_or_build(key, build, personal=personal), personal)


def pack_pdf(choices: SessionChoices, approval=None) -> bytes:
    """The facilitator pack for a session, as a PDF (with the head's decision if saved)."""
    return _build(
        "documents/pack.html",
        choices,
        lambda lessons, session: {"plan": plan_session(lessons, session.minutes)},
        approval=approval,
    )


def handout_pdf(choices: SessionChoices) -> bytes:
    """One page for pupils per module of the session, as a PDF."""
    return _build("documents/handout.html", choices)


def review_pdf(choices: SessionChoices, approval=None) -> bytes:
    """Everything pupils see, with the facilitator notes, as a PDF: a tier's modules, or a
    saved session's, naming the session and the head's decision (`approval`)."""
    return _build("documents/review.html", choices, approval=approval)


def briefing_pdf(choices: SessionChoices, approval=None) -> bytes:
    """The school head's briefing, filled in with the session's details if any (and the
    head's decision, for a saved session)."""
    return _build(
        "documents/briefing.html",
        choices,
        lambda lessons, session: {"letters": parent_letters(get_catalog(), session, approval)},
        approval=approval,
    )


def letter_pdf(choices: SessionChoices, approval=None) -> bytes:
    """The parent letter of one session, on its own page, signed by the head once the
    session is approved."""
    return _build(
        "documents/letter.html",
        choices,
        lambda lessons, session: {"letter": parent_letter_of(session, approval)},
        approval=approval,
    )


def parent_letter_of(choices: SessionChoices, approval=None, lang: str | None = None):
    """(title, HTML) of a session's parent letter, in its language unless told."""
    return parent_letters(get_catalog(), choices, approval)[lang or choices.lang]


def report_pdf(choices: SessionChoices, results) -> bytes:
    """What the class learned: the starter statements' answers at the start, the end and
    the follow-up, side by side, as a PDF (`Results` of workshop/votes/results.py)."""
    return _build(
        "documents/report.html",
        choices,
        lambda lessons, session: {"results": results},
        per_session=True,
    )


def preparation_pdf(choices: SessionChoices) -> bytes:
    """The class teacher's preparation lesson, the week before, with the disclosure protocol
    and the presenter's note on the question box (planning/sequence.py)."""
    return _build(
        "documents/preparation.html",
        choices,
        lambda lessons, session: {
            "texts": sequence_texts(get_catalog(), session),
            "protocol": disclosure_protocol(lessons),
        },
    )


def family_pdf(choices: SessionChoices) -> bytes:
    """The take-home sheet for families: one page, per tier and language."""
    return _build(
        "documents/family.html",
        choices,
        lambda lessons, session: {
            "texts": sequence_texts(get_catalog(), session),
            "routes": help_routes(lessons),
        },
    )


def parent_letters(catalog, choices: SessionChoices, approval=None) -> dict:
    """The parent letter in every language, for exactly this session (its modules, its
    level's sentence, its periods), filled in: {lang: (title, html)}."""
    letters = {}
    for lang in catalog.languages:
        with force_locale(lang):
            title = gettext("Letter to parents")
            values = letter_values(catalog, choices, lang, approval)
        letters[lang] = (
            title,
            parent_letter(
                catalog.briefings[lang].letter_source,
                values,
                choices.modules,
                choices.tier,
            ),
        )
    return letters


def letter_values(catalog, choices: SessionChoices, lang: str, approval=None) -> dict[str, str]:
    """The session's details as the parent letter in one language prints them (called
    under force_locale(lang)). The head signs only a session approved as it stands."""
    days = [format_day(day) if day else "" for day in choices.dates]
    date = format_list([day or gettext("a date still to be set") for day in days], locale=lang)
    dates = ""
    if any(days):  # each period's date: "on 14 March 2027 and on 21 March 2027"
        dates = format_list(
            [
                gettext("on %(date)s", date=day) if day else gettext("on a date still to be set")
                for day in days
            ],
            locale=lang,
        )
    else:
        date = ""
    head = ""
    if approval is not None and approval.approved_now:
        head = f"{approval.decision.name}, {approval.decision.role}"
    titles = [catalog.modules[m].titles[lang] for m in choices.modules]
    return {
        "sessions": ngettext(
            "a session of %(minutes)s minutes",
            "%(num)s sessions of %(minutes)s minutes",
            choices.periods,
            minutes=vocabulary.PERIOD_MINUTES,
        ),
        "dates": dates,
        "head": head,
        "school": choices.school,
        "class": choices.class_name,
        "date": date,
        "presenter": choices.presenter,
        "role": choices.role,
        "modules": ", ".join(titles),
        "tier": catalog.tiers[choices.tier].labels[lang],
        # What this class level hears, so a letter speaks only of its own tier.
        "topics": catalog.tiers[choices.tier].descriptions[lang],
        "contact": choices.safeguarding_contact,
    }


def pdf_response(pdf: bytes, choices: SessionChoices, document: str) -> Response:
    """The `document` of these choices as a PDF download (named by planning.downloads);
    one that prints a name or a contact is never stored by a cache."""
    personal = getattr(pdf, "personal", True)
    return Response(
        bytes(pdf),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": attachment(choices, document, "pdf"),
            "Cache-Control": "no-store" if personal else "public, max-age=3600",
        },
    )


def slides_pdf(choices: SessionChoices, deck=None, vary: tuple = ()) -> bytes:
    """The classroom slides, landscape, one slide a page, as a backup. `deck`: other slides
    of the same lessons (a follow-up's, export/follow_ups.py), named by `vary`."""

    def deck_context(lessons, session) -> dict:
        slides = session_deck(lessons, session) if deck is None else deck
        return {"deck": slides, "slide_of": situation_slides(slides)}

    return _build("documents/slides.html", choices, deck_context, vary=vary)


def prebuild_standard_documents(catalog) -> int:
    """Build every standard document (no name, no contact) into the PDF cache folder:
    each module's pack, handout and slides, each tier's review and blank briefing, in
    every language. Documents already there are not built again."""
    count = 0
    for lang in catalog.languages:
        for tier in catalog.tiers:
            every_module = SessionChoices(lang=lang, tier=tier, modules=tuple(catalog.modules))
            review_pdf(every_module)
            briefing_pdf(every_module)
            count += 2
            for module in catalog.modules:
                one = SessionChoices(lang=lang, tier=tier, modules=(module,))
                pack_pdf(one)
                handout_pdf(one)
                slides_pdf(one)
                count += 3
    return count
