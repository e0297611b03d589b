"""Results printed as lists and tables: what each row says, under the heading that says what
the list is.

Rows come from `table_rows`. A list's classification and team come from its heading: the words
before the first row on the line ("Astana – Premier Tech top 3 on GC:"), else the short line
right above ("General classification after stage 5:", "Stage 8 result"); table header rows
and rules in between do not count. A list with no heading is the race's default classification,
except that a winner's time of ten hours or more can only be a general classification, and so
is a list of a stage race, with no stage above it, won by the rider the prose reports as the
overall winner ("Basso wins the Giro ... it finished: 1. Basso 2. Arroyo"). Race and stage come
from any heading above ("Stage 8: La Léchère-Les-Bains > Les Gets").

A row's times: the winner's is the time; below him a "+" or a short time is the gap, a long
time without "+" is the rider's own time (the gap is the difference); "s.t.", "same time",
"m.t." mean the gap of the rider before. "Men's winner: Name (Team)" is a row of rank 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

from ..records import Result
from ..rules import words
from ..text.numbers import as_year
from .arguments import CUMULATIVE_SECONDS, HEADING_MAX_TOKENS, ArticleView
from .table_rows import Item, is_table_furniture, items, logical_lines

# The last cell of a row: "s.t.", "st", "m.t.", "m.", "same time" ("(St Michel-Auber 93)" is a team).
_SAME_TIME = re.compile(r"(?<!\w)(?:s\.\s?t\.?|s\.t|st|m\.\s?t\.?|same time|m\.)\W*$", re.IGNORECASE)
# "a 47", "a 1.12" (Spanish and Italian tables: "at"); "a 1'12" is read by the duration finder.
_A_SECONDS = re.compile(r"(?<!\w)a\s+(?:(?P<m>\d{1,2})[.:])?(?P<s>[0-5]?\d)\.?$")


@dataclass
class _Heading:
    """What the headings above a list say: the race and stage for every list below them, and
    for the list right below, its classification and team."""

    race_id: str | None = None
    race: str | None = None
    stage: int | str | None = None
    classification: str | None = None
    team: Span | None = None


@dataclass
class _List:
    """The rows read so far of the list being read: the rows after its first need its
    winner's time and the gap of the row before."""

    classification: str
    team: Span | None
    winner_label: bool = False  # "Men's winner: ...": a race's winner unless the race has stages
    leader_time: int | None = None
    last_gap: int | None = None
    rows: list[Result] = field(default_factory=list)


def list_results(view: ArticleView, overall_winners: frozenset[str] = frozenset()) -> list[Result]:
    """The rows of every list in the article; `overall_winners` are the rider ids the prose
    reports as leading or winning the race overall."""
    doc = view.doc
    about = view.about
    heading = _Heading(about.race_id, about.race, about.stage)
    timed = {i for d in view.durations for i in range(d.start, d.end)}
    out: list[Result] = []
    current: _List | None = None
    for line in logical_lines(doc):
        rows = items(view, line, timed)
        labelled = not rows
        rows = rows or _winner_rows(view, line)
        if not rows:
            if is_table_furniture(line):
                continue
            current = None
            if len(line) <= HEADING_MAX_TOKENS and not view.in_quote(line):
                _update_heading(view, heading, line)
                heading.classification = view.cue_classification(line, exclude=[])
                heading.team = view.ent_of("TEAM", line)
            else:
                heading.classification, heading.team = None, None
            continue
        title = doc[line.start : rows[0].span.start]
        if len(title) and not is_table_furniture(title):  # "Astana – Premier Tech top 3 on GC: 2. Alexey Lutsenko, ..."
            _update_heading(view, heading, title)
            classification = view.cue_classification(title, exclude=[])
            current = _List(classification, view.ent_of("TEAM", title), winner_label=labelled)
        elif current is None:
            current = _List(heading.classification, heading.team)
        for item in rows:
            if current.rows and item.rank == 1:
                current = _List(None, current.team)  # a second table right below the first
            result = _row(view, heading, current, item, overall_winners)
            current.rows.append(result)
            out.append(result)
    return out


