"""Climbs: the named climbs of the article, with length and gradient when the text gives them.

A length counts when it describes a climb ("a 4.6km climb", "Jabal Haat (4.6km at 7.2%)"), not
when it is a stage's distance ("the 174 km second stage").
"""

from __future__ import annotations

import bisect

from spacy.tokens import Span

from ..gazetteer import Gazetteer
from ..records import Climb
from .arguments import ArticleView

_CLIMB_WORDS = frozenset({"climb", "climbs", "ascent", "ascents", "long", "at", "averaging", "rise", "drag", "ramp", "kilometre", "kilometres"})


def climbs(view: ArticleView, gazetteer: Gazetteer) -> list[Climb]:
    """One record per climb, named as the article writes it at its fullest ("Gavia Pass"),
    spelled as the gazetteer spells that name."""
    found: dict[str, Climb] = {}
    named = view.ents_of("CLIMB")
    written: dict[str, str] = {}
    for ent in named:
        key = ent.id_ or ent.text
        if len(ent.text) > len(written.get(key, "")):
            written[key] = ent.text
    distances = list(view.doc.spans.get("distances", []))
    gradients = list(view.doc.spans.get("gradients", []))
    for k, ent in enumerate(named):
        # a measure after the next climb's name is that climb's
        limit = min(view.sentence(ent.start).end, named[k + 1].start if k + 1 < len(named) else len(view.doc))
        length, gradient = _measures(view, ent, limit, distances, gradients)
        key = ent.id_ or ent.text
        climb = found.get(key)
        if climb is None:
            name = (gazetteer.canonical(ent.id_, written[key]) if ent.id_ else None) or written[key]
            public_id = ent.id_ if ent.id_ in gazetteer else None
            found[key] = Climb(name=name, id=public_id, length_km=length, gradient_pct=gradient, evidence=view.evidence(ent.start, ent.end))
        elif (climb.length_km is None and length) or (climb.gradient_pct is None and gradient):
            found[key] = climb.model_copy(update={"length_km": climb.length_km or length, "gradient_pct": climb.gradient_pct or gradient})
    return list(found.values())


def _within(spans: list[Span], start: int, end: int) -> list[Span]:
    lo = bisect.bisect_left([s.start for s in spans], start)
    return [s for s in spans[lo:] if s.start < end][:3]


def _measures(view: ArticleView, ent: Span, limit: int, distances: list[Span], gradients: list[Span]) -> tuple[float | None, float | None]:
    doc = view.doc
    length = gradient = None
    for distance in _within(distances, ent.end, limit):
        following = {t.lower_ for t in doc[distance.end : distance.end + 2]}
        bracketed = distance.start - ent.end <= 1 and doc[ent.end].text == "("
        if bracketed or following & _CLIMB_WORDS:
            length = distance._.rf_value
            break
    for slope in _within(gradients, ent.end, min(limit, ent.end + 12)):
        gradient = slope._.rf_value
        break
    return length, gradient
