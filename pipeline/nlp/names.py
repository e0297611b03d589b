"""Component: turn gazetteer matches into resolved names.

A rider named in full once is then called by his surname ("Alexey Lutsenko ... Lutsenko"):
every later or earlier surname-only mention is linked to the full mention, which also settles
surnames the gazetteer cannot match on its own because two riders share them (Gorka and Ion
Izagirre). Then every entity id the article mentions gets a referent entry: canonical name
from the gazetteer, fullest name used in the article.
"""

# No `from __future__ import annotations` here: spaCy validates initialize() settings with
# pydantic, which needs the real Gazetteer type in the signature.
from collections import defaultdict
from functools import lru_cache
from typing import List, Optional, Tuple

import numpy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, default_patterns_dir
from ..gazetteer.names import full_name, given_surname, lone_surname
from ..gazetteer.variants import SURNAME_PARTICLES
from ..rules.windows import in_sorted
from . import extensions
from .columns import doc_text, lexical
from .extensions import referents, sources, span_key



class NameResolver:
    def __init__(self, nlp: Language, name: str = "racefacts_names", resolve_short_forms: bool = True) -> None:
        extensions.register()
        self.name = name
        self.tokenizer = nlp.tokenizer
        self.resolve_short_forms = resolve_short_forms
        self.gazetteer = Gazetteer()
        # A name's norms, by the name: riders come back article after article, and tokenizing a
        # name costs more than the rest of linking it.
        self._name_norms = lru_cache(maxsize=4096)(self._tokenized_norms)

    def initialize(self, get_examples=None, *, nlp: Optional[Language] = None, gazetteer: Optional[Gazetteer] = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.from_dir(default_patterns_dir() / "kb")

    def __call__(self, doc: Doc) -> Doc:
        found = sources(doc)
        ents = [self._misspelt(doc, e, found) for e in doc.ents]
        if self.resolve_short_forms:
            ents = self._link_short_forms(doc, ents, found)
        ents = sorted(ents, key=lambda e: e.start)
        doc.ents = ents
        register_referents(doc, self.gazetteer, ents)
        return doc

    def _misspelt(self, doc: Doc, ent: Span, found: dict[str, str]) -> Span:
        """A rider found by context whose name is a gazetteer rider's misspelt or transliterated
        ("Jonas Vingegard", "Joaquin RODRIGUEZ OLIVER") is that rider; a name two riders are close to
        ("Alexander Vinoukurov": two Kazakh riders) stays unlinked."""
        if ent.label_ != "RIDER" or not ent.id_.startswith("context:") or len(ent) < 2:
            return ent
        words = ent.text.split()
        # given name first, or after a surname of one word or more ("RODRIGUEZ OLIVER Joaquin")
        rotations = [" ".join(words[k:] + words[:k]) for k in range(1, len(words))]
        for name in (ent.text, *rotations):
            entity_id = self.gazetteer.closest("RIDER", name)
            if entity_id is not None:
                linked = Span(doc, ent.start, ent.end, label="RIDER", span_id=entity_id)
                found[span_key(linked)] = "fuzzy"
                return linked
        return ent

    def _link_short_forms(self, doc: Doc, ents: List[Span], found: dict) -> List[Span]:
        text = doc_text(doc)  # a span's text sliced from it: Span.text joins a Token object per token
        full = [e for e in ents if e.label_ == "RIDER" and len(e) >= 2 and e.id_]
        keys: dict = defaultdict(list)
        for mention in full:
            name = self.gazetteer.given_first(mention.id_, text[mention.start_char : mention.end_char])
            norms = self._name_norms(name) if name else _word_norms(mention)
            for k in range(1, len(norms)):
                keys[norms[k:]].append(mention)
            lone = self._lone_surname(mention.id_)
            if lone and mention not in keys[lone]:
                keys[lone].append(mention)
        if not keys:
            return ents
        longest = max(len(k) for k in keys)
        firsts = numpy.array(sorted({get_string_id(k[0]) for k in keys}), dtype=numpy.uint64)  # as NORM ids
        # A short form starts with the first word of a key: the NORM array finds the few tokens that
        # do, with no Python step for every other token, and gives the norms of a span.
        norm_array = doc.to_array(NORM)
        norm_ids = norm_array.tolist()
        store = doc.vocab.strings
        texts, lowers = lexical(doc)

        def norms_of(start: int, end: int) -> Tuple[str, ...]:
            return tuple(store[h] for h in norm_ids[start:end])

        taken = bytearray(len(doc))
        kept: List[Span] = []
        full_at = {(e.start, e.end) for e in full}  # ents do not overlap: their bounds tell them apart
        for ent in ents:  # a short gazetteer match is relinked to the full mention of this article
            if ent.label_ == "RIDER" and (ent.start, ent.end) not in full_at:
                owner = self._owner(keys.get(norms_of(ent.start, ent.end)), ent.start)
                if owner is not None and owner.id_ != ent.id_:
                    ent = Span(doc, ent.start, ent.end, label="RIDER", span_id=owner.id_)
                    found[span_key(ent)] = "alias"
            kept.append(ent)
            taken[ent.start : ent.end] = b"\x01" * len(ent)
        n = len(doc)
        after = 0  # the token after the last short form linked: the next starts there or later
        for i in numpy.flatnonzero(in_sorted(norm_array, firsts)).tolist():
            if i < after or taken[i] or not (texts[i][:1].isupper() or lowers[i] in SURNAME_PARTICLES):
                continue
            for length in range(min(longest, n - i), 0, -1):
                if any(taken[i : i + length]):
                    continue
                owner = self._owner(keys.get(norms_of(i, i + length)), i)
                if owner is not None and texts[i + length - 1][:1].isupper():
                    span = Span(doc, i, i + length, label="RIDER", span_id=owner.id_)
                    kept.append(span)
                    found[span_key(span)] = "alias"
                    taken[i : i + length] = b"\x01" * length
                    after = i + length
                    break
        return kept

    def _tokenized_norms(self, name: str) -> Tuple[str, ...]:
        """The norms of a name's words, the name tokenized as an article's text would be. Names
        are taken in given-first order ("HERMANS Quinten" -> Quinten Hermans), so that the
        surname is what a later "Hermans" is compared with."""
        return _word_norms(self.tokenizer(name))

    def _lone_surname(self, entity_id: str) -> Optional[tuple]:
        """The surname the data says copy uses alone when it is not the name's tail: "Mas" for
        Enric Mas Nicolau, "Cort" for Magnus Cort Nielsen."""
        entry = self.gazetteer.get(entity_id)
        if entry is None or not entry.attrs.get("surname"):
            return None
        return self._name_norms(lone_surname(entry.name, entry.attrs))

    @staticmethod
    def _owner(candidates: Optional[List[Span]], position: int) -> Optional[Span]:
        """The full mention a short form refers to: the nearest before it, else the first after it."""
        if not candidates:
            return None
        before = [m for m in candidates if m.start < position]
        return max(before, key=lambda m: m.start) if before else min(candidates, key=lambda m: m.start)


def _word_norms(tokens) -> Tuple[str, ...]:
    """The norms of the words of a name, hyphens kept ("Niewiadoma-Phinney")."""
    return tuple(t.norm_ for t in tokens if not t.is_punct or t.text == "-")


def register_referents(doc: Doc, gazetteer: Gazetteer, ents: Optional[List[Span]] = None) -> None:
    """One referent per entity id: its label, canonical name and the fullest name in the article
    (given name first, as guidelines and readers want it, even where a table prints it last).
    `ents`: doc.ents when the caller has just set them (a read makes every Span anew)."""
    refs = referents(doc)
    text = doc_text(doc)  # a span's text sliced from it: Span.text joins a Token object per token
    names: dict[tuple[str, str], str] = {}  # an article names the same people again and again
    for ent in doc.ents if ents is None else ents:
        entity_id = ent.id_ or None
        if entity_id is None:
            continue
        mention = text[ent.start_char : ent.end_char]
        written = names.get((entity_id, mention))
        if written is None:
            written = names[(entity_id, mention)] = gazetteer.given_first(entity_id, mention) or _cased(gazetteer, entity_id, mention)
        ref = refs.get(entity_id)
        if ref is None:
            entry = gazetteer.get(entity_id)
            ref = refs[entity_id] = {
                "id": entity_id,
                "label": ent.label_,
                "name": written,
                "canonical": entry.name if entry else None,
                "in_gazetteer": entry is not None,
                **({k: v for k, v in entry.attrs.items() if k != "source"} if entry else {}),
            }
        elif len(written.split()) > len(ref["name"].split()):
            ref["name"] = written


def _cased(gazetteer: Gazetteer, entity_id: str, text: str) -> str:
    """A name a table prints in capitals ("Alejandro VALVERDE") in the gazetteer's case, or in
    its canonical form when the table misspells it ("VINGEGARD Jonas"); a rider the gazetteer
    lacks given name first ("OAKHURST Bryn" -> "Bryn Oakhurst"); any other name as written."""
    if not any(len(word) > 1 and word.isupper() for word in text.split()):
        return text
    entry = gazetteer.get(entity_id)
    if entry is not None:
        return gazetteer.spelling(entity_id, text) or entry.name
    return full_name(*given_surname(text))


@Language.factory("racefacts_names", default_config={"resolve_short_forms": True}, requires=["doc.ents"], assigns=["doc.ents"])
def make_names(nlp: Language, name: str, resolve_short_forms: bool) -> NameResolver:
    return NameResolver(nlp, name, resolve_short_forms)
