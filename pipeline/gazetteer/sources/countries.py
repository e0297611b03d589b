"""Country names and codes as the data sets write them, to one code: the IOC/UCI three-letter code.

Riders' nationalities, races' and climbs' countries come as "SLOVENIA", "Great Britain",
"RUSSIAN FEDERATION", "IT" or "ESP". The FirstCycling mapping gives IOC, ISO-2 and English name
for 141 countries; the names official UCI lists use beyond those are added here.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ...text.fold import name_key

MAPPING = Path("cyclingchaos_firstcycling") / "CyclingChaos_nationality_mapping.csv"

# FirstCycling writes a few countries with codes that are not IOC's: their IOC code.
NON_IOC_CODES: dict[str, str | None] = {
    "TRI": "TTO", "IDN": "INA", "SLV": "ESA", "VGB": "IVB", "CDR": "COD", "SBA": "SRB", "MGO": "MNE",
    "ROM": "ROU", "IRN": "IRI", "NON": None, "UCI": None,
}

# Official and short names the mapping lacks (UCI ranking exports, PCS profiles).
EXTRA_NAMES = {
    "bolivarian republic of venezuela": "VEN", "venezuela": "VEN", "czech republic": "CZE", "czechia": "CZE",
    "former yugoslav republic of macedonia": "MKD", "north macedonia": "MKD", "macedonia": "MKD",
    "great britain": "GBR", "united kingdom": "GBR", "britain": "GBR", "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "russian federation": "RUS", "russia": "RUS", "korea": "KOR", "south korea": "KOR", "republic of korea": "KOR",
    "islamic republic of iran": "IRI", "iran": "IRI", "chinese taipei": "TPE", "taiwan": "TPE", "hong kong": "HKG",
    "hong kong china": "HKG", "united states": "USA", "united states of america": "USA", "usa": "USA",
    "lao people s democratic republic": "LAO", "cote d ivoire": "CIV", "ivory coast": "CIV", "eswatini": "SWZ",
    "republic of moldova": "MDA", "moldova": "MDA", "the netherlands": "NED", "netherlands": "NED", "holland": "NED",
    "united arab emirates": "UAE", "uae": "UAE", "new zealand": "NZL", "south africa": "RSA", "slovak republic": "SVK",
    "slovakia": "SVK", "bosnia and herzegovina": "BIH", "trinidad and tobago": "TTO", "antigua and barbuda": "ANT",
    "british virgin islands": "IVB", "dominican republic": "DOM", "el salvador": "ESA", "costa rica": "CRC",
    "puerto rico": "PUR", "kyrgyzstan": "KGZ", "kosovo": "KOS", "montenegro": "MNE", "serbia": "SRB", "andorra": "AND",
    "san marino": "SMR", "liechtenstein": "LIE", "luxembourg": "LUX", "monaco": "MON", "mongolia": "MGL",
    "afghanistan": "AFG", "bahrain": "BRN", "bangladesh": "BAN", "brunei darussalam": "BRU", "cayman islands": "CAY",
    "central african republic": "CAF", "curacao": "CUW", "democratic people s republic of korea": "PRK",
    "democratic republic of the congo": "COD", "grenada": "GRN", "guam": "GUM", "guinea bissau": "GBS", "iraq": "IRQ",
    "jamaica": "JAM", "jordan": "JOR", "libya": "LBA", "macao china": "MAC", "myanmar": "MYA", "pakistan": "PAK",
    "palestine": "PLE", "people s republic of china": "CHN", "china": "CHN", "saint kitts and nevis": "SKN",
    "saint lucia": "LCA", "saint vincent and the grenadines": "VIN", "samoa": "SAM", "sao tome and principe": "STP",
    "sint maarten": "SXM", "suriname": "SUR", "syrian arab republic": "SYR", "tajikistan": "TJK",
    "united republic of tanzania": "TAN", "zambia": "ZAM", "czech": "CZE", "hongkong": "HKG",
    "stateless": None, "na": None,
    "united": None, "new": None, "great": None, "south": None,  # truncated names in one PCS export: unknown, not a guess
}


@lru_cache(maxsize=4)
def _table(data_dir: Path) -> dict[str, str | None]:
    table: dict[str, str | None] = {}
    path = data_dir / MAPPING
    if path.exists():
        with path.open(encoding="utf-8", newline="") as rows:
            for row in csv.DictReader(rows):
                code = row["nationality_id_three"].strip().upper()
                code = NON_IOC_CODES.get(code, code)
                table[name_key(row["nationality_name"])] = code
                if row["nationality_id_two"].strip():
                    table[name_key(row["nationality_id_two"])] = code
                if code:
                    table[name_key(code)] = code
    table.update(EXTRA_NAMES)
    for wrong, right in NON_IOC_CODES.items():  # a source that writes the non-IOC code itself
        table[name_key(wrong)] = right
    return table


def names(data_dir: Path) -> set[str]:
    """Folded names of the countries (not their codes): "wales", "new zealand", "colombia"."""
    return {key for key in _table(data_dir) if len(key) > 3}


def ioc_code(country: str | None, data_dir: Path) -> str | None:
    """The IOC code of a country written as a name, an ISO-2 or an IOC code; None if unknown.

    PCS appends history ("SloveniaPrevious Nationalities: Poland (Untill 2017)"): the current
    nationality is the part before it.
    """
    if not country or not country.strip():
        return None
    country = country.split("Previous Nationalities")[0]
    return _table(data_dir).get(name_key(country))
