"""Riders of the public data sets (../shared/data), merged into one entry per person.

Every source is read into `Record`s, one per person as that source identifies them (a UCI ID, a
PCS slug, a FirstCycling id, a name in letour.fr's lists), keeping only riders active from 2005
on. Records are then merged into persons by rules that trade recall for precision, because a
wrong merge gives a rider another person's results while a missed one only leaves a duplicate.
In this order (the rule names are those of `Stats.merges`):

- `same_id`: the same UCI ID, PCS slug or FirstCycling id is one person (a PCS slug joins the
  noctildon and josselingirault scrapes).
- `uci_duplicate_id`: two UCI IDs with the same full name, birth year and nationality are one
  person; the exports list a few riders under an old and a new ID, sometimes in one year.
- `full_name`: the same folded full name, both birth years known and compatible.
- `name_contained`: one name is the other with words left out, from the same first given name
  ("Enric Mas" / "Enric Mas Nicolau", "Egan Bernal" / "Egan Arley Bernal Gómez"), both birth
  years known and compatible.
- `swapped_name`: one full name is the other read the other way round ("MARIO Vogt" in the UCI
  exports), both birth years known and compatible.
- `surname_birth_nationality`: the same folded surname, both birth years known and compatible,
  the same nationality, given names with the same initial ("Sergey" / "Sergei Shilov").
- `name_only_*`: a record without a birth year (letour.fr, FirstCycling, PCS riders without a
  date) joins the one person with a birth year that has its full name; failing that, whose name
  contains or is contained in its own; whose surname it has with the given name in another form
  ("Tom" / "Thomas Pidcock"); whose name is its own read the other way round. A record whose full
  name two or more such persons have cannot be told apart from them and is dropped.
- `name_only_unanchored` (`_contained`): records without a birth year that share a full name
  (one name inside the other: "Isaac Del Toro" / "Isaac del Toro Romero") are one person.
- `written_form`: persons with the same birth year and nationality whose names news would
  write the same way ("Isaac Morera" for "Isaac Morera Avila") are one, even with two UCI IDs
  (the UCI re-registered riders with their second surname).
- `similar_name`: one name spelt two ways ("Alexandr Vinokurov" / "Alexandre Vinokourov"):
  long full names at least 90% alike and two letters apart at most, the only such pair for
  both, a birth year known.

Every merge needs compatible attributes: no two different UCI IDs, FirstCycling ids or PCS
slugs of one scrape (those are distinct people: homonyms, twins); the same gender and
nationality where both are known; birth years equal when both are dates, within one year when
one comes from an age; an age between 16 and 60 in every season seen. The rules that compare
persons with birth years merge a person with its matches (the nearest birth year first) only
when the matches are pairwise compatible and match nothing outside the group.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ...text.fold import fold, name_key, slug
from ..kb import Entry
from ..names import (
    clean, full_name, given_surname, is_contained, proper_case, same_given_name, short_forms, surname_given, words_of,
)
from . import countries

UCI = "psemdel_uci_rankings"
NOCTILDON = "noctildon_pcs_riders"
JOSSELIN = "josselingirault_pcs"
SEAN = "seanhardison1_pcs"
LETOUR = "letourdataset"
FIRSTCYCLING = "cyclingchaos_firstcycling"

FIRST_SEASON = 2005
# Which record names a person: PCS first (the names news uses, with diacritics), then the UCI
# (diacritics, full legal name), FirstCycling, and letour.fr last (capitals, accents stripped).
PRIORITY = {NOCTILDON: 0, SEAN: 1, JOSSELIN: 2, UCI: 3, FIRSTCYCLING: 4, LETOUR: 5}
# noctildon's riders.csv lists riders by their last PCS ranking season, latest first (Pogačar
# first, Indurain near the end). Richard Virenque, who retired after 2004, opens the block of
# riders whose last season was 2004; everyone before him raced in 2005 or later.
NOCTILDON_FIRST_BEFORE_2005 = "richard-virenque"
# When noctildon scraped PCS (July 2022): a rider with a current PCS or UCI rank raced in 2022.
NOCTILDON_SEASON = 2022
MIN_AGE, MAX_AGE = 16, 60  # the UCI ranks riders in their fifties (Edwige Pitel, 53 in 2020)
GIVEN_NAME_MIN_RIDERS = 2
# Two full names this alike (rapidfuzz ratio 0-100) are one name spelt two ways, if long enough
# that one letter in twenty is a transliteration and not another person.
SIMILAR_NAME_SCORE = 90.0
MAX_SIMILAR_NAME_EDITS = 2  # "Montagnoli" is not "Montoli": a transliteration changes a letter or two
MIN_SIMILAR_NAME_LENGTH = 14


@dataclass
class Record:
    """One person as one source knows them."""

    source: str
    ident: str
    splits: list[tuple[str, str]]
    printed: list[str] = field(default_factory=list)
    reliable: list[tuple[str, str]] = field(default_factory=list)  # splits the source prints
    birth: int | None = None
    birth_exact: bool = False
    nationality: str | None = None
    nationalities: set[str] = field(default_factory=set)
    gender: str | None = None
    seasons: set[int] = field(default_factory=set)
    uci_ids: dict[str, int] = field(default_factory=dict)  # UCI ID -> last ranking year
    pcs: str | None = None
    pcs_scrapes: set[str] = field(default_factory=set)  # scrapes listing the slug: "2018", ...
    fc: str | None = None
    match_names: list[str] = field(default_factory=list)  # compared, never written (PCS slugs)

    @property
    def names(self) -> list[str]:
        return [full_name(g, s) for g, s in self.splits if s]


@dataclass
class Stats:
    """What `read` did, for the report of a build: records per source, merges per rule."""

    records: Counter = field(default_factory=Counter)
    merges: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)
    entries_by_source: Counter = field(default_factory=Counter)
    log: list[tuple[str, str, str]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Sources


def _csv_dicts(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as rows:
        yield from csv.DictReader(rows)


def _year_of(date: str | None) -> int | None:
    match = re.match(r"\s*(\d{4})", date or "")
    year = int(match.group(1)) if match else None
    return year if year and 1900 < year < 2020 else None


def _uci_file_kind(path: Path) -> tuple[int, str] | None:
    """(year, gender) of an individual ranking file; None for team rankings and the calendar."""
    name = path.stem
    year = re.search(r"20\d\d", name)
    if "team" in name or not year:
        return None
    men = "man" in name or name.startswith(("UWT", "WR"))
    return int(year.group()), "men" if men else "women"


def _uci_rows(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """(UCI ID, name, nationality, age) of each row, whatever the separator.

    Points use decimal commas, quoted in most files but not in those with a trailing empty
    column, and two ","-files leave "HONG KONG, CHINA" unquoted: the fields this reader needs
    come before the points, and a nationality split in two is joined again.
    """
    text = path.read_text(encoding="utf-8")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    next(rows, None)
    for row in rows:
        if len(row) < 6 or not row[1].strip():
            continue
        shift = 1 if len(row) > 7 and row[4].startswith(" ") else 0
        nationality = ",".join(row[3 : 4 + shift])
        yield row[1].strip(), row[2], nationality, row[5 + shift].strip()


def read_uci(data_dir: Path) -> list[Record]:
    """psemdel_uci_rankings: "SURNAME Given", nationality, age; one record per UCI ID."""
    rows: dict[str, list[tuple[int, str, str, str, str]]] = defaultdict(list)
    for path in sorted((data_dir / UCI).glob("*.csv")):
        kind = _uci_file_kind(path)
        if kind is None:
            continue
        year, gender = kind
        for uci_id, name, nationality, age in _uci_rows(path):
            rows[uci_id].append((year, gender, name, nationality, age))
    records = []
    for uci_id, seen in sorted(rows.items()):
        seen.sort(key=lambda r: (-r[0], r[2]))  # latest year first: its name and nationality win
        splits = _unique(given_surname(name, surname_first=True) for name in _unique(row[2] for row in seen))
        splits = [s for s in splits if s[1]]
        if not splits:
            continue  # "- -"
        births = Counter(year - int(age) for year, _, _, _, age in seen if age.isdigit() and 10 < int(age) < 70)
        nationalities = [code for _, _, _, country, _ in seen if (code := countries.ioc_code(country, data_dir))]
        genders = {gender for _, gender, _, _, _ in seen}
        records.append(Record(
            source=UCI, ident=f"uci:{uci_id}", splits=splits,
            printed=[surname_given(g, s) for g, s in splits], reliable=splits,
            birth=min(births, key=lambda b: (-births[b], b)) if births else None,
            nationality=nationalities[0] if nationalities else None, nationalities=set(nationalities),
            gender=genders.pop() if len(genders) == 1 else None,
            seasons={year for year, *_ in seen}, uci_ids={uci_id: seen[0][0]},
        ))
    return records


def _pcs_slug(link: str) -> str:
    return link.strip().rstrip("/").rsplit("/", 1)[-1]


def _slug_name(pcs: str, splits: list[tuple[str, str]]) -> list[str]:
    """A PCS slug as a name to compare, when it holds the surname: it often has the full given
    name or the second surname the displayed name lacks ("alfred-wright" for Fred Wright,
    "jonas-vingegaard-rasmussen"), but not always a name ("lars-van" for Lars van den Berg)."""
    words = [w for w in re.sub(r"-?\d+$", "", pcs).split("-") if w]
    surnames = {words_of(s)[-1] for _, s in splits if words_of(s)}
    return [" ".join(words)] if len(words) >= 2 and surnames & set(words[1:]) else []


def read_noctildon(data_dir: Path) -> list[Record]:
    """noctildon_pcs_riders: the PCS list ("van Aert Wout" + slug) joined with the profiles.

    The list runs from the latest season back to the 1980s; riders from the first one whose
    last season was 2004 on are left out (see NOCTILDON_FIRST_BEFORE_2005).
    """
    folder = data_dir / NOCTILDON
    info = {_pcs_slug(row["link"]): row for row in _csv_dicts(folder / "riders_info.csv")}
    records = []
    for row in _csv_dicts(folder / "riders.csv"):
        pcs = _pcs_slug(row["The link"])
        if pcs == NOCTILDON_FIRST_BEFORE_2005:
            break
        listed = clean(row["Rider name"])
        if not listed:
            continue
        split = given_surname(listed, pcs, surname_first=True)
        profile = info.get(pcs, {})
        shown = clean(profile.get("name", ""))  # the profile's "Given Surname"
        if shown and name_key(shown) == name_key(full_name(*split)):
            split, shown = _resplit(shown, split) or split, ""  # its spelling, split as listed
        splits = [given_surname(shown), split] if shown else [split]
        ranked = bool(profile.get("PCS rank", "").strip() or profile.get("UCI rank", "").strip())
        records.append(Record(
            source=NOCTILDON, ident=f"pcs:{pcs}", splits=splits, printed=[listed], reliable=[split],
            birth=_year_of(profile.get("DOB")), birth_exact=True, gender="men",
            seasons={NOCTILDON_SEASON} if ranked else set(), pcs=pcs, pcs_scrapes={"2022"},
            match_names=_slug_name(pcs, splits),
        ))
    return records


def read_josselin(data_dir: Path) -> list[Record]:
    """josselingirault_pcs: PCS profiles of 2019 (rider_infos) and 2018 (RidersInfo2018), men."""
    folder = data_dir / JOSSELIN
    rows: dict[str, list[tuple[int, str, str, str, bool]]] = defaultdict(list)
    for row in _csv_dicts(folder / "rider_infos.csv"):
        in_team = row["team"] != "noteam"
        rows[_pcs_slug(row["rider_url"])].append((2019, row["fullname"], row["birthdate"], row["country"], in_team))
    for row in _csv_dicts(folder / "RidersInfo2018.csv"):
        born = row["Birthdate"].strip()
        born = f"{born[:4]}-{born[4:6]}-{born[6:]}" if born.isdigit() else born
        in_team = bool(row["Teamname"].strip())
        rows[_pcs_slug(row["pcs_url"])].append((2018, row["Fullname"], born, row["Country"], in_team))
    records = []
    for pcs, seen in sorted(rows.items()):
        seen.sort(key=lambda r: -r[0])
        splits = _unique(given_surname(name) for _, name, _, _, _ in seen if clean(name))
        if not splits:
            continue
        births = [b for _, _, born, _, _ in seen if (b := _year_of(born))]
        nationalities = [code for _, _, _, country, _ in seen if (code := countries.ioc_code(country, data_dir))]
        records.append(Record(
            source=JOSSELIN, ident=f"josselin:{pcs}", splits=splits, birth=births[0] if births else None,
            birth_exact=True, nationality=nationalities[0] if nationalities else None,
            nationalities=set(nationalities), gender="men",
            seasons={year for year, _, _, _, in_team in seen if in_team}, pcs=pcs,
            pcs_scrapes={str(year) for year, *_ in seen},
            match_names=_slug_name(pcs, splits),
        ))
    return records


def read_sean(data_dir: Path) -> list[Record]:
    """seanhardison1_pcs: PCS profiles of the top men and women of August 2020."""
    records = []
    for gender, stem in (("men", "rider_profiles_men"), ("women", "rider_profiles_women")):
        for row in _csv_dicts(data_dir / SEAN / f"{stem}.csv"):
            name = clean(row["rider"])
            if not name:
                continue
            code = countries.ioc_code(row["nationality"], data_dir)
            records.append(Record(
                source=SEAN, ident=f"sean:{gender}:{name_key(name)}", splits=[given_surname(name)],
                birth=_year_of(row["dob"]), birth_exact=True, nationality=code,
                nationalities={code} if code else set(), gender=gender,
                seasons={2020} if row["current_team"].strip() not in ("", "NA") else set(),
            ))
    return records


def read_letour(data_dir: Path) -> list[Record]:
    """letourdataset: Tour and Tour Femmes finishers since 2005, "FIRST LAST" in capitals."""
    seen: dict[tuple[str, str], tuple[list[str], set[int]]] = {}
    for gender, stem in (("men", "TDF_Riders_History"), ("women", "TDFF_Riders_History")):
        for row in _csv_dicts(data_dir / LETOUR / f"{stem}.csv"):
            year = int(row["Year"])
            name = proper_case(clean(row["Rider"]))
            if year < FIRST_SEASON or not name:
                continue
            spellings, years = seen.setdefault((gender, name_key(name)), ([], set()))
            if name not in spellings:
                spellings.append(name)
            years.add(year)
    return [
        Record(source=LETOUR, ident=f"letour:{gender}:{key}", gender=gender, seasons=years,
               splits=_unique(given_surname(n) for n in sorted(spellings)))
        for (gender, key), (spellings, years) in sorted(seen.items())
    ]


def read_firstcycling(data_dir: Path) -> list[Record]:
    """cyclingchaos_firstcycling: rider names ("Given Surname") of the 2023 startlists and of
    the site's name mapping; gender from the races a rider started."""
    folder = data_dir / FIRSTCYCLING
    race_gender = {
        row["first_cycling_race_id"]: row["gender"]
        for row in _csv_dicts(folder / "CyclingChaos_RaceCalendar_df_master.csv") if row["season"] == "2023"
    }
    names: dict[str, list[str]] = defaultdict(list)
    genders: dict[str, set[str]] = defaultdict(set)
    started: dict[str, set[int]] = defaultdict(set)
    for row in _csv_dicts(folder / "rider_name_mapping_df.csv"):
        names[row["first_cycling_rider_id"].strip()].append(row["first_cycling_rider_name"])
    for row in _csv_dicts(folder / "CyclingChaos_Startlists_raw.csv"):
        rider = row["first_cycling_rider_id"].strip()
        names[rider].append(row["first_cycling_rider_name"])
        started[rider].add(int(row["season"]))
        if row["first_cycling_race_id"] in race_gender:
            genders[rider].add(race_gender[row["first_cycling_race_id"]])
    records = []
    for rider, spellings in sorted(names.items()):
        splits = _unique(given_surname(n) for n in _unique(spellings) if clean(n))
        if not rider or not splits:
            continue
        gender = genders[rider]
        records.append(Record(
            source=FIRSTCYCLING, ident=f"fc:{rider}", splits=splits,
            gender=next(iter(gender)) if len(gender) == 1 else None, seasons=started[rider], fc=rider,
        ))
    return records


