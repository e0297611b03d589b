"""Races: every race the data sets name, merged into one entry per race and gender, with the hand table.

Five data sets name races, each its own way:

- FirstCycling's 2023–2024 calendar (`cyclingchaos_firstcycling`): English short forms ("Tour Down
  Under"), ISO-2 country, UCI class and a stage-race flag, one row per stage. Its gender column
  calls several women's races "men" in 2024; a race id that is women's in any season is women's.
- PCS race lists (`josselingirault_pcs`): "Paris - Nice 2014" with a class and a stage count
  (the count is trusted over the class: the 2012 Tour de Pologne is "1.WT.B" with 7 stages).
- PCS result records (`seanhardison1_pcs`): "Vuelta a España (2.UWT)" and "La Vuelta ciclista a
  España (2.UWT)", sponsors and all; the list also holds stage strings ("- Camperdown ›
  Thornville"), skipped. Whether a race has stages is read from the records.
- The UCI 2020 calendar (`psemdel_uci_rankings/Calendar.csv`): women's races and the national
  championships of 48 countries.
- letourdataset: the Tour de France and the Tour de France Femmes.

A name is cleaned of years, classes, edition numbers ("65e", "XXIX."), PCS codes ("WE", "MJ")
and known sponsors ("OVO Energy Tour of Britain"), and keyed by its folded words without a
leading article ("La Flèche Wallonne" = "Flèche Wallonne"). Names are grouped when their keys
are equal, when a bilingual name joins them ("Ronde van Vlaanderen / Tour des Flandres"), when a
name is another plus a subtitle or a sponsor in front, and when the hand table
(`patterns/manual/races.jsonl`) lists them as names of one race. Women's races, U23 and junior
races are grouped apart from the men's elite race of the same name, and only names that say so
("Strade Bianche Women", "Paris-Roubaix Espoirs") are matched for them.

Championships are not races of their own in the data (there is a row per country, category and
discipline): national championships become one entry per country and gender ("Belgian National
Championships", "Belgian National Championships Women"), the continental and world
championships and the Games one entry per event and gender.

The hand table wins: its names, type, country and gender override the data's; the data adds
names and the latest UCI class. This module reads the hand table itself so that data
spellings join the hand entry through its aliases; the build's later merge of the hand tables
by id then finds them already in and changes nothing.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ...text.fold import name_key, slug
from ..kb import Entry, read_jsonl
from ..names import unique_names
from . import places as place_names
from .countries import ioc_code


CALENDAR = Path("cyclingchaos_firstcycling") / "CyclingChaos_RaceCalendar_df_master.csv"
COUNTRY_NAMES = Path("cyclingchaos_firstcycling") / "CyclingChaos_nationality_mapping.csv"
PCS_LISTS = Path("josselingirault_pcs")
PCS_RESULTS = Path("seanhardison1_pcs")
UCI_CALENDAR = Path("psemdel_uci_rankings") / "Calendar.csv"
TOUR = Path("letourdataset")
CLIMBS = Path("cycletrip_climbs") / "climbs.csv"

MEN, WOMEN = "men", "women"
ELITE, U23, JUNIOR = "elite", "u23", "junior"
# Which data set names a race best, and whose class and country count when a year has several.
SOURCE_RANK = {"firstcycling": 1, "letour": 2, "uci-calendar": 3, "pcs-results": 4, "pcs-lists": 5}

# --- words in race names ----------------------------------------------------------------------

_WOMEN_WORDS = re.compile(
    r"\b(?:women'?s?|womens|woman|ladies|lady|dames\w*|femmes?|f[eé]minin[es]?|femminile|donne|femen[ií]n[ao]s?|"
    r"femenil|f[eé]minas|vrouwen|frauen|emakumeen|grimpeuses|femina)\b|\bW(?:E|J|U23)\b",
    re.IGNORECASE,
)
_CODE_WORDS = re.compile(r"\b(?:WE|WJ|WU23|ME|MJ|MU|U23/MJ)\b")  # PCS category codes, never written in news
_U23_WORDS = re.compile(r"\b(?:u-?23|espoirs|beloften|under[ -]23|piccol[oa]|MU|WU23|next gen|baby)\b", re.IGNORECASE)
_JUNIOR_WORDS = re.compile(r"\b(?:juniors?|juniores|junioren|juniorenradrundfahrt|MJ|WJ|WMJ)\b", re.IGNORECASE)
# Markers at the end or start of a name that say whose race it is; stripped to find the race's key.
_END_MARKERS = re.compile(
    r"(?:[\s-]+(?:WE|WJ|WU23|ME|MJ|MU|U23/MJ|U-?23|Espoirs|Beloften|Under[ -]23|Juniors?|Juniores|Junioren|Elite|"
    r"(?:UCI\s+)?Women'?s?\s+(?:WorldTour|World\s+Tour|Elite\s+World\s+Challenge|Race|Edition|Elite|Invitational)|"
    r"Ladies\s+Edition|(?:Elite\s+)?Women(?:\s+Elite)?|Women'?s|Womens|Ladies|Femmes(?:\s+Elite)?|F[ée]minin[e]?|"
    r"Femminile|Donne|Femenina|F[ée]minas|(?:pour|voor|des)\s+Dames|Dames|(?:vrouwen|Vrouwen)(?:\s+[Ee]lite)?|Frauen))+$"
)
_START_MARKERS = re.compile(r"^(?:UCI\s+)?(?:Women'?s\s+WorldTour|WWT|Women'?s|Womens|Ladies)\s+", re.IGNORECASE)
# Sponsors seen in front of race names in the data sets.
_SPONSORS = re.compile(
    r"^(?:Amgen|OVO Energy|Ovo Energy|Record Bank|Danilith|EuroEyes|Vattenfall|BEMER|Prudential|Skoda|Baloise|"
    r"Binck ?Bank|ASDA|Aviva|Jacob's Creek|Boels(?: Rental)?|SPAR|Spar|EPZ|Novilon(?: Eurocup)?|Univ[ée](?: Worldcup)?|"
    r"Worldcup Univ[ée]|Rabo(?:bank)?|AG|Gree|PostNord|Postnord|Telkom|Ceratizit|Salverda|Royal Smilde|KOGA|Koga|"
    r"Garmin|Sparkassen|Internationale LOTTO|Internationale Lotto|Liberty Seguros|Eneco|Crescent|SwissEver|"
    r"Therme|Parx Casino|Colliers|Energiewacht|Lotto|Crelan|Van Merksteijn Fences|SD WORX|ZLM|Renewi|Saxo|"
    r"Silver City's|The)(?=[\s-])\s*(?:-\s+)?(?=\S)"
)
# Sponsor tails: "Joe Martin Stage Race p/b Nature Valley", "... presented by SRAM".
_SPONSOR_TAIL = re.compile(r"\s+(?:p/b|presented by|powered by|empowered with)\s+.*$", re.IGNORECASE)
_CLASS = re.compile(
    r"^(?:[12]\.(?:UWT|WWT|Pro|PRO|HC|PT|WT|1|2|2U|2U23|3|NC|Ncup|NCup)|NC|CC|WC|CM|CN|JO|JR|CDM|Olympics|"
    r"[A-Z]{2}TT|[A-Z]{2}UT)$"
)
_U_CLASS = re.compile(r"^[12]\.(?:2U|2U23|Ncup|NCup|NC)$|UT$")
_YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*-\s*(?:19|20)\d\d)?\b")
_ORDINAL = re.compile(r"(?<![\w.])\d+(?:st|nd|rd|th|e|°|ª|º)(?=\s|$)\.?", re.IGNORECASE)
# Edition numbers in Roman numerals from X up ("Euskal Emakumeen XXIX Bira", "XXXII.Bira"); I to IX
# are kept: "Tour of Zhoushan Island II" is another race than "... I".
_ROMAN = re.compile(r"(?<![\w'])(?=[XLC])(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?:\.|(?=\s|$))")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_QUOTES = re.compile(r"[\"“”«»]|(?<!\w)'|'(?!\w)")
_ARTICLES = frozenset({"the", "la", "le", "il", "de", "l", "el", "les", "lo", "los", "las"})
_FUNCTION_WORDS = frozenset({"de", "of", "van", "di", "del", "della", "dell", "la", "le", "des", "du", "a", "al",
                             "the", "and", "d", "der", "den", "het", "y", "e", "et", "in", "by", "um", "des", "da"})
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_TAIL_FUNCTION_WORDS = frozenset({"do", "dos", "das", "du", "des", "del", "dei", "der", "of", "for", "and", "et", "y"})
_NOT_A_SPONSOR = re.compile(r"^(?:[ivx]+|\d+|time|trial|tt|itt|ttt|prologue|criterium|stage|etappe|ii|i|cup|classic|gp)$")
_RACE_WORDS = re.compile(
    r"\b(?:tour|giro|vuelta|volta|ronde|grand prix|grote prijs|gran premio|gp|g\.p\.|trofeo|troph\w*|classic\w*|cl[aà]s+ica|"
    r"memorial|m[ée]morial|memoriał|coppa|coupe|cup|race|rundfahrt|omloop|pijl|fl[eè]che|circuit\w*|crit[eé]rium|course|"
    r"prijs|prix|challenge|chrono|route|boucles?|koers\w*|cronometro|corsa|wyścig|závod|dookoła|okolo|kolo|rund|"
    r"driedaagse|etoile|étoile|semaine|settimana|setmana|premio|campeonato|kampioenschap)\b",
    re.IGNORECASE,
)
# Words that are no race on their own: a name reduced to them keeps its marker ("Women's Tour").
GENERIC = frozenset({
    "tour", "race", "classic", "classique", "classica", "clasica", "challenge", "cup", "grand prix", "gp",
    "trophy", "trofeo", "trophee", "ronde", "giro", "vuelta", "volta", "criterium", "omloop", "prix",
    "road race", "stage race", "cycling race", "course", "memorial", "coppa", "rundfahrt", "prologue",
    "championship", "championships", "games", "world cup", "nations cup", "tt", "itt", "ttt", "road",
})
_MARKER_WORDS = frozenset({"women", "womens", "woman", "s", "ladies", "lady", "dames", "femmes", "feminin", "feminine",
                           "femminile", "donne", "femenina", "feminas", "vrouwen", "frauen", "elite", "u23",
                           "espoirs", "beloften", "juniors", "junior", "juniores"})
_SYNONYMS = {"gp": "grand prix", "g p": "grand prix", "gran premio": "grand prix", "mem": "memorial",
             "int": "international", "internazionale": "international", "e": "and", "y": "and", "et": "and",
             "tr": "trofeo", "t d": "tour de"}

_NAMED_AFTER_COUNTRY = re.compile(
    r"^(?:tour(?: of(?: the)?| de| du| d')?|vuelta(?: ciclista)? (?:a|al)|volta (?:a|ao)|giro (?:di|del)|ronde van|"
    r"rund um|okolo|course de|gp|grand prix(?: of| de)?|gran premio(?: de)?)\s+(.+)$",
    re.IGNORECASE,
)
_NOT_THE_COUNTRY = frozenset({"georgia"})

# --- championships ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """An event that runs for men and women: world, continental championships, the Games."""

    stem: str
    name: str
    pattern: re.Pattern[str]
    names: tuple[str, ...]


def _family(stem: str, name: str, pattern: str, *names: str) -> Family:
    return Family(stem, name, re.compile(pattern, re.IGNORECASE), (name, *names))


FAMILIES = (
    _family("youth-olympic-games", "Youth Olympic Games Road Race", r"youth olympic|olympiques de la jeunesse",
            "Youth Olympic Games road race"),
    _family("olympic-games-road-race", "Olympic Games Road Race", r"\bolympi(?:c|cs|que|ques)\b"),
    _family("world-championships", "World Championships", r"\bworld\s+(?:road\s+)?champ|championnats du monde|\bmondiaux\b|"
            r"^world championships?\b|\bworld\s+championship\s+(?:itt|ttt|mixed)"),
    _family("european-games", "European Games Road Race", r"\beuropean games", "European Games road race"),
    _family("european-championships", "European Championships",
            r"\beurope(?:an)?\s+(?:continental\s+|road\s+|cycling\s+)?champ|\buec\b|^europe\s+(?:itt|ttt|mixed|road)"),
    _family("commonwealth-games", "Commonwealth Games Road Race", r"commonwealth games",
            "Commonwealth Games road race", "Commonwealth Games time trial"),
    _family("asian-games", "Asian Games Road Race", r"\basian games", "Asian Games road race", "Asian Games time trial"),
    _family("southeast-asian-games", "Southeast Asian Games Road Race", r"\bsea games|south ?east asian games",
            "SEA Games road race", "Southeast Asian Games road race"),
    _family("asian-championships", "Asian Championships",
            r"\basian?\s+(?:continental\s+|cycling\s+|road\s+cycling\s+|road\s+)?champ|^asia\s+(?:itt|ttt|mixed)",
            "Asian Road Championships", "Asian Cycling Championships", "Asian Continental Championships"),
    _family("african-games", "African Games Road Race", r"\b(?:all )?africa(?:n)? games|jeux africains", "African Games road race",
            "All Africa Games road race"),
    _family("african-championships", "African Championships",
            r"\bafrican?\s+(?:continental\s+|cycling\s+|road\s+)?champ|^africa\s+(?:itt|ttt|mixed)",
            "African Road Championships", "African Continental Championships"),
    _family("pan-american-games", "Pan American Games Road Race", r"\bpan-?\s?american games|panamerican games",
            "Pan American Games road race", "Pan-American Games road race"),
    _family("pan-american-championships", "Pan American Championships",
            r"\bpan-?\s?americ|panameric|campeonato panamericano|champ\. pana",
            "Pan American Road Championships", "Panamerican Championships", "Pan-American Championships"),
    _family("oceania-championships", "Oceania Championships", r"\boceania\b", "Oceania Road Championships",
            "Oceania Cycling Championships", "Oceania Continental Championships"),
    _family("pan-arab-games", "Pan Arab Games Road Race", r"pan arab games", "Pan Arab Games road race"),
    _family("arab-championships", "Arab Championships", r"\barab\b.*champ", "Arab Road Championships",
            "Arab Road Cycling Championships"),
    _family("central-american-and-caribbean-games", "Central American and Caribbean Games Road Race",
            r"central american and caribbean games|juegos deportivos centroamericanos",
            "Central American and Caribbean Games road race"),
    _family("caribbean-championships", "Caribbean Championships", r"caribbean champ|\bcaribe\b|cent\.?\s?america and caribbean",
            "Caribbean Road Championships"),
    _family("central-american-championships", "Central American Championships", r"central american champ",
            "Central American Road Championships"),
    _family("mediterranean-games", "Mediterranean Games Road Race", r"mediterranean games", "Mediterranean Games road race"),
    _family("south-american-games", "South American Games Road Race", r"juegos suramericanos|south american games",
            "South American Games road race", "Juegos Suramericanos"),
    _family("games-of-the-small-states-of-europe", "Games of the Small States of Europe Road Race",
            r"games of the small states", "Games of the Small States of Europe road race"),
    _family("jeux-de-la-francophonie", "Jeux de la Francophonie Road Race", r"jeux de la francophonie",
            "Jeux de la Francophonie road race"),
    _family("universiade", "Universiade Road Race", r"\buniversiade\b", "Universiade road race"),
)
# Words without which a row is a race, not a championship ("Tour of Oceania" would be a race).
_EVENT_WORDS = re.compile(r"champ|campeonato|games|juegos|jeux|olymp|mondiaux|universiade|\b(?:itt|ttt|mixed relay|road race)\b",
                          re.IGNORECASE)
_NATIONAL = re.compile(
    r"^(?:nati\w*\s+(?:road\s+|tt\s+|time\s+trial\s+)?champ\w*|championnats\s+nationaux(?:\s+route)?)\b",
    re.IGNORECASE,
)
_OPEN_NATIONAL = re.compile(r"^(?P<adjective>\w+)\s+open\s+(?:road|tt|time\s+trial)\s+(?:cycling\s+)?championships?\b",
                            re.IGNORECASE)
_DISCIPLINE = re.compile(r"\s*-?\s*\b(?:road rac\w*|i\.?t\.?t\.?|tt|rr|ttt|individual time trial|time trial|mixed relay(?: ttt)?)"
                         r"(?:\b|(?<=\.))(?:\s+stage\s+\d+)?\s*$",
                         re.IGNORECASE)
# Country names the championship rows write in another language or misspelled.
_COUNTRY_SPELLINGS = {"libanon": "LBN", "luxemburg": "LUX", "southafrica": "RSA", "indonesian": "INA", "brasil": "BRA",
                      "italie": "ITA", "tunisie": "TUN", "moldavie": "MDA", "switserland": "SUI", "usa": "USA",
                      "korea": "KOR", "burkina faso": "BUR", "belize": "BIZ", "aruba": "ARU", "greece": "GRE",
                      "singapore": "SGP", "panama": "PAN", "paraguay": "PAR", "peru": "PER", "bermuda": "BER",
                      "fiji": "FIJ", "angola": "ANG", "mauritius": "MRI", "zimbabwe": "ZIM", "iceland": "ISL",
                      "eritrea": "ERI", "georgia": "GEO", "cyprus": "CYP", "guatemala": "GUA", "lebanon": "LBN",
                      "malasia": "MAS", "curacao": "CUW", "fyr of macedonia": "MKD", "italia": "ITA", "macau": "MAC",
                      "moldava": "MDA", "serbie": "SRB", "togo": "TOG", "tunesia": "TUN"}
# The FirstCycling mapping names ANT "Netherlands Antilles"; ANT is Antigua and Barbuda's IOC code.
_COUNTRY_LABELS = {"ANT": "Antigua and Barbuda"}
# Adjectives reports put before "national championships"; countries without one are named.
ADJECTIVES = {
    "ALB": "Albanian", "ALG": "Algerian", "ARG": "Argentine", "ARM": "Armenian", "AUS": "Australian", "AUT": "Austrian",
    "AZE": "Azerbaijani", "BEL": "Belgian", "BIH": "Bosnian", "BLR": "Belarusian", "BOL": "Bolivian", "BRA": "Brazilian",
    "BUL": "Bulgarian", "CAN": "Canadian", "CHI": "Chilean", "CHN": "Chinese", "COL": "Colombian", "CRC": "Costa Rican",
    "CRO": "Croatian", "CUB": "Cuban", "CYP": "Cypriot", "CZE": "Czech", "DEN": "Danish", "DOM": "Dominican",
    "ECU": "Ecuadorian", "EGY": "Egyptian", "ERI": "Eritrean", "ESP": "Spanish", "EST": "Estonian", "ETH": "Ethiopian",
    "FIN": "Finnish", "FRA": "French", "GBR": "British", "GEO": "Georgian", "GER": "German", "GRE": "Greek",
    "GUA": "Guatemalan", "HUN": "Hungarian", "INA": "Indonesian", "IRI": "Iranian", "IRL": "Irish", "ISL": "Icelandic",
    "ISR": "Israeli", "ITA": "Italian", "JPN": "Japanese", "KAZ": "Kazakh", "KGZ": "Kyrgyz", "KOR": "Korean",
    "KOS": "Kosovan", "LAT": "Latvian", "LTU": "Lithuanian", "MAR": "Moroccan", "MAS": "Malaysian", "MDA": "Moldovan",
    "MEX": "Mexican", "MGL": "Mongolian", "MKD": "Macedonian", "MNE": "Montenegrin", "NED": "Dutch", "NOR": "Norwegian",
    "NZL": "New Zealand", "PAN": "Panamanian", "PAR": "Paraguayan", "PER": "Peruvian", "POL": "Polish",
    "POR": "Portuguese", "PUR": "Puerto Rican", "ROU": "Romanian", "RSA": "South African", "RUS": "Russian",
    "RWA": "Rwandan", "SLO": "Slovenian", "SRB": "Serbian", "SUI": "Swiss", "SVK": "Slovak", "SWE": "Swedish",
    "THA": "Thai", "TPE": "Taiwanese", "TUN": "Tunisian", "TUR": "Turkish", "UAE": "Emirati", "UKR": "Ukrainian",
    "URU": "Uruguayan", "USA": "US", "UZB": "Uzbek", "VEN": "Venezuelan", "LUX": "Luxembourg",
}
# National championships in the language of the country, as the local press writes them.
LOCAL_NATIONALS = {
    "BEL": ("Belgisch kampioenschap", "Belgische kampioenschappen", "Championnats de Belgique", "Belgian nationals"),
    "NED": ("Nederlands kampioenschap", "Nederlandse kampioenschappen", "Dutch nationals"),
    "FRA": ("Championnats de France", "French nationals"),
    "ITA": ("Campionati italiani", "Campionato italiano", "Italian nationals"),
    "ESP": ("Campeonato de España", "Campeonatos de España", "Spanish nationals"),
    "GER": ("Deutsche Meisterschaft", "Deutsche Meisterschaften", "German nationals"),
    "SUI": ("Schweizer Meisterschaft", "Championnats de Suisse", "Swiss nationals"),
    "POL": ("Mistrzostwa Polski",),
    "GBR": ("British nationals",),
    "USA": ("U.S. national championships", "USA Cycling national championships", "American national championships"),
}
# Countries whose national championships news reports, entered for both genders whatever the data has.
CYCLING_COUNTRIES = ("AUS", "AUT", "BEL", "CAN", "COL", "CZE", "DEN", "ECU", "ERI", "ESP", "FRA", "GBR", "GER", "IRL",
                     "ITA", "KAZ", "LUX", "NED", "NOR", "NZL", "POL", "POR", "RSA", "SLO", "SUI", "SVK", "SWE", "USA")


# --- sightings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sighting:
    """One name of a race as one data set writes it, with what that data set says about the race."""

    name: str
    gender: str | None
    country: str | None
    race_class: str | None
    race_type: str | None
    year: int | None
    source: str
    weight: int = 1


def _rows(path: Path, delimiter: str = ",", skip: int = 0) -> Iterator[dict[str, str]]:
    """CSV rows (gzip or not) after `skip` title lines; nothing when the file is missing."""
    if not path.exists():
        return
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as lines:
        for _ in range(skip):
            next(lines, None)
        yield from csv.DictReader(lines, delimiter=delimiter)


def _year(text: str | None) -> int | None:
    """The first year in a text: "Paris - Nice 2014", "2019-06-08"."""
    match = re.search(r"(?:19|20)\d\d", text or "")
    return int(match.group()) if match else None


def _type_from_class(race_class: str | None) -> str | None:
    """UCI classes 2.x are stage races and 1.x one-day races; the weakest of the type votes."""
    if race_class and race_class[:2] == "2.":
        return "stage"
    if race_class and race_class[:2] == "1.":
        return "one-day"
    return None


def _valid_class(race_class: str | None) -> str | None:
    """A UCI class, or None for PCS's own codes ("1.WT.A", "2.2/U23", "-")."""
    race_class = (race_class or "").strip()
    return race_class if _CLASS.match(race_class) else None


