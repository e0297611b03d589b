"""Placings in prose as reports write them: who a placing belongs to, and what it is a placing in."""

from conftest import results_of


def test_an_unheaded_list_won_by_the_overall_winner_is_the_final_gc(read):
    record = read(
        "Ivan Basso wins the 2010 Giro d'Italia\n\n"
        "After a time trial around Verona the race finished:\n\n"
        "1. Ivan Basso\n2. David Arroyo\n3. Vincenzo Nibali\n"
    )
    assert results_of(record) >= {("gc", None, 1, "Ivan Basso"), ("gc", None, 2, "David Arroyo"), ("gc", None, 3, "Vincenzo Nibali")}
    assert not any(r.classification == "stage" for r in record.results)


def test_an_unheaded_list_of_a_stage_is_still_the_stage(read):
    record = read(
        "Mark Cavendish wins stage 5 of the Tour de France\n\n"
        "Mark Cavendish won the fifth stage of the Tour de France on Wednesday.\n\n"
        "1. Mark Cavendish\n2. Jasper Philipsen\n3. Wout van Aert\n"
    )
    assert ("stage", 5, 2, "Jasper Philipsen") in results_of(record)


def test_a_participle_right_after_a_name_is_that_riders(read):
    record = read(
        "Basso victorious in pink, Porte in white and Matthew Lloyd taking the mountains jersey made for a fine week. "
        "Giulio Ciccone was second overall, with Spanish rider Pello Bilbao of Bahrain coming third overall."
    )
    found = results_of(record)
    assert ("mountains", None, 1, "Matthew Lloyd") in found
    assert ("gc", None, 3, "Pello Bilbao") in found
    assert not any(rider == "Giulio Ciccone" and rank == 3 for _, _, rank, rider in found)


def test_a_title_or_relative_clause_in_the_past_does_not_date_the_placing(read):
    record = read(
        "Marianne Vos leads the Tour de France Femmes after stage 3. Pauline Ferrand-Prévot completed the top three overall, "
        "with last year's Tour winner Katarzyna Niewiadoma fourth. Demi Vollering, who finished second overall last year, "
        "remains fifth in the overall standings."
    )
    found = results_of(record)
    assert {("gc", 3, 3, "Pauline Ferrand-Prévot"), ("gc", 3, 4, "Katarzyna Niewiadoma"), ("gc", 3, 5, "Demi Vollering")} <= found
    assert not any(rank == 2 for _, _, rank, _ in found)


def test_a_relative_clause_after_the_riders_age(read):
    record = read("Tour of Britain: Welsh rider Stevie Williams, 28, who won stages two and three, kept the lead on the final day.")
    assert {("stage", 2, 1, "Stevie Williams"), ("stage", 3, 1, "Stevie Williams")} <= results_of(record)


def test_a_race_long_time_makes_a_placing_overall(read):
    record = read(
        "Stevie Williams won the Tour of Britain on Sunday. Williams secured victory in 21 hours "
        "25 minutes 14 seconds, with Oscar Onley 16 seconds behind him in second place."
    )
    found = results_of(record)
    assert ("gc", None, 2, "Oscar Onley") in found and not any(c == "stage" for c, _, _, _ in found)
    assert [(g.rider, g.seconds, g.classification) for g in record.gaps] == [("Oscar Onley", 16, "gc")]


def test_a_stage_race_article_that_never_speaks_of_stages_reports_the_overall(read):
    record = read(
        "Vinokourov takes the Vuelta\n\n"
        "Alexandre Vinokourov has won the Vuelta a España, finishing 72 seconds ahead of Alejandro Valverde. "
        "His Astana teammate Andrey Kashechkin was third."
    )
    assert ("gc", None, 3, "Andrey Kashechkin") in results_of(record)


def test_the_rider_behind_whom_one_finishes_is_not_the_placed_one(read):
    record = read("Jan Hirt took second place, while Geraint Thomas finished 12 seconds behind Primož Roglič in third.")
    found = results_of(record)
    assert ("stage", None, 3, "Geraint Thomas") in found and not any(r == "Primož Roglič" for _, _, _, r in found)


def test_an_owned_place_finish(read):
    record = read("Tour of Britain\n\nWout van Aert's second-place finish was enough to secure the overall title.")
    assert ("stage", None, 2, "Wout van Aert") in results_of(record)


def test_the_lead_sentence_comes_after_a_repeated_headline_and_a_source_line(read):
    record = read(
        "Wiebes wins as Vos takes yellow\n\nWiebes wins as Vos takes yellow\n\nLeMonde 6 days ago\n"
        "Marianne Vos took the leader's jersey of the Tour de France Femmes on Monday after finishing second behind "
        "Lorena Wiebes on the third stage. Wiebes had also won the opening stage."
    )
    assert record.about.stage == 3
    assert ("stage", 3, 2, "Marianne Vos") in results_of(record)


def test_a_longer_rule_match_that_fails_its_neighbour_check_hides_no_shorter_one(read):
    record = read("Primož Roglič finished second, ahead of Roglič and the yellow jersey holder Jonas Vingegaard.")
    assert ("gc", None, 1, "Jonas Vingegaard") in results_of(record)


def test_a_preposition_in_ing_is_no_participle_phrase(read):
    record = read("Following the stage win by Tadej Pogačar, Jonas Vingegaard said he was tired.")
    assert not any(rider == "Jonas Vingegaard" for _, _, _, rider in results_of(record))


def test_a_preview_heading_does_not_restage_the_prose_below(read):
    record = read(
        "Jonas Vingegaard wins stage 5 of the Tour de France\n\n"
        "Jonas Vingegaard won stage 5 of the Tour de France on Wednesday.\n\n"
        "Coming up\nStage 6 - Thursday, Mâcon to Dijon\nMads Pedersen, who finished second today, will want to win in Dijon.\n"
    )
    assert ("stage", 5, 2, "Mads Pedersen") in results_of(record)
    assert not any(stage == 6 for _, stage, _, _ in results_of(record))


def test_a_one_sentence_lead_paragraph_gives_the_stage(read):
    record = read("Pogačar does it again\n\nTadej Pogačar won stage 5 of the Tour de France on Tuesday.\n\nJonas Vingegaard was second.\n")
    assert record.about.stage == 5 and ("stage", 5, 2, "Jonas Vingegaard") in results_of(record)


def test_todays_placing_in_prose_takes_the_stage_of_the_results_table(read):
    record = read(
        "Porte wins the Tour de Suisse\n\n"
        "Richie Porte secured overall victory at the Tour de Suisse on Sunday while teammate Stefan Küng claimed the final stage win. "
        "Nairo Quintana finished 38th on the day.\n\n"
        "Tour de Suisse stage 9 top 3\n1. Stefan Küng (Swi) BMC Racing Team 0:39:44\n2. Søren Kragh Andersen (Den) Team Sunweb 0:00:19\n"
        "3. Tejay van Garderen (USA) BMC Racing Team 0:00:23\n"
    )
    assert ("stage", 9, 38, "Nairo Quintana") in results_of(record)


def test_a_nationality_before_the_second_name_still_starts_a_clause(read):
    record = read("Belgian Wout van Aert of Jumbo was second and Swiss Stefan Küng of FDJ was third in Paris-Roubaix.")
    assert results_of(record) == {("race", None, 2, "Wout van Aert"), ("race", None, 3, "Stefan Küng")}
