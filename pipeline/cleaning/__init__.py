"""Split a raw article into its body text and everything that is not the article.

The body keeps the headline and standfirst (they state facts too) and loses markers, datelines
and boilerplate blocks. Each removal is returned with its kind, the rule that made it and its
offsets into the raw text, and `OffsetMap` maps body offsets back to raw offsets, so a reviewer
can always see what was taken out and where.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from ..records import Removed
from .blocks import Block, split_blocks
from .metadata import find_date_marker, find_dateline, find_headline, find_published_line, publisher_named
from .rules import Label, classify, load_cues

__all__ = ["CleanedArticle", "OffsetMap", "clean"]

# Removed blocks of these kinds belong to the site, so a publisher they name is the article's.
_SITE_KINDS = ("related_links", "newsletter", "paywall")


@dataclass(frozen=True)
class OffsetMap:
    """Maps an offset in the body text to the raw text, across the removed spans."""

    text_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]

    def to_raw(self, offset: int) -> int:
        i = max(bisect.bisect_right(self.text_starts, offset) - 1, 0)
        return self.raw_starts[i] + offset - self.text_starts[i]


@dataclass
class CleanedArticle:
    text: str
    offsets: OffsetMap
    removed: list[Removed] = field(default_factory=list)
    published: dt.date | None = None
    headline: str | None = None
    subheadline: str | None = None
    dateline: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class _Cut:
    start: int  # raw span taken out of the body
    end: int
    removed: Removed


def _block_cut(raw: str, block: Block, label: Label) -> _Cut:
    end = block.end
    while end < len(raw) and raw[end].isspace():  # take the line breaks after it too
        end += 1
    return _Cut(block.start, end, Removed(kind=label.kind, rule=label.rule, start=block.start, end=block.end, text=block.text))


def _assemble(raw: str, cuts: list[_Cut]) -> tuple[str, OffsetMap]:
    """The raw text without the cut spans, trimmed, and the map from its offsets to raw offsets."""
    kept: list[tuple[int, int]] = []
    position = 0
    for cut in sorted(cuts, key=lambda c: c.start):
        if cut.start > position:
            kept.append((position, cut.start))
        position = max(position, cut.end)
    if position < len(raw):
        kept.append((position, len(raw)))
    while kept and not raw[kept[0][0] : kept[0][1]].strip():
        kept.pop(0)
    while kept and not raw[kept[-1][0] : kept[-1][1]].strip():
        kept.pop()
    if not kept:
        return "", OffsetMap((0,), (0,))
    first_start, first_end = kept[0]
    kept[0] = (first_start + len(raw[first_start:first_end]) - len(raw[first_start:first_end].lstrip()), first_end)
    last_start, last_end = kept[-1]
    kept[-1] = (last_start, last_start + len(raw[last_start:last_end].rstrip()))
    text_starts, length = [], 0
    for start, end in kept:
        text_starts.append(length)
        length += end - start
    text = "".join(raw[start:end] for start, end in kept)
    return text, OffsetMap(tuple(text_starts), tuple(start for start, _ in kept))


def clean(raw: str) -> CleanedArticle:
    cues = load_cues()
    cuts: list[_Cut] = []
    published, marker = find_date_marker(raw)
    masked = raw
    if marker:
        cuts.append(_Cut(marker.start, marker.end, Removed(kind="date_marker", rule="date_marker", start=marker.start, end=marker.end, text=raw[marker.start : marker.end].strip())))
        masked = raw[: marker.start] + " " * (marker.end - marker.start) + raw[marker.end :]

    blocks = split_blocks(masked)
    labels = classify(blocks, cues)
    body = [b for b in blocks if b.index not in labels]

    for block in body[:6]:
        date = find_published_line(block)
        if date:
            published = published or date
            labels[block.index] = Label("published_line", "published_line")
    body = [b for b in blocks if b.index not in labels]
    cuts.extend(_block_cut(raw, blocks[i], label) for i, label in labels.items())

    headline, subheadline = find_headline(blocks, body)
    dateline = publisher = None
    opening = next((b for b in body if not headline or b.start > (subheadline or headline).start), None)
    if opening is not None:
        found, publisher, date = find_dateline(opening, cues.publishers)
        if found:
            dateline = found.value
            published = published or date
            cuts.append(_Cut(found.start, found.end, Removed(kind="dateline", rule="dateline", start=found.start, end=found.start + len(found.value), text=found.value)))
    if publisher is None:
        site_blocks = [blocks[i].text for i, label in sorted(labels.items()) if label.kind in _SITE_KINDS]
        publisher = next((p for p in (publisher_named(t, cues.publishers) for t in site_blocks) if p), None)

    text, offsets = _assemble(raw, cuts)
    removed = sorted((c.removed for c in cuts), key=lambda r: r.start)
    return CleanedArticle(
        text=text,
        offsets=offsets,
        removed=removed,
        published=published,
        headline=headline.value if headline else None,
        subheadline=subheadline.value if subheadline else None,
        dateline=dateline,
        publisher=publisher,
    )