def firstcycling(data_dir: Path) -> list[Sighting]:
    """One sighting per race and season; a race id that is women's in one season is women's."""
    editions: dict[tuple[str, str], dict[str, str]] = {}
    women_ids: set[str] = set()
    for row in _rows(data_dir / CALENDAR):
        editions.setdefault((row["first_cycling_race_id"], row["season"]), row)
        if row["gender"].strip() == WOMEN:
            women_ids.add(row["first_cycling_race_id"])
    out = []
    for (race_id, season), row in sorted(editions.items()):
        out.append(Sighting(
            name=row["race_name"], gender=WOMEN if race_id in women_ids else MEN,
            country=ioc_code(row["race_nationality"], data_dir), race_class=_valid_class(row["uci_race_classification"]),
            race_type="stage" if row["stage_race_boolean"].strip() == "Stage Race" else "one-day",
            year=int(season), source="firstcycling",
        ))
    return out


def pcs_lists(data_dir: Path) -> list[Sighting]:
    """PCS race lists: a name with its year, a class and a number of stages."""
    files = [data_dir / PCS_LISTS / "race_infos3.csv", *sorted((data_dir / PCS_LISTS / "RaceInfo").glob("*.csv"))]
    seen: set[Sighting] = set()
    for path in files:
        for row in _rows(path):
            stages = row.get("Number_stages", "").strip()
            race_type = None if not stages.isdigit() else "stage" if int(stages) > 1 else "one-day"
            seen.add(Sighting(
                name=row["Race_Name"], gender=None, country=None, race_class=_valid_class(row["Category"]),
                race_type=race_type, year=_year(row["Race_Name"]), source="pcs-lists",
            ))
    return sorted(seen, key=lambda s: (s.name, s.year or 0, s.race_class or ""))


