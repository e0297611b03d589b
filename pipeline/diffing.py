"""The facts two extraction runs disagree on, article by article: what a change to the patterns or
rules did, for the reviewer of its pull request.

Offsets move whenever the cleaner keeps a line more or a sentence is cut elsewhere, so facts are
compared by what they say, never by where they were read: a result by its classification, race,
year, stage, rank, rider, time and gap; a name by its gazetteer id when it has one, so a fuller
spelling of the same rider is no change. Each article's facts of a kind are a multiset: a rank
printed twice is two facts, and losing one of them shows.

Only the facts of each record are kept while reading (every field but their offsets, for the
report), never its text, so two dumps of many thousand articles can be compared in a few
hundred megabytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .record_files import RecordError, iter_records
from .records import ArticleRecord
from .text.clock import clock

KINDS = ("results", "gaps", "quotes", "programmes", "climbs", "entities")

# The fields that identify a fact, each as (name, id): the id is compared when the fact has one.
KEY_FIELDS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "results": (
        ("classification", None), ("race", "race_id"), ("year", None), ("stage", None), ("rank", None),
        ("rider", "rider_id"), ("time", None), ("gap", None),
    ),
    "gaps": (("rider", "rider_id"), ("seconds", None), ("classification", None), ("reference", "reference_id"), ("relation", None)),
    "quotes": (("speaker", "speaker_id"), ("text", None)),
    "programmes": (("rider", "rider_id"), ("race", "race_id")),
    "climbs": (("name", "id"), ("length_km", None), ("gradient_pct", None)),
    "entities": (("label", None), ("text", None), ("canonical", "id")),
}
NOT_CONTENT = {"entities": {"start", "end"}}  # the other kinds: {"evidence"}

Fact = dict[str, Any]
Facts = dict[str, list[Fact]]  # kind -> facts without their offsets


def facts_of(record: ArticleRecord) -> Facts:
    """A record's facts of every kind, as JSON values without offsets."""
    return {
        kind: [item.model_dump(mode="json", exclude=NOT_CONTENT.get(kind, {"evidence"})) for item in getattr(record, kind)]
        for kind in KINDS
    }


def fact_key(kind: str, fact: Fact) -> tuple:
    return tuple((fact.get(id_) if id_ and fact.get(id_) else fact.get(name)) for name, id_ in KEY_FIELDS[kind])


@dataclass
class ArticleDiff:
    id: str
    added: Facts = field(default_factory=dict)  # only the kinds with a change
    lost: Facts = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.lost)


@dataclass
class RunDiff:
    articles: list[ArticleDiff]  # articles on both sides whose facts differ, by id
    only_old: list[str]
    only_new: list[str]
    compared: int  # articles on both sides

    @property
    def differs(self) -> bool:
        return bool(self.articles or self.only_old or self.only_new)

    def summary(self) -> dict[str, dict[str, int]]:
        """Facts added and lost per kind, in the articles on both sides."""
        return {
            kind: {
                "added": sum(len(a.added.get(kind, ())) for a in self.articles),
                "lost": sum(len(a.lost.get(kind, ())) for a in self.articles),
            }
            for kind in KINDS
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": [{"id": a.id, "added": a.added, "lost": a.lost} for a in self.articles],
            "only_old": self.only_old,
            "only_new": self.only_new,
            "compared": self.compared,
            "summary": self.summary(),
        }


def diff_facts(article_id: str, old: Facts, new: Facts) -> ArticleDiff:
    result = ArticleDiff(article_id)
    for kind in KINDS:
        before, after = old.get(kind, []), new.get(kind, [])
        old_keys = Counter(fact_key(kind, f) for f in before)
        new_keys = Counter(fact_key(kind, f) for f in after)
        if lost := _take(kind, before, old_keys - new_keys):
            result.lost[kind] = lost
        if added := _take(kind, after, new_keys - old_keys):
            result.added[kind] = added
    return result


def _take(kind: str, facts: list[Fact], wanted: Counter) -> list[Fact]:
    """The facts whose keys `wanted` counts, as many of each as it counts, in record order."""
    taken = []
    for fact in facts:
        key = fact_key(kind, fact)
        if wanted[key] > 0:
            wanted[key] -= 1
            taken.append(fact)
    return taken


def diff_runs(old: Mapping[str, Facts], new: Mapping[str, Facts]) -> RunDiff:
    both = sorted(old.keys() & new.keys())
    changed = [d for d in (diff_facts(i, old[i], new[i]) for i in both) if d]
    return RunDiff(changed, sorted(old.keys() - new.keys()), sorted(new.keys() - old.keys()), len(both))


