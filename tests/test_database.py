"""The results database: loading records of corpus/ into SQLite and PostgreSQL, idempotently and
atomically per article, the migrations agreeing with the tables, and the questions users ask.

Every test runs against SQLite (a file in tmp_path) and against the PostgreSQL server on
127.0.0.1:5432 (user postgres, database test), each test in a schema of its own that is dropped
afterwards; the PostgreSQL runs are skipped when no server answers.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.database import Loader, Status, make_engine, upgrade
from pipeline.database import loading, schema
from pipeline.database.entities import References
from pipeline.database.migrate import downgrade, head_revision
from pipeline.database.queries import find, one_day_results_of, programme_of, quotes_of, results_of, standings_of, winners_of
from pipeline.database.rows import article_rows
from pipeline.gazetteer import Gazetteer
from pipeline.record_files import StoredRecord, iter_records
from pipeline.records import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ROOT / "outputs"
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
VIEWS = {"rider_results", "stage_winners", "gc_standings", "rider_programmes", "speaker_quotes"}
runner = CliRunner()
_schemas = itertools.count()


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    engine = make_engine(POSTGRES, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except Exception:  # noqa: BLE001 - any failure to connect means: no server for these tests
        engine.dispose()
        pytest.skip("PostgreSQL not answering on 127.0.0.1:5432")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a PostgreSQL schema of this test's own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'results.db'}"
        return
    admin = request.getfixturevalue("postgres_admin")
    name = f"racefacts_test_{os.getpid()}_{next(_schemas)}"
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {name}"))
    try:
        yield f"{POSTGRES}?options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {name} CASCADE"))


@pytest.fixture
def engine(db_url) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    from pipeline.gazetteer import default_patterns_dir

    return Gazetteer.from_dir(default_patterns_dir() / "kb")


@pytest.fixture
def loader(engine, gazetteer) -> Loader:
    return Loader(engine, gazetteer)


def stored() -> list[StoredRecord]:
    items = list(iter_records([OUTPUTS]))
    assert items and all(isinstance(item, StoredRecord) for item in items)
    return items  # type: ignore[return-value]


def record(name: str) -> ArticleRecord:
    return ArticleRecord.model_validate_json((OUTPUTS / f"{name}.json").read_text(encoding="utf-8"))


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {t.name: connection.scalar(select(func.count()).select_from(t)) for t in schema.metadata.sorted_tables}


def article_counts(engine: Engine, article_id: str) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            t.name: connection.scalar(select(func.count()).select_from(t).where(t.c.article_id == article_id))
            for t in schema.FACT_TABLES
        }


# --- loading ----------------------------------------------------------------------------------


def test_outputs_load_and_a_riders_results_are_the_records(engine, loader):
    report = loader.load_all(stored())
    assert report.ok and report.counts[Status.LOADED] == len(list(OUTPUTS.glob("*.json"))) == 14
    expected = [r for r in record("t101_paris_nice_stage5").results if r.rider_id == "rider:mads-pedersen"]
    assert ("stage", 5, 1, 15153) in {(r.classification, r.stage, r.rank, r.time) for r in expected}
    with engine.connect() as connection:
        riders = find(connection, "rider", "Mads Pedersen")
        rows = results_of(connection, list(riders))
    assert riders == {"rider:mads-pedersen": "Mads Pedersen"}
    got = {(r["race_name"], r["year"], r["stage"], r["classification"], r["rank"], r["time"], r["gap"], r["team"]) for r in rows}
    assert ("Paris-Nice", 2024, 5, "stage", 1, 15153, None, "Lidl-Trek") in got
    assert ("Paris-Nice", 2024, 5, "gc", 4, None, 54, "Lidl-Trek") in got
    assert len(rows) == len(expected) + sum(
        r.rider_id == "rider:mads-pedersen" for item in stored() if item.record.id != "t101_paris_nice_stage5" for r in item.record.results
    )
    assert all(r["article_id"] == "t101_paris_nice_stage5" and r["published"].isoformat() == "2024-03-08" for r in rows)


def test_every_fact_of_every_record_is_a_row(engine, loader):
    loader.load_all(stored())
    counts = row_counts(engine)
    records = [item.record for item in stored()]
    assert counts["articles"] == len(records)
    for table, facts in [("results", "results"), ("gaps", "gaps"), ("quotes", "quotes"), ("programmes", "programmes"), ("climb_facts", "climbs"), ("mentions", "entities")]:
        assert counts[table] == sum(len(getattr(r, facts)) for r in records), table
    with engine.connect() as connection:
        article = connection.execute(select(schema.articles).where(schema.articles.c.id == "t101_paris_nice_stage5")).mappings().one()
        first = connection.execute(select(schema.results).where(schema.results.c.article_id == "t101_paris_nice_stage5", schema.results.c.ordinal == 0)).mappings().one()
        rider = connection.execute(select(schema.riders).where(schema.riders.c.id == "rider:mads-pedersen")).mappings().one()
        team = connection.execute(select(schema.teams).where(schema.teams.c.id == "team:trek")).mappings().one()
    source = record("t101_paris_nice_stage5")
    assert (article["sha256"], article["schema_version"], article["race_id"], article["year"], article["stage"]) == (
        source.source.sha256, source.schema_version, "race:paris-nice", 2024, 5,
    )
    evidence = source.results[0].evidence
    assert (first["start_char"], first["end_char"], first["sentence"]) == (evidence.start, evidence.end, evidence.sentence)
    assert article["text"][first["start_char"]:first["end_char"]] == source.text[evidence.start:evidence.end]
    assert first["stage_id"] == "race:paris-nice/2024/5"
    assert (rider["name"], rider["linked"], rider["name_key"]) == ("Mads Pedersen", True, "mads pedersen")
    assert rider["nationality"] == "DEN" and team["name"] == "Lidl-Trek"


def test_loading_twice_adds_no_row(engine, loader):
    first = loader.load_all(stored())
    before = row_counts(engine)
    again = Loader(engine).load_all(stored())  # a new loader: nothing cached
    assert first.counts[Status.LOADED] == 14 and again.counts == {Status.UNCHANGED: 14}
    assert row_counts(engine) == before
    assert all(before[t.name] > 0 for t in schema.metadata.sorted_tables)


def test_one_record_at_a_time(engine, loader):
    pedersen = record("t101_paris_nice_stage5")
    outcome = loader.load(pedersen)
    assert (outcome.status, outcome.id) == (Status.LOADED, pedersen.id)
    assert loader.load(pedersen).status is Status.UNCHANGED
    assert article_counts(engine, pedersen.id)["results"] == len(pedersen.results)


def test_a_changed_record_replaces_the_facts_of_its_article(engine, loader):
    loader.load_all(stored())
    before = row_counts(engine)
    old = record("t101_paris_nice_stage5")
    new = old.model_copy(update={"source": old.source.model_copy(update={"sha256": "0" * 64}), "results": old.results[1:]})
    outcome = loader.load(new)
    assert outcome.status is Status.REPLACED
    after = row_counts(engine)
    assert after["results"] == before["results"] - 1
    assert {t: n for t, n in after.items() if t != "results"} == {t: n for t, n in before.items() if t != "results"}
    with engine.connect() as connection:
        sha = connection.scalar(select(schema.articles.c.sha256).where(schema.articles.c.id == old.id))
        ranks = connection.execute(
            select(schema.results.c.ordinal, schema.results.c.rank, schema.results.c.rider).where(schema.results.c.article_id == old.id).order_by(schema.results.c.ordinal)
        ).all()
    assert sha == "0" * 64
    assert [(n, rank, rider) for n, rank, rider in ranks] == [(n, r.rank, r.rider) for n, r in enumerate(new.results)]
    assert loader.load(new).status is Status.UNCHANGED


def test_a_new_schema_version_replaces_too(engine, loader):
    current = record("t102_giro_zoncolan")
    older = current.model_copy(update={"schema_version": "1.1", "quotes": []})  # as an older racefacts wrote it
    assert loader.load(older).status is Status.LOADED
    assert article_counts(engine, current.id)["quotes"] == 0
    assert loader.load(current).status is Status.REPLACED
    assert article_counts(engine, current.id)["quotes"] == len(current.quotes) > 0


def test_an_invalid_record_is_reported_and_the_rest_load(engine, loader, tmp_path):
    records = [record(name) for name in ("t101_paris_nice_stage5", "t102_giro_zoncolan", "t104_tour_ventoux")]
    bad = json.loads(records[1].model_dump_json())
    bad["id"] = "bad-rank"
    bad["results"][0]["rank"] = 0
    lines = [records[0].model_dump_json(), json.dumps(bad), records[1].model_dump_json(), "{not json", records[2].model_dump_json()]
    dump = tmp_path / "records.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = loader.load_all(iter_records([dump]))
    assert report.counts == {Status.LOADED: 3, Status.INVALID: 2}
    assert [(p.status, p.location) for p in report.problems] == [(Status.INVALID, f"{dump}:2"), (Status.INVALID, f"{dump}:4")]
    assert "results.0.rank" in report.problems[0].message and "not JSON" in report.problems[1].message
    assert row_counts(engine)["articles"] == 3


def test_a_failure_mid_article_leaves_its_previous_rows(engine, loader, monkeypatch):
    loader.load_all(stored())
    before, t101 = row_counts(engine), article_counts(engine, "t101_paris_nice_stage5")
    real_insert = loading.insert

    def failing_insert(table):  # the quotes come after the article row, its results and gaps
        if table.name == "quotes":
            raise RuntimeError("injected: the disk is full")
        return real_insert(table)

    monkeypatch.setattr(loading, "insert", failing_insert)
    old = record("t101_paris_nice_stage5")
    changed = old.model_copy(update={"source": old.source.model_copy(update={"sha256": "1" * 64}), "results": old.results[:3]})
    with pytest.raises(RuntimeError, match="injected"):
        loader.load(changed)
    assert row_counts(engine) == before and article_counts(engine, old.id) == t101
    with engine.connect() as connection:
        assert connection.scalar(select(schema.articles.c.sha256).where(schema.articles.c.id == old.id)) == old.source.sha256
    monkeypatch.setattr(loading, "insert", real_insert)
    assert loader.load(changed).status is Status.REPLACED


def test_an_article_the_database_refuses_is_skipped_and_the_rest_load(engine, gazetteer, monkeypatch):
    """The first article fails after writing its new riders and races: they are rolled back with
    it (the batch is tried whole, then article by article), and the articles after it that name
    them write them again (the loader's cache of known rows must not believe them written)."""
    refused = "000_561fe1d79377b5a7"
    loader = Loader(engine, gazetteer, batch_size=5)
    original_write = loader._write

    def write(connection, articles, replaced, pending):
        written = original_write(connection, articles, replaced, pending)
        if refused in {rows.article["id"] for rows in articles}:
            raise IntegrityError("INSERT INTO results …", {}, Exception("injected: refused"))
        return written

    monkeypatch.setattr(loader, "_write", write)
    report = loader.load_all(stored())
    assert report.counts == {Status.LOADED: 13, Status.FAILED: 1}
    assert (report.problems[0].id, report.problems[0].message) == (refused, "injected: refused")
    assert sum(article_counts(engine, refused).values()) == 0
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(schema.articles).where(schema.articles.c.id == refused)) == 0
        assert connection.scalar(select(schema.races.c.name).where(schema.races.c.id == "race:tour-of-oman")) == "Tour of Oman"
    monkeypatch.undo()
    assert Loader(engine, gazetteer).load_all(stored()).counts == {Status.LOADED: 1, Status.UNCHANGED: 13}


