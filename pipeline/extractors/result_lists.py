"""Results printed as numbered lists: "Top 3 on GC: 1. Richie Porte (INEOS Grenadiers), 2. ...".

A list item is a rank number at the start of a line or after , ; : |, an optional "." or ")",
and a person named right after it. Its classification and team come from the heading: the
words before the first item on the line ("Astana – Premier Tech top 3 on GC:"), else the short
line right above a list of one item per line ("General classification after stage 5:"). Race
and stage come from any heading above ("Stage 8: La Léchère-Les-Bains > Les Gets").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from ..records import Result
from .arguments import ArticleView

HEADING_MAX_TOKENS = 16
_ITEM_SEPARATORS = {",", ";", ":", "|"}
_SAME_TIME = ("s.t", "st", "same time", "m.t")


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
    """(rank, person mention, item tokens) for each numbered item of a line."""
    doc = view.doc
    starts: list[tuple[int, int, Span]] = []
    for token in line:
        if not (token.like_num and token.text.isdigit() and 0 < int(token.text) < 1000):
            continue
        if token.i != line.start and doc[token.i - 1].text not in _ITEM_SEPARATORS:
            continue
        j = token.i + 1
        if j < line.end and doc[j].text in {".", ")"}:
            j += 1
        mention = view.mention_at(j)
        if mention is not None and mention.end <= line.end and view.rider(mention) is not None:
            starts.append((int(token.text), token.i, mention))
    items = []
    for k, (rank, start, mention) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else line.end
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
                heading.team = next((e for e in line.ents if e.label_ == "TEAM"), None)
            else:
                heading.classification, heading.team = None, None
            continue
        title = doc[line.start : items[0][2].start]
        classification, team = heading.classification, heading.team
        if len(title):  # "Astana – Premier Tech top 3 on GC: 2. Alexey Lutsenko, ..."
            _update_heading(view, heading, title)
            classification = view.cue_classification(title, exclude=[])
            team = next((e for e in title.ents if e.label_ == "TEAM"), None)
        classification = classification or view.default_classification()
        for rank, mention, item in items:
            out.append(_row(view, heading, classification, team, rank, mention, item))
    return out


def _row(view: ArticleView, heading: _Heading, classification: str, team: Span | None, rank: int, mention: Span, item: Span) -> Result:
    doc = view.doc
    person = view.rider(mention)
    own_team = next((e for e in item.ents if e.label_ == "TEAM"), None) or team
    ref = view.refs.get(person.id, {})
    seconds = [d._.rf_seconds for d in doc.spans.get("durations", []) if item.start <= d.start and d.end <= item.end]
    gap = 0 if any(marker in item.text.lower() for marker in _SAME_TIME) else None
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
        rider_id=person.id,
        team=own_team.text if own_team is not None else ref.get("team"),
        team_id=own_team.id_ if own_team is not None else ref.get("team_id"),
        time=time,
        gap=gap,
        method="list",
        evidence=view.evidence(item.start, item.end),
    )


def _update_heading(view: ArticleView, heading: _Heading, span: Span) -> None:
    race = next((e for e in span.ents if e.label_ == "RACE"), None)
    if race is not None:
        heading.race_id = race.id_
        heading.race = view.refs.get(race.id_, {}).get("canonical") or race.text
    for ref in view.stage_refs:
        if span.start <= ref.span.start and ref.span.end <= span.end:
            heading.stage = ref.values[0]
            break
