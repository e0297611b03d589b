"""The shipped gazetteer at the scale of the peloton: names as news writes them.

These tests use the committed patterns/ (built from the public data sets), so they need no
data of their own; test_gazetteer checks that patterns/ is up to date with its sources.
"""

import json
from pathlib import Path

import pytest

PATTERNS = Path(__file__).resolve().parent.parent / "patterns"


def kb(kind: str) -> dict[str, dict]:
    with (PATTERNS / "kb" / f"{kind}.jsonl").open(encoding="utf-8") as lines:
        return {row["id"]: row for row in map(json.loads, lines)}


def ents(nlp, text, label=None):
    return [(e.text, e.id_) for e in nlp(text).ents if label is None or e.label_ == label]


def test_the_gazetteer_knows_the_peloton():
    riders, teams, races, climbs = kb("riders"), kb("teams"), kb("races"), kb("climbs")
    assert len(riders) >= 15_000 and len(races) >= 1_000 and len(climbs) >= 800
    assert {r["gender"] for r in riders.values()} >= {"men", "women"}
    assert riders["rider:tadej-pogacar"]["nationality"] == "SLO" and riders["rider:tadej-pogacar"]["birth_year"] == 1998
    assert set(teams["team:astana"]["seasons"]) >= {str(year) for year in range(2009, 2025)}
    assert races["race:milan-san-remo"]["type"] == "one-day" and races["race:giro-d-italia"]["type"] == "stage"
    assert climbs["climb:koppenberg"]["country"] == "BEL"


@pytest.mark.parametrize(
    "written, rider",
    [
        ("HERMANS Quinten", "rider:quinten-hermans"),  # surname in capitals first, as results tables print it
        ("JONAS VINGEGAARD", "rider:jonas-vingegaard"),  # upper case
        ("Tadej Pogacar", "rider:tadej-pogacar"),  # accents optional
        ("Soren Waerenskjold", "rider:soren-waerenskjold"),
        ("Enric Mas Nicolau", "rider:enric-mas"),  # a double surname and its short form
        ("Enric Mas", "rider:enric-mas"),
        ("Gorka Izagirre Insausti", "rider:gorka-izagirre"),
        ("Miguel Angel Lopez", "rider:miguel-angel-lopez"),  # short names without accents
        ("Ben O’Connor", "rider:ben-o-connor"),  # apostrophe styles
        ("Katarzyna Niewiadoma Phinney", "rider:katarzyna-niewiadoma"),  # hyphen dropped
        ("Tom Pidcock", "rider:thomas-pidcock"),  # a short given name
        ("Matt Lloyd", "rider:matthew-lloyd"),
    ],
)
def test_names_as_news_writes_them(nlp, written, rider):
    assert ents(nlp, f"Yesterday {written} rode away.", "RIDER") == [(written, rider)]


def test_a_surname_printed_first_reads_given_name_first(read):
    record = read("Results\n1. HERMANS Quinten (Intermarché – Wanty) 4:10:22\n2. POGAČAR Tadej (UAE Team Emirates) +0:04")
    assert [r.rider for r in record.results] == ["Quinten Hermans", "Tadej Pogačar"]
    assert [e.canonical for e in record.entities if e.label == "RIDER"] == ["Quinten Hermans", "Tadej Pogačar"]


def test_a_surname_alone_resolves_to_the_rider_named_in_full_earlier(nlp):
    doc = nlp("Gorka Izagirre attacked on the climb. Izagirre was caught, and Ion Izagirre won. Then Izagirre celebrated.")
    assert [e.id_ for e in doc.ents if e.text == "Izagirre"] == ["rider:gorka-izagirre", "rider:ion-izagirre"]


def test_a_surname_that_is_a_common_word_or_place_stands_alone_only_after_the_full_name(nlp):
    assert ents(nlp, "The King of the mountains rode on. Valverde is a town. Young riders.", "RIDER") == []
    assert ents(nlp, "Ben King won. King was happy.", "RIDER") == [("Ben King", "rider:ben-king"), ("King", "rider:ben-king")]
    assert ents(nlp, "Porte attacked and Kuss followed.", "RIDER") == [("Porte", "rider:richie-porte"), ("Kuss", "rider:sepp-kuss")]