def test_names_the_gazetteer_lacks_are_one_row_whatever_their_spelling(engine, loader):
    base = record("t101_paris_nice_stage5")
    results = []
    for n, name in enumerate(["Jonas RUTSCH", "Jonas Rutsch"]):
        results.append(base.results[0].model_copy(update={"rider": name, "rider_id": None, "team": "Team Nowhere", "team_id": None, "rank": n + 1}))
    unknown = base.model_copy(update={"id": "unknown-riders", "results": results})
    refs = References(loader.gazetteer)
    rows = article_rows(unknown, refs)
    assert [r["rider_id"] for r in rows.facts["results"]] == ["rider:~jonas-rutsch"] * 2
    loader.load(unknown)
    with engine.connect() as connection:
        rider = connection.execute(select(schema.riders).where(schema.riders.c.id == "rider:~jonas-rutsch")).mappings().one()
        team = connection.execute(select(schema.teams).where(schema.teams.c.id == "team:~team-nowhere")).mappings().one()
        assert (rider["name"], rider["linked"], team["linked"]) == ("Jonas RUTSCH", False, False)
        assert find(connection, "rider", "jonas rutsch") == {"rider:~jonas-rutsch": "Jonas RUTSCH"}


def test_a_nul_character_is_no_reason_to_refuse_an_article(engine, loader):
    base = record("t104_tour_ventoux")
    nul = base.model_copy(update={"id": "nul", "text": base.text.replace(" ", "\x00", 1)})
    assert loader.load(nul).status is Status.LOADED
    with engine.connect() as connection:
        text_loaded = connection.scalar(select(schema.articles.c.text).where(schema.articles.c.id == "nul"))
    assert len(text_loaded) == len(base.text) and "\x00" not in text_loaded


