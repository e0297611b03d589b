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
    for ent in view.ents:
        entity_id = ent.id_ or None
        # a surname alone stands for the fullest name the article gives the rider
        used = view.refs.get(entity_id, {}).get("name", ent.text) if ent.label_ == "RIDER" else ent.text
        canonical = gazetteer.canonical(entity_id, used) if entity_id else None
        out.append(
            Entity(
                label=ent.label_,
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                canonical=canonical,
                id=entity_id if canonical is not None else None,  # only gazetteer ids leave the pipeline
                source=found.get(span_key(ent), "gazetteer"),
            )
        )
    return out
