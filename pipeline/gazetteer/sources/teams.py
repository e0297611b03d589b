"""Teams of the public data sets: one entry per lineage, a team through its sponsor changes.

News names a team by the sponsors of the day ("Team Sky", "INEOS Grenadiers"), so every name a
team raced under has to lead to one id. The data sets know a team only season by season:

- UCI ranking exports (psemdel_uci_rankings, 2009-2022): team code and name per season, men
  and women, and the team code of every ranked rider;
- FirstCycling (cyclingchaos_firstcycling, 2023-2024): names and divisions per season, and the
  2023 start lists (rider -> team);
- PCS (josselingirault_pcs, 2012-2019): team slugs per season and riders' 2018/2019 teams;
  seanhardison1_pcs adds riders' 2020 teams (both written as the teams write themselves);
- the Tour de France and Tour de France Femmes finishers (letourdataset, 2009-2026);
- patterns/manual/team_names.jsonl: names after the data ends, by hand.

Each team-season of each source becomes a `Season`. Seasons are joined into lineages, the
strongest evidence first, and two seasons of one source and year (two teams) or of men and
women are never joined; the method of each join is counted:

1. `hand`: renames and licence histories the data cannot link (`HAND_LINKS`);
2. `same-season`: one team in two sources of one year: shared riders, else equal names;
3. `name`: the same name the next season, unless the riders went elsewhere (`roster_moved`:
   the feeder team that kept the name of Israel Cycling Academy);
4. `uci-code`: the same UCI code the next season, when the names share a sponsor or the
   rosters overlap, unless the riders went elsewhere (codes are reused: BOA was Radio Popular,
   then Bora-Argon 18; CCC Team 2019 is BMC's roster under CCC Sprandi Polkowice's code);
5. `riders`: most of a roster carried into the next season (mutual best match);
6. `pcs-slug`: the same PCS slug stem in consecutive seasons;
7. `same-season` again for seasons riders could not place, by shared sponsor words;
8. `name` again across lineages: a shared distinctive sponsor the next season, or the same
   name after a few seasons missing from the data.

Then the hand table's names join their lineages (`hand-name`) and pass 8 runs once more.

A lineage is what news means by "the team": usually the UCI licence through its sponsors, but
when a licence was sold to another team's owners, the lineage follows the riders and staff,
as the teams' own histories do (see `HAND_LINKS` for the choices).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ...text.fold import fold, name_key, slug
from ..kb import Entry, read_jsonl
from .countries import ioc_code

UCI_DIR = "psemdel_uci_rankings"
FC_DIR = "cyclingchaos_firstcycling"
PCS_DIR = "josselingirault_pcs"
PCS_2020_DIR = "seanhardison1_pcs"
TOUR_DIR = "letourdataset"
def _manual_dir(manual_dir: Path | None) -> Path:
    from .. import default_patterns_dir

    return Path(manual_dir) if manual_dir else default_patterns_dir() / "manual"
FIRST_SEASON = 2009

# Sources in the order their spelling of a name is trusted: hand tables, then sources written
# as the teams write themselves, then the all-capitals ranking and Tour lists.
HAND, FIRSTCYCLING, PCS_RIDERS, PCS_SLUGS, TOUR, UCI = "hand", "firstcycling", "pcs", "pcs-slug", "tour", "uci"
SOURCE_RANK = {HAND: 0, FIRSTCYCLING: 1, PCS_RIDERS: 2, TOUR: 3, UCI: 4, PCS_SLUGS: 5}
TRUSTED_SOURCES = frozenset({HAND, FIRSTCYCLING, PCS_RIDERS})  # names as the teams write them

WORLD_TEAM, PRO_TEAM, PRO_CONTINENTAL, CONTINENTAL = "WorldTeam", "ProTeam", "ProContinental", "Continental"

# Words that say what a team is, not whose it is: they never link two teams and are never a
# short form on their own.
GENERIC_WORDS = frozenset(
    """team teams pro procycling cycling cyclingteam racing race professional continental conti club
    equipo equipe squadra ciclismo cycliste cyclisme wielerploeg radsport rad of the and by pb p b
    women womens woman ladies feminin femenino femminile development devo u23 u19 junior juniors academy
    elite sport sports cc ct ac asd gs vc uc sc a de del della des di do dos du e el en et la le les to y""".split()
)
# A team with one of these words is a feeder team (and, among men's teams, one with a women's
# word a women's team): it never continues a team without it (Jumbo-Visma Development Team is
# not Jumbo-Visma).
FEEDER_WORDS = frozenset("development devo u23 u19 junior juniors academy conti continental".split())
WOMEN_WORDS = frozenset("women womens woman ladies feminin femenino femminile".split())

# Words of three letters or fewer that are words, not acronyms ("Big Mat", "Tre Colli").
SHORT_WORDS = frozenset("air big box dos eco fan for gas lab lee max new one oro pro red san sky tre top van vie vin".split())

# Capitalised words that stay lower case inside a name ("Caisse d'Epargne", "Amore e Vita").
LOWER_WORDS = frozenset("a and by de del della des di do dos du e el en et la le les of p/b pb the van von y zu".split())

# Lead sponsors that are no short form on their own (compared as name keys): common words,
# and places (regions, cities) that race reports name on their own. Countries are checked
# in the code (countries.ioc_code).
NOT_SHORT_FORMS = frozenset(
    """acqua ag aqua bank big bike black cafe caisse caja champion coop cult direct dimension drone energy
    francaise giant green human novo omega one pinarello planet pomme project quick red rosa sd serramenti
    silence solution soul sport st stade total type uno velo vf vini vital wb
    almaty bretagne burgos charente euskadi flanders marseille poitou provence swiss tashkent terengganu
    vienne vlaanderen wallonie""".split()
) | {"charente maritime"}


# (gender, season, name) -> (gender, season, name): seasons of one team that the data cannot
# link, because the riders changed with the licence or the name shares no sponsor. Each line
# says why; names are as one of the sources writes them (compared folded).
# Choices left to the data, on purpose: Katusha's WorldTour licence went to Israel Start-Up
# Nation for 2020 and CCC's to Intermarché-Wanty-Gobert for 2021, but riders, staff and the
# teams' own histories continue Israel Cycling Academy and Circus-Wanty Gobert, so Katusha and
# CCC Team end in 2019 and 2020. Lotto Intermarché (2026, Lotto's and Intermarché-Wanty's
# merger) continues Lotto by the name rule (no Tour finisher links either team; which licence
# it races on is not in the data). Liv AlUla Jayco (2024) continues Liv Racing by the riders.
HAND_LINKS: tuple[tuple[tuple[str, int, str], tuple[str, int, str], str], ...] = (
    (("men", 2014, "Belkin Pro Cycling"), ("men", 2015, "Team Lotto NL - Jumbo"),
     "Rabobank's licence (Blanco, Belkin) passed to LottoNL-Jumbo, today Visma | Lease a Bike"),
    (("men", 2016, "Lampre-Merida"), ("men", 2017, "UAE Team Emirates"),
     "Lampre's licence was taken over by the UAE sponsors for 2017"),
    (("men", 2013, "Blanco Pro Cycling Team"), ("men", 2013, "Belkin Pro Cycling"),
     "Rabobank's team raced as Blanco until Belkin came in mid-2013 (PCS has only the Blanco slug)"),
    (("men", 2018, "Team Sky"), ("men", 2019, "Team INEOS"), "INEOS bought Team Sky in May 2019"),
    (("men", 2010, "Team Saxo Bank"), ("men", 2011, "Saxo Bank Sungard"),
     "Riis kept his licence in 2011 (Saxo Bank-SunGard, later Tinkoff); the Schlecks took riders to the new Leopard Trek"),
    (("women", 2022, "Roland Cogeas Edelweiss Squad"), ("women", 2023, "Israel-Premier Tech Roland"),
     "Israel-Premier Tech became title sponsor of the Roland Cogeas team for 2023 (Roland again from 2024)"),
    (("men", 2018, "BMC Racing Team"), ("men", 2019, "CCC Team"),
     "Continuum Sports kept BMC's licence for CCC Team (2019-2020); CCC Sprandi Polkowice became CCC's feeder team"),
    (("men", 2010, "Garmin - Transitions"), ("men", 2011, "Team Garmin - Cervelo"),
     "Slipstream's licence absorbed Cervélo TestTeam in 2011; Cervélo's licence ended"),
    (("men", 2014, "Garmin - Sharp"), ("men", 2015, "Team Cannondale - Garmin"),
     "Slipstream's licence absorbed Cannondale (ex-Liquigas) in 2015; Cannondale's licence ended"),
    (("men", 2016, "Cannondale Drapac Team"), ("men", 2017, "Cannondale Drapac Professional Cycling Team"),
     "Slipstream (Cannondale) merged with Drapac in 2017; Slipstream kept its licence, today EF"),
    (("men", 2011, "Team Leopard-Trek"), ("men", 2012, "Radioshack-Nissan"),
     "Leopard's licence absorbed RadioShack in 2012 (RadioShack-Nissan-Trek), today Lidl-Trek"),
    (("men", 2020, "NTT Pro Cycling"), ("men", 2021, "Team Qhubeka Nexthash"),
     "Douglas Ryder's team (MTN-Qhubeka, Dimension Data, NTT) kept its WorldTeam licence as Team Qhubeka Assos / NextHash in 2021"),
)

# Ids that the hand table patterns/manual/teams.jsonl already uses, by one season of the lineage.
KNOWN_IDS: dict[str, tuple[str, int, str]] = {
    "team:astana": ("men", 2019, "Astana Pro Team"),
    "team:bahrain": ("men", 2019, "Bahrain - Merida"),
    "team:visma": ("men", 2022, "Jumbo-Visma"),
    "team:bora": ("men", 2022, "Bora - Hansgrohe"),
    "team:ineos": ("men", 2018, "Team Sky"),
    "team:cofidis": ("men", 2022, "Cofidis"),
    "team:lotto": ("men", 2019, "Lotto Soudal"),
    "team:uae": ("men", 2022, "UAE Team Emirates"),
    "team:uno-x": ("men", 2022, "Uno-X Pro Cycling Team"),
    "team:bingoal": ("men", 2022, "Bingoal Pauwels Sauces WB"),
    "team:kern-pharma": ("men", 2024, "Equipo Kern Pharma"),
    "team:burgos-bh": ("men", 2022, "Burgos-BH"),
    "team:terengganu": ("men", 2020, "Terengganu Inc. TSG Cycling Team"),
    "team:ukyo": ("men", 2019, "Team Ukyo"),
    "team:quick-step": ("men", 2022, "Quick-Step Alpha Vinyl Team"),
    "team:movistar": ("men", 2022, "Movistar Team"),
    "team:alpecin": ("men", 2022, "Alpecin-Deceuninck"),
    "team:trek": ("men", 2019, "Trek - Segafredo"),
    "team:sd-worx": ("women", 2022, "Team SD Worx"),
}

# FirstCycling's division labels are shifted in these exports (the 2023 "World Tour" list holds
# the 18 ProTeams, the 2024 "Women's Conti" list the 15 Women's WorldTeams): the label of each
# file and year, mapped to what the teams under it are. Labels not listed are amateur, club
# and junior teams, left out.
FC_DIVISIONS: dict[tuple[int, str], tuple[str, str]] = {
    (2023, "UCI Men's World Tour"): ("men", PRO_TEAM),
    (2023, "UCI Men's Pro Conti"): ("men", CONTINENTAL),
    (2023, "Men's Junior"): ("women", CONTINENTAL),
    (2023, "Women's World Tour"): ("women", WORLD_TEAM),
    (2024, "UCI Men's World Tour"): ("men", WORLD_TEAM),
    (2024, "UCI Men's Pro Conti"): ("men", PRO_TEAM),
    (2024, "Men's Conti"): ("men", CONTINENTAL),
    (2024, "Men's Amateur"): ("women", CONTINENTAL),
    (2024, "Women's Conti"): ("women", WORLD_TEAM),
}


# --------------------------------------------------------------------------------------------
# Seasons


Rider = frozenset  # the folded words of a rider's name, in any order ("POGAČAR Tadej" = "Tadej Pogacar")


@dataclass
class Season:
    """One team in one season as one source records it."""

    key: str
    source: str
    gender: str
    year: int
    names: list[str] = field(default_factory=list)
    riders: set[Rider] = field(default_factory=set)
    code: str | None = None
    division: str | None = None
    country: str | None = None
    slug_stem: str | None = None
    index: dict[str, list[Rider]] | None = field(default=None, repr=False, compare=False)


def rider_key(name: str) -> Rider:
    return frozenset(w for w in name_key(name).split() if len(w) > 1)


def clean_name(name: str) -> str:
    """A team name as printed, without the noise of the exports: HTML entities, doubled spaces,
    a trailing asterisk, a truncated last word ("AMORE E VITA | P:")."""
    name = html.unescape(name).replace("\u00a0", " ").strip()
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"\s*\*+$", "", name)
    name = re.sub(r"\s*[|/-]?\s*\S{0,3}:$", "", name)
    name = " ".join(TYPOS.get(word, word) for word in name.split(" "))
    return name.strip(" -|/,")


# Misspelt words of the exports ("RABOBANK WOMEN CYCLNG TEAM", "BEST PC ECUAD0R").
TYPOS = {"CYCLNG": "CYCLING", "ECUAD0R": "ECUADOR"}


def _csv_rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in rows]


_UCI_FILE = re.compile(
    r"^(UWT|WR|WWT|UCIranking|Africa|America|Asia|Europe|Oceania)(?:Ranking)?(\d{4})(man)?(team)?(man)?\.csv$"
)
_CONTINENTAL_KINDS = frozenset({"Africa", "America", "Asia", "Europe", "Oceania"})


def _uci_file(path: Path) -> tuple[str, int, str, bool] | None:
    """(kind, year, gender, is a team ranking) of a ranking export, None for other files."""
    match = _UCI_FILE.match(path.name)
    if not match:
        return None
    kind, year, man1, team, man2 = match.groups()
    gender = "women" if kind in ("WWT", "UCIranking") and not (man1 or man2) else "men"
    return kind, int(year), gender, bool(team)


def uci_seasons(data_dir: Path) -> list[Season]:
    """Team-seasons of the UCI rankings, with their ranked riders.

    One code in one season can carry two teams (2009 KAT: Team Katusha in the WorldTour list,
    Katyusha Continental Team in the Europe Tour list), so names under one code that share no
    sponsor word become separate seasons, each with the riders of its own ranking files.
    A men's team ranked in the world-level list and in no continental list is a WorldTeam
    (continental rankings are for the teams below it); one in the WorldTour list (to 2018) and
    in a continental list is a ProContinental team; other divisions are not in the data.
    """
    folder = data_dir / UCI_DIR
    names: dict[tuple[str, int, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    countries: dict[tuple[str, int, str], Counter[str]] = defaultdict(Counter)
    riders: dict[tuple[str, int, str], dict[str, set[Rider]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(folder.glob("*.csv")):
        parsed = _uci_file(path)
        if not parsed:
            continue
        kind, year, gender, is_team = parsed
        for row in _csv_rows(path):
            code = row.get("Team Code", "").upper()
            if not code:
                continue
            key = (gender, year, code)
            if is_team:
                name = clean_name(row.get("Name", ""))
                if name:
                    names[key][name].add(kind)
                    countries[key][row.get("Nationality", "")] += 1
            elif row.get("Name"):
                riders[key][kind].add(rider_key(row["Name"]))
    seasons: list[Season] = []
    for key in sorted(names):
        gender, year, code = key
        for group in _name_groups(names[key]):
            kinds = set().union(*(names[key][n] for n in group))
            season = Season(f"uci:{gender}:{year}:{code}:{slug(group[0])}", UCI, gender, year, list(group), code=code)
            season.riders = set().union(*(riders[key].get(k, set()) for k in sorted(kinds)))
            season.country = countries[key].most_common(1)[0][0] if countries[key] else None
            if gender == "men" and kinds & {"UWT", "WR"} and not kinds & _CONTINENTAL_KINDS:
                season.division = WORLD_TEAM
            elif gender == "men" and "UWT" in kinds:
                season.division = PRO_CONTINENTAL  # WorldTour points and continental ones: a wildcard
            elif gender == "women" and year < 2020:
                season.division = CONTINENTAL  # one tier of UCI Women's Teams before the WorldTeams of 2020
            seasons.append(season)
    return seasons


def _name_groups(names: Iterable[str]) -> list[list[str]]:
    """Names that share a sponsor word, grouped; each group sorted."""
    groups: list[tuple[set[str], list[str]]] = []
    for name in sorted(names):
        words = sponsor_words(name)
        for group_words, group in groups:
            if group_words & words or not words:
                group.append(name)
                group_words |= words
                break
        else:
            groups.append((set(words), [name]))
    return [group for _, group in groups]


def tour_seasons(data_dir: Path) -> list[Season]:
    """Team-seasons of the Tour de France (men) and Tour de France Femmes, with their finishers."""
    seasons: dict[tuple[str, int, str], Season] = {}
    for filename, gender in (("TDF_Riders_History.csv", "men"), ("TDFF_Riders_History.csv", "women")):
        path = data_dir / TOUR_DIR / filename
        if not path.exists():
            continue
        for row in _csv_rows(path):
            year = int(row["Year"])
            team = clean_name(row.get("Team", ""))
            if year < FIRST_SEASON or not team or re.match(r"^TDF\b", team) or "***" in team:
                continue
            key = (gender, year, name_key(team))
            if key not in seasons:
                seasons[key] = Season(f"tour:{gender}:{year}:{slug(team)}", TOUR, gender, year, [team])
            seasons[key].riders.add(rider_key(row["Rider"]))
    return [seasons[k] for k in sorted(seasons)]


def firstcycling_seasons(data_dir: Path) -> list[Season]:
    """Team-seasons of FirstCycling 2023-2024 (see FC_DIVISIONS), with the 2023 start lists.

    The 2023 list lacks the men's WorldTeams; their start-list ids have riders but no name, and
    get their name from the Tour team they are linked to (or are dropped).
    """
    folder = data_dir / FC_DIR
    seasons: dict[str, Season] = {}
    for year in (2023, 2024):
        path = folder / f"team_details_{year}.csv"
        if not path.exists():
            continue
        for row in _csv_rows(path):
            placed = FC_DIVISIONS.get((year, row.get("uci_division_name", "")))
            name = clean_name(row.get("team_name", ""))
            if placed and name:
                gender, division = placed
                key = f"fc:{year}:{row['first_cycling_team_id']}"
                seasons[key] = Season(key, FIRSTCYCLING, gender, year, [name], division=division)
    startlists = folder / "CyclingChaos_Startlists_raw.csv"
    if startlists.exists():
        unnamed: dict[str, Season] = {}
        for row in _csv_rows(startlists):
            team_id = row.get("first_cycling_team_id", "")
            if not team_id.isdigit() or row.get("season") != "2023":
                continue
            key = f"fc:2023:{team_id}"
            # An unnamed team's gender is decided by the Tour team it joins.
            season = seasons.get(key) or unnamed.setdefault(key, Season(key, FIRSTCYCLING, "any", 2023))
            season.riders.add(rider_key(row.get("first_cycling_rider_name", "")))
        seasons.update(unnamed)
    return [seasons[k] for k in sorted(seasons)]


def pcs_seasons(data_dir: Path) -> list[Season]:
    """PCS: team slugs per season (2012-2019) and riders' teams of 2018, 2019 and 2020."""
    out: list[Season] = []
    for path in sorted((data_dir / PCS_DIR / "team_urls").glob("team_urls_*.csv")):
        for row in _csv_rows(path):
            url = row.get("team_url", "")
            match = re.search(r"/team/(.+)-(\d{4})$", url)
            if match:
                stem, year = match.group(1), int(match.group(2))
                name = stem.replace("-", " ").upper()  # a name for the seasons no other source names
                out.append(Season(f"pcs-slug:{year}:{stem}", PCS_SLUGS, "men", year, [name], slug_stem=stem))
    rider_files = (
        (PCS_DIR, "RidersInfo2018.csv", 2018, "men", "Fullname", "Teamname"),
        (PCS_DIR, "rider_infos.csv", 2019, "men", "fullname", "team"),
        (PCS_2020_DIR, "rider_profiles_men.csv", 2020, "men", "rider", "current_team"),
        (PCS_2020_DIR, "rider_profiles_women.csv", 2020, "women", "rider", "current_team"),
    )
    for folder, filename, year, gender, rider_col, team_col in rider_files:
        path = data_dir / folder / filename
        if not path.exists():
            continue
        teams: dict[str, Season] = {}
        for row in _csv_rows(path):
            team = clean_name(row.get(team_col, ""))
            if not team or team.lower() in ("noteam", "na"):
                continue
            key = f"pcs:{gender}:{year}:{slug(team)}"
            season = teams.setdefault(name_key(team), Season(key, PCS_RIDERS, gender, year, [team]))
            season.riders.add(rider_key(row.get(rider_col, "")))
        out.extend(teams[k] for k in sorted(teams))
    return out


