"""Component: durations, distances and gradients as spans, with their values in `span._.rf_value`.

The value is read from the text once, here: a span is widened to whole tokens ("1min20" may be
one token), so its text is not always the expression that was parsed.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..text.quantities import find_distances, find_durations, find_gradients
from . import extensions
from .columns import doc_text

FINDERS = {"durations": find_durations, "distances": find_distances, "gradients": find_gradients}


class Measures:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for key, finder in FINDERS.items():
            spans = []
            for quantity in finder(text):
                span = doc.char_span(quantity.start, quantity.end, label=key.upper().rstrip("S"), alignment_mode="expand")
                if span is not None:
                    span._.rf_value = quantity.seconds if key == "durations" else round(quantity.value, 2)
                    spans.append(span)
            doc.spans[key] = spans
        return doc


@Language.factory("racefacts_measures")
def make_measures(nlp: Language, name: str) -> Measures:
    extensions.register()
    return Measures()
