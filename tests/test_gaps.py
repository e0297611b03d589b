"""Time gaps in prose, with the rider they belong to and the rider they are measured to."""


def gaps(record):
    return {(g.rider, g.seconds, g.reference, g.relation) for g in record.gaps}


def test_behind_a_named_rider(read):
    record = read("Egan Bernal finished 17 seconds behind winner Tadej Pogačar after a hard day.")
    assert gaps(record) == {("Egan Bernal", 17, "Tadej Pogačar", "behind")}


def test_leads_by_with_a_second_rider_at(read):
    record = read("Primož Roglič is the new race leader. He leads Enric Mas by four seconds, with Egan Bernal at six seconds.")
    assert gaps(record) == {("Enric Mas", 4, "Primož Roglič", "behind"), ("Egan Bernal", 6, "Primož Roglič", "behind")}
    assert {g.classification for g in record.gaps} == {"gc"}


def test_numbers_in_words_and_clock_forms(read):
    record = read("Tom Pidcock was nine seconds back, and Wout van Aert came in at 1:02.")
    assert {(g.rider, g.seconds) for g in record.gaps} == {("Tom Pidcock", 9), ("Wout van Aert", 62)}


def test_an_advantage_belongs_to_the_leader(read):
    record = read("Filippo Ganna crossed the finish line alone with 40 seconds to the closest rival.")
    assert gaps(record) == {("Filippo Ganna", 40, None, "ahead")}


def test_a_group_lead_is_no_rider_gap(read):
    assert read("The breakaway opened a lead of 2:30 before Tadej Pogačar's team took control.").gaps == []
