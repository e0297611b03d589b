"""Reference rows: the rider, team, race, climb or stage a fact points to.

A fact's rider is the gazetteer's entity when the record links it, and otherwise a row of its
own keyed by the folded name, so "Jonas RUTSCH" and "Jonas Rutsch" in two articles are one rider
the gazetteer lacks. Linked rows take their name and attributes from the knowledge base in
patterns/kb, so the database shows "Lidl-Trek" for team:trek whatever season name an article
used; an id the knowledge base lacks (records made with another patterns folder) keeps the name
the article wrote.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Literal

from ..gazetteer import Gazetteer
from ..records import Stage
from ..text.fold import name_key, slug
from .schema import PROLOGUE

Kind = Literal["rider", "team", "race", "climb"]
UNLINKED = "~"  # "rider:~jonas-rutsch": gazetteer slugs never start with it

# knowledge-base attribute -> column, per kind
_ATTRIBUTES: dict[str, dict[str, str]] = {
    "rider": {"nationality": "nationality", "birth_year": "birth_year"},
    "team": {"nationality": "nationality", "uci_code": "uci_code"},
    "race": {"type": "race_type", "gender": "gender", "country": "country"},
    "climb": {"country": "country", "length_km": "length_km", "gradient_pct": "gradient_pct", "height_m": "height_m"},
}


def entity_key(kind: Kind, entity_id: str | None, name: str) -> str:
    """The row id of an entity: its gazetteer id, or one made from its folded name."""
    if entity_id:
        return entity_id
    return f"{kind}:{UNLINKED}{slug(name) or name.strip().lower()}"


def stage_number(stage: Stage | None) -> int | None:
    return PROLOGUE if stage == "prologue" else stage


def stage_key(race_id: str, year: int | None, number: int) -> str:
    part = "prologue" if number == PROLOGUE else str(number)
    return f"{race_id}/{year}/{part}" if year is not None else f"{race_id}/{part}"


@dataclass
class References:
    """The reference rows one article needs, built with the knowledge base's names."""

    gazetteer: Gazetteer
    known: Collection[str] = frozenset()  # ids already in the database: no row needed
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {k: {} for k in ("rider", "team", "race", "climb", "stage")})

    def entity(self, kind: Kind, entity_id: str | None, name: str | None) -> str:
        """The row id for a fact's entity, its row added to the article's reference rows
        (a fact with an id but no name is named by its id, when the gazetteer lacks it)."""
        name = name or entity_id or ""
        key = entity_key(kind, entity_id, name)
        if key not in self.rows[kind] and key not in self.known:
            self.rows[kind][key] = self._row(kind, key, entity_id, name)
        return key

    def stage(self, race_id: str, year: int | None, number: int) -> str:
        key = stage_key(race_id, year, number)
        if key not in self.known:
            self.rows["stage"].setdefault(key, {"id": key, "race_id": race_id, "year": year, "number": number})
        return key

    def _row(self, kind: Kind, key: str, entity_id: str | None, name: str) -> dict[str, Any]:
        entry = self.gazetteer.get(entity_id) if entity_id else None
        attrs = entry.attrs if entry is not None else {}
        canonical = entry.name if entry is not None else name
        row: dict[str, Any] = {"id": key, "name": canonical, "name_key": name_key(canonical), "linked": entity_id is not None}
        for attribute, column in _ATTRIBUTES[kind].items():
            value = attrs.get(attribute)
            row[column] = value if isinstance(value, (int, float, str)) and not isinstance(value, bool) else None
        return row
