"""The engine, the schema's version, and the one way a change is written.

SQLite in the app's instance folder by default (created on first start, so the README's
start command needs no service); PostgreSQL when WORKSHOP_DATABASE_URL names one. The app
refuses to start on a schema older than its code and says what to run.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect

MIGRATIONS = Path(__file__).parent / "migrations"


class SchemaOutdated(RuntimeError):
    """The database's schema is not the one this code needs."""


def default_url(instance_path: str) -> str:
    """The embedded default: a SQLite file in the instance folder."""
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(instance_path) / 'declic.sqlite3'}"


# How long a request waits for SQLite's write lock before its 503: long enough for a class
# of 30 answering at the same moment on a busy machine (at 1 s, one got a 503 under heavy
# load), short enough that votes waiting on a lock held elsewhere (a backup, maintenance)
# give their threads back at once (tests/store/test_start.py: under 2.5 s).
SQLITE_BUSY_SECONDS = 2


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite waits for a lock a little and enforces foreign keys.

    A forked process (a gunicorn worker forked from the preloading master, a builder)
    starts with an empty pool of its own: connections inherited across a fork would be
    one database session spoken on by several processes (issue 31: prepared statements
    colliding, a result read by the wrong worker)."""
    engine = _make_engine(url)
    _fresh_pool_after_fork(engine)
    return engine


def _fresh_pool_after_fork(engine: Engine) -> None:
    """In the child of any fork, forget the parent's connections without closing them
    (SQLAlchemy's `dispose(close=False)`: closing would end the parent's sessions)."""
    ref = weakref.ref(engine)

    def forget_parents_connections() -> None:
        forked = ref()
        if forked is not None:
            forked.dispose(close=False)

    os.register_at_fork(after_in_child=forget_parents_connections)


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            # Write-ahead logging: readers never wait for a writer nor a writer for readers,
            # so a class of 30 answering at once waits only on each other's short writes
            # (with the rollback journal, one vote of 30 waited over SQLITE_BUSY_SECONDS on
            # a loaded machine and got a 503). Kept in the file; the -wal and -shm files
            # sit beside it, in the same folder.
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def alembic_config(engine: Engine) -> Config:
    """Alembic's configuration, with no alembic.ini: the migrations ship in the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The schema version this code needs."""
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    if head is None:  # only a migrations folder without a single revision has none
        raise RuntimeError(f"no migration in {MIGRATIONS}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema version the database is at (None: empty)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _known(revision: str) -> bool:
    """Whether a schema revision is one of this code's migrations."""
    try:
        return ScriptDirectory(str(MIGRATIONS)).get_revision(revision) is not None
    except Exception:  # alembic raises its own errors for an unknown or odd id
        return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to a revision (default: the code's)."""
    command.upgrade(alembic_config(engine), revision)


def is_empty(engine: Engine) -> bool:
    """Whether the database has no table at all."""
    return not inspect(engine).get_table_names()


def check_schema(engine: Engine, embedded: bool = False) -> None:
    """Start only on the code's schema; create it in a new (empty) SQLite database, and
    bring the embedded default (nothing configured) up to it.

    The embedded default is the start command's zero-configuration database, on one
    machine: migrating it keeps that command true after an update. A configured database,
    and an empty PostgreSQL one, is not changed behind the operator's back: it is refused
    with the command to run.
    """
    current, head = current_revision(engine), head_revision()
    if current is not None and not _known(current):
        raise SchemaOutdated(
            f"The database schema is at {current}, which this version of Déclic does not "
            f"know (it needs {head}): the database belongs to a newer Déclic. Run that "
            "version, or restore a backup made for this one; `workshop db upgrade` cannot "
            "go back."
        )
    if engine.dialect.name == "sqlite" and (embedded or is_empty(engine)):
        upgrade(engine)
        return
    if current != head:
        raise SchemaOutdated(
            f"The database schema is at {current or 'nothing'}, and this version of Déclic "
            f"needs {head}. Run `workshop db upgrade` (README, Saved sessions), then start "
            "again."
        )
