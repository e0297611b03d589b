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
