"""Extraction on a Dask distributed cluster: the contract of `batch.outcomes`, beyond one machine.

The client (the machine running `racefacts extract --dask ADDRESS`) reads the articles and
sends them to the cluster; the workers read nothing themselves and write nothing: each
extracts the partitions it is given with one pipeline per worker process, loaded on first
use, and the client writes the records and errors in input order, as a local run does.

Nothing here holds the whole input: articles are taken in windows of `window` partitions of
`batch.CHUNK` articles each; a window becomes a dask.bag that is computed on the cluster while
the client hands back the results of the window before it, so at most two windows are in
flight at once.

Workers need racefacts installed, the same version as the client (checked on connecting);
a `patterns` folder, when given, must exist at the same path on every worker.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, batch
from .batch import CHUNK, Outcome
from .reader import Article, ReadError

if TYPE_CHECKING:
    from distributed import Client, Future

WINDOWS_IN_FLIGHT = 2  # one being computed while the results of the one before are handed back
PARTITIONS_PER_THREAD = 2  # partitions in a window per worker thread: every thread busy, bounded memory


def dask_outcomes(
    inputs: Iterable[Article | ReadError],
    address: str | Client,
    patterns: Path | None = None,
    indent: int | None = None,
    window: int | None = None,
) -> Iterator[Outcome]:
    """An outcome for every input, in input order, extracted on the Dask cluster at `address`
    (a scheduler address such as tcp://host:8786, or a connected Client, which is left open).

    `window` is the number of partitions (of `batch.CHUNK` articles) in one window; by default
    twice the number of worker threads the cluster has when the run starts.
    """
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise RuntimeError("--dask needs Dask distributed: pip install 'racefacts[dask]'") from exc

    own = not isinstance(address, Client)
    client = Client(address) if own else address
    try:
        _check_workers(client)
        if window is None:
            window = max(2, PARTITIONS_PER_THREAD * sum(client.nthreads().values()))
        patterns_arg = str(patterns) if patterns is not None else None
        pending: deque[list[Future]] = deque()
        try:
            iterator = iter(inputs)
            while items := list(itertools.islice(iterator, window * CHUNK)):
                pending.append(_submit(client, items, patterns_arg, indent))
                while len(pending) >= WINDOWS_IN_FLIGHT:
                    yield from _results(pending.popleft())
            while pending:
                yield from _results(pending.popleft())
        finally:  # also when the caller stops early (--fail-fast): drop what is still queued
            for futures in pending:
                client.cancel(futures)
    finally:
        if own:
            client.close()


def _submit(client: Client, items: list[Article | ReadError], patterns: str | None, indent: int | None) -> list[Future]:
    """One window as a dask.bag of partitions of CHUNK articles, computed on the cluster: a
    future for each partition's outcomes, in input order."""
    import dask.bag as db

    bag = db.from_sequence(items, partition_size=CHUNK).map_partitions(_extract_partition, patterns, indent)
    return client.compute(bag.to_delayed())


def _results(futures: list[Future]) -> Iterator[Outcome]:
    for future in futures:
        yield from future.result()


def _check_workers(client: Client) -> None:
    """Fail at once, with a clear message, when the workers cannot run this racefacts."""
    try:
        versions = client.run(_racefacts_version)
    except Exception as exc:
        raise RuntimeError(
            f"the Dask workers cannot run racefacts ({type(exc).__name__}: {exc}); install racefacts {__version__} on every worker"
        ) from exc
    wrong = {worker: version for worker, version in versions.items() if version != __version__}
    if wrong:
        listed = ", ".join(f"{worker} has {version}" for worker, version in sorted(wrong.items()))
        raise RuntimeError(f"the Dask workers need racefacts {__version__}, as the client has: {listed}")


def _racefacts_version() -> str:
    return __version__


_lock = threading.Lock()  # a worker with several threads shares its process's pipeline: one article at a time


def _extract_partition(partition: Iterable[Article | ReadError], patterns: str | None, indent: int | None) -> list[Outcome]:
    with _lock:
        return batch.extract_chunk(partition, Path(patterns) if patterns is not None else None, indent)
