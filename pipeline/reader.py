"""Read articles from files, folders and stdin, without letting one bad file stop a batch.

An article's id is its file stem. Text is UTF-8 (or UTF-16 with a byte-order mark). A UTF-8
file with a few bad bytes keeps its text, the bad bytes replaced; a file with no UTF-8 in it
at all is read as Windows-1252; either way the record carries a warning, so no article is lost
to an encoding slip. Empty, binary and oversized files are reported as errors.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

SUFFIXES = (".txt",)
# spaCy's default nlp.max_length: longer texts are refused, with a clear error, before parsing.
MAX_CHARS = 1_000_000


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


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """The text of an article's bytes, and warnings about how it was decoded."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), ()
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as error:
        first_bad = f"{error.reason} at byte {error.start}"
    text = data.decode("utf-8-sig", errors="replace")
    if any(ord(c) > 0x7F and c != "\ufffd" for c in text):  # real UTF-8 with a few bad bytes
        bad = text.count("\ufffd")
        return text, (f"not valid UTF-8 ({first_bad}); {bad} bad byte sequence(s) replaced with U+FFFD",)
    return data.decode("cp1252", errors="replace"), (f"not UTF-8 ({first_bad}); decoded as Windows-1252",)


def article_from_bytes(data: bytes, article_id: str, path: str | None = None) -> Article | ReadError:
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return ReadError(article_id, path, "empty", "the article is empty")
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ReadError(article_id, path, "binary", "the file holds NUL bytes: not a text article")
    raw, warnings = decode(data)
    if len(raw) > MAX_CHARS:
        return ReadError(article_id, path, "too_large", f"{len(raw):,} characters is over the limit of {MAX_CHARS:,}")
    return Article(article_id, raw, sha, path, warnings)


def expand_paths(paths: Iterable[Path | ReadError]) -> Iterator[Path | ReadError]:
    """Files as given, and the article files under each folder, in a stable order."""
    for path in paths:
        if isinstance(path, ReadError):
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            yield path
        else:
            yield ReadError(path.stem, str(path), "not_found", f"no such file or folder: {path}")


def read_paths(paths: Iterable[Path | ReadError]) -> Iterator[Article | ReadError]:
    """Articles (or errors) from files and folders, read one at a time."""
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
