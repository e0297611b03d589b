"""Read articles from files, folders and stdin, without letting one bad file stop a batch.

An article's id is its file stem. Text is decoded as UTF-8; a file that is not valid UTF-8 is
decoded as Windows-1252 (which never fails) with a warning in its record, so no article is
lost to an encoding slip. Empty and binary files are reported as errors.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

SUFFIXES = (".txt",)
MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Article:
    id: str
    raw: str
    sha256: str
    path: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ReadError:
    id: str
    path: str | None
    kind: str
    message: str


def article_from_bytes(data: bytes, article_id: str, path: str | None = None) -> Article | ReadError:
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return ReadError(article_id, path, "empty", "the article is empty")
    if len(data) > MAX_BYTES:
        return ReadError(article_id, path, "too_large", f"{len(data)} bytes is over the limit of {MAX_BYTES}")
    if b"\x00" in data:
        return ReadError(article_id, path, "binary", "the file holds NUL bytes: not a text article")
    warnings: tuple[str, ...] = ()
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raw = data.decode("cp1252", errors="replace")
        warnings = (f"not valid UTF-8 ({error.reason} at byte {error.start}); decoded as Windows-1252",)
    return Article(article_id, raw, sha, path, warnings)


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | ReadError]:
    """Files as given, and the article files under each folder, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            yield path
        else:
            yield ReadError(path.stem, str(path), "not_found", f"no such file or folder: {path}")


def read_paths(paths: Iterable[Path]) -> Iterator[Article | ReadError]:
    for item in expand_paths(paths):
        if isinstance(item, ReadError):
            yield item
            continue
        if item.suffix.lower() not in SUFFIXES:
            yield ReadError(item.stem, str(item), "unsupported", f"{item.suffix or 'no suffix'} files are not articles (read: {', '.join(SUFFIXES)})")
            continue
        try:
            data = item.read_bytes()
        except OSError as error:
            yield ReadError(item.stem, str(item), "unreadable", str(error))
            continue
        yield article_from_bytes(data, item.stem, str(item))


def read_stdin() -> Article | ReadError:
    return article_from_bytes(sys.stdin.buffer.read(), "stdin", None)