def test_a_team_through_its_sponsors_is_one_team_and_keeps_the_name_used(nlp, read):
    names = ["Astana Pro Team", "Astana – Premier Tech", "Astana Qazaqstan Team", "Jumbo-Visma", "Team Jumbo-Visma", "Visma | Lease a Bike", "Team Sky", "INEOS Grenadiers"]
    found = [ents(nlp, f"The {name} rider won.", "TEAM") for name in names]
    assert [f[0][1] for f in found] == ["team:astana"] * 3 + ["team:visma"] * 3 + ["team:ineos"] * 2
    record = read("Maxim Van Gils (Lotto Dstny) won the stage.")
    assert (record.results[0].team, record.results[0].team_id) == ("Lotto Dstny", "team:lotto")


@pytest.mark.parametrize(
    "names, race",
    [
        (["Milan-San Remo", "Milano-Sanremo"], "race:milan-san-remo"),
        (["Tour of Flanders", "Ronde van Vlaanderen"], "race:tour-of-flanders"),
        (["Critérium du Dauphiné", "Dauphiné"], "race:criterium-du-dauphine"),
        (["Itzulia Basque Country", "Tour of the Basque Country"], "race:itzulia-basque-country"),
        (["Giro d'Italia", "Giro", "Tour of Italy"], "race:giro-d-italia"),
        (["Tour de France Femmes"], "race:tour-de-france-femmes"),
        (["Giro d'Italia Women", "Giro Donne"], "race:giro-d-italia-women"),
    ],
)
def test_races_with_their_aliases(nlp, names, race):
    assert [ents(nlp, f"She rode the {name} again.", "RACE") for name in names] == [[(name, race)] for name in names]


def test_championships(nlp):
    found = ents(nlp, "He won the Belgian national championships, then the World Championships.", "RACE")
    assert [text for text, _ in found] == ["Belgian national championships", "World Championships"]


@pytest.mark.parametrize("name", ["Koppenberg", "Paterberg", "Oude Kwaremont", "Mur de Huy", "Cauberg", "La Redoute", "Poggio", "Cipressa", "Jebel Akhdar", "Jebel Hafeet", "Jabal Haat", "Passo dello Stelvio", "Stelvio"])
def test_famous_climbs(nlp, name):
    assert [text for text, _ in ents(nlp, f"The race went over the {name} twice.", "CLIMB")] == [name]


# The 2024 men's ProTeams as FirstCycling writes them; the WorldTeams are in test_sources_teams,
# which checks the build, while this checks what ships.
MEN_PROTEAMS_2024 = [
    "Bingoal WB", "Burgos-BH", "Caja Rural-Seguros RGA", "Equipo Kern Pharma", "Euskaltel-Euskadi",
    "Israel-Premier Tech", "Lotto Dstny", "Q36.5 Pro Cycling Team", "TdT-Unibet", "Team corratec - Vini Fantini",
    "Team Flanders-Baloise", "Team Novo Nordisk", "Team Polti Kometa", "TotalEnergies", "Tudor Pro Cycling Team",
    "Uno-X Mobility", "VF Group-Bardiani CSF-Faizanè",
]


@pytest.mark.parametrize("name", MEN_PROTEAMS_2024)
def test_every_proteam_of_2024_is_recognised_whole(nlp, name):
    found = ents(nlp, f"The {name} rider won.", "TEAM")
    assert [text for text, _ in found] == [name]


def test_names_are_found_mid_text_and_not_glued_to_the_next_word(nlp):
    assert ents(nlp, "It rained. Then Pogačar attacked.", "RIDER") == [("Pogačar", "rider:tadej-pogacar")]
    # Matthew Brennan is not in the data; "Brennan" must not pull in another Brennan.
    assert [i for _, i in ents(nlp, "It rained. Matthew Brennan won.", "RIDER")] in ([], ["rider:matthew-brennan"])


