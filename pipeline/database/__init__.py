"""The results database: records loaded into SQLite or PostgreSQL, and the questions asked of it.

    from pipeline.database import Loader, make_engine
    from pipeline.record_files import iter_records

    engine = make_engine("sqlite:///results.db")     # or postgresql+psycopg://user@host/db
    report = Loader(engine).load_all(iter_records(["outputs"]))

Modules: `schema` (the tables), `migrations/` and `migrate` (Alembic, run by the loader),
`entities` and `rows` (a record as rows), `loading` (the Loader), `queries` (what
`racefacts query` asks).
"""

from __future__ import annotations

from .engine import DEFAULT_URL, make_engine
from .loading import Loader, LoadOutcome, LoadReport, Status
from .migrate import upgrade

__all__ = ["DEFAULT_URL", "LoadOutcome", "LoadReport", "Loader", "Status", "make_engine", "upgrade"]
