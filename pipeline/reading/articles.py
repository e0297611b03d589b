"""An article read from its bytes or its text, or the error that says why it cannot be read.

Empty, binary and oversized inputs are errors; text in another encoding than UTF-8 is read
with a warning. A web page becomes its main text, headed by its title; its title, date and URL
are kept as metadata, which the extractor falls back on when the text does not give them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace

from .decoding import declared_charset, decode, has_wide_bom

__all__ = ["MAX_BYTES", "MAX_CHARS", "Article", "ReadError", "article_from_bytes", "article_from_text", "parse_date"]

# spaCy's default nlp.max_length: longer texts are refused, with a clear error, before parsing.
MAX_CHARS = 1_000_000
# The raw bytes of one article (a page's HTML is much longer than its text; a dump line too):
# more is refused unread, so a huge file or a dump with no line breaks cannot fill the memory.
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    id: str
    raw: str  # the text the cleaner reads (for a web page: its main text, headed by its title)
    sha256: str  # of the article's own bytes (for a dump line: of the UTF-8 of its text or html)
    path: str | None = None
    warnings: tuple[str, ...] = ()
    url: str | None = None
    published: dt.date | None = None  # from the dump's or the page's metadata
    title: str | None = None  # from the dump's or the page's metadata
    line: int | None = None  # the line of a JSONL dump it was read from


@dataclass(frozen=True)
class ReadError:
    id: str
    path: str | None
    kind: str  # empty, binary, too_large, not_found, unreadable, unsupported, bad_gzip, bad_json, no_text
    message: str
    line: int | None = None  # the line of a JSONL dump


@dataclass(frozen=True)
class _Meta:
    """Where an article comes from and what its source says of it."""

    id: str
    path: str | None = None
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None
    line: int | None = None
    warnings: tuple[str, ...] = ()

    def error(self, kind: str, message: str) -> ReadError:
        where = f"line {self.line}: " if self.line is not None else ""
        return ReadError(self.id, self.path, kind, where + message, self.line)


def article_from_bytes(
    data: bytes,
    article_id: str,
    path: str | None = None,
    *,
    html: bool = False,
    url: str | None = None,
    published: dt.date | None = None,
    title: str | None = None,
) -> Article | ReadError:
    """An article from the bytes of a text file (or, with `html`, of a web page)."""
    meta = _Meta(article_id, path, url, published, title)
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return meta.error("empty", "the article is empty")
    if b"\x00" in data and not has_wide_bom(data):
        return meta.error("binary", "the file holds NUL bytes: not a text article")
    if len(data) > MAX_BYTES:
        return meta.error("too_large", f"{len(data):,} bytes is over the limit of {MAX_BYTES:,}")
    raw, warnings = decode(data, declared_charset(data) if html else None)
    return _article(raw, sha, html, _with_warnings(meta, warnings))


def article_from_text(
    text: str,
    article_id: str,
    path: str | None = None,
    *,
    html: bool = False,
    url: str | None = None,
    published: dt.date | None = None,
    title: str | None = None,
    line: int | None = None,
    warnings: tuple[str, ...] = (),
) -> Article | ReadError:
    """An article from text already decoded (a JSONL dump's `text` or, with `html`, its `html`);
    its sha256 is of the text's UTF-8."""
    meta = _Meta(article_id, path, url, published, title, line, warnings)
    if re.search("[\ud800-\udfff]", text):  # JSON may hold lone surrogates: no text can carry them
        text = re.sub("[\ud800-\udfff]", "\ufffd", text)
        meta = _with_warnings(meta, ("lone UTF-16 surrogates replaced with U+FFFD",))
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not text.strip():
        return meta.error("empty", "the article is empty")
    if "\x00" in text:
        return meta.error("binary", "the text holds NUL characters: not a text article")
    if html and len(text) > MAX_BYTES:
        return meta.error("too_large", f"{len(text):,} characters of HTML is over the limit of {MAX_BYTES:,}")
    return _article(text, sha, html, meta)


def _with_warnings(meta: _Meta, warnings: tuple[str, ...]) -> _Meta:
    return replace(meta, warnings=(*meta.warnings, *warnings))


def _article(raw: str, sha: str, html: bool, meta: _Meta) -> Article | ReadError:
    url, published, title, warnings = meta.url, meta.published, meta.title, meta.warnings
    if html:
        from .html import html_article

        page = html_article(raw, url)
        raw = page.text
        if not raw.strip():
            return meta.error("empty", "the page holds no article text")
        page_date, date_warning = parse_date(page.date)
        url, published, title = url or page.url, published or page_date, title or page.title
        warnings = (*warnings, *page.warnings, *date_warning)
    if len(raw) > MAX_CHARS:
        return meta.error("too_large", f"{len(raw):,} characters is over the limit of {MAX_CHARS:,}")
    return Article(meta.id, raw, sha, meta.path, warnings, url, published, title, meta.line)


_ISO_DATE = re.compile(r"\A\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")


def parse_date(value: object) -> tuple[dt.date | None, tuple[str, ...]]:
    """A published date from metadata ("2024-07-14", "2024-07-14T17:30:00+02:00", "14 July
    2024", a Unix timestamp), and a warning when there is a value but no date in it."""
    if value is None or value == "":
        return None, ()
    date = None
    if isinstance(value, bool):
        pass
    elif isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds, as JavaScript writes them
        try:
            date = dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            pass
    elif isinstance(value, str):
        match = _ISO_DATE.match(value)
        if match:
            try:
                date = dt.date(*map(int, match.groups()))
            except ValueError:
                pass
        else:
            import dateparser

            parsed = dateparser.parse(value, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
            date = parsed.date() if parsed else None
    if date is None or not 1900 <= date.year <= 2100:
        return None, (f"the published date {str(value)[:60]!r} is not a date",)
    return date, ()
