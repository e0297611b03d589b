"""Component: durations, distances and gradients as spans, with their values on `span._`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..text.quantities import find_distances, find_durations, find_gradients
from . import extensions

FINDERS = {"durations": find_durations, "distances": find_distances, "gradients": find_gradients}


class Measures:
    def __call__(self, doc: Doc) -> Doc:
        for key, finder in FINDERS.items():
            spans = []
            for quantity in finder(doc.text):
                span = doc.char_span(quantity.start, quantity.end, label=key.upper().rstrip("S"), alignment_mode="expand")
                if span is not None:
                    spans.append(span)
            doc.spans[key] = spans
        return doc


@Language.factory("racefacts_measures")
def make_measures(nlp: Language, name: str) -> Measures:
    extensions.register()
    return Measures()
