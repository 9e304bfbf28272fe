"""The `workshop` command: check the content, serve the app."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .catalog import CatalogError, load_from_config
from .catalog.readability import pupil_text, reading_ease
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
@click.option("--content", type=click.Path(path_type=Path), default=None,
              help=f"Content folder to check (default: {Defaults.CONTENT_DIR}).")
@click.option("--revisions", is_flag=True,
              help="List every lesson with its revision and reading ease.")
def check(content: Path | None, revisions: bool) -> None:
    """Validate the whole content tree; exit 1 on any error."""
    try:
        catalog = load_from_config(_config(content))
    except CatalogError as error:
        for problem in error.errors:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(error.errors)} error(s): the content is not valid.", err=True)
        sys.exit(1)
    if revisions:
        for (module, tier, lang), lesson in sorted(catalog.lessons.items()):
            follows = f", follows {lesson.source_revision}" if lesson.source_revision else ""
            score = reading_ease(pupil_text(lesson), lang)
            ease = f", reading ease {score}" if score is not None else ""
            click.echo(f"{module}/{lang}/{tier}: revision {lesson.revision}{follows}{ease}")
    click.echo(f"ok: {len(catalog.modules)} module(s), {len(catalog.tiers)} tier(s), "
               f"{len(catalog.lessons)} lesson(s) in {', '.join(catalog.languages)}; "
               f"content revision {catalog.revision}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Reload on change, show the debugger (never in production).")
def serve(host: str, port: int, debug: bool) -> None:
    """Start the app with Flask's development server."""
    from . import create_app
    try:
        app = create_app()
    except CatalogError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    app.run(host=host, port=port, debug=debug)