def load_run(output: str | Path) -> tuple[dict[str, Facts], list[RecordError]]:
    """Each article's facts in one output (folder or dump), and the records that could not be
    used: invalid ones, and a second record of an id (which of the two is meant is unknown)."""
    facts: dict[str, Facts] = {}
    seen: dict[str, str] = {}
    errors: list[RecordError] = []
    for item in iter_records([output]):
        if isinstance(item, RecordError):
            errors.append(item)
        elif item.record.id in seen:
            errors.append(RecordError(item.location, f"duplicate id {item.record.id!r}, first in {seen[item.record.id]}"))
        else:
            seen[item.record.id] = item.location
            facts[item.record.id] = facts_of(item.record)
    return facts, errors


# --- the text a reviewer reads -------------------------------------------------------------


def describe(kind: str, fact: Fact, ids: bool = False) -> str:
    """One line a reader can check against the article; `ids` adds the gazetteer ids, for the
    changes that only they tell apart."""

    def who(name_field: str, id_field: str) -> str:
        name = fact.get(name_field) or "?"
        return f"{name} <{fact[id_field]}>" if ids and fact.get(id_field) else name

    if kind == "results":
        classification, stage = fact["classification"], fact.get("stage")
        if stage is not None:
            classification = f"stage {stage}" if classification == "stage" else f"{classification} after stage {stage}"
        race = who("race", "race_id") if fact.get("race") else ""
        year = str(fact["year"]) if fact.get("year") else ""
        team = f" ({fact['team']})" if fact.get("team") else ""
        time = f" {clock(fact['time'])}" if fact.get("time") is not None else ""
        gap = " s.t." if fact.get("same_time") else (f" +{clock(fact['gap'])}" if fact.get("gap") is not None else "")
        heading = " ".join(filter(None, (classification, race, year)))
        return f"{heading}: {fact['rank']}. {who('rider', 'rider_id')}{team}{time}{gap}"
    if kind == "gaps":
        reference = f" {who('reference', 'reference_id')}" if fact.get("reference") else ""
        return f"{who('rider', 'rider_id')} {clock(fact['seconds'])} {fact['relation']}{reference} ({fact['classification']})"
    if kind == "quotes":
        return f"{who('speaker', 'speaker_id') if fact.get('speaker') else 'unknown speaker'}: “{fact['text']}”"
    if kind == "programmes":
        return f"{who('rider', 'rider_id')} → {who('race', 'race_id')}"
    if kind == "climbs":
        sizes = [f"{fact['length_km']} km" if fact.get("length_km") else "", f"{fact['gradient_pct']}%" if fact.get("gradient_pct") else ""]
        return " ".join([who("name", "id"), *filter(None, sizes)])
    canonical = fact.get("canonical")
    shown = f" = {canonical}" if canonical and canonical != fact["text"] else ""
    return f"{fact['label']} {fact['text']}{shown} <{fact['id'] or 'no id'}>"


def lines(diff: RunDiff) -> Iterator[tuple[str, str]]:
    """The report as (style, line): style is "article", "lost", "added" or "" (plain)."""
    for article in diff.articles:
        yield "article", f"## {article.id}"
        for kind in KINDS:
            lost, added = article.lost.get(kind, []), article.added.get(kind, [])
            plain = Counter(describe(kind, f) for f in lost) & Counter(describe(kind, f) for f in added)
            for sign, style, facts in (("-", "lost", lost), ("+", "added", added)):
                for fact in facts:
                    yield style, f"{sign} {kind}: {describe(kind, fact, ids=describe(kind, fact) in plain)}"
    if diff.only_old:
        yield "lost", f"only in OLD ({len(diff.only_old)}): {', '.join(diff.only_old)}"
    if diff.only_new:
        yield "added", f"only in NEW ({len(diff.only_new)}): {', '.join(diff.only_new)}"
    if diff.articles or diff.only_old or diff.only_new:
        yield "", ""
    yield "", f"{'':<12}{'added':>7}{'lost':>7}"
    for kind, counts in diff.summary().items():
        yield "", f"{kind:<12}{counts['added']:>7}{counts['lost']:>7}"
    yield "", (
        f"{diff.compared} articles compared, {len(diff.articles)} changed, "
        f"{len(diff.only_old)} only in OLD, {len(diff.only_new)} only in NEW"
    )

