"""Component: mark direct speech as spans, before sentences are set, so sentences keep it whole."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..text.quotations import find_quotations
from ..text.quotations import quote_text as text_of_quotation

QUOTES_KEY = "quotes"


class QuotationFinder:
    """Puts the inside of every quotation in `doc.spans[spans_key]` (label QUOTE)."""

    def __init__(self, spans_key: str = QUOTES_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for quotation in find_quotations(doc.text):
            span = doc.char_span(quotation.inner_start, quotation.inner_end, label="QUOTE", alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("racefacts_quotations", default_config={"spans_key": QUOTES_KEY})
def make_quotations(nlp: Language, name: str, spans_key: str) -> QuotationFinder:
    return QuotationFinder(spans_key)


def quote_text(span: Span) -> str:
    """The words of a quotation span (see text.quotations.quote_text)."""
    return text_of_quotation(span.text)
