"""Component: riders and climbs the gazetteer does not know, found by where their names stand.

A neo-pro, a continental rider or a misspelt name is still a rider when the text puts it where
only riders go: in a numbered results row ("3. Chris Newman (Israel) at 5 sec"), before a team
or nationality in brackets ("Luca Rossi (Bardiani)", "Ana Costa (POR)"), after "teammate", or
after "<Team> rider". A minor climb names itself ("Côte de la Roche", "Col du Pilon", "Passo
Giau", "Caerphilly Mountain") or the text calls it a climb ("the climb of Bryn Du", "the
Montacute climb", "climbing the Rochetaillée"). Such names become RIDER or CLIMB entities with an id of their own ("context:...") and
no canonical name, so a batch can list the new names it met.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
from spacy.attrs import IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH, LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..gazetteer.variants import SURNAME_PARTICLES
from ..rules import word_ids, words
from ..rules.windows import in_sorted
from ..text.fold import name_key, slug
from ..text.numbers import as_int
from . import extensions
from .columns import lexical
from .extensions import sources, span_key

MAX_NAME_TOKENS = 4
_RANK_MARKS = frozenset({".", ")"})
_LIST_SEPARATORS = frozenset({",", ";", ":", "|"})
_NOT_NAMES = frozenset(
    {
        "the", "a", "an", "in", "on", "at", "and", "but", "after", "today", "yesterday", "stage", "general",
        "classification", "team", "top", "gc", "overall", "points", "mountains", "youth", "result", "results",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    }
)


class ContextNames:
    def __init__(self, nlp: Language, name: str = "racefacts_context_names") -> None:
        extensions.register()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)  # read once: spaCy makes the Span objects anew on every read
        taken = bytearray(len(doc))
        for ent in ents:
            taken[ent.start : ent.end] = b"\x01" * len(ent)
        widened = self._widen_climbs(doc, taken, ents)
        lexical = _Lexical(doc)
        found: list[Span] = self._climbs(doc, taken, lexical) + self._called_climbs(doc, taken, lexical)
        for start in self._name_starts(doc, taken, lexical):
            end = self._name_end(doc, start, taken)
            # a single word is a name only in a results row: "3. Nibali"
            if end - start < (1 if _after_rank(doc, start) else 2) or any(taken[start:end]):
                continue
            if not self._confirmed(doc, start, end):
                continue
            span = Span(doc, start, end, label="RIDER", span_id=f"context:{slug(doc[start:end].text)}")
            found.append(span)
            taken[start:end] = b"\x01" * (end - start)
        if found or widened:
            kept = [e for e in ents if (e.start, e.end) not in widened]
            doc.ents = sorted([*kept, *widened.values(), *found], key=lambda s: s.start)
            for span in found:
                sources(doc)[span_key(span)] = "context"
            for span in widened.values():
                sources(doc)[span_key(span)] = "gazetteer"
        return doc

    def _called_climbs(self, doc: Doc, taken: bytearray, lexical: "_Lexical") -> list[Span]:
        """Names the text calls a climb: before "climb" or "Mountain", after "climb of" or "climbing"."""
        found = []
        for i in lexical.having(_sorted_ids("climb_nouns", "climb_verbs", "climb_tails")):  # no other word starts a branch below
            token = doc[i]
            lower = token.lower_
            span = None
            if lower in words("climb_nouns") and i + 1 < len(doc) and doc[i + 1].lower_ in words("climb_links"):
                j = i + 2 if doc[i + 1].lower_ != "up" or i + 2 >= len(doc) or doc[i + 2].lower_ != "to" else i + 3
                span = self._name_from(doc, j, taken)
            elif lower in words("climb_verbs") and not (lower in {"summit", "foot", "slopes", "top"} and (i + 1 >= len(doc) or doc[i + 1].lower_ != "of")):
                span = self._name_from(doc, i + (2 if lower in {"summit", "foot", "slopes", "top"} else 1), taken)
            elif lower in words("climb_nouns") and not token.is_title:
                span = self._name_before(doc, i, taken, keep_tail=False)
                # "the Montacute climb" names a climb; "Lutsenko climbs into the lead" is a verb
                if span is not None and not (span.start > 0 and (doc[span.start - 1].lower_ in words("climb_determiners") or doc[span.start - 1].text.endswith(("'s", "’s")))):
                    span = None
            elif lower in words("climb_tails") and token.is_title:
                span = self._name_before(doc, i, taken, keep_tail=True)
            if span is not None:
                found.append(Span(doc, span.start, span.end, label="CLIMB", span_id=f"context:{slug(span.text)}"))
                taken[span.start : span.end] = b"\x01" * len(span)
        return found

    def _name_from(self, doc: Doc, j: int, taken: bytearray) -> Span | None:
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        if j >= len(doc) or taken[j] or not _name_word(doc[j]) or _not_a_climb_name(doc[j]):
            return None
        end = self._name_end(doc, j, taken)
        return doc[j:end] if end > j and not any(taken[j:end]) else None

    def _name_before(self, doc: Doc, i: int, taken: bytearray, keep_tail: bool) -> Span | None:
        start = i
        while start > 0 and i - start < MAX_CLIMB_NAME_WORDS and not taken[start - 1] and _name_word(doc[start - 1]) and not _not_a_climb_name(doc[start - 1]):
            start -= 1
        if start == i:
            return None
        return doc[start : i + 1] if keep_tail else doc[start:i]

    @staticmethod
    def _widen_climbs(doc: Doc, taken: bytearray, ents: list[Span]) -> dict[tuple[int, int], Span]:
        """"Passo Giau" where the gazetteer knows the climb as "Giau": the climb word is part of its name."""
        heads, particles = words("climb_heads"), words("climb_particles")
        widened = {}
        for ent in ents:
            if ent.label_ != "CLIMB":
                continue
            i = ent.start - 1
            while i >= 0 and i > ent.start - 4 and doc[i].lower_ in particles:
                i -= 1
            if i >= 0 and i < ent.start and doc[i].lower_ in heads and doc[i].is_title and not taken[i]:
                widened[(ent.start, ent.end)] = Span(doc, i, ent.end, label="CLIMB", span_id=ent.id_)
                taken[i : ent.start] = b"\x01" * (ent.start - i)
        return widened

    @staticmethod
    def _climbs(doc: Doc, taken: bytearray, lexical: "_Lexical") -> list[Span]:
        particles = words("climb_particles")
        found = []
        for i in lexical.having(_sorted_ids("climb_heads"), titled=True):
            if taken[i]:
                continue
            j = i + 1
            while j < len(doc) and j - i <= 3 and doc[j].lower_ in particles:  # "de la", "du", "d'"
                j += 1
            end = j
            while end < len(doc) and end - j < 8 and not taken[end] and (
                (_name_word(doc[end]) and doc[end].lower_ not in particles)
                or (doc[end].text in {"-", "'", "’"} and not doc[end].whitespace_ and end > j)
                or (doc[end].lower_ in particles and end > j and end + 1 < len(doc) and doc[end - 1].text == "-")
            ):
                end += 1
            while end > j and not _name_word(doc[end - 1]):
                end -= 1
            span = doc[i:end]
            if end == j or any(taken[i:end]) or name_key(span.text) in words("not_climbs"):
                continue
            found.append(Span(doc, i, end, label="CLIMB", span_id=f"context:{slug(span.text)}"))
            taken[i:end] = b"\x01" * (end - i)
        return found

    @staticmethod
    def _name_starts(doc: Doc, taken: bytearray, lexical: "_Lexical"):
        """Where a name may begin: after a rank, "teammate", "<Team> rider", or anywhere capitalised.
        `taken` is read as the names found so far fill it."""
        for i, title in lexical.capitalised():
            if not taken[i] and (title or _after_rank(doc, i)):
                yield i  # "3. Nibali", "2. RODRIGUEZ OLIVER Joaquin (ESP)"

    @staticmethod
    def _name_end(doc: Doc, start: int, taken: bytearray) -> int:
        # spaCy's is_alpha, is_title and is_upper are the str methods of the token's text
        texts, lowers = lexical(doc)
        n = len(doc)
        if texts[start].isupper() and len(texts[start]) > 1:  # SURNAME(S) Given name(s), then the row goes on
            end = start
            while end < n and end - start < MAX_NAME_TOKENS and not taken[end] and texts[end].isalpha() and texts[end].isupper():
                end += 1
            given = end
            while end < n and end - start < MAX_NAME_TOKENS and not taken[end] and texts[end].isalpha() and texts[end].istitle():
                end += 1
            return end if end > given else start
        end = start
        while end < n and end - start < MAX_NAME_TOKENS and not taken[end]:
            text = texts[end]
            if text.isalpha() and (text.istitle() or text.isupper()) and lowers[end] not in _NOT_NAMES:
                end += 1
            elif lowers[end] in SURNAME_PARTICLES and end > start and end + 1 < n and texts[end + 1].istitle():
                end += 1
            elif text in {"-", "'", "’"} and end > start and end + 1 < n and texts[end + 1].istitle() and not doc[end].whitespace_:
                end += 1  # Niewiadoma-Phinney, O'Connor
            else:
                break
        while end > start and not (texts[end - 1].istitle() or texts[end - 1].isupper()):
            end -= 1
        return end

    @staticmethod
    def _confirmed(doc: Doc, start: int, end: int) -> bool:
        return _after_rank(doc, start) or _before_bracket(doc, end) or _after_role(doc, start)


_NOT_NAME_IDS = numpy.array(sorted(get_string_id(w) for w in _NOT_NAMES), dtype=numpy.uint64)


@lru_cache(maxsize=None)
def _sorted_ids(*names: str) -> numpy.ndarray:
    """The LOWER ids of lexicon lists, sorted, to find their tokens with numpy."""
    return numpy.array(sorted(frozenset().union(*(word_ids(name) for name in names))), dtype=numpy.uint64)


class _Lexical:
    """The doc's LOWER ids and casing flags as arrays, read once: the loops above visit only the
    tokens these pick out, not every token of the doc."""

    def __init__(self, doc: Doc) -> None:
        columns = doc.to_array([LOWER, IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH]).reshape(len(doc), 5)
        self.lower, alpha, title, upper, length = columns.T
        self.title = title != 0
        # a word that may start a name: alphabetic, no function word, capitalised or in capitals
        self._may_start = (alpha != 0) & ~in_sorted(self.lower, _NOT_NAME_IDS) & (self.title | ((upper != 0) & (length > 1)))

    def having(self, lowers: numpy.ndarray, titled: bool = False) -> list[int]:
        """The tokens whose LOWER is one of `lowers` (sorted ids), in order; with `titled`, the
        title-cased ones only."""
        found = in_sorted(self.lower, lowers)
        return numpy.flatnonzero(found & self.title if titled else found).tolist()

    def capitalised(self) -> list[tuple[int, bool]]:
        """(token, title-cased) for the words that may start a name: title-cased, or in capitals
        (which only a results row's "2. RODRIGUEZ" makes a start)."""
        starts = numpy.flatnonzero(self._may_start)
        return list(zip(starts.tolist(), self.title[starts].tolist()))


_ELIDED = re.compile(r"^[dlDL]['’][A-ZÀ-Ý]")
MAX_CLIMB_NAME_WORDS = 3  # "Caerphilly Mountain", "Range View Road": a climb's name is short


def _not_a_climb_name(token) -> bool:
    """Capitalised words that start sentences or describe, not name: "The", "Friday", "Belgian"."""
    lower = token.lower_
    return token.is_stop or lower in words("not_climb_words") or lower in words("demonyms") or lower in _NOT_NAMES


def _name_word(token) -> bool:
    """A capitalised word, or one after an elided article: "Izoard" and "d'Izoard", "l'Angliru"."""
    return token.is_title or bool(_ELIDED.match(token.text))


def _after_rank(doc: Doc, start: int) -> bool:
    """ "3. Name" at a line start or after a list separator."""
    texts = lexical(doc).texts  # a token is a space when its text is (spaCy's IS_SPACE)
    i = start - 1
    if i >= 0 and texts[i] in _RANK_MARKS:
        i -= 1
    if i < 0 or as_int(texts[i]) is None:
        return False
    return i == 0 or texts[i - 1] in _LIST_SEPARATORS or (texts[i - 1].isspace() and "\n" in texts[i - 1])


def _before_bracket(doc: Doc, end: int) -> bool:
    """ "Name (Team)", "Name (ITA)", "Name (Ita) Team": a team or a nationality code in brackets."""
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end - 1].lower_ in _PLACE_ENDINGS:
        return False
    inside = doc[end + 1]
    if inside.ent_type_ == "TEAM":
        return True
    return inside.lower_ in words("nationality_codes") and doc[end + 2].text in {")", "/"}


_PLACE_ENDINGS = frozenset({"republic", "kingdom", "islands", "states", "emirates", "federation", "county", "province", "region"})


def _after_role(doc: Doc, start: int) -> bool:
    """ "teammate Name", "Cofidis rider Name"."""
    if start == 0:
        return False
    before = doc[start - 1]
    if before.lower_ in {"teammate", "team-mate", "compatriot", "countryman"}:
        return True
    return before.lower_ in words("rider_nouns") and start > 1 and doc[start - 2].ent_type_ == "TEAM"


@Language.factory("racefacts_context_names", requires=["doc.ents"], assigns=["doc.ents"])
def make_context_names(nlp: Language, name: str) -> ContextNames:
    return ContextNames(nlp, name)
