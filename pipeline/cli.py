"""The `racefacts` command line."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from .query_commands import DbOption, query_app
from .records import ErrorRecord, json_schema
from .terminal import err, first_line, problem

if TYPE_CHECKING:
    from .sinks import ErrorLog

app = typer.Typer(
    help="Facts from professional cycling news: results, gaps, quotes, programmes and climbs as JSON records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
patterns_app = typer.Typer(help="Build and inspect the gazetteer in patterns/.", no_args_is_help=True)
app.add_typer(patterns_app, name="patterns")
app.add_typer(query_app, name="query")

PatternsOption = Annotated[
    Optional[Path],
    typer.Option("--patterns", help="patterns/ folder to use instead of the one shipped with racefacts.", exists=True, file_okay=False),
]


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files, folders (searched recursively), globs, or - for stdin: .txt, .html, .htm, .jsonl dumps, and each .gz.", show_default=False)],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="A folder for OUT/<id>.json records, or a dump OUT.jsonl / OUT.jsonl.gz; without it, JSON lines on stdout.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=1, help="Processes extracting in parallel (default: the number of cores).")] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS", help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); --workers is then ignored. Needs the dask extra of racefacts.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip the articles whose id and sha256 already have a record in the output.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first article that cannot be read or extracted.")] = False,
    patterns: PatternsOption = None,
) -> None:
    """Extract a record from each article.

    Records are written as they arrive, in input order. Articles that cannot be read or
    extracted become error records in errors.jsonl beside the output (on stderr without -o);
    the batch goes on, and the exit status is 1 when any failed.
    """
    from .batch import SkipDone, WorkersFailing, default_workers, outcomes
    from .reader import count_articles, iter_articles
    from .sinks import ErrorLog, StdoutSink, errors_path, open_sink

    if resume and output is None:
        raise typer.BadParameter("--resume needs an output (-o) to resume", param_hint="--resume")
    started = time.perf_counter()
    workers = workers or default_workers()
    try:
        sink = open_sink(output, resume) if output is not None else StdoutSink()
        errors = ErrorLog(errors_path(output)) if output is not None else None
    except OSError as error:
        problem("error", f"cannot write the output {output}: {_os_error(error)}")
        raise typer.Exit(1)
    resumed = SkipDone(sink.done)
    inputs = resumed(iter_articles(paths))
    count = failed = 0
    written: set[str] = set()  # ids this run has a record for
    shown = err.is_terminal
    stopped: tuple[str, int] | None = None  # how the batch stopped before its end, and the exit status
    with Progress(
        TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=err, disable=not shown, transient=True,
    ) as progress:
        total = count_articles(paths) if shown else None  # one pass over the names and dump lines, for the ETA
        task = progress.add_task("extracting", total=total, rate=0.0)
        try:
            indent = 2 if sink.indented else None
            if dask is None:
                stream = outcomes(inputs, workers, patterns, indent)
            else:  # the same outcomes, extracted on a Dask cluster
                from .distributed import dask_outcomes

                stream = dask_outcomes(inputs, dask, patterns, indent)
            for outcome in stream:
                count += 1
                line, error = outcome.line, outcome.error
                if not error and outcome.id in written:  # a second article of the same id would overwrite the first
                    line, error = _duplicate(outcome.id, outcome.line), True
                if error:
                    failed += 1
                    _report(line, errors)
                    if fail_fast:
                        break
                else:
                    sink.write(outcome.id, outcome.sha256, line)
                    written.add(outcome.id)
                progress.update(task, completed=count + resumed.skipped, rate=count / max(time.perf_counter() - started, 1e-9))
        except KeyboardInterrupt:  # Ctrl-C: every record written so far is whole (the sinks write atomically)
            stopped = ("interrupted", 130)
        except WorkersFailing as error:
            stopped = (f"stopped, the workers failing ({error})", 1)
        except OSError as error:  # the output cannot be written (a full disk, ...): the lines before are whole
            stopped = (f"stopped ({_os_error(error)})", 1)
        finally:
            for closing in (sink, errors):
                try:
                    if closing is not None:
                        closing.close()
                except OSError as error:  # the last buffered lines could not be written
                    stopped = stopped or (f"stopped ({_os_error(error)})", 1)
    if stopped is not None:
        why, status = stopped
        again = "; run the same command with --resume to finish" if output is not None else ""
        err.print(f"{why} after {count + resumed.skipped} articles: {len(written)} records, {failed} errors{again}", soft_wrap=True, highlight=False)
        raise typer.Exit(status)
    seconds = time.perf_counter() - started
    already = f", {resumed.skipped} already done" if resume else ""
    err.print(f"{count + resumed.skipped} articles: {len(written)} records, {failed} errors{already}, {seconds:.1f} s, {count / max(seconds, 1e-9):.1f} articles/s")
    if failed:
        raise typer.Exit(1)


def _os_error(error: OSError) -> str:
    """"No space left on device: out.jsonl" rather than "[Errno 28] No space left on device"."""
    if error.strerror is None:
        return str(error)
    return f"{error.strerror}: {error.filename}" if error.filename is not None else error.strerror


def _duplicate(article_id: str, record_line: str) -> str:
    source = json.loads(record_line)["source"]["path"]
    from .batch import dump

    return dump(ErrorRecord(id=article_id, source=source, kind="duplicate_id", message=f"another article has the id {article_id!r}; rename one of them"))


def _report(line: str, errors: "ErrorLog | None") -> None:
    error = json.loads(line)
    problem("error", f"{error.get('source') or error['id']}: {error['kind']}: {error['message']}")
    if errors is not None:
        errors.write(line)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Folder of NAME.gold.json files.", exists=True, file_okay=False)],
    records: Annotated[Path, typer.Argument(help="The records (racefacts extract -o): a folder of NAME.json, or a .jsonl / .jsonl.gz dump.", exists=True)],
    details: Annotated[bool, typer.Option("--details", help="List every missed and extra fact.")] = False,
    patterns: PatternsOption = None,
) -> None:
    """Precision, recall and F1 of the records against gold files, per kind of fact.

    A record is matched to the gold file of its id. Records that cannot be read are reported on
    stderr and the exit status is then 1.
    """
    from .evaluation import Matcher, evaluate as score
    from .gazetteer import Gazetteer, default_patterns_dir
    from .record_files import RecordError, iter_records

    loaded: dict[str, dict] = {}
    unreadable = 0
    for item in iter_records([records]):
        if isinstance(item, RecordError):
            unreadable += 1
            problem("error", f"{item.location}: {item.message}")
        else:
            loaded[item.record.id] = item.record.model_dump(mode="json")
    report = score(gold, loaded, Matcher(Gazetteer.from_dir((patterns or default_patterns_dir()) / "kb")))
    out = Console()
    out.print(f"{'kind':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for kind, t in report.tallies.items():
        out.print(f"{kind:<18}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.tp:>6}{t.fp:>6}{t.fn:>6}")
    out.print(f"boilerplate score {report.boilerplate_score:.3f}, published-date accuracy {report.published_accuracy:.3f}")
    if report.missing:
        out.print(f"no record for: {', '.join(report.missing)}")
    if details:
        for t in report.tallies.values():
            for line in t.misses:
                out.print(f"  miss   {line}", markup=False, highlight=False, soft_wrap=True)
            for line in t.extras:
                out.print(f"  extra  {line}", markup=False, highlight=False, soft_wrap=True)
        for line in report.boilerplate_failures + report.date_failures:
            out.print(f"  fail   {line}", markup=False, highlight=False, soft_wrap=True)
    if unreadable:
        raise typer.Exit(1)




@app.command()
def load(
    outputs: Annotated[list[Path], typer.Argument(help="What racefacts extract wrote: folders of .json records, .jsonl or .jsonl.gz dumps.", show_default=False)],
    db: DbOption = "sqlite:///results.db",
    force: Annotated[bool, typer.Option("--force", help="Replace articles already loaded with the same sha256 and schema version too.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction (an article is always loaded whole or not at all).")] = 200,
) -> None:
    """Load records into a results database (SQLite or PostgreSQL), creating or upgrading its schema.

    Loading is idempotent: an article already loaded with the same sha256 and schema version is
    left as it is; one with another replaces its old facts in one transaction. Invalid records
    are reported and skipped, and the exit status is 1 when there were any.
    """
    import gc

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    from .database import Loader, Status, make_engine
    from .record_files import iter_records

    started = time.perf_counter()
    shown = make_url(db).render_as_string(hide_password=True)
    engine = make_engine(db)
    try:
        with Progress(
            TextColumn("loading"), MofNCompleteColumn(), TextColumn("{task.fields[rate]:.0f} records/s"), TimeElapsedColumn(),
            console=err, disable=not err.is_terminal, transient=True,
        ) as progress:
            task = progress.add_task("loading", total=None, rate=0.0)

            def advance(_outcome: object) -> None:
                progress.update(task, advance=1, rate=progress.tasks[0].completed / max(time.perf_counter() - started, 1e-9))

            loader = Loader(engine, force=force, batch_size=batch_size)
            loader.gazetteer  # the knowledge base, read now so that it is frozen too: the collector's full
            gc.freeze()  # scans would walk these long-lived objects again and again (a third of a load's time)
            try:
                report = loader.load_all(iter_records(outputs), on_outcome=advance)
            finally:
                gc.unfreeze()
    except OperationalError as error:
        problem("error", f"cannot use the database {shown}: {first_line(error)}")
        raise typer.Exit(1)
    finally:
        engine.dispose()
    for failure in report.problems:
        problem(failure.status.value, f"{failure.location or failure.id}: {failure.message}")
    seconds = time.perf_counter() - started
    counts = ", ".join(f"{report.counts[status]} {status.value}" for status in Status)
    err.print(f"{report.total} records into {shown}: {counts}; {seconds:.1f} s, {report.total / max(seconds, 1e-9):.0f} records/s", highlight=False, soft_wrap=True)
    if not report.ok:
        raise typer.Exit(1)


@patterns_app.command("build")
def patterns_build(
    data: Annotated[Optional[Path], typer.Option(help="The public data sets (default: ../shared/data beside the repository, if there).", exists=True, file_okay=False)] = None,
    manual: Annotated[Optional[Path], typer.Option(help="Folder of hand tables (default: OUT/manual).", exists=True, file_okay=False)] = None,
    out: Annotated[Optional[Path], typer.Option(help="patterns/ folder to write (default: the one racefacts uses).", file_okay=False)] = None,
    hand_tables_only: Annotated[bool, typer.Option("--hand-tables-only", help="Build from the hand tables alone, without the data sets.")] = False,
) -> None:
    """Build the entity-ruler patterns and the knowledge base from the data sets and hand tables."""
    from .gazetteer import default_data_dir, default_patterns_dir
    from .gazetteer.build import build
    from .nlp import load_nlp
    from .nlp.gazetteer import compile_patterns

    out = out or default_patterns_dir()
    data = None if hand_tables_only else (data or default_data_dir())
    if data is None and not hand_tables_only:
        raise typer.BadParameter("no data sets at ../shared/data; give --data DIR (or --hand-tables-only)", param_hint="--data")
    report = build(manual or out / "manual", out, data)
    for line in report.lines():
        err.print(line)
    compiled = compile_patterns(load_nlp(out, initialize=False), out)
    err.print(f"compiled {compiled}")


@app.command()
def review(
    outputs: Annotated[list[Path], typer.Argument(help="Records (racefacts extract -o): folders of NAME.json, .jsonl or .jsonl.gz dumps.", exists=True, show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML page to write.", dir_okay=False)] = Path("review.html"),
    title: Annotated[str, typer.Option(help="The page's title.")] = "racefacts review",
) -> None:
    """Write one self-contained HTML page to review records, their evidence and removed text.

    The page shows each article's cleaned text with its entities marked, the removed boilerplate
    struck through in place, and tables of its facts; clicking a fact highlights its evidence.
    Records that cannot be read are reported on stderr (and at the top of the page); the page
    is written with the others, and the exit status is then 1.
    """
    from .record_files import RecordError, iter_records
    from .review import render_page

    good, bad = [], []
    for item in iter_records(outputs):
        if isinstance(item, RecordError):
            bad.append(item)
            problem("error", f"{item.location}: {item.message}")
        else:
            good.append(item)
    output.write_text(render_page(good, bad, title), encoding="utf-8")
    err.print(f"{output}: {len(good)} articles, {len(bad)} unreadable records")
    if bad:
        raise typer.Exit(1)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="Records of the first run: a folder, .jsonl or .jsonl.gz.", exists=True, show_default=False)],
    new: Annotated[Path, typer.Argument(help="Records of the second run.", exists=True, show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the differences as one JSON object.")] = False,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit with 1 when the runs differ, as git diff --exit-code.")] = False,
) -> None:
    """Facts added and lost between two extraction runs, per article and per kind of fact.

    Facts are compared by content, not offsets; names by gazetteer id when they have one. The
    exit status is 0 (with --exit-code: 1 when the runs differ), and 2 when a record could not
    be read.
    """
    from .diffing import diff_runs, lines, load_run

    before, old_errors = load_run(old)
    after, new_errors = load_run(new)
    for error in old_errors + new_errors:
        problem("error", f"{error.location}: {error.message}")
    changes = diff_runs(before, after)
    if as_json:
        report = {"old": str(old), "new": str(new), **changes.to_json(), "errors": [vars(e) for e in old_errors + new_errors]}
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        colours = {"article": {"bold": True}, "lost": {"fg": "red"}, "added": {"fg": "green"}, "": {}}
        for style, line in lines(changes):
            typer.secho(line, **colours[style])
    if old_errors or new_errors:
        raise typer.Exit(2)
    if exit_code and changes.differs:
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
