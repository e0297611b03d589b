"""Climbs: the CycleTrip climbs data set (one entry per climb, its sides folded into it) and the hand table.

Each CycleTrip row is one side of a climb ("Passo dello Stelvio - Stilfser Joch", from Bormio).
An entry is one climb (`climb_slug`) with:

- `name`: the part of a bilingual name ("Col Agnel / Colle dell'Agnello") in the language of the
  country it is listed under, because that is how race reports write it; the other parts are
  aliases.
- the short form news uses ("Col du Galibier" -> "Galibier", "Passo dello Stelvio" -> "Stelvio"),
  added only when it can stand alone (`short_form`, see there).
- `length_km` and `gradient_pct` of the hardest side: the side with the highest FIETS index
  (H² / 10L, elevation gain squared over length; the index's summit-altitude term is the same for
  every side of one summit, so it does not change the ranking). That is the side races are
  reported on: the Stelvio from Prato (25.3 km at 7.3%) rather than from Bormio, the Finestre from
  Meana di Susa. The longest side is often the gentlest one, so length alone is not used.
- `height_m`: the summit elevation; `wikidata`: the Wikidata id when the data set has it.

Two data climbs with one name (the Col de la Madeleine of the Alps and the one in Provence) keep
it for the better-known one; the other is matched with its region added. A name of two or three
letters ("Lu", "Aia", "Ząb") is kept as the entry's name but not as a name to match.

CycleTrip covers France, Italy, Spain, Poland and Andorra; Swiss, Austrian and German passes in it
are tagged IT or FR, and a few Spanish climbs FR. `COUNTRY_FIXES` corrects the ones whose
coordinates and start towns say otherwise. Famous climbs the data lacks (the Flemish bergs, the
Ardennes and Limburg côtes, the Poggio, Gulf and Australian climbs) come from
`patterns/manual/climbs.jsonl`; a hand line with the name of a data climb adds to it, and its
values win.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from ...text.fold import fold, name_key, slug
from ..kb import Entry, read_jsonl
from ..names import unique_names
from . import places as place_names
from .countries import ioc_code

CLIMBS = Path("cycletrip_climbs") / "climbs.csv"

RANKINGS = Path("psemdel_uci_rankings")
RIDER_PROFILES = Path("noctildon_pcs_riders") / "riders_info.csv"

# Slugs whose country the data set gets wrong (summit coordinates and start towns checked).
COUNTRY_FIXES = {
    "passo-dell-alpe-di-neggia": "SUI", "passo-del-bernina": "SUI", "col-de-la-forclaz-q670156": "SUI",
    "albulapass": "SUI", "fl-elapass": "SUI", "col-des-mosses": "SUI", "col-de-jaman": "SUI", "malojapass": "SUI",
    "pass-dal-fuorn": "SUI", "les-agites": "SUI", "col-du-pillon": "SUI", "wolfgangpass": "SUI",
    "col-de-la-givrine": "SUI", "bielerh-he": "AUT", "kartitscher-sattel": "AUT", "norbertsh-he": "AUT",
    "kandel": "GER", "notschrei": "GER", "feldbergpass": "GER", "heidburg": "GER", "v-p-e": "CZE",
    "coll-de-pradell-q17598206": "ESP", "coll-de-la-creueta": "ESP", "collformic": "ESP", "puerto-de-ordu-a": "ESP",
    "puerto-de-las-estacas-de-trueba": "ESP", "pe-a-angulo": "ESP", "puerto-de-carrales": "ESP",
    "forca-capistrello": "ITA", "col-du-pertuis": "FRA", "cote-de-valfin": "FRA",
}

# Generic words a climb's name starts with, longest first; what follows is its short form.
_GENERIC_PREFIXES = (
    # French
    "col de la", "col de l'", "col des", "col du", "col de", "col d'", "col", "cime de la", "cime de", "cime du",
    "côte de la", "côte de l'", "côte des", "côte du", "côte de", "côte d'", "montée de la", "montée de", "montée du",
    "mont du", "mont de", "mont", "pas de la", "pas de", "port de la", "port de", "port d'", "port del", "faux col de",
    # Italian
    "passo dello", "passo della", "passo delle", "passo dei", "passo degli", "passo del", "passo dell'", "passo di",
    "passo", "colle delle", "colle della", "colle dello", "colle dei", "colle del", "colle dell'", "colle di", "colle",
    "colla di", "monte", "forcella di", "forcella", "forca di", "forca d'", "forca", "sella di", "giogo di",
    "giogo del", "valico di", "valico della", "valico delle", "valico del", "portella di", "portella della",
    "portella dello", "portella", "cima",
    # Spanish, Catalan
    "alto de la", "alto de las", "alto de los", "alto del", "alto de l'", "alto de", "puerto de la", "puerto de las",
    "puerto de los", "puerto del", "puerto de", "coll de la", "coll de", "coll d'", "coll dels", "collada de la",
    "collada de", "collado de la", "collado de", "alt de", "alt del", "portillo de la", "portillo de",
    # English ("Przełęcz" is left out: what follows it is an adjective, "Przełęcz Karkonoska")
    "mount",
)
_PREFIX_RE = re.compile(
    r"^(?:" + "|".join(re.escape(p) + (r"(?=\w)" if p.endswith("'") else r"\s+") for p in _GENERIC_PREFIXES) + r")",
    re.IGNORECASE,
)
# A short form that starts with a saint's name is a place name in half of Europe.
_SAINTS = re.compile(r"^(?:san|santa|sant|santo|saint|sainte|st|ste|sankt|são|sao)\b", re.IGNORECASE)
# Short forms the data produces that are common words in English or in the climb's own language
# ("Chat", "Verde", "Rates"), given names ("Madeleine", "Agnes"), or towns race reports name as
# finish or start towns ("Vars", "Tenda") that the data sets do not list as places.
COMMON_SHORT_FORMS = frozenset({
    "agnes", "aires", "arces", "bac", "baraque", "bataille", "biche", "bocchetta", "bonhomme", "borderes",
    "cabre", "caracol", "carmine", "castagnola", "cavallo", "cerreto", "chaine", "chat", "cimirlo", "clavel",
    "comella", "confins", "coq", "corps", "coronas", "cou", "croce", "croix", "dent", "dobbiaco", "echelle",
    "eira", "erbe", "escudo", "fageole", "fau", "festre", "feu", "fito", "fonfria", "forcella", "frache",
    "franche", "frene", "gallina", "gets", "giogo", "giovo", "glaciere", "heros", "honor", "joux", "labouret",
    "larche", "leon", "leques", "ligne", "linas", "lombarda", "machine", "maddalena", "madeleine", "magdalena",
    "manse", "merenda", "moises", "montets", "munecas", "murs", "notre dame", "orient", "page", "palomas",
    "pertuis", "perche", "pescadores", "pinei", "pitta", "plafond", "pointu", "port", "porte", "portell",
    "portes", "portello", "pre", "pres", "predaia", "rates", "rest", "robines", "rolle", "sabinas", "sentinella",
    "sol", "sole", "sommo", "stalle", "tenda", "tornos", "tre croci", "valles", "vars", "verde", "vivero", "xon",
})
# Short forms of the best-known climbs, kept although a rider or a finish town shares the word:
# race reports write "the Stelvio", "the Izoard", "on the Grand Colombier".
FAMOUS_SHORT_FORMS = frozenset({"stelvio", "izoard", "aubisque", "grand colombier", "loze", "turini"})
_COUNTRY_PREFERRED_WORDS = {
    "ITA": ("passo", "colle", "monte", "forcella", "sella", "giogo", "valico", "cima"),
    "FRA": ("col", "mont", "côte", "cote", "montée", "cime", "pas de", "port"),
    "ESP": ("puerto", "alto", "coll", "collada", "port"),
}
_BILINGUAL = re.compile(r"\s+[-/]\s+|\s+o\s+(?=[A-Z])")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
MIN_SHORT_FORM = 4


@dataclass(frozen=True)
class Side:
    slug: str
    name: str
    country: str | None
    region: str
    side: str
    length_km: float | None
    gain_m: float | None
    gradient_pct: float | None
    summit_m: float | None
    wikidata: str | None

    @property
    def fiets(self) -> float:
        """FIETS difficulty without its altitude term: H² / 10L (H metres gained, L kilometres)."""
        if not self.length_km:
            return 0.0
        gain = self.gain_m if self.gain_m is not None else (self.gradient_pct or 0.0) * self.length_km * 10
        return gain * gain / (10 * self.length_km)


def read(data_dir: Path, manual_dir: Path | None = None) -> list[Entry]:
    """Every climb of the data set and of the hand table, sorted by id."""
    data_dir = Path(data_dir)
    if manual_dir is None:
        from .. import default_patterns_dir

        manual_dir = default_patterns_dir() / "manual"
    manual_dir = Path(manual_dir)
    by_slug: dict[str, list[Side]] = defaultdict(list)
    for side in _sides(data_dir):
        by_slug[side.slug].append(side)
    towns = place_names.read(data_dir)
    entries = {f"climb:{s}": _data_entry(sides, towns) for s, sides in by_slug.items()}
    _disambiguate_shared_names(entries, by_slug)
    for row in _manual_rows(manual_dir):
        _merge_manual(entries, row)
    _add_short_forms(entries, _blocked_short_forms(data_dir))
    return _named_ids(entries)


def _named_ids(entries: dict[str, Entry]) -> list[Entry]:
    """Entries with ids from their names ("climb:monte-zoncolan"), not from the data set's slugs,
    which lose their accented letters ("monte-zoncolan-il-oncol-n"); names start in capitals
    ("coll de Lluç" is the Coll de Lluç). A second climb of one name adds its country."""
    out: dict[str, Entry] = {}
    for old_id in sorted(entries):
        entry = entries[old_id]
        name = entry.name[:1].upper() + entry.name[1:]
        names = tuple(n[:1].upper() + n[1:] for n in entry.names)
        entity_id = f"climb:{slug(name)}"
        if entity_id in out:
            entity_id = f"{entity_id}-{(entry.attrs.get('country') or old_id.removeprefix('climb:')).lower()}"
        while entity_id in out:
            entity_id += "-2"
        out[entity_id] = Entry(entity_id, entry.label, name, tuple(dict.fromkeys(names)), entry.attrs)
    return [out[k] for k in sorted(out)]


# --- data set -------------------------------------------------------------------------------


def _number(text: str | None) -> float | None:
    """A figure of the data set; None when the cell is empty."""
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _sides(data_dir: Path) -> Iterator[Side]:
    """The rows of the data set, one per side of a climb, with the country fixed where it is wrong."""
    path = data_dir / CLIMBS
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            climb_slug = row["climb_slug"].strip()
            country = COUNTRY_FIXES.get(climb_slug) or ioc_code(row["country"], data_dir)
            yield Side(
                slug=climb_slug,
                name=" ".join(row["climb_name"].split()),
                country=country,
                region=row["region"].strip(),
                side=row["side"].strip(),
                length_km=_number(row["length_km"]),
                gain_m=_number(row["elevation_gain_m"]),
                gradient_pct=_number(row["avg_grade_pct"]),
                summit_m=_number(row["summit_elevation_m"]),
                wikidata=row["wikidata_id"].strip() or None,
            )


def name_parts(name: str) -> list[str]:
    """The names a bilingual climb name joins: "Passo dello Stelvio - Stilfser Joch" -> both;
    "(Salerno)" is a qualifier, not a name."""
    plain = _PARENTHESES.sub("", " ".join(name.split())).strip()
    parts = [p.strip() for p in _BILINGUAL.split(plain) if p.strip()]
    return parts or [plain]


def main_name(parts: list[str], country: str | None, towns: set[str] | frozenset[str] = frozenset()) -> str:
    """The part written in the language of the climb's country ("Colle dell'Agnello" in Italy), and
    not the town the climb starts from ("Saint-Lary-Soulan - Pla d'Adet" is the Pla d'Adet)."""
    named = [p for p in parts if not _is_town(p, towns)] or parts
    preferred = _COUNTRY_PREFERRED_WORDS.get(country or "", ())
    for part in named:
        if fold(part).startswith(preferred):
            return part
    return named[0]


def _is_town(part: str, towns: set[str] | frozenset[str]) -> bool:
    """A part of a climb's name that is a town: a place the data sets name, without the generic head
    of a climb's name ("Saint-Lary-Soulan"; "Monte Zoncolan" is a stage finish, but a climb)."""
    return name_key(part) in towns and short_form(part) is None


def _data_entry(sides: list[Side], places: set[str]) -> Entry:
    """One climb from its sides: names from the bilingual name, figures from the hardest side."""
    first = sides[0]
    hardest = max(sides, key=lambda s: (s.fiets, s.length_km or 0.0, s.side))
    summits = [s.summit_m for s in sides if s.summit_m is not None]
    parts = name_parts(first.name)
    country = next((s.country for s in sides if s.country), None)
    towns = places | place_names.towns_of([first.region, *(re.sub(r"^from\s+", "", s.side) for s in sides)])
    name = main_name(parts, country, towns)
    # "Saint-Lary-Soulan - Pla d'Adet": the town before the dash is where the climb is, not its name
    aliases = [p for p in parts if p != name and not _is_town(p, towns)]
    attrs: dict[str, Any] = {
        "country": country,
        "length_km": hardest.length_km,
        "gradient_pct": hardest.gradient_pct,
        "height_m": int(max(summits)) if summits else None,
        "wikidata": next((s.wikidata for s in sides if s.wikidata), None),
    }
    # "Lu", "Aia", "Ząb": a village's name of two or three letters is no pattern to match text with
    names = [n for n in unique_names([name, *aliases]) if len(name_key(n).replace(" ", "")) >= MIN_SHORT_FORM]
    return Entry(f"climb:{first.slug}", "CLIMB", name, tuple(names), attrs)


def _disambiguate_shared_names(entries: dict[str, Entry], by_slug: dict[str, list[Side]]) -> None:
    """Two data climbs with one name (the Col de la Madeleine of the Alps and the one in Provence):
    the better-known one keeps the name, the other is matched only with its region or country.

    Better known: more sides surveyed, a Wikidata item, a higher summit. The build drops a
    pattern two entities share, so without this neither would be found.
    """
    owners: dict[str, list[str]] = defaultdict(list)
    for entity_id, entry in entries.items():
        for name in entry.names:
            owners[name_key(name)].append(entity_id)
    for key, ids in sorted(owners.items()):
        if len(ids) < 2:
            continue
        ranked = sorted(ids, key=lambda i: _prominence(entries[i], by_slug[i.removeprefix("climb:")]), reverse=True)
        for entity_id in ranked[1:]:
            entry = entries[entity_id]
            sides = by_slug[entity_id.removeprefix("climb:")]
            where = sides[0].region or entry.attrs.get("country") or sides[0].slug
            names = [f"{n} ({where})" if name_key(n) == key else n for n in entry.names]
            entries[entity_id] = Entry(entry.id, entry.label, entry.name, unique_names(names), entry.attrs)


def _prominence(entry: Entry, sides: list[Side]) -> tuple:
    """How well known a climb is, to rank climbs of one name."""
    return (len(sides), entry.attrs.get("wikidata") is not None, entry.attrs.get("height_m") or 0, entry.id)


# --- hand table -----------------------------------------------------------------------------


def _manual_rows(manual_dir: Path) -> Iterator[dict[str, Any]]:
    """The lines of patterns/manual/climbs.jsonl."""
    return read_jsonl(manual_dir / "climbs.jsonl")


def _merge_manual(entries: dict[str, Entry], row: dict[str, Any]) -> None:
    """A hand line adds a climb, or, when one of its names is a data climb's, names and values to it."""
    names = [row["name"], *row.get("aliases", [])]
    keys = {name_key(n) for n in names}
    target = row.get("id") and f"climb:{row['id']}"
    if not target:
        target = next((i for i, e in sorted(entries.items()) if keys & {name_key(n) for n in e.names}), None)
    values = {k: row.get(k) for k in ("country", "length_km", "gradient_pct", "height_m", "wikidata")}
    if target and target in entries:
        old = entries[target]
        attrs = {**old.attrs, **{k: v for k, v in values.items() if v is not None}}
        entries[target] = Entry(old.id, old.label, row["name"], unique_names([row["name"], *names, *old.names]), attrs)
    else:
        entity_id = target or f"climb:{slug(row['name'])}"
        entries[entity_id] = Entry(entity_id, "CLIMB", row["name"], unique_names(names), values)


# --- short forms ----------------------------------------------------------------------------


def short_form(name: str) -> str | None:
    """What is left of a climb's name without its generic head: "Col du Galibier" -> "Galibier".

    None when the name has no generic head ("Alpe d'Huez", "Angliru"), or when what is left
    starts in lower case (a head this list does not know).
    """
    match = _PREFIX_RE.match(name)
    if not match:
        return None
    rest = name[match.end():].strip()
    if not rest or not rest[0].isupper():
        return None
    return rest


def usable_short_form(form: str, blocked: frozenset[str]) -> bool:
    """A short form may stand alone when race reports would not read it as something else.

    Rejected: fewer than four letters ("Pré"); a saint's name ("San Pellegrino": towns all over
    Europe); a common word or given name (`COMMON_SHORT_FORMS`: "Madeleine", "Porte", "Chat");
    a word in `blocked` (riders' given names and surnames from the ranking and profile data sets,
    places named in the data sets: "Sestriere" is the finish town as often as the pass). The
    best-known climbs keep their short form all the same (`FAMOUS_SHORT_FORMS`).
    """
    key = name_key(form)
    if key in FAMOUS_SHORT_FORMS:
        return True
    if len(key.replace(" ", "")) < MIN_SHORT_FORM or _SAINTS.match(form):
        return False
    return key not in COMMON_SHORT_FORMS and key not in blocked


def _add_short_forms(entries: dict[str, Entry], blocked: frozenset[str]) -> None:
    """Add each climb's usable short forms, unless another climb has the same one or the same name."""
    full_names = {name_key(n): i for i, e in entries.items() for n in e.names}
    candidates: dict[str, set[str]] = defaultdict(set)
    written: dict[tuple[str, str], str] = {}
    for entity_id, entry in entries.items():
        for name in entry.names:
            form = short_form(_PARENTHESES.sub("", name))
            if form and usable_short_form(form, blocked):
                candidates[name_key(form)].add(entity_id)
                written.setdefault((entity_id, name_key(form)), form)
    for key, owners in sorted(candidates.items()):
        if len(owners) != 1 or full_names.get(key, next(iter(owners))) not in owners:
            continue
        entity_id = next(iter(owners))
        entry = entries[entity_id]
        names = unique_names([*entry.names, written[(entity_id, key)]])
        entries[entity_id] = Entry(entry.id, entry.label, entry.name, names, entry.attrs)


@lru_cache(maxsize=4)
def _blocked_short_forms(data_dir: Path) -> frozenset[str]:
    """Words a short form must not be: places and riders' names of the data sets."""
    return frozenset(place_names.read(data_dir) | _people_words(data_dir))


def _people_words(data_dir: Path) -> set[str]:
    """Given names and surnames of riders (UCI rankings, PCS profiles), folded."""
    words: set[str] = set()
    for path in sorted((data_dir / RANKINGS).glob("*.csv")):
        if "team" in path.stem.lower() or path.name == "Calendar.csv":
            continue
        for name in _column(path, "Name"):
            words.update(_ranking_name_words(name))
    for name in _column(data_dir / RIDER_PROFILES, "name"):
        tokens = name.split()
        if len(tokens) >= 2:
            words.update({name_key(tokens[0]), name_key(tokens[-1])})
    words.discard("")
    return words


def _ranking_name_words(name: str) -> set[str]:
    """"VAN DER POEL Mathieu" -> {"van der poel", "poel", "mathieu"}: UCI lists write surnames in capitals."""
    tokens = name.split()
    family = [t for t in tokens if t.isupper() and any(c.isalpha() for c in t)]
    given = [t for t in tokens if t not in family]
    out = {name_key(" ".join(family))} if family else set()
    if family:
        out.add(name_key(family[-1]))
    out.update(name_key(t) for t in given)
    return out


def _column(path: Path, column: str) -> Iterator[str]:
    """One column of a CSV file written with "," or ";" (the UCI ranking exports use both)."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="replace", newline="") as lines:
        header = lines.readline()
        delimiter = ";" if header.count(";") > header.count(",") else ","
        lines.seek(0)
        for row in csv.DictReader(lines, delimiter=delimiter):
            value = row.get(column)
            if value:
                yield value


