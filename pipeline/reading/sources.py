"""Articles from files, folders, glob patterns, dumps and stdin, streamed in input order.

An input is a `.txt` article, an `.html`/`.htm` page, or a `.jsonl` dump of one article a line
(an object with `text` or `html`, and optional `id`, `url`, `published`, `title`), each of them
possibly gzip-compressed (`.txt.gz`, ...). Folders are searched recursively and glob patterns
expanded, both in sorted order; `-` is stdin (a text article, a page, or a dump when it opens
with `{`; gzip-compressed or not). Nothing reads more than one article ahead: a dump is read a
line at a time and a gzip file is decompressed as it is read, so a dump of any size streams.

Every input gives articles or `ReadError`s, never an exception: a bad line of a dump is an
error and the next line is read; a corrupt gzip file ends with a `bad_gzip` error after the
articles already read from it.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Literal

from . import articles
from .articles import Article, ReadError, article_from_bytes, article_from_text, parse_date
from .decoding import decode

__all__ = [
    "FORMATS",
    "STDIN",
    "SUFFIXES",
    "article_id",
    "expand_paths",
    "expand_specs",
    "input_format",
    "iter_articles",
    "count_articles",
    "read_file",
    "read_jsonl",
    "read_paths",
    "read_stdin",
    "read_stream",
]

Format = Literal["txt", "html", "jsonl"]
FORMATS: dict[str, Format] = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
GZIP = ".gz"
SUFFIXES = (*FORMATS, *(s + GZIP for s in FORMATS))
STDIN = "-"
_GLOB_CHARACTERS = frozenset("*?[")
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)
_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF = 64 * 1024


def input_format(path: str | Path) -> tuple[Format, bool] | None:
    """The format of a file by its name, and whether it is gzip-compressed; None if not an input."""
    name = Path(path).name.lower()
    compressed = name.endswith(GZIP)
    if compressed:
        name = name[: -len(GZIP)]
    suffix = Path(name).suffix
    return (FORMATS[suffix], compressed) if suffix in FORMATS and len(name) > len(suffix) else None


def article_id(path: str | Path) -> str:
    """The id of a file's article: its name without `.gz` and the format suffix ("a.txt.gz" is "a")."""
    name = Path(path).name
    if name.lower().endswith(GZIP):
        name = name[: -len(GZIP)]
    return Path(name).stem


def expand_specs(specs: Iterable[str | Path | ReadError]) -> Iterator[Path | Literal["-"] | ReadError]:
    """The inputs that specs name, in order: files as given, the input files under a folder and
    those a glob pattern matches (both sorted), `"-"` for stdin, and errors for specs that name
    nothing. (A `ReadError` among the specs is passed on.)"""
    for spec in specs:
        if isinstance(spec, ReadError):
            yield spec
            continue
        if str(spec) == STDIN:
            yield STDIN
            continue
        path = Path(spec)
        if path.is_dir():
            yield from _folder(path)
        elif path.is_file():
            yield path
        elif _GLOB_CHARACTERS & set(str(spec)):
            matches = _glob(str(spec))
            yield from matches or [ReadError(str(spec), str(spec), "not_found", f"no article files match {spec}")]
        else:
            yield ReadError(article_id(path), str(path), "not_found", f"no such file or folder: {path}")


# The name the first CLI used; it takes the same specs.
expand_paths = expand_specs


def _folder(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file() and input_format(p) is not None)


def _glob(pattern: str) -> list[Path]:
    found: set[Path] = set()
    for match in map(Path, glob.glob(pattern, recursive=True)):
        if match.is_dir():
            found.update(_folder(match))
        elif match.is_file() and input_format(match) is not None:
            found.add(match)
    return sorted(found)


def iter_articles(specs: Iterable[str | Path | ReadError]) -> Iterator[Article | ReadError]:
    """An article or an error for every article the specs hold, in input order, read lazily:
    files, folders (recursive), glob patterns (`corpus/*.txt`, `dumps/**/*.jsonl.gz`) and `-`
    for stdin."""
    for item in expand_specs(specs):
        if isinstance(item, ReadError):
            yield item
        elif item == STDIN:
            yield from read_stream(sys.stdin.buffer, "stdin")
        else:
            yield from read_file(item)


# The name the first CLI used; it takes the same specs.
read_paths = iter_articles


def count_articles(specs: Iterable[str | Path]) -> int | None:
    """How many inputs the specs hold (a dump counts its non-blank lines), for a progress bar's
    ETA: reads the dumps' bytes once without decoding a line. None when stdin is among them."""
    total = 0
    for item in expand_specs(specs):
        if item == STDIN:
            return None
        if isinstance(item, ReadError):
            total += 1
            continue
        found = input_format(item)
        if found is None or found[0] != "jsonl":
            total += 1
            continue
        try:
            with _open(item, found[1]) as stream:
                total += sum(1 for line in stream if line.strip())
        except (OSError, *_GZIP_ERRORS):
            total += 1
    return total


def read_file(path: Path) -> Iterator[Article | ReadError]:
    """The article of a file, or the articles of a dump, one at a time."""
    found = input_format(path)
    if found is None:
        yield ReadError(path.stem, str(path), "unsupported", f"{path.suffix or 'no suffix'} files are not articles (read: {', '.join(SUFFIXES)})")
        return
    fmt, compressed = found
    stem = article_id(path)
    try:
        stream = _open(path, compressed)
    except OSError as error:
        yield ReadError(stem, str(path), "unreadable", str(error))
        return
    with stream:
        yield from _guarded(_read(stream, fmt, stem, str(path)), stem, str(path), compressed)


