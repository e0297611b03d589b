"""Token attributes of a whole doc as plain lists, read with one `Doc.to_array` call.

A loop over `doc` makes a Token object for every token and reads each attribute through it,
which costs more than the test the loop makes. Components that look at every token read these
lists instead. Strings come as their hash ids (see `rules.word_ids`), which is how spaCy
stores and its Matcher compares them.
"""

from __future__ import annotations

from functools import wraps
from typing import Callable, NamedTuple, Sequence, TypeVar
from weakref import WeakKeyDictionary

from spacy.attrs import IS_SPACE, LOWER, ORTH, SPACY
from spacy.tokens import Doc

T = TypeVar("T")


def columns(doc: Doc, attrs: Sequence[int]) -> list[list[int]]:
    """One list per attribute id (spacy.attrs), with the value of every token."""
    if not len(doc):
        return [[] for _ in attrs]
    return doc.to_array(list(attrs)).reshape(len(doc), len(attrs)).T.tolist()


def strings(doc: Doc, attr: int) -> list[str]:
    """Every token's string attribute (ORTH, LOWER, NORM, ...), looked up from its hash id."""
    store = doc.vocab.strings
    return [store[value] for value in columns(doc, (attr,))[0]]


def per_doc(read: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """`read` done once per Doc object, its result kept as long as the doc lives (and shared by
    every caller, who must not change it). For readings of what never changes once a doc is
    made: its text and tokens (retokenizing regroups characters but keeps them, and the pipeline
    never retokenizes) and their lexical attributes; never entities, which components set."""
    cache: WeakKeyDictionary[Doc, T] = WeakKeyDictionary()

    @wraps(read)
    def cached(doc: Doc) -> T:
        found = cache.get(doc)
        if found is None:
            found = cache[doc] = read(doc)
        return found

    return cached


class Lexical(NamedTuple):
    """Every token's text (ORTH) and lower-case form (LOWER), as lists."""

    texts: list[str]
    lowers: list[str]


@per_doc
def lexical(doc: Doc) -> Lexical:
    """The token texts and lower-case forms, which clause and sentence tests read again and again."""
    return Lexical(strings(doc, ORTH), strings(doc, LOWER))


@per_doc
def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy joins token by token on every read."""
    (spaces,) = columns(doc, (SPACY,))
    return "".join(text + " " if space else text for text, space in zip(lexical(doc).texts, spaces))


@per_doc
def line_breaks(doc: Doc) -> list[int]:
    """The tokens that break lines (spaces holding a "\n"), in order."""
    (spaces,) = columns(doc, (IS_SPACE,))
    return [i for i, (text, space) in enumerate(zip(lexical(doc).texts, spaces)) if space and "\n" in text]
