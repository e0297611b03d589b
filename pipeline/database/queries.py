"""The questions users ask first, read from the views the schema creates (see the migration).

Names are looked up the way the pipeline reads them: case, accents and punctuation never
matter ("pogacar" finds Tadej Pogačar), an id ("rider:tadej-pogacar") finds its entity, any
name the gazetteer knows for an entity finds it, and a single word finds every entity with a
name containing that word ("Pedersen").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Boolean, Connection, Date, RowMapping, Select, Table, TableClause, column, literal, or_, select, table

from ..gazetteer import LABEL_FILES, Gazetteer, default_patterns_dir
from ..text.fold import name_key
from . import schema

_TABLES: dict[str, Table] = {"rider": schema.riders, "race": schema.races, "team": schema.teams, "climb": schema.climbs}


_TYPES = {"published": Date(), "same_time": Boolean()}  # SQLite returns dates as text, booleans as 0/1


def _view(name: str, *columns: str) -> TableClause:
    return table(name, *(column(c, _TYPES.get(c)) for c in columns))


rider_results = _view(
    "rider_results", "rider_id", "rider_name", "rider_as_written", "race_id", "race_name", "year", "stage",
    "classification", "rank", "team_id", "team_name", "team", "time", "gap", "same_time", "method",
    "article_id", "published", "headline", "sentence",
)
stage_winners = _view(
    "stage_winners", "race_id", "race_name", "year", "stage", "rider_id", "rider_name", "team_id", "team", "time", "articles",
)
gc_standings = _view(
    "gc_standings", "race_id", "race_name", "year", "stage", "rank", "rider_id", "rider_name", "team_id", "team",
    "time", "gap", "articles",
)
rider_programmes = _view(
    "rider_programmes", "rider_id", "rider_name", "race_id", "race_name", "race_as_written", "article_id", "published",
    "headline", "sentence",
)
speaker_quotes = _view(
    "speaker_quotes", "speaker", "speaker_as_written", "speaker_key", "rider_id", "text", "article_id", "published",
    "headline", "sentence",
)


@lru_cache(maxsize=1)
def _shipped_gazetteer() -> Gazetteer:
    return Gazetteer.from_dir(default_patterns_dir() / "kb")


def find(connection: Connection, kind: str, name: str, gazetteer: Gazetteer | None = None, aliases: bool = True) -> dict[str, str]:
    """The ids and names of the entities of `kind` ("rider", "race", "team", "climb") that
    `name` designates, in the database. The gazetteer (the shipped one unless given) is read
    only when the name is not the database's name of anything."""
    entities = _TABLES[kind]
    by_id = select(entities.c.id, entities.c.name).order_by(entities.c.name, entities.c.id)
    if name.startswith(f"{kind}:"):
        return _pairs(connection, by_id.where(entities.c.id == name))
    key = name_key(name)
    if not key:
        return {}
    found = _pairs(connection, by_id.where(entities.c.name_key == key))
    if not found and aliases:  # another name of the entity: "Kasia Niewiadoma", "Race to the Sun"
        gazetteer = gazetteer or _shipped_gazetteer()
        label = next(label for label, stem in LABEL_FILES.items() if stem == f"{kind}s")
        ids = {entry.id for entry in gazetteer.entries.values() if entry.label == label and key in {name_key(n) for n in entry.names}}
        if ids:
            found = _pairs(connection, by_id.where(entities.c.id.in_(ids)))
    if not found:  # a word of the name: "Pedersen", "Nice"
        padded = literal(" ") + entities.c.name_key + literal(" ")
        found = _pairs(connection, by_id.where(padded.contains(f" {key} ", autoescape=True)))
    return found


def _pairs(connection: Connection, query: Select[Any]) -> dict[str, str]:
    return {row.id: row.name for row in connection.execute(query)}


def _rows(connection: Connection, query: Select[Any]) -> list[RowMapping]:
    return list(connection.execute(query).mappings())


def results_of(connection: Connection, rider_ids: Sequence[str], year: int | None = None) -> list[RowMapping]:
    """A rider's results: every placing any article reports, newest article first."""
    v = rider_results.c
    query = select(rider_results).where(v.rider_id.in_(rider_ids))
    if year is not None:
        query = query.where(v.year == year)
    query = query.order_by(
        v.published.desc().nulls_last(), v.race_name, v.year.desc().nulls_last(), v.stage.desc().nulls_last(),
        v.classification.desc(), v.rank, v.article_id,
    )
    return _rows(connection, query)


def winners_of(connection: Connection, race_ids: Sequence[str], year: int | None = None) -> list[RowMapping]:
    """A race's stage winners, stage by stage."""
    v = stage_winners.c
    query = select(stage_winners).where(v.race_id.in_(race_ids))
    if year is not None:
        query = query.where(v.year == year)
    return _rows(connection, query.order_by(v.race_name, v.year.nulls_first(), v.stage, v.rider_name))


def standings_of(connection: Connection, race_ids: Sequence[str], year: int | None = None, top: int | None = None) -> list[RowMapping]:
    """A race's general classification after each stage (stage None: after an unnamed one)."""
    v = gc_standings.c
    query = select(gc_standings).where(v.race_id.in_(race_ids))
    if year is not None:
        query = query.where(v.year == year)
    if top is not None:
        query = query.where(v.rank <= top)
    return _rows(connection, query.order_by(v.race_name, v.year.nulls_first(), v.stage.nulls_last(), v.rank, v.rider_name))


def one_day_results_of(connection: Connection, race_ids: Sequence[str], year: int | None = None, top: int | None = None) -> list[RowMapping]:
    """Placings in a race as a whole (classification "race": one-day races)."""
    v = rider_results.c
    query = select(rider_results).where(v.race_id.in_(race_ids), v.classification == "race")
    if year is not None:
        query = query.where(v.year == year)
    if top is not None:
        query = query.where(v.rank <= top)
    return _rows(connection, query.order_by(v.race_name, v.year.nulls_first(), v.rank, v.published, v.article_id))


def programme_of(connection: Connection, rider_ids: Sequence[str]) -> list[RowMapping]:
    """The races a rider is announced to ride, with the articles that announce them."""
    v = rider_programmes.c
    query = select(rider_programmes).where(v.rider_id.in_(rider_ids))
    return _rows(connection, query.order_by(v.rider_name, v.published.desc().nulls_last(), v.article_id, v.race_name))


def quotes_of(connection: Connection, rider_ids: Sequence[str], name: str | None = None) -> list[RowMapping]:
    """Quotes by a rider, or by a speaker the gazetteer does not know, matched by name."""
    v = speaker_quotes.c
    conditions = [v.rider_id.in_(rider_ids)] if rider_ids else []
    if name and not name.startswith("rider:") and name_key(name):
        key = name_key(name)
        padded = literal(" ") + v.speaker_key + literal(" ")
        conditions += [v.speaker_key == key, padded.contains(f" {key} ", autoescape=True)]
    if not conditions:
        return []
    query = select(speaker_quotes).where(or_(*conditions))
    return _rows(connection, query.order_by(v.speaker, v.published.desc().nulls_last(), v.article_id))
