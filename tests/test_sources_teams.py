"""Teams of the public data sets: lineages, names and their casing (pipeline.gazetteer.sources.teams)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.gazetteer.kb import Entry
from pipeline.gazetteer.sources import teams
from pipeline.gazetteer.sources.teams import (
    case_word,
    clean_name,
    proper_case,
    short_form_candidates,
    word_lexicon,
)
from pipeline.text.fold import name_key

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"public data sets not found at {DATA}")

# The 18 men's WorldTeams of 2024 and the 15 Women's WorldTeams of 2024 as FirstCycling lists
# them (its 2024 export files the women's WorldTeams under "Women's Conti").
MEN_WORLDTEAMS_2024 = [
    "Alpecin-Deceuninck", "Arkéa-B&B Hotels", "Astana Qazaqstan Team", "Bahrain Victorious", "BORA-hansgrohe",
    "Cofidis", "Decathlon AG2R La Mondiale Team", "EF Education-EasyPost", "Groupama-FDJ", "INEOS Grenadiers",
    "Intermarché-Wanty", "Lidl-Trek", "Movistar Team", "Soudal Quick-Step", "Team dsm-firmenich PostNL",
    "Team Jayco-AlUla", "Team Visma | Lease a Bike", "UAE Team Emirates",
]
WOMEN_WORLDTEAMS_2024 = [
    "AG Insurance-Soudal Team", "CANYON//SRAM Racing", "Ceratizit-WNT Pro Cycling", "FDJ-SUEZ", "Fenix-Deceuninck",
    "Human Powered Health", "Lidl-Trek", "Liv AlUla Jayco", "Movistar Team", "Roland", "Team dsm-firmenich PostNL",
    "Team SD Worx-Protime", "Team Visma | Lease a Bike", "UAE Team ADQ", "Uno-X Mobility",
]


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    if not DATA.is_dir():
        pytest.skip(f"public data sets not found at {DATA}")
    return teams.read(DATA)


def by_id(entries: list[Entry]) -> dict[str, Entry]:
    return {e.id: e for e in entries}


def keys(names) -> set[str]:
    return {name_key(n) for n in names}


def with_season_name(entries: list[Entry], gender: str, year: int, name: str) -> list[Entry]:
    key = name_key(name)
    return [e for e in entries if e.attrs["gender"] == gender and key in keys(e.attrs["seasons"].get(str(year), []))]


# --- the data --------------------------------------------------------------------------------


@needs_data
@pytest.mark.parametrize("name", MEN_WORLDTEAMS_2024)
def test_every_mens_worldteam_of_2024_has_its_2024_name(entries, name):
    found = with_season_name(entries, "men", 2024, name)
    assert len(found) == 1, f"{name}: {[e.id for e in found]}"
    assert found[0].attrs["division"] == "WorldTeam"


@needs_data
@pytest.mark.parametrize("name", WOMEN_WORLDTEAMS_2024)
def test_every_womens_worldteam_of_2024_has_its_2024_name(entries, name):
    found = with_season_name(entries, "women", 2024, name)
    assert len(found) == 1, f"{name}: {[e.id for e in found]}"
    assert found[0].attrs["division"] == "WorldTeam"


@needs_data
def test_astanas_names_are_one_lineage(entries):
    astana = by_id(entries)["team:astana"]
    names = keys(astana.names)
    assert {name_key("Astana Pro Team"), name_key("Astana Qazaqstan Team")} <= names
    assert name_key("Astana – Premier Tech") in names  # = "Astana Premier Tech"
    assert astana.attrs["uci_code"] == "AST" and astana.attrs["nationality"] == "KAZ"
    assert astana.attrs["seasons"]["2019"] == ["Astana Pro Team"]


@needs_data
def test_jumbo_visma_and_visma_lease_a_bike_are_one_team(entries):
    owners = {name: {e.id for e in entries if name_key(name) in keys(e.names)}
              for name in ("Jumbo-Visma", "Team Jumbo-Visma", "Visma | Lease a Bike")}
    assert owners["Jumbo-Visma"] == owners["Visma | Lease a Bike"] == {"team:visma"}
    assert "team:visma" in owners["Team Jumbo-Visma"]
    assert by_id(entries)["team:visma"].name == "Visma | Lease a Bike"


@needs_data
def test_ineos_lineage_goes_back_to_team_sky(entries):
    ineos = by_id(entries)["team:ineos"]
    assert {name_key("Team Sky"), name_key("Team INEOS"), name_key("INEOS Grenadiers")} <= keys(ineos.names)
    assert "INEOS" in ineos.names  # the short form news uses alone


@needs_data
def test_licence_histories_the_data_cannot_link_follow_the_hand_table(entries):
    ids = by_id(entries)
    assert name_key("Lampre-Merida") in keys(ids["team:uae"].names)
    assert name_key("Orica GreenEDGE") in keys(with_season_name(entries, "men", 2023, "Team Jayco-AlUla")[0].names)
    assert name_key("Garmin-Sharp") in keys(with_season_name(entries, "men", 2024, "EF Education-EasyPost")[0].names)
    assert name_key("CCC Team") in keys(with_season_name(entries, "men", 2018, "BMC Racing Team")[0].names)


@needs_data
def test_every_2015_worldteam_has_names_for_several_seasons(entries):
    with (DATA / "psemdel_uci_rankings" / "UWT2015manteam.csv").open(encoding="utf-8") as rows:
        worldteams = [row["Name"] for row in csv.DictReader(rows)]
    assert len(worldteams) == 17
    for name in worldteams:
        found = with_season_name(entries, "men", 2015, name)
        assert len(found) == 1, (name, [e.id for e in found])  # feeder teams of the same name are left out
        assert len(found[0].attrs["seasons"]) >= 4, (name, found[0].attrs["seasons"])


@needs_data
def test_entries_are_sorted_with_unique_ids_and_the_kb_attributes(entries):
    ids = [e.id for e in entries]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for entry in entries:
        assert entry.id.startswith("team:") and entry.label == "TEAM"
        assert set(entry.attrs) == {"nationality", "gender", "uci_code", "seasons", "division"}
        assert entry.attrs["gender"] in ("men", "women")
        assert name_key(entry.name) in keys(entry.names)
        assert all(names == sorted(names) for names in entry.attrs["seasons"].values())


@needs_data
def test_the_hand_tables_ids_are_lineages_of_the_data(entries):
    ids = by_id(entries)
    for line in (ROOT / "patterns" / "manual" / "teams.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            assert f"team:{json.loads(line)['id']}" in ids
    for hand in teams.hand_names():
        entry = ids[hand.team]
        for year in hand.seasons:
            assert name_key(hand.name) in keys(entry.attrs["seasons"][str(year)])


@needs_data
def test_short_forms_avoid_countries_and_shared_sponsors(entries):
    ids = by_id(entries)
    assert "Movistar" in ids["team:movistar"].names and "Movistar" not in ids["team:movistar-women"].names
    assert "Alpecin" in ids["team:alpecin"].names
    assert "EF" in with_season_name(entries, "men", 2024, "EF Education-EasyPost")[0].names
    every_name = keys(n for e in entries for n in e.names)
    assert not {"bahrain", "uae", "israel", "kazakhstan", "australia", "colombia"} & every_name


@needs_data
def test_output_does_not_depend_on_the_hash_seed(entries):
    script = (
        "import json, sys; from pathlib import Path; from pipeline.gazetteer.sources import teams; "
        "print(json.dumps([e.to_json() for e in teams.read(Path(sys.argv[1]))], ensure_ascii=False))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", script, str(DATA)], cwd=ROOT, env=env,
                           capture_output=True, text=True, check=True)
    assert json.loads(other.stdout) == [e.to_json() for e in entries]


# --- the helpers -----------------------------------------------------------------------------


LEXICON = word_lexicon(["Team Quuxhaus-Fliegen", "ZORBA Racing", "Flitz e Vita", "Grunt.io Cycling"])


def test_proper_case_takes_the_teams_own_spellings_and_joins_spaced_dashes():
    assert proper_case("TEAM QUUXHAUS - FLIEGEN", LEXICON) == "Team Quuxhaus-Fliegen"
    assert proper_case("ZORBA - PLUMBERGEN P / B KTZ", LEXICON) == "ZORBA-Plumbergen p/b KTZ"
    assert proper_case("MAISON D'ORVILLE - LA FRONDE", LEXICON) == "Maison d'Orville-la Fronde"


def test_proper_case_keeps_mixed_case_words_and_names_not_in_capitals():
    assert proper_case("Team QUUXHAUS-GreenBLIP", LEXICON) == "Team Quuxhaus-GreenBLIP"
    assert proper_case("Zorba Racing", LEXICON) == "Zorba Racing"


def test_case_word_keeps_acronyms_digits_and_particles():
    assert case_word("KTZ", False, {}) == "KTZ"  # three letters: an acronym
    assert case_word("BIG", False, {}) == "Big"  # ... unless a word
    assert case_word("Q7.5", False, {}) == "Q7.5"
    assert case_word("DE", False, {}) == "de" and case_word("DE", True, {}) == "DE"
    assert case_word("E", True, LEXICON) == "E"  # the lexicon's "e" of "Flitz e Vita", but first
    assert case_word("GRUNT.IO", False, LEXICON) == "Grunt.io"
    assert case_word('"BLOOP"', False, {}) == '"Bloop"'


def test_word_lexicon_learns_only_from_names_not_in_capitals():
    lexicon = word_lexicon(["PLONK WORKS", "Plonk-ZIP", "plonk plonk"], ["OLDE TEAM", "Olde MegaWATT"])
    assert lexicon == {"plonk": "Plonk", "zip": "ZIP", "megawatt": "MegaWATT"}


def test_short_form_candidates_lead_sponsor_and_carried_compounds():
    names = ["Zip-Zap Floors", "Blorb Zip-Zap", "Team Zip-Zap"]
    assert short_form_candidates("Team Zip-Zap", names) == ["Zip", "Zip-Zap"]
    assert short_form_candidates("Krell-Vonk Omni", ["Krell-Vonk Omni", "Krell-Vonk Omni Racing"]) == ["Krell"]
    assert short_form_candidates("Team Krell-Pro Cycling", []) == ["Krell"]
    assert short_form_candidates("Team", []) == []


def test_clean_name_removes_export_noise():
    assert clean_name("  ZORBA &amp; SONS  *") == "ZORBA & SONS"
    assert clean_name("AMORE E VITA | P:") == "AMORE E VITA"
    assert clean_name("QUUX WOMEN CYCLNG TEAM") == "QUUX WOMEN CYCLING TEAM"
