"""Score records against gold files, so a reviewer's corrected file becomes a regression test.

Gold files are `NAME.gold.json` beside `NAME.txt` in the format of corpus/ (see README). Facts
match the way a reader would compare them: names ignore accents, case and punctuation and a
surname matches the full name; teams match when one name's words hold the other's (generic
words like "Team" aside); races match when the gazetteer knows both names as one race, or when
one name's words hold the other's. A prediction that matches an `optional` gold entry counts
neither for nor against.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .gazetteer import Gazetteer
from .text.fold import name_key

GENERIC_TEAM_WORDS = frozenset({"team", "pro", "cycling", "procycling", "racing", "the", "professional"})
FACT_KINDS = ("results", "gaps", "quotes", "programmes", "climbs")
LABELS = ("RIDER", "TEAM", "RACE", "CLIMB")
QUOTE_OVERLAP = 0.8


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.misses += other.misses
        self.extras += other.extras

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    tallies: dict[str, Tally]
    boilerplate_failures: list[str]
    boilerplate_checked: int
    date_failures: list[str]
    dates_checked: int
    missing: list[str]

    @property
    def boilerplate_score(self) -> float:
        return 1 - len(self.boilerplate_failures) / self.boilerplate_checked if self.boilerplate_checked else 1.0

    @property
    def published_accuracy(self) -> float:
        return 1 - len(self.date_failures) / self.dates_checked if self.dates_checked else 1.0


class Matcher:
    """Name and fact comparison, with race aliases from the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.race_ids: dict[str, str] = {}
        for entry in gazetteer.entries.values():
            if entry.label == "RACE":
                for name in entry.names:
                    self.race_ids.setdefault(name_key(name), entry.id)

    @staticmethod
    def person(gold: str | None, pred: str | None) -> bool:
        g, p = name_key(gold or "").split(), name_key(pred or "").split()
        if not g or not p:
            return False
        short, long_ = (g, p) if len(g) <= len(p) else (p, g)
        return long_[-len(short):] == short or (len(short) >= 2 and long_[: len(short)] == short)

    @staticmethod
    def team(gold: str | None, pred: str | None) -> bool:
        g = set(name_key(gold or "").split()) - GENERIC_TEAM_WORDS
        p = set(name_key(pred or "").split()) - GENERIC_TEAM_WORDS
        return bool(g and p) and (g <= p or p <= g)

    def race(self, gold: str | None, pred: str | None) -> bool:
        g, p = (re.sub(r"\b(19|20)\d\d\b", "", name_key(n or "")).split() for n in (gold, pred))
        if not g or not p:
            return False
        gid, pid = self.race_ids.get(" ".join(g)), self.race_ids.get(" ".join(p))
        if gid and pid:
            return gid == pid
        return g == p or ((set(g) <= set(p) or set(p) <= set(g)) and min(len(g), len(p)) >= 2)

    @staticmethod
    def climb(gold: str | None, pred: str | None) -> bool:
        g, p = name_key(gold or ""), name_key(pred or "")
        return bool(g and p) and (g in p or p in g)

    def name(self, label: str, gold: str, pred: str) -> bool:
        return {"RIDER": self.person, "TEAM": self.team, "RACE": self.race, "CLIMB": self.climb}[label](gold, pred)

    def result(self, g: dict, p: dict) -> bool:
        return (
            (g.get("classification") or "stage") == p.get("classification")
            and _int(g.get("rank")) == _int(p.get("rank"))
            and self.person(g.get("rider"), p.get("rider"))
            and (g.get("stage") is None or str(g.get("stage")) == str(p.get("stage")))
            and not (g.get("race") and p.get("race") and not self.race(g["race"], p["race"]))
        )

    def gap(self, g: dict, p: dict) -> bool:
        return self.person(g.get("rider"), p.get("rider")) and _int(g.get("seconds")) == _int(p.get("seconds"))

    def quote(self, g: dict, p: dict) -> bool:
        return _overlap(g.get("text", ""), p.get("text", "")) >= QUOTE_OVERLAP and self.person(g.get("speaker"), p.get("speaker"))

    def programme(self, g: dict, p: dict) -> bool:
        return self.person(g.get("rider"), p.get("rider")) and self.race(g.get("race"), p.get("race"))

    def climb_fact(self, g: dict, p: dict) -> bool:
        return self.climb(g.get("name"), p.get("name"))

    def for_kind(self, kind: str) -> Callable[[dict, dict], bool]:
        return {"results": self.result, "gaps": self.gap, "quotes": self.quote, "programmes": self.programme, "climbs": self.climb_fact}[kind]


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _overlap(a: str, b: str) -> float:
    wa, wb = Counter(name_key(a).split()), Counter(name_key(b).split())
    if not wa or not wb:
        return 0.0
    return sum((wa & wb).values()) / min(sum(wa.values()), sum(wb.values()))


