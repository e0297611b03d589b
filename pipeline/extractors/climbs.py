"""Climbs: the named climbs of the article, with length and gradient when the text gives them.

A length counts when it describes a climb ("a 4.6km climb", "Jabal Haat (4.6km at 7.2%)"), not
when it is a stage's distance ("the 174 km second stage").
"""

from __future__ import annotations

from spacy.tokens import Span

from ..records import Climb
from .arguments import ArticleView

_CLIMB_WORDS = frozenset({"climb", "climbs", "ascent", "ascents", "long", "at", "averaging", "rise", "drag", "ramp", "kilometre", "kilometres"})


def climbs(view: ArticleView) -> list[Climb]:
    doc = view.doc
    found: dict[str, Climb] = {}
    for ent in view.ents_of("CLIMB"):
        length, gradient = _measures(view, ent)
        key = ent.id_ or ent.text
        climb = found.get(key)
        if climb is None:
            name = view.refs.get(ent.id_, {}).get("canonical") or ent.text
            found[key] = Climb(name=name, id=ent.id_ or None, length_km=length, gradient_pct=gradient, evidence=view.evidence(ent.start, ent.end))
        elif (climb.length_km is None and length) or (climb.gradient_pct is None and gradient):
            found[key] = climb.model_copy(update={"length_km": climb.length_km or length, "gradient_pct": climb.gradient_pct or gradient})
    return list(found.values())


def _measures(view: ArticleView, ent: Span) -> tuple[float | None, float | None]:
    doc = view.doc
    sent = ent.sent
    following_climb = next((e.start for e in view.ents_of("CLIMB", ent.end)), len(doc))
    limit = min(sent.end, following_climb)  # a measure after the next climb's name is that climb's
    length = gradient = None
    for distance in doc.spans.get("distances", []):
        if not (ent.end <= distance.start < limit):
            continue
        following = {t.lower_ for t in doc[distance.end : distance.end + 2]}
        bracketed = distance.start - ent.end <= 1 and doc[ent.end].text == "("
        if bracketed or following & _CLIMB_WORDS:
            length = round(distance._.rf_km, 2)
            break
    for slope in doc.spans.get("gradients", []):
        if ent.end <= slope.start < min(limit, ent.end + 12):
            gradient = slope._.rf_percent
            break
    return length, gradient
