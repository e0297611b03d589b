"""Build `patterns/` from the public data sets and the hand tables.

Writes two things per label: `patterns/<kind>.jsonl`, the entity-ruler patterns (one line per
written form, `{"label", "pattern", "id"}`), and `patterns/kb/<kind>.jsonl`, the entries the
pipeline needs beside a match (canonical name, all names, attributes). The data sets give the
peloton (pipeline.gazetteer.sources); the hand tables in patterns/manual add what they lack and
win where they disagree. Output is sorted and free of timestamps, so building twice gives the
same bytes and a diff shows what changed.

Two entities may claim the same words. A full name beats a surname used alone; an entity's own
name beats another's alias; a men's team or race beats the women's one of the same name (news
uses those names for the men's far more often); between riders who share a name, the one who
raced most recently keeps it; otherwise the words are dropped, and the article's own full
mentions settle who is meant (nlp.names).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..text.fold import fold, name_key, slug
from .kb import LABEL_FILES, Entry, read_jsonl
from .names import GIVEN_SHORT_FORMS, given_surname, lone_surname
from .variants import name_variants

MIN_SURNAME_LENGTH = 4
# A word this frequent in English (wordfreq's Zipf scale: 3.6 is about 4 per million words, like
# "Bennett" or "Lincoln") is too often an ordinary word to stand alone as a rider or a team:
# "Early", "Place", "Start", "Real". Rarer surnames ("Cavendish" 3.2, "Porte" 3.1) may.
MAX_ZIPF_ALONE = 3.6
MIN_GIVEN_NAME_RIDERS = 2  # a word two riders have as given name is no surname to match alone
# Race reports are in English: other languages' function words are no reason to distrust a
# capitalised surname ("Porte", "Mas" and "Petit" are riders in English copy).
STOP_WORD_LANGUAGES = ("en",)
# Between two entities of different kinds that share words, the first kind keeps them.
LABEL_PRIORITY = ("RACE", "TEAM", "CLIMB", "RIDER")
FULL, ALONE = 2, 1  # pattern strength: a name as such, a surname standing alone


@dataclass
class BuildReport:
    entries: dict[str, int]
    patterns: dict[str, int]
    dropped_ambiguous: list[str] = field(default_factory=list)
    sources: str = "hand tables only"
    notes: list[str] = field(default_factory=list)

    def lines(self) -> Iterator[str]:
        yield f"built from {self.sources}"
        yield from self.notes
        for label, stem in LABEL_FILES.items():
            yield f"{stem:<8} {self.entries.get(label, 0):>7} entities {self.patterns.get(label, 0):>8} patterns"
        if self.dropped_ambiguous:
            yield f"dropped {len(self.dropped_ambiguous)} names that several entities share"


# --- hand tables ---------------------------------------------------------------------------------

def _attrs(row: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """The attributes an entry carries, null when the table leaves them out (stable kb keys)."""
    return {k: row.get(k) for k in keys}


def manual_entries(manual_dir: Path) -> list[Entry]:
    entries: list[Entry] = []
    for row in read_jsonl(manual_dir / "riders.jsonl"):
        names = [row["name"], *row.get("aliases", [])]
        entries.append(Entry(f"rider:{row.get('id') or slug(row['name'])}", "RIDER", row["name"], tuple(names),
                             _attrs(row, ("nationality", "birth_year", "source"))))
    for row in read_jsonl(manual_dir / "teams.jsonl"):
        names = row["names"]
        entries.append(Entry(f"team:{row['id']}", "TEAM", row.get("name") or names[-1], tuple(names),
                             _attrs(row, ("nationality", "source"))))
    for row in read_jsonl(manual_dir / "races.jsonl"):
        names = [row["name"], *row.get("aliases", [])]
        entries.append(Entry(f"race:{row.get('id') or slug(row['name'])}", "RACE", row["name"], tuple(names),
                             _attrs(row, ("type", "country", "gender", "source"))))
    for row in read_jsonl(manual_dir / "climbs.jsonl"):
        names = [row["name"], *row.get("aliases", [])]
        entries.append(Entry(f"climb:{row.get('id') or slug(row['name'])}", "CLIMB", row["name"], tuple(names),
                             _attrs(row, ("country", "length_km", "gradient_pct", "height_m", "source"))))
    return entries


# --- the data sets -------------------------------------------------------------------------------

def source_entries(data_dir: Path, manual_dir: Path) -> tuple[list[Entry], list[str]]:
    """The data sets' entries, and what the report says of them. Every reader gets the hand
    tables too: races and climbs join data spellings through the aliases of theirs, teams take
    names after the data ends from team_names.jsonl."""
    from .sources import climbs, races, riders, teams

    rider_entries, stats = riders.read_with_stats(data_dir)
    notes = [
        "rider records read: " + ", ".join(f"{source} {n:,}" for source, n in sorted(stats.records.items())),
        "rider merges: " + ", ".join(f"{rule} {n:,}" for rule, n in sorted(stats.merges.items())),
        f"rider records dropped as unresolvable homonyms: {sum(stats.dropped.values()):,}",
    ]
    others = [entry for module in (teams, races, climbs) for entry in module.read(data_dir, manual_dir)]
    return rider_entries + others, notes


def read_places(data_dir: Path | None) -> set[str]:
    """Towns, regions and countries: a surname that is one never stands alone ("Wales", "Roubaix")."""
    if data_dir is None:
        return set()
    from .sources import countries, places

    return places.read(data_dir) | countries.names(data_dir)


def merge(data: list[Entry], manual: list[Entry]) -> list[Entry]:
    """The data's entries with the hand tables folded in: a hand entry joins the data entry with
    its id, else the one entry that has its name; its names are added and its attributes win."""
    by_id = {e.id: e for e in data}
    owner: dict[tuple[str, str], str | None] = {}
    for entry in data:
        for name in entry.names:
            key = (entry.label, name_key(name))
            owner[key] = entry.id if owner.get(key, entry.id) == entry.id else None
    for hand in manual:
        target = hand.id if hand.id in by_id else owner.get((hand.label, name_key(hand.name)))
        if not target:
            by_id[hand.id] = hand
            continue
        by_id[target] = _combine(by_id[target], hand)
        for other in _same_person(by_id, target, hand, owner):
            by_id[target] = _combine(by_id[target], by_id.pop(other), keep_attrs=True)
    return sorted(by_id.values(), key=lambda e: e.id)


def _same_person(by_id: dict[str, Entry], target: str, hand: Entry, owner: dict) -> list[str]:
    """Data entries a hand entry's full-name aliases say are its entity too: "Ion Izaguirre"
    names the UCI's Ion Izaguirre Insausti, who is Ion Izagirre. Only where nationality and
    birth year do not disagree."""
    found = []
    mine = by_id[target].attrs
    for name in hand.names:
        other = owner.get((hand.label, name_key(name)))
        if len(name.split()) < 2 or other in (None, target) or other not in by_id or other in found:
            continue
        attrs = by_id[other].attrs
        if all(mine.get(k) is None or attrs.get(k) is None or mine[k] == attrs[k] for k in ("nationality", "birth_year", "gender")):
            found.append(other)
    return found


def _combine(entry: Entry, other: Entry, keep_attrs: bool = False) -> Entry:
    """`entry` with `other`'s names added; `other`'s attributes win (a hand line) unless
    `keep_attrs` (a duplicate data entry, which only fills gaps)."""
    keys = {name_key(n) for n in entry.names}
    names = (*entry.names, *(n for n in other.names if name_key(n) not in keys))
    theirs = {k: v for k, v in other.attrs.items() if v is not None}
    attrs = {**theirs, **{k: v for k, v in entry.attrs.items() if v is not None}} if keep_attrs else {**entry.attrs, **theirs}
    if keep_attrs and "sources" in entry.attrs and "sources" in other.attrs:
        attrs["sources"] = sorted({*entry.attrs["sources"], *other.attrs["sources"]})
    if keep_attrs and entry.attrs.get("last_season") and other.attrs.get("last_season"):
        attrs["last_season"] = max(entry.attrs["last_season"], other.attrs["last_season"])
    return Entry(entry.id, entry.label, entry.name, tuple(dict.fromkeys(names)), {k: attrs.get(k) for k in {**entry.attrs, **attrs}})


# --- the forms of a rider's name ----------------------------------------------------------------

def short_given_names(name: str) -> set[str]:
    """The rider's name with a common short form of the first given name: "Matthew Lloyd" ->
    "Matt Lloyd", "Stephen Williams" -> "Steve Williams", "Stevie Williams"."""
    given, family = given_surname(name)
    words = given.split()
    if not words or not family:
        return set()
    first = fold(words[0])
    rest = " ".join(words[1:] + [family])
    return {f"{short.title()} {rest}" for short, fulls in GIVEN_SHORT_FORMS.items() if first in fulls}


def rider_names(entry: Entry) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*entry.names, *sorted(short_given_names(entry.name))]))


# --- surnames on their own -----------------------------------------------------------------------

def read_common_words(path: Path) -> set[str]:
    import importlib

    words: set[str] = set()
    for language in STOP_WORD_LANGUAGES:
        words |= {fold(w) for w in importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS}
    if path.exists():
        words |= {fold(line.strip()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    return words


def surname_patterns(riders: list[Entry], excluded: set[str]) -> dict[str, str]:
    """Surnames that may stand alone: one rider's, not a given name, common word or place."""
    owners: dict[str, set[str]] = defaultdict(set)
    given_count: dict[str, int] = defaultdict(int)
    for rider in riders:
        owners[name_key(lone_surname(rider.name, rider.attrs))].add(rider.id)
        given = rider.attrs.get("given") or given_surname(rider.name)[0]
        for word in given.split():
            given_count[name_key(word)] += 1
    given_names = {w for w, n in given_count.items() if n >= MIN_GIVEN_NAME_RIDERS}
    out: dict[str, str] = {}
    for rider in riders:
        form = lone_surname(rider.name, rider.attrs)
        key = name_key(form)
        if len(owners[key]) == 1 and len(key) >= MIN_SURNAME_LENGTH and key not in given_names and key not in excluded:
            out[form] = rider.id
    return out


