"""Entities: every name the pipeline recognised, with its canonical form and how it was found."""

from __future__ import annotations

from ..gazetteer import Gazetteer
from ..nlp.extensions import sources, span_key
from ..records import Entity
from .arguments import ArticleView


def entities(view: ArticleView, gazetteer: Gazetteer) -> list[Entity]:
    doc = view.doc
    found = sources(doc)
    out = []
    for ent in doc.ents:
        entity_id = ent.id_ or None
        canonical = gazetteer.canonical(entity_id, ent.text) if entity_id else None
        if canonical is None and ent.label_ == "RIDER" and entity_id in view.refs:
            canonical = view.refs[entity_id].get("canonical")
        out.append(
            Entity(
                label=ent.label_,
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                canonical=canonical,
                id=entity_id,
                source=found.get(span_key(ent), "gazetteer"),
            )
        )
    return out
