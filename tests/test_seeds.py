"""The four seed articles, fact by fact: what a results database and a reviewer need from each."""

import datetime as dt

from conftest import gaps_of, programmes_of, results_of


def quotes_of(record):
    return [(q.speaker, q.text[:40]) for q in record.quotes]


def entity_names(record, label):
    return {e.canonical or e.text for e in record.entities if e.label == label}


# --- 000: Tour of Oman, Lutsenko into the lead (Cyclingnews, paywall and author bio) -----------

def test_000_results(seed):
    record = seed("000")
    assert results_of(record) == {
        ("gc", None, 1, "Alexey Lutsenko"),
        ("stage", None, 2, "Alexey Lutsenko"),
        ("stage", None, 1, "Miguel Angel Lopez"),
        ("stage", 4, 1, "Magnus Cort"),
        ("stage", 2, 3, "Alexey Lutsenko"),
        ("stage", 3, 3, "Alexey Lutsenko"),
    }
    assert {r.race for r in record.results} == {"Tour of Oman"}
    assert {r.team for r in record.results if r.rider == "Alexey Lutsenko"} == {"Astana"}


def test_000_quotes_joined_over_paragraphs_and_he_said(seed):
    record = seed("000")
    assert quotes_of(record) == [
        ("Alexey Lutsenko", "I am really happy because everything wen"),
        ("Alexey Lutsenko", "We knew that only this stage would decid"),
        ("Alexey Lutsenko", "Everybody was really honest. I worked qu"),
        ("Alexey Lutsenko", "He was just in front and we didn't reall"),
        ("Alexey Lutsenko", "In a few days, I will go back home to Eu"),
    ]
    assert record.quotes[1].text.endswith("We still have three riders in front with two kilometres to go. It was also our plan to win the stage. In the last section I was alone with Miguel Angel Lopez and we did our best to get some time from our rivals and take this stage.")


def test_000_programmes_climb_and_no_gap_but_the_optional_one(seed):
    record = seed("000")
    assert programmes_of(record) == {
        ("Alexey Lutsenko", race) for race in
        ("Giro d'Italia", "Omloop Het Nieuwsblad", "Kuurne-Brussel-Kuurne", "Strade Bianche", "Tirreno-Adriatico", "Milan-San Remo")
    }
    assert [c.name for c in record.climbs] == ["Green Mountain"]
    assert gaps_of(record) <= {("Alexey Lutsenko", 9)}  # "at just nine seconds back", before the stage


def test_000_boilerplate(seed):
    record = seed("000")
    assert record.headline == "Lutsenko climbs into Tour of Oman race lead"
    assert record.published is None
    assert "It's a full programme" in record.text and "The pair high-fived" in record.text
    assert "Thank you for reading" not in record.text and "Born in Ireland" not in record.text
    assert {r.kind for r in record.removed} == {"paywall", "author_bio"}
    assert "Eurosport" not in entity_names(record, "TEAM")


# --- 001: Dauphiné final stage (Kazinform wire, lists at the end) ---------------------------------

def test_001_lists_and_prose(seed):
    record = seed("001")
    assert results_of(record) == {
        ("stage", 8, 1, "Mark Padun"), ("stage", 8, 2, "Jonas Vingegaard"), ("stage", 8, 3, "Patrick Konrad"),
        ("stage", 8, 7, "Alexey Lutsenko"), ("stage", 8, 13, "Ion Izagirre"), ("stage", 8, 34, "Oscar Rodriguez"),
        ("gc", 8, 1, "Richie Porte"), ("gc", 8, 2, "Alexey Lutsenko"), ("gc", 8, 3, "Geraint Thomas"),
        ("gc", 8, 7, "Ion Izagirre"), ("gc", 8, 50, "Oscar Rodriguez"),
        ("stage", 4, 1, "Alexey Lutsenko"),
    }
    teams = {(r.rider, r.classification): r.team for r in record.results}
    assert teams[("Mark Padun", "stage")] == "Bahrain – Victorious"
    assert teams[("Oscar Rodriguez", "gc")] == "Astana – Premier Tech"
    assert {r.race for r in record.results} == {"Critérium du Dauphiné"}


