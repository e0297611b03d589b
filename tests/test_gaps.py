"""Time gaps in prose, with the rider they belong to and the rider they are measured to."""

import pytest


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


# Shapes of wire copy and of other publishers


def test_hyphenated_clock_after_at(read):
    record = read("Tadej Pogačar won the stage, with Jonas Vingegaard at 2-35.")
    assert gaps(record) == {("Jonas Vingegaard", 155, "Tadej Pogačar", "behind")}


def test_hyphenated_seconds_after_at(read):
    record = read("Tadej Pogačar won the stage, with Jonas Vingegaard at 21-seconds.")
    assert gaps(record) == {("Jonas Vingegaard", 21, "Tadej Pogačar", "behind")}


def test_singular_second_down(read):
    record = read("Jonas Vingegaard crossed the line 14 second down on Tadej Pogačar.")
    assert gaps(record) == {("Jonas Vingegaard", 14, "Tadej Pogačar", "behind")}


def test_sec_glued_to_the_number(read):
    record = read("Jonas Vingegaard came in 46sec behind Tadej Pogačar.")
    assert gaps(record) == {("Jonas Vingegaard", 46, "Tadej Pogačar", "behind")}


def test_primes_in_arrears(read):
    assert gaps(read("Jonas Vingegaard finished 2’25” in arrears.")) == {("Jonas Vingegaard", 145, None, "behind")}
    record = read("Jonas Vingegaard finished 2’25” in arrears of Tadej Pogačar.")
    assert gaps(record) == {("Jonas Vingegaard", 145, "Tadej Pogačar", "behind")}


def test_a_cushion_over_a_rider_is_that_riders_gap(read):
    record = read("Tadej Pogačar holds a 2:37 cushion over Jonas Vingegaard.")
    assert gaps(record) == {("Jonas Vingegaard", 157, "Tadej Pogačar", "behind")}
    assert gaps(read("Tadej Pogačar now has a 2:37 cushion.")) == {("Tadej Pogačar", 157, None, "ahead")}


def test_won_by_two_gaps_to_two_riders(read):
    record = read("Tadej Pogačar won by 11s ahead of Jonas Vingegaard and 16s ahead of Primož Roglič.")
    assert gaps(record) == {
        ("Jonas Vingegaard", 11, "Tadej Pogačar", "behind"),
        ("Primož Roglič", 16, "Tadej Pogačar", "behind"),
    }
    assert {(g.rider_id, g.reference_id) for g in record.gaps} == {
        ("rider:jonas-vingegaard", "rider:tadej-pogacar"), ("rider:primoz-roglic", "rider:tadej-pogacar"),
    }


@pytest.mark.parametrize("joint", [", with", ", and", "."])
def test_further_back_is_measured_to_the_rider_before(read, joint):
    record = read(
        f"Tadej Pogačar won the stage. Jonas Vingegaard finished 12 seconds behind{joint} "
        f"{'Primož Roglič' if joint == ', with' else 'Primož Roglič finished'} three seconds further back."
    )
    assert gaps(record) == {
        ("Jonas Vingegaard", 12, None, "behind"),
        ("Primož Roglič", 3, "Jonas Vingegaard", "behind"),
    }


def test_two_gaps_joined_by_and(read):
    record = read("Jonas Vingegaard was 12 seconds back and Primož Roglič was 20 seconds back.")
    assert gaps(record) == {("Jonas Vingegaard", 12, None, "behind"), ("Primož Roglič", 20, None, "behind")}


def test_further_back_after_and(read):
    record = read("Tadej Pogačar won the stage. Jonas Vingegaard was 12 seconds back and Primož Roglič finished 20 seconds further back.")
    assert gaps(record) == {("Jonas Vingegaard", 12, None, "behind"), ("Primož Roglič", 20, "Jonas Vingegaard", "behind")}


def test_finished_ahead_of_with_a_time(read):
    record = read("Tadej Pogačar finished ahead of Jonas Vingegaard by 12 seconds.")
    assert gaps(record) == {("Jonas Vingegaard", 12, "Tadej Pogačar", "behind")}
    record = read("Tadej Pogačar finished 12 seconds ahead of Jonas Vingegaard.")
    assert gaps(record) == {("Jonas Vingegaard", 12, "Tadej Pogačar", "behind")}


def test_finished_ahead_of_without_a_time_is_no_gap(read):
    assert read("Tadej Pogačar won the stage, finishing ahead of Jonas Vingegaard.").gaps == []


def test_seconds_separate_them(read):
    record = read("Tadej Pogačar leads Jonas Vingegaard overall. Four seconds separate them.")
    assert {(g.rider, g.seconds, g.reference) for g in record.gaps} == {("Jonas Vingegaard", 4, "Tadej Pogačar")}
    record = read("Marianne Vos and Kim Le Court are separated by six seconds in the general classification.")
    assert {(g.rider, g.seconds, g.reference, g.classification) for g in record.gaps} == {("Kim Le Court", 6, "Marianne Vos", "gc")}


def test_seconds_separating_a_crowd_is_no_gap(read):
    record = read("Tadej Pogačar, Jonas Vingegaard and Primož Roglič crossed the line together. Four seconds separate them from Remco Evenepoel.")
    assert record.gaps == []