# --- the schema and its migrations --------------------------------------------------------------


def test_the_migration_creates_exactly_the_tables_of_the_models(engine):
    upgrade(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), schema.metadata) == []
        inspector = inspect(connection)
        assert set(inspector.get_view_names()) == VIEWS
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()
        foreign = {(fk["referred_table"], tuple(fk["constrained_columns"]), fk["options"].get("ondelete")) for fk in inspector.get_foreign_keys("results")}
    assert ("articles", ("article_id",), "CASCADE") in foreign and ("riders", ("rider_id",), None) in foreign


def test_downgrade_removes_everything_and_upgrade_again_works(engine, loader):
    loader.load(record("t101_paris_nice_stage5"))
    downgrade(engine, "base")
    with engine.connect() as connection:
        inspector = inspect(connection)
        assert set(inspector.get_table_names()) == {"alembic_version"} and inspector.get_view_names() == []
    upgrade(engine)
    assert Loader(engine).load(record("t101_paris_nice_stage5")).status is Status.LOADED


def test_a_fact_cannot_be_stored_twice(engine, loader):
    loader.load(record("t101_paris_nice_stage5"))
    with engine.connect() as connection:
        row = dict(connection.execute(select(schema.results).where(schema.results.c.article_id == "t101_paris_nice_stage5").limit(1)).mappings().one())
        with pytest.raises(IntegrityError):
            connection.execute(schema.results.insert(), row)
        connection.rollback()
        with pytest.raises(IntegrityError):  # every fact belongs to an article that exists
            connection.execute(schema.results.insert(), {**row, "article_id": "no-such-article"})
        connection.rollback()


