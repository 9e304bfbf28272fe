"""The `workshop` command: check the content, serve the app, build packs, the database."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from . import vocabulary
from .catalog import CatalogError, load_from_config
from .catalog.readability import pupil_text, reading_ease
from .catalog.translations import TranslationNotFound, accept_translation
from .config import Defaults


def _config(content: Path | None) -> dict:
    """The configuration the commands run with: defaults, environment, options."""
    from flask import Flask

    from .config import configure

    app = Flask(__name__)
    configure(app, {"CONTENT_DIR": content} if content else None)
    return app.config


@click.group()
def main() -> None:
    """Déclic: prevention workshops on the online sexual exploitation of minors."""


@main.command()
@click.option(
    "--content",
    type=click.Path(path_type=Path),
    default=None,
    help=f"Content folder to check (default: {Defaults.CONTENT_DIR}).",
)
@click.option(
    "--revisions", is_flag=True, help="List every lesson with its revision and reading ease."
)
@click.option(
    "--law",
    "law",
    is_flag=True,
    help="List the legal entries last checked against their source more than a year ago.",
)
@click.option(
    "--accept-translation",
    "accepted",
    multiple=True,
    metavar="MODULE/LANG/TIER",
    help="After reviewing a translation against its changed source, record the "
    "source's current revision in it (repeatable).",
)
def check(content: Path | None, revisions: bool, law: bool, accepted: tuple[str, ...]) -> None:
    """Validate the whole content tree; exit 1 on any error."""
    config = _config(content)
    for key in accepted:
        try:
            revision = accept_translation(config["CONTENT_DIR"], key, config["SOURCE_LANGUAGE"])
        except TranslationNotFound as error:
            raise click.UsageError(str(error)) from None
        click.echo(f"{key}: now follows revision {revision}")
    try:
        catalog = load_from_config(config)
    except CatalogError as error:
        for problem in error.errors:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(error.errors)} error(s): the content is not valid.", err=True)
        sys.exit(1)
    if law:
        _list_stale_law(catalog)
    if revisions:
        for (module, tier, lang), lesson in sorted(catalog.lessons.items()):
            follows = f", follows {lesson.source_revision}" if lesson.source_revision else ""
            score = reading_ease(pupil_text(lesson), lang)
            ease = f", reading ease {score}" if score is not None else ""
            click.echo(f"{module}/{lang}/{tier}: revision {lesson.revision}{follows}{ease}")
    click.echo(
        f"ok: {len(catalog.modules)} module(s), {len(catalog.tiers)} tier(s), "
        f"{len(catalog.lessons)} lesson(s) in {', '.join(catalog.languages)}; "
        f"content revision {catalog.revision}"
    )


def _list_stale_law(catalog) -> None:
    """Each legal entry whose last check is more than a year old, oldest first."""
    jurisdiction = catalog.jurisdiction
    stale = sorted(
        jurisdiction.stale_law(dt.date.today()), key=lambda ref: ref.checked or dt.date.min
    )
    for ref in stale:
        when = ref.checked.isoformat() if ref.checked else "never"
        click.echo(f"law: {ref.id} ({ref.code}, art. {ref.article}) last checked {when}")
    oldest = jurisdiction.law_checked
    click.echo(
        f"law: {len(stale)} of {len(jurisdiction.legal)} entries checked more than a year ago"
        + (f"; oldest check {oldest.isoformat()}" if oldest else "")
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--debug", is_flag=True, help="Reload on change, show the debugger (never in production)."
)
def serve(host: str, port: int, debug: bool) -> None:
    """Start the app with Flask's development server."""
    from . import create_app
    from .serving import PathOnlyRequestHandler

    try:
        # The development server: no secret key needed, never for production.
        app = create_app({"ENV": "development"})
    except CatalogError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    app.run(host=host, port=port, debug=debug, request_handler=PathOnlyRequestHandler)


@main.command()
@click.option("--lang", default="fr", show_default=True, help="Language of the documents.")
@click.option("--tier", help="Class level, for example 13-15.")
@click.option("--module", "modules", multiple=True, help="A module (repeat for up to three).")
@click.option(
    "--periods",
    default=1,
    show_default=True,
    type=click.IntRange(1, len(vocabulary.SESSION_PERIODS)),
    help=f"Number of {vocabulary.PERIOD_MINUTES}-minute periods.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="The PDF to write (one pack), or the folder (with --all).",
)
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Build every standard pack and handout (each tier x module x language).",
)
def pack(lang, tier, modules, periods, out, every) -> None:
    """Build one facilitator pack, or every standard pack into a folder."""
    from . import create_app
    from .documents import handout_pdf, pack_pdf

    # Builds files and serves nobody: no key needed, and no builder processes (the GIL
    # blocks no one here). With WORKSHOP_PDF_CACHE_DIR set, every standard document also
    # goes into that folder, which a server with the same setting serves at once.
    app = create_app({"ENV": "development", "PDF_BUILDERS": 0})
    catalog = app.extensions["catalog"]
    if every:
        jobs = [
            _choices(catalog, language, level, (module,), 1)
            for language in catalog.languages
            for level in catalog.tiers
            for module in catalog.modules
        ]
        folder = out or Path("build/packs")
    else:
        if not tier or not modules:
            raise click.UsageError("give --tier and at least one --module, or --all")
        jobs = [_choices(catalog, lang, tier, modules, periods)]
        folder = out.parent if out else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    with app.app_context():  # documents need the app, never a request
        for number, choices in enumerate(jobs, start=1):
            target = out if (out and not every) else folder / f"{choices.file_stem('pack')}.pdf"
            target.write_bytes(pack_pdf(choices))
            if every:
                (folder / f"{choices.file_stem('handout')}.pdf").write_bytes(handout_pdf(choices))
            click.echo(f"[{number}/{len(jobs)}] {target}")
        if every and app.config.get("PDF_CACHE_DIR"):
            from .documents import prebuild_standard_documents

            count = prebuild_standard_documents(catalog)
            click.echo(f"{count} standard documents in {app.config['PDF_CACHE_DIR']}")


def _choices(catalog, lang: str, tier: str, modules, periods: int):
    """The session the options describe, checked as the session form checks it."""
    from werkzeug.datastructures import MultiDict

    from .planning import read_choices

    fields = MultiDict(
        [
            ("lang", lang),
            ("tier", tier or ""),
            ("periods", str(periods)),
            *(("modules", module) for module in modules),
        ]
    )
    choices, errors, _ = read_choices(fields, catalog)
    if errors:
        problems = "; ".join(f"{name}: {message}" for name, message in errors.items())
        raise click.UsageError(problems)
    return choices


def _add_data_commands() -> None:
    """`workshop db …` and `workshop purge`, kept beside the data layer."""
    from .store.commands import db, purge

    main.add_command(db)
    main.add_command(purge)


_add_data_commands()