# --- patterns ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Claim:
    strength: int
    label: str
    entity_id: str
    written: str


def _winner(claims: list[_Claim], entries: dict[str, Entry], key: str) -> _Claim | None:
    """Who keeps a name several entities claim (see the module docstring), or None."""
    strongest = max(c.strength for c in claims)
    claims = [c for c in claims if c.strength == strongest]
    for label in LABEL_PRIORITY:
        of_label = [c for c in claims if c.label == label]
        if of_label:
            claims = of_label
            break
    if len({c.entity_id for c in claims}) == 1:
        return claims[0]
    if claims[0].label in ("TEAM", "RACE") and len({entries[c.entity_id].attrs.get("gender") for c in claims}) > 1:
        claims = [c for c in claims if entries[c.entity_id].attrs.get("gender") == "men"] or claims
        if len({c.entity_id for c in claims}) == 1:
            return claims[0]
    own = [c for c in claims if name_key(entries[c.entity_id].name) == key]  # the entity's own name
    if len({c.entity_id for c in own}) == 1:
        return own[0]
    claims = own or claims
    seasons = {c.entity_id: _last_season(entries[c.entity_id]) for c in claims}
    latest = max(seasons.values())
    recent = [c for c in claims if seasons[c.entity_id] == latest]
    return recent[0] if latest and len({c.entity_id for c in recent}) == 1 else None


