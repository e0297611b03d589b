"""Find direct speech: the spans inside quotation marks, across paragraphs.

Sites use every style of mark (" “ ” « » „) and do not always use them the right way round:
wire copy closes with an opening guillemet (`..., « added Fofonov`). So a mark's role comes
from what flanks it, as in CommonMark's delimiter rules: a mark with text after it and space
before it can open; one with text before it and space or punctuation after it can close; a
mark inside an open quotation that cannot open closes it. A quotation left open at the end of
a paragraph continues when the next paragraph opens with a mark, and ends there otherwise.

Single quotes are left alone: they are apostrophes far more often than quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKS = frozenset('"“”«»„‹›')
_OPEN_BEFORE = frozenset("([{—–-/") | MARKS
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-…") | MARKS
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Quotation:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the end of the last paragraph, if never closed)
    pieces: tuple[tuple[int, int], ...]  # inner text per paragraph, as (start, end) offsets

    @property
    def inner_start(self) -> int:
        return self.pieces[0][0]

    @property
    def inner_end(self) -> int:
        return self.pieces[-1][1]

    def text(self, source: str) -> str:
        return quote_text(source[self.inner_start : self.inner_end])


def quote_text(inner: str) -> str:
    """The words of a quotation from the text between its first and last mark: paragraphs
    joined by a space, the marks that open continuation paragraphs dropped."""
    parts: list[str] = []
    for part in (p.strip() for p in inner.split("\n")):
        if not part:
            continue
        if parts and part[0] in MARKS:
            part = part[1:].lstrip()
        parts.append(" ".join(part.split()))
    return " ".join(parts)


def _can_open(prev: str, nxt: str) -> bool:
    return not nxt.isspace() and (prev.isspace() or prev in _OPEN_BEFORE)


def _can_close(prev: str, nxt: str) -> bool:
    return not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER)


def find_quotations(text: str) -> list[Quotation]:
    found: list[Quotation] = []
    open_at: int | None = None  # opening mark of the quotation in progress
    pieces: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start, end = line.start() + (len(line.group()) - len(line.group().lstrip())), line.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        depth = 0
        position = start
        if open_at is not None:
            if text[start] in MARKS:  # a continuation paragraph
                depth, position = 1, start + 1
                piece_start = position
            else:
                found.append(Quotation(open_at, pieces[-1][1], tuple(pieces)))
                open_at, pieces = None, []
        for i in range(position, end):
            if text[i] not in MARKS:
                continue
            prev = text[i - 1] if i > start else " "
            nxt = text[i + 1] if i + 1 < end else " "
            opens, closes = _can_open(prev, nxt), _can_close(prev, nxt)
            if depth == 0:
                if opens:
                    open_at, pieces, depth, piece_start = i, [], 1, i + 1
            elif opens and not closes:
                depth += 1  # a quotation inside the quotation: «his day»
            else:
                depth -= 1
                if depth == 0:
                    pieces.append((piece_start, i))
                    found.append(Quotation(open_at, i + 1, tuple(pieces)))
                    open_at, pieces = None, []
        if depth > 0:
            pieces.append((piece_start, end))
    if open_at is not None and pieces:
        found.append(Quotation(open_at, pieces[-1][1], tuple(pieces)))
    return found