def pcs_results(data_dir: Path) -> list[Sighting]:
    """Race strings of the PCS result records ("Vuelta a España (2.UWT)"), not their stage strings."""
    out = []
    for gender in (MEN, WOMEN):
        types = _record_types(data_dir / PCS_RESULTS / f"rider_records_{gender}.csv.gz")
        for row in _rows(data_dir / PCS_RESULTS / f"derived_race_names_{gender}.csv"):
            race = row["race"]
            if not is_race_string(race):
                continue
            match = re.search(r"\(([^()]*)\)\s*$", race)
            race_class = _valid_class(match.group(1)) if match else None
            out.append(Sighting(
                name=race, gender=gender, country=None, race_class=race_class,
                race_type=types.get(race) or _type_from_class(race_class), year=_year(row["last_date"]),
                source="pcs-results", weight=int(row["n_rows"] or 1),
            ))
    return out


def is_race_string(race: str) -> bool:
    """PCS race strings hold stages too: "- Camperdown › Thornville", "Prologue - Laval › Laval"."""
    race = race.strip()
    return bool(race) and "›" not in race and not race.startswith("-") and not re.match(r"(?i)^(?:prologue|stage)\b", race)


def _record_types(path: Path) -> dict[str, str]:
    """Stage race or one-day race, from the records: a race with any stage row has stages."""
    stages: dict[str, bool] = {}
    for row in _rows(path):
        race, stage = row["race"], row["stage"]
        stages[race] = stages.get(race, False) or (stage != "One day")
    return {race: "stage" if has else "one-day" for race, has in stages.items()}


