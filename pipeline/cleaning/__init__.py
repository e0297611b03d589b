"""Split a raw article into its body text and everything that is not the article.

The body keeps the headline and standfirst (they state facts too) and loses markers, datelines
and boilerplate blocks. Each removal is returned with its kind, the rule that made it, its
offsets into the raw text and the offset in the body where it stood, so a reviewer can always
see what was taken out and where.

Broken text (mojibake) is repaired first, and everything after works on the repaired text;
a removal's `start`/`end` and `text` still refer to the article as given (mapped back through
the repair), so `raw[start:end] == text` always holds, and the record carries a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..records import Removed
from ..text.repair import Repair, repair
from .blocks import Block, split_blocks
from .metadata import (
    DATED_DATELINE_BLOCKS,
    Found,
    find_date_line,
    find_date_marker,
    find_dated_dateline,
    find_dateline,
    find_headline,
    find_published_line,
    is_route_line,
    publisher_named,
)
from .rules import Label, Span, classify, find_inline, load_cues

__all__ = ["CleanedArticle", "clean"]

# Removed blocks of these kinds belong to the site, so a publisher they name is the article's.
_SITE_KINDS = ("related_links", "newsletter", "paywall", "masthead", "byline", "site_blurb")
# Date lines are looked for among the first body blocks, where pages print them.
_HEAD_BLOCKS = 6


# Line breaks other than \n (old Mac \r, form feeds, U+2028 ...) become \n, one character for one,
# so raw offsets stay valid and every later step needs to know only \n. This comes after the
# repair, which reads \x85 (NEL to str.splitlines) as what it is in scraped text: a byte of a
# mojibake ("MÄ\x85ka" is "Mąka") or, alone, the "…" of Windows-1252 decoded as Latin-1.
_OTHER_LINE_BREAKS = re.compile(r"\r(?!\n)|[\x0b\x0c\x1c-\x1e\u2028\u2029]")


@dataclass
class CleanedArticle:
    text: str
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    head_end: int = 0  # offset in `text` after the headline and standfirst
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


def _removed(kind: str, rule: str, start: int, end: int, text: str) -> Removed:
    return Removed(kind=kind, rule=rule, start=start, end=end, at=0, text=text)  # `at` is set on assembly


def _block_cut(raw: str, block: Block, label: Label) -> _Cut:
    end = block.end
    while end < len(raw) and raw[end].isspace():  # take the line breaks after it too
        end += 1
    return _Cut(block.start, end, _removed(label.kind, label.rule, block.start, block.end, block.text))


def _span_cut(raw: str, span: Span) -> _Cut:
    end = span.end
    while end < len(raw) and raw[end] in " \t":  # the spaces after it, not the line break
        end += 1
    return _Cut(span.start, end, _removed(span.label.kind, span.label.rule, span.start, span.end, raw[span.start : span.end]))


def _assemble(raw: str, cuts: list[_Cut], marks: tuple[int, ...] = ()) -> tuple[str, list[Removed], list[int]]:
    """The raw text without the cut spans, trimmed; the removals with their place in it; and
    where the raw positions `marks` fall in it."""
    kept: list[tuple[int, int, int]] = []  # (raw start, raw end, text start before trimming)
    length = position = 0
    for cut in sorted(cuts, key=lambda c: c.start):
        if cut.start > position:
            kept.append((position, cut.start, length))
            length += cut.start - position
        position = max(position, cut.end)
    kept.append((position, len(raw), length))
    joined = "".join(raw[a:b] for a, b, _ in kept)
    lead = len(joined) - len(joined.lstrip())
    text = joined.strip()

    def to_text(raw_position: int) -> int:
        offset = next((t + raw_position - a for a, b, t in kept if a <= raw_position <= b), None)
        if offset is None:  # inside a cut: where the cut stood
            offset = next((t for a, _, t in kept if a >= raw_position), len(joined))
        return min(max(offset - lead, 0), len(text))

    removed = sorted((c.removed.model_copy(update={"at": to_text(c.start)}) for c in cuts), key=lambda r: r.start)
    return text, removed, [to_text(m) for m in marks]


def _head_dates(body: list[Block], labels: dict[int, Label]) -> dt.date | None:
    """The date of the first date line among the opening blocks; every date line there is
    labelled. A date followed by a route line is the race's, not the article's."""
    published = None
    head = body[:_HEAD_BLOCKS]
    for position, block in enumerate(head):
        rule, date = "published_line", find_published_line(block)
        if date is None:
            rule, date = "date_line", find_date_line(block)
            following = body[position + 1] if position + 1 < len(body) else None
            if date is not None and following is not None and is_route_line(following):
                date = None
        if date is not None:
            published = published or date
            labels[block.index] = Label("published_line", rule)
    return published


def _find_dateline(body: list[Block], head: Found | None, publishers: tuple[str, ...]) -> tuple[Found | None, str | None, dt.date | None]:
    """A wire dateline opening the first paragraph, or a dateline with a full date opening one
    of the first few (a press release puts it after its summary paragraph)."""
    after_head = [b for b in body if head is None or b.start > head.start]
    if after_head:
        found, publisher, date = find_dateline(after_head[0], publishers)
        if found:
            return found, publisher, date
    for block in after_head[:DATED_DATELINE_BLOCKS]:
        found, date = find_dated_dateline(block)
        if found:
            return found, None, date
    return None, None, None


def _to_given(removed: list[Removed], fixed: Repair, given: str) -> list[Removed]:
    """Removals with offsets and text of the article as given, before its repair."""
    if not fixed.changed:
        return removed
    mapped = []
    for r in removed:
        start, end = fixed.to_original(r.start), fixed.to_original(r.end, end=True)
        mapped.append(r.model_copy(update={"start": start, "end": end, "text": given[start:end]}))
    return mapped


def clean(raw: str) -> CleanedArticle:
    given = raw
    fixed = repair(raw)
    raw = _OTHER_LINE_BREAKS.sub("\n", fixed.text)  # one for one: offsets into fixed.text still hold
    cues = load_cues()
    cuts: list[_Cut] = []
    warnings: list[str] = [fixed.warning()] if fixed.changed else []
    published, marker = find_date_marker(raw)
    masked = raw
    if marker:
        cuts.append(_Cut(marker.start, marker.end, _removed("date_marker", "date_marker", marker.value_start, marker.value_end, raw[marker.value_start : marker.value_end])))
        masked = raw[: marker.start] + " " * (marker.end - marker.start) + raw[marker.end :]
        if published is None:
            warnings.append(f"the date marker {marker.value!r} is not a valid date")

    blocks = split_blocks(masked)
    labels = classify(blocks, cues)
    head_date = _head_dates([b for b in blocks if b.index not in labels], labels)
    published = published or head_date
    spans = find_inline(blocks, cues, labels)
    body = [b for b in blocks if b.index not in labels]
    cuts.extend(_block_cut(raw, blocks[i], label) for i, label in labels.items())
    cuts.extend(_span_cut(raw, span) for span in spans)

    headline, subheadline = find_headline(blocks, body)
    publisher = None
    head = subheadline or headline
    found, publisher, date = _find_dateline(body, head, cues.publishers)
    dateline = found.value if found else None
    if found:
        published = published or date
        cuts.append(_Cut(found.start, found.end, _removed("dateline", "dateline", found.start, found.start + len(found.value), found.value)))
    if publisher is None:
        site_blocks = [blocks[i].text for i, label in sorted(labels.items()) if label.kind in _SITE_KINDS]
        publisher = next((p for p in (publisher_named(t, cues.publishers) for t in site_blocks) if p), None)

    text, removed, (head_end,) = _assemble(raw, cuts, marks=(head.end if head is not None else 0,))
    return CleanedArticle(
        text=text,
        removed=_to_given(removed, fixed, given),
        warnings=warnings,
        head_end=head_end,
        published=published,
        headline=headline.value if headline else None,
        subheadline=subheadline.value if subheadline else None,
        dateline=dateline,
        publisher=publisher,
    )
