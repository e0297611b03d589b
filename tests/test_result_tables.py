"""Results lists and tables, one test for each shape the web prints them in."""

from conftest import gaps_of, results_of


def rows_of(record) -> dict[int, tuple]:
    return {r.rank: (r.rider, r.time, r.gap, r.same_time) for r in record.results}


def test_unheaded_table_with_a_winner_time_over_ten_hours_is_the_general_classification(read):
    record = read(
        "Dumoulin keeps red on the eve of Madrid\n\n"
        "Tom Dumoulin survived the last mountain stage of the Vuelta a España with his lead intact.\n\n"
        "1 Tom Dumoulin (Ned) Team Giant-Alpecin 78:20:51\n"
        "2 Fabio Aru (Ita) Astana Pro Team 0:00:06\n"
        "3 Joaquim Rodriguez (Spa) Team Katusha 0:01:05\n"
    )
    assert results_of(record) == {
        ("gc", None, 1, "Tom Dumoulin"), ("gc", None, 2, "Fabio Aru"), ("gc", None, 3, "Joaquim Rodriguez"),
    }
    assert rows_of(record)[1] == ("Tom Dumoulin", 78 * 3600 + 20 * 60 + 51, None, False)
    assert rows_of(record)[2] == ("Fabio Aru", None, 6, False)
    assert {r.race for r in record.results} == {"Vuelta a España"}
    assert ("Fabio Aru", 6) in gaps_of(record)


def test_same_time_rows_take_the_gap_of_the_rider_before(read):
    record = read(
        "Bennett wins the opening sprint in Poznan\n\n"
        "Sam Bennett beat Caleb Ewan in a bunch sprint on the first stage.\n\n"
        "1. Sam Bennett (BORA-Hansgrohe) 4:05:53\n"
        "2. Caleb Ewan (Lotto Soudal) same time\n"
        "3. Pascal Ackermann (BORA-Hansgrohe) +0:02\n"
        "4. Arnaud Démare (Groupama-FDJ) same time\n"
    )
    assert rows_of(record) == {
        1: ("Sam Bennett", 4 * 3600 + 5 * 60 + 53, None, False),
        2: ("Caleb Ewan", None, 0, True),
        3: ("Pascal Ackermann", None, 2, False),
        4: ("Arnaud Démare", None, 2, True),
    }
    assert {r.classification for r in record.results} == {"stage"}
    assert {(r.rider, r.team) for r in record.results if r.rank in (2, 4)} == {
        ("Caleb Ewan", "Lotto Soudal"), ("Arnaud Démare", "Groupama-FDJ"),
    }
    assert gaps_of(record) == {("Pascal Ackermann", 2)}


def test_lower_case_nations_dotted_gaps_and_s_t(read):
    record = read(
        "Alaphilippe attacks to win in Nancy\n\n"
        "Julian Alaphilippe went clear on the final climb and held off the chasers.\n\n"
        "1. Julian Alaphilippe (fra) 4:22:11\n"
        "2. Peter Sagan (svk) + 0.44\n"
        "3. Michael Matthews (aus) s.t.\n"
    )
    assert rows_of(record) == {
        1: ("Julian Alaphilippe", 4 * 3600 + 22 * 60 + 11, None, False),
        2: ("Peter Sagan", None, 44, False),
        3: ("Michael Matthews", None, 44, True),
    }
    assert ("Peter Sagan", 44) in gaps_of(record)


def test_closing_parenthesis_ranks_with_hr_min_secs_and_zero_gaps(read):
    record = read(
        "Vos takes a second stage win\n\n"
        "Marianne Vos was too fast for Lotte Kopecky in the uphill finish.\n\n"
        "1) Marianne Vos 3 hr 14 min 02 secs\n"
        "2) Lotte Kopecky +0secs\n"
        "3) Elisa Balsamo +3secs\n"
    )
    assert rows_of(record) == {
        1: ("Marianne Vos", 3 * 3600 + 14 * 60 + 2, None, False),
        2: ("Lotte Kopecky", None, 0, False),
        3: ("Elisa Balsamo", None, 3, False),
    }
    assert {r.classification for r in record.results} == {"stage"}


