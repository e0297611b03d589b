"""Programmes: stated plans to ride a race, and what does not count as one."""

from conftest import programmes_of


def test_plans_in_prose_and_in_quotes(read):
    record = read(
        "Geraint Thomas finished third. He will ride the Giro d'Italia this season.\n\n"
        '"First I will do Strade Bianche, Tirreno-Adriatico and Milan-San Remo," Thomas said.'
    )
    assert programmes_of(record) == {
        ("Geraint Thomas", "Giro d'Italia"), ("Geraint Thomas", "Strade Bianche"),
        ("Geraint Thomas", "Tirreno-Adriatico"), ("Geraint Thomas", "Milan-San Remo"),
    }


def test_preparation_and_all_in_for(read):
    record = read("Enric Mas fine tunes his preparation for the Vuelta a España. For Egan Bernal, it's all in for the Tour de France.")
    assert programmes_of(record) == {("Enric Mas", "Vuelta a España"), ("Egan Bernal", "Tour de France")}


def test_negative_statements_and_past_races_are_not_programmes(read):
    record = read(
        "Julian Alaphilippe will not ride the Tour de France. Tom Pidcock will skip the Giro d'Italia. "
        "Mads Pedersen, who won the 2019 Tour of Flanders, will start the 2019 Paris-Roubaix."
    )
    assert programmes_of(record) == set()


def test_kick_starting_before_heading_to(read):
    record = read(
        "Caleb Ewan to open his year in Australia\n"
        "Caleb Ewan is kick-starting in Adelaide for the Tour Down Under, before heading to the UAE Tour in February."
    )
    assert programmes_of(record) == {("Caleb Ewan", "Tour Down Under"), ("Caleb Ewan", "UAE Tour")}


def test_pronoun_subjects_and_possessive_triggers(read):
    record = read(
        "Primož Roglič won the stage on Sunday. He will continue his season by targeting Paris-Nice.\n\n"
        "Wout van Aert finished second. His next race is Gent-Wevelgem."
    )
    assert programmes_of(record) == {("Primož Roglič", "Paris-Nice"), ("Wout van Aert", "Gent-Wevelgem")}


def test_next_up_with_no_name_is_the_plan_of_the_rider_just_named(read):
    record = read(
        "Jonas Vingegaard rode to a dominant win at the Tour of the Basque Country. Next up is the Dauphiné.\n\n"
        'Mads Pedersen was third. "Next up is Paris-Roubaix, and my legs are good," said Pedersen.'
    )
    assert programmes_of(record) == {("Jonas Vingegaard", "Critérium du Dauphiné"), ("Mads Pedersen", "Paris-Roubaix")}


def test_upcoming_races_in_the_sights_of_the_subject(read):
    record = read("Tadej Pogačar has the upcoming Liège-Bastogne-Liège and Tour de Romandie in his sights.")
    assert programmes_of(record) == {("Tadej Pogačar", "Liège-Bastogne-Liège"), ("Tadej Pogačar", "Tour de Romandie")}
    record = read("Remco Evenepoel will ride the upcoming Liège-Bastogne-Liège and Tour of Romandie.")  # the English name
    assert programmes_of(record) == {("Remco Evenepoel", "Liège-Bastogne-Liège"), ("Remco Evenepoel", "Tour de Romandie")}


def test_lead_up_to_and_confirmed_for(read):
    record = read(
        "Richie Porte will race less in the lead-up to the Tour de France. "
        "Chris Froome will face Esteban Chaves, who has also confirmed for the Herald Sun Tour."
    )
    assert programmes_of(record) == {("Richie Porte", "Tour de France"), ("Esteban Chaves", "Herald Sun Tour")}


def test_every_rider_of_a_listed_subject_has_the_race(read):
    record = read(
        "Wout van Aert and Christophe Laporte will ride Paris-Roubaix. "
        "Tadej Pogačar, Primož Roglič, and defending champion Matej Mohorič all skipped the nationals to prepare for the Tour."
    )
    assert programmes_of(record) == {
        ("Wout van Aert", "Paris-Roubaix"), ("Christophe Laporte", "Paris-Roubaix"),
        ("Tadej Pogačar", "Tour de France"), ("Primož Roglič", "Tour de France"), ("Matej Mohorič", "Tour de France"),
    }


def test_a_leader_and_his_support_riders(read):
    record = read(
        "Mark Cavendish will lead the team at the Tour Down Under, with Fabio Jakobsen, Yves Lampaert "
        "and Danish champion Michael Mørkøv in support. Remco Evenepoel will ride the Vuelta a España "
        "and will be joined by Jasper Philipsen and Ilan Van Wilder."
    )
    assert programmes_of(record) == {
        ("Mark Cavendish", "Tour Down Under"), ("Fabio Jakobsen", "Tour Down Under"),
        ("Yves Lampaert", "Tour Down Under"), ("Michael Mørkøv", "Tour Down Under"),
        ("Remco Evenepoel", "Vuelta a España"), ("Jasper Philipsen", "Vuelta a España"), ("Ilan Van Wilder", "Vuelta a España"),
    }