def uci_calendar(data_dir: Path) -> list[Sighting]:
    """The UCI 2020 road calendar: women's races (category WE) and championships (no category: both)."""
    out = []
    for row in _rows(data_dir / UCI_CALENDAR, delimiter=";", skip=1):
        race_class = (row.get("Class") or "").strip()
        gender = WOMEN if (row.get("Category") or "").strip() == "WE" else None
        out.append(Sighting(
            name=row["Name"], gender=gender, country=ioc_code(row.get("Country"), data_dir),
            race_class=_valid_class(race_class), race_type=_type_from_class(race_class),
            year=_year(row.get("Date From")), source="uci-calendar",
        ))
    return out


def letour(data_dir: Path) -> list[Sighting]:
    """The Tour de France and the Tour de France Femmes, with their latest edition."""
    out = []
    for file, name, gender in (("TDF_Stages_History.csv", "Tour de France", MEN),
                               ("TDFF_Stages_History.csv", "Tour de France Femmes", WOMEN)):
        years = [int(r["Year"]) for r in _rows(data_dir / TOUR / file) if r.get("Year", "").isdigit()]
        if years:
            out.append(Sighting(name, gender, "FRA", None, "stage", max(years), "letour", len(years)))
    return out


def all_sightings(data_dir: Path) -> list[Sighting]:
    """Every race name of every data set, in a fixed order."""
    return [*firstcycling(data_dir), *pcs_lists(data_dir), *pcs_results(data_dir), *uci_calendar(data_dir),
            *letour(data_dir)]


# --- name cleaning ----------------------------------------------------------------------------


def clean_name(raw: str) -> str:
    """The race's name without year, class, edition number, quotes or odd spacing.

    "Paris - Nice 2014 " -> "Paris - Nice"; "Vuelta a España (2.UWT)" -> "Vuelta a España";
    "65e Ronde Van Vlaanderen (1.Ncup)" -> "Ronde Van Vlaanderen"; "WWT Emakumeen XXXII.Bira" ->
    "WWT Emakumeen Bira". Parenthesised qualifiers go too: a pattern with brackets rarely matches.
    """
    text = raw.replace("\\'", "'").replace("’", "'").replace("\xa0", " ").replace("\t", " ")
    text = _SPONSOR_TAIL.sub("", text)
    text = _PARENTHESES.sub(" ", _PARENTHESES.sub(" ", text))
    text = _YEARS.sub(" ", text)
    text = _ORDINAL.sub(" ", text)
    text = _ROMAN.sub(lambda m: " " if m.group().endswith(".") or len(m.group()) >= 3 else m.group(), text)
    text = _QUOTES.sub(" ", text)
    text = " ".join(text.split()).strip(" -/,")
    return re.sub(r"\s+-\s*$|^\s*-\s+", "", text).strip()


def gender_of(name: str) -> str | None:
    """WOMEN when the name says so ("Le Samyn des Dames", "Strade Bianche WE"), else None."""
    return WOMEN if _WOMEN_WORDS.search(name) else None


def category_of(name: str) -> str:
    """ELITE, U23 ("Espoirs", "Beloften", "MU") or JUNIOR ("Juniores", "MJ"), as the name says."""
    if _JUNIOR_WORDS.search(name):
        return JUNIOR
    if _U23_WORDS.search(name):
        return U23
    return ELITE


