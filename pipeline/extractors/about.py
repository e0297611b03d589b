"""The race, year and stage an article reports, for facts that do not name them.

The race is the one in the headline, else the first one named in the opening paragraph, else
the one named most; a race named only as a plan ("he will ride the Giro") is not reported.
The stage is the one in the headline, in a "Stage 8: ..." heading line, or in the first sentence
of the first paragraph of prose (short lines above it, such as a repeated headline or a photo
credit, report nothing).
The year is printed beside the race ("Giro di Sicilia 2023", "2017 Critérium du Dauphiné"),
else it is the publication year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from spacy.tokens import Doc, Span

from ..nlp.clauses import line_of
from ..nlp.columns import doc_text
from ..records import About
from ..text.numbers import as_year
from .arguments import HEADING_MAX_TOKENS, ArticleView
from .programmes import Scope



def about(view: ArticleView, plans: list[Scope], head_end: int, published: dt.date | None) -> About:
    """`head_end`: offset in the text after the headline and standfirst (0 without them)."""
    doc, refs = view.doc, view.refs
    planned = {race.start for _, races in plans for race in races}
    races = [e for e in view.ents_of("RACE") if e.id_ and (e.start not in planned or e.end_char <= head_end)]
    race = _headline_race(races, head_end) or _opening_race(doc, races, head_end) or _most_named(races)
    year = _year_beside(doc, race) if race is not None else None
    if year is None and published is not None:
        year = published.year
    stage = None
    for ref in view.stage_refs:
        line = line_of(doc, ref.span.start, ref.span.end)
        heading = len(line) <= HEADING_MAX_TOKENS and ref.span.start == line.start
        if ref.span.end_char <= head_end or heading:
            stage = ref.values[0]
            break
    lead = _lead_sentence(doc, head_end)
    if stage is None and lead is not None:  # "Primož Roglič won the 19th stage of the Giro ..."
        stage = next((r.values[0] for r in view.stage_refs if lead.start <= r.span.start < lead.end and not view.in_quote(r.span)), None)
    ref = refs.get(race.id_, {}) if race is not None else {}
    return About(
        race=ref.get("canonical") or (race.text if race is not None else None),
        race_id=race.id_ if race is not None else None,
        race_type=ref.get("type"),
        year=year,
        stage=stage,
    )


def _headline_race(races: list[Span], head_end: int) -> Span | None:
    return next((e for e in races if e.end_char <= head_end), None)


def _opening(doc: Doc, head_end: int) -> Span | None:
    """The first sentence of the body."""
    return next((s for s in doc.sents if s.start_char >= head_end), None)


def _lead_sentence(doc: Doc, head_end: int) -> Span | None:
    """The first sentence of the first paragraph of prose: short lines above it (a repeated
    headline, "LeMonde 6 days ago", a photo credit) are no report."""
    for sent in doc.sents:
        if sent.start_char < head_end:
            continue
        line = line_of(doc, sent.start)  # the sentence's own line, not the one after
        if len(line) > HEADING_MAX_TOKENS or (len(line) and line[-1].text in (".", "!", "?")):  # a one-sentence lead
            return sent
    return None


def _opening_race(doc: Doc, races: list[Span], head_end: int) -> Span | None:
    opening = _opening(doc, head_end)  # the race may be named anywhere in its paragraph
    if opening is None:
        return None
    text = doc_text(doc)
    paragraph_end = text.find("\n", opening.start_char)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    return next((e for e in races if opening.start_char <= e.start_char < paragraph_end), None)


def _most_named(races: list[Span]) -> Span | None:
    if not races:
        return None
    counts = Counter(e.id_ for e in races)
    best = max(counts, key=lambda i: (counts[i], -next(e.start for e in races if e.id_ == i)))
    return next(e for e in races if e.id_ == best)


def _year_beside(doc: Doc, race: Span) -> int | None:
    for i in (race.start - 1, race.end):
        year = as_year(doc[i].text) if 0 <= i < len(doc) else None
        if year is not None:
            return year
    return None
