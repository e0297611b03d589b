"""Token attributes of a whole doc as plain lists, read with one `Doc.to_array` call.

A loop over `doc` makes a Token object for every token and reads each attribute through it,
which costs more than the test the loop makes. Components that look at every token read these
lists instead. Strings come as their hash ids (see `rules.word_ids`), which is how spaCy
stores and its Matcher compares them.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence
from weakref import WeakKeyDictionary

from spacy.attrs import IS_SPACE, LOWER, ORTH, SPACY
from spacy.tokens import Doc


def columns(doc: Doc, attrs: Sequence[int]) -> list[list[int]]:
    """One list per attribute id (spacy.attrs), with the value of every token."""
    if not len(doc):
        return [[] for _ in attrs]
    return doc.to_array(list(attrs)).reshape(len(doc), len(attrs)).T.tolist()


def strings(doc: Doc, attr: int) -> list[str]:
    """Every token's string attribute (ORTH, LOWER, NORM, ...), looked up from its hash id."""
    store = doc.vocab.strings
    return [store[value] for value in columns(doc, (attr,))[0]]


# A doc's text never changes (retokenizing regroups its characters, it keeps them), so it is
# joined once per Doc object; the entry goes with the doc. Its tokens do not change either
# (the pipeline never retokenizes), so neither do its line breaks.
_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()
_LINE_BREAKS: WeakKeyDictionary[Doc, list[int]] = WeakKeyDictionary()
_LEXICAL: WeakKeyDictionary[Doc, "Lexical"] = WeakKeyDictionary()


class Lexical(NamedTuple):
    """Every token's text (ORTH) and lower-case form (LOWER), as lists."""

    texts: list[str]
    lowers: list[str]


def lexical(doc: Doc) -> Lexical:
    """The Lexical of a doc, read once per Doc object and shared by every reader (who must not
    change the lists): token texts never change, as the pipeline never retokenizes, and clause
    and sentence tests read them again and again."""
    found = _LEXICAL.get(doc)
    if found is None:
        found = _LEXICAL[doc] = Lexical(strings(doc, ORTH), strings(doc, LOWER))
    return found


def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy joins token by token on every read."""
    text = _TEXTS.get(doc)
    if text is None:
        strings = doc.vocab.strings
        orths, spaces = columns(doc, (ORTH, SPACY))
        text = _TEXTS[doc] = "".join(strings[orth] + " " if space else strings[orth] for orth, space in zip(orths, spaces))
    return text


def line_breaks(doc: Doc) -> list[int]:
    """The tokens that break lines (spaces holding a "\n"), in order."""
    breaks = _LINE_BREAKS.get(doc)
    if breaks is None:
        store = doc.vocab.strings
        orths, spaces = columns(doc, (ORTH, IS_SPACE))
        breaks = _LINE_BREAKS[doc] = [i for i, (orth, space) in enumerate(zip(orths, spaces)) if space and "\n" in store[orth]]
    return breaks