def strip_markers(name: str) -> str:
    """The name without the words that say whose race it is: "Scheldeprijs Vrouwen Elite" ->
    "Scheldeprijs"; kept whole when what is left is no name ("Women's Tour", "Keizer der Juniores")."""
    core = _START_MARKERS.sub("", _END_MARKERS.sub("", name)).strip(" -")
    words = core.split()
    if not words or is_generic(core) or name_key(words[-1]) in _FUNCTION_WORDS:
        return name
    return core


def strip_sponsor(name: str) -> str:
    """The name without a sponsor in front ("OVO Energy Tour of Britain" -> "Tour of Britain")."""
    core = _SPONSORS.sub("", name, count=1).strip(" -")
    if core == name or len(core.split()) < 2 or is_generic(core, markers=True) or name_key(core.split()[0]) in _FUNCTION_WORDS:
        return name
    return core


def is_generic(name: str, markers: bool = False) -> bool:
    """A name made only of generic words ("Grand Prix", "Tour de"); with `markers`, also of the words
    that say whose race it is ("Ladies Tour": a sponsor plus that is no race's name)."""
    key = name_key(name)
    allowed = GENERIC | _FUNCTION_WORDS | (_MARKER_WORDS if markers else frozenset())
    return not key or key in GENERIC or all(w in allowed for w in key.split())


def race_key(name: str) -> str:
    """The words that identify a race name: folded, no leading article, abbreviations spelled out."""
    key = f" {name_key(name.replace('&', ' and '))} "
    for short, long in _SYNONYMS.items():
        key = key.replace(f" {short} ", f" {long} ")
    words = key.split()
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class NameForm:
    """A cleaned race name and what it says: its gender marker, category, and the key it groups under."""

    written: str
    core: str
    gender: str | None
    category: str
    key: str

    @classmethod
    def of(cls, raw: str) -> "NameForm":
        written = clean_name(raw)
        first = re.split(r"\s*/\s*", written)[0] if "/" in written else written
        core = strip_sponsor(strip_markers(first))
        return cls(written, core, gender_of(raw), category_of(raw), race_key(core))


# --- grouping ---------------------------------------------------------------------------------

Node = tuple[str, str, str]  # (gender, category, key)


class _UnionFind:
    """Sets of names known to be one race; the smallest node of a set stands for it (deterministic)."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, node: Node) -> Node:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class _Group:
    """One race: its hand line, if any, and the data's sightings of it."""

    manual: dict[str, Any] | None = None
    sightings: list[tuple[Sighting, NameForm]] = field(default_factory=list)


def _parts(written: str) -> list[str]:
    """Names a written name joins: "Ronde van Vlaanderen / Tour des Flandres" -> two names.

    A part after the first counts only when it reads as a race's name ("Tour des Flandres",
    "Mémorial Frank Vandenbroucke"), not a sponsor ("Volta ao Alentejo / Liberty Seguros").
    """
    parts = [p.strip() for p in re.split(r"\s*/\s*", written) if len(p.strip()) > 2]
    return parts[:1] + [p for p in parts[1:] if is_race_like(p)]


def is_race_like(name: str) -> bool:
    """A name with a word races are called by (Tour, Grand Prix, Classic, Memorial, Pijl...) or two
    places joined by a dash ("Kattekoers-Ieper")."""
    return bool(_RACE_WORDS.search(name) or re.search(r"\w-\w", name))


def _segments(written: str) -> list[str]:
    """Parts of "Coppa Agostoni - Giro delle Brianze" that could be a race's name on their own."""
    segments = [s.strip() for s in written.split(" - ")]
    return [s for s in segments if len(s.split()) >= 2 and not is_generic(s)] if len(segments) > 1 else []


def _suffixes(core: str) -> list[str]:
    """"EuroEyes Cyclassics Hamburg" -> "Cyclassics Hamburg": a sponsor nobody listed, at most 3 words."""
    words = core.split()
    out = []
    for drop in range(1, min(3, len(words) - 2) + 1):
        rest = " ".join(words[drop:])
        if name_key(words[drop]) not in _FUNCTION_WORDS and _distinctive(rest):
            out.append(rest)
    return out


def _prefixes(core: str) -> list[str]:
    """"Volta a Portugal em Bicicleta Santander Totta" -> "Volta a Portugal em Bicicleta": a sponsor or
    place added at the end (at most 3 words). Not a part number ("Tour of Zhoushan Island II"), a
    discipline ("... Time Trial") or a phrase of its own ("Volta a Portugal do Futuro")."""
    words = core.split()
    out = []
    for keep in range(len(words) - 1, max(1, len(words) - 4), -1):
        head, tail = " ".join(words[:keep]), [name_key(w) for w in words[keep:]]
        if tail[0] in _FUNCTION_WORDS or tail[0] in _TAIL_FUNCTION_WORDS or any(_NOT_A_SPONSOR.match(w) for w in tail):
            continue
        if _distinctive(head):
            out.append(head)
    return out


def _same_kind(a: set[str], b: set[str]) -> bool:
    """A one-day race and a stage race with one name are two races (Giro del Friuli, 1.1 and 2.2)."""
    return not a or not b or bool(a & b)


def _distinctive(name: str) -> bool:
    """Enough of a name to say two names are one race: two words that are not generic, or one long one.
    "Tour of Britain" and "Heistse Pijl" are; "Hills Classic" (Pajot, Valkenburg, Holland...) is not."""
    content = [w for w in name_key(name).split() if w not in GENERIC and w not in _FUNCTION_WORDS and w not in _MARKER_WORDS]
    return len(content) >= 2 or (len(content) == 1 and len(content[0]) >= 6)


def _node(gender: str, category: str, text: str) -> Node:
    """The (gender, category, key) a written name groups under."""
    return (gender, category, race_key(strip_sponsor(strip_markers(text))))


def _sighting_gender(sighting: Sighting, form: NameForm) -> str:
    """Women's when the name, the data set or a Women's WorldTour class says so."""
    if form.gender == WOMEN or sighting.gender == WOMEN or (sighting.race_class or "").endswith("WWT"):
        return WOMEN
    return MEN


# --- entries ----------------------------------------------------------------------------------


def read(data_dir: Path, manual_dir: Path | None = None) -> list[Entry]:
    """Every race of the data sets and of the hand table, one entry per race and gender, sorted by id."""
    data_dir = Path(data_dir)
    if manual_dir is None:
        from .. import default_patterns_dir

        manual_dir = default_patterns_dir() / "manual"
    manual_dir = Path(manual_dir)
    manual = list(_manual_rows(manual_dir))
    races: list[tuple[Sighting, NameForm]] = []
    championships: list[tuple[Sighting, Target, bool]] = []  # (row, entry it belongs to, elite row?)
    for sighting in all_sightings(data_dir):
        form = NameForm.of(sighting.name)
        if not form.written:
            continue
        targets = championship_targets(form.written, sighting, data_dir)
        elite = form.category == ELITE and not _U_CLASS.search(sighting.race_class or "")
        championships.extend((sighting, target, elite) for target in targets)
        if not targets and not _NATIONAL.match(form.written):
            races.append((sighting, form))
    entries = _race_entries(races, manual, data_dir)
    _add_championships(entries, championships, manual, data_dir)
    _drop_shared_names(entries)
    return [entries[k] for k in sorted(entries)]


