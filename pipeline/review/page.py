"""Build the review page: records as one self-contained HTML file a reviewer opens from disk.

Review pages show articles scraped from anywhere, so every string of a record goes through
Jinja's autoescaping or `markupsafe.escape` (an article with `<script>` in it shows it as text),
and the page loads nothing: its style and script are inlined and a Content-Security-Policy
allows only those two, by hash, so it works the same from file:// with no network.

The article text is cut at every entity, evidence and removed-block boundary into segments; a
segment inside some facts' evidence carries their ids (`data-ev="r0 g3"`). Evidence ranges
overlap each other and cross entity marks, and cutting into segments means no element ever has
to overlap another: the script only toggles a class on the segments of the fact clicked.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..record_files import RecordError, StoredRecord
from ..records import ArticleRecord, Entity, Removed, Result
from ..text.clock import clock

HERE = Path(__file__).parent
FACT_KINDS = ("results", "gaps", "quotes", "programmes", "climbs")
PREFIX = {"results": "r", "gaps": "g", "quotes": "q", "programmes": "p", "climbs": "c"}
LABELS = ("RIDER", "TEAM", "RACE", "CLIMB", "PERSON")


@dataclass(frozen=True)
class ArticleView:
    """One article as the template shows it."""

    anchor: str
    location: str
    record: ArticleRecord
    text: Markup  # the highlighted text, escaped
    marked: frozenset[int]  # indexes of the entities marked in the text

    @property
    def counts(self) -> dict[str, int]:
        return {kind: len(getattr(self.record, kind)) for kind in FACT_KINDS}

    @property
    def results_race(self) -> Result | None:
        """A result naming the race of every result, if one race is all there is: the table then
        names it once, in its caption, and is narrow enough to sit beside the text."""
        races = {(r.race, r.race_id, r.year) for r in self.record.results}
        return self.record.results[0] if len(races) == 1 and self.record.results[0].race else None

    @property
    def empty_kinds(self) -> list[str]:
        """Said on the page, so a reviewer sees that nothing was found rather than nothing shown."""
        return [kind for kind, count in self.counts.items() if not count]


def render_page(records: Sequence[StoredRecord], errors: Sequence[RecordError] = (), title: str = "racefacts review") -> str:
    """The review page of these records, listing the records that could not be read first."""
    articles = [_view(n, stored) for n, stored in enumerate(records)]
    css, js = _asset("review.css"), _asset("review.js")
    policy = (
        "default-src 'none'; "
        f"style-src '{_digest(css)}'; script-src '{_digest(js)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    totals = {kind: sum(a.counts[kind] for a in articles) for kind in FACT_KINDS}
    return _environment().get_template("review.html.j2").render(
        title=title, articles=articles, errors=errors, totals=totals, labels=LABELS,
        kinds=FACT_KINDS, css=Markup(css), js=Markup(js), policy=policy,
    )


def _view(number: int, stored: StoredRecord) -> ArticleView:
    text, marked = highlighted_text(stored.record)
    return ArticleView(f"art-{number}", stored.location, stored.record, text, marked)


def highlighted_text(record: ArticleRecord) -> tuple[Markup, frozenset[int]]:
    """The record's text as HTML: entity marks, evidence segments and removed blocks in place.

    Offsets outside the text (a hand-edited record) are clamped rather than refused: the
    reviewer is the one who needs to see such a record.
    """
    text = record.text
    size = len(text)

    def clamp(offset: int) -> int:
        return min(max(offset, 0), size)

    opens: dict[int, list[str]] = defaultdict(list)
    closes: dict[int, list[str]] = defaultdict(list)
    for kind in FACT_KINDS:
        for n, fact in enumerate(getattr(record, kind)):
            start, end = clamp(fact.evidence.start), clamp(fact.evidence.end)
            if start < end:
                opens[start].append(f"{PREFIX[kind]}{n}")
                closes[end].append(f"{PREFIX[kind]}{n}")
    marks = _markable(record.entities, size)
    removed: dict[int, list[Removed]] = defaultdict(list)
    for block in sorted(record.removed, key=lambda b: (b.at, b.start)):
        removed[clamp(block.at)].append(block)
    cuts = sorted({0, size, *opens, *closes, *removed, *marks, *(end for _, _, end in marks.values())})

    out: list[str] = []
    covering: set[str] = set()
    mark_end: int | None = None
    for here, after in zip(cuts, [*cuts[1:], None]):
        if mark_end == here:
            out.append("</mark>")
            mark_end = None
        covering.difference_update(closes.get(here, ()))
        covering.update(opens.get(here, ()))
        out.extend(_removed(block, text, here) for block in removed.get(here, ()))
        if after is None:
            break
        if here in marks:
            index, entity, mark_end = marks[here]
            out.append(_mark(index, entity))
        piece = escape(text[here:after])
        if covering:
            out.append(f'<span class="ev" data-ev="{" ".join(sorted(covering, key=_natural))}">{piece}</span>')
        else:
            out.append(str(piece))
    return Markup("".join(out)), frozenset(index for index, _, _ in marks.values())


def _markable(entities: list[Entity], size: int) -> dict[int, tuple[int, Entity, int]]:
    """Entities to mark, by start: of overlapping ones (never written by racefacts, possible in
    an edited record) the first and longest, since marks cannot overlap."""
    marks: dict[int, tuple[int, Entity, int]] = {}
    reached = 0
    for index, entity in sorted(enumerate(entities), key=lambda pair: (pair[1].start, -pair[1].end)):
        start, end = min(max(entity.start, 0), size), min(max(entity.end, 0), size)
        if start >= reached and start < end:
            marks[start] = (index, entity, end)
            reached = end
    return marks


def _mark(index: int, entity: Entity) -> str:
    known = f"{entity.canonical} ({entity.id})" if entity.id else "not in the gazetteer"
    return (
        f'<mark class="ent ent-{escape(entity.label)}" data-label="{escape(entity.label)}" data-ent="e{index}" '
        f'title="{escape(entity.label)}: {escape(known)} · {escape(entity.source)}">'
    )


def _removed(block: Removed, text: str, at: int) -> str:
    """A removed block, struck through where it stood; a whole line is shown as a line."""
    whole_line = at in (0, len(text)) or text[at - 1] == "\n" or text[at] == "\n"
    kind = escape(block.kind)
    return (
        f'<del class="removed{" block" if whole_line else ""}" data-kind="{kind}" '
        f'title="removed: {kind} / {escape(block.rule)}">{escape(block.text)}</del>'
    )


def _natural(fact_id: str) -> tuple[int, int]:
    return "rgqpc".index(fact_id[0]), int(fact_id[1:])


def result_gap(result: Result) -> str:
    if result.same_time:
        return "s.t."
    return clock(result.gap, sign="+")


def _digest(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


@cache
def _asset(name: str) -> str:
    source = (HERE / name).read_text(encoding="utf-8")
    if re.search(r"</(style|script)", source, re.IGNORECASE):  # would end the inline element early
        raise ValueError(f"{name} must not contain a closing style or script tag")
    return source


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["clock"] = clock
    env.filters["result_gap"] = result_gap
    return env
