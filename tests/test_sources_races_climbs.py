"""Races, climbs and places read from the public data sets and the hand tables.

The data-set tests need ../shared/data and skip without it; the name-cleaning helpers are tested
on names written here.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.gazetteer.kb import Entry
from pipeline.gazetteer.sources import climbs, places, races
from pipeline.text.fold import name_key

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"public data sets not found at {DATA} (../shared/data)")

RACE_ATTRS = {"type", "country", "gender", "class"}
CLIMB_ATTRS = {"country", "length_km", "gradient_pct", "height_m", "wikidata"}


@pytest.fixture(scope="module")
def race_list() -> list[Entry]:
    return races.read(DATA)


@pytest.fixture(scope="module")
def climb_list() -> list[Entry]:
    return climbs.read(DATA)


@pytest.fixture(scope="module")
def place_set() -> set[str]:
    return places.read(DATA)


def owner(entries: list[Entry], name: str) -> Entry:
    """The one entry that has this name (folded)."""
    found = [e for e in entries if name_key(name) in {name_key(n) for n in e.names}]
    assert len(found) == 1, f"{name!r}: {[e.id for e in found]}"
    return found[0]


def by_id(entries: list[Entry], entity_id: str) -> Entry:
    return next(e for e in entries if e.id == entity_id)


# --- races --------------------------------------------------------------------------------------


@needs_data
def test_more_than_a_thousand_races_sorted_and_well_formed(race_list):
    assert len(race_list) >= 1000
    ids = [e.id for e in race_list]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for entry in race_list:
        assert entry.id.startswith("race:") and entry.label == "RACE" and entry.name in entry.names
        assert set(entry.attrs) == RACE_ATTRS
        assert entry.attrs["gender"] in ("men", "women")
        assert entry.attrs["type"] in ("stage", "one-day")


@needs_data
def test_men_and_women_races_both_counted(race_list):
    genders = [e.attrs["gender"] for e in race_list]
    assert genders.count("men") > 800 and genders.count("women") > 250


@needs_data
def test_no_generic_word_alone_and_no_name_shared(race_list):
    seen: dict[str, str] = {}
    for entry in race_list:
        for name in entry.names:
            key = name_key(name)
            assert key not in {"tour", "classic", "grand prix", "race", "giro d", "women"}, (entry.id, name)
            assert seen.setdefault(key, entry.id) == entry.id, (name, seen[key], entry.id)


@needs_data
def test_milan_san_remo_is_one_race(race_list):
    race = owner(race_list, "Milano-Sanremo")
    assert race.id == "race:milan-san-remo"
    assert owner(race_list, "Milan-San Remo") is race and owner(race_list, "Sanremo") is race
    assert race.attrs["type"] == "one-day" and race.attrs["country"] == "ITA" and race.attrs["class"] == "1.UWT"


@needs_data
def test_tour_of_flanders_is_one_race(race_list):
    race = owner(race_list, "Tour of Flanders")
    assert owner(race_list, "Ronde van Vlaanderen") is race and owner(race_list, "De Ronde") is race
    assert race.attrs["gender"] == "men"
    women = owner(race_list, "Ronde van Vlaanderen Women")
    assert women.id != race.id and women.attrs["gender"] == "women"


@needs_data
def test_paris_roubaix_and_paris_roubaix_femmes_are_two_races(race_list):
    men = by_id(race_list, "race:paris-roubaix")
    women = by_id(race_list, "race:paris-roubaix-femmes")
    assert (men.attrs["gender"], women.attrs["gender"]) == ("men", "women")
    assert not {name_key(n) for n in men.names} & {name_key(n) for n in women.names}
    assert owner(race_list, "Paris-Roubaix Femmes") is women


@needs_data
def test_race_types(race_list):
    assert owner(race_list, "Giro d'Italia").attrs["type"] == "stage"
    assert owner(race_list, "Strade Bianche").attrs["type"] == "one-day"
    assert owner(race_list, "Tour de France Femmes").attrs == {"type": "stage", "country": "FRA", "gender": "women", "class": "2.WWT"}


@needs_data
def test_data_variants_join_the_hand_table(race_list):
    """Spellings only the data has end up with the race the hand table names."""
    assert owner(race_list, "La Vuelta ciclista a España").id == "race:vuelta-a-espana"
    assert owner(race_list, "Ronde van Vlaanderen - Tour des Flandres").id == "race:tour-of-flanders"
    assert owner(race_list, "Amstel Gold Race Ladies Edition").id == "race:amstel-gold-race-women"
    assert owner(race_list, "OVO Energy Tour of Britain").id == "race:tour-of-britain"


@needs_data
def test_women_and_u23_races_keep_to_names_that_say_so(race_list):
    strade = owner(race_list, "Strade Bianche Women")
    assert strade.attrs["gender"] == "women" and "Strade Bianche" not in strade.names
    u23 = owner(race_list, "Liège-Bastogne-Liège U23")
    assert u23.id != "race:liege-bastogne-liege" and all("U23" in n or "Espoirs" in n for n in u23.names)


@needs_data
@pytest.mark.parametrize("country, adjective", [("BEL", "Belgian"), ("NED", "Dutch")])
def test_national_championships_for_men_and_women(race_list, country, adjective):
    men = by_id(race_list, f"race:{adjective.lower()}-national-championships")
    women = by_id(race_list, f"race:{adjective.lower()}-national-championships-women")
    assert (men.attrs["gender"], women.attrs["gender"]) == ("men", "women")
    assert men.attrs["country"] == women.attrs["country"] == country
    assert owner(race_list, f"{adjective} road race championships") is men
    assert owner(race_list, f"{adjective} nationals") is men
    assert owner(race_list, f"{adjective} women's road race championships") is women


@needs_data
def test_world_and_european_championships_and_olympics(race_list):
    worlds = owner(race_list, "Worlds")
    assert worlds.id == "race:world-championships" and owner(race_list, "UCI Road World Championships") is worlds
    assert by_id(race_list, "race:world-championships-women").attrs["gender"] == "women"
    assert owner(race_list, "European Championships").attrs["gender"] == "men"
    assert owner(race_list, "Olympic road race").id == "race:olympic-games-road-race"


@needs_data
def test_championship_rows_are_not_races(race_list):
    assert not [e.id for e in race_list if e.id.startswith("race:national-championships")]
    assert not [e.id for e in race_list if "world-championships" in e.id and e.id not in
                ("race:world-championships", "race:world-championships-women")]


# --- climbs -------------------------------------------------------------------------------------


@needs_data
def test_more_than_800_climbs_sorted_and_well_formed(climb_list):
    assert len(climb_list) >= 800
    ids = [e.id for e in climb_list]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for entry in climb_list:
        assert entry.id.startswith("climb:") and entry.label == "CLIMB" and set(entry.attrs) == CLIMB_ATTRS


@needs_data
@pytest.mark.parametrize("name", ["Koppenberg", "Mur de Huy", "Poggio", "Green Mountain", "Jebel Akhdar",
                                  "Jebel Hafeet", "Jabal Haat", "Cipressa", "Willunga Hill", "Kapelmuur"])
def test_famous_climbs_exist(climb_list, name):
    assert owner(climb_list, name)


@needs_data
def test_green_mountain_is_jebel_akhdar(climb_list):
    assert owner(climb_list, "Green Mountain") is owner(climb_list, "Jebel Akhdar")
    assert owner(climb_list, "Green Mountain").attrs["country"] == "OMA"


@needs_data
def test_stelvio_short_form_and_hardest_side(climb_list):
    stelvio = owner(climb_list, "Passo dello Stelvio")
    assert stelvio.id == "climb:passo-dello-stelvio"
    assert {"Stelvio", "Stilfser Joch"} <= set(stelvio.names)
    assert 20 <= stelvio.attrs["length_km"] <= 27 and 6 <= stelvio.attrs["gradient_pct"] <= 9
    assert stelvio.attrs["height_m"] == 2758 and stelvio.attrs["country"] == "ITA"


@needs_data
def test_short_forms_only_when_they_stand_alone(climb_list):
    names = {name_key(n) for e in climb_list for n in e.names}
    assert {"galibier", "zoncolan", "finestre", "angliru", "ventoux"} <= names
    assert "madeleine" not in names and "porte" not in names and "san pellegrino" not in names
    assert "Col de la Madeleine" in by_id(climb_list, "climb:col-de-la-madeleine").names


@needs_data
def test_hand_lines_join_data_climbs(climb_list):
    zoncolan = owner(climb_list, "Monte Zoncolan")
    assert zoncolan.id == "climb:monte-zoncolan" and zoncolan.attrs["wikidata"] == "Q1468844"


@needs_data
def test_mistagged_countries_are_fixed(climb_list):
    assert by_id(climb_list, "climb:albulapass").attrs["country"] == "SUI"
    assert by_id(climb_list, "climb:kandel").attrs["country"] == "GER"


# --- places -------------------------------------------------------------------------------------


@needs_data
def test_places_hold_stage_towns_and_climb_sides(place_set):
    assert {"roubaix", "pau", "bormio", "masterton", "camperdown", "san benedetto del tronto"} <= place_set
    assert all(p == name_key(p) for p in place_set)


# --- determinism and speed ----------------------------------------------------------------------


def _digest(entries: list[Entry]) -> str:
    return hashlib.sha256(json.dumps([e.to_json() for e in entries], ensure_ascii=False).encode()).hexdigest()


@needs_data
def test_same_output_in_another_process(race_list, climb_list, place_set):
    """Another hash seed, the same bytes: set order cannot leak into the output."""
    script = (
        "import hashlib, json, sys; from pathlib import Path;"
        "from pipeline.gazetteer.sources import climbs, places, races;"
        "d = Path(sys.argv[1]);"
        "h = lambda es: hashlib.sha256(json.dumps([e.to_json() for e in es], ensure_ascii=False).encode()).hexdigest();"
        "print(h(races.read(d)), h(climbs.read(d)), hashlib.sha256('\\n'.join(sorted(places.read(d))).encode()).hexdigest())"
    )
    seed = "7" if os.environ.get("PYTHONHASHSEED") != "7" else "8"
    run = subprocess.run([sys.executable, "-c", script, str(DATA)], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONHASHSEED": seed}, check=True, timeout=120)
    places_digest = hashlib.sha256("\n".join(sorted(place_set)).encode()).hexdigest()
    assert run.stdout.split() == [_digest(race_list), _digest(climb_list), places_digest]


# --- helpers, on names written here -------------------------------------------------------------


@pytest.mark.parametrize("raw, clean", [
    ("Paris - Nice 2014 ", "Paris - Nice"),
    ("Vuelta a España (2.UWT)", "Vuelta a España"),
    ("65e Ronde Van Vlaanderen (1.Ncup)", "Ronde Van Vlaanderen"),
    ("WWT Emakumeen XXXII.Bira (2.WWT)", "WWT Emakumeen Bira"),
    ("Tour of Zhoushan Island II (2.2)", "Tour of Zhoushan Island II"),
    ("Joe Martin Stage Race p/b Nature Valley (WE) (2.2)", "Joe Martin Stage Race"),
    ("Scandinavian Race in Uppsala 1909-2016", "Scandinavian Race in Uppsala"),
    ("Women\\'s Tour of New Zealand (2.2)", "Women's Tour of New Zealand"),
])
def test_clean_name(raw, clean):
    assert races.clean_name(raw) == clean


def test_markers_sponsors_and_keys():
    assert races.strip_markers("Scheldeprijs Vrouwen Elite") == "Scheldeprijs"
    assert races.strip_markers("Le Samyn des Dames") == "Le Samyn"
    assert races.strip_markers("Women's Tour") == "Women's Tour"  # "Tour" alone is no race
    assert races.strip_sponsor("OVO Energy Tour of Britain") == "Tour of Britain"
    assert races.strip_sponsor("Skoda-Tour de Luxembourg") == "Tour de Luxembourg"
    assert races.strip_sponsor("Sparkassen Münsterland Giro") == "Münsterland Giro"
    assert races.strip_sponsor("Baloise Ladies Tour") == "Baloise Ladies Tour"
    assert races.race_key("La Flèche Wallonne") == races.race_key("Flèche Wallonne")
    assert races.race_key("G.P. Città di Lugano") == races.race_key("Gran Premio Città di Lugano")
    assert races.race_key("GP Industria & Artigianato") == races.race_key("Gran Premio Industria e Artigianato")


def test_gender_and_category_words():
    assert races.gender_of("Strade Bianche WE") == "women" and races.gender_of("Binche-Chimay-Binche pour Dames") == "women"
    assert races.gender_of("Paris-Roubaix") is None and races.gender_of("Tour de Berlin Feminin") == "women"
    assert races.category_of("Paris-Roubaix Espoirs") == "u23" and races.category_of("Keizer der Juniores") == "junior"
    assert races.category_of("Tour de l'Avenir") == "elite"


def test_stage_strings_are_not_races():
    assert not races.is_race_string("- Camperdown › Thornville")
    assert not races.is_race_string("Prologue - Laval › Laval")
    assert races.is_race_string("Kattekoers") and races.is_race_string("Amstel Gold Race (WT)")


def test_bilingual_parts_keep_race_names_only():
    assert races._parts("Ronde van Vlaanderen / Tour des Flandres") == ["Ronde van Vlaanderen", "Tour des Flandres"]
    assert races._parts("Volta ao Alentejo / Liberty Seguros") == ["Volta ao Alentejo"]


def test_national_championship_rows(tmp_path):
    assert races.national_country("National Championships Great Britain U23 - ITT", tmp_path) == ("GBR", "British")
    assert races.national_country("Championnats Nationaux Route - Italie", tmp_path) == ("ITA", "Italian")
    assert races.national_country("Australian Open Road Cycling Championships - Itt", tmp_path) == ("AUS", "Australian")
    assert races.national_country("Tour of Flanders", tmp_path) is None


def test_hand_table_alone_without_data(tmp_path):
    """No data sets: the hand table and the generated national championships still make entries."""
    entries = races.read(tmp_path)
    assert by_id(entries, "race:milan-san-remo").attrs["class"] is None
    assert by_id(entries, "race:dutch-national-championships-women").attrs["gender"] == "women"
    assert climbs.read(tmp_path) and places.read(tmp_path) == set()


@pytest.mark.parametrize("name, short", [
    ("Col du Galibier", "Galibier"), ("Passo dello Stelvio", "Stelvio"), ("Monte Zoncolan", "Zoncolan"),
    ("Colle delle Finestre", "Finestre"), ("Alto de l'Angliru", "Angliru"), ("Col de la Croix de Fer", "Croix de Fer"),
    ("Alpe d'Huez", None), ("Mont du chat", None),
])
def test_short_form(name, short):
    assert climbs.short_form(name) == short


def test_usable_short_form():
    assert climbs.usable_short_form("Galibier", frozenset())
    assert not climbs.usable_short_form("Madeleine", frozenset())  # a given name
    assert not climbs.usable_short_form("San Pellegrino", frozenset())  # a saint: towns everywhere
    assert not climbs.usable_short_form("Pré", frozenset())  # too short
    assert not climbs.usable_short_form("Vence", frozenset({"vence"}))  # a town in the data
    assert climbs.usable_short_form("Stelvio", frozenset({"stelvio"}))  # famous enough all the same


def test_climb_names():
    assert climbs.name_parts("Passo dello Stelvio - Stilfser Joch") == ["Passo dello Stelvio", "Stilfser Joch"]
    assert climbs.name_parts("Passo della Sentinella (Salerno)") == ["Passo della Sentinella"]
    assert climbs.main_name(["Col Agnel", "Colle dell'Agnello"], "ITA") == "Colle dell'Agnello"
    assert climbs.main_name(["Saint-Lary-Soulan", "Pla d'Adet"], "FRA", {"saint lary soulan"}) == "Pla d'Adet"


def test_route_and_stage_towns():
    assert places.split_route("Aix-en-Provence-Marseille") == ["Aix-en-Provence", "Marseille"]
    assert places.split_route("Bourg-Saint-Maurice-Tignes") == ["Bourg-Saint-Maurice", "Tignes"]
    assert places.pcs_stage_towns("Stage 1a - Gatteo › Gatteo a Mare") == ["Gatteo", "Gatteo a Mare"]
    assert places.clean_town("Ovaro / Davâr") == ["Ovaro", "Davâr"]
    assert places.clean_town("Kirchzarten (Kernort)") == ["Kirchzarten"]