def _manual_rows(manual_dir: Path) -> Iterator[dict[str, Any]]:
    """The lines of patterns/manual/races.jsonl."""
    return read_jsonl(manual_dir / "races.jsonl")


def _manual_id(row: dict[str, Any]) -> str:
    """The id the build gives a hand line: its `id`, else the slug of its name."""
    return f"race:{row.get('id') or slug(row['name'])}"


def _race_entries(races: list[tuple[Sighting, NameForm]], manual: list[dict[str, Any]], data_dir: Path) -> dict[str, Entry]:
    """One entry per group; hand lines first, so a data group with a hand line's id joins it."""
    groups = _group(races, manual)
    men_keys = {key for node, group in groups.items() if node[0] == MEN and node[1] == ELITE for key in _keys(group)}
    # climbs' names are never races' ("CIC - Mont Ventoux" is a race; "Mont Ventoux" is not), and a
    # town's name alone is not taken from the data as a race's ("Wellington Women's Race")
    blocked = _climb_keys(data_dir) | {p for p in place_names.read(data_dir) if " " not in p}
    entries: dict[str, Entry] = {}
    for node in sorted(groups, key=lambda n: (groups[n].manual is None, n)):
        entry = _entry(node, groups[node], men_keys, blocked, data_dir)
        if entry is None:
            continue
        if entry.id in entries:
            entry = _merge_entries(entries[entry.id], entry)
        entries[entry.id] = entry
    return entries


def _group(races: list[tuple[Sighting, NameForm]], manual: list[dict[str, Any]]) -> dict[Node, _Group]:
    """Group sightings and hand lines into races: same key, bilingual parts, subtitles, sponsors, hand aliases.

    Two hand lines are never merged through the data: a link that would join them is ignored.
    """
    nodes = _sighting_nodes(races)
    union = _UnionFind()
    manual_of = _register_manual(union, manual)

    def link(a: Node, b: Node) -> None:
        """Join two sets, unless each has its own hand line; the hand line follows the new root."""
        ra, rb = union.find(a), union.find(b)
        if ra == rb or (ra in manual_of and rb in manual_of):
            return
        row = manual_of.pop(ra, None) or manual_of.pop(rb, None)
        union.union(ra, rb)
        if row is not None:
            manual_of[union.find(ra)] = row

    known = set(nodes)
    for node in nodes:
        union.find(node)
    hubs = _shared_parts(races, nodes)
    types: dict[Node, set[str]] = defaultdict(set)
    for (sighting, _), node in zip(races, nodes):
        if sighting.race_type:
            types[node].add(sighting.race_type)
    for (sighting, form), node in zip(races, nodes):
        gender, category, _ = node
        for part in _parts(form.written):
            other = _node(gender, category, part)
            if other not in hubs:
                link(node, other)
        for candidate in [*_segments(form.written), *_suffixes(form.core)]:
            other = _node(gender, category, candidate)
            if other in known:
                link(node, other)
        for candidate in _prefixes(form.core):
            other = _node(gender, category, candidate)
            if other in known and _same_kind(types[node], types[other]):
                link(node, other)
    groups: dict[Node, _Group] = defaultdict(_Group)
    for root, row in manual_of.items():
        groups[union.find(root)].manual = row
    for (sighting, form), node in zip(races, nodes):
        groups[union.find(node)].sightings.append((sighting, form))
    return dict(groups)


def _shared_parts(races: list[tuple[Sighting, NameForm]], nodes: list[Node]) -> set[Node]:
    """Second parts of bilingual names that follow different first parts: a sponsor or a region,
    not a race's other name, so they join nothing."""
    firsts: dict[Node, set[Node]] = defaultdict(set)
    for (_, form), (gender, category, _) in zip(races, nodes):
        parts = _parts(form.written)
        for part in parts[1:]:
            firsts[_node(gender, category, part)].add(_node(gender, category, parts[0]))
    return {part for part, owners in firsts.items() if len(owners) > 1}


def _register_manual(union: _UnionFind, manual: list[dict[str, Any]]) -> dict[Node, dict[str, Any]]:
    """Join the names of each hand line; the hand line of each set, by the set's root."""
    manual_of: dict[Node, dict[str, Any]] = {}
    for row in manual:
        gender = row.get("gender") or MEN
        row_nodes = [_node(gender, category_of(n), n) for n in [row["name"], *row.get("aliases", [])]]
        for other in row_nodes:
            root = union.find(other)
            if root in manual_of and manual_of[root] is not row:
                raise ValueError(f"races.jsonl: {row['name']!r} and {manual_of[root]['name']!r} share the name {other[2]!r}")
            union.union(row_nodes[0], other)
        manual_of[union.find(row_nodes[0])] = row
    return manual_of


def _sighting_nodes(races: list[tuple[Sighting, NameForm]]) -> list[Node]:
    """(gender, category, key) of each sighting. A U23 class ("1.2U") alone makes a race U23 only
    when an elite race has the same name (Eschborn-Frankfurt U23); the Tour de l'Avenir stays itself."""
    provisional = []
    for sighting, form in races:
        category = form.category
        if category == ELITE and _U_CLASS.search(sighting.race_class or ""):
            category = "u23?"
        provisional.append((_sighting_gender(sighting, form), category, form.key))
    elite = {(g, k) for g, c, k in provisional if c == ELITE}
    return [(g, (U23 if (g, k) in elite else ELITE) if c == "u23?" else c, k) for g, c, k in provisional]


def _entry(node: Node, group: _Group, men_keys: set[str], blocked: set[str], data_dir: Path) -> Entry | None:
    """The entry of one group: the hand line's name and values if it has one, else the data's."""
    gender, category, key = node
    row = group.manual
    if row is None and not group.sightings:
        return None
    if row is not None:
        gender = row.get("gender") or gender
    sightings = sorted(group.sightings, key=lambda sf: _preference(sf[0], sf[1]))
    needs_marker = category != ELITE or (gender == WOMEN and bool(_keys(group) & men_keys))
    name = row["name"] if row else _canonical(sightings, gender, category, needs_marker)
    entity_id = _manual_id(row) if row else _data_id(name)
    names = [name, *(row.get("aliases", []) if row else [])]
    # one word from the data is a name only when it is the race's own ("Kattekoers"), not a truncation ("Gracia")
    names += [n for n in _data_names(sightings, gender, category, needs_marker, blocked)
              if len(name_key(n).split()) > 1 or name_key(n) == name_key(name)]
    if not row:
        names += _generated_names(sightings, gender, category, needs_marker)
    attrs = {
        "type": (row or {}).get("type") or _race_type(group.sightings),
        "country": (row or {}).get("country") or _country(group.sightings) or _country_in_name(name, data_dir),
        "gender": gender,
        "class": _latest_class(s for s, _ in group.sightings),
    }
    return Entry(entity_id, "RACE", name, unique_names([name, *names]), attrs)


def _data_id(name: str) -> str:
    """"race:" + the slug of the name, a possessive written as one word ("Women's Tour" -> "womens-tour")."""
    return "race:" + slug(_POSSESSIVE.sub("s", name))


def _keys(group: _Group) -> set[str]:
    """Every key a race is known under: its sightings' and its hand names'."""
    keys = {form.key for _, form in group.sightings}
    if group.manual:
        keys |= {race_key(strip_sponsor(strip_markers(n))) for n in [group.manual["name"], *group.manual.get("aliases", [])]}
    return keys