def test_nation_slash_team_with_worded_time_and_double_prime_gaps(read):
    record = read(
        "Landis back in yellow\n\n"
        "Floyd Landis took back the yellow jersey after the time trial.\n\n"
        "1. Floyd Landis (USA/Phonak) 49 hours, 18 minutes and 7 seconds\n"
        "2. Oscar Pereiro (Spa/Caisse d'Epargne) +8\"\n"
        "3. Carlos Sastre (Spa/CSC) +1'05\"\n"
    )
    assert results_of(record) == {("gc", None, 1, "Floyd Landis"), ("gc", None, 2, "Oscar Pereiro"), ("gc", None, 3, "Carlos Sastre")}
    assert rows_of(record)[1][1] == 49 * 3600 + 18 * 60 + 7
    assert gaps_of(record) == {("Oscar Pereiro", 8), ("Carlos Sastre", 65)}


def test_spanish_a_gaps_and_m_for_same_time(read):
    record = read(
        "Evenepoel dominates the Valladolid time trial\n\n"
        "Remco Evenepoel put time into all of his rivals on the flat course.\n\n"
        "1. Remco Evenepoel (BEL/Soudal Quick-Step) 25:11\n"
        "2. Geraint Thomas (GBR/INEOS Grenadiers) a 47.\n"
        "3. Joao Almeida (POR/UAE Team Emirates) a 1.12\n"
        "4. Pello Bilbao (ESP/Bahrain Victorious) m.\n"
    )
    assert rows_of(record) == {
        1: ("Remco Evenepoel", 25 * 60 + 11, None, False),
        2: ("Geraint Thomas", None, 47, False),
        3: ("Joao Almeida", None, 72, False),
        4: ("Pello Bilbao", None, 72, True),
    }
    assert {r.rank: r.team for r in record.results}[2] == "INEOS Grenadiers"


def test_uci_rows_with_the_surname_in_capitals_first(read):
    record = read(
        "Stage 3 result\n\n"
        "1 PIDCOCK Thomas GBR INEOS GRENADIERS 4:01:22\n"
        "2 HERMANS Quinten BEL INTERMARCHE – WANTY 00:48\n"
        "3 VAN AERT Wout BEL TEAM VISMA | LEASE A BIKE 00:48\n"
    )
    assert results_of(record) == {("stage", 3, 1, "Thomas Pidcock"), ("stage", 3, 2, "Quinten Hermans"), ("stage", 3, 3, "Wout van Aert")}
    assert rows_of(record)[2] == ("Quinten Hermans", None, 48, False)


def test_capitalised_double_surnames_and_at_colon_seconds(read):
    record = read(
        "Valverde wins on Montjuïc\n\n"
        "Final stage results:\n"
        "1. Alejandro VALVERDE BELMONTE (ESP), 3:55:02\n"
        "2. Joaquin RODRIGUEZ OLIVER (ESP), at :00\n"
        "3. Nairo QUINTANA ROJAS (COL), at :04\n"
    )
    rows = {r.rank: (r.rider_id, r.gap) for r in record.results}
    assert rows == {1: ("rider:alejandro-valverde", None), 2: ("rider:joaquim-rodriguez", 0), 3: ("rider:nairo-quintana", 4)}
    assert {r.classification for r in record.results} == {"stage"}
    assert gaps_of(record) == {("Nairo Quintana", 4)}


def test_a_table_printed_one_cell_per_line(read):
    record = read(
        "Roglič wins stage 4\n\n"
        "Primož Roglič won the uphill sprint ahead of Tadej Pogačar.\n\n"
        "|1\n|Primož Roglič (Slo) Jumbo-Visma\n|4:22:34\n"
        "|2\n|Tadej Pogačar (Slo) UAE Team Emirates\n|0:00:02\n"
        "|3\n|Adam Yates (GBR) Mitchelton-Scott\n|0:00:05\n"
    )
    assert results_of(record) == {("stage", 4, 1, "Primož Roglič"), ("stage", 4, 2, "Tadej Pogačar"), ("stage", 4, 3, "Adam Yates")}
    assert rows_of(record)[1][1] == 4 * 3600 + 22 * 60 + 34
    assert {r.rank: (r.team, r.gap) for r in record.results}[3] == ("Mitchelton-Scott", 5)


def test_a_table_flattened_into_one_line(read):
    record = read(
        "Izagirre solos to victory in Andorra\n\n"
        "Ion Izagirre attacked on the final climb and held off his teammate.\n\n"
        "Pos. Rider Name (Country) Team Result 1 Ion Izagirre (Spa) Astana 3:47:07 "
        "2 Aleksandr Vlasov (Rus) Astana 0:00:12 3 Alejandro Valverde (Spa) Movistar Team 0:00:14\n"
    )
    assert results_of(record) == {("stage", None, 1, "Ion Izagirre"), ("stage", None, 2, "Aleksandr Vlasov"), ("stage", None, 3, "Alejandro Valverde")}
    assert {r.rank: (r.team, r.time, r.gap) for r in record.results} == {
        1: ("Astana", 3 * 3600 + 47 * 60 + 7, None), 2: ("Astana", None, 12), 3: ("Movistar Team", None, 14),
    }