def _last_season(entry: Entry) -> int:
    """The latest season an entity is known in: a rider's, or a team's latest name."""
    seasons = entry.attrs.get("seasons") or {}
    return entry.attrs.get("last_season") or max((int(year) for year in seasons), default=0)


def frequent_words(keys: Iterable[str]) -> set[str]:
    """The one-word keys that are frequent English words (MAX_ZIPF_ALONE)."""
    from wordfreq import zipf_frequency  # a build-time dependency: `pip install racefacts[build]`

    return {key for key in keys if " " not in key and zipf_frequency(key, "en") >= MAX_ZIPF_ALONE}


def build(manual_dir: Path, out_dir: Path, data_dir: Path | None = None) -> BuildReport:
    manual = manual_entries(manual_dir)
    notes: list[str] = []
    if data_dir:
        data, notes = source_entries(data_dir, manual_dir)
        entries = merge(data, manual)
    else:
        entries = sorted(manual, key=lambda e: e.id)
    by_id = {e.id: e for e in entries}
    excluded = read_common_words(manual_dir / "common_words.txt") | read_places(data_dir)

    riders = [e for e in entries if e.label == "RIDER"]
    lone = surname_patterns(riders, excluded)
    team_words = {name_key(v) for e in entries if e.label == "TEAM" for n in e.names for v in name_variants("TEAM", n)}
    common = frequent_words({name_key(form) for form in lone} | team_words)
    # A team's name stripped of "Cycling Team" to one word may be a person's ("Küng Cycling Team")
    personal = {name_key(lone_surname(r.name, r.attrs)) for r in riders} | {name_key(w) for r in riders for w in (r.attrs.get("given") or given_surname(r.name)[0]).split()}
    claims: dict[str, list[_Claim]] = defaultdict(list)
    for entry in entries:
        for name in rider_names(entry) if entry.label == "RIDER" else entry.names:
            for variant in sorted(name_variants(entry.label, name)):
                key = name_key(variant)
                one_word_team = entry.label == "TEAM" and " " not in key and not variant.isupper()
                if one_word_team and (key in common or (variant != name and (key in personal or key in excluded))):
                    continue  # "Real", "Start", "Sky" alone are words before they are teams
                claims[key].append(_Claim(FULL, entry.label, entry.id, variant))
    for form, rider_id in sorted(lone.items()):
        if name_key(form) not in common:
            claims[name_key(form)].append(_Claim(ALONE, "RIDER", rider_id, form))

    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    dropped: list[str] = []
    for key, key_claims in claims.items():
        if not key:
            continue
        winner = _winner(key_claims, by_id, key)
        if winner is None:
            dropped.append(key)
            continue
        written = sorted({c.written for c in key_claims if c.entity_id == winner.entity_id})
        for form in written:  # every written form of the winner: they may tokenize differently
            rows[winner.label].append({"label": winner.label, "pattern": form, "id": winner.entity_id})

    (out_dir / "kb").mkdir(parents=True, exist_ok=True)
    for label, stem in LABEL_FILES.items():
        label_rows = sorted(rows[label], key=lambda r: (fold(r["pattern"]), r["id"], r["pattern"]))
        _write_jsonl(out_dir / f"{stem}.jsonl", label_rows)
        _write_jsonl(out_dir / "kb" / f"{stem}.jsonl", (e.to_json() for e in entries if e.label == label))
    return BuildReport(
        entries={label: sum(1 for e in entries if e.label == label) for label in LABEL_FILES},
        patterns={label: len(rows[label]) for label in LABEL_FILES},
        dropped_ambiguous=sorted(dropped),
        sources=f"{data_dir} and the hand tables" if data_dir else "the hand tables only",
        notes=notes,
    )


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
