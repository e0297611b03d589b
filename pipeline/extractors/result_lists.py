"""Results printed as numbered lists: "Top 3 on GC: 1. Richie Porte (INEOS Grenadiers), 2. ...".

A list item is a rank number at the start of a line or after , ; : |, an optional "." or ")",
and a person named right after it. Its classification and team come from the heading: the
words before the first item on the line ("Astana – Premier Tech top 3 on GC:"), else the short
line right above a list of one item per line ("General classification after stage 5:"). Race
and stage come from any heading above ("Stage 8: La Léchère-Les-Bains > Les Gets").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from ..records import Result
from ..text.numbers import as_int
from .arguments import HEADING_MAX_TOKENS, ArticleView

_ITEM_SEPARATORS = {",", ";", ":", "|"}
_SAME_TIME = re.compile(r"(?<!\w)(?:s\.\s?t\.?|s\.t|st|m\.\s?t\.?|same time)(?!\w)", re.IGNORECASE)


@dataclass
class _Heading:
    """What the headings above a list say: the race and stage for every list below them, and
    for the list right below, its classification and team."""

    race_id: str | None = None
    race: str | None = None
    stage: int | str | None = None
    classification: str | None = None
    team: Span | None = None


def _lines(view: ArticleView) -> list[Span]:
    doc = view.doc
    lines, start = [], 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            if token.i > start:
                lines.append(doc[start : token.i])
            start = token.i + 1
    if start < len(doc):
        lines.append(doc[start:])
    return lines


def _items(view: ArticleView, line: Span) -> list[tuple[int, Span, Span]]:
    """(rank, rider mention, item tokens) for each numbered item of a line.

    Every rank number starts an item, so a rider the gazetteer does not know still ends the item
    before his; only items that name a known rider are returned.
    """
    doc = view.doc
    starts: list[tuple[int, int, Span | None]] = []
    for token in line:
        rank = as_int(token.text)
        if rank is None or not 0 < rank < 1000:
            continue
        if token.i != line.start and doc[token.i - 1].text not in _ITEM_SEPARATORS:
            continue
        j = token.i + 1
        if j < line.end and doc[j].text in {".", ")"}:
            j += 1
        mention = view.mention_at(j)
        if mention is not None and (mention.end > line.end or view.rider(mention) is None):
            mention = None
        if mention is not None or j > token.i + 1:  # "7." or "7)" with no known name is still an item
            starts.append((rank, token.i, mention))
    items = []
    for k, (rank, start, mention) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else line.end
        if mention is not None:
            items.append((rank, mention, doc[start:end]))
    return items


def list_results(view: ArticleView) -> list[Result]:
    doc = view.doc
    about = view.about
    heading = _Heading(about.race_id, about.race, about.stage)
    out: list[Result] = []
    for line in _lines(view):
        items = _items(view, line)
        if not items:
            if len(line) <= HEADING_MAX_TOKENS and not view.in_quote(line):
                _update_heading(view, heading, line)
                heading.classification = view.cue_classification(line, exclude=[])
                heading.team = view.ent_of("TEAM", line)
            else:
                heading.classification, heading.team = None, None
            continue
        title = doc[line.start : items[0][2].start]
        classification, team = heading.classification, heading.team
        if len(title):  # "Astana – Premier Tech top 3 on GC: 2. Alexey Lutsenko, ..."
            _update_heading(view, heading, title)
            classification = view.cue_classification(title, exclude=[])
            team = view.ent_of("TEAM", title)
        classification = classification or view.default_classification()
        for rank, mention, item in items:
            out.append(_row(view, heading, classification, team, rank, mention, item))
    return out


def _row(view: ArticleView, heading: _Heading, classification: str, team: Span | None, rank: int, mention: Span, item: Span) -> Result:
    doc = view.doc
    person = view.rider(mention)
    own_team = view.ent_of("TEAM", item) or team
    ref = view.refs.get(person.id, {})
    after_name = doc[mention.end : item.end]
    seconds = [d._.rf_value for d in doc.spans.get("durations", []) if after_name.start <= d.start and d.end <= item.end and d._.rf_value is not None]
    gap = 0 if _SAME_TIME.search(after_name.text) else None
    time = None
    if seconds:
        if rank == 1 or ("+" not in item.text and seconds[0] >= 3600):
            time = seconds[0]
        else:
            gap = seconds[0]
    return Result(
        classification=classification,
        race=heading.race,
        race_id=heading.race_id,
        year=view.about.year if heading.race_id == view.about.race_id else None,
        stage=heading.stage if classification != "race" else None,
        rank=rank,
        rider=person.name,
        rider_id=person.public_id,
        team=own_team.text if own_team is not None else ref.get("team"),
        team_id=own_team.id_ if own_team is not None else ref.get("team_id"),
        time=time,
        gap=gap,
        method="list",
        evidence=view.evidence(item.start, item.end),
    )


def _update_heading(view: ArticleView, heading: _Heading, span: Span) -> None:
    race = view.ent_of("RACE", span)
    if race is not None:
        heading.race_id = race.id_
        heading.race = view.refs.get(race.id_, {}).get("canonical") or race.text
    for ref in view.stage_refs:
        if span.start <= ref.span.start and ref.span.end <= span.end:
            heading.stage = ref.values[0]
            break