@dataclass(frozen=True)
class HandName:
    team: str
    name: str
    seasons: tuple[int, ...]
    source: str


def hand_names(manual_dir: Path | None = None) -> list[HandName]:
    """Names after the data ends (or that it lacks), from patterns/manual/team_names.jsonl."""
    path = _manual_dir(manual_dir) / "team_names.jsonl"
    out: list[HandName] = []
    for number, row in enumerate(read_jsonl(path), 1):
        try:
            out.append(HandName(row["team"], row["name"], tuple(int(s) for s in row["seasons"]), row["source"]))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}: row {number}: not a team name line: {error}") from error
    return out


def hand_spellings(manual_dir: Path | None = None) -> dict[str, dict]:
    """The hand table of teams by id: its names keep the teams' own stylisations."""
    return {f"team:{row['id']}": row for row in read_jsonl(_manual_dir(manual_dir) / "teams.jsonl")}


# --------------------------------------------------------------------------------------------
# Words of a name


@lru_cache(maxsize=None)
def sponsor_words(name: str) -> frozenset[str]:
    """The folded words that say whose team it is: "TEAM JUMBO - VISMA" -> {jumbo, visma}."""
    return frozenset(w for w in name_key(name).split() if w not in GENERIC_WORDS and not w.isdigit() and len(w) > 1)