def test_a_no_break_space_inside_a_name_is_a_space(nlp):
    assert ents(nlp, "Tadej\u00a0Pogačar won.", "RIDER") == [("Tadej\u00a0Pogačar", "rider:tadej-pogacar")]


def test_a_double_barrelled_name_is_one_rider(nlp):
    assert ents(nlp, "Katarzyna Niewiadoma-Phinney won. Niewiadoma-Phinney was happy.", "RIDER") == [
        ("Katarzyna Niewiadoma-Phinney", "rider:katarzyna-niewiadoma"),
        ("Niewiadoma-Phinney", "rider:katarzyna-niewiadoma"),
    ]


def test_the_surname_copy_uses_alone_resolves_when_it_is_not_the_last_word(nlp):
    assert ents(nlp, "Enric Mas Nicolau was third. Mas said he was happy.", "RIDER") == [
        ("Enric Mas Nicolau", "rider:enric-mas"), ("Mas", "rider:enric-mas"),
    ]


def test_common_words_that_are_also_names_are_not_entities_in_prose(nlp):
    prose = (
        "Early on the Place was quiet. Start times were Real early, and the Sky was grey. "
        "Giant crowds lined the road; Young fans cheered. Long before the Finish, the Grand Départ was over. "
        "The Team bus left. Over the top the Climb eased. Then it rained."
    )
    assert ents(nlp, prose) == []


def test_a_results_row_with_a_double_surname_is_one_rider(read):
    record = read("Results\n1. Enric Mas Nicolau (Movistar Team) 4:10:22\n2. Tadej Pogačar (UAE Team Emirates) +0:04")
    assert [(r.rider, r.rider_id) for r in record.results] == [
        ("Enric Mas Nicolau", "rider:enric-mas"), ("Tadej Pogačar", "rider:tadej-pogacar"),
    ]
    assert sorted(e.id for e in record.entities if e.label == "RIDER") == ["rider:enric-mas", "rider:tadej-pogacar"]


def test_a_long_single_line_finds_the_same_names(nlp):
    sentence = "Tadej Pogačar won the Tour de France ahead of Jonas Vingegaard on the Col du Tourmalet. "
    doc = nlp(sentence * 400)
    assert len(doc.ents) == 4 * 400
    assert {e.id_ for e in doc.ents} == {"rider:tadej-pogacar", "race:tour-de-france", "rider:jonas-vingegaard", "climb:col-du-tourmalet"}


def test_a_hand_alias_gathers_the_datas_other_spelling_of_the_rider(nlp):
    assert ents(nlp, "Ion Izaguirre Insausti won, ahead of Ion Izagirre.", "RIDER") == [
        ("Ion Izaguirre Insausti", "rider:ion-izagirre"), ("Ion Izagirre", "rider:ion-izagirre"),
    ]


def test_a_tables_nationality_column_does_not_hide_the_team_after_it(nlp):
    text = "21 VUILLERMOZ Alexis FRA TOTALENERGIES 02:30\n27 IZAGUIRRE INSAUSTI Ion ESP COFIDIS 02:30"
    assert [(t, i) for t, i in ents(nlp, text, "TEAM")] == [("TOTALENERGIES", ents(nlp, "TotalEnergies won.", "TEAM")[0][1]), ("COFIDIS", "team:cofidis")]


def test_a_surname_before_the_verb_climbs_is_the_rider(nlp):
    assert ents(nlp, "Lutsenko climbs into race lead\nAlexey Lutsenko won. Lutsenko was happy.") == [
        ("Lutsenko", "rider:alexey-lutsenko"), ("Alexey Lutsenko", "rider:alexey-lutsenko"), ("Lutsenko", "rider:alexey-lutsenko"),
    ]
    assert ents(nlp, "They went up the Montacute climb.", "CLIMB") == [("Montacute", "context:montacute")]
