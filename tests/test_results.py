"""Results from prose and from numbered lists."""

from conftest import results_of


def test_prose_placings_with_their_rider_rank_and_stage(read):
    record = read(
        "Primož Roglič wins Paris-Nice stage 4\n\n"
        "Primož Roglič won stage 4 of Paris-Nice on Thursday. Behind, Wout van Aert beat Mads Pedersen in the sprint "
        "to take second place, while Tom Pidcock finished fifth."
    )
    assert results_of(record) == {("stage", 4, 1, "Primož Roglič"), ("stage", 4, 2, "Wout van Aert"), ("stage", 4, 5, "Tom Pidcock")}
    assert {r.race for r in record.results} == {"Paris-Nice"}


def test_classification_from_cues_and_the_race_lead(read):
    record = read(
        "Enric Mas moved into the race lead at the Tour de Romandie. Egan Bernal finished third overall, "
        "and Tadej Pogačar, second on the day, is fourth overall."
    )
    assert ("gc", None, 1, "Enric Mas") in results_of(record)
    assert ("gc", None, 3, "Egan Bernal") in results_of(record)


def test_earlier_stages_are_read_from_ordinals_and_lists_of_numbers(read):
    record = read("It has been a good week for Filippo Ganna, with second places on stage 2 and 3. He also won the first stage.")
    assert results_of(record) == {("stage", 2, 2, "Filippo Ganna"), ("stage", 3, 2, "Filippo Ganna"), ("stage", 1, 1, "Filippo Ganna")}


def test_a_description_stands_for_the_rider(read):
    record = read("Julian Alaphilippe attacked on the last climb. The 31-year-old won the stage by a few lengths.")
    assert ("stage", None, 1, "Julian Alaphilippe") in results_of(record)


def test_one_day_race_wins_are_race_results(read):
    record = read("Mathieu van der Poel won the Tour of Flanders on Sunday, with Wout van Aert finishing second.")
    assert results_of(record) == {("race", None, 1, "Mathieu van der Poel"), ("race", None, 2, "Wout van Aert")}


def test_plans_negations_and_near_things_are_not_results(read):
    record = read(
        "Egan Bernal will defend the race lead on Sunday. Enric Mas could only finish fourth in his dreams. "
        "Jonas Vingegaard has all but sealed the overall victory, but Mads Pedersen did not win the sprint."
    )
    assert record.results == []


def test_a_rider_after_a_preposition_or_object_verb_is_not_the_subject(read):
    record = read("Tom Pidcock beat Wout van Aert and Mads Pedersen to take second place.")
    assert results_of(record) == {("stage", None, 2, "Tom Pidcock")}


def test_two_riders_sprinting_for_a_place_give_no_placing(read):
    assert read("Van Aert and Pedersen sprinted for third place after Wout van Aert and Mads Pedersen were caught.").results == []


def test_numbered_lists_take_classification_stage_and_team_from_their_heading(read):
    record = read(
        "Tour de Romandie\n"
        "Stage 3: Payerne - Morges (165km)\n"
        "Top 3: 1. Tadej Pogačar (UAE Team Emirates), 2. Enric Mas (Movistar Team), 3. Egan Bernal (INEOS Grenadiers)\n"
        "Movistar Team on GC: 4. Enric Mas, 9. Egan Bernal\n"
    )
    assert results_of(record) == {
        ("stage", 3, 1, "Tadej Pogačar"), ("stage", 3, 2, "Enric Mas"), ("stage", 3, 3, "Egan Bernal"),
        ("gc", 3, 4, "Enric Mas"), ("gc", 3, 9, "Egan Bernal"),
    }
    teams = {(r.rider, r.classification): (r.team, r.team_id) for r in record.results}
    assert teams[("Tadej Pogačar", "stage")] == ("UAE Team Emirates", "team:uae")
    assert teams[("Egan Bernal", "gc")] == ("Movistar Team", "team:movistar")
    assert all(r.method == "list" and r.race == "Tour de Romandie" for r in record.results)


def test_list_rows_with_times_and_gaps(read):
    record = read(
        "Stage 5 result:\n1. Tadej Pogačar (UAE Team Emirates) 4:12:33\n2. Primož Roglič (Movistar Team) +0:04\n3. Enric Mas (Movistar Team) s.t.\n"
    )
    rows = {r.rank: (r.rider, r.stage, r.time, r.gap, r.same_time) for r in record.results}
    # "s.t.": the same time as the rider before, so Mas's gap is Roglič's; only printed gaps are gap facts
    assert rows == {
        1: ("Tadej Pogačar", 5, 4 * 3600 + 12 * 60 + 33, None, False),
        2: ("Primož Roglič", 5, None, 4, False),
        3: ("Enric Mas", 5, None, 4, True),
    }
    assert [(g.rider, g.seconds, g.reference) for g in record.gaps] == [("Primož Roglič", 4, "Tadej Pogačar")]


def test_the_same_placing_read_twice_is_one_result(read):
    record = read(
        "Pogačar wins on the Ventoux\n\nTadej Pogačar won the stage on Mont Ventoux. Pogačar took the win after a long solo attack."
    )
    assert results_of(record) == {("stage", None, 1, "Tadej Pogačar")}


def test_every_rank_starts_a_row_and_unknown_riders_are_found_by_their_place(read):
    record = read("Stage 3: 1. Magnus Cort (Astana) 4:01:11, 2. Jan Hirt (Cofidis) s.t., 3. Chris Unknownrider (Israel) at 5 sec, 4. Enric Mas (Movistar Team) 1min20")
    rows = {r.rank: (r.rider, r.rider_id, r.team, r.time, r.gap) for r in record.results}
    assert rows == {
        1: ("Magnus Cort", "rider:magnus-cort", "Astana", 4 * 3600 + 71, None),
        2: ("Jan Hirt", "rider:jan-hirt", "Cofidis", None, 0),
        3: ("Chris Unknownrider", None, None, None, 5),
        4: ("Enric Mas", "rider:enric-mas", "Movistar Team", None, 80),
    }
    unknown = [e for e in record.entities if e.text == "Chris Unknownrider"]
    assert [(e.label, e.canonical, e.id, e.source) for e in unknown] == [("RIDER", None, None, "context")]


def test_same_time_is_a_marker_not_letters_of_a_team_name(read):
    record = read("GC: 1. Richie Porte (INEOS Grenadiers), 2. Alexey Lutsenko (Astana – Premier Tech), 3. Enric Mas (Movistar)")
    assert [r.gap for r in record.results] == [None, None, None]
