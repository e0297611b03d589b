"""Who a quotation says is speaking: the name, pronoun or description its attribution holds.

There is no parser, so the attribution is read from the words around the quotation, as a
reader does. A speech verb ("said", "told", "speaks") marks it, and the speaker stands either
before the verb (`," Pogačar said.`, `," FDJ-SUEZ's general manager Stephen Delcourt told
reporters.`, `Van Baarle said afterwards: "`, `Stephen Delcourt, the team manager, said:`) or
after it, past a title (`," says Stage 2 winner Jay McCarthy.`, `," said team manager X.`).
Interviews add two shapes: a line labelled with the speaker's name (`Kuss: I think ...`), and
speech introduced by a sentence before it (`In an interview, he spoke about ...` followed by the
answers). This module finds the span; coreference resolves it to a person.

A speaker is a person: a rider or person entity, a pronoun, a description ("the Belgian"), or
a capitalised name no other entity claims and no title word is part of ("Stage", "Manager").
"""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..rules import RuleMatch, word_ids, words
from ..rules.windows import in_sorted
from .columns import lexical
from ..text.fold import DASHES as _DASH_CHARACTERS
from ..text.quotations import MARKS
from .clauses import line_of
from .quotations import quote_kind

MAX_NAME_TOKENS = 3
AFTER_WINDOW = 12  # tokens after a quotation in which its speech verb may stand
BEFORE_WINDOW = 16  # tokens before a colon in which the introducing verb may stand
MAX_COMMA_DISTANCE = 6  # `He said after the stage, "...`: the verb this close to the comma
INTRODUCTION_PARAGRAPHS = 2  # paragraphs of narration before a block its introduction may stand in
DASHES = frozenset(_DASH_CHARACTERS)  # a dash token: `, - Vinokurov told.`
_CLAUSE_ENDS = frozenset({".", "!", "?", "…", ";", ":"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


class Attributions:
    """The attribution spans of the quotations of a doc (people: person entities by start)."""

    def __init__(self, doc: Doc, quotes: list[Span], descriptions: list[RuleMatch], people: dict[int, Span]) -> None:
        self.doc = doc
        # token texts as lists: the windows around quotations are read token by token, and a
        # Token object per look costs more than the look (spaCy's IS_SPACE is str.isspace)
        self.texts, self.lowers = lexical(doc)
        self.quotes = quotes
        self.people = people
        self.descriptions = {m.span.start: m.span for m in descriptions}
        self.inside = [False] * len(doc)
        self.questions = [False] * len(doc)  # inside an interviewer's question
        for quote in quotes:
            question = quote_kind(quote) == "question"
            for i in range(quote.start, quote.end):
                self.inside[i] = True
                self.questions[i] = question

    # --- direct attribution -------------------------------------------------------------------

    def direct(self, quote: Span) -> Span | None:
        """The speaker named next to the quotation: after it, or before it ending in a colon."""
        if quote_kind(quote) == "question":
            return None
        return self._after(quote) or self._before(quote)

    def _after(self, quote: Span) -> Span | None:
        texts, n = self.texts, len(self.doc)
        i = quote.end
        while i < n and (texts[i] in MARKS or texts[i] == "," or texts[i] in DASHES or (texts[i].isspace() and "\n" not in texts[i])):
            i += 1
        end = i
        while end < n and end - i < AFTER_WINDOW and not self._stops(end):
            end += 1
        verb = next((k for k in range(i, end) if self.lowers[k] in words("speech_verbs")), None)
        if verb is None:
            return None
        if verb == i:
            return self._after_verb(verb, end)
        return self._before_verb(i, verb)

    def _before(self, quote: Span) -> Span | None:
        texts = self.texts
        j = quote.start - 1
        while j >= 0 and (texts[j] in MARKS or texts[j].isspace() or texts[j] in DASHES):
            j -= 1
        if j < 1 or texts[j] not in {":", ",", ";"}:
            return None
        lo = max(self._line_start(j), j - BEFORE_WINDOW)
        if texts[j] == ":" and lo == self._line_start(j):
            label = self._name_at(lo, j)
            if label is not None and label.end == j:
                return label  # an interview line: "Kuss: ..."
        verbs = [k for k in range(lo, j) if self.lowers[k] in words("speech_verbs") and not self.inside[k]]
        if not verbs or (texts[j] == "," and j - verbs[-1] > MAX_COMMA_DISTANCE):
            return None
        return self._before_verb(lo, verbs[-1]) or self._after_verb(verbs[-1], j)

    def _stops(self, i: int) -> bool:
        text = self.texts[i]
        return (text.isspace() and "\n" in text) or text in MARKS or text in _CLAUSE_ENDS or self.inside[i]

    # --- the speaker around a verb ------------------------------------------------------------

    def _before_verb(self, lo: int, verb: int) -> Span | None:
        """The speaker in [lo, verb): the reference right before the verb (adverbs aside), or,
        when a comma closes an apposition before the verb, the one that opens the clause."""
        j = verb
        while j > lo and self.lowers[j - 1] in words("speech_adverbs"):
            j -= 1
        found = self._references(lo, j)
        if not found:
            return None
        if found[-1].end == j:
            return found[-1]
        if self.texts[j - 1] == ",":
            return found[0]
        return None

    def _after_verb(self, verb: int, end: int) -> Span | None:
        """The speaker after the verb, past a title: `said team manager X`, `says Stage 2 winner X`."""
        for ref in self._references(verb + 1, end):
            if "," not in self.texts[verb + 1 : ref.start]:
                return ref
        return None

    def _references(self, lo: int, hi: int) -> list[Span]:
        """Person references in [lo, hi) in order: person entities, subject pronouns,
        descriptions and unknown names, leaving out possessives ("Pogačar's teammate")."""
        doc = self.doc
        found: list[Span] = []
        i = lo
        while i < hi:
            ref = self._reference_at(i, hi)
            if ref is None:
                i += 1
                continue
            if not (ref.end < len(doc) and self.lowers[ref.end] in _POSSESSIVE):
                found.append(ref)
            i = ref.end
        return found

    def _reference_at(self, i: int, hi: int) -> Span | None:
        doc = self.doc
        if i in self.people and self.people[i].end <= hi:
            return self.people[i]
        if self.lowers[i] in words("subject_pronouns"):
            return doc[i : i + 1]
        if i in self.descriptions and self.descriptions[i].end <= hi:
            return self.descriptions[i]
        return self._name_at(i, hi)

    def _name_at(self, i: int, hi: int) -> Span | None:
        """An unknown name at i: capitalised words that no entity claims, no title word among them,
        not followed by a number or title ("Stage 2 winner", "Astana directeur")."""
        doc = self.doc
        if i in self.people:
            return self.people[i] if self.people[i].end <= hi else None
        end = i
        while end < hi and end - i < MAX_NAME_TOKENS and name_like(doc[end]) and not doc[end].ent_type_:
            end += 1
        if end == i:
            return None
        if end < len(doc) and (doc[end].like_num or doc[end].lower_ in words("speaker_titles")):
            return None
        return doc[i:end]

    # --- speech introduced before a block -----------------------------------------------------

    def introduction(self, quote: Span, paragraph: list[int], named: bool = False) -> Span | None:
        """The speaker a sentence before a block of unmarked speech names with a speech or
        interview verb: `In an interview with Vesti.kz, he spoke about ...`,
        `Cyclingnews spoke to Sepp Kuss about ...`. The nearest such sentence within two
        paragraphs of narration before the block, with no speech between but questions.
        `named`: only a name will do, not "he" or "the American" (answers printed without any
        mark of speech need their speaker spelled out)."""
        doc = self.doc
        narrative: set[int] = set()  # paragraphs passed that are not speech
        i = quote.start - 1
        while i >= 0 and len(narrative - {paragraph[i]}) < INTRODUCTION_PARAGRAPHS:
            if self.inside[i]:
                if self.questions[i] or self.texts[i].isspace():
                    i -= 1
                    continue
                return None  # other speech comes between: it has its own speaker
            if not self.texts[i].isspace() and not doc[i].is_punct:
                narrative.add(paragraph[i])
            if self.lowers[i] in words("speech_verbs") or self.lowers[i] in words("interview_cues"):
                lo = self._line_start(i)
                speaker = self._before_verb(lo, i) or self._interviewee_after(i)
                if speaker is not None and not (named and self._unnamed(speaker)):
                    return speaker
            i -= 1
        return None

    def _interviewee_after(self, verb: int) -> Span | None:
        """`spoke to X`, `an interview with X`."""
        doc = self.doc
        k = verb + 1
        if k < len(doc) and self.lowers[k] in {"to", "with"}:
            refs = self._references(k + 1, min(k + 1 + MAX_NAME_TOKENS, len(doc)))
            if refs and refs[0].start == k + 1:
                return refs[0]
        return None

    def _unnamed(self, span: Span) -> bool:
        return span.start not in self.people and (span[0].lower_ in words("subject_pronouns") or span.start in self.descriptions)

    def _line_start(self, i: int) -> int:
        return line_of(self.doc, i).start


def inline_space(token: Token) -> bool:
    """A space token within a paragraph, not a line break."""
    return token.is_space and "\n" not in token.text


def name_like(token: Token) -> bool:
    """A word that can be part of a person's name: capitalised, and no title, pronoun or
    function word."""
    return (
        token.is_alpha
        and (token.is_title or (token.is_upper and len(token) > 1))
        and token.lower_ not in _NOT_NAMES
        and token.lower_ not in words("speaker_titles")
    )


def name_like_tokens(doc: Doc) -> list[bool]:
    """`name_like` of every token of the doc, from its arrays in numpy (no Python step per token)."""
    if not len(doc):
        return []
    lower, alpha, title, upper, length = doc.to_array([LOWER, IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH]).T
    capitalised = (title != 0) | ((upper != 0) & (length > 1))
    return ((alpha != 0) & capitalised & ~in_sorted(lower, _not_name_ids())).tolist()


@lru_cache(maxsize=1)
def _not_name_ids() -> numpy.ndarray:
    """_NOT_NAMES and the speaker titles as sorted LOWER ids."""
    ids = {get_string_id(w) for w in _NOT_NAMES} | word_ids("speaker_titles")
    return numpy.array(sorted(ids), dtype=numpy.uint64)


_NOT_NAMES = frozenset({"the", "a", "an", "it", "this", "that", "we", "they", "i", "he", "she", "and", "but", "in", "on", "at", "after", "today", "yesterday", "now", "then", "so"})