READERS: tuple[Callable[[Path], list[Record]], ...] = (
    read_noctildon, read_sean, read_josselin, read_uci, read_firstcycling, read_letour,
)


def _unique(items: Iterable) -> list:
    """The items without repeats, in their order (sets would lose it)."""
    out: list = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


# ---------------------------------------------------------------------------------------------
# Persons: clusters of records


@dataclass
class Person:
    """What the merge rules compare: the union of the records of one person so far."""

    members: list[int]
    keys: set[str]
    swapped: set[str]  # full names read the other way round ("Vogt Mario" for Mario Vogt)
    word_lists: set[tuple[str, ...]]
    surnames: set[tuple[str, str]]  # (folded surname, folded given names)
    uci: set[str]
    pcs: set[tuple[str, str]]  # (scrape, slug): slugs differ between scrapes, not within one
    fc: set[str]
    birth_range: tuple[int, int] | None  # earliest, latest possible birth year
    birth_point: int | None  # best single estimate: a date's year if any
    birth_exact: bool
    nationalities: set[str]
    genders: set[str]
    seasons: set[int]

    @classmethod
    def of(cls, index: int, record: Record) -> "Person":
        keys = {name_key(n) for n in record.names + record.match_names}
        tolerance = 0 if record.birth_exact else 1
        birth = record.birth
        return cls(
            members=[index], keys=keys,
            swapped={name_key(surname_given(g, s)) for g, s in record.splits if g and s},
            word_lists={tuple(k.split()) for k in keys if " " in k},
            surnames={(name_key(s), name_key(g)) for g, s in record.splits if name_key(g) and s},
            uci=set(record.uci_ids), pcs={(scrape, record.pcs) for scrape in record.pcs_scrapes if record.pcs},
            fc={record.fc} if record.fc else set(),
            birth_range=(birth - tolerance, birth + tolerance) if birth else None, birth_point=birth,
            birth_exact=bool(birth and record.birth_exact),
            nationalities=set(record.nationalities) | ({record.nationality} if record.nationality else set()),
            genders={record.gender} if record.gender else set(), seasons=set(record.seasons),
        )

    def absorb(self, other: "Person") -> None:
        self.members += other.members
        self.keys |= other.keys
        self.swapped |= other.swapped
        self.word_lists |= other.word_lists
        self.surnames |= other.surnames
        self.uci |= other.uci
        self.pcs |= other.pcs
        self.fc |= other.fc
        if other.birth_range and self.birth_range:  # compatible: the ranges overlap
            (lo, hi), (other_lo, other_hi) = self.birth_range, other.birth_range
            self.birth_range = (max(lo, other_lo), min(hi, other_hi))
        else:
            self.birth_range = self.birth_range or other.birth_range
        if other.birth_point and (not self.birth_point or other.birth_exact and not self.birth_exact):
            self.birth_point, self.birth_exact = other.birth_point, other.birth_exact
        self.nationalities |= other.nationalities
        self.genders |= other.genders
        self.seasons |= other.seasons