def _preference(sighting: Sighting, form: NameForm) -> tuple:
    """Which sighting names a race best: FirstCycling's short English forms, then the most recent
    and most used PCS spelling; abbreviated names ("Kamp. van Vlaanderen") last."""
    abbreviated = bool(re.search(r"\w\.\s?\w|\w\.$|\b\w{1,4}\.\s", form.written))
    return (abbreviated, SOURCE_RANK[sighting.source], -(sighting.year or 0), -sighting.weight, form.written)


def _canonical(sightings: list[tuple[Sighting, NameForm]], gender: str, category: str, needs_marker: bool) -> str:
    """The name of a race only the data knows: the preferred sighting's, without sponsor; for a
    women's, U23 or junior race that shares it with the men's race, a form that says whose it is
    ("Scheldeprijs Vrouwen Elite") or the name plus "Women" / "U23" / "Juniors"."""
    sighting, form = sightings[0]
    base = _best_spelling([f.core for _, f in sightings if f.key == form.key] or [form.core])
    base = _title_if_shouting(base)
    if len(name_key(base).split()) == 1:  # "Wellington" and "VR" are the place, the race is "VR Women"
        longer = [f.written for _, f in sightings if len(name_key(f.written).split()) > 1 and "/" not in f.written
                  and not _CODE_WORDS.search(f.written)]
        base = _best_spelling(longer) if longer else base
    if not needs_marker:
        return base
    marked = [f.written for _, f in sightings
              if _says_whose(f.written, gender, category) and not _CODE_WORDS.search(f.written) and "/" not in f.written]
    if marked:
        return _title_if_shouting(_best_spelling([strip_sponsor(m) for m in marked]))
    return f"{base} {_marker(gender, category)}"


def _says_whose(name: str, gender: str, category: str) -> bool:
    """Whether a name tells a women's, U23 or junior race from the men's elite race of that name."""
    if category == U23:
        return bool(_U23_WORDS.search(name))
    if category == JUNIOR:
        return bool(_JUNIOR_WORDS.search(name))
    return gender == WOMEN and bool(_WOMEN_WORDS.search(name))


def _marker(gender: str, category: str) -> str:
    if category == U23:
        return "U23"
    if category == JUNIOR:
        return "Juniors" if gender == MEN else "Women Juniors"
    return "Women"


def _best_spelling(forms: Iterable[str]) -> str:
    """Of spellings of one name, the one with accents and mixed case, then the most frequent."""
    counts = Counter(forms)
    return max(counts, key=lambda f: (sum(not c.isascii() for c in f) > 0, not f.isupper() and not f.islower(),
                                       counts[f], f.count(" - ") == 0, -len(f), f))


def _title_if_shouting(name: str) -> str:
    return name.title() if name.isupper() and len(name) > 4 else name


def _data_names(sightings: list[tuple[Sighting, NameForm]], gender: str, category: str, needs_marker: bool,
                blocked: set[str]) -> list[str]:
    """The data's spellings worth matching: cleaned, no PCS codes, no bare generic word or climb name,
    and for a women's, U23 or junior race sharing a name with the men's race only those that say so."""
    out: list[str] = []
    for _, form in sightings:
        whole = [form.written, form.core, strip_sponsor(form.written)] if "/" not in form.written else []
        for candidate in (*whole, *_parts(form.written)):
            candidate = candidate.strip(" -")
            if _CODE_WORDS.search(candidate) or len(candidate.split()) > 8 or is_generic(candidate):
                continue
            if name_key(candidate) in blocked or len(name_key(candidate)) < 3:
                continue
            if needs_marker and not _says_whose(candidate, gender, category):
                continue
            out.append(_title_if_shouting(candidate))
    return out


def _generated_names(sightings: list[tuple[Sighting, NameForm]], gender: str, category: str, needs_marker: bool) -> list[str]:
    """"Amstel Gold Race Women" and "Women's Amstel Gold Race", "Paris-Tours U23": how news marks them."""
    if not needs_marker or not sightings:
        return []
    cores = {_best_spelling([f.core for _, f in sightings if f.key == key]) for key in {f.key for _, f in sightings}}
    out = []
    for core in sorted(cores):
        if _says_whose(core, gender, category):
            continue
        if category == ELITE and gender == WOMEN:
            out += [f"{core} Women", f"Women's {core}"]
        elif category == U23:
            out += [f"{core} U23", f"{core} Espoirs"]
        else:
            out += [f"{core} {_marker(gender, category)}"]
    return out


def _race_type(sightings: list[tuple[Sighting, NameForm]]) -> str | None:
    """Stage race or one-day race by weighted vote: the calendar's flag and stage counts over classes."""
    weight = {"firstcycling": 3, "letour": 3, "pcs-lists": 2, "pcs-results": 2, "uci-calendar": 1}
    votes: Counter[str] = Counter()
    for sighting, _ in sightings:
        if sighting.race_type:
            votes[sighting.race_type] += weight[sighting.source]
    if not votes:
        return None
    return max(sorted(votes), key=lambda t: votes[t])


def _country(sightings: list[tuple[Sighting, NameForm]]) -> str | None:
    """The country of the latest edition a data set gives one for (FirstCycling, the UCI calendar)."""
    dated = sorted(((s.year or 0, -SOURCE_RANK[s.source], s.country) for s, _ in sightings if s.country), reverse=True)
    return dated[0][2] if dated else None


def _country_in_name(name: str, data_dir: Path) -> str | None:
    """The country a race is named after, for races only the PCS lists know: "Tour of Lithuania",
    "Vuelta a Colombia", "GP Slovakia". The Tour of Georgia was American: that one name is skipped."""
    match = _NAMED_AFTER_COUNTRY.match(name)
    if not match or name_key(match.group(1)) in _NOT_THE_COUNTRY:
        return None
    return ioc_code(match.group(1), data_dir)


def _latest_class(sightings: Iterable[Sighting]) -> str | None:
    """The UCI class of the latest edition the data sets have; the higher one when a year has two
    (FirstCycling lists Eschborn-Frankfurt 1.UWT and its U23 race 1.2U under one name)."""
    ranked = [(s.year or 0, -SOURCE_RANK[s.source], _class_rank(s.race_class), s.race_class)
              for s in sightings if s.race_class]
    return max(ranked)[3] if ranked else None


def _class_rank(race_class: str) -> int:
    """Higher for a higher level: WorldTour over ProSeries over .1 over .2."""
    order = ("UWT", "WWT", "WT", "Pro", "PRO", "HC", "PT", "1", "2", "NC")
    level = race_class.split(".")[-1]
    return len(order) - order.index(level) if level in order else 0


def _climb_keys(data_dir: Path) -> set[str]:
    """Names of climbs, never matched as races ("CIC - Mont Ventoux" is a race; "Mont Ventoux" is not)."""
    keys = {name_key(r["climb_name"]) for r in _rows(data_dir / CLIMBS)}
    return {k for k in keys if k}


def _merge_entries(first: Entry, second: Entry) -> Entry:
    """Two groups that came out under one id: the first's name and values, both's names."""
    return Entry(first.id, first.label, first.name, unique_names([*first.names, *second.names]), first.attrs)


