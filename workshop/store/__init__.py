"""The data layer: saved sessions and the school head's decisions, nothing about pupils.

`init_app` opens the database (SQLite in the instance folder unless WORKSHOP_DATABASE_URL
says otherwise), refuses a schema older than the code, deletes what is past retention at
start and then once a day, and answers 503 (never a half-written change) when the database
is down or locked. Views reach the database only through `sessions.py`.
"""

from __future__ import annotations

import datetime as dt
import threading

from flask import Flask, abort, current_app
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from ..error_pages import render_error
from . import sessions
from .database import SchemaOutdated, check_schema, default_url, make_engine

__all__ = [
    "SchemaOutdated",
    "get_engine",
    "head_session_or_404",
    "init_app",
    "presenter_session_or_404",
    "sessions",
]

PURGE_EVERY = dt.timedelta(days=1)
RETRY_AFTER_SECONDS = 5


def init_app(app: Flask) -> None:
    """Open the database, check its schema, purge, and handle a database that fails."""
    url = app.config.get("DATABASE_URL") or default_url(app.instance_path)
    engine = make_engine(url)
    check_schema(engine)
    app.extensions["store"] = engine
    purger = DailyPurge(engine)
    purger.run()
    app.before_request(purger.run_if_due)
    app.register_error_handler(DBAPIError, _database_unavailable)


def get_engine() -> Engine:
    """The app's database engine."""
    return current_app.extensions["store"]


def presenter_session_or_404(token: str) -> sessions.SavedSession:
    """The session a presenter's link opens, or the same 404 as any unknown page."""
    return _found_or_404(sessions.by_presenter_token(get_engine(), token))


def head_session_or_404(token: str) -> sessions.SavedSession:
    """The session a head's link opens, or the same 404 as any unknown page."""
    return _found_or_404(sessions.by_head_token(get_engine(), token))


def _found_or_404(saved):
    if saved is None:
        abort(404)
    return saved


class DailyPurge:
    """Deletes sessions past retention: at start, then at most once a day per process."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.last: dt.datetime | None = None
        self.lock = threading.Lock()

    def run(self) -> int:
        """Purge now; return how many sessions were deleted."""
        self.last = dt.datetime.now(dt.UTC)
        return sessions.purge(self.engine, dt.date.today())

    def run_if_due(self) -> None:
        """Purge if the last purge was a day ago (cheap check on each request)."""
        if self.last and dt.datetime.now(dt.UTC) - self.last < PURGE_EVERY:
            return
        if self.lock.acquire(blocking=False):
            try:
                self.run()
            except DBAPIError:
                current_app.logger.warning("daily purge failed; will try again")
            finally:
                self.lock.release()


def _database_unavailable(error: DBAPIError):
    """A clear 503: the change was not written (each change is one transaction)."""
    from werkzeug.exceptions import ServiceUnavailable

    current_app.logger.error("database unavailable: %s", type(error.orig).__name__)
    page, code = render_error(ServiceUnavailable())
    return page, code, {"Retry-After": str(RETRY_AFTER_SECONDS)}