# --- the queries --------------------------------------------------------------------------------


def test_a_races_stage_winners_and_gc_after_each_stage(engine, loader):
    loader.load_all(stored())
    with engine.connect() as connection:
        races = find(connection, "race", "paris nice")
        winners = winners_of(connection, list(races), 2024)
        standings = standings_of(connection, list(races), 2024)
        by_alias = find(connection, "race", "Race to the Sun")
        oman = find(connection, "race", "Tour of Oman")
        oman_winners = winners_of(connection, list(oman))
        strade = one_day_results_of(connection, list(find(connection, "race", "strade bianche")))
    assert races == by_alias == {"race:paris-nice": "Paris-Nice"}
    assert [(w["stage"], w["rider_name"], w["team"]) for w in winners] == [(2, "Mads Pedersen", "Lidl-Trek"), (5, "Mads Pedersen", "Lidl-Trek")]
    gc = [r for r in record("t101_paris_nice_stage5").results if r.classification == "gc"]
    assert [(s["stage"], s["rank"], s["rider_name"], s["gap"]) for s in standings] == [(5, r.rank, r.rider, r.gap) for r in gc]
    assert (standings[0]["rider_name"], standings[0]["time"]) == ("Primož Roglič", 67212)
    assert ("Jesús Herrada", 2) in {(w["rider_name"], w["stage"]) for w in oman_winners}
    assert [(r["rank"], r["rider_name"]) for r in strade][:2] == [(1, "Lotte Kopecky"), (2, "Demi Vollering")]


