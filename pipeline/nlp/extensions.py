"""Custom attributes that racefacts components set and extractors read.

All names start with `rf_`, since spaCy extensions are global to the process. Values are plain
data (str, int, dict), so docs stay serialisable.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..text.numbers import number_value, ordinal_value


def register() -> None:
    """Idempotent: components call it when they are created."""
    if Doc.has_extension("rf_referents"):
        return
    # entity id -> {"label", "name", "canonical", "team", "team_id", ...} for everyone the doc mentions
    Doc.set_extension("rf_referents", default=None)
    # "start:end" of an entity span -> how it was found (gazetteer, alias, context, attribution)
    Doc.set_extension("rf_sources", default=None)
    Token.set_extension("rf_ordinal", getter=lambda t: ordinal_value(t.text))
    Token.set_extension("rf_is_ordinal", getter=lambda t: ordinal_value(t.text) is not None)
    Token.set_extension("rf_number", getter=lambda t: number_value(t.text))
    # the value of a measure span: seconds, kilometres or per cent (set by racefacts_measures)
    Span.set_extension("rf_value", default=None)


def referents(doc: Doc) -> dict[str, dict]:
    if doc._.rf_referents is None:
        doc._.rf_referents = {}
    return doc._.rf_referents


def sources(doc: Doc) -> dict[str, str]:
    if doc._.rf_sources is None:
        doc._.rf_sources = {}
    return doc._.rf_sources


def span_key(span: Span) -> str:
    return f"{span.start_char}:{span.end_char}"
