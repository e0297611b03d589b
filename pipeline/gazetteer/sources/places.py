"""Place names from the data sets: the towns races start and finish in, and climbs' regions and sides.

Race reports name towns all the time ("the finish in Roubaix", "the stage to Valverde"), and many
towns are also riders' surnames. The build refuses to match a surname alone when it is also a
place, so this module collects the places the data sets name, folded with `name_key`:

- Tour de France and Tour de France Femmes stage starts and finishes (letourdataset);
- stage routes of the FirstCycling calendar ("Masterton-Martinborough");
- PCS stage strings ("Stage 7 (ITT) - San Benedetto del Tronto › San Benedetto del Tronto")
  from the race-name lists and the riders' result records;
- climbs' regions ("Dolomites") and sides ("from Bormio").

Countries and their adjectives are not collected: another module has them.
"""

from __future__ import annotations

import csv
import gzip
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from ...text.fold import name_key

TOUR_STAGES = ("letourdataset/TDF_Stages_History.csv", "letourdataset/TDFF_Stages_History.csv")
CALENDAR = Path("cyclingchaos_firstcycling") / "CyclingChaos_RaceCalendar_df_master.csv"
PCS_RACE_NAMES = ("seanhardison1_pcs/derived_race_names_men.csv", "seanhardison1_pcs/derived_race_names_women.csv")
PCS_RECORDS = ("seanhardison1_pcs/rider_records_men.csv.gz", "seanhardison1_pcs/rider_records_women.csv.gz")
CLIMBS = Path("cycletrip_climbs") / "climbs.csv"

# Words that join the parts of a hyphenated town name ("Aix-en-Provence", "Saint-Étienne"), so a
# route written "Aix-en-Provence-Marseille" is cut between towns, not inside one.
_JOINING = frozenset({
    "saint", "sainte", "st", "ste", "san", "santa", "sant", "santo", "sao", "mont", "monte", "bourg", "val",
    "villa", "castel", "port", "porto", "puerto", "pont", "la", "le", "les", "l", "el", "il", "lo", "de", "del",
    "della", "di", "du", "des", "d", "en", "sur", "sous", "les", "aux", "au", "et", "y", "a", "am", "im",
    "an", "der", "den", "van", "ter", "ten", "op", "aan", "bij", "trois", "deux", "grand", "grande", "petit",
})
_STAGE_PREFIX = re.compile(r"^(?:stage\s+\S+|prologue)?(?:\s*\([^)]*\))?\s*-\s*", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")
_WHITESPACE = re.compile(r"\s+")


def read(data_dir: Path) -> set[str]:
    """Folded names of the places the data sets name (a new set each call; the work is cached)."""
    return set(_places(Path(data_dir)))


@lru_cache(maxsize=4)
def _places(data_dir: Path) -> frozenset[str]:
    names: set[str] = set()
    for town in _all_towns(data_dir):
        key = name_key(town)
        if key and not key.isdigit() and len(key) > 1:
            names.add(key)
    return frozenset(names)


def _all_towns(data_dir: Path) -> Iterator[str]:
    yield from _tour_towns(data_dir)
    yield from _calendar_towns(data_dir)
    yield from _pcs_towns(data_dir)
    yield from _climb_places(data_dir)


def _rows(path: Path) -> Iterator[dict[str, str]]:
    if not path.exists():
        return
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as lines:
        yield from csv.DictReader(lines)


def clean_town(text: str) -> list[str]:
    """The towns a written place stands for: "Ovaro / Davâr" is two names of one town,
    "Saint François Longchamp -  Col de la Madeleine" two places; "(Kernort)" is dropped."""
    text = _WHITESPACE.sub(" ", _PARENTHESES.sub(" ", text.replace("\xa0", " "))).strip()
    parts = re.split(r"\s+[-/›]\s+|\s*[/›]\s*", text)
    return [p.strip(" -") for p in parts if p.strip(" -")]


def split_route(route: str) -> list[str]:
    """The towns of a route written "Start-Finish", where the towns may have hyphens themselves.

    Without spaces around the dash, "Aix-en-Provence-Marseille" can only be cut by knowing that
    "en" joins the words around it; a piece that is a joining word, or follows one, stays with
    its neighbour.
    """
    route = route.strip()
    if not route:
        return []
    if " - " in route:
        return [t for part in route.split(" - ") for t in clean_town(part)]
    towns: list[list[str]] = []
    for piece in (p.strip() for p in route.split("-")):
        if towns and (_joins_next(towns[-1][-1]) or _joins_previous(piece)):
            towns[-1].append(piece)
        else:
            towns.append([piece])
    return [t for town in towns for t in clean_town("-".join(town))]


def _joins_next(piece: str) -> bool:
    words = piece.split()
    return bool(words) and name_key(words[-1]) in _JOINING


def _joins_previous(piece: str) -> bool:
    return piece[:1].islower() or (len(piece.split()) == 1 and name_key(piece) in _JOINING)


def _tour_towns(data_dir: Path) -> Iterator[str]:
    for file in TOUR_STAGES:
        for row in _rows(data_dir / file):
            for column in ("Start", "End"):
                yield from clean_town(row.get(column) or "")


def _calendar_towns(data_dir: Path) -> Iterator[str]:
    for row in _rows(data_dir / CALENDAR):
        yield from split_route(row.get("route") or "")


def pcs_stage_towns(stage: str) -> list[str]:
    """Towns of a PCS stage string ("Stage 1a - Gatteo › Gatteo a Mare", "- Camperdown › Thornville")."""
    if "›" not in stage:
        return []
    return clean_town(_STAGE_PREFIX.sub("", stage.strip(), count=1))


def _pcs_towns(data_dir: Path) -> Iterator[str]:
    for file in PCS_RACE_NAMES:
        for row in _rows(data_dir / file):
            yield from pcs_stage_towns(row.get("race") or "")
    for file in PCS_RECORDS:
        stages = {row.get("stage") or "" for row in _rows(data_dir / file)}
        for stage in sorted(stages):
            yield from pcs_stage_towns(stage)


def _climb_places(data_dir: Path) -> Iterator[str]:
    for row in _rows(data_dir / CLIMBS):
        yield from clean_town(row.get("region") or "")
        yield from clean_town(re.sub(r"^from\s+", "", row.get("side") or "", flags=re.IGNORECASE))


def towns_of(texts: Iterable[str]) -> set[str]:
    """Folded names of written places, for callers with their own lists."""
    return {name_key(t) for text in texts for t in clean_town(text) if name_key(t)}
