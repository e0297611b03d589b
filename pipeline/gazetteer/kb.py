"""The gazetteer's knowledge base: one entry per rider, team, race and climb.

The entity ruler only knows that a span matched the pattern of an id. Everything else a record
needs about that id (its canonical name, the spelling of the alias used, a race's type) comes
from here. Entries are read from `patterns/kb/*.jsonl`, written by the build step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..text.fold import name_key

LABEL_FILES = {"RIDER": "riders", "TEAM": "teams", "RACE": "races", "CLIMB": "climbs"}
# A name this close to a gazetteer name (rapidfuzz ratio, 0-100) is that name misspelt: one
# letter in twenty. Shorter names than MIN_FUZZY_LENGTH are never matched this way.
MIN_FUZZY_SCORE = 92.0
MIN_FUZZY_LENGTH = 14


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSONL table (none if the file is absent); a broken line names its place."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: not JSON: {error}") from error


@dataclass(frozen=True)
class Entry:
    id: str
    label: str
    name: str
    names: tuple[str, ...]
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "name": self.name, "names": list(self.names), **self.attrs}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Entry":
        data = dict(data)
        return cls(
            id=data.pop("id"),
            label=data.pop("label"),
            name=data.pop("name"),
            names=tuple(data.pop("names")),
            attrs=data,
        )


class Gazetteer:
    """Entries by id, and the spelling of each entity's names by their folded keys.

    With the whole peloton loaded, building every entry and folding every name at start-up
    would cost a second: entries are kept as parsed JSON and become Entry objects, with their
    names' keys, the first time an article mentions them.
    """

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._raw: dict[str, dict[str, Any]] = {}
        self._entries: dict[str, Entry] = {}
        self._spellings: dict[str, dict[str, str]] = {}
        self._choices: dict[str, tuple[list[str], list[str]]] = {}
        self._orders: dict[str, tuple[list[str], list[tuple[str, list[str]]]]] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        self._raw.pop(entry.id, None)
        self._entries[entry.id] = entry
        self._spellings.pop(entry.id, None)
        self._orders.pop(entry.id, None)
        self._choices.clear()

    @property
    def entries(self) -> dict[str, Entry]:
        """All entries (builds the ones not built yet)."""
        for entity_id in list(self._raw):
            self.get(entity_id)
        return self._entries

    def _spellings_of(self, entity_id: str) -> dict[str, str]:
        spellings = self._spellings.get(entity_id)
        if spellings is None:
            spellings = {}
            for name in self._entries[entity_id].names:
                spellings.setdefault(name_key(name), name)
            for name in self._entries[entity_id].names:  # "Deceuninck-QuickStep" for "Deceuninck-Quick-Step"
                spellings.setdefault(name_key(name).replace(" ", ""), name)
            self._spellings[entity_id] = spellings
        return spellings

    def closest(self, label: str, name: str, min_score: float = MIN_FUZZY_SCORE) -> str | None:
        """The id of the one entity of `label` whose name is nearly `name`: a misspelling
        ("Jonas Vingegard") or another transliteration ("Joaquin Rodriguez Oliver") of a
        name the gazetteer has. None when no name is that close, or when two entities are.

        Only long names qualify (MIN_FUZZY_LENGTH): in a short one a letter or two makes
        another person ("Jan Hirt", "Jan Kirt")."""
        from rapidfuzz import fuzz, process

        key = name_key(name)
        if len(key) < MIN_FUZZY_LENGTH or " " not in key:
            return None
        keys, ids = self._fuzzy_choices(label)
        found = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=min_score, limit=5)
        owners = {ids[index] for _, _, index in found}
        if len(owners) != 1:
            return None
        best = found[0][0]
        return ids[found[0][2]] if best.split()[0][:1] == key.split()[0][:1] and best.split()[-1][:1] == key.split()[-1][:1] else None

    def _fuzzy_choices(self, label: str) -> tuple[list[str], list[str]]:
        choices = self._choices.get(label)
        if choices is None:
            keys: list[str] = []
            ids: list[str] = []
            rows = [*({"id": e.id, "label": e.label, "names": e.names} for e in self._entries.values()), *self._raw.values()]
            for row in rows:
                if row["label"] == label:
                    for found in {name_key(n) for n in row["names"]}:
                        keys.append(found)
                        ids.append(row["id"])
            choices = self._choices[label] = (keys, ids)
        return choices

    def __len__(self) -> int:
        return len(self._entries) + len(self._raw)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self._entries or entity_id in self._raw

    def get(self, entity_id: str | None) -> Entry | None:
        if not entity_id:
            return None
        entry = self._entries.get(entity_id)
        if entry is None and entity_id in self._raw:
            entry = self._entries[entity_id] = Entry.from_json(self._raw.pop(entity_id))
        return entry

    def spelling(self, entity_id: str, mention: str) -> str | None:
        """The gazetteer's spelling of the name a mention used ("Bora-Hansgrohe" -> "BORA – hansgrohe").

        A generic "Team" that the article added or dropped does not change the name used.
        """
        if self.get(entity_id) is None:
            return None
        spellings = self._spellings_of(entity_id)
        key = name_key(mention)
        for candidate in (key, key.removeprefix("team "), key.removesuffix(" team"), f"team {key}", f"{key} team"):
            found = spellings.get(candidate) or spellings.get(candidate.replace(" ", ""))
            if found:
                return found
        return None

    def given_first(self, entity_id: str, mention: str) -> str | None:
        """A rider's name written surname first ("HERMANS Quinten", results tables do it), in the
        order news writes it ("Quinten Hermans"); None for a name written given name first."""
        entry = self.get(entity_id)
        if entry is None or entry.label != "RIDER":
            return None
        written = name_key(mention).split()
        first, given_first = self._orders_of(entity_id)
        if written[:1] == first:
            return None
        words = sorted(written)
        return next((name for name, sorted_words in given_first if sorted_words == words), None)

    def _orders_of(self, entity_id: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
        """The first word of a rider's name (as a key word list of at most one), and the names
        that start with it, each with its key words sorted: `given_first` compares a mention with
        them, for every full name an article gives."""
        orders = self._orders.get(entity_id)
        if orders is None:
            entry = self._entries[entity_id]
            first = name_key(entry.name).split()[:1]
            keys = [(name, name_key(name).split()) for name in entry.names]
            orders = self._orders[entity_id] = (first, [(name, sorted(key)) for name, key in keys if key[:1] == first])
        return orders

    def canonical(self, entity_id: str, mention: str) -> str | None:
        """What an entity record calls canonical: the gazetteer's spelling of the name used.

        A mention keeps the name the article chose ("Kasia Niewiadoma", a season name of a team,
        "Giro Donne"), spelled as the gazetteer spells it; the id says who or what it is, and the
        knowledge base gives the entity's own name.
        """
        entry = self.get(entity_id)
        if entry is None:
            return None
        return self.given_first(entity_id, mention) or self.spelling(entity_id, mention) or entry.name

    @classmethod
    def from_dir(cls, kb_dir: Path) -> "Gazetteer":
        gazetteer = cls()
        for stem in LABEL_FILES.values():
            path = kb_dir / f"{stem}.jsonl"
            if path.exists():  # one parse of the whole file: much faster than one per line
                lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
                for row in json.loads("[" + ",".join(lines) + "]"):
                    gazetteer._raw[row["id"]] = row
        return gazetteer
