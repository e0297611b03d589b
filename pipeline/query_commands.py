"""`racefacts query`: the questions users ask the results database first, as commands.

They live apart from cli.py so that the command line stays a table of contents; SQLAlchemy is
imported only when a query runs, so `racefacts --help` and `extract` do not pay for it.

Each command opens the database `racefacts load` filled (refusing, with a clear message, one
that does not exist or was never loaded), finds the names asked for the way the queries module
does (any case or accents, one word of a name, or an id) and prints a table, or JSON lines with
`--json` for scripts.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .terminal import err, first_line, problem

if TYPE_CHECKING:
    from sqlalchemy import Connection


DbOption = Annotated[
    str,
    typer.Option("--db", envvar="RACEFACTS_DB", help="Database URL: sqlite:///FILE, or postgresql+psycopg://USER[:PASSWORD]@HOST[:PORT]/DATABASE."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per row, for scripts.")]
query_app = typer.Typer(
    help="Ask the results database (filled by racefacts load): a rider's results, a race's winners and standings, a rider's programme, quotes by a speaker.",
    no_args_is_help=True,
)


def _query_database(db: str):
    """A connection to a loaded database, or a clear exit when there is none."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    from .database import make_engine
    from .database.engine import missing_sqlite_file
    from .database.migrate import SchemaNotCurrent, check_current

    shown = make_url(db).render_as_string(hide_password=True)
    if (missing := missing_sqlite_file(db)) is not None:
        problem("error", f"no database file {missing}: load records first (racefacts load OUTPUT --db {shown})")
        raise typer.Exit(1)
    engine = make_engine(db)
    try:
        connection = engine.connect()
        check_current(connection)
    except OperationalError as error:
        engine.dispose()
        problem("error", f"cannot use the database {shown}: {first_line(error)}")
        raise typer.Exit(1)
    except SchemaNotCurrent as error:
        connection.close()
        engine.dispose()
        problem("error", f"{shown}: {error}")
        raise typer.Exit(1)
    return engine, connection


@contextmanager
def _database(db: str) -> Iterator[Connection]:
    """The loaded database's connection for one command; the engine is let go after it."""
    engine, connection = _query_database(db)
    try:
        with connection:
            yield connection
    finally:
        engine.dispose()


def _named(found: dict[str, str]) -> str:
    return "; ".join(f"{name} ({found_id})" for found_id, name in found.items())


def _found(connection, kind: str, name: str) -> dict[str, str]:
    from .database.queries import find

    found = find(connection, kind, name)
    if not found:
        err.print(f"no {kind} in the database matches {name!r}", highlight=False, markup=False)
        raise typer.Exit(1)
    return found


def _show(title: str, columns: list[str], rows: list[list[object]]) -> None:
    from .database.display import console, table

    console().print(table(title, columns, rows))


@query_app.command("rider")
def query_rider(
    name: Annotated[str, typer.Argument(help="The rider's name (any case or accents, or one word of it) or id (rider:...).")],
    year: Annotated[Optional[int], typer.Option("--year", help="Only results of this year's races.")] = None,
    db: DbOption = "sqlite:///results.db",
    as_json: JsonOption = False,
) -> None:
    """A rider's results: each placing an article reports, newest article first."""
    from .database.display import json_lines, stage_label
    from .database.queries import results_of
    from .text.clock import clock

    with _database(db) as connection:
        riders = _found(connection, "rider", name)
        rows = results_of(connection, list(riders), year)
    if as_json:
        sys.stdout.write(json_lines(rows))
        return
    several = len(riders) > 1
    title = _named(riders) + f": {len(rows)} results"
    columns = ["rider"] * several + ["published", "race", "year", "stage", "class.", "rank", "team", "time", "gap", "article"]
    _show(title, columns, [
        [r["rider_name"]] * several + [r["published"], r["race_name"], r["year"], stage_label(r["stage"]), r["classification"], r["rank"],
         r["team"], clock(r["time"]), clock(r["gap"], "+"), r["article_id"]]
        for r in rows
    ])