def test_a_riders_programme_and_quotes_by_a_speaker(engine, loader):
    loader.load_all(stored())
    expected = {p.race_id for p in record("t432_pogacar_spring_programme").programmes if p.rider_id == "rider:tadej-pogacar"}
    with engine.connect() as connection:
        riders = find(connection, "rider", "pogacar")
        programme = programme_of(connection, list(riders))
        said = quotes_of(connection, list(find(connection, "rider", "PRIMOZ ROGLIC")), "PRIMOZ ROGLIC")
        manager = quotes_of(connection, list(find(connection, "rider", "Giuseppe Martinelli")), "Giuseppe Martinelli")
        by_id = quotes_of(connection, ["rider:mads-pedersen"], "rider:mads-pedersen")
    assert riders == {"rider:tadej-pogacar": "Tadej Pogačar"}
    assert {p["race_id"] for p in programme} == expected and "race:tour-de-france" in expected
    roglic = [q.text for item in stored() for q in item.record.quotes if q.speaker_id == "rider:primoz-roglic"]
    assert sorted(q["text"] for q in said) == sorted(roglic) and len(roglic) == 6
    assert {q["speaker"] for q in manager} == {"Giuseppe Martinelli"} and len(manager) == 2  # no gazetteer id: matched by name
    assert {q["article_id"] for q in by_id} == {"t101_paris_nice_stage5", "t431_lidl_trek_tour_down_under_squad"}


def test_names_are_found_by_any_spelling_alias_word_or_id(engine, loader):
    loader.load_all(stored())
    with engine.connect() as connection:
        assert find(connection, "rider", "TADEJ POGACAR") == find(connection, "rider", "rider:tadej-pogacar") == {"rider:tadej-pogacar": "Tadej Pogačar"}
        assert find(connection, "rider", "Kasia Niewiadoma") == {"rider:katarzyna-niewiadoma": "Katarzyna Niewiadoma"}
        assert "rider:mads-pedersen" in find(connection, "rider", "Pedersen")
        assert find(connection, "rider", "Nobody Atall") == {} and find(connection, "rider", "%") == {}


def test_a_freshly_extracted_article_loads(engine, loader, seed):
    herrada = seed("003")
    assert loader.load(herrada).status is Status.LOADED
    with engine.connect() as connection:
        rows = results_of(connection, list(find(connection, "rider", "Jesus Herrada")))
    assert ("Tour of Oman", 2, "stage", 1) in {(r["race_name"], r["stage"], r["classification"], r["rank"]) for r in rows}


# --- the command line ---------------------------------------------------------------------------