def test_001_gaps_quotes_programmes(seed):
    record = seed("001")
    assert {(g.rider, g.seconds, g.classification, g.reference) for g in record.gaps} == {
        ("Alexey Lutsenko", 17, "gc", "Richie Porte"), ("Ion Izagirre", 38, "gc", None),
    }
    assert [q.speaker for q in record.quotes] == ["Alexey Lutsenko", "Ion Izagirre", "Fofonov"]
    assert programmes_of(record) == {("Alexey Lutsenko", "Tour de France"), ("Ion Izagirre", "Tour de France")}


def test_001_metadata_and_entities(seed):
    record = seed("001")
    assert record.published == dt.date(2021, 6, 6)
    assert record.dateline == "NUR-SULTAN. KAZINFORM" and record.publisher == "Kazinform"
    assert record.text.startswith("Alexey Lutsenko battled")
    assert (record.about.race, record.about.year, record.about.stage) == ("Critérium du Dauphiné", 2021, 8)
    # canonical: the gazetteer's first spelling of the season name the article used
    assert entity_names(record, "TEAM") == {"Astana Premier Tech", "INEOS Grenadiers", "Bahrain Victorious", "Team Jumbo-Visma", "BORA – hansgrohe"}
    assert {e.text for e in record.entities if e.label == "TEAM"} >= {"Astana – Premier Tech", "Bahrain – Victorious"}
    assert "Alex Aranburu" in entity_names(record, "RIDER")  # named by his surname only


# --- 002: Giro di Sicilia (Kazinform wire, guillemets used both ways) ---------------------------

def test_002_results_from_prose_and_a_quote(seed):
    record = seed("002")
    assert results_of(record) == {
        ("stage", None, 1, "Alexey Lutsenko"), ("gc", None, 1, "Alexey Lutsenko"), ("stage", 1, 5, "Alexey Lutsenko"),
    }
    assert {r.year for r in record.results} == {2023}


def test_002_gap_quotes_climb(seed):
    record = seed("002")
    assert {(g.rider, g.seconds, g.relation) for g in record.gaps} == {("Alexey Lutsenko", 40, "ahead")}
    assert [q.speaker for q in record.quotes] == ["Alexey Lutsenko"] * 3 + ["Giuseppe Martinelli"] * 2
    assert "«his day»" in record.quotes[-1].text
    assert [c.name for c in record.climbs] == ["Culmine di Scorciavacca"]
    assert record.programmes == []


# --- 003: Tour of Oman stage 2 (headline, standfirst, related links) ----------------------------

def test_003_results_gaps_climb(seed):
    record = seed("003")
    assert results_of(record) == {("stage", 2, 1, "Jesús Herrada"), ("stage", 2, 2, "Maxim Van Gils"), ("gc", 2, 1, "Jesús Herrada")}
    assert {(r.rider, r.team) for r in record.results} == {("Jesús Herrada", "Cofidis"), ("Maxim Van Gils", "Lotto Dstny")}
    assert {(g.rider, g.seconds, g.reference) for g in record.gaps} == {("Maxim Van Gils", 4, "Jesús Herrada"), ("Diego Ulissi", 6, "Jesús Herrada")}
    assert [(c.name, c.length_km) for c in record.climbs] == [("Jabal Haat", 4.6)]
    assert record.quotes == [] and record.programmes == []


def test_003_related_links_give_no_facts(seed):
    record = seed("003")
    assert record.subheadline == "Cofidis rider surges away from Van Gils and Ulissi to take race lead"
    assert "Jake Stewart" not in record.text
    assert all("Stewart" not in r.rider for r in record.results)
    assert "Jake Stewart" not in entity_names(record, "RIDER")
    assert {r.kind for r in record.removed} == {"sponsor_line", "newsletter", "author_bio", "related_links"}
    assert record.publisher == "Cyclingnews"
