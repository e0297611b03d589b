"""Misspelt and capitalised rider names: `Gazetteer.closest` and the name resolver built on it."""

from pathlib import Path

import pytest

from pipeline.gazetteer import Gazetteer
from pipeline.gazetteer.kb import MIN_FUZZY_LENGTH

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.from_dir(ROOT / "patterns" / "kb")


@pytest.mark.parametrize(
    "name, entity_id",
    [
        ("Tadej Pogacarr", "rider:tadej-pogacar"),
        ("Jonas Vingegard", "rider:jonas-vingegaard"),
        ("Primoz Roglicc", "rider:primoz-roglic"),
        ("Remco Evenepoell", "rider:remco-evenepoel"),
        ("Mathieu van der Poell", "rider:mathieu-van-der-poel"),
        ("MATHIEU VAN DER POELL", "rider:mathieu-van-der-poel"),  # case and accents do not count
        ("Pogacarr Tadej", "rider:tadej-pogacar"),  # the surname-first form is a name of the entry too
        ("Joaquin Rodriguez Oliver", "rider:joaquim-rodriguez"),  # another transliteration
    ],
)
def test_closest_links_a_misspelt_full_name(gazetteer, name, entity_id):
    assert gazetteer.closest("RIDER", name) == entity_id


def test_closest_of_teams_is_by_label(gazetteer):
    assert gazetteer.closest("TEAM", "Bahrain Victorios") == "team:bahrain"
    assert gazetteer.closest("RIDER", "Bahrain Victorios") is None


@pytest.mark.parametrize(
    "name",
    [
        "Tadej Pogačar",  # 13 letters: even the exact name is too short to be matched this way
        "Tadej Pogaca",
        "Simon Yatess",
        "Jan Kirt",
        "Evenepoelremco",  # one word
    ],
)
def test_closest_ignores_short_names(gazetteer, name):
    assert len(name) < MIN_FUZZY_LENGTH or " " not in name
    assert gazetteer.closest("RIDER", name) is None


@pytest.mark.parametrize(
    "name",
    [
        "Leonardo Bassso",  # two riders called Leonardo Basso (1993, 1995)
        "Nicholas Whitee",  # two riders called Nicholas White
        "Alexander Vinoukurov",  # Alexandre Vinokourov (1973) and Alexandre Vinokurov (2002)
    ],
)
def test_closest_gives_none_when_two_riders_are_that_close(gazetteer, name):
    assert gazetteer.closest("RIDER", name) is None


@pytest.mark.parametrize(
    "name, near",
    [
        ("Nathieu van der Poel", "Mathieu van der Poel"),  # 95% alike, another given-name initial
        ("Remco Wvenepoel", "Remco Evenepoel"),  # 93% alike, another surname initial
    ],
)
def test_closest_needs_the_same_initials(gazetteer, name, near):
    from rapidfuzz import fuzz

    assert fuzz.ratio(name.lower(), near.lower()) >= 92
    assert gazetteer.closest("RIDER", name) is None


# ---------------------------------------------------------------------------------------------
# In articles: the name resolver


def rider_entities(record):
    return [(e.text, e.id, e.canonical, e.source) for e in record.entities if e.label == "RIDER"]


def test_a_name_in_capitals_is_referred_to_in_the_gazetteer_spelling(read, nlp):
    record = read("Egan Bernal finished 17 seconds behind winner Tadej POGACAR after a hard day.")
    assert ("Tadej POGACAR", "rider:tadej-pogacar", "Tadej Pogačar", "gazetteer") in rider_entities(record)
    assert {(g.rider, g.reference, g.reference_id) for g in record.gaps} == {("Egan Bernal", "Tadej Pogačar", "rider:tadej-pogacar")}
    doc = nlp("Alejandro VALVERDE won the stage.")
    assert doc._.rf_referents["rider:alejandro-valverde"]["name"] == "Alejandro Valverde"


def test_a_name_in_capitals_surname_first_is_referred_to_given_name_first(nlp):
    doc = nlp("Egan Bernal finished 17 seconds behind winner POGAČAR Tadej.")
    assert doc._.rf_referents["rider:tadej-pogacar"]["name"] == "Tadej Pogačar"


def test_a_name_in_ordinary_case_keeps_the_article_spelling(nlp):
    doc = nlp("Egan Bernal finished 17 seconds behind winner Tadej Pogacar.")
    assert doc._.rf_referents["rider:tadej-pogacar"]["name"] == "Tadej Pogacar"


def test_a_misspelt_rider_found_by_context_is_linked_as_fuzzy(read):
    record = read("Top 5: 1. Tadej Pogacarr (UAE Team Emirates), 2. Jonas Vingegard (Jumbo-Visma) at 5 sec")
    assert rider_entities(record) == [
        ("Tadej Pogacarr", "rider:tadej-pogacar", "Tadej Pogačar", "fuzzy"),
        ("Jonas Vingegard", "rider:jonas-vingegaard", "Jonas Vingegaard", "fuzzy"),
    ]
    assert {(g.rider_id, g.seconds, g.reference_id) for g in record.gaps} == {
        ("rider:jonas-vingegaard", 5, "rider:tadej-pogacar")
    }


def test_a_misspelt_rider_written_surname_first_is_linked(read):
    record = read("Top 5: 1. Tadej Pogacar (UAE Team Emirates), 2. Vingegard Jonas (Jumbo-Visma) at 5 sec")
    assert ("Vingegard Jonas", "rider:jonas-vingegaard", "Jonas Vingegaard", "fuzzy") in rider_entities(record)


def test_a_surname_after_a_fuzzy_full_name_follows_it(read):
    record = read("Top 5: 1. Tadej Pogacar (UAE Team Emirates), 2. Jonas Vingegard (Jumbo-Visma) at 5 sec, 3. Vingegard")
    assert ("Vingegard", "rider:jonas-vingegaard", "Jonas Vingegaard", "alias") in rider_entities(record)


@pytest.mark.parametrize(
    "name",
    [
        "Jan Kirt",  # short: another person, not a misspelling of Jan Hirt
        "Leonardo Bassso",  # two Leonardo Bassos
        "Alexander Vinoukurov",  # father and son
    ],
)
def test_a_context_rider_too_short_or_ambiguous_stays_unlinked(read, name):
    record = read(f"Top 5: 1. Tadej Pogacar (UAE Team Emirates), 2. {name} (Astana) at 5 sec")
    assert (name, None, None, "context") in rider_entities(record)
    assert {(g.rider, g.rider_id, g.seconds) for g in record.gaps} == {(name, None, 5)}
