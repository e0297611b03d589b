"""The `racefacts` command line."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .records import ArticleRecord, ErrorRecord, json_schema

app = typer.Typer(
    help="Facts from professional cycling news: results, gaps, quotes, programmes and climbs as JSON records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
patterns_app = typer.Typer(help="Build and inspect the gazetteer in patterns/.", no_args_is_help=True)
app.add_typer(patterns_app, name="patterns")
err = Console(stderr=True)

PatternsOption = Annotated[
    Optional[Path],
    typer.Option("--patterns", help="patterns/ folder to use instead of the one shipped with racefacts.", exists=True, file_okay=False),
]


def _dump(model: ArticleRecord | ErrorRecord, indent: int | None = 2) -> str:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and a rename, so an interrupted run never leaves half a record."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (searched recursively); - reads one article from stdin.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Folder for the records, one OUTDIR/<file stem>.json per article.")] = None,
    patterns: PatternsOption = None,
) -> None:
    """Extract a record from each article.

    Articles that cannot be read or extracted are reported on stderr and in OUTDIR/errors.jsonl;
    the others are written all the same, and the exit status is 1.
    """
    from .extraction import Extractor
    from .reader import expand_paths, read_paths, read_stdin

    if [str(p) for p in paths] == ["-"]:
        extractor = Extractor(patterns=patterns)
        result = next(extractor.pipe([read_stdin()]))
        if isinstance(result, ErrorRecord):
            err.print(f"[red]error[/red] {result.kind}: {result.message}")
            raise typer.Exit(1)
        sys.stdout.write(_dump(result) + "\n")
        return
    if output is None:
        raise typer.BadParameter("give an output folder with -o OUTDIR (or read stdin with -)", param_hint="-o")
    if any(str(p) == "-" for p in paths):
        raise typer.BadParameter("- (stdin) cannot be mixed with files", param_hint="PATHS")

    output.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    extractor = Extractor(patterns=patterns)
    inputs = _unique_stems(list(expand_paths(paths)))  # file names only; articles are read one at a time
    written = 0
    errors: list[ErrorRecord] = []
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, disable=not err.is_terminal, transient=True,
    ) as progress:
        task = progress.add_task("extracting", total=len(inputs))
        for result in extractor.pipe(read_paths(inputs)):
            progress.advance(task)
            if isinstance(result, ErrorRecord):
                errors.append(result)
            else:
                _write_atomic(output / f"{result.id}.json", _dump(result) + "\n")
                written += 1
    error_file = output / "errors.jsonl"
    if errors:
        _write_atomic(error_file, "".join(_dump(e, indent=None) + "\n" for e in errors))
        for e in errors:
            err.print(f"[red]error[/red] {e.source or e.id}: {e.kind}: {e.message}")
    elif error_file.exists():
        error_file.unlink()
    seconds = time.perf_counter() - started
    err.print(f"{len(inputs)} articles: {written} records, {len(errors)} errors, {seconds:.1f} s")
    if errors:
        raise typer.Exit(1)


def _unique_stems(inputs: list) -> list:
    """Inputs whose record name (file stem) is taken already become duplicate_id errors, not overwrites."""
    from .reader import ReadError

    seen: dict[str, Path] = {}
    out = []
    for item in inputs:
        if isinstance(item, Path) and item.stem in seen:
            item = ReadError(item.stem, str(item), "duplicate_id", f"{seen[item.stem]} has the same name; rename one of them")
        elif isinstance(item, Path):
            seen[item.stem] = item
        out.append(item)
    return out


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Folder of NAME.gold.json files.", exists=True, file_okay=False)],
    records: Annotated[Path, typer.Argument(help="Folder of NAME.json records (racefacts extract -o).", exists=True, file_okay=False)],
    details: Annotated[bool, typer.Option("--details", help="List every missed and extra fact.")] = False,
    patterns: PatternsOption = None,
) -> None:
    """Precision, recall and F1 of the records against gold files, per kind of fact."""
    from .evaluation import Matcher, evaluate as score
    from .gazetteer import Gazetteer, default_patterns_dir

    loaded = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in records.glob("*.json")}
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
                out.print(f"  miss   {line}", markup=False, highlight=False)
            for line in t.extras:
                out.print(f"  extra  {line}", markup=False, highlight=False)
        for line in report.boilerplate_failures + report.date_failures:
            out.print(f"  fail   {line}", markup=False, highlight=False)


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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
