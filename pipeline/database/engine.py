"""Engines for the results database: SQLite (embedded, the default) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

DEFAULT_URL = "sqlite:///results.db"
# How long a SQLite connection waits for another's lock before "database is locked" (sqlite3's
# default is 5 s): a second loader on the same file waits for the first's batches instead.
SQLITE_BUSY_MS = 60_000
_WRITES = "racefacts_writes"  # execution option of writing_engine()


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for `url`, set up so that transactions, savepoints and foreign keys work.

    A bare `postgresql://` URL gets the psycopg (3) driver racefacts installs: SQLAlchemy's
    default for it would be psycopg2.
    """
    url = make_url(url)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 begins transactions on its own terms (not before a SAVEPOINT or DDL):
    # SQLAlchemy emits BEGIN instead, so per-article savepoints and migrations are atomic.
    # Foreign keys (and with them ON DELETE CASCADE) are off in SQLite unless asked for.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA cache_size = -65536")  # 64 MiB instead of 2: indexes of a big load stay in memory
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    writes = connection.get_execution_options().get(_WRITES, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def writing_engine(engine: Engine) -> Engine:
    """`engine`, for transactions that will write. On SQLite they take the write lock when they
    begin: two deferred transactions that both read and then both write deadlock, and SQLite
    fails one of them at once with "database is locked" (its busy timeout cannot help), so two
    loaders on one file would fail; taking the lock first, the second waits for the first.
    Readers keep deferred transactions, which need no write access to the file."""
    return engine.execution_options(**{_WRITES: True})


def missing_sqlite_file(url: str | URL) -> Path | None:
    """The file of a SQLite URL when it does not exist (connecting would create it empty)."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:") or url.database.startswith("file:"):
        return None
    path = Path(url.database)
    return None if path.exists() else path
