"""The tables of the results database: SQLAlchemy Core, the one definition the loader, the
queries and the migrations' consistency test read.

The JSON record (pipeline/records.py) stays the source of what an article says; these tables
are how a database keeps it for questions across articles. Two kinds of table:

- reference tables (`riders`, `teams`, `races`, `climbs`, `stages`): one row per thing,
  shared by every article. Their primary key is the gazetteer id ("rider:mads-pedersen") when
  the record has one (`linked` true), otherwise an id made from the kind and the folded name
  ("rider:~jonas-rutsch", see `entities.entity_key`), so a name the gazetteer lacks is still
  one row whatever its case or accents. `name_key` is the folded name, for look-ups by name.
  A stage's id is its race, year and number ("race:paris-nice/2024/5"; "…/prologue" for
  number 0; no year part when the article gives none).
- fact tables (`results`, `gaps`, `quotes`, `programmes`, `climb_facts`, `mentions`): rows of
  one article, keyed by (article_id, ordinal), the fact's place in the record's list, so the
  same fact cannot be stored twice; deleting the article deletes them (ON DELETE CASCADE),
  which is how a re-extracted article replaces its facts. `start_char`/`end_char` are offsets
  into `articles.text`; `sentence` the evidence sentence. Names are kept as the article wrote
  them beside the reference id.

A change here needs a new Alembic revision in migrations/versions (tests compare the two).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
)

# Named constraints, so later migrations (and SQLite's batch mode) can refer to them.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

PROLOGUE = 0  # stage number of a prologue, so stages sort in race order


def _reference(name: str, *extra: Column) -> Table:
    return Table(
        name,
        metadata,
        Column("id", Text, primary_key=True),
        Column("name", Text, nullable=False),
        Column("name_key", Text, nullable=False, index=True),
        Column("linked", Boolean, nullable=False),
        *extra,
    )


riders = _reference(
    "riders",
    Column("nationality", Text),
    Column("birth_year", Integer),
)
teams = _reference(
    "teams",
    Column("nationality", Text),
    Column("uci_code", Text),
)
races = _reference(
    "races",
    Column("race_type", Text),
    Column("gender", Text),
    Column("country", Text),
)
climbs = _reference(
    "climbs",
    Column("country", Text),
    Column("length_km", Float),
    Column("gradient_pct", Float),
    Column("height_m", Integer),
)
stages = Table(
    "stages",
    metadata,
    Column("id", Text, primary_key=True),
    Column("race_id", Text, ForeignKey(races.c.id), nullable=False, index=True),
    Column("year", Integer),
    Column("number", Integer, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("sha256", Text, nullable=False),
    Column("schema_version", String(16), nullable=False),
    Column("source_path", Text),
    Column("source_url", Text),
    Column("source_line", Integer),
    Column("published", Date, index=True),
    Column("headline", Text),
    Column("subheadline", Text),
    Column("dateline", Text),
    Column("publisher", Text),
    # what the article reports (record.about)
    Column("race_id", Text, ForeignKey(races.c.id), index=True),
    Column("race_type", String(16)),
    Column("year", Integer),
    Column("stage", Integer),
    Column("text", Text, nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


def _fact(name: str, *columns: Column | Index, sentence: bool = True) -> Table:
    evidence = [Column("start_char", Integer, nullable=False), Column("end_char", Integer, nullable=False)]
    if sentence:
        evidence.append(Column("sentence", Text, nullable=False))
    return Table(
        name,
        metadata,
        Column("article_id", Text, ForeignKey(articles.c.id, ondelete="CASCADE"), primary_key=True),
        Column("ordinal", Integer, primary_key=True),
        *columns,
        *evidence,
    )


results = _fact(
    "results",
    Column("classification", String(16), nullable=False),
    Column("race", Text),
    Column("race_id", Text, ForeignKey(races.c.id)),
    Column("year", Integer),
    Column("stage", Integer),
    Column("stage_id", Text, ForeignKey(stages.c.id), index=True),
    Column("rank", Integer, nullable=False),
    Column("rider", Text, nullable=False),
    Column("rider_id", Text, ForeignKey(riders.c.id), nullable=False, index=True),
    Column("team", Text),
    Column("team_id", Text, ForeignKey(teams.c.id), index=True),
    Column("time", Integer),
    Column("gap", Integer),
    Column("same_time", Boolean, nullable=False),
    Column("method", String(8), nullable=False),
    Index("ix_results_race", "race_id", "year", "stage"),
)
gaps = _fact(
    "gaps",
    Column("rider", Text, nullable=False),
    Column("rider_id", Text, ForeignKey(riders.c.id), nullable=False, index=True),
    Column("seconds", Integer, nullable=False),
    Column("classification", String(16), nullable=False),
    Column("reference", Text),
    Column("reference_id", Text, ForeignKey(riders.c.id), index=True),
    Column("relation", String(8), nullable=False),
)
quotes = _fact(
    "quotes",
    Column("speaker", Text),
    Column("speaker_key", Text, index=True),
    # the speaker's rider row, when the record links the speaker to a rider
    Column("rider_id", Text, ForeignKey(riders.c.id), index=True),
    Column("text", Text, nullable=False),
)
programmes = _fact(
    "programmes",
    Column("rider", Text, nullable=False),
    Column("rider_id", Text, ForeignKey(riders.c.id), nullable=False, index=True),
    Column("race", Text, nullable=False),
    Column("race_id", Text, ForeignKey(races.c.id), nullable=False, index=True),
)
climb_facts = _fact(
    "climb_facts",
    Column("name", Text, nullable=False),
    Column("climb_id", Text, ForeignKey(climbs.c.id), nullable=False, index=True),
    Column("length_km", Float),
    Column("gradient_pct", Float),
)
# entity_id is the id of a row of riders, teams, races or climbs (by label); it has no foreign
# key because it points into one of four tables. PERSON mentions (speakers the gazetteer does
# not know) have none.
mentions = _fact(
    "mentions",
    Column("label", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("canonical", Text),
    Column("entity_id", Text, index=True),
    Column("source", String(16), nullable=False),
    sentence=False,
)

REFERENCE_TABLES = (riders, teams, races, climbs, stages)
FACT_TABLES = (results, gaps, quotes, programmes, climb_facts, mentions)
