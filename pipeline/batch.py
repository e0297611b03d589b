"""Batch extraction: a stream of articles in, a record or an error out for each, in input order.

Dumps hold hundreds of thousands of articles, so nothing here holds a dump: articles are read
one at a time, at most a few chunks of them are in flight, and each result is written as soon
as the ones before it are. With `workers > 1` the pipeline is loaded once in each worker
process and chunks of articles go to whichever is free; `ordered` hands their results back in
input order. Every input ends as exactly one record or one error line: records + errors =
inputs, and a run killed at any point and run again with `resume` ends with the records an
uninterrupted run would have written (see `sinks`). A worker that dies (the system killed it,
or an article crashed native code) costs no input: the pool starts afresh, the work in flight
is sent again, and an article that ends a worker even alone becomes an error record.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache, partial
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
    with WorkerPool(workers, partial(extract_chunk, patterns=patterns, indent=indent), partial(start_worker, patterns)) as pool:
        yield from ordered(pool, _chunks(inputs), workers * IN_FLIGHT_PER_WORKER)


class WorkersFailing(RuntimeError):
    """The workers end abruptly whatever they are given: no article can be extracted."""


class WorkerPool:
    """Worker processes (`work` runs a chunk of inputs, `start` prepares each worker) that are
    started afresh when one of them dies: killed by the system for memory, or by an article
    that crashes the code extracting it. ProcessPoolExecutor gives up on all work in flight
    then; `ordered` sends that work again."""

    def __init__(self, workers: int, work: Callable[[list[Article | ReadError]], list[Outcome]], start: Callable[[], None]) -> None:
        self.workers, self.work, self.start = workers, work, start
        self.restarts = 0
        self._pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")  # no copy of the parent's pipeline or threads
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=self.start)

    def submit(self, chunk: list[Article | ReadError]) -> Future[list[Outcome]]:
        try:
            with _sigint_held():  # the pool may start a worker here
                return self._pool.submit(self.work, chunk)
        except BrokenProcessPool as error:  # broken since the last look: the same as broken while at work
            failed: Future[list[Outcome]] = Future()
            failed.set_exception(error)
            return failed

    def restart(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._new()
        self.restarts += 1

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


# An article alone in a fresh worker that ends it is an error record; so many in a row say that
# the workers cannot work at all (their start fails, the machine kills them): the batch stops.
CRASHES_IN_A_ROW = 3


def ordered(pool: WorkerPool, chunks: Iterator[list[Article | ReadError]], limit: int) -> Iterator[Outcome]:
    """Results of the chunks in submission order, with at most `limit` chunks submitted and not
    yet handed back: the input is read only as fast as the workers get through it. When a worker
    dies, the chunks in flight are lost with the pool: the first is done again article by article
    (see `_one_by_one`), the others are sent again whole."""
    pending: deque[tuple[list[Article | ReadError], Future[list[Outcome]]]] = deque()

    def first_results() -> list[Outcome]:
        chunk, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            lost = [c for c, _ in pending]
            pending.clear()
            pool.restart()
            found = _one_by_one(pool, chunk)
            pending.extend((c, pool.submit(c)) for c in lost)
            return found

    for chunk in chunks:
        pending.append((chunk, pool.submit(chunk)))
        while len(pending) >= limit:
            yield from first_results()
    while pending:
        yield from first_results()


def _one_by_one(pool: WorkerPool, chunk: list[Article | ReadError]) -> list[Outcome]:
    """The outcomes of a chunk whose worker died, each input alone in a task: one that takes its
    worker down again is an error record (`worker_crashed`), and the workers start afresh."""
    found: list[Outcome] = []
    in_a_row = 0
    for item in chunk:
        try:
            found.extend(pool.submit([item]).result())
            in_a_row = 0
        except BrokenProcessPool:
            in_a_row += 1
            if in_a_row >= CRASHES_IN_A_ROW:
                raise WorkersFailing(f"{in_a_row} articles in a row ended the worker extracting each alone; the last: {item.id}") from None
            pool.restart()
            found.append(_crashed(item))
    return found


def _crashed(item: Article | ReadError) -> Outcome:
    error = ErrorRecord(
        id=item.id,
        source=item.path,
        kind="worker_crashed",
        message="the worker process extracting this article ended abruptly (killed, out of memory, or a crash in native code); the batch went on",
    )
    return Outcome(item.id, getattr(item, "sha256", None), dump(error), True)


def _chunks(inputs: Iterable[Article | ReadError]) -> Iterator[list[Article | ReadError]]:
    iterator = iter(inputs)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        yield chunk


def dump(model: BaseModel, indent: int | None = None) -> str:
    """A record as JSON text: indented for a folder of files a reviewer reads, one line in a dump."""
    return model.model_dump_json(indent=indent)  # pydantic's serializer: a third of json.dumps' time


@contextmanager
def _sigint_held() -> Iterator[None]:
    """SIGINT held back from this thread, and from the processes it starts meanwhile (they inherit
    the mask). Ctrl-C in a terminal interrupts the whole process group: the command stops the
    batch and says so, and its workers must not each print a KeyboardInterrupt traceback, even
    while they start (see start_worker). A SIGINT that came meanwhile is delivered on leaving."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no process groups to worry about
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def start_worker(patterns: Path | None) -> None:
    """A worker's start: it leaves Ctrl-C to the command, ends when the command does, and loads the pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
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
