"""Rider merge rules on small inline records (no data sets needed): the written forms of an
entry, `written_form` and `similar_name`."""

import pytest

from pipeline.gazetteer.sources import riders
from pipeline.gazetteer.sources.riders import Record, surname_given


def uci(uci_id, given, surname, birth, nationality, year=2015):
    return Record(
        source=riders.UCI, ident=f"uci:{uci_id}", splits=[(given, surname)], reliable=[(given, surname)],
        printed=[surname_given(given, surname)], birth=birth, nationality=nationality,
        nationalities={nationality}, gender="men", seasons={year}, uci_ids={uci_id: year},
    )


def pcs(slug, given, surname, birth, season=2019):
    return Record(
        source=riders.NOCTILDON, ident=f"pcs:{slug}", splits=[(given, surname)], reliable=[(given, surname)],
        printed=[surname_given(given, surname)], birth=birth, birth_exact=True, gender="men",
        seasons={season}, pcs=slug, pcs_scrapes={"2022"},
    )


def letour(given, surname):
    return Record(source=riders.LETOUR, ident=f"letour:men:{given} {surname}".lower(), splits=[(given, surname)],
                  gender="men", seasons={2010})


def firstcycling(fc_id, given, surname):
    return Record(source=riders.FIRSTCYCLING, ident=f"fc:{fc_id}", splits=[(given, surname)], seasons={2010}, fc=fc_id)


@pytest.fixture
def read_records(monkeypatch):
    """`read_with_stats` over these records instead of the data sets."""

    def run(*records):
        monkeypatch.setattr(riders, "READERS", (lambda data_dir: list(records),))
        return riders.read_with_stats(None)

    return run


def names_by_id(entries):
    return {e.id: set(e.names) for e in entries}


def test_every_written_form_is_also_given_surname_first(read_records):
    entries, _ = read_records(pcs("sergio-higuita", "Sergio Andrés", "Higuita", 1997))
    assert names_by_id(entries) == {"rider:sergio-andres-higuita": {"Sergio Andrés Higuita", "Higuita Sergio Andrés"}}


def test_short_forms_of_a_double_surname_are_also_surname_first(read_records):
    entries, _ = read_records(pcs("enric-mas", "Enric", "Mas Nicolau", 1995))
    assert names_by_id(entries) == {
        "rider:enric-mas-nicolau": {"Enric Mas Nicolau", "Mas Nicolau Enric", "Enric Mas", "Mas Enric"}
    }


def test_a_name_split_wrongly_by_one_source_still_gives_the_short_form(read_records):
    """One source read "RODRIGUEZ OLIVER Joaquin" as given "Joaquin Rodriguez", surname "Oliver"."""
    entries, _ = read_records(
        pcs("joaquim-rodriguez", "Joaquim", "Rodríguez", 1979),
        uci("10001497117", "Joaquin Rodriguez", "Oliver", 1979, "ESP"),
        uci("10001497117", "Joaquim", "Rodriguez Oliver", 1979, "ESP", year=2016),
    )
    (names,) = names_by_id(entries).values()
    assert {"Joaquin Rodriguez", "Joaquim Rodríguez"} <= names


def test_written_form_merges_a_rider_registered_again_with_a_second_surname(read_records):
    entries, stats = read_records(
        uci("1", "Isaac", "Morera", 1993, "CRC", 2014), uci("2", "Isaac", "Morera Avila", 1993, "CRC", 2019)
    )
    assert stats.merges == {"written_form": 1}
    assert [e.id for e in entries] == ["rider:isaac-morera"]
    assert {"Isaac Morera", "Isaac Morera Avila", "Morera Isaac", "Morera Avila Isaac"} <= set(entries[0].names)
    assert entries[0].attrs["uci_id"] == "2"  # the latest registration


@pytest.mark.parametrize(
    "birth, nationality",
    [(1994, "CRC"), (1993, "COL")],  # another birth year, another nationality
)
def test_written_form_keeps_riders_of_other_birth_years_or_nationalities_apart(read_records, birth, nationality):
    entries, stats = read_records(
        uci("1", "Isaac", "Morera", 1993, "CRC", 2014), uci("2", "Isaac", "Morera Avila", birth, nationality, 2019)
    )
    assert "written_form" not in stats.merges
    assert len(entries) == 2


def test_similar_name_merges_two_spellings_of_one_rider(read_records):
    entries, stats = read_records(
        pcs("alexandre-vinokourov", "Alexandre", "Vinokourov", 1973, season=2010),
        uci("1", "Alexandr", "Vinokurov", 1973, "KAZ", 2010),
    )
    assert stats.merges == {"similar_name": 1}
    assert names_by_id(entries) == {
        "rider:alexandre-vinokourov": {"Alexandre Vinokourov", "Vinokourov Alexandre", "Alexandr Vinokurov", "Vinokurov Alexandr"}
    }


def test_similar_name_needs_a_birth_year_on_one_side_only(read_records):
    entries, stats = read_records(
        pcs("alexandre-vinokourov", "Alexandre", "Vinokourov", 1973, season=2010), letour("Alexandr", "Vinokurov")
    )
    assert stats.merges == {"similar_name": 1}
    assert [e.id for e in entries] == ["rider:alexandre-vinokourov"]


def test_similar_name_keeps_a_father_and_son_apart(read_records):
    """Alexandre Vinokourov (1973) and his son Alexandre Vinokurov (2002): two people."""
    entries, stats = read_records(
        pcs("alexandre-vinokourov", "Alexandre", "Vinokourov", 1973, season=2010),
        uci("1", "Alexandre", "Vinokurov", 2002, "KAZ", 2022),
    )
    assert not stats.merges
    assert sorted(e.id for e in entries) == ["rider:alexandre-vinokourov", "rider:alexandre-vinokurov"]


def test_similar_name_without_any_birth_year_does_not_merge(read_records):
    entries, stats = read_records(letour("Alexandr", "Vinokurov"), firstcycling("7", "Alexandre", "Vinokourov"))
    assert not stats.merges
    assert len(entries) == 2


def test_similar_name_leaves_a_rider_with_two_such_matches_alone(read_records):
    entries, stats = read_records(
        pcs("alexandre-vinokourov", "Alexandre", "Vinokourov", 1973, season=2010),
        uci("1", "Alexandr", "Vinokurov", 1973, "KAZ", 2010),
        uci("2", "Alexandre", "Vinokurov", 1973, "KAZ", 2011),
    )
    assert not stats.merges
    assert len(entries) == 3


@pytest.mark.parametrize(
    "surname, misspelt, merged",
    [
        ("Pogačar", "Pogacer", False),  # "tadej pogacar": 13 letters, too short to risk it
        ("Pogačarič", "Pogaceric", True),  # "tadej pogacaric": 15 letters, one apart
        ("Pogačarič", "Pogacaricova", False),  # 91% alike but three letters apart
    ],
)
def test_similar_name_needs_a_long_name_and_at_most_two_edits(read_records, surname, misspelt, merged):
    entries, stats = read_records(
        pcs(f"tadej-{surname.lower()}", "Tadej", surname, 1998), uci("1", "Tadej", misspelt, 1998, "SLO", 2020)
    )
    assert (stats.merges == {"similar_name": 1}) is merged
    assert len(entries) == (1 if merged else 2)