@lru_cache(maxsize=None)
def lead_word(name: str) -> str | None:
    """The first sponsor word of a name: "TEAM JUMBO - VISMA" -> "jumbo"."""
    words = sponsor_words(name)
    return next((w for w in name_key(name).split() if w in words), None)


def is_feeder(name: str, gender: str = "men") -> bool:
    """A feeder team's name ("Development", "U23"; among men's teams also a women's team's)."""
    marks = FEEDER_WORDS if gender == "women" else FEEDER_WORDS | WOMEN_WORDS
    return bool(set(name_key(name).split()) & marks)


class Vocabulary:
    """How common each sponsor word is among the team names of one gender.

    Two names are alike when they share sponsor words that say whose team it is: the lead
    sponsor of either name, or a word few teams carry ("Kometa"). A bike brand many teams
    carry ("Merida": Lampre, Bahrain, Bliz, St George ...) links nothing on its own.
    """

    RARE = 6  # a word in at most this many distinct names (of one gender) is distinctive

    def __init__(self, seasons: Iterable[Season]) -> None:
        names: dict[str, set[str]] = defaultdict(set)
        for season in seasons:
            for name in season.names:
                names[season.gender].add(name_key(name))
        self.frequency: dict[str, Counter[str]] = {
            gender: Counter(w for key in keys for w in sponsor_words(key)) for gender, keys in names.items()
        }

    def similarity(self, a: str, b: str, gender: str) -> float:
        """Share of the sponsor words of the shorter name that the other has, at least 0.5 when
        both names lead with the same sponsor ("Corratec Selle Italia", "Team corratec - Vini
        Fantini"), plus small tie-breaks: a shared lead, and a tenth of the share of all their
        words; 0 when no shared word is distinctive, and between a feeder team and a first team."""
        wa, wb = sponsor_words(a), sponsor_words(b)
        if not wa or not wb or is_feeder(a, gender) != is_feeder(b, gender):
            return 0.0
        frequency = self.frequency.get(gender, Counter())
        leads = {lead_word(a), lead_word(b)}
        shared = wa & wb
        if not any(w in leads or frequency[w] <= self.RARE for w in shared):
            return 0.0
        score = len(shared) / min(len(wa), len(wb))
        if lead_word(a) == lead_word(b):  # and the lead sponsor breaks ties: NetApp-Endura is NetApp's
            score = max(score, 0.5) + 0.02
        return score + 0.1 * len(shared) / len(wa | wb)  # of two names with all words shared, the closer

    def best(self, names_a: Iterable[str], names_b: Iterable[str], gender: str) -> float:
        return max((self.similarity(x, y, gender) for x in names_a for y in names_b), default=0.0)


