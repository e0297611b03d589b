"""Clause-level syntax without a parser: where a clause starts, and whether a name is an object.

Reports put the rider a result belongs to at the head of the clause ("Van Gils beat Ulissi to
take second place"). With no trained parser, a clause is the run of tokens between boundary
words (but, while, after, that, a spaced dash, ...), and a name right after a preposition or
an object verb ("beat", "with", "behind") is not the clause's subject.
"""

from __future__ import annotations

import bisect
from typing import Callable

from spacy.tokens import Doc, Span

from ..rules import words
from ..text.fold import DASHES
from .columns import lexical, line_breaks

_DASHES = frozenset(DASHES)
_SKIPPABLE_BEFORE_NAME = frozenset(
    {"the", "his", "her", "their", "its", "compatriot", "teammate", "team-mate", "countryman", "rival", "fellow"}
)


_SENTENCE_ENDS = frozenset({".", "!", "?", "…"})
# "after" before a name starts a clause ("after Magnus Cort sprinted to victory"); before a noun
# phrase it is a preposition ("Izagirre, after a brilliant display of teamwork, finished ...").
_PREPOSITION_TOO = frozenset({"after", "before", "since", "until"})
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "this", "that", "some", "which", "what"})


def is_boundary(doc: Doc, i: int) -> bool:
    """Whether token i ends a clause. Full stops count even inside quotations, which the
    sentence rules keep whole. (Texts are read from the doc's lists, Token objects made for
    the rare tests only: clause bounds ask this of token after token.)"""
    texts, lowers = lexical(doc)
    text, lower = texts[i], lowers[i]
    if text.isspace():  # spaCy's IS_SPACE
        return "\n" in text
    if text in _SENTENCE_ENDS:
        return True
    if lower in _PREPOSITION_TOO:
        return i + 1 < len(doc) and lowers[i + 1] not in _DETERMINERS and not doc[i + 1].like_num
    if lower in words("clause_boundaries"):
        return True
    if text in _DASHES and i > 0 and doc[i].whitespace_ and doc[i - 1].whitespace_:
        return True
    if lower in {"and", ","} and i + 1 < len(doc) and lowers[i + 1] in {"he", "she", "i", "we", "they", "it"}:
        return True
    # ", and Wout van Aert came in at 1:02", "was 12 seconds back and Roglič 20 seconds back": a new
    # clause with a subject of its own (but "Pogačar (UAE) and Roglič" coordinate two names)
    if lower == "and" and i > 0 and _name_follows(doc, i + 1):
        before = doc[i - 1]
        return before.text == "," or not (before.ent_type_ or before.text == ")")
    return False


def _name_follows(doc: Doc, j: int) -> bool:
    """A rider's name at token j, past a nationality or a word such as "teammate": "and Swiss
    Stefan Küng of FDJ was third"."""
    stop, lowers = min(j + 3, len(doc)), lexical(doc).lowers
    while j < stop and (lowers[j] in words("demonyms") or lowers[j] in _SKIPPABLE_BEFORE_NAME):
        j += 1
    return j < len(doc) and doc[j].ent_type_ in ("RIDER", "PERSON")


def line_of(doc: Doc, start: int, end: int | None = None) -> Span:
    """The line (paragraph) holding tokens [start, end), without its line breaks: headings,
    table rows and labels are told apart by their line. (Looked up among the doc's line breaks,
    not walked token by token: a Token object per step costs more than the step.)"""
    end = start + 1 if end is None else end
    breaks = line_breaks(doc)
    before = bisect.bisect_left(breaks, start)  # breaks[before - 1] is the last one before start
    after = bisect.bisect_left(breaks, end)  # breaks[after] is the first one at or after end
    return doc[breaks[before - 1] + 1 if before else 0 : breaks[after] if after < len(breaks) else len(doc)]


def clause_start(doc: Doc, i: int, floor: int, boundary: Callable[[int], bool] | None = None) -> int:
    """First token of the clause holding token i, not before `floor` (the sentence start).
    `boundary(j)` answers `is_boundary(doc, j)` where a caller remembers the answers."""
    boundary = boundary or (lambda j: is_boundary(doc, j))
    j = i
    while j > floor and not boundary(j - 1):
        j -= 1
    return j


def clause_end(doc: Doc, i: int, ceiling: int, boundary: Callable[[int], bool] | None = None) -> int:
    boundary = boundary or (lambda j: is_boundary(doc, j))
    j = i
    while j < ceiling and not boundary(j):
        j += 1
    return j


def object_marked(doc: Doc, mention: Span, previous: Span | None = None) -> bool:
    """Whether a name is governed by a preposition or object verb ("beat Ulissi", "with Lopez")."""
    texts, lowers = lexical(doc)
    j = mention.start - 1
    while j >= 0 and lowers[j] in _SKIPPABLE_BEFORE_NAME:
        j -= 1
    if j < 0:
        return False
    if lowers[j] in words("object_markers"):
        return True
    if lowers[j] in {"and", "&", ","} and previous is not None and previous.end == j:
        return object_marked(doc, previous)
    return texts[j] == "("
