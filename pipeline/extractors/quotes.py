"""Quotes: direct speech with its speaker, as the quotation and coreference components found it.

A quote is speech someone said: one whose speaker the article does not let us name (a
headline's quotation, a press release's unnamed voice) is left out, as are an interviewer's
questions. Three words in marks are a title or a scare quote, not speech.
"""

from __future__ import annotations

from ..nlp.quotations import QUOTES_KEY, quote_kind, quote_text
from ..records import Quote
from .arguments import ArticleView

MIN_WORDS = 4


def quotes(view: ArticleView) -> list[Quote]:
    doc = view.doc
    out: list[Quote] = []
    for span in doc.spans.get(QUOTES_KEY, []):
        kind = quote_kind(span)
        if kind == "question":
            continue
        text = quote_text(span)
        n_words = len(text.split())
        if n_words < MIN_WORDS:
            continue
        speaker = view.refs.get(span.kb_id_) if span.kb_id_ else None
        if speaker is None:
            continue
        out.append(
            Quote(
                speaker=speaker["name"],
                speaker_id=span.kb_id_ if speaker.get("in_gazetteer") else None,
                text=text,
                evidence=view.evidence(span.start, span.end),
            )
        )
    return out