# --------------------------------------------------------------------------------------------
# Casing


def all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def word_lexicon(trusted: Iterable[str], untrusted: Iterable[str] = ()) -> dict[str, str]:
    """How the teams write each word: folded -> spelling.

    From names the teams wrote themselves (`trusted`: hand tables, FirstCycling, PCS), unless
    the whole name is in capitals; from the ranking and Tour lists only the
    words in mixed case ("ORICA GreenEDGE" -> "GreenEDGE"). The most frequent spelling wins,
    ties to the first in sorted order.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for names, mixed_only in ((trusted, False), (untrusted, True)):
        for name in names:
            if all_caps(name) or name == name.lower():
                continue
            for word in _WORDS.split(name):
                word = word.strip("().,")
                plain = word.isupper() or word.istitle() or word.islower()
                if word and any(c.isalpha() for c in word) and not (mixed_only and plain):
                    counts[fold(word)][word] += 1
    return {key: sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for key, forms in sorted(counts.items())}


_WORDS = re.compile(r"[\s\-–—|/,]+")


def case_word(word: str, first: bool, lexicon: dict[str, str]) -> str:
    """One word of a name in capitals, as the team would write it."""
    known = lexicon.get(fold(word))
    if known:
        return known[:1].upper() + known[1:] if first and known.lower() in LOWER_WORDS else known
    lower = word.lower()
    if lower in LOWER_WORDS and not first:
        return lower
    if "." in word.strip("."):
        return ".".join(case_word(part, first and i == 0, lexicon) for i, part in enumerate(word.split(".")))
    if any(c.isdigit() for c in word) or "&" in word:
        return word.upper()
    letters = [c for c in lower if c.isalpha()]
    if len(letters) <= 3 and lower not in SHORT_WORDS:
        return word.upper()  # an acronym: BMC, CMA CGM, EF
    if "'" in lower or "’" in lower:
        head, mark, tail = re.split(r"(['’])", lower, maxsplit=1)
        if len(head) == 1:  # d'Epargne, l'Aquila
            return (head.upper() if first else head) + mark + tail[:1].upper() + tail[1:]
        return head[:1].upper() + head[1:] + mark + tail
    return re.sub(r"[^\W\d_]", lambda m: m.group().upper(), lower, count=1)  # '"MARDAN"' -> '"Mardan"'


def proper_case(name: str, lexicon: dict[str, str]) -> str:
    """A name printed in capitals (or with words in capitals), in the case the team writes it.

    Words take the spelling of the lexicon (names the teams wrote themselves: "hansgrohe",
    "AlUla", "Intermarché"); unknown words are capitalised, short words without a vowel and
    words with digits stay in capitals (BMC, KTM, AG2R), particles go lower case ("d'Epargne").
    In a name in capitals, a dash with spaces around becomes a plain hyphen ("TEAM JUMBO - VISMA"
    -> "Team Jumbo-Visma"), as news writes it, and "P / B" becomes "p/b". Words already in
    mixed case are kept ("Team SAXO-TINKOFF" -> "Team Saxo-Tinkoff", "GreenEDGE" stays).
    """
    text = name
    if all_caps(name):
        text = re.sub(r"\s+[-–—]\s+", "-", text)
        text = re.sub(r"\bP\s*/\s*B\b", "p/b", text)
    out: list[str] = []
    for token in re.split(r"(\s+|//|\||,)", text):
        if not token or token.isspace() or token in ("//", "|", ",", "p/b"):
            out.append(token)
            continue
        first = not any(t.strip(" ,|/") for t in out)
        out.append("-".join(case_word(part, first and i == 0, lexicon) if all_caps(part) else part
                            for i, part in enumerate(token.split("-"))))
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Linking


class Lineages:
    """Union-find over seasons that never joins two seasons of one source and year (that would
    make two teams one) nor a men's and a women's season."""

    def __init__(self, seasons: Iterable[Season]) -> None:
        self.seasons = {s.key: s for s in seasons}
        self.parent = {key: key for key in self.seasons}
        self.slots: dict[str, set[tuple[str, int]]] = {key: {(s.source, s.year)} for key, s in self.seasons.items()}
        self.genders: dict[str, set[str]] = {key: {s.gender} - {"any"} for key, s in self.seasons.items()}
        self.members: dict[str, list[str]] = {key: [key] for key in self.seasons}
        self.methods: Counter[str] = Counter()

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def can_join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or len(self.genders[ra] | self.genders[rb]) > 1:
            return False
        return not self.slots[ra] & self.slots[rb]

    def add(self, season: Season) -> None:
        self.seasons[season.key] = season
        self.parent[season.key] = season.key
        self.slots[season.key] = {(season.source, season.year)}
        self.genders[season.key] = {season.gender} - {"any"}
        self.members[season.key] = [season.key]

    def join(self, a: str, b: str, method: str) -> bool:
        if not self.can_join(a, b):
            return False
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra
        self.slots[ra] |= self.slots.pop(rb)
        self.genders[ra] |= self.genders.pop(rb)
        self.members[ra] += self.members.pop(rb)
        self.methods[method] += 1
        return True

    def season_of(self, key: str, year: int) -> list[Season]:
        """The seasons of `key`'s lineage so far in one year."""
        return [self.seasons[k] for k in self.members[self.find(key)] if self.seasons[k].year == year]

    def groups(self) -> list[list[Season]]:
        members: dict[str, list[Season]] = defaultdict(list)
        for key in sorted(self.seasons):
            members[self.find(key)].append(self.seasons[key])
        return [members[k] for k in sorted(members)]


def _word_index(season: Season) -> dict[str, list[Rider]]:
    if season.index is None:
        season.index = defaultdict(list)
        for rider in season.riders:
            for word in rider:
                season.index[word].append(rider)
    return season.index


def shared_riders(a: Season, b: Season) -> int:
    """Riders of the smaller roster found in the other: the same words, or one name's words
    inside the other's ("JONAS VINGEGAARD HANSEN" = "VINGEGAARD Jonas")."""
    small, large = sorted((a, b), key=lambda s: (len(s.riders), s.key))
    exact = small.riders & large.riders
    index = _word_index(large)
    count = len(exact)
    for rider in small.riders - exact:
        candidates = {other for word in rider for other in index.get(word, ())}
        if any(len(rider & other) >= 2 and (rider <= other or other <= rider) for other in candidates):
            count += 1
    return count


def _overlaps(left: list[Season], right: list[Season]) -> dict[tuple[str, str], int]:
    """Shared riders of every pair with at least one rider's surname-or-name word in common."""
    index: dict[str, set[str]] = defaultdict(set)
    for season in right:
        for word in _word_index(season):
            index[word].add(season.key)
    by_key = {s.key: s for s in right}
    out: dict[tuple[str, str], int] = {}
    for a in left:
        candidates: Counter[str] = Counter(k for word in _word_index(a) for k in index.get(word, ()))
        for key, common in sorted(candidates.items()):
            if common >= 2:
                n = shared_riders(a, by_key[key])
                if n:
                    out[(a.key, key)] = n
    return out


def rider_matches(left: list[Season], right: list[Season], min_shared: int, min_share: float) -> list[tuple[Season, Season]]:
    """Pairs whose rosters overlap most for both (mutual best, no tie), with at least
    `min_shared` riders and `min_share` of the smaller roster."""
    overlaps = _overlaps(left, right)
    best_left: dict[str, list[tuple[int, str]]] = defaultdict(list)
    best_right: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (ka, kb), n in overlaps.items():
        best_left[ka].append((n, kb))
        best_right[kb].append((n, ka))
    lefts, rights = {s.key: s for s in left}, {s.key: s for s in right}
    out = []
    for (ka, kb), n in sorted(overlaps.items()):
        top_left = max(m for m, _ in best_left[ka])
        top_right = max(m for m, _ in best_right[kb])
        unique = [m for m, _ in best_left[ka]].count(n) == 1 and [m for m, _ in best_right[kb]].count(n) == 1
        smaller = min(len(lefts[ka].riders), len(rights[kb].riders))
        if n == top_left == top_right and unique and n >= min_shared and n >= min_share * smaller:
            out.append((lefts[ka], rights[kb]))
    return out


