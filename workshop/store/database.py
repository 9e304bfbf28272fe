"""The engine, the schema's version, and the one way a change is written.

SQLite in the app's instance folder by default (created on first start, so the README's
start command needs no service); PostgreSQL when WORKSHOP_DATABASE_URL names one. The app
refuses to start on a schema older than its code and says what to run.
"""

from __future__ import annotations

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


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite waits for a lock a little and enforces foreign keys."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 5})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
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
    if engine.dialect.name == "sqlite" and (embedded or is_empty(engine)):
        upgrade(engine)
        return
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise SchemaOutdated(
            f"The database schema is at {current or 'nothing'}, and this version of Déclic "
            f"needs {head}. Run `workshop db upgrade` (README, Saved sessions), then start "
            "again."
        )