def test_a_markdown_table_with_leftover_widget_text(read):
    record = read(
        "Küng wins the prologue\n\n"
        "Stefan Küng was fastest on the short opening time trial.\n\n"
        "Swipe to scroll horizontally\n"
        "| Header Cell - Column 0 | Header Cell - Column 1 | Header Cell - Column 2 |\n"
        "|---|---|---|\n"
        "| Row 1 - Cell 0 | Row 1 - Cell 1 | Row 1 - Cell 2 |\n"
        "| 1 | Stefan Küng (Swi) BMC Racing Team | 0:09:44 |\n"
        "| 2 | Tony Martin (Ger) Katusha-Alpecin | 0:00:03 |\n"
        "| 3 | Michał Kwiatkowski (Pol) Team Sky | 0:00:05 |\n"
    )
    assert results_of(record) == {
        ("stage", "prologue", 1, "Stefan Küng"), ("stage", "prologue", 2, "Tony Martin"), ("stage", "prologue", 3, "Michał Kwiatkowski"),
    }
    assert {r.rank: (r.time, r.gap) for r in record.results} == {1: (9 * 60 + 44, None), 2: (None, 3), 3: (None, 5)}


def test_a_numbered_top_three_with_names_only(read):
    record = read(
        "Pidcock wins Strade Bianche\n\n"
        "Tom Pidcock attacked on Monte Sante Marie and rode alone to Siena.\n\n"
        "Top 3:\n1. Tom Pidcock\n2. Valentin Madouas\n3. Tiesj Benoot\n"
    )
    assert results_of(record) == {("race", None, 1, "Tom Pidcock"), ("race", None, 2, "Valentin Madouas"), ("race", None, 3, "Tiesj Benoot")}
    assert all(r.time is None and r.gap is None and r.race == "Strade Bianche" for r in record.results)


def test_winner_label_rows_of_a_one_day_race(read):
    record = read(
        "Pidcock and Vollering win a wet Brabantse Pijl\n\n"
        "Rain and wind made for a hard race around Overijse.\n\n"
        "Men's winner: Tom Pidcock (INEOS Grenadiers)\n"
        "Women's winner: Demi Vollering (SD Worx)\n"
    )
    assert results_of(record) == {("race", None, 1, "Tom Pidcock"), ("race", None, 1, "Demi Vollering")}
    assert {(r.rider, r.team, r.race) for r in record.results} == {
        ("Tom Pidcock", "INEOS Grenadiers", "Brabantse Pijl"), ("Demi Vollering", "SD Worx", "Brabantse Pijl"),
    }


def test_general_classification_heading_with_its_stage(read):
    record = read(
        "Tour de Suisse\n\n"
        "General classification after stage 6\n"
        "1. Egan Bernal (INEOS Grenadiers) 22:14:05\n"
        "2. Geraint Thomas (INEOS Grenadiers) +0:25\n"
        "3. Enric Mas (Movistar Team) +0:41\n"
    )
    assert results_of(record) == {("gc", 6, 1, "Egan Bernal"), ("gc", 6, 2, "Geraint Thomas"), ("gc", 6, 3, "Enric Mas")}
    assert gaps_of(record) == {("Geraint Thomas", 25), ("Enric Mas", 41)}


def test_top_three_on_gc_heading(read):
    record = read(
        "Roglič closes in on the Giro d'Italia title\n\n"
        "Top 3 on GC\n"
        "1. Primož Roglič (Jumbo-Visma)\n"
        "2. Geraint Thomas (INEOS Grenadiers)\n"
        "3. Joao Almeida (UAE Team Emirates)\n"
    )
    assert {(r.classification, r.rank, r.rider) for r in record.results} == {
        ("gc", 1, "Primož Roglič"), ("gc", 2, "Geraint Thomas"), ("gc", 3, "Joao Almeida"),
    }