def _by_year(seasons: Iterable[Season], source: str) -> dict[tuple[str, int], list[Season]]:
    out: dict[tuple[str, int], list[Season]] = defaultdict(list)
    for season in seasons:
        if season.source == source:
            out[(season.gender, season.year)].append(season)
    return out


def _find_season(seasons: Iterable[Season], gender: str, year: int, name: str) -> Season:
    """The season of that gender and year with that name, preferring the ranking lists."""
    key = name_key(name)
    found = [s for s in seasons if s.gender == gender and s.year == year and any(name_key(n) == key for n in s.names)]
    if not found:
        raise ValueError(f"no {gender} season {year} named {name!r} in the data")
    return min(found, key=lambda s: (SOURCE_RANK[s.source], s.key))


def link_hand(lineages: Lineages) -> None:
    seasons = list(lineages.seasons.values())
    for (ga, ya, na), (gb, yb, nb), _why in HAND_LINKS:
        lineages.join(_find_season(seasons, ga, ya, na).key, _find_season(seasons, gb, yb, nb).key, "hand")


def link_same_season(lineages: Lineages) -> None:
    """One team in two sources of one year: by riders (Tour, PCS and start lists against the
    rankings), else by equal names where each source has one team of that name."""
    seasons = list(lineages.seasons.values())
    uci, tour, pcs = (_by_year(seasons, s) for s in (UCI, TOUR, PCS_RIDERS))
    fc = [s for s in seasons if s.source == FIRSTCYCLING]
    for (gender, year), teams in sorted(tour.items()):
        starters = [s for s in fc if s.year == year and s.gender in (gender, "any")]
        for other in (uci.get((gender, year), []), starters):
            for a, b in rider_matches(teams, other, 2, 0.5):
                lineages.join(a.key, b.key, "same-season")
    for (gender, year), teams in sorted(pcs.items()):
        for a, b in rider_matches(teams, uci.get((gender, year), []), 2, 0.5):
            lineages.join(a.key, b.key, "same-season")
    by_name: dict[tuple[str, int, str], list[Season]] = defaultdict(list)
    for season in seasons:
        for key in sorted({name_key(n) for n in season.names}):
            by_name[(season.gender, season.year, key)].append(season)
    for _key, group in sorted(by_name.items()):
        if max(Counter(s.source for s in group).values()) > 1:
            continue  # two teams of one source share the name (Movistar and its feeder team): riders decide
        group = sorted(group, key=lambda s: (SOURCE_RANK[s.source], s.key))
        for other in group[1:]:
            lineages.join(group[0].key, other.key, "same-season")


ROSTER_SOURCES = frozenset({UCI, PCS_RIDERS, FIRSTCYCLING})  # full rosters; the Tour has finishers only


@dataclass
class Flows:
    """Where each roster's riders came from (the season before) and went (the season after):
    key -> (key of the best match, shared riders)."""

    previous: dict[str, tuple[str, int]]
    following: dict[str, tuple[str, int]]

    @classmethod
    def of(cls, seasons: Iterable[Season]) -> "Flows":
        by_year: dict[int, list[Season]] = defaultdict(list)
        for season in seasons:
            if season.source in ROSTER_SOURCES and season.riders:
                by_year[season.year].append(season)
        previous: dict[str, tuple[str, int]] = {}
        following: dict[str, tuple[str, int]] = {}
        for year, teams in sorted(by_year.items()):
            overlaps = _overlaps(by_year.get(year - 1, []), teams)
            for (ka, kb), n in sorted(overlaps.items(), key=lambda kv: (-kv[1], kv[0])):
                previous.setdefault(kb, (ka, n))
                following.setdefault(ka, (kb, n))
        return cls(previous, following)


def roster_moved(lineages: Lineages, a: str, b: str, flows: Flows) -> bool:
    """Whether the riders show that `b` does not continue `a` although a name or code says so:
    `b`'s roster came from another team (Mitchelton-Scott 2018 is Orica-Scott's roster, not the
    continental Mitchelton-Scott's of 2017), or, the season after, `a`'s roster went to another
    team (Israel Cycling Academy 2019 became Israel Start-Up Nation; its feeder team kept the
    name). "Another team" shares at least twice the riders the two do, 3, and a quarter of the
    roster."""
    year_a, year_b = lineages.seasons[a].year, lineages.seasons[b].year
    rosters_a = [s for s in lineages.season_of(a, year_a) if s.source in ROSTER_SOURCES and s.riders]
    rosters_b = [s for s in lineages.season_of(b, year_b) if s.source in ROSTER_SOURCES and s.riders]
    mine = max((shared_riders(x, y) for x in rosters_a for y in rosters_b), default=0) if year_b - year_a == 1 else 0
    moves = [(y, flows.previous.get(y.key), a) for y in rosters_b]
    if year_b - year_a == 1:
        moves += [(x, flows.following.get(x.key), b) for x in rosters_a]
    for roster, flow, other in moves:
        if not flow or lineages.find(flow[0]) == lineages.find(other):
            continue
        smaller = min(len(roster.riders), len(lineages.seasons[flow[0]].riders))
        if flow[1] >= max(3, 0.25 * smaller, 2 * mine):
            return True
    return False


def link_same_names(lineages: Lineages, flows: Flows) -> None:
    """The same name in consecutive seasons, where each source has one team of that name a
    year, unless the riders moved elsewhere (`roster_moved`)."""
    by_name: dict[tuple[str, str], dict[int, list[Season]]] = defaultdict(lambda: defaultdict(list))
    for season in lineages.seasons.values():
        for key in sorted({name_key(n) for n in season.names}):
            by_name[(season.gender, key)][season.year].append(season)
    for _name, years in sorted(by_name.items()):
        for year in sorted(years):
            now, following = years[year], years.get(year + 1, [])
            if not following or _repeats_a_source(now) or _repeats_a_source(following):
                continue
            a, b = min(now, key=_trust), min(following, key=_trust)
            if not roster_moved(lineages, a.key, b.key, flows):
                lineages.join(a.key, b.key, "name")


def _repeats_a_source(seasons: list[Season]) -> bool:
    return len({s.source for s in seasons}) < len(seasons)


def _trust(season: Season) -> tuple[int, str]:
    return (SOURCE_RANK[season.source], season.key)


def link_uci_codes(lineages: Lineages, vocabulary: Vocabulary, flows: Flows) -> None:
    """The same code in consecutive ranked seasons (a gap of one season allowed), when the
    names share a sponsor or the rosters overlap, unless the riders moved elsewhere
    (`roster_moved`: CCC Team 2019 is BMC's roster under CCC Sprandi Polkowice's code)."""
    by_code: dict[tuple[str, str], list[Season]] = defaultdict(list)
    for season in lineages.seasons.values():
        if season.source == UCI:
            by_code[(season.gender, season.code or "")].append(season)
    for (gender, _code), coded in sorted(by_code.items()):
        coded.sort(key=lambda s: (s.year, s.key))
        years = {s.year for s in coded}
        for a in coded:
            for b in coded:
                gap = b.year - a.year
                if not (gap == 1 or (gap == 2 and a.year + 1 not in years)):
                    continue
                if roster_moved(lineages, a.key, b.key, flows):
                    continue
                same_name = vocabulary.best(a.names, b.names, gender) >= 0.5
                roster = min(len(a.riders), len(b.riders))
                overlap = shared_riders(a, b)
                if (roster >= 5 and overlap >= 0.3 * roster) or (same_name and (roster < 5 or overlap >= 0.1 * roster)):
                    lineages.join(a.key, b.key, "uci-code")


def link_slugs(lineages: Lineages) -> None:
    """The same PCS slug stem in consecutive seasons."""
    stems: dict[str, list[Season]] = defaultdict(list)
    for season in lineages.seasons.values():
        if season.source == PCS_SLUGS:
            stems[season.slug_stem or ""].append(season)
    for _stem, seasons in sorted(stems.items()):
        seasons.sort(key=lambda s: s.year)
        for a, b in zip(seasons, seasons[1:]):
            if b.year - a.year == 1:
                lineages.join(a.key, b.key, "pcs-slug")


