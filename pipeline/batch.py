"""Batch extraction: a stream of articles in, a record or an error out for each, in input order.

Dumps hold hundreds of thousands of articles, so nothing here holds a dump: articles are read
one at a time, at most a few chunks of them are in flight, and each result is written as soon
as the ones before it are. With `workers > 1` the pipeline is loaded once in each worker
process and chunks of articles go to whichever is free; `ordered` hands their results back in
input order. Every input ends as exactly one record or one error line: records + errors =
inputs, and a run killed at any point and run again with `resume` ends with the records an
uninterrupted run would have written (see `sinks`).
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .reader import Article, ReadError
from .records import ErrorRecord

if TYPE_CHECKING:
    from .extraction import Extractor

CHUNK = 8  # articles a worker takes at a time: small enough to keep the output flowing
IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: enough to keep it busy, bounded memory


@dataclass(frozen=True)
class Outcome:
    """What became of one input: its record as a JSON line, or an error record as one."""

    id: str
    sha256: str | None
    line: str  # the JSON object, without a newline
    error: bool


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def outcomes(
    inputs: Iterable[Article | ReadError], workers: int = 1, patterns: Path | None = None, indent: int | None = None
) -> Iterator[Outcome]:
    """An outcome for every input, in input order, extracted by `workers` processes."""
    if workers <= 1:
        for item in inputs:
            yield outcome(item, patterns, indent)
        return
    context = multiprocessing.get_context("spawn")  # no copy of the parent's pipeline or threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker, initargs=(patterns,)) as pool:
        yield from ordered(pool, _chunks(inputs), workers * IN_FLIGHT_PER_WORKER, patterns, indent)


def ordered(
    pool: Executor, chunks: Iterator[list[Article | ReadError]], limit: int, patterns: Path | None, indent: int | None
) -> Iterator[Outcome]:
    """Results of the chunks in submission order, with at most `limit` chunks submitted and not
    yet handed back: the input is read only as fast as the workers get through it."""
    pending: deque[Future[list[Outcome]]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(extract_chunk, chunk, patterns, indent))
        while len(pending) >= limit:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _chunks(inputs: Iterable[Article | ReadError]) -> Iterator[list[Article | ReadError]]:
    iterator = iter(inputs)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        yield chunk


def dump(model: BaseModel, indent: int | None = None) -> str:
    """A record as JSON text: indented for a folder of files a reviewer reads, one line in a dump."""
    return model.model_dump_json(indent=indent)  # pydantic's serializer: a third of json.dumps' time


def start_worker(patterns: Path | None) -> None:
    """A worker's start: it ends when the command does, and it loads the pipeline."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), name="exit-with-parent", daemon=True).start()
    extractor(patterns)


def _exit_with(sentinel: int) -> None:
    """Ends this worker as soon as the command's process has ended, however it ended. Killed with
    SIGKILL or SIGTERM, the command cannot stop its workers, and a worker blocks for ever on the
    pipe nobody reads, holding its pipeline's memory: a batch killed again and again would leave
    two such orphans per run."""
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


@lru_cache(maxsize=1)
def extractor(patterns: Path | None) -> Extractor:
    """The pipeline of this process (a worker's, or the command's own with one worker), loaded once."""
    from .extraction import Extractor

    loaded = Extractor(patterns=patterns)
    # The pipeline's objects (the gazetteer's index alone is some 200,000) live as long as the
    # process: frozen, the cyclic garbage collector stops walking them at every full collection,
    # which took about a tenth of a worker's time.
    gc.freeze()
    return loaded


def outcome(item: Article | ReadError, patterns: Path | None, indent: int | None) -> Outcome:
    """What becomes of one input; a read error needs no pipeline."""
    from .extraction import read_error_record

    if isinstance(item, ReadError):
        return Outcome(item.id, None, dump(read_error_record(item)), True)
    record = extractor(patterns).record(item)
    error = isinstance(record, ErrorRecord)
    return Outcome(item.id, item.sha256, dump(record, None if error else indent), error)


def extract_chunk(chunk: Iterable[Article | ReadError], patterns: Path | None, indent: int | None) -> list[Outcome]:
    return [outcome(item, patterns, indent) for item in chunk]


class SkipDone:
    """The inputs a resumed run still has to extract: not those whose id and sha256 already
    have a record. Counts what it skipped, for the summary."""

    def __init__(self, done: Callable[[str, str], bool]) -> None:
        self.done = done
        self.skipped = 0

    def __call__(self, inputs: Iterable[Article | ReadError]) -> Iterator[Article | ReadError]:
        for item in inputs:
            if isinstance(item, Article) and self.done(item.id, item.sha256):
                self.skipped += 1
                continue
            yield item