def test_stage_list_then_gc_list_each_take_their_own_heading(read):
    record = read(
        "Vuelta a España\n\n"
        "Stage 8 result\n"
        "1. Primož Roglič (Jumbo-Visma) 3:58:12\n"
        "2. Enric Mas (Movistar Team) +0:08\n"
        "3. Juan Ayuso (UAE Team Emirates) +0:08\n\n"
        "General classification after stage 8\n"
        "1. Remco Evenepoel (Soudal Quick-Step) 30:10:11\n"
        "2. Primož Roglič (Jumbo-Visma) +1:12\n"
        "3. Enric Mas (Movistar Team) +1:30\n"
    )
    assert results_of(record) == {
        ("stage", 8, 1, "Primož Roglič"), ("stage", 8, 2, "Enric Mas"), ("stage", 8, 3, "Juan Ayuso"),
        ("gc", 8, 1, "Remco Evenepoel"), ("gc", 8, 2, "Primož Roglič"), ("gc", 8, 3, "Enric Mas"),
    }
    assert {(g.rider, g.seconds, g.classification, g.reference) for g in record.gaps} == {
        ("Enric Mas", 8, "stage", "Primož Roglič"), ("Juan Ayuso", 8, "stage", "Primož Roglič"),
        ("Primož Roglič", 72, "gc", "Remco Evenepoel"), ("Enric Mas", 90, "gc", "Remco Evenepoel"),
    }


def test_a_second_table_right_below_the_first_starts_again_at_rank_one(read):
    record = read(
        "Vuelta a España stage 20: Aru takes the lead\n\n"
        "Fabio Aru took the red jersey from Tom Dumoulin on the last mountain stage.\n\n"
        "Stage 20 result\n"
        "1. Ruben Plaza (Spa) Lampre-Merida 3:49:11\n"
        "2. Mikel Landa (Spa) Astana Pro Team +1:42\n"
        "1. Fabio Aru (Ita) Astana Pro Team 81:52:42\n"
        "2. Joaquim Rodriguez (Spa) Team Katusha +0:57\n"
    )
    assert results_of(record) == {
        ("stage", 20, 1, "Ruben Plaza"), ("stage", 20, 2, "Mikel Landa"),
        ("gc", 20, 1, "Fabio Aru"), ("gc", 20, 2, "Joaquim Rodriguez"),
    }


def test_a_rank_printed_twice_or_out_of_order_is_kept_as_printed(read):
    record = read(
        "Tour of the Alps\n\n"
        "Stage 2 result\n"
        "1. Geoffrey Bouchard (AG2R Citroën) 4:12:10\n"
        "2. Hugh Carthy (EF Education-EasyPost) +0:03\n"
        "2. Aurélien Paret-Peintre (AG2R Citroën) +0:03\n"
        "4. Florian Lipowitz (BORA-Hansgrohe) +0:11\n"
        "6. Tao Geoghegan Hart (Lidl-Trek) +0:15\n"
        "5. Juan Pedro López (Lidl-Trek) +0:14\n"
    )
    assert results_of(record) == {
        ("stage", 2, 1, "Geoffrey Bouchard"), ("stage", 2, 2, "Hugh Carthy"), ("stage", 2, 2, "Aurélien Paret-Peintre"),
        ("stage", 2, 4, "Florian Lipowitz"), ("stage", 2, 6, "Tao Geoghegan Hart"), ("stage", 2, 5, "Juan Pedro López"),
    }
    assert {r.rider: r.gap for r in record.results}["Juan Pedro López"] == 14


def test_last_years_winner_label_is_no_result(read):
    record = read("Preview: Strade Bianche\n\nLast year's winner: Tadej Pogačar (UAE Team Emirates)\n2023 winner - Tom Pidcock (INEOS Grenadiers)\n")
    assert record.results == []


def test_a_team_starting_with_st_is_no_same_time_mark(read):
    record = read("Stage 3 result\n1. Tadej Pogačar (UAE) 4:05:53\n2. Jonas Vingegaard (Visma) +0:12\n3. Julien Simon (St Michel-Auber 93)\n4. Primož Roglič (Red Bull) s.t.\n")
    rows = {r.rank: (r.gap, r.same_time) for r in record.results}
    assert rows[3] == (None, False) and rows[4] == (12, True)


def test_unknown_and_misspelt_riders_printed_surname_first_in_capitals(read):
    record = read("Stage 3 result\n1. Tadej Pogačar (UAE) 4:05:53\n2. VINGEGARD Jonas (Jumbo-Visma) at 5 sec\n3. OAKHURST Bryn (Wales) at 9 sec\n4. RODRIGUEZ OLIVER Joaquin (ESP) at 12 sec\n")
    rows = {r.rank: (r.rider, r.rider_id, r.gap) for r in record.results}
    assert rows[2] == ("Jonas Vingegaard", "rider:jonas-vingegaard", 5)
    assert rows[3] == ("Bryn Oakhurst", None, 9)
    assert rows[4] == ("Joaquim Rodríguez", "rider:joaquim-rodriguez", 12)