def align(gold: list[dict], optional: list[dict], pred: list[dict], match: Callable[[dict, dict], bool], where: str) -> Tally:
    """Greedy one-to-one matching of gold to predicted facts."""
    tally = Tally()
    used = [False] * len(pred)
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if not used[i] and match(g, p)), None)
        if hit is None:
            tally.fn += 1
            tally.misses.append(f"{where}: {json.dumps(g, ensure_ascii=False)}")
        else:
            used[hit] = True
            tally.tp += 1
    for i, p in enumerate(pred):
        if not used[i] and not any(match(o, p) for o in optional):
            tally.fp += 1
            shown = {k: v for k, v in p.items() if k != "evidence"}
            tally.extras.append(f"{where}: {json.dumps(shown, ensure_ascii=False)}")
    return tally


def evaluate(gold_dir: Path, records: dict[str, dict], matcher: Matcher) -> Report:
    """Compare the record of each gold file's article (by name) with the gold."""
    tallies = {kind: Tally() for kind in (*FACT_KINDS, *(f"entities.{label}" for label in LABELS))}
    boilerplate: list[str] = []
    checked = dates_checked = 0
    dates: list[str] = []
    missing: list[str] = []
    for path in sorted(gold_dir.glob("*.gold.json")):
        name = path.name.removesuffix(".gold.json")
        gold = json.loads(path.read_text(encoding="utf-8"))
        record = records.get(name)
        if record is None:
            missing.append(name)
            record = {}
        optional = gold.get("optional") or {}
        for kind in FACT_KINDS:
            tallies[kind].add(align(gold.get(kind) or [], optional.get(kind) or [], record.get(kind) or [], matcher.for_kind(kind), f"{name} {kind}"))
        for label in LABELS:
            if label not in (gold.get("entities") or {}):
                continue
            names: list[str] = []
            for entity in record.get("entities") or []:
                shown = entity.get("canonical") or entity.get("text")
                if entity.get("label") == label and shown and not any(matcher.name(label, n, shown) for n in names):
                    names.append(shown)
            tallies[f"entities.{label}"].add(
                align(
                    [{"name": n} for n in gold["entities"].get(label) or []],
                    [{"name": n} for n in (optional.get("entities") or {}).get(label) or []],
                    [{"name": n} for n in names],
                    lambda g, p, label=label: matcher.name(label, g["name"], p["name"]),
                    f"{name} {label}",
                )
            )
        text = name_key(record.get("text") or "")
        for phrase in gold.get("body_phrases") or []:
            checked += 1
            if name_key(phrase) not in text:
                boilerplate.append(f"{name}: body text lost: {phrase}")
        for phrase in gold.get("boilerplate_phrases") or []:
            checked += 1
            if name_key(phrase) in text:
                boilerplate.append(f"{name}: boilerplate kept: {phrase}")
        if "published" in gold:
            dates_checked += 1
            if (gold["published"] or None) != (record.get("published") or None):
                dates.append(f"{name}: published {record.get('published')!r}, gold {gold['published']!r}")
    return Report(tallies, boilerplate, checked, dates, dates_checked, missing)
