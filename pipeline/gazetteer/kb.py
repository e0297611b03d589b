"""The gazetteer's knowledge base: one entry per rider, team, race and climb.

The entity ruler only knows that a span matched the pattern of an id. Everything else a record
needs about that id (its canonical name, the spelling of the alias used, a race's type) comes
from here. Entries are read from `patterns/kb/*.jsonl`, written by the build step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..text.fold import name_key

LABEL_FILES = {"RIDER": "riders", "TEAM": "teams", "RACE": "races", "CLIMB": "climbs"}


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
    """Entries by id, and the spelling of every name by its folded key."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        self._spellings: dict[tuple[str, str], str] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        for name in entry.names:
            self._spellings.setdefault((entry.id, name_key(name)), name)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entries

    def get(self, entity_id: str | None) -> Entry | None:
        return self.entries.get(entity_id) if entity_id else None

    def spelling(self, entity_id: str, mention: str) -> str | None:
        """The gazetteer's spelling of the name a mention used ("Bora-Hansgrohe" -> "BORA – hansgrohe").

        A generic "Team" that the article added or dropped does not change the name used.
        """
        key = name_key(mention)
        for candidate in (key, key.removeprefix("team "), key.removesuffix(" team"), f"team {key}", f"{key} team"):
            found = self._spellings.get((entity_id, candidate))
            if found:
                return found
        return None

    def canonical(self, entity_id: str, mention: str) -> str | None:
        """What an entity record calls canonical: the gazetteer's spelling of the name used.

        A mention keeps the name the article chose ("Kasia Niewiadoma", a season name of a team,
        "Giro Donne"), spelled as the gazetteer spells it; the id says who or what it is, and the
        knowledge base gives the entity's own name.
        """
        entry = self.get(entity_id)
        if entry is None:
            return None
        return self.spelling(entity_id, mention) or entry.name

    @classmethod
    def from_dir(cls, kb_dir: Path) -> "Gazetteer":
        gazetteer = cls()
        for stem in LABEL_FILES.values():
            path = kb_dir / f"{stem}.jsonl"
            if not path.exists():
                continue
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    if line.strip():
                        gazetteer.add(Entry.from_json(json.loads(line)))
        return gazetteer