def _slugs_conflict(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool:
    """Two different slugs in one PCS scrape. PCS renames slugs over the years
    ("stanisaw-aniolkowski" in 2019, "stanislaw-aniolkowski" in 2022), so across scrapes two
    slugs say nothing; within one they are two riders (Giovanni and Gianfranco Visconti)."""
    for scrape in {s for s, _ in a} & {s for s, _ in b}:
        if not {x for s, x in a if s == scrape} & {x for s, x in b if s == scrape}:
            return True
    return False


def _ids_conflict(a: Person, b: Person, *, uci: bool = True) -> bool:
    """Both have ids of one kind and share none: two UCI IDs, PCS slugs or FirstCycling ids."""
    pairs = [(a.fc, b.fc)] + ([(a.uci, b.uci)] if uci else [])
    return _slugs_conflict(a.pcs, b.pcs) or any(x and y and not (x & y) for x, y in pairs)


def _plausible_age(person: Person, seasons: set[int]) -> bool:
    """A person born in `birth_range` could race in all these seasons."""
    if not person.birth_range or not seasons:
        return True
    return min(seasons) - person.birth_range[1] >= MIN_AGE and max(seasons) - person.birth_range[0] <= MAX_AGE


def compatible(a: Person, b: Person, *, need_births: bool, uci_duplicates: bool = False) -> bool:
    """Nothing says these are two people (the rules add what says they are one)."""
    if _ids_conflict(a, b, uci=not uci_duplicates):
        return False
    if a.genders and b.genders and a.genders != b.genders:
        return False
    if a.nationalities and b.nationalities and not (a.nationalities & b.nationalities):
        return False
    if a.birth_range and b.birth_range:
        if max(a.birth_range[0], b.birth_range[0]) > min(a.birth_range[1], b.birth_range[1]):
            return False
    elif need_births:
        return False
    return _plausible_age(a, b.seasons) and _plausible_age(b, a.seasons)


class Persons:
    """Union-find over records, with the merged `Person` at each root."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self.parent = list(range(len(records)))
        self.person: dict[int, Person] = {i: Person.of(i, r) for i, r in enumerate(records)}
        self.dropped: set[int] = set()
        self.log: list[tuple[str, str, str]] = []  # (rule, a name of one side, of the other)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, rule: str) -> int:
        a, b = self.find(a), self.find(b)
        if a == b:
            return a
        self.log.append((rule, self._label(a), self._label(b)))
        if len(self.person[a].members) < len(self.person[b].members) or (
            len(self.person[a].members) == len(self.person[b].members) and b < a
        ):
            a, b = b, a
        self.parent[b] = a
        self.person[a].absorb(self.person.pop(b))
        return a

    def _label(self, root: int) -> str:
        record = self.records[min(self.person[root].members)]
        return f"{record.names[0]} ({record.source} {record.birth or '?'})"

    def drop(self, root: int, reason: str) -> None:
        self.dropped.add(root)
        self.log.append((reason, self._label(root), ""))

    def roots(self) -> list[int]:
        return sorted(r for r in self.person if r not in self.dropped)


class NameIndex:
    """Persons by full-name key, by the key read the other way round, by (first word, later
    word) of their names and by surname (and nationality). Persons merged since the index was
    built are found through `Persons.find`."""

    def __init__(self, persons: Persons) -> None:
        self.keys: dict[str, list[int]] = defaultdict(list)
        self.swapped: dict[str, list[int]] = defaultdict(list)
        self.pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.surnames: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.surname_only: dict[str, list[int]] = defaultdict(list)
        for root, person in persons.person.items():
            for key in person.keys:
                self.keys[key].append(root)
            for key in person.swapped:
                self.swapped[key].append(root)
            for words in person.word_lists:
                for word in set(words[1:]):
                    self.pairs[(words[0], word)].append(root)
            for surname, _ in person.surnames:
                self.surname_only[surname].append(root)
                for nationality in person.nationalities:
                    self.surnames[(surname, nationality)].append(root)


def _roots(persons: Persons, records: Iterable[int], exclude: int) -> list[int]:
    found = {persons.find(i) for i in records}
    found.discard(exclude)
    return sorted(r for r in found if r not in persons.dropped)


def _by_key(persons: Persons, index: NameIndex, root: int) -> list[int]:
    return _roots(persons, (i for key in persons.person[root].keys for i in index.keys.get(key, ())), root)


def _by_swapped_key(persons: Persons, index: NameIndex, root: int) -> list[int]:
    """One's full name is the other's read the other way round: some rows swap given name and
    surname ("MARIO Vogt" in the UCI exports, "Andrianos Antoniou" for PCS "antoniou-andrianos")."""
    person = persons.person[root]
    near = [i for key in person.keys for i in index.swapped.get(key, ())]
    near += [i for key in person.swapped for i in index.keys.get(key, ())]
    return _roots(persons, near, root)


def _contained(a: Person, b: Person) -> bool:
    return any(is_contained(x, y) or is_contained(y, x) for x in a.word_lists for y in b.word_lists)


def _by_containment(persons: Persons, index: NameIndex, root: int) -> list[int]:
    person = persons.person[root]
    near = (i for words in person.word_lists for word in set(words[1:]) for i in index.pairs.get((words[0], word), ()))
    return [r for r in _roots(persons, near, root) if _contained(person, persons.person[r])]


def _by_surname(persons: Persons, index: NameIndex, root: int) -> list[int]:
    """Same surname and nationality, given names with the same initial."""
    person = persons.person[root]
    near = (
        i for surname, _ in person.surnames for nationality in person.nationalities
        for i in index.surnames.get((surname, nationality), ())
    )
    initials = {(surname, given[:1]) for surname, given in person.surnames}
    return [
        r for r in _roots(persons, near, root)
        if initials & {(surname, given[:1]) for surname, given in persons.person[r].surnames}
    ]


def _by_given_name_form(persons: Persons, index: NameIndex, root: int) -> list[int]:
    """Same surname, the given name in another form ("Tom" / "Thomas Pidcock")."""
    person = persons.person[root]
    near = (i for surname, _ in person.surnames for i in index.surname_only.get(surname, ()))
    return [
        r for r in _roots(persons, near, root)
        if any(s == t and g != h and same_given_name(g, h)
               for s, g in person.surnames for t, h in persons.person[r].surnames)
    ]


def _closest(persons: Persons, root: int, candidates: list[int]) -> list[int]:
    """The candidates whose birth year is nearest to this person's (all of them if unknown)."""
    point = persons.person[root].birth_point
    if point is None or len(candidates) < 2:
        return candidates
    distance = {c: abs((persons.person[c].birth_point or point) - point) for c in candidates}
    best = min(distance.values())
    return [c for c in candidates if distance[c] == best]


Finder = Callable[[Persons, NameIndex, int], list[int]]


def _group_pass(persons: Persons, index: NameIndex, find: Finder, rule: str, *, unanchored: bool = False,
                **rules: bool) -> None:
    """Merge a person with its closest compatible matches when nothing contradicts the group.

    The group is the person and its matches (those with the nearest birth year); it merges when
    its members are pairwise compatible and each match's own matches lie inside it. One rider
    often sits in three or more records that all match each other (PCS, UCI, a 2020 profile);
    two homonyms contradict each other (two UCI IDs, birth years apart) and stop the merge.
    Repeats until nothing moves. `unanchored`: only among persons without a birth year.
    """

    def matches(root: int) -> list[int]:
        found = [
            c for c in find(persons, index, root)
            if compatible(persons.person[root], persons.person[c], **rules)
            and not (unanchored and persons.person[c].birth_range)
        ]
        return _closest(persons, root, found)

    changed = True
    while changed:
        changed = False
        for root in persons.roots():
            if persons.find(root) != root or unanchored and persons.person[root].birth_range:
                continue
            found = matches(root)
            group = {root, *found}
            if not found or any(not set(matches(c)) <= group for c in found):
                continue
            members = sorted(group)
            if any(not compatible(persons.person[a], persons.person[b], **rules)
                   for a in members for b in members if a < b):
                continue
            for other in found:
                persons.union(root, other, rule)
            changed = True


def _same_id_pass(persons: Persons) -> None:
    owner: dict[str, int] = {}
    for i, record in enumerate(persons.records):
        ids = [f"uci:{u}" for u in record.uci_ids]
        ids += [f"pcs:{record.pcs}"] if record.pcs else []
        ids += [f"fc:{record.fc}"] if record.fc else []
        for key in ids:
            if key in owner:
                persons.union(owner[key], i, "same_id")
            owner.setdefault(key, i)


def _uci_duplicates_pass(persons: Persons) -> None:
    """Two UCI IDs, one rider: same full name, same birth year from the age, same nationality."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for root in persons.roots():
        person = persons.person[root]
        if person.uci and person.birth_point and len(person.nationalities) == 1:
            for key in person.keys:
                groups[(key, person.birth_point, *person.nationalities)].append(root)
    for _, roots in sorted(groups.items()):
        for other in roots[1:]:
            a, b = persons.find(roots[0]), persons.find(other)
            if a != b and compatible(persons.person[a], persons.person[b], need_births=True, uci_duplicates=True):
                persons.union(a, b, "uci_duplicate_id")


NAME_ONLY_FINDERS: tuple[tuple[str, Finder], ...] = (
    ("name_only_full_name", _by_key),
    ("name_only_contained", _by_containment),
    ("name_only_given_name_form", _by_given_name_form),
    ("name_only_swapped_name", _by_swapped_key),
)


def _name_only_pass(persons: Persons, index: NameIndex) -> None:
    """Records without a birth year join the one person with a birth year their name fits.

    Tried in order: the same full name, a name contained in the other, the same surname with
    another form of the given name, the name read the other way round. Two or more persons with
    its full name: the record cannot be told apart from them and is dropped. Two or more by the
    looser rules: it stays a person of its own.
    """
    for root in persons.roots():
        if persons.find(root) != root or persons.person[root].birth_range:
            continue
        person = persons.person[root]
        for rule, finder in NAME_ONLY_FINDERS:
            found = [
                c for c in finder(persons, index, root)
                if persons.person[c].birth_range and compatible(person, persons.person[c], need_births=False)
            ]
            if len(found) == 1:
                persons.union(root, found[0], rule)
            elif len(found) > 1 and finder is _by_key:
                persons.drop(root, "dropped_homonym_name")
            if found:
                break


def _unanchored_pass(persons: Persons) -> None:
    """Records without a birth year that share a full name, and nothing else does, are one."""
    groups: dict[str, list[int]] = defaultdict(list)
    for root in persons.roots():
        if not persons.person[root].birth_range:
            for key in persons.person[root].keys:
                groups[key].append(root)
    for _, roots in sorted(groups.items()):
        roots = sorted({persons.find(r) for r in roots})
        if len(roots) < 2 or any(not compatible(persons.person[a], persons.person[b], need_births=False)
                                 for a in roots for b in roots if a < b):
            continue
        for other in roots[1:]:
            persons.union(roots[0], other, "name_only_unanchored")


def merge(records: list[Record]) -> Persons:
    """The persons of these records, by the rules of the module doc, in that order."""
    persons = Persons(records)
    _same_id_pass(persons)
    _uci_duplicates_pass(persons)
    index = NameIndex(persons)
    _group_pass(persons, index, _by_key, "full_name", need_births=True)
    _group_pass(persons, index, _by_containment, "name_contained", need_births=True)
    _group_pass(persons, index, _by_swapped_key, "swapped_name", need_births=True)
    _group_pass(persons, index, _by_surname, "surname_birth_nationality", need_births=True)
    _name_only_pass(persons, index)
    _unanchored_pass(persons)
    _group_pass(persons, index, _by_containment, "name_only_unanchored_contained", unanchored=True,
                need_births=False)
    return persons


# ---------------------------------------------------------------------------------------------
# Entries


def known_given_names(records: list[Record]) -> frozenset[str]:
    """First given names (folded) of at least two riders, from splits the sources make plain."""
    count: Counter = Counter()
    for record in records:
        count.update({words_of(g)[0] for g, _ in record.reliable if words_of(g)})
    return frozenset(name for name, n in count.items() if n >= GIVEN_NAME_MIN_RIDERS)


def _ordered(records: list[Record], members: list[int]) -> list[Record]:
    return sorted((records[i] for i in members), key=lambda r: (PRIORITY[r.source], r.ident))


def _resplit(name: str, like: tuple[str, str]) -> tuple[str, str] | None:
    """`name` split where `like`, the same name in another spelling, is split."""
    words, given_words = name.split(), len(like[0].split())
    if len(words) != len(like[0].split()) + len(like[1].split()):
        return None
    return " ".join(words[:given_words]), " ".join(words[given_words:])


def _canonical_split(ordered: list[Record]) -> tuple[tuple[str, str], bool]:
    """The best-ranked record's name, split where a source that prints the split splits it.

    True beside it when the split is printed so (UCI capitals, a PCS list name and its slug),
    False when it is only the "Given Surname" heuristic.
    """
    best = ordered[0].splits[0]
    name = full_name(*best)
    key = name_key(name)
    for record in ordered:
        for split in record.reliable:
            if name_key(full_name(*split)) == key:
                return _resplit(name, split) or split, True
    return best, False


def _choose(values: list, default=None):
    """The most frequent value, the first listed among equals."""
    if not values:
        return default
    count = Counter(values)
    return max(values, key=lambda v: (count[v], -values.index(v)))


def _nationality(ordered: list[Record]) -> str | None:
    dated = [(max(r.seasons, default=0), -PRIORITY[r.source], r.nationality) for r in ordered if r.nationality]
    return max(dated)[2] if dated else None


def _birth_year(ordered: list[Record]) -> int | None:
    exact = [r.birth for r in ordered if r.birth and r.birth_exact]
    return _choose(exact) or _choose([r.birth for r in ordered if r.birth])


def _names(canonical: str, canonical_split: tuple[str, str], reliable: bool, ordered: list[Record],
           nationality: str | None, given_names: frozenset[str]) -> tuple[str, ...]:
    """Every written form, one per folded spelling, the best-ranked source's spelling kept."""
    forms = [canonical]
    if reliable:
        forms.append(surname_given(*canonical_split))
    forms += short_forms(*canonical_split, nationality, given_names)
    surname_head = fold(canonical_split[1].split()[0]) if canonical_split[1] else None
    for record in ordered:
        for given, surname in record.splits:
            forms.append(full_name(given, surname))
            # results tables print each of these surname first: "HIGUITA Sergio Andres"
            forms.append(surname_given(given, surname))
            for split in dict.fromkeys([(given, surname), _split_at_surname(given, surname, surname_head)]):
                if split is None:
                    continue
                for short in short_forms(*split, nationality, given_names):
                    forms += [short, surname_given(split[0], short.removeprefix(split[0]).strip())]
        forms += record.printed
    chosen: dict[str, str] = {}
    for form in forms:
        if form.strip():
            chosen.setdefault(fold(form), form)
    rest = sorted((f for k, f in chosen.items() if k != fold(canonical)), key=lambda f: (fold(f), f))
    return (canonical, *rest)


def _split_at_surname(given: str, surname: str, surname_head: str | None) -> tuple[str, str] | None:
    """A record's name split again where the rider's known surname starts: a source that read
    "RODRIGUEZ OLIVER Joaquin" as given "Joaquin Rodriguez", surname "Oliver" still gives the
    short form "Joaquin Rodriguez" of "Joaquin" + "Rodriguez Oliver"."""
    words = full_name(given, surname).split()
    at = next((k for k, w in enumerate(words) if k > 0 and fold(w) == surname_head), None)
    return None if at is None else (" ".join(words[:at]), " ".join(words[at:]))


def _entry_fields(persons: Persons, root: int, given_names: frozenset[str]) -> dict:
    ordered = _ordered(persons.records, persons.person[root].members)
    split, reliable = _canonical_split(ordered)
    name = full_name(*split)
    nationality = _nationality(ordered)
    genders = {r.gender for r in ordered if r.gender}  # one at most: merges need the same
    uci = sorted(((year, u) for r in ordered for u, year in r.uci_ids.items()), key=lambda p: (-p[0], p[1]))
    seasons = [s for r in ordered for s in r.seasons]
    return {
        "name": name,
        "names": _names(name, split, reliable, ordered, nationality, given_names),
        "attrs": {
            "given": split[0] or None,
            "surname": split[1] or None,
            "nationality": nationality,
            "birth_year": _birth_year(ordered),
            "gender": genders.pop() if len(genders) == 1 else None,
            "last_season": max(seasons) if seasons else None,
            "uci_id": uci[0][1] if uci else None,
            "pcs": next((r.pcs for r in ordered if r.pcs), None),
            "sources": sorted({r.source for r in ordered}),
        },
    }


def _written_form_pass(persons: Persons, given_names: frozenset[str]) -> None:
    """`written_form`: persons with the same birth year and nationality that news would write the
    same way are one when nothing else says they are two. The UCI re-registers riders under a
    new ID with their second surname ("Isaac Morera" / "Isaac Morera Avila"), so two UCI IDs do
    not count against it here."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for root in persons.roots():
        fields = _entry_fields(persons, root, given_names)
        attrs = fields["attrs"]
        if attrs["birth_year"] is None or attrs["nationality"] is None:
            continue
        for form in fields["names"]:
            if len(form.split()) >= 2:
                groups[(name_key(form), attrs["birth_year"], attrs["nationality"])].append(root)
    for roots in groups.values():
        roots = sorted({persons.find(r) for r in roots})
        people = [persons.person[r] for r in roots]
        if len(roots) > 1 and all(
            compatible(a, b, need_births=True, uci_duplicates=True) for i, a in enumerate(people) for b in people[i + 1 :]
        ):
            for other in roots[1:]:
                persons.union(roots[0], other, "written_form")


def _similar_name_pass(persons: Persons) -> None:
    """`similar_name`: two spellings of one name ("Alexandr Vinokurov" / "Alexandre Vinokourov",
    "Joaquin" / "Joaquim Rodriguez Oliver"): full names at least SIMILAR_NAME_SCORE alike
    (rapidfuzz ratio) and at most two letters apart, initials alike, nothing against it, and at
    least one birth year known; a person with several such matches is left alone."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    blocks: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for root in persons.roots():
        for key in persons.person[root].keys:
            words = key.split()
            if len(words) >= 2 and len(key) >= MIN_SIMILAR_NAME_LENGTH:
                blocks[(words[0][:1], words[-1][:3])].append((key, root))
    matches: dict[int, set[int]] = defaultdict(set)
    for members in blocks.values():
        for i, (key, root) in enumerate(members):
            for other_key, other in members[i + 1 :]:
                if (
                    root != other and key != other_key and fuzz.ratio(key, other_key) >= SIMILAR_NAME_SCORE
                    and Levenshtein.distance(key, other_key) <= MAX_SIMILAR_NAME_EDITS
                ):
                    matches[root].add(other)
                    matches[other].add(root)

    def fits(a: int, b: int) -> bool:
        x, y = persons.person[a], persons.person[b]
        return bool(x.birth_range or y.birth_range) and compatible(x, y, need_births=False)

    fitting = {root: {o for o in others if fits(root, o)} for root, others in matches.items()}
    for root, others in sorted(fitting.items()):
        if len(others) == 1:
            other = next(iter(others))
            if fitting.get(other) == {root} and root < other:
                persons.union(root, other, "similar_name")


def _assign_ids(fields: list[dict]) -> list[str]:
    """"rider:" + slug of the name; "-<birth year>" (then "-2", "-3") where persons share it."""
    base = [f"rider:{slug(f['name'])}" for f in fields]
    shared = Counter(base)
    ids = []
    for b, f in zip(base, fields):
        year = f["attrs"]["birth_year"]
        ids.append(f"{b}-{year}" if shared[b] > 1 and year else b)
    taken = Counter(ids)
    order = sorted(range(len(fields)), key=lambda i: (ids[i], _stable_key(fields[i])))
    seen: Counter = Counter()
    for i in order:
        if taken[ids[i]] > 1:
            seen[ids[i]] += 1
            if seen[ids[i]] > 1:
                ids[i] = f"{ids[i]}-{seen[ids[i]]}"
    return ids


def _stable_key(f: dict) -> tuple:
    attrs = f["attrs"]
    return (attrs["uci_id"] or "", attrs["pcs"] or "", attrs["birth_year"] or 0, attrs["nationality"] or "",
            tuple(attrs["sources"]), f["names"])


def read_with_stats(data_dir: Path) -> tuple[list[Entry], Stats]:
    """`read`, and what it did."""
    stats = Stats()
    records: list[Record] = []
    for reader in READERS:
        found = reader(data_dir)
        stats.records.update(r.source for r in found)
        records += found
    persons = merge(records)
    given_names = known_given_names(records)
    _written_form_pass(persons, given_names)
    _similar_name_pass(persons)
    stats.log = persons.log
    stats.merges.update(rule for rule, _, other in persons.log if other)
    for root in persons.dropped:
        stats.dropped.update(persons.records[i].source for i in persons.person[root].members)
    fields = [_entry_fields(persons, root, given_names) for root in persons.roots()]
    entries = [
        Entry(id=entity_id, label="RIDER", name=f["name"], names=f["names"], attrs=f["attrs"])
        for entity_id, f in zip(_assign_ids(fields), fields)
    ]
    entries.sort(key=lambda e: e.id)
    for entry in entries:
        stats.entries_by_source.update(entry.attrs["sources"])
    return entries, stats


def read(data_dir: Path, manual_dir: Path | None = None) -> list[Entry]:
    """Every rider of the data sets active from 2005 on, one entry per person, sorted by id.

    (`manual_dir` is not read here: the build merges the hand table of riders into these.)
    """
    return read_with_stats(data_dir)[0]
