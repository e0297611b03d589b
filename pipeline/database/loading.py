"""Loading records into the results database: idempotent, and atomic per article.

Articles are loaded in batches (`batch_size`, 200 by default), one transaction each: one commit
per batch, not per article. Within it, the batch's new and changed articles are written in one
SAVEPOINT with one executemany per table; when the database refuses any row of them, that
savepoint is rolled back and each article is written again in a savepoint of its own, so an
article is always all there or not there at all, and an article the database refuses
("failed") leaves the previous version of it in place while the rest of the batch loads.

An article already loaded with the same sha256 and schema version is "unchanged" and not
touched; one with another sha256 or schema version is "replaced": its article row is deleted
(the database deletes its facts with it, ON DELETE CASCADE) and it is written anew, in the same
savepoint. An error other than the database refusing rows (the connection lost, an interrupt,
a bug) stops the load: the batch in progress is rolled back, the batches before it stay.
"""

from __future__ import annotations

import enum
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine, Insert, Table, delete, insert, select, text
from sqlalchemy.exc import DataError, IntegrityError

from ..gazetteer import Gazetteer, default_patterns_dir
from ..terminal import first_line
from ..record_files import RecordError, StoredRecord
from ..records import ArticleRecord
from . import schema
from .engine import writing_engine
from .entities import References
from .migrate import upgrade
from .rows import ArticleRows, article_rows

# reference kinds in the order they are written: a stage points to its race
_REFERENCES: dict[str, Table] = {
    "race": schema.races, "rider": schema.riders, "team": schema.teams, "climb": schema.climbs, "stage": schema.stages,
}
_FACTS: dict[str, Table] = {table.name: table for table in schema.FACT_TABLES}


class Status(str, enum.Enum):
    LOADED = "loaded"          # a new article
    REPLACED = "replaced"      # an article loaded before, with another sha256 or schema version
    UNCHANGED = "unchanged"    # loaded before with the same sha256 and schema version: skipped
    INVALID = "invalid"        # the record could not be read or did not validate: skipped
    FAILED = "failed"          # the database refused its rows: rolled back, skipped


@dataclass(frozen=True)
class LoadOutcome:
    status: Status
    id: str | None = None
    location: str | None = None
    message: str | None = None


