"""The data layer: saved sessions, the school head's decisions and the class's vote counts
(`measure.py`), with the tokens and join codes that open them (`tokens.py`, `codes.py`);
nothing about pupils. It imports nothing above it (the layers contract in pyproject.toml).

`init_app` opens the database (SQLite in the instance folder unless WORKSHOP_DATABASE_URL
says otherwise), refuses a configured database whose schema is older than the code (the
embedded default is migrated instead), deletes what is past retention at
start and then once a day, and answers 503 (never a half-written change) when the database
is down or locked. Views reach the tables through this package's modules (`sessions.py`,
`measure.py`); `measure/pupil.py` still reads one row of a session by itself.
"""

from __future__ import annotations

import datetime as dt
import threading

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import NotFound

from ..error_pages import render_error
from ..vocabulary import RECHECK_WEEK
from . import measure, prepared, sessions
from .codes import code_hash, join_code
from .database import SchemaOutdated, check_schema, default_url, make_engine
from .tokens import (
    screen_token_for,
    screen_token_from_head,
    teacher_token_for,
    teacher_token_from_head,
    token_hash,
    wrap_screen_token,
)

__all__ = [
    "DatabaseUnusable",
    "SchemaOutdated",
    "get_engine",
    "head_session_or_404",
    "init_app",
    "prepared",
    "presenter_session_or_404",
    "screen_session_or_404",
    "sessions",
    "teacher_session_or_404",
]

PURGE_EVERY = dt.timedelta(days=1)
RETRY_AFTER_SECONDS = 5


class DatabaseUnusable(RuntimeError):
    """The database cannot be opened or written at start: said in one line, no traceback
    (gunicorn prints a RuntimeError's message and exits 1)."""


def init_app(app: Flask) -> None:
    """Open the database, check its schema, purge, and handle a database that fails."""
    configured = app.config.get("DATABASE_URL")
    try:
        engine = make_engine(configured or default_url(app.instance_path))
        check_schema(engine, embedded=not configured)
        purger = DailyPurge(engine)
        purger.run()
    except OSError as error:  # the instance folder cannot be made or written
        raise DatabaseUnusable(
            f"Déclic cannot create its database folder {app.instance_path} "
            f"({error.strerror or error}): let the server's user write there, or set "
            "WORKSHOP_DATABASE_URL (README, Saved sessions)."
        ) from None
    except DBAPIError as error:
        raise DatabaseUnusable(
            f"Déclic cannot use its database ({_one_line(error.orig)}): check that it is "
            "reachable, writable by the server's user and a Déclic database "
            "(`workshop db current`; README, Saved sessions)."
        ) from None
    app.extensions["store"] = engine
    # The start (schema check, purge) ran in gunicorn's preloading master: leave it no
    # connection for its forked workers to share (each opens its own; database.py).
    engine.dispose()
    app.before_request(purger.run_if_due)
    app.register_error_handler(DBAPIError, _database_unavailable)


def _one_line(error) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def get_engine() -> Engine:
    """The app's database engine."""
    return current_app.extensions["store"]


def presenter_session_or_404(token: str) -> sessions.SavedSession:
    """The session a presenter's link opens, or the same 404 as any unknown page."""
    saved = _found_or_404(sessions.by_presenter_token(get_engine(), token))
    _with_teacher_link(saved, teacher_token_for(token), screen_token_for(token))
    return _with_screen_link(saved, screen_token_for(token))


def head_session_or_404(token: str) -> sessions.SavedSession:
    """The session a head's link opens, or the same 404 as any unknown page."""
    saved = _found_or_404(sessions.by_head_token(get_engine(), token))
    _with_teacher_link(saved, teacher_token_from_head(token), screen_token_from_head(token))
    return _with_screen_link(saved, screen_token_from_head(token))


def screen_session_or_404(token: str) -> sessions.SavedSession:
    """The session a screen link opens (what the class sees), or the same 404."""
    saved = sessions.by_screen_token(get_engine(), token)
    if saved is None:  # pupils read this address off a projector: the plain 404
        raise NotFound()
    return saved


def teacher_session_or_404(token: str) -> sessions.SavedSession:
    """The session a class teacher's link opens (the sequence around the visit), or the
    same 404 as any unknown page."""
    return _found_or_404(sessions.by_teacher_token(get_engine(), token))


def _with_teacher_link(saved: sessions.SavedSession, teacher_token: str, screen_token: str) -> None:
    """A session saved before the teacher's link (0006) gets it the first time its
    presenter's or head's link is opened (nothing else is keyed by it)."""
    if not saved.has_teacher_link:
        sessions.ensure_teacher_token(
            get_engine(),
            saved.id,
            token_hash(teacher_token),
            wrap_screen_token(screen_token, teacher_token),
        )


class SessionLinkNotFound(NotFound):
    """A session link that opens nothing: its 404 says why that happens and whom to ask,
    not the generic "page not found" (error_pages.render_error reads `title`/`explanation`)."""

    title = _l("This session link opens nothing")

    @property
    def explanation(self):
        return _l(
            "The link may be mistyped or cut when it was copied: check that the whole link "
            "was pasted. Or the session was deleted: sessions are deleted %(days)s days after "
            "the class teacher's re-check (%(weeks)s weeks after their date), with the "
            "decision and everything attached to them. Ask the presenter who sent you the "
            "link: they can send it again, or plan the session again.",
            days=current_app.config["RETENTION_DAYS"],
            weeks=RECHECK_WEEK,
        )


def _found_or_404(saved):
    if saved is None:
        raise SessionLinkNotFound()
    return saved


def _with_screen_link(saved: sessions.SavedSession, screen_token: str) -> sessions.SavedSession:
    """A session saved before the screen link (0005) gets it the first time one of its
    links is opened; its join codes, now derived from it, are re-keyed at once (a code
    given out before stops working: the pages show the new one)."""
    if saved.has_screen_link:
        return saved
    engine, secret = get_engine(), current_app.config["SECRET_KEY"]
    codes = tuple(
        (name, phase.generation, code_hash(secret, join_code(screen_token, name, phase.generation)))
        for name, phase in measure.phases(engine, saved.id).items()
        if phase.has_code
    )
    sessions.ensure_screen_token(engine, saved.id, token_hash(screen_token), codes)
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
