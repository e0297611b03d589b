"""Climbs with their measures, and the race, year and stage an article reports."""


def test_climbs_with_length_and_gradient(read):
    record = read(
        "The stage ends on Mont Ventoux (21km at 7.5%). Earlier the riders crossed the Col du Tourmalet, "
        "and on Sunday the race finishes on Monte Zoncolan, a 10.1km climb."
    )
    climbs = {c.name: (c.length_km, c.gradient_pct) for c in record.climbs}
    assert climbs == {"Mont Ventoux": (21.0, 7.5), "Col du Tourmalet": (None, None), "Monte Zoncolan": (10.1, None)}


def test_a_stage_distance_is_no_climb_length(read):
    record = read("The 174 km stage finished at the top of Jabal Haat.")
    assert [(c.name, c.length_km) for c in record.climbs] == [("Jabal Haat", None)]


def test_about_comes_from_the_headline_and_year_beside_the_race(read):
    record = read("Roglič wins stage 3 of the 2022 Paris-Nice\n\nPrimož Roglič won the stage.")
    assert (record.about.race, record.about.year, record.about.stage, record.about.race_type) == ("Paris-Nice", 2022, 3, "stage")


def test_about_falls_back_to_the_opening_paragraph_and_publication_year(read):
    record = read(" date 2023-04-15 Alexey Lutsenko won the Giro di Sicilia. He will ride the Tour de France.")
    assert (record.about.race, record.about.year, record.about.stage) == ("Giro di Sicilia", 2023, None)