def link_riders(lineages: Lineages) -> None:
    """A roster carried into the next season, in the sources with rosters for both years,
    and from the 2022 rankings into the 2023 start lists."""
    seasons = list(lineages.seasons.values())
    for source, min_shared in ((UCI, 3), (TOUR, 2), (PCS_RIDERS, 3)):
        by_year = _by_year(seasons, source)
        for (gender, year), teams in sorted(by_year.items()):
            for a, b in rider_matches(teams, by_year.get((gender, year + 1), []), min_shared, 0.4):
                lineages.join(a.key, b.key, "riders")
    uci_2022 = [s for s in seasons if s.source == UCI and s.year == 2022]
    fc_2023 = [s for s in seasons if s.source == FIRSTCYCLING and s.year == 2023 and s.riders]
    for a, b in rider_matches(uci_2022, fc_2023, 3, 0.4):
        lineages.join(a.key, b.key, "riders")


def _rosters_disagree(a: Season, b: Season) -> bool:
    """Both seasons have full rosters (rankings, PCS, start lists; the Tour's few finishers do
    not count) and they share (almost) no rider."""
    if TOUR in (a.source, b.source):
        return False
    small = min(len(a.riders), len(b.riders))
    return small >= 5 and shared_riders(a, b) < 0.2 * small


def _join_mutual_best(lineages: Lineages, scored: list[tuple[float, str, str]], method: str) -> None:
    """Join (score, left, right) pairs, lower scores first, where each is the other's single
    best. Left and right are separate roles (a lineage's end and its start)."""
    best_left: dict[str, list[float]] = defaultdict(list)
    best_right: dict[str, list[float]] = defaultdict(list)
    for score, a, b in scored:
        best_left[a].append(score)
        best_right[b].append(score)
    for score, a, b in sorted(scored):
        if score == min(best_left[a]) == min(best_right[b]) and best_left[a].count(score) == best_right[b].count(score) == 1:
            lineages.join(a, b, method)


def _symmetric_best(scores: dict[tuple[str, str], float]) -> list[tuple[str, str]]:
    """Pairs of lineages that are each other's single best match, best first."""
    best: dict[str, list[float]] = defaultdict(list)
    for (a, b), score in scores.items():
        best[a].append(score)
        best[b].append(score)
    pairs = [(score, a, b) for (a, b), score in sorted(scores.items())
             if score == max(best[a]) == max(best[b]) and best[a].count(score) == best[b].count(score) == 1]
    return [(a, b) for _score, a, b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2]))]


def link_same_year_names(lineages: Lineages, vocabulary: Vocabulary) -> None:
    """Seasons of one year in different sources whose names share most sponsor words
    ("BORA-hansgrohe" in FirstCycling, "RED BULL - BORA - HANSGROHE" at the Tour), unless both
    have full rosters (riders compared them): mutual best by name similarity."""
    by_year: dict[tuple[str, int], list[Season]] = defaultdict(list)
    for season in lineages.seasons.values():
        if season.names:
            by_year[(season.gender, season.year)].append(season)
    for (gender, _year), seasons in sorted(by_year.items()):
        seasons.sort(key=lambda s: (SOURCE_RANK[s.source], s.key))
        best: dict[tuple[str, str], float] = {}
        for i, a in enumerate(seasons):
            for b in seasons[i + 1:]:
                ra, rb = sorted((lineages.find(a.key), lineages.find(b.key)))
                if a.source == b.source or ra == rb:
                    continue
                if {a.source, b.source} <= ROSTER_SOURCES and a.riders and b.riders:
                    continue  # full rosters were compared already
                if _rosters_disagree(a, b):
                    continue
                score = vocabulary.best(a.names, b.names, gender)
                if score >= 0.5:
                    best[(ra, rb)] = max(score, best.get((ra, rb), 0.0))
        for ra, rb in _symmetric_best(best):
            lineages.join(ra, rb, "same-season")


MAX_NAME_GAP = 4  # seasons a team may be missing from the data and come back under the same name


def link_names(lineages: Lineages, vocabulary: Vocabulary) -> None:
    """A lineage that ends in a season and one that starts in the next with shared distinctive
    sponsor words, or up to MAX_NAME_GAP seasons later with the same name (AC Sparta Praha,
    missing from the rankings 2016-2017), mutual best. Euskaltel-Euskadi of 2020 is not the
    one of 2013: seven seasons apart."""
    ends: dict[tuple[str, int], list[tuple[str, list[Season]]]] = defaultdict(list)
    starts: dict[tuple[str, int], list[tuple[str, list[Season]]]] = defaultdict(list)
    for group in lineages.groups():
        named = [s for s in group if s.names]
        if not named:
            continue
        gender = next((s.gender for s in named if s.gender != "any"), "any")
        first, last = min(s.year for s in named), max(s.year for s in named)
        ends[(gender, last)].append((group[0].key, [s for s in named if s.year == last]))
        starts[(gender, first)].append((group[0].key, [s for s in named if s.year == first]))
    scored: list[tuple[float, str, str]] = []
    for (gender, last), ending in sorted(ends.items()):
        for gap in range(1, MAX_NAME_GAP + 1):
            for ka, end_seasons in ending:
                for kb, start_seasons in starts.get((gender, last + gap), []):
                    if ka == kb or any(_rosters_disagree(x, y) for x in end_seasons for y in start_seasons):
                        continue
                    end_names = [n for s in end_seasons for n in s.names]
                    start_names = [n for s in start_seasons for n in s.names]
                    if {name_key(n) for n in end_names} & {name_key(n) for n in start_names}:
                        scored.append((-2.0 + 0.01 * gap, ka, kb))
                    elif gap == 1:
                        score = vocabulary.best(end_names, start_names, gender)
                        if score >= 0.5:
                            scored.append((-score, ka, kb))
    _join_mutual_best(lineages, scored, "name")


# --------------------------------------------------------------------------------------------
# Entries


@dataclass
class Lineage:
    """The seasons of one team, and what the entry says about it."""

    seasons: list[Season]
    id: str = ""

    @property
    def gender(self) -> str:
        return next((s.gender for s in self.seasons if s.gender != "any"), "any")

    def names_by_year(self) -> dict[int, list[tuple[str, str]]]:
        """Season -> (name, source) as the sources print it, PCS slugs only when they add a name
        (see `_without_slug_repeats`)."""
        out: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for season in self.seasons:
            for name in season.names:
                out[season.year].append((name, season.source))
        return {year: sorted(set(_without_slug_repeats(out[year]))) for year in sorted(out)}

    def years(self) -> list[int]:
        return sorted(self.names_by_year())

    def division(self) -> str | None:
        """The division of the latest season the data gives one for."""
        by_year: dict[int, list[Season]] = defaultdict(list)
        for season in self.seasons:
            by_year[season.year].append(season)
        for year in sorted(by_year, reverse=True):
            ranked = sorted(by_year[year], key=lambda s: (SOURCE_RANK[s.source], s.key))
            known = [s.division for s in ranked if s.division]
            if known:
                return known[0]
            if self.gender == "men" and any(s.source == TOUR for s in ranked):
                # Every ProTeam of 2023 and 2024 is in FirstCycling's lists: a Tour team that is not,
                # is a WorldTeam. Before, a ranked team at the Tour that is no WorldTeam had a wildcard.
                if year in (2023, 2024):
                    return WORLD_TEAM
                if any(s.source == UCI for s in ranked):
                    return PRO_TEAM if year >= 2020 else PRO_CONTINENTAL
        return None

    def uci_code(self) -> str | None:
        coded = [s for s in self.seasons if s.code]
        return max(coded, key=lambda s: (s.year, s.key)).code if coded else None

    def country(self) -> str | None:
        placed = [s for s in self.seasons if s.country]
        return max(placed, key=lambda s: (s.year, s.key)).country if placed else None

    def is_top_tier(self) -> bool:
        """A team news names by its sponsor alone: once a WorldTeam, ProTeam or ProContinental
        team, or at the Tour (or in PCS's team lists: those divisions and a few continental
        teams)."""
        return any(s.division in (WORLD_TEAM, PRO_TEAM, PRO_CONTINENTAL) or s.source in (TOUR, PCS_SLUGS)
                   for s in self.seasons)


