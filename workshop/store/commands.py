"""`workshop db upgrade`, `workshop db current` and `workshop purge`."""

from __future__ import annotations

import datetime as dt

import click
from flask import Flask

from ..config import configure
from . import measure, sessions
from .database import current_revision, default_url, head_revision, make_engine, upgrade


def _engine():
    """The engine of the configured database, without starting the app (which would
    refuse an old schema: upgrading it is the point)."""
    app = Flask("workshop")
    configure(app, {"ENV": "development"})
    return make_engine(app.config.get("DATABASE_URL") or default_url(app.instance_path))


@click.group()
def db() -> None:
    """The database of saved sessions."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Create the tables, or migrate them to this version's schema."""
    engine = _engine()
    before = current_revision(engine)
    upgrade(engine)
    click.echo(f"schema: {before or 'empty'} -> {current_revision(engine)}")


@db.command("current")
def db_current() -> None:
    """Print the schema version of the database and the one this code needs."""
    engine = _engine()
    click.echo(f"database: {current_revision(engine) or 'empty'}; code: {head_revision()}")


@click.command()
def purge() -> None:
    """Delete every saved session past its retention period, now."""
    engine = _engine()
    deleted = sessions.purge(engine, dt.date.today())
    # Ballots of votes whose code has expired are kept no longer (store/measure.py).
    measure.forget_ballots(engine, dt.datetime.now(dt.UTC))
    click.echo(f"deleted {deleted} session(s) past retention")
