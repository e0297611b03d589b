"""The rows of results tables and numbered lists, however the web flattened them.

Results reach us as numbered lines ("1. Sam Bennett (BORA-Hansgrohe) 4:05:53"), markdown rows
("1 | Stefan Küng (Swi) BMC | 0:39:44 |"), one cell per line ("|1", "|Name (Slo) Team",
"|4:22:34"), whole tables squeezed into one line ("Pos. Rider Result 1 Ion Izagirre ... 3:47:07
2 Aleksandr Vlasov ..."), or comma-separated items ("Top 3: 1. Porte, 2. ..."). What they share:
an item is a rank number with a rider named right after it (past a "." or ")" or a cell
border). This module finds the items; `result_lists` reads what they say.

A rank is taken where a table would put it: at the start of a line or cell, after a list
separator, or, inside a line that is a flattened table, where it continues the ranks before it
(rank 1 after the table's header words, then 2, 3, ...). A number anywhere else followed by a
name ("won stage 2 Vlasov said") is no rank.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..nlp.columns import lexical, line_breaks
from ..rules import words
from ..text.numbers import as_int
from .arguments import ArticleView

ITEM_SEPARATORS = frozenset({",", ";", ":", "|"})
# Between a rank and its name: "1.", "1)", "1 |", "1 -".
_AFTER_RANK = frozenset({".", ")", "|", "-", "–", ":"})
_RANK_MARKS = frozenset({"|", ".", ")"})
_RULE_CHARACTERS = "-|#:=+"  # a table's rules and borders: "---|---", "#"
MAX_RANK = 999
MAX_CELL_TOKENS = 25  # a line longer than this is prose, not a table cell
MAX_CELLS_PER_ROW = 6


@dataclass(frozen=True)
class Item:
    """One row: its printed rank, the rider mention, and the row's tokens (rank to next row)."""

    rank: int
    mention: Span
    span: Span


def lines(doc: Doc) -> list[Span]:
    """The doc's lines, as spans without their newline tokens."""
    out, start = [], 0
    for i in line_breaks(doc):
        if i > start:
            out.append(doc[start:i])
        start = i + 1
    if start < len(doc):
        out.append(doc[start:])
    return out


def logical_lines(doc: Doc) -> list[Span]:
    """Lines, with a table printed one cell per line joined back into one line per row: a
    line that is only a rank ("|1", "2.") takes the short lines after it up to the next rank."""
    raw = lines(doc)
    out: list[Span] = []
    i = 0
    while i < len(raw):
        line = raw[i]
        if _rank_only(line):
            k = i + 1
            while k < len(raw) and k - i <= MAX_CELLS_PER_ROW and not _rank_only(raw[k]) and len(raw[k]) <= MAX_CELL_TOKENS:
                k += 1
            if k > i + 1:
                out.append(doc[line.start : raw[k - 1].end])
                i = k
                continue
        out.append(line)
        i += 1
    return out


def _rank_only(line: Span) -> bool:
    """A line that is a rank and nothing else ("|1", "2."); it stops reading at a second word."""
    texts = lexical(line.doc).texts  # a token is a space when its text is (spaCy's IS_SPACE)
    rank = None
    for text in texts[line.start : line.end]:
        if text.isspace() or text in _RANK_MARKS:
            continue
        if rank is not None:
            return False
        rank = text
    return rank is not None and (as_int(rank) or 0) in range(1, MAX_RANK + 1)


def is_table_furniture(line: Span) -> bool:
    """A header row, rule or widget line of a table: "# | Rider Name (Country) Team | Result |",
    "---|---|", "Pos. Rider Team Time". It neither heads nor ends the list it sits in."""
    header_words = words("table_header_words")
    return all(t.lower_ in header_words for t in line if not (t.is_space or t.is_punct or not t.text.strip(_RULE_CHARACTERS)))


def items(view: ArticleView, line: Span, timed: set[int]) -> list[Item]:
    """The rows of a line, in order; rows whose name is not a rider are left out, but still
    end the row before them. `timed` are the tokens of durations: no rank is inside a time."""
    doc = view.doc
    numbers = view.digit_tokens  # a rank is written in digits: the other tokens need no look
    in_line = numbers[bisect.bisect_left(numbers, line.start) : bisect.bisect_left(numbers, line.end)]
    candidates = [c for c in (_candidate(view, line, i, timed) for i in in_line) if c is not None]
    accepted: list[tuple[int, int, Span | None]] = []
    header = _has_header(line, candidates[0][1]) if candidates else False  # read for candidates only
    for rank, start, mention, placed in candidates:
        previous = accepted[-1][0] if accepted else None
        if placed or (mention is not None and (rank == (previous or 0) + 1) and (previous is not None or header)):
            accepted.append((rank, start, mention))
    found = []
    for k, (rank, start, mention) in enumerate(accepted):
        end = accepted[k + 1][1] if k + 1 < len(accepted) else line.end
        if mention is not None:
            found.append(Item(rank, mention, doc[start:end]))
    return found


def _candidate(view: ArticleView, line: Span, i: int, timed: set[int]) -> tuple[int, int, Span | None, bool] | None:
    """(rank, index, rider mention or None, placed where a table puts ranks) for a rank at i."""
    texts = view.texts  # a token is a space when its text is (spaCy's IS_SPACE)
    rank = as_int(texts[i])
    if rank is None or not 0 < rank <= MAX_RANK or i in timed:
        return None
    j, marked = i + 1, False
    while j < line.end and j - i <= 2 and (texts[j] in _AFTER_RANK or texts[j].isspace()):
        marked = marked or texts[j] in _AFTER_RANK
        j += 1
    mention = view.mention_at(j)
    if mention is not None and (mention.end > line.end or view.rider(mention) is None):
        mention = None
    before = _previous_word(texts, i, line.start)
    placed = before is None or texts[before] in ITEM_SEPARATORS
    if mention is None and not (placed and marked):  # "7." with no known name still ends the row before
        return None
    return rank, i, mention, placed


def _previous_word(texts: list[str], i: int, start: int) -> int | None:
    """The last token before i and from `start` on that is no space."""
    j = i - 1
    while j >= start and texts[j].isspace():
        j -= 1
    return j if j >= start else None


def _has_header(line: Span, first: int) -> bool:
    """Whether the words before the first rank are a table's header ("Pos. Rider Name Team Result")."""
    texts, lowers = lexical(line.doc)  # spaCy's is_alpha is str.isalpha
    return any(lowers[i] in words("table_header_words") for i in range(line.start, first) if texts[i].isalpha())
