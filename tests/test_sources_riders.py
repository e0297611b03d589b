"""Riders read from the public data sets in ../shared/data: one entry per person, none shared."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.gazetteer.sources.riders import read
from pipeline.text.fold import fold, name_key

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

pytestmark = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"public data sets not found at {DATA} (a checkout beside shared/data is needed)"
)

DIGEST = (
    "import hashlib, json, sys; from pathlib import Path; from pipeline.gazetteer.sources.riders import read; "
    "rows = [e.to_json() for e in read(Path(sys.argv[1]))]; "
    "print(hashlib.sha256(json.dumps(rows, ensure_ascii=False, sort_keys=True).encode()).hexdigest())"
)


@pytest.fixture(scope="module")
def riders():
    return read(DATA)


@pytest.fixture(scope="module")
def by_name(riders):
    found: dict[str, list] = {}
    for entry in riders:
        found.setdefault(name_key(entry.name), []).append(entry)
    return found


def one(by_name, name):
    entries = by_name.get(name_key(name), [])
    assert len(entries) == 1, f"{name}: {[(e.id, e.attrs) for e in entries]}"
    return entries[0]


def test_the_peloton_since_2005_men_and_women(riders):
    assert len(riders) >= 15_000
    genders = {e.attrs["gender"] for e in riders}
    assert {"men", "women"} <= genders


def test_entries_are_well_formed_and_sorted_by_id(riders):
    ids = [e.id for e in riders]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for entry in riders:
        assert entry.label == "RIDER" and entry.id.startswith("rider:")
        assert entry.names[0] == entry.name
        assert len({fold(n) for n in entry.names}) == len(entry.names), entry.names
        assert set(entry.attrs) == {"given", "surname", "nationality", "birth_year", "gender", "last_season", "uci_id", "pcs", "sources"}
        given, surname = entry.attrs["given"], entry.attrs["surname"]
        assert given is None or f"{given} {surname}" == entry.name, entry
        assert entry.attrs["sources"] == sorted(set(entry.attrs["sources"]))
        assert entry.attrs["last_season"] is None or entry.attrs["last_season"] >= 2005


@pytest.mark.parametrize("name, nationality, birth_year, gender", [
    ("Tadej Pogačar", "SLO", 1998, "men"),
    ("Wout van Aert", "BEL", 1994, "men"),
    ("Annemiek van Vleuten", "NED", 1982, "women"),
    ("Elisa Longo Borghini", "ITA", 1991, "women"),
    ("Mathieu van der Poel", "NED", 1995, "men"),
    ("Ben O'Connor", "AUS", 1995, "men"),
])
def test_well_known_riders(by_name, name, nationality, birth_year, gender):
    entry = one(by_name, name)
    assert entry.name == name
    attrs = entry.attrs
    assert (attrs["nationality"], attrs["birth_year"], attrs["gender"]) == (nationality, birth_year, gender)


def test_one_entry_merges_every_source(by_name):
    pogacar = one(by_name, "Tadej Pogačar")
    assert pogacar.id == "rider:tadej-pogacar"
    assert pogacar.attrs["uci_id"] == "10014972740" and pogacar.attrs["pcs"] == "tadej-pogacar"
    assert len(pogacar.attrs["sources"]) >= 5
    assert "Pogačar Tadej" in pogacar.names  # results-table order


def test_double_surnames_have_their_short_and_full_forms(by_name):
    mas = one(by_name, "Enric Mas")
    assert mas.attrs["nationality"] == "ESP"
    assert {"Enric Mas", "Enric Mas Nicolau"} <= set(mas.names)
    gorka = one(by_name, "Gorka Izagirre")
    assert "Gorka Izagirre Insausti" in gorka.names
    vingegaard = one(by_name, "Jonas Vingegaard")
    assert "Jonas Vingegaard Hansen" in vingegaard.names  # letour.fr's full name, merged


def test_given_name_forms_are_one_person(by_name):
    pidcock = one(by_name, "Thomas Pidcock")
    assert "Tom Pidcock" in pidcock.names
    assert by_name.get(name_key("Tom Pidcock")) is None


def test_relatives_and_namesakes_stay_apart(by_name):
    """Brothers, twins and riders who share a name are different people."""
    assert one(by_name, "Gorka Izagirre").id != one(by_name, "Ion Izagirre").id
    assert one(by_name, "Adam Yates").id != one(by_name, "Simon Yates").id
    assert one(by_name, "Giovanni Visconti").attrs["pcs"] == "giovanni-visconti"
    assert one(by_name, "Gianfranco Visconti").attrs["uci_id"] is None  # no rankings of Giovanni's


def test_homonyms_with_different_birth_years_stay_apart(by_name):
    bassos = by_name[name_key("Leonardo Basso")]
    assert sorted(e.attrs["birth_year"] for e in bassos) == [1993, 1995]
    assert sorted(e.id for e in bassos) == ["rider:leonardo-basso-1993", "rider:leonardo-basso-1995"]
    whites = by_name[name_key("Nicholas White")]
    assert sorted((e.attrs["birth_year"], e.attrs["nationality"]) for e in whites) == [(1974, "RSA"), (1997, "AUS")]


def test_two_calls_give_the_same_entries(riders):
    again = read(DATA)
    assert [e.to_json() for e in again] == [e.to_json() for e in riders]


def test_output_does_not_depend_on_the_hash_seed(riders):
    digest = hashlib.sha256(
        json.dumps([e.to_json() for e in riders], ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    other = subprocess.run(
        [sys.executable, "-c", DIGEST, str(DATA)], cwd=ROOT, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert other.stdout.strip() == digest


def test_a_rider_the_uci_registered_again_with_a_second_surname_is_one_person(riders):
    owners = [e for e in riders if {"isaac morera", "isaac morera avila"} & {name_key(n) for n in e.names}]
    assert len(owners) == 1 and owners[0].attrs["birth_year"] == 1993
    assert {"isaac morera", "isaac morera avila"} <= {name_key(n) for n in owners[0].names}
