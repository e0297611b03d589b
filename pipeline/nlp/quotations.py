"""Component: mark direct speech as spans, before sentences are set, so sentences keep it whole."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..text.quotations import find_quotations
from ..text.quotations import quote_text as text_of_quotation
from .columns import doc_text

QUOTES_KEY = "quotes"
PERSON_LABELS = frozenset({"RIDER", "PERSON"})  # entity labels of people, for every nlp module
MARKED = "QUOTE"  # the span label of speech in quotation marks; other kinds are QUOTE_<KIND>


class QuotationFinder:
    """Puts the inside of every quotation in `doc.spans[spans_key]`, labelled by its kind."""

    def __init__(self, spans_key: str = QUOTES_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for quotation in find_quotations(doc_text(doc)):
            if quotation.kind == "labelled" and not self._person_label(doc, quotation.start, quotation.inner_start):
                continue
            label = MARKED if quotation.kind == "marks" else f"{MARKED}_{quotation.kind.upper()}"
            span = doc.char_span(quotation.inner_start, quotation.inner_end, label=label, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    @staticmethod
    def _person_label(doc: Doc, start: int, end: int) -> bool:
        """`Name:` labels an interviewee's line only if the name is a person's: one the gazetteer
        or the context knows, the surname of one, or a full name that no other entity claims.
        "Results: ..." and "Photo: ..." lines stay text."""
        label = doc.char_span(start, end, alignment_mode="contract")
        if label is None:
            return False
        words = [t for t in label if t.is_alpha]
        if not words or any(t.ent_type_ and t.ent_type_ not in PERSON_LABELS for t in words):
            return False
        if all(t.ent_type_ in PERSON_LABELS for t in words):
            return True
        if len(words) == 1:
            surname = words[0].lower_
            return any(e.label_ in PERSON_LABELS and e[-1].lower_ == surname for e in doc.ents)
        return all(t.is_title for t in words)


@Language.factory("racefacts_quotations", default_config={"spans_key": QUOTES_KEY})
def make_quotations(nlp: Language, name: str, spans_key: str) -> QuotationFinder:
    return QuotationFinder(spans_key)


def quote_kind(span: Span) -> str:
    """The kind of a quotation span: "marks", "dash", "answer", "question" or "labelled"."""
    label = span.label_
    return "marks" if label in (MARKED, "") else label.removeprefix(f"{MARKED}_").lower()


def quote_text(span: Span) -> str:
    """The words of a quotation span (see text.quotations.quote_text). Its text is sliced from
    the doc's: Span.text joins a Token object per token."""
    return text_of_quotation(doc_text(span.doc)[span.start_char : span.end_char])
