"""Where a batch's records and errors go, written so that a killed run loses nothing it wrote.

- A folder: one `<id>.json` per record, each written to a temporary file and renamed, so a
  file is either the whole record or absent.
- A JSON-lines dump (`.jsonl`, or `.jsonl.gz`): one record per line, appended as results
  arrive and flushed. A run killed in the middle of a line leaves a torn tail; a resumed run
  cuts it off (for gzip: keeps every whole line of the damaged stream) before it appends.
- Errors: `errors.jsonl` beside the output, one error record per line, rewritten by every
  run (the inputs that failed are retried by a resumed run, so its errors are the run's own).

`done(id, sha256)` tells a resumed run which inputs already have their record. An article
extracted again with other content (same id, new sha256) replaces its old record: in a
folder by overwriting the file, in a dump by leaving out the old line when the run ends.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol

_UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]")  # not in a file name on Linux, macOS or Windows
MAX_NAME = 180  # characters of an id kept in its file name (file systems allow 255 bytes)
GZIP_FLUSH_EVERY = 64  # records between gzip flushes: a flush costs compression, a kill loses at most these


class Sink(Protocol):
    indented: bool  # records as indented JSON (files a reviewer reads) or one line each

    def done(self, article_id: str, sha256: str) -> bool: ...
    def write(self, article_id: str, sha256: str | None, line: str) -> None: ...
    def close(self) -> None: ...


def _is_dump(output: Path) -> bool:
    return output.name.lower().endswith((".jsonl", ".jsonl.gz"))


def open_sink(output: Path, resume: bool) -> Sink:
    return JsonlSink(output, resume) if _is_dump(output) else FolderSink(output, resume)


def errors_path(output: Path) -> Path:
    """errors.jsonl beside the output: in the records' folder, or in the dump's folder."""
    return (output.parent if _is_dump(output) else output) / "errors.jsonl"


@contextmanager
def replacing(path: Path, gzipped: bool = False) -> Iterator[IO[bytes]]:
    """A file that takes `path`'s place once written whole (a temporary file, then a rename), so
    an interrupted run never leaves half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    with gzip.open(tmp, "wb") if gzipped else open(tmp, "wb") as out:
        yield out
    os.replace(tmp, path)


class FolderSink:
    indented = True

    def __init__(self, folder: Path, resume: bool) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.existing: dict[str, str] = _folder_index(folder) if resume else {}

    def done(self, article_id: str, sha256: str) -> bool:
        return self.existing.get(article_id) == sha256

    def write(self, article_id: str, sha256: str | None, line: str) -> None:
        with replacing(self.folder / file_name(article_id)) as out:
            out.write(line.encode("utf-8") + b"\n")

    def close(self) -> None:
        for stale in self.folder.glob(".*.json.tmp"):  # left by a run killed mid-write
            stale.unlink(missing_ok=True)


def file_name(article_id: str) -> str:
    """`<id>.json`, for any id a dump may give: one that is no safe file name ("a/b", "..",
    ".hidden") is spelled safe and told apart from others by a hash of the id."""
    safe = _UNSAFE.sub("_", article_id).lstrip(".") or "_"
    if safe != article_id or len(safe) > MAX_NAME:
        safe = f"{safe[:MAX_NAME]}-{hashlib.sha256(article_id.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"
    return f"{safe}.json"


def _folder_index(folder: Path) -> dict[str, str]:
    index = {}
    for path in folder.glob("*.json"):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            index[record["id"]] = record["source"]["sha256"]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not a record: extracted again
    return index


class JsonlSink:
    indented = False

    def __init__(self, path: Path, resume: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.gzipped = path.name.lower().endswith(".gz")
        self.existing: dict[str, str] = {}
        self.replaced: set[str] = set()  # ids whose old line a new record supersedes
        if resume and path.exists():
            self.existing = self._recover()
        elif path.exists():
            path.unlink()
        self._pending = 0
        self.file: IO[bytes] = gzip.open(path, "ab") if self.gzipped else open(path, "ab")

    def done(self, article_id: str, sha256: str) -> bool:
        return self.existing.get(article_id) == sha256

    def write(self, article_id: str, sha256: str | None, line: str) -> None:
        if article_id in self.existing:
            self.replaced.add(article_id)
        self.file.write(line.encode("utf-8") + b"\n")
        self._pending += 1
        if not self.gzipped:
            self.file.flush()
        elif self._pending >= GZIP_FLUSH_EVERY:
            self.file.flush()  # a sync flush: what is written so far can be read back
            self._pending = 0

    def close(self) -> None:
        self.file.close()
        if self.replaced:
            self._drop_replaced()

    def _recover(self) -> dict[str, str]:
        """The (id, sha256) of every whole line, the torn tail of a killed run cut off; the dump is
        read line by line, never held."""
        index: dict[str, str] = {}
        if self.gzipped:
            with replacing(self.path, gzipped=True) as out:
                for line in readable_lines(self.path):
                    out.write(line)
                    _index(index, line)
            return index
        end = 0
        with open(self.path, "rb") as file:
            for line in file:
                if not line.endswith(b"\n"):
                    break  # torn by the kill
                end += len(line)
                if line.strip():
                    _index(index, line)
        if end < self.path.stat().st_size:
            os.truncate(self.path, end)
        return index

    def _drop_replaced(self) -> None:
        """Keep only the newest line of each replaced id (the ones this run wrote come last)."""
        last = {}
        for n, line in enumerate(readable_lines(self.path)):
            article_id = json.loads(line)["id"]
            if article_id in self.replaced:
                last[article_id] = n
        with replacing(self.path, self.gzipped) as out:
            for n, line in enumerate(readable_lines(self.path)):
                if last.get(json.loads(line)["id"], n) == n:
                    out.write(line)


def _index(index: dict[str, str], line: bytes) -> None:
    record = json.loads(line)
    index[record["id"]] = record["source"]["sha256"]


def readable_lines(path: Path, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The whole, non-blank lines of a dump (with their newline), read in chunks: for gzip, up to
    where a killed writer left the stream unreadable."""
    with open(path, "rb") as file:
        if not path.name.lower().endswith(".gz"):
            for line in file:
                if line.endswith(b"\n") and line.strip():
                    yield line
            return
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        pending = b""
        while data := file.read(chunk):
            while data:
                try:
                    text = decompressor.decompress(data)
                except zlib.error:
                    return  # damaged: the whole lines before it are kept
                pending += text
                *whole, pending = pending.split(b"\n")
                yield from (line + b"\n" for line in whole if line.strip())
                data = decompressor.unused_data
                if decompressor.eof:  # the next gzip member (every run appends one)
                    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
                else:
                    data = b""


class StdoutSink:
    """JSON lines on stdout, for pipes: `racefacts extract dump.jsonl | jq ...`."""

    indented = False

    def done(self, article_id: str, sha256: str) -> bool:
        return False

    def write(self, article_id: str, sha256: str | None, line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def close(self) -> None:
        pass


class ErrorLog:
    """errors.jsonl, written as errors arrive; absent when a run had none."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._file: IO[str] | None = None
        path.unlink(missing_ok=True)

    def write(self, line: str) -> None:
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "a", encoding="utf-8")
        self._file.write(line + "\n")
        self._file.flush()
        self.count += 1

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