def _winner_rows(view: ArticleView, line: Span) -> list[Item]:
    """"Men's winner: Mark Cavendish (Quick-Step)": a row of rank 1 named by its label."""
    doc = view.doc
    texts, lowers = view.texts, view.lowers
    past, labels, this_year = words("past_qualifiers"), words("winner_labels"), view.about.year
    if labels.isdisjoint(lowers[line.start : line.end]):
        return []  # only a label makes a row; the checks below would end with none too
    for i in range(line.start, line.end):
        year = as_year(texts[i]) if len(texts[i]) == 4 else None  # a year has four digits
        if lowers[i] in past or (year is not None and year != this_year):
            return []  # "Last year's winner: Tadej Pogačar", "2023 winner -": an earlier edition's
        if lowers[i] in labels and i + 1 < line.end and texts[i + 1] in {":", "-", "–"}:
            j = i + 2
            while j < line.end and doc[j].is_space:
                j += 1
            mention = view.mention_at(j)
            if mention is not None and mention.end <= line.end and view.rider(mention) is not None:
                return [Item(1, mention, doc[j : line.end])]
    return []


def _row(view: ArticleView, heading: _Heading, current: _List, item: Item, overall_winners: frozenset[str]) -> Result:
    person = view.rider(item.mention)
    own_team = view.ent_of("TEAM", item.span) or current.team
    ref = view.refs.get(person.id, {})
    time, gap, same_time = _times(view, current, item)
    if current.classification is None:  # decided by the list's first row
        overall = not current.rows and item.rank == 1 and heading.stage is None and person.public_id in overall_winners
        current.classification = _unheaded(view, current, overall)
    classification = current.classification
    return Result(
        classification=classification,
        race=heading.race,
        race_id=heading.race_id,
        year=view.about.year if heading.race_id == view.about.race_id else None,
        stage=heading.stage if classification != "race" else None,
        rank=item.rank,
        rider=person.name,
        rider_id=person.public_id,
        team=own_team.text if own_team is not None else ref.get("team"),
        team_id=own_team.id_ if own_team is not None else ref.get("team_id"),
        time=time,
        gap=gap,
        same_time=same_time,
        method="list",
        evidence=view.evidence(item.span.start, item.span.end),
    )


def _unheaded(view: ArticleView, current: _List, won_overall: bool) -> str:
    """A list with no heading: GC when its winner's time is cumulative or he won the stage race
    overall, a labelled winner of a race without stages, else the race's default."""
    if (current.leader_time or 0) >= CUMULATIVE_SECONDS or (won_overall and view.about.race_type == "stage"):
        return "gc"
    if current.winner_label and view.about.race_type != "stage":
        return "race"
    return view.default_classification()


def _times(view: ArticleView, current: _List, item: Item) -> tuple[int | None, int | None, bool]:
    """(time, gap, printed as same time) of a row; updates the list's leader time and last gap."""
    doc = view.doc
    after_name = doc[item.mention.end : item.span.end]
    durations, values = view.durations, view.duration_values
    seconds = [
        k for k in view.durations_starting(after_name.start, item.span.end)
        if durations[k].end <= item.span.end and values[k] is not None
    ]
    time = gap = None
    same_time = False
    if seconds:
        first = durations[seconds[0]]
        value, signed = values[seconds[0]], "+" in doc[first.start - 1 : first.end].text
        if item.rank == 1 and not current.rows:
            time = current.leader_time = value
        elif not signed and current.leader_time and value >= current.leader_time / 2:
            time, gap = value, max(value - current.leader_time, 0)  # every row prints its own time
        else:
            gap = value
    else:
        match = _A_SECONDS.search(after_name.text.strip())
        if match and item.rank > 1:
            gap = int(match.group("m") or 0) * 60 + int(match.group("s"))
        elif _SAME_TIME.search(after_name.text.strip()):
            same_time, gap = True, current.last_gap or 0
    if gap is not None:
        current.last_gap = gap
    return time, gap, same_time


def _update_heading(view: ArticleView, heading: _Heading, span: Span) -> None:
    race = view.ent_of("RACE", span)
    if race is not None:
        heading.race_id = race.id_
        heading.race = view.refs.get(race.id_, {}).get("canonical") or race.text
    for ref in view.stage_refs:
        if span.start <= ref.span.start and ref.span.end <= span.end:
            heading.stage = ref.values[0]
            break

