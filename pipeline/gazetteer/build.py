"""Build `patterns/` from the hand tables (and, later, the public data sets).

Writes two things per label: `patterns/<kind>.jsonl`, the entity-ruler patterns (one line per
written form, `{"label", "pattern", "id"}`), and `patterns/kb/<kind>.jsonl`, the entries the
pipeline needs beside a match (canonical name, all names, attributes). Output is sorted and
free of timestamps, so building twice gives the same bytes and a diff shows what changed.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from ..text.fold import fold, name_key, slug
from .kb import LABEL_FILES, Entry
from .variants import SURNAME_PARTICLES, name_variants

MIN_SURNAME_LENGTH = 4


@dataclass(frozen=True)
class BuildReport:
    entries: dict[str, int]
    patterns: dict[str, int]
    dropped_ambiguous: list[str]

    def lines(self) -> Iterator[str]:
        for label, stem in LABEL_FILES.items():
            yield f"{stem:<8} {self.entries.get(label, 0):>7} entities {self.patterns.get(label, 0):>8} patterns"
        if self.dropped_ambiguous:
            yield f"dropped {len(self.dropped_ambiguous)} patterns shared by different entities"


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: not JSON: {error}") from error


def _attrs(row: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """The attributes an entry carries, null when the table leaves them out (stable kb keys)."""
    return {k: row.get(k) for k in keys}


def manual_entries(manual_dir: Path) -> list[Entry]:
    entries: list[Entry] = []
    for row in _read_jsonl(manual_dir / "riders.jsonl"):
        names = [row["name"], *row.get("aliases", [])]
        entries.append(Entry(f"rider:{row.get('id') or slug(row['name'])}", "RIDER", row["name"], tuple(names),
                             _attrs(row, ("nationality", "birth_year", "source"))))
    for row in _read_jsonl(manual_dir / "teams.jsonl"):
        names = row["names"]
        entries.append(Entry(f"team:{row['id']}", "TEAM", row.get("name") or names[-1], tuple(names),
                             _attrs(row, ("nationality", "seasons", "source"))))
    for row in _read_jsonl(manual_dir / "races.jsonl"):
        names = [row["name"], *row.get("aliases", [])]
        entries.append(Entry(f"race:{row.get('id') or slug(row['name'])}", "RACE", row["name"], tuple(names),
                             _attrs(row, ("type", "country", "gender", "source"))))
    for row in _read_jsonl(manual_dir / "climbs.jsonl"):
        names = [row["name"], *row.get("aliases", [])]
        entries.append(Entry(f"climb:{row.get('id') or slug(row['name'])}", "CLIMB", row["name"], tuple(names),
                             _attrs(row, ("country", "length_km", "gradient_pct", "height_m", "source"))))
    return entries


def read_common_words(path: Path) -> set[str]:
    words = {fold(w) for w in STOP_WORDS}
    if path.exists():
        words |= {fold(line.strip()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    return words


def surname(name: str) -> str:
    """The family name as used alone in copy: the last word, with its particles ("Van Gils")."""
    words = name.split()
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in SURNAME_PARTICLES:
        i -= 1
    return " ".join(words[i:])


def surname_patterns(riders: list[Entry], common_words: set[str]) -> dict[str, str]:
    """Surnames that may stand alone: unique among riders, not a given name, not a common word."""
    owners: dict[str, set[str]] = defaultdict(set)
    given: set[str] = set()
    for rider in riders:
        for name in rider.names:
            owners[name_key(surname(name))].add(rider.id)
        family = surname(rider.name)
        given.update(name_key(w) for w in rider.name[: len(rider.name) - len(family)].split())
    out: dict[str, str] = {}
    for rider in riders:
        form = surname(rider.name)
        key = name_key(form)
        if len(owners[key]) == 1 and len(key) >= MIN_SURNAME_LENGTH and key not in given and key not in common_words:
            out[form] = rider.id
    return out


def _token_key(text: str) -> str:
    """Patterns that differ only in spacing around a separator tokenize alike."""
    return " ".join(re.sub(r"\s*([-|/])\s*", r" \1 ", fold(text)).split())


def build(manual_dir: Path, out_dir: Path) -> BuildReport:
    entries = manual_entries(manual_dir)
    common_words = read_common_words(manual_dir / "common_words.txt")
    patterns: dict[tuple[str, str], set[str]] = defaultdict(set)  # (label, folded pattern) -> ids
    written: dict[tuple[str, str, str], str] = {}  # (label, folded pattern, id) -> pattern as written
    for entry in entries:
        for name in entry.names:
            for variant in sorted(name_variants(entry.label, name)):
                key = (entry.label, _token_key(variant))
                patterns[key].add(entry.id)
                written.setdefault((*key, entry.id), variant)
    riders = [e for e in entries if e.label == "RIDER"]
    for form, rider_id in surname_patterns(riders, common_words).items():
        key = ("RIDER", _token_key(form))
        if key not in patterns:
            patterns[key].add(rider_id)
            written[(*key, rider_id)] = form

    dropped = sorted(f"{label} {text}" for (label, text), ids in patterns.items() if len(ids) > 1)
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for (label, text), ids in patterns.items():
        if len(ids) == 1:
            entity_id = next(iter(ids))
            rows[label].append({"label": label, "pattern": written[(label, text, entity_id)], "id": entity_id})

    (out_dir / "kb").mkdir(parents=True, exist_ok=True)
    for label, stem in LABEL_FILES.items():
        label_rows = sorted(rows[label], key=lambda r: (fold(r["pattern"]), r["id"], r["pattern"]))
        _write_jsonl(out_dir / f"{stem}.jsonl", label_rows)
        kb_rows = sorted((e.to_json() for e in entries if e.label == label), key=lambda r: r["id"])
        _write_jsonl(out_dir / "kb" / f"{stem}.jsonl", kb_rows)
    return BuildReport(
        entries={label: sum(1 for e in entries if e.label == label) for label in LABEL_FILES},
        patterns={label: len(rows[label]) for label in LABEL_FILES},
        dropped_ambiguous=dropped,
    )


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