@query_app.command("race")
def query_race(
    name: Annotated[str, typer.Argument(help="The race's name (any case or accents, any name the gazetteer knows) or id (race:...).")],
    year: Annotated[Optional[int], typer.Option("--year", help="Only this edition.")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Places of each standing to show.")] = 10,
    db: DbOption = "sqlite:///results.db",
    as_json: JsonOption = False,
) -> None:
    """A race's stage winners, its general classification after each stage, and one-day results."""
    from .database.display import json_lines, stage_label
    from .database.queries import one_day_results_of, standings_of, winners_of
    from .text.clock import clock

    with _database(db) as connection:
        races = _found(connection, "race", name)
        winners = winners_of(connection, list(races), year)
        standings = standings_of(connection, list(races), year, top)
        one_day = one_day_results_of(connection, list(races), year, top)
    if as_json:
        sys.stdout.write(json_lines([{"kind": "stage_winner", **w} for w in winners] + [{"kind": "gc", **s} for s in standings] + [{"kind": "race", **r} for r in one_day]))
        return
    from .database.display import console

    console().print(_named(races) + (f", {year}" if year else ""), highlight=False, markup=False)
    several = len(races) > 1
    if winners:
        _show("Stage winners", ["race"] * several + ["year", "stage", "winner", "team", "time", "articles"], [
            [w["race_name"]] * several + [w["year"], stage_label(w["stage"]), w["rider_name"], w["team"], clock(w["time"]), w["articles"]]
            for w in winners
        ])
    if standings:
        _show("General classification after each stage", ["race"] * several + ["year", "after stage", "rank", "rider", "team", "time", "gap"], [
            [s["race_name"]] * several + [s["year"], stage_label(s["stage"]) or "?", s["rank"], s["rider_name"], s["team"], clock(s["time"]), clock(s["gap"], "+")]
            for s in standings
        ])
    if one_day:
        _show("Results", ["race"] * several + ["year", "rank", "rider", "team", "time", "gap", "article"], [
            [r["race_name"]] * several + [r["year"], r["rank"], r["rider_name"], r["team"], clock(r["time"]), clock(r["gap"], "+"), r["article_id"]]
            for r in one_day
        ])
    if not (winners or standings or one_day):
        console().print("no results of it in the database")


@query_app.command("programme")
def query_programme(
    name: Annotated[str, typer.Argument(help="The rider's name or id (rider:...).")],
    db: DbOption = "sqlite:///results.db",
    as_json: JsonOption = False,
) -> None:
    """The races a rider is announced to ride, and the articles that say so."""
    from .database.display import json_lines
    from .database.queries import programme_of

    with _database(db) as connection:
        riders = _found(connection, "rider", name)
        rows = programme_of(connection, list(riders))
    if as_json:
        sys.stdout.write(json_lines(rows))
        return
    several = len(riders) > 1
    title = _named(riders) + f": {len(rows)} announced races"
    _show(title, ["rider"] * several + ["race", "published", "article"], [
        [r["rider_name"]] * several + [r["race_name"], r["published"], r["article_id"]] for r in rows
    ])


@query_app.command("quotes")
def query_quotes(
    name: Annotated[str, typer.Argument(help="The speaker's name (riders and anyone else quoted) or a rider id.")],
    db: DbOption = "sqlite:///results.db",
    as_json: JsonOption = False,
) -> None:
    """What a speaker said, with the article it was printed in."""
    from .database.display import json_lines
    from .database.queries import find, quotes_of

    with _database(db) as connection:
        riders = find(connection, "rider", name)
        rows = quotes_of(connection, list(riders), name)
    if as_json:
        sys.stdout.write(json_lines(rows))
        return
    if not rows:
        err.print(f"no quotes in the database by {name!r}", highlight=False, markup=False)
        raise typer.Exit(1)
    _show(f"{len(rows)} quotes", ["speaker", "published", "article", "quote"], [
        [r["speaker"], r["published"], r["article_id"], f"“{r['text']}”"] for r in rows
    ])


