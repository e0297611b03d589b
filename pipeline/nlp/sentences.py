"""Component: sentence boundaries for news copy, decided by rules.

spaCy's sentencizer splits inside quotations and results lists ("Top 3: 1. Mark Padun, 2. ...").
Here a line break always ends a sentence, and a full stop ends one only when it is not inside a
quotation, after an abbreviation or initial, or the dot of a rank in a numbered list. The
attribution after a quotation (`," said Lutsenko.`) stays in the quotation's sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..text.numbers import as_int
from ..text.quotations import MARKS
from .columns import columns, lexical
from .quotations import QUOTES_KEY

ENDERS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSERS = MARKS | frozenset(")]’'")
_OPENERS_AFTER = ENDERS | CLOSERS  # a sentence opens after one of these or a line break only
DEFAULT_ABBREVIATIONS = [
    "st", "mr", "mrs", "ms", "dr", "jr", "sr", "no", "vs", "mt", "ft", "prof", "mme", "mlle",
    "gen", "lt", "col", "sgt", "approx", "ca", "nr", "km",
]


class SentenceRules:
    def __init__(self, abbreviations: list[str], quotes_key: str = QUOTES_KEY) -> None:
        self.abbreviations = frozenset(a.lower() for a in abbreviations)
        self.quotes_key = quotes_key

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        inside = bytearray(len(doc))
        for span in doc.spans.get(self.quotes_key, []):
            for i in range(span.start + 1, span.end):
                inside[i] = 1
        # every token's text and IS_SPACE as lists: a Token object per look costs more than the look
        texts, (spaces,) = lexical(doc).texts, columns(doc, (IS_SPACE,))
        # set all boundaries at once: assigning token.is_sent_start one by one rescans the doc each time
        starts = numpy.full(len(doc), -1, dtype="int64")
        starts[0] = 1
        for i in _candidates(texts):
            if self._starts(doc, i, inside, texts, spaces):
                starts[i] = 1
        doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))
        return doc

    def _starts(self, doc: Doc, i: int, inside: bytearray, texts: list[str], spaces: list[int]) -> bool:
        if spaces[i]:
            return False
        if spaces[i - 1] and "\n" in texts[i - 1]:
            return True
        text = texts[i]
        if inside[i] or not (text[0].isupper() or text[0].isdigit() or text[0] in MARKS):
            return False
        j = i - 1
        while j > 0 and texts[j] in CLOSERS:
            j -= 1
        if texts[j] not in ENDERS:
            return False
        return not (j > 0 and (self._abbreviation(doc[j - 1]) or self._rank_number(doc, j - 1)))

    def _abbreviation(self, token) -> bool:
        return token.lower_ in self.abbreviations or (len(token) == 1 and token.text.isupper())

    @staticmethod
    def _rank_number(doc: Doc, i: int) -> bool:
        """The "2" of ", 2. Jonas Vingegaard": a number at a line start or after , ; : in a list."""
        if as_int(doc[i].text) is None:
            return False
        return i == 0 or doc[i - 1].text in {",", ";", ":", "|"} or (doc[i - 1].is_space and "\n" in doc[i - 1].text)


def _candidates(texts: list[str]) -> list[int]:
    """The tokens that may open a sentence: those right after a line break, an ender or a closing
    mark (`_starts` says no to any other). Only these are asked: a call per token costs more
    than this test."""
    return [i for i, text in enumerate(texts[:-1], 1) if text in _OPENERS_AFTER or "\n" in text]


@Language.factory(
    "racefacts_sentences",
    default_config={"abbreviations": DEFAULT_ABBREVIATIONS, "quotes_key": QUOTES_KEY},
    assigns=["token.is_sent_start"],
)
def make_sentences(nlp: Language, name: str, abbreviations: list[str], quotes_key: str) -> SentenceRules:
    return SentenceRules(abbreviations, quotes_key)