def _drop_shared_names(entries: dict[str, Entry]) -> None:
    """A name two races share is kept by the race it is the name of, and dropped by the others."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries.values():
        for name in entry.names:
            owners[name_key(name)].add(entry.id)
    for entity_id, entry in list(entries.items()):
        names = tuple(n for n in entry.names if len(owners[name_key(n)]) == 1 or name_key(n) == name_key(entry.name))
        if names != entry.names:
            entries[entity_id] = Entry(entry.id, entry.label, entry.name, names, entry.attrs)


# --- championships ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """The championship entry a data row belongs to."""

    id: str
    gender: str
    country: str | None = None  # IOC code of a national championship
    label: str | None = None  # the adjective or country name it is written with ("Belgian")
    family: Family | None = None


def championship_targets(written: str, sighting: Sighting, data_dir: Path) -> list[Target]:
    """The championship entries a row belongs to, empty when it is an ordinary race.

    A row with no gender (the UCI calendar's "National Road Championships - Spain") belongs to
    both genders' championships; U23 and junior rows to the elite event of their gender.
    """
    genders = _championship_genders(written, sighting)
    national = national_country(written, data_dir)
    if national:
        code, label = national
        stem = slug(f"{label} National Championships")
        return [Target(_gendered_id(stem, g), g, code, label) for g in genders]
    if not _EVENT_WORDS.search(written):
        return []
    for family in FAMILIES:
        if family.pattern.search(written):
            return [Target(_gendered_id(family.stem, g), g, family=family) for g in genders]
    return []


def _championship_genders(written: str, sighting: Sighting) -> list[str]:
    """The genders a championship row is for: its words, else its data set's gender, else both
    (the UCI calendar lists national championships once); the PCS lists are men's."""
    if _WOMEN_WORDS.search(written):
        return [WOMEN]
    if re.search(r"\b(?:ME|MJ|MU|men)\b", written):
        return [MEN]
    if sighting.gender:
        return [sighting.gender]
    return [MEN] if sighting.source == "pcs-lists" else [MEN, WOMEN]


def _gendered_id(stem: str, gender: str) -> str:
    return f"race:{stem}" + ("-women" if gender == WOMEN else "")


def national_country(written: str, data_dir: Path) -> tuple[str | None, str] | None:
    """(IOC code, adjective or country name) of a national championship row; None for other rows.

    "National Championships Belgium U23 - ITT" -> ("BEL", "Belgian"); "National Road
    Championships - Spain", "Championnats Nationaux Route - Italie", "National TT Championships
    Norway", "Australian Open Road Cycling Championships - Itt". A country no table knows keeps
    the name the row gives it, with no code.
    """
    match = _NATIONAL.match(written)
    if match:
        rest = written[match.end():]
        for _ in range(2):  # "New Zealand - Road Race U23", "Belgium U23 - ITT"
            rest = _DISCIPLINE.sub("", rest)
            rest = re.sub(r"\b(?:WE|WJ|WMJ|WU23|ME|MJ|MU|U23/MJ|U23|Elite)\b", " ", rest)
            rest = " ".join(rest.replace("-", " ").replace(",", " ").split())
        if not rest:
            return None
        code = _COUNTRY_SPELLINGS.get(name_key(rest)) or ioc_code(rest, data_dir)
        return code, _country_label(code, rest, data_dir)
    match = _OPEN_NATIONAL.match(written)
    if match:
        adjective = match.group("adjective").lower()
        code = next((c for c, adj in ADJECTIVES.items() if adj.lower() == adjective), None)
        return (code, ADJECTIVES[code]) if code else None
    return None


def _country_label(code: str | None, written: str, data_dir: Path) -> str:
    """The word a championship is named with: the adjective, else the country's name, else the row's."""
    if code and code in ADJECTIVES:
        return ADJECTIVES[code]
    if code in _COUNTRY_LABELS:
        return _COUNTRY_LABELS[code]
    if code and code in _country_names(data_dir):
        return _country_names(data_dir)[code]
    return written.title() if written.isupper() or written.islower() else written


def _country_names(data_dir: Path) -> dict[str, str]:
    return {r["nationality_id_three"].strip(): r["nationality_name"].strip() for r in _rows(data_dir / COUNTRY_NAMES)}


def national_names(country: str | None, label: str, gender: str, data_dir: Path) -> tuple[str, list[str]]:
    """Canonical name and all names of a country's national championships, for one gender."""
    country_name = _COUNTRY_LABELS.get(country or "") or _country_names(data_dir).get(country or "") or label
    canonical = f"{label} National Championships"
    if label in ADJECTIVES.values():
        men = [canonical, f"{label} national championship", f"{label} road championships",
               f"{label} national road championships", f"{label} road race championships",
               f"{label} national road race championships", f"{label} road race championship",
               f"{label} time trial championships", f"{label} national time trial championships",
               f"{label} time trial championship", f"{label} nationals", f"{label} championships",
               f"{country_name} national championships", f"National Championships {country_name}"]
        women = [f"{label} women's national championships", f"{label} women's road race championships",
                 f"{label} women's road championships", f"{label} women's time trial championships",
                 f"{label} women's nationals", f"{label} national championships women",
                 f"women's {label} national championships", f"women's {label} road race championships",
                 f"{country_name} national championships women"]
    else:
        men = [canonical, f"{label} road championships", f"{label} road race championships",
               f"{label} time trial championships", f"National Championships {label}"]
        women = [f"{label} women's national championships", f"{label} women's road race championships"]
    if gender == MEN:
        return canonical, [*men, *LOCAL_NATIONALS.get(country or "", ())]
    return f"{canonical} Women", [f"{canonical} Women", *women]


def _family_names(family: Family, gender: str) -> tuple[str, list[str]]:
    """Name and names of an event for one gender; the women's say so ("Women's Asian Championships")."""
    if gender == MEN:
        return family.name, list(family.names)
    names = [f"{family.name} Women"]
    for base in family.names:
        names += [f"{base} Women", f"Women's {base}"]
    return f"{family.name} Women", names


def _add_championships(entries: dict[str, Entry], rows: list[tuple[Sighting, Target, bool]],
                       manual: list[dict[str, Any]], data_dir: Path) -> None:
    """National championships of every country the data names (and of the cycling countries, for both
    genders), the other events the data names; a hand line for an event (Worlds, Europeans,
    Olympics) keeps its names and takes the class of the data's rows."""
    targets: dict[str, Target] = {}
    sightings: dict[str, list[tuple[Sighting, bool]]] = defaultdict(list)
    for sighting, target, elite in rows:
        targets.setdefault(target.id, target)
        sightings[target.id].append((sighting, elite))
    for country in CYCLING_COUNTRIES:
        label = _country_label(country, country, data_dir)
        for gender in (MEN, WOMEN):
            target = Target(_gendered_id(slug(f"{label} National Championships"), gender), gender, country, label)
            targets.setdefault(target.id, target)
    manual_ids = {_manual_id(row) for row in manual}
    for entity_id, target in sorted(targets.items()):
        race_class = _championship_class(sightings.get(entity_id, []))
        if entity_id in manual_ids and entity_id in entries:
            old = entries[entity_id]
            attrs = {**old.attrs, "class": old.attrs.get("class") or race_class}
            entries[entity_id] = Entry(old.id, old.label, old.name, old.names, attrs)
            continue
        if target.family:
            name, names = _family_names(target.family, target.gender)
        else:
            name, names = national_names(target.country, target.label or "", target.gender, data_dir)
        attrs = {"type": "one-day", "country": target.country, "gender": target.gender, "class": race_class}
        entries[entity_id] = Entry(entity_id, "RACE", name, unique_names(names), attrs)


def _championship_class(rows: list[tuple[Sighting, bool]]) -> str | None:
    """The latest class of the elite rows (the U23 time trial's "WCUT" is not the Worlds' class)."""
    elite = [s for s, is_elite in rows if is_elite]
    return _latest_class(elite or [s for s, _ in rows])