def _without_slug_repeats(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A PCS slug names a season when no other source does (the rankings lack Topsport
    Vlaanderen's team rows) or when it is another name ("blanco-pro-cycling-team" 2013, beside
    Belkin); not when its words are those of a name the other sources print, with punctuation lost."""
    printed = [sponsor_words(n) for n, source in pairs if source != PCS_SLUGS]
    return [(n, source) for n, source in pairs
            if source != PCS_SLUGS or not any(sponsor_words(n) <= w or w <= sponsor_words(n) for w in printed)]


class Spellings:
    """The best written form of each name, by its folded key.

    Hand tables first, then names the teams wrote themselves (FirstCycling, PCS), then the
    capitals of the Tour and ranking lists put into proper case (`proper_case`).
    """

    def __init__(self, lexicon: dict[str, str], hand: Iterable[str]) -> None:
        self.lexicon = lexicon
        self.hand = {}
        for name in hand:
            self.hand.setdefault(name_key(name), name)

    def rank(self, name: str, source: str) -> tuple[int, str]:
        """(rank, spelling) of a printed name: the lower the rank, the better the spelling."""
        if name_key(name) in self.hand:
            return (0, self.hand[name_key(name)])
        rank = SOURCE_RANK[source] + (1 if source in TRUSTED_SOURCES and not all_caps(name) else 10)
        return (rank, proper_case(name, self.lexicon))

    def best(self, forms: Iterable[tuple[str, str]]) -> str:
        """The best spelling of one name among (name as printed, source) pairs."""
        ranked = Counter(self.rank(name, source) for name, source in forms)
        return sorted(ranked.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))[0][0][1]


def _season_spellings(lineage: Lineage, spellings: Spellings) -> tuple[dict[str, str], dict[int, list[str]]]:
    """(key -> best spelling of every name of the lineage, season -> its names spelled so)."""
    forms: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_year = lineage.names_by_year()
    for pairs in by_year.values():
        for name, source in pairs:
            forms[name_key(name)].append((name, source))
    best = {key: spellings.best(pairs) for key, pairs in sorted(forms.items())}
    seasons = {year: sorted({best[name_key(n)] for n, _ in pairs}) for year, pairs in by_year.items()}
    return best, seasons


def current_name(lineage: Lineage, best: dict[str, str], canonical: str | None) -> str:
    """The latest season's name: the hand table's canonical form when it is that name (perhaps
    without a leading "Team": "Visma | Lease a Bike"), else the best-spelled name of the best source that season."""
    by_year = lineage.names_by_year()
    latest = by_year[max(by_year)]
    keys = {name_key(n) for n, _ in latest}
    if canonical and name_key(canonical) in keys | {k.removeprefix("team ") for k in keys}:
        return canonical
    name, _source = min(latest, key=lambda pair: (SOURCE_RANK[pair[1]], all_caps(pair[0]), -len(pair[0]), pair[0]))
    return best[name_key(name)]


SLUG_DROP = frozenset({"team", "pro", "cycling", "procycling", "professional", "cyclingteam"})


def lineage_slug(lineage: Lineage) -> str:
    """A stable id fragment: the earliest name (since 2009) without "Team", "Pro", "Cycling"
    (at most four words), which later renames cannot change. Never the newest name."""
    by_year = lineage.names_by_year()
    name = min(by_year[min(by_year)], key=lambda pair: (SOURCE_RANK[pair[1]], pair[0]))[0]
    words = name_key(name).split()
    kept = [w for w in words if w not in SLUG_DROP]
    if all(w in GENERIC_WORDS for w in kept):  # "Cycling Academy Team" -> "cycling-academy"
        kept = [w for w in words if w != "team"] or words
    return "-".join(kept[:4])


def assign_ids(lineages: list[Lineage]) -> None:
    """Hand ids for the lineages patterns/manual/teams.jsonl names; derived slugs for the others,
    with "-women" for a women's team whose slug a men's team has, then the first season."""
    for team_id, (gender, year, name) in sorted(KNOWN_IDS.items()):
        key = name_key(name)
        found = [l for l in lineages if l.gender == gender and any(
            s.year == year and any(name_key(n) == key for n in s.names) for s in l.seasons)]
        if len(found) != 1:
            raise ValueError(f"{team_id}: {len(found)} lineages have {gender} {year} {name!r}")
        found[0].id = team_id
    taken = {l.id for l in lineages if l.id}
    pending = sorted((l for l in lineages if not l.id), key=lambda l: (l.gender != "men", l.years()[0], lineage_slug(l)))
    for lineage in pending:
        base = f"team:{lineage_slug(lineage)}"
        candidate = base
        if candidate in taken and lineage.gender == "women":
            candidate = f"{base}-women"
        if candidate in taken:
            candidate = f"{candidate}-{lineage.years()[0]}"
        n = 2
        while candidate in taken:
            candidate, n = f"{base}-{lineage.years()[0]}-{n}", n + 1
        lineage.id = candidate
        taken.add(candidate)


def short_form_candidates(name: str, other_names: Iterable[str]) -> list[str]:
    """The lead sponsor of a name as news may write it alone: its first word after a generic
    "Team" ("Team Sky" -> "Sky"), or the first part of a hyphenated first word ("Alpecin-Fenix"
    -> "Alpecin"). The hyphenated word itself counts when the team's names carry it in more
    than one name ("Quick-Step": "Quick-Step Floors", "Soudal Quick-Step"), not when the
    hyphen only joined two sponsors of one season ("FDJ-Big MAT") or a sponsor and part of the
    next ("NIPPO-Vini Fantini"): it must end a name in one of them."""
    words = [w.strip(",.") for w in re.split(r"\s+|//|\|", name) if w.strip(",.")]
    while words and name_key(words[0]) in GENERIC_WORDS:
        words = words[1:]
    if not words:
        return []
    lead = words[0]
    if "-" not in lead.strip("-"):
        return [lead]
    out = [lead.split("-")[0]]
    if any(name_key(part) in GENERIC_WORDS for part in lead.split("-")):
        return out  # "Belkin-Pro Cycling Team": "Belkin", not "Belkin-Pro"
    compound = name_key(lead)
    keys = {name_key(other) for other in other_names}
    carried = [k for k in keys if f" {compound} " in f" {k} "]
    ends = [k for k in carried if " ".join(w for w in k.split() if w not in GENERIC_WORDS).endswith(compound)]
    if len(carried) >= 2 and ends:
        out.append(lead)
    return out


def short_forms(lineages: list[Lineage], spelled: dict[str, dict[int, list[str]]], data_dir: Path) -> dict[str, list[str]]:
    """Short forms news uses alone ("Astana", "Movistar", "INEOS", "Quick-Step", "EF"), by id.

    A lead sponsor (see `short_form_candidates`) of a team of the top tiers (WorldTeam,
    ProTeam/ProContinental, Women's WorldTeam, or at the Tour) is a short form of that team when
    the word is distinctive for it in its era:
    - it is not a country ("Bahrain", "UAE", "Israel"), a region or city that race reports name
      on its own, or a common word (`NOT_SHORT_FORMS`);
    - no other top-tier team leads with it; a men's team beats a women's team that shares the
      sponsor (news means the men's Movistar), teams that led with it in disjoint seasons all
      keep it (the build drops what two ids share), and of teams that led with it in the same
      seasons only one that did so in at least twice as many seasons keeps it (Lotto Soudal's
      "Lotto", not LottoNL-Jumbo's).
    """
    claims: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    spellings: dict[tuple[str, str], str] = {}
    gender = {l.id: l.gender for l in lineages}
    for lineage in lineages:
        if not lineage.is_top_tier():
            continue
        every_name = [n for names in spelled[lineage.id].values() for n in names]
        for year, names in spelled[lineage.id].items():
            for name in names:
                for form in short_form_candidates(name, every_name):
                    key = name_key(form)
                    if key in NOT_SHORT_FORMS or key in GENERIC_WORDS or key.isdigit() or ioc_code(form, data_dir):
                        continue
                    claims[key][lineage.id].add(year)
                    previous = spellings.get((lineage.id, key))
                    if previous is None or (previous[:1].islower() and not form[:1].islower()):
                        spellings[(lineage.id, key)] = form
    out: dict[str, list[str]] = defaultdict(list)
    for key, by_team in sorted(claims.items()):
        for team_id in _short_form_owners(by_team, gender):
            out[team_id].append(_capitalised(spellings[(team_id, key)]))
    return out


def _capitalised(form: str) -> str:
    """A lower-case stylisation standing alone, as news writes it: "dsm" -> "DSM"."""
    return form.upper() if form == form.lower() and form.isalpha() and len(form) <= 4 else form


def _short_form_owners(by_team: dict[str, set[int]], gender: dict[str, str]) -> list[str]:
    teams = sorted(by_team)
    men = [t for t in teams if gender[t] == "men"]
    teams = men or teams
    if len(teams) == 1:
        return teams
    overlapping = any(by_team[a] & by_team[b] for i, a in enumerate(teams) for b in teams[i + 1:])
    if not overlapping:
        return teams
    ranked = sorted(teams, key=lambda t: (-len(by_team[t]), t))
    return ranked[:1] if len(by_team[ranked[0]]) >= 2 * len(by_team[ranked[1]]) else []


def link(seasons: list[Season]) -> Lineages:
    """Seasons joined into lineages, the strongest evidence first (see the module docstring)."""
    lineages = Lineages(seasons)
    vocabulary = Vocabulary(seasons)
    flows = Flows.of(seasons)
    link_hand(lineages)
    link_same_season(lineages)
    link_same_names(lineages, flows)
    link_uci_codes(lineages, vocabulary, flows)
    link_riders(lineages)
    link_slugs(lineages)
    link_same_year_names(lineages, vocabulary)
    link_names(lineages, vocabulary)
    return lineages


def read_seasons(data_dir: Path) -> list[Season]:
    """Every team-season of the data sets, without the names that are only a country."""
    seasons = [*uci_seasons(data_dir), *tour_seasons(data_dir), *firstcycling_seasons(data_dir), *pcs_seasons(data_dir)]
    for season in seasons:
        season.names = [n for n in season.names if not is_country(n, data_dir)]
    return seasons


def is_country(name: str, data_dir: Path) -> bool:
    """A national selection ("AUSTRALIA", "Team Ecuador" in the women's rankings) or a team named
    only after its country ("COLOMBIA", Team Colombia 2013-2015): as a pattern it would tag
    every mention of the country (and the build drops "Team"), so it is not a team name here."""
    words = [w for w in name_key(name).split() if w not in ("team", "national", "selection")]
    return bool(words) and ioc_code(" ".join(words), data_dir) is not None


def build_lineages(data_dir: Path, manual_dir: Path | None = None) -> tuple[list[Lineage], Counter[str]]:
    """The lineages with their ids, and how many joins each method made.

    Names of patterns/manual/team_names.jsonl join the lineage of their id as seasons of
    their own; the names pass then runs once more, for lineages the hand names make adjacent
    (Q36.5 Pro Cycling Team 2024, the hand table's 2025, Pinarello-Q36.5 at the 2026 Tour).
    """
    seasons = read_seasons(data_dir)
    linked = link(seasons)
    lineages = _lineages(linked)
    by_id = {l.id: l for l in lineages}
    hand = hand_seasons(hand_names(manual_dir), {team_id: l.gender for team_id, l in by_id.items()})
    for season in hand:
        linked.add(season)
        linked.join(season.key, by_id[season.key.split("|")[1]].seasons[0].key, "hand-name")
    link_names(linked, Vocabulary(seasons))
    relinked = _lineages(linked)
    missing = sorted({s.key.split("|")[1] for s in hand} - {l.id for l in relinked})
    if missing:
        raise ValueError(f"team_names.jsonl: ids that joining lineages changed: {missing}")
    return relinked, linked.methods


def _lineages(linked: Lineages) -> list[Lineage]:
    # A lineage known only by a PCS slug is a slug no season matched ("cannondale-pro-cycling-team"
    # 2016): too thin to be a team of its own.
    lineages = [Lineage(group) for group in linked.groups() if any(s.names and s.source != PCS_SLUGS for s in group)]
    for lineage in lineages:
        if lineage.gender == "any":
            raise ValueError(f"a lineage without gender: {[s.key for s in lineage.seasons]}")
    lineages = without_borrowed_names(lineages)
    assign_ids(lineages)
    return sorted(lineages, key=lambda l: l.id)


def without_borrowed_names(lineages: list[Lineage]) -> list[Lineage]:
    """Lineages below the top tier without the names a top-tier team of their gender carries:
    the rankings print some feeder teams under their first team's name (MOVISTAR TEAM is also
    Movistar's American feeder team, RABOBANK its continental team, MITCHELTON SCOTT in 2017 the
    continental team whose name Orica took in 2018), news means the first team by that name, and
    a name two ids share is no pattern at all. A lineage left without a name is dropped."""
    top: set[tuple[str, str]] = set()
    for lineage in lineages:
        if lineage.is_top_tier():
            top |= {(lineage.gender, name_key(n)) for pairs in lineage.names_by_year().values() for n, _ in pairs}
    kept = []
    for lineage in lineages:
        if not lineage.is_top_tier():
            for season in lineage.seasons:
                season.names = [n for n in season.names if (lineage.gender, name_key(n)) not in top]
        if any(s.names and s.source != PCS_SLUGS for s in lineage.seasons):
            kept.append(lineage)
    return kept


def hand_seasons(names: list[HandName], genders: dict[str, str]) -> list[Season]:
    """The hand table's names as seasons, one per team and year."""
    by_season: dict[tuple[str, int], list[str]] = defaultdict(list)
    for hand in names:
        if hand.team not in genders:
            raise ValueError(f"team_names.jsonl: no lineage {hand.team!r} for {hand.name!r}")
        for year in hand.seasons:
            by_season[(hand.team, year)].append(hand.name)
    return [Season(f"hand|{team}|{year}", HAND, genders[team], year, sorted(names_))
            for (team, year), names_ in sorted(by_season.items())]


def read(data_dir: Path, manual_dir: Path | None = None) -> list[Entry]:
    """One entry per team lineage of the data sets, sorted by id (see the module docstring)."""
    lineages, _methods = build_lineages(data_dir, manual_dir)
    manual = hand_spellings(manual_dir)
    hand_forms = [n for row in manual.values() for n in row.get("names", [])]
    hand_forms += [n for l in lineages for s in l.seasons if s.source == HAND for n in s.names]
    printed = [pair for l in lineages for pairs in l.names_by_year().values() for pair in pairs]
    trusted = [n for n, source in printed if source in TRUSTED_SOURCES]
    untrusted = [n for n, source in printed if source not in TRUSTED_SOURCES]
    spellings = Spellings(word_lexicon([*hand_forms, *trusted], untrusted), hand_forms)
    best: dict[str, dict[str, str]] = {}
    spelled: dict[str, dict[int, list[str]]] = {}
    for lineage in lineages:
        best[lineage.id], spelled[lineage.id] = _season_spellings(lineage, spellings)
    shorts = short_forms(lineages, spelled, data_dir)
    return [_entry(l, best[l.id], spelled[l.id], shorts.get(l.id, []), manual.get(l.id), data_dir) for l in lineages]


def _entry(lineage: Lineage, best: dict[str, str], seasons: dict[int, list[str]], shorts: list[str],
           manual: dict | None, data_dir: Path) -> Entry:
    names: list[str] = []
    seen: set[str] = set()
    for year in sorted(seasons):
        for name in seasons[year]:
            if name_key(name) not in seen:
                seen.add(name_key(name))
                names.append(name)
    for form in sorted(shorts, key=name_key):
        if name_key(form) not in seen:
            seen.add(name_key(form))
            names.append(form)
    canonical = (manual.get("name") or manual["names"][-1]) if manual else None
    name = current_name(lineage, best, canonical)
    if name_key(name) not in seen:
        names.append(name)
    nationality = ioc_code(lineage.country(), data_dir) or (manual or {}).get("nationality")
    attrs = {
        "nationality": nationality,
        "gender": lineage.gender,
        "uci_code": lineage.uci_code(),
        "seasons": {str(year): names_ for year, names_ in sorted(seasons.items())},
        "division": lineage.division(),
    }
    return Entry(lineage.id, "TEAM", name, tuple(names), attrs)
