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
    canonicals: dict[tuple[str, str], str | None] = {}  # an article names the same people again and again
    for ent in view.ents:
        entity_id = ent.id_ or None
        text = view.text[ent.start_char : ent.end_char]  # ent.text, without joining its tokens anew
        # a surname alone stands for the fullest name the article gives the rider
        used = view.refs.get(entity_id, {}).get("name", text) if ent.label_ == "RIDER" else text
        canonical = None
        if entity_id:
            if (entity_id, used) not in canonicals:
                canonicals[(entity_id, used)] = gazetteer.canonical(entity_id, used)
            canonical = canonicals[(entity_id, used)]
        out.append(
            Entity(
                label=ent.label_,
                text=text,
                start=ent.start_char,
                end=ent.end_char,
                canonical=canonical,
                id=entity_id if canonical is not None else None,  # only gazetteer ids leave the pipeline
                source=found.get(span_key(ent), "gazetteer"),
            )
        )
    return out