def test_a_team_selection_after_a_colon_or_one_rider_a_line(read):
    record = read(
        "Soudal Quick-Step name Tour Down Under team\n"
        "The squad for the race: Remco Evenepoel, Mattia Cattaneo and Ilan Van Wilder.\n"
        "Ineos Grenadiers line-up for the Giro d'Italia:\n"
        "Geraint Thomas (GBR)\n"
        "Filippo Ganna (ITA)\n"
        "The team leaves for Italy on Tuesday."
    )
    assert programmes_of(record) == {
        ("Remco Evenepoel", "Tour Down Under"), ("Mattia Cattaneo", "Tour Down Under"), ("Ilan Van Wilder", "Tour Down Under"),
        ("Geraint Thomas", "Giro d'Italia"), ("Filippo Ganna", "Giro d'Italia"),
    }


def test_the_race_is_the_article_race_unless_it_has_been_run(read):
    preview = read(
        "Tour Down Under preview: Elia Viviani returns\n"
        "Last season, Elia Viviani took an emphatic win on stage 3 of the Tour Down Under. "
        "He will lead the squad at the race again this month."
    )
    assert programmes_of(preview) == {("Elia Viviani", "Tour Down Under")}
    report = read(
        "Vingegaard wins stage 5 of the Tour de France\n"
        "Jonas Vingegaard won stage 5 of the Tour de France on Wednesday. He will defend his lead in the race tomorrow."
    )
    assert programmes_of(report) == set()


def test_not_lining_up_missing_and_watching_are_no_plans(read):
    record = read(
        "Egan Bernal will not line up at Paris-Nice. Geraint Thomas is set to miss the Giro d'Italia. "
        "Fernando Gaviria went home to prepare for the Tirreno-Adriatico, following a fifth place at Milan-San Remo. "
        '"I\'ll be watching the Tour on television," said Mark Cavendish.'
    )
    assert programmes_of(record) == {("Fernando Gaviria", "Tirreno-Adriatico")}


def test_each_clause_keeps_its_own_subject_and_and_then_goes_on(read):
    record = read(
        "Tadej Pogačar will ride the Tour de France and Jonas Vingegaard will ride the Vuelta a España. "
        "Jonathan Milan is opting to race the Giro d'Italia and then the Tour."
    )
    assert programmes_of(record) == {
        ("Tadej Pogačar", "Tour de France"), ("Jonas Vingegaard", "Vuelta a España"),
        ("Jonathan Milan", "Giro d'Italia"), ("Jonathan Milan", "Tour de France"),
    }


def test_a_race_won_this_year_can_be_planned_for_next_year(read):
    record = read(
        "Froome plans his 2017 season\n"
        "Published 1 December 2016\n\n"
        "Chris Froome won this year's Herald Sun Tour ahead of Peter Kennaugh. "
        "Next year Froome is set to defend his title at the Herald Sun Tour. "
        "Richie Porte was expected to ride the Tour Down Under but crashed in training."
    )
    assert programmes_of(record) == {("Chris Froome", "Herald Sun Tour")}


def test_the_tour_of_another_race_is_not_the_tour_de_france(read):
    record = read(
        "Tadej Pogačar will ride the Tour of Zanzibar in March. "
        "Primož Roglič will ride the Tour de Zanzibar too. Jonas Vingegaard will ride the Tour down Under."
    )
    assert not {p.race_id for p in record.programmes} & {"race:tour-de-france", "race:tour-de-france-femmes"}
    assert not {race for _, race in programmes_of(record)} & {"Tour de France", "Tour de France Femmes"}


def test_the_tour_of_a_womens_rider_is_the_tour_de_france_femmes(read):
    record = read("Demi Vollering will ride the Tour this summer.")
    assert "race:tour-de-france" not in {p.race_id for p in record.programmes}
    assert programmes_of(record) <= {("Demi Vollering", "Tour de France Femmes")}
    assert {(p.rider, p.race_id) for p in record.programmes} == {("Demi Vollering", "race:tour-de-france-femmes")}


def test_the_tour_of_a_listed_subject_follows_each_riders_gender(read):
    record = read("Demi Vollering and Tadej Pogačar will ride the Tour in July.")
    assert {(p.rider, p.race_id) for p in record.programmes} == {
        ("Demi Vollering", "race:tour-de-france-femmes"), ("Tadej Pogačar", "race:tour-de-france"),
    }