def _open(path: Path, compressed: bool) -> BinaryIO:
    return gzip.open(path, "rb") if compressed else open(path, "rb")  # type: ignore[return-value]


def _guarded(items: Iterator[Article | ReadError], stem: str, path: str | None, compressed: bool) -> Iterator[Article | ReadError]:
    """The items, and an error in place of the exception that stops them."""
    try:
        yield from items
    except _GZIP_ERRORS as error:
        yield ReadError(stem, path, "bad_gzip", f"corrupt gzip data: {error}")
    except OSError as error:
        kind = "bad_gzip" if compressed and "gzip" in str(error).lower() else "unreadable"
        yield ReadError(stem, path, kind, str(error))


def _read(stream: BinaryIO, fmt: Format, stem: str, path: str | None) -> Iterator[Article | ReadError]:
    if fmt == "jsonl":
        yield from read_jsonl(stream, stem, path)
        return
    data = stream.read(articles.MAX_BYTES + 1)
    if len(data) > articles.MAX_BYTES:
        yield ReadError(stem, path, "too_large", f"over {articles.MAX_BYTES:,} bytes, the limit of one article")
        return
    yield article_from_bytes(data, stem, path, html=fmt == "html")


def read_stream(stream: BinaryIO, stem: str = "stdin", path: str | None = None) -> Iterator[Article | ReadError]:
    """The articles of a stream of unknown format (stdin): a dump if its first non-blank byte
    is `{`, a page if it opens with an HTML tag, else a text article; gzip-compressed or not."""
    head, stream = _peek(stream)
    compressed = head.startswith(_GZIP_MAGIC)
    if compressed:
        head, stream = _peek(gzip.GzipFile(fileobj=stream, mode="rb"))  # type: ignore[arg-type]
    start = head.lstrip()
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:].lstrip()
    fmt: Format = "jsonl" if start.startswith(b"{") else "html" if start[:15].lower().startswith((b"<!doctype html", b"<html")) else "txt"
    yield from _guarded(_read(stream, fmt, stem, path), stem, path, compressed)


def _peek(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first bytes of a stream (past leading blanks, up to a point), and a stream that
    still reads them."""
    head = b""
    try:
        while len(head) < articles.MAX_BYTES:
            chunk = _read_some(stream, _SNIFF)
            head += chunk
            if not chunk or head.strip() and len(head) >= 2:
                break
    except _GZIP_ERRORS:
        return head, io.BufferedReader(_Rejoined(head, _Failing()))
    return head, io.BufferedReader(_Rejoined(head, stream), buffer_size=_SNIFF)


def _read_some(stream: BinaryIO, size: int) -> bytes:
    read1 = getattr(stream, "read1", None)
    return read1(size) if read1 is not None else stream.read(size)


class _Rejoined(io.RawIOBase):
    """A stream that reads `head`, then the rest of `stream`."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = _read_some(self._stream, len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Failing(io.RawIOBase):
    """The rest of a gzip stream found corrupt while peeking: reading it raises again."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        raise gzip.BadGzipFile("corrupt gzip data")


def read_stdin() -> Article | ReadError:
    """One text article from stdin (as the first CLI read it); `iter_articles(["-"])` reads
    dumps and pages too."""
    data = sys.stdin.buffer.read(articles.MAX_BYTES + 1)
    if len(data) > articles.MAX_BYTES:
        return ReadError("stdin", None, "too_large", f"over {articles.MAX_BYTES:,} bytes, the limit of one article")
    return article_from_bytes(data, "stdin", None)


def read_jsonl(stream: BinaryIO, stem: str, path: str | None = None) -> Iterator[Article | ReadError]:
    """The articles of a JSONL dump, a line at a time; a bad line is an error and the next is read."""
    for number, line in _lines(stream, articles.MAX_BYTES):
        if line is None:
            yield ReadError(f"{stem}-{number}", path, "too_large", f"line {number}: over {articles.MAX_BYTES:,} bytes, the limit of one article", number)
        elif line.strip():
            yield _line_article(line, number, stem, path)


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of at most `limit` bytes; a longer line is skipped, as None."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_SNIFF)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _line_article(line: bytes, number: int, stem: str, path: str | None) -> Article | ReadError:
    fallback_id = f"{stem}-{number}"

    def error(kind: str, message: str, article_id: str = fallback_id) -> ReadError:
        return ReadError(article_id, path, kind, f"line {number}: {message}", number)

    warnings: tuple[str, ...] = ()
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        text, warnings = decode(line)
    try:
        item = json.loads(text)
    except json.JSONDecodeError as bad:
        return error("bad_json", f"not JSON ({bad.msg} at column {bad.colno})")
    except RecursionError:
        return error("bad_json", "not JSON (nested too deep)")
    if not isinstance(item, dict):
        return error("bad_json", f"a JSON {type(item).__name__}, not an object")
    url = item.get("url") if isinstance(item.get("url"), str) and item["url"].strip() else None
    url = url.strip() if url else None
    given_id = item.get("id")
    if isinstance(given_id, (str, int)) and not isinstance(given_id, bool) and str(given_id).strip():
        article_id = str(given_id).strip()
    elif url:
        article_id = "url-" + hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    else:
        article_id = fallback_id
    body, html = item.get("text"), False
    if not isinstance(body, str):
        body, html = item.get("html"), True
    if not isinstance(body, str):
        return error("no_text", "the object has no `text` or `html` string", article_id)
    published, date_warnings = parse_date(item.get("published"))
    title = item.get("title")
    title = " ".join(title.split()) or None if isinstance(title, str) else None
    return article_from_text(
        body, article_id, path, html=html, url=url, published=published, title=title, line=number,
        warnings=(*warnings, *date_warnings),
    )
