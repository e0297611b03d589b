"""Creating and upgrading the schema with Alembic, configured in code (no alembic.ini).

`racefacts load` runs `upgrade()` before it loads: a new database gets every table and view,
an older one the revisions it lacks. To write a revision after changing schema.py:

    python -c "from alembic import command; from pipeline.database.migrate import alembic_config; \
        command.revision(alembic_config(url='sqlite:///results.db'), 'what changed', autogenerate=True)"

(against a database at the current head), then review the file it writes in migrations/versions.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from .engine import writing_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK = 7_046_215_301  # PostgreSQL advisory lock: two loaders starting at once migrate one after the other


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic config for racefacts' migrations, on an open connection or a URL."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` in one transaction."""
    with writing_engine(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Undo revisions down to `revision` ("base": no racefacts table or view is left)."""
    with writing_engine(engine).begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at; None for a database racefacts never loaded."""
    return MigrationContext.configure(connection).get_current_revision()


class SchemaNotCurrent(RuntimeError):
    """The database has no racefacts schema, or an older or newer one than this racefacts'."""


def check_current(connection: Connection) -> None:
    """Refuse to query a database `racefacts load` has not brought to this version's schema."""
    current, head = current_revision(connection), head_revision()
    if current is None:
        raise SchemaNotCurrent("no racefacts tables in this database: load records first (racefacts load OUTPUT --db URL)")
    if current != head:
        raise SchemaNotCurrent(f"the database schema is at revision {current}, this racefacts reads {head}: run racefacts load to upgrade it")