def test_load_and_query_commands(db_url, tmp_path):
    empty = runner.invoke(app, ["query", "rider", "Mads Pedersen", "--db", db_url])
    assert empty.exit_code == 1 and ("no database file" in empty.output or "no racefacts tables" in empty.output)
    dump = tmp_path / "more.jsonl"
    dump.write_text(record("t101_paris_nice_stage5").model_copy(update={"id": "copy"}).model_dump_json() + "\n{\"id\": 1}\n", encoding="utf-8")
    result = runner.invoke(app, ["load", str(OUTPUTS), str(dump), "--db", db_url])
    assert result.exit_code == 1, result.output
    assert "16 records" in result.output and "15 loaded" in result.output and "1 invalid" in result.output
    assert f"invalid {dump}:2" in result.output
    again = runner.invoke(app, ["load", str(OUTPUTS), "--db", db_url])
    assert again.exit_code == 0 and "14 unchanged" in again.output and "0 loaded" in again.output

    rider = runner.invoke(app, ["query", "rider", "Mads Pedersen", "--db", db_url])
    assert rider.exit_code == 0, rider.output
    lines = [line.split() for line in rider.output.splitlines()]
    assert ["2024-03-08", "Paris-Nice", "2024", "5", "stage", "1", "Lidl-Trek", "4:12:33", "t101_paris_nice_stage5"] in lines
    race = runner.invoke(app, ["query", "race", "Paris-Nice", "--year", "2024", "--json", "--db", db_url])
    rows = [json.loads(line) for line in race.output.splitlines()]
    assert {(r["stage"], r["rider_name"]) for r in rows if r["kind"] == "stage_winner"} == {(2, "Mads Pedersen"), (5, "Mads Pedersen")}
    assert [(r["rank"], r["rider_name"]) for r in rows if r["kind"] == "gc"][0] == (1, "Primož Roglič")
    programme = runner.invoke(app, ["query", "programme", "Tadej Pogacar", "--db", db_url])
    assert programme.exit_code == 0 and "Milan-San Remo" in programme.output
    quotes = runner.invoke(app, ["query", "quotes", "martinelli", "--json", "--db", db_url])
    assert [json.loads(line)["speaker"] for line in quotes.output.splitlines()] == ["Giuseppe Martinelli"] * 2
    missing = runner.invoke(app, ["query", "rider", "Nobody Atall", "--db", db_url])
    assert missing.exit_code == 1 and "no rider" in missing.output


def test_two_loaders_at_once_load_every_article_once(db_url, tmp_path):
    """Two `racefacts load` processes on one database, the same 420 articles, at the same time:
    neither fails ("database is locked" on SQLite, a duplicate key on PostgreSQL), each article
    is loaded by one of them and found unchanged by the other, and its facts are there once."""
    originals = [item.record for item in stored()]
    dump = tmp_path / "many.jsonl"
    with dump.open("w", encoding="utf-8") as out:
        for n in range(30):
            for original in originals:
                copy = original.model_copy(update={"id": f"{original.id}-{n}", "source": original.source.model_copy(update={"sha256": f"{n:064x}"})})
                out.write(copy.model_dump_json() + "\n")
    count = 30 * len(originals)
    upgrade(make_engine(db_url))  # as both would, one after the other; the race is over the articles
    command = [sys.executable, "-m", "pipeline", "load", str(dump), "--db", db_url, "--batch-size", "20"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    done = [re.search(r"(\d+) loaded, 0 replaced, (\d+) unchanged, 0 invalid, 0 failed", output) for output in outputs]
    assert all(done), outputs
    assert sum(int(m[1]) for m in done) == count and sum(int(m[2]) for m in done) == count
    engine = make_engine(db_url)
    try:
        counts = row_counts(engine)
    finally:
        engine.dispose()
    assert counts["articles"] == count
    assert counts["results"] == 30 * sum(len(r.results) for r in originals)


def test_a_server_that_does_not_answer_is_an_error_not_a_traceback():
    result = runner.invoke(app, ["load", str(OUTPUTS), "--db", "postgresql://postgres@127.0.0.1:1/test"])
    assert result.exit_code == 1 and "cannot use the database postgresql://postgres@127.0.0.1:1/test: connection failed" in result.output


def test_query_without_a_database_says_so(tmp_path):
    result = runner.invoke(app, ["query", "rider", "Mads Pedersen", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert result.exit_code == 1 and "no database file" in result.output
    assert not (tmp_path / "none.db").exists()


def test_query_tables_print_article_text_as_written(db_url):
    """Article text is no rich markup: an editor's "[sic]" or a stray "[/b]" in a quote is printed,
    not taken for a style (dropped) or a closing tag (a MarkupError)."""
    base = record("t102_giro_zoncolan")
    quote = base.quotes[0].model_copy(update={"speaker": "Anna [the DS] Bracket", "speaker_id": None, "text": "It was [sic] hard [/b] today"})
    engine = make_engine(db_url)
    try:
        Loader(engine).load(base.model_copy(update={"id": "brackets", "quotes": [quote]}))
    finally:
        engine.dispose()
    result = runner.invoke(app, ["query", "quotes", "bracket", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "“It was [sic] hard [/b] today”" in result.output and "Anna [the DS] Bracket" in result.output
