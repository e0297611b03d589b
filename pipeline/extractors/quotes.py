"""Quotes: direct speech with its speaker, as the quotation and coreference components found it.

Three words in marks are a title or a scare quote, not speech; a short quotation inside a
sentence with no speech verb attached is one too.
"""

from __future__ import annotations

from ..nlp.quotations import QUOTES_KEY, quote_text
from ..records import Quote
from .arguments import ArticleView

MIN_WORDS = 4
MIN_WORDS_UNATTRIBUTED_INLINE = 8


def quotes(view: ArticleView) -> list[Quote]:
    doc = view.doc
    out: list[Quote] = []
    for span in doc.spans.get(QUOTES_KEY, []):
        text = quote_text(span)
        n_words = len(text.split())
        if n_words < MIN_WORDS:
            continue
        speaker = view.refs.get(span.kb_id_) if span.kb_id_ else None
        opens_sentence = span.start <= span.sent.start + 1
        if speaker is None and not opens_sentence and n_words < MIN_WORDS_UNATTRIBUTED_INLINE:
            continue
        out.append(
            Quote(
                speaker=speaker["name"] if speaker else None,
                speaker_id=span.kb_id_ if speaker and speaker.get("in_gazetteer") else None,
                text=text,
                evidence=view.evidence(span.start, span.end),
            )
        )
    return out