@dataclass
class LoadReport:
    """What a load did: a count per status, and the records that were not loaded and why."""

    counts: Counter[Status] = field(default_factory=Counter)
    problems: list[LoadOutcome] = field(default_factory=list)

    def add(self, outcome: LoadOutcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status in (Status.INVALID, Status.FAILED):
            self.problems.append(outcome)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def ok(self) -> bool:
        return not self.problems


class Loader:
    """Loads ArticleRecords into a database whose schema it brings up to date first.

        loader = Loader(make_engine("sqlite:///results.db"))
        loader.load(record)                       # one article, one transaction
        loader.load_all(iter_records(["outputs"]))  # many, in batches

    `force` replaces unchanged articles too (after an extractor change that kept the schema).
    """

    def __init__(
        self,
        engine: Engine,
        gazetteer: Gazetteer | None = None,
        *,
        batch_size: int = 200,
        force: bool = False,
        migrate: bool = True,
    ) -> None:
        engine = writing_engine(engine)
        if migrate:
            upgrade(engine)
        self.engine = engine
        self.batch_size = batch_size
        self.force = force
        self._gazetteer = gazetteer
        self._known: set[str] = set()  # reference ids committed by this loader (or found there)
        self._ignore_existing = {kind: _insert_ignoring_existing(table, engine.dialect.name) for kind, table in _REFERENCES.items()}

    @property
    def gazetteer(self) -> Gazetteer:
        """The knowledge base that names linked entities (patterns/kb), read on first need."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.from_dir(default_patterns_dir() / "kb")
        return self._gazetteer

    def load(self, record: ArticleRecord) -> LoadOutcome:
        """Load one record in a transaction of its own."""
        return self._load_batch([(None, record)])[0]

    def load_all(
        self,
        items: Iterable[StoredRecord | RecordError | ArticleRecord],
        on_outcome: Callable[[LoadOutcome], None] | None = None,
    ) -> LoadReport:
        """Load every record; RecordErrors (from record_files.iter_records) count as invalid."""
        report = LoadReport()
        for batch in _batches(items, self.batch_size):
            outcomes: list[LoadOutcome] = []
            records: list[tuple[str | None, ArticleRecord]] = []
            for item in batch:
                if isinstance(item, RecordError):
                    outcomes.append(LoadOutcome(Status.INVALID, location=item.location, message=item.message))
                elif isinstance(item, StoredRecord):
                    records.append((item.location, item.record))
                else:
                    records.append((None, item))
            if records:
                outcomes.extend(self._load_batch(records))
            for outcome in outcomes:
                report.add(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
        return report

    def _load_batch(self, records: list[tuple[str | None, ArticleRecord]]) -> list[LoadOutcome]:
        """Load a batch in one transaction. Its changed articles are written together in one
        savepoint (one executemany per table for the batch); if the database refuses that, each
        is written again in a savepoint of its own, so that only the article it refuses is out."""
        pending: set[str] = set()  # reference ids written in this transaction, known once it commits
        outcomes: list[LoadOutcome] = []
        changed: list[_Change] = []
        ids = [record.id for _, record in records]
        with self.engine.begin() as connection:
            _lock_articles(connection, ids)
            loaded = _loaded_versions(connection, ids)
            for location, record in records:
                version = (record.source.sha256, record.schema_version)
                before = loaded.get(record.id)
                if before == version and not self.force:
                    outcomes.append(LoadOutcome(Status.UNCHANGED, record.id, location))
                    continue
                loaded[record.id] = version
                rows = article_rows(record, References(self.gazetteer, self._known))
                changed.append(_Change(len(outcomes), location, rows, replaces=before is not None))
                outcomes.append(LoadOutcome(Status.REPLACED if before is not None else Status.LOADED, record.id, location))
            together = len(changed) > 1 and len({c.rows.article["id"] for c in changed}) == len(changed)
            if not together or self._try_write(connection, changed, pending) is not None:
                for change in changed:
                    if (error := self._try_write(connection, [change], pending)) is not None:
                        outcomes[change.place] = LoadOutcome(Status.FAILED, change.rows.article["id"], change.location, error)
        self._known |= pending
        return outcomes

    def _try_write(self, connection: Connection, changes: list[_Change], pending: set[str]) -> str | None:
        """Write the changes in a savepoint: None, or (all rolled back) what the database said."""
        try:
            with connection.begin_nested():
                written = self._write(connection, [c.rows for c in changes], {c.rows.article["id"] for c in changes if c.replaces}, pending)
        except (IntegrityError, DataError) as error:
            return first_line(error)
        pending |= written
        return None

    def _write(self, connection: Connection, articles: list[ArticleRows], replaced: set[str], pending: set[str]) -> set[str]:
        """Write the rows of articles (executemany per table); the reference ids written first."""
        written: set[str] = set()
        for kind, table in _REFERENCES.items():
            new: dict[str, dict[str, Any]] = {}
            for rows in articles:
                for key, row in rows.references[kind].items():
                    if key not in self._known and key not in pending and key not in new:
                        new[key] = row
            if new:
                connection.execute(self._ignore_existing[kind], list(new.values()))
                written.update(new)
        if replaced:
            connection.execute(delete(schema.articles).where(schema.articles.c.id.in_(replaced)))
        connection.execute(insert(schema.articles), [rows.article for rows in articles])
        for name, table in _FACTS.items():
            fact_rows = [row for rows in articles for row in rows.facts[name]]
            if fact_rows:
                connection.execute(insert(table), fact_rows)
        return written


@dataclass(frozen=True)
class _Change:
    """An article to write: its place among the batch's outcomes, and its rows."""

    place: int
    location: str | None
    rows: ArticleRows
    replaces: bool


def _insert_ignoring_existing(table: Table, dialect: str) -> Insert:
    """INSERT … ON CONFLICT (id) DO NOTHING: reference rows are shared, the first one stays."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:
        raise ValueError(f"racefacts loads into SQLite or PostgreSQL, not {dialect}")
    return dialect_insert(table).on_conflict_do_nothing(index_elements=["id"])


def _lock_articles(connection: Connection, ids: list[str]) -> None:
    """Let another loader writing one of these articles finish first. On PostgreSQL, a
    transaction-level advisory lock per article id, taken in one order (sorted keys) so that two
    loaders never wait for each other: without it, both would find an article absent and the
    second's insert would fail. (On SQLite the transaction holds the write lock already: see
    engine.writing_engine.)"""
    if connection.dialect.name != "postgresql":
        return
    keys = sorted({int.from_bytes(hashlib.blake2b(i.encode(), digest_size=8).digest(), "big", signed=True) for i in ids})
    connection.execute(text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) AS k"), {"keys": keys})


def _loaded_versions(connection: Connection, ids: list[str]) -> dict[str, tuple[str, str]]:
    a = schema.articles.c
    found = connection.execute(select(a.id, a.sha256, a.schema_version).where(a.id.in_(set(ids))))
    return {row.id: (row.sha256, row.schema_version) for row in found}


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
