"""The spaCy pipeline: entity matching, name resolution, sentences and tokenization."""


def ents(doc, label=None):
    return [(e.text, e.id_) for e in doc.ents if label is None or e.label_ == label]


def test_pipeline_is_blank_english_with_registered_components(nlp):
    assert nlp.lang == "en"
    assert nlp.pipe_names == [
        "racefacts_gazetteer", "racefacts_context_names", "racefacts_quotations", "racefacts_sentences", "racefacts_measures", "racefacts_names", "racefacts_coref",
    ]
    assert len(nlp.get_pipe("racefacts_gazetteer").index) > 100


def test_matching_ignores_case_accents_and_dash_styles(nlp):
    doc = nlp("CRITERIUM DU DAUPHINE stage won by Tadej Pogacar of Bahrain Victorious ahead of a Bora-Hansgrohe rider.")
    assert ents(doc, "RACE") == [("CRITERIUM DU DAUPHINE", "race:criterium-du-dauphine")]
    assert ents(doc, "RIDER") == [("Tadej Pogacar", "rider:tadej-pogacar")]
    assert ents(doc, "TEAM") == [("Bahrain Victorious", "team:bahrain"), ("Bora-Hansgrohe", "team:bora")]


def test_separators_do_not_count(nlp):
    doc = nlp("Team Visma Lease-A-Bike beat Jumbo Visma, Bahrain-Victorious and Kuurne Brussel Kuurne riders.")
    assert [(e.text, e.id_) for e in doc.ents] == [
        ("Team Visma Lease-A-Bike", "team:visma"), ("Jumbo Visma", "team:visma"), ("Bahrain-Victorious", "team:bahrain"),
        ("Kuurne Brussel Kuurne", "race:kuurne-brussel-kuurne"),
    ]


def test_a_race_name_in_lower_case_is_still_a_race(nlp):
    assert ents(nlp("He targets the tour de france and the strade bianche."), "RACE") == [
        ("tour de france", "race:tour-de-france"), ("strade bianche", "race:strade-bianche"),
    ]


def test_lower_case_prose_is_no_name(nlp):
    doc = nlp("They rode up a green mountain and then the giro of the lake.")
    assert ents(doc) == []
    # race names made of generic words only ("Battle of the North", "Tour of the North") are prose in lower case
    assert ents(nlp("It was a battle of the north, a tour of the north."), "RACE") == []
    assert ents(nlp("It was the Battle of the North."), "RACE") == [("Battle of the North", "race:tour-of-scandinavia")]


def test_surname_alone_resolves_to_the_full_name_in_the_article(nlp):
    doc = nlp("Ion Izagirre attacked early. Later Izagirre was caught, and Van Gils won ahead of Maxim Van Gils's teammate.")
    assert ("Izagirre", "rider:ion-izagirre") in ents(doc, "RIDER")
    assert ("Van Gils", "rider:maxim-van-gils") in ents(doc, "RIDER")


def test_a_shared_surname_follows_the_rider_this_article_names(nlp):
    assert ("Izagirre", "rider:gorka-izagirre") in ents(nlp("Gorka Izagirre was there. Izagirre won."), "RIDER")
    assert ("Izagirre", "rider:ion-izagirre") in ents(nlp("Ion Izagirre was there. Izagirre won."), "RIDER")


def test_a_surname_in_the_headline_resolves_to_the_full_name_below_it(nlp):
    doc = nlp("Herrada wins in Oman\n\nJesús Herrada won the stage.")
    assert ents(doc, "RIDER")[0] == ("Herrada", "rider:jesus-herrada")
    assert doc._.rf_referents["rider:jesus-herrada"]["name"] == "Jesús Herrada"


def test_sentences_keep_quotations_and_results_lists_whole(nlp):
    doc = nlp('"I am happy. We won. It was hard," said Lutsenko. Then he left.\nTop 3: 1. Mark Padun (Bahrain – Victorious), 2. Jonas Vingegaard, 3. Patrick Konrad')
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == [
        '"I am happy. We won. It was hard," said Lutsenko.',
        "Then he left.",
        "Top 3: 1. Mark Padun (Bahrain – Victorious), 2. Jonas Vingegaard, 3. Patrick Konrad",
    ]


def test_quote_marks_glued_to_words_are_split(nlp):
    assert [t.text for t in nlp("team,«continued")] == ["team", ",", "«", "continued"]


def test_durations_are_spans_with_seconds(nlp):
    doc = nlp("He finished 17 seconds behind, with Ulissi at 1:02.")
    assert [(s.text, s._.rf_value) for s in doc.spans["durations"]] == [("17 seconds", 17), ("1:02", 62)]


def context(doc):
    return [e.text for e in doc.ents if e.id_.startswith("context:")]


def test_unknown_riders_found_by_where_they_stand(nlp):
    doc = nlp(
        "Top 5: 1. Tadej Pogačar (UAE Team Emirates), 2. Chris Newrider (Israel) at 5 sec\n"
        "4 Luca Rossi (Ita) 0:00:06\n"
        "Cofidis rider Bryn Oakhurst sprinted, and his teammate Pieter Vanderzandt helped. Dario Nobody (ESP) crashed."
    )
    assert context(doc) == ["Chris Newrider", "Luca Rossi", "Bryn Oakhurst", "Pieter Vanderzandt", "Dario Nobody"]
    assert {doc._.rf_sources[f"{e.start_char}:{e.end_char}"] for e in doc.ents if e.id_.startswith("context:")} == {"context"}


def test_capitalised_words_elsewhere_are_not_riders(nlp):
    doc = nlp("The Race Profile (UWT) was shown. Riders from the Czech Republic (CZE) and Les Gets (147km). New Zealand won.")
    assert context(doc) == []


def test_minor_climbs_name_themselves(nlp):
    doc = nlp("On Côte de la Roche and the Col du Pilon, then atop Côte de Saint-Romain-les-Atheux and Passo Giau. He lives in Monte Carlo; the col was hard.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Côte de la Roche", "CLIMB"), ("Col du Pilon", "CLIMB"), ("Côte de Saint-Romain-les-Atheux", "CLIMB"), ("Passo Giau", "CLIMB"),
    ]


def test_table_cell_borders_are_tokens_of_their_own(nlp):
    doc = nlp("|1|Tadej Pogačar|UAE|")
    assert [t.text for t in doc] == ["|", "1", "|", "Tadej", "Pogačar", "|", "UAE", "|"]
    assert ents(doc, "RIDER") == [("Tadej Pogačar", "rider:tadej-pogacar")]


def test_a_table_row_with_borders_gives_names_and_times(nlp):
    doc = nlp("| 1 | Tadej Pogacar | UAE Team Emirates | 0:39:44|")
    assert [t.text for t in doc][-2:] == ["0:39:44", "|"]
    assert ents(doc) == [("Tadej Pogacar", "rider:tadej-pogacar"), ("UAE Team Emirates", "team:uae")]
    assert [(s.text, s._.rf_value) for s in doc.spans["durations"]] == [("0:39:44", 2384)]


def test_cell_borders_are_split_by_this_pipeline_only(nlp):
    import spacy

    assert [t.text for t in spacy.blank("en")("|1|Tadej Pogačar|")] == ["|1|Tadej", "Pogačar|"]
    assert [t.text for t in nlp("a|b")] == ["a", "|", "b"]
