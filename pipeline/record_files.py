"""Records read back from what `racefacts extract` wrote, for the tools that use them afterwards
(load, review, evaluate, diff).

An output is a folder of `<id>.json` files (searched recursively, `errors.jsonl` aside), a
`.jsonl` dump or a `.jsonl.gz` dump, or one `.json` file. Each record comes with where it was
read, so a bad one can be reported by file and line; a record that is not JSON or does not
validate is a `RecordError`, never an exception, so the good ones around it are still used.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .records import ArticleRecord

ERRORS_FILE = "errors.jsonl"


@dataclass(frozen=True)
class RecordError:
    """A record that could not be used, and where it was."""

    location: str
    message: str


@dataclass(frozen=True)
class StoredRecord:
    location: str  # "path" for a .json file, "path:line" for a line of a dump
    record: ArticleRecord


def record_paths(outputs: Iterable[str | Path]) -> Iterator[Path]:
    """The files of each output, in sorted order within a folder."""
    for output in map(Path, outputs):
        if output.is_dir():
            yield from sorted(
                p for p in output.rglob("*")
                if p.is_file() and p.name != ERRORS_FILE and _is_record_file(p)
            )
        else:
            yield output


def _is_record_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".json", ".jsonl", ".jsonl.gz")) and not name.endswith(".gold.json")


def iter_records(outputs: Iterable[str | Path]) -> Iterator[StoredRecord | RecordError]:
    """Every record of the outputs, validated, in order; a missing path is an error too."""
    for path in record_paths(outputs):
        if not path.exists():
            yield RecordError(str(path), "no such file or folder")
        elif path.name.lower().endswith((".jsonl", ".jsonl.gz")):
            yield from _dump_records(path)
        else:
            try:
                yield _parse(path.read_bytes(), str(path))
            except OSError as error:
                yield RecordError(str(path), f"cannot read: {error}")


def _dump_records(path: Path) -> Iterator[StoredRecord | RecordError]:
    """The records of a dump by line number (blank lines counted). A torn last line, or a gzip
    stream cut short or damaged, is reported where it starts rather than dropped: unlike resuming
    an extraction (sinks.readable_lines), a reader of the records must hear that some are lost."""
    number = 0
    try:
        with (gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")) as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    yield _parse(line, f"{path}:{number}")
    except (OSError, EOFError, zlib.error) as error:
        yield RecordError(f"{path}:{number + 1}", f"cannot read the dump from this line on (cut short or damaged): {error}")


def _parse(data: bytes, location: str) -> StoredRecord | RecordError:
    try:
        return StoredRecord(location, ArticleRecord.model_validate_json(data))
    except ValidationError as error:
        try:
            json.loads(data)
        except ValueError as not_json:
            return RecordError(location, f"not JSON: {not_json}")
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "record"
        return RecordError(location, f"invalid record ({error.error_count()} errors), first at {where}: {first['msg']}")
