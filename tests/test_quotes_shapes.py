"""Quotes in the shapes real articles print them: every mark style, attributions before and
after, speech set off by dashes, interviews, and speakers who are not riders."""

import pytest

from pipeline.text.quotations import find_quotations


def speakers(record):
    return [(q.speaker, q.text) for q in record.quotes]


def found(text):
    return [(q.kind, q.text(text)) for q in find_quotations(text)]


# --- finding the speech -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "“We rode a perfect race today,” said Tadej Pogačar.",
        '"We rode a perfect race today," said Tadej Pogačar.',
        "«We rode a perfect race today», said Tadej Pogačar.",
        "„We rode a perfect race today“, said Tadej Pogačar.",
    ],
)
def test_every_mark_style_gives_the_same_quote(read, text):
    assert [(speaker, quote.rstrip(",")) for speaker, quote in speakers(read(text))] == [("Tadej Pogačar", "We rode a perfect race today")]


def test_single_quotes_nested_in_double_ones_stay_inside(read):
    record = read("“My sports director shouted ‘go now, go now’ in the radio, so I went,” Mathieu van der Poel said.")
    assert speakers(record) == [("Mathieu van der Poel", "My sports director shouted ‘go now, go now’ in the radio, so I went,")]


def test_straight_quotes_nested_in_straight_ones_stay_inside():
    text = '"We won stages at the "Tour of Oman" and the young riders made a big step," he said.'
    assert found(text) == [("marks", 'We won stages at the "Tour of Oman" and the young riders made a big step,')]


def test_a_mark_before_punctuation_closes_even_after_a_space():
    text = '"Could also be done as a mountain stage ". The rider spoke about the route.'
    assert found(text) == [("marks", "Could also be done as a mountain stage")]


def test_apostrophes_and_seconds_marks_open_nothing_inside_a_quotation():
    text = "\"The riders' legs were gone and I lost 1'12\" on the last climb,\" he said. It's over."
    assert found(text) == [("marks", "The riders' legs were gone and I lost 1'12\" on the last climb,")]


def test_scare_quotes_nicknames_and_titles_are_no_quotes(read):
    record = read(
        'Peter "Tourminator" Sagan finished third on what organisers called the "Queen Stage of the Giro". '
        'Sagan described the descent as "very dangerous for all of us" after the finish.'
    )
    assert record.quotes == []


# --- attributions -------------------------------------------------------------------------------


def test_name_said_colon_before_the_quote(read):
    record = read("Tadej Pogačar won the stage. Pogačar said afterwards: “The team rode perfectly and I only had to finish it off.”")
    assert speakers(record) == [("Tadej Pogačar", "The team rode perfectly and I only had to finish it off.")]


def test_name_told_a_publication_after_the_quote(read):
    record = read('Jonas Vingegaard lost time on the climb. "It was simply not my day on the bike," Vingegaard told Cyclingnews.')
    assert speakers(record) == [("Jonas Vingegaard", "It was simply not my day on the bike,")]


def test_name_speaks_colon(read):
    record = read("Primož Roglič speaks: “I am ready for the Vuelta and I want to win it a fourth time.”")
    assert speakers(record) == [("Primož Roglič", "I am ready for the Vuelta and I want to win it a fourth time.")]


def test_a_block_after_name_said_semicolon(read):
    record = read('Alexey Lutsenko said;\n\n"I am very motivated for July. The goal is a stage win in the mountains."')
    assert speakers(record) == [("Alexey Lutsenko", "I am very motivated for July. The goal is a stage win in the mountains.")]


def test_a_title_between_verb_and_name_is_no_speaker(read):
    record = read("“I definitely have the chance to go for the GC this week” says Stage 2 winner Jay McCarthy (Bora-Hansgrohe).")
    assert speakers(record) == [("Jay McCarthy", "I definitely have the chance to go for the GC this week")]


def test_a_team_is_no_speaker(read):
    record = read('Astana were happy with the day. "We rode a perfect race as a team and we deserved this win," Astana said in a statement.')
    assert record.quotes == []


# --- speakers who are not riders ----------------------------------------------------------------


def test_a_manager_named_with_an_apposition(read):
    record = read('Lotte Kopecky won in Siena. "We knew the race would be decided on the gravel," Stephen Delcourt, the team manager, said.')
    assert speakers(record) == [("Stephen Delcourt", "We knew the race would be decided on the gravel,")]
    assert [q.speaker_id for q in record.quotes] == [None]


def test_a_manager_after_a_possessive_team_and_title(read):
    record = read('Demi Vollering crashed. "She is completely shocked but she wants to continue," FDJ-SUEZ\'s general manager Marta Ellinger told reporters.')
    assert speakers(record) == [("Marta Ellinger", "She is completely shocked but she wants to continue,")]


def test_a_speaker_named_by_surname_keeps_the_full_name_given_before(read):
    record = read(
        'Nurlan Abenov, the head of performance, was also there. "We worked hard on the time trial position all winter," Abenov told reporters.'
    )
    assert speakers(record) == [("Nurlan Abenov", "We worked hard on the time trial position all winter,")]


# --- speech over several paragraphs -------------------------------------------------------------


def test_a_paragraph_opening_with_a_mark_and_no_close_continues_the_speech(read):
    record = read(
        '"We controlled the race from the start and the team was perfect," said Mads Pedersen.\n\n'
        '"In the final I only had to finish it off.\n\n'
        '"Now I go home and rest for a week."'
    )
    assert speakers(record) == [
        ("Mads Pedersen", "We controlled the race from the start and the team was perfect,"),
        ("Mads Pedersen", "In the final I only had to finish it off. Now I go home and rest for a week."),
    ]


def test_first_person_speech_after_a_sentence_about_a_rider_is_theirs(read):
    record = read(
        "Wout van Aert faced the prospect of losing the race lead he had taken the day before. "
        "“I had a really hard time, I didn't think it was possible to keep the jersey.”"
    )
    assert speakers(record) == [("Wout van Aert", "I had a really hard time, I didn't think it was possible to keep the jersey.")]


def test_first_person_speech_after_narration_keeps_the_last_speaker(read):
    record = read(
        '"I attacked with eight kilometres to go and nobody could follow me," Alexandre Vinokourov said.\n\n'
        "The previous day Joaquim Rodríguez had won ahead of Alberto Contador.\n\n"
        '"Yesterday could have been a team win, I wish we had won it together."'
    )
    assert [q.speaker for q in record.quotes] == ["Alexandre Vinokourov", "Alexandre Vinokourov"]


def test_speech_that_names_the_candidate_is_not_theirs(read):
    record = read(
        "Elia Viviani will lead the team in Australia.\n\n"
        "“Stage victories are the main goals with Elia first of all, and we hope for a good start.”"
    )
    assert record.quotes == []


# --- speech set off by dashes -------------------------------------------------------------------


def test_a_dash_attribution_ends_an_unclosed_quotation(read):
    record = read('Alexander Vinokurov spoke to the press.\n\n"It has been a very good season for the whole team, - Alexander Vinokurov told.')
    assert speakers(record) == [("Alexander Vinokurov", "It has been a very good season for the whole team,")]


def test_a_dash_paragraph_after_an_introduction_with_a_colon(read):
    record = read(
        "Alexander Vinokurov told about the goals of the team:\n\n"
        "- Traditionally, we focus on the grand tours. It is our strength and we will strive for more."
    )
    assert speakers(record) == [("Alexander Vinokurov", "Traditionally, we focus on the grand tours. It is our strength and we will strive for more.")]


def test_speech_resumes_after_a_dash_attribution(read):
    record = read(
        "Alexey Lutsenko won the national title.\n\n"
        "- We are very happy with this result for the whole team, - Alexey Lutsenko told. - Next year we go to the Tour with big ambitions."
    )
    assert speakers(record) == [
        ("Alexey Lutsenko", "We are very happy with this result for the whole team,"),
        ("Alexey Lutsenko", "Next year we go to the Tour with big ambitions."),
    ]


def test_a_dash_list_is_no_speech():
    text = "- Stage 1: Tadej Pogačar wins in Florence\n- Stage 2: Jonas Vingegaard takes the yellow jersey"
    assert found(text) == []


# --- interviews ---------------------------------------------------------------------------------


def test_dash_interview_answers_belong_to_the_interviewee_and_questions_to_nobody(read):
    record = read(
        "Nikita Stalnov rides for Astana. In an interview with the local press, he spoke about the route.\n\n"
        "- I know every centimetre of this road, because I organise training camps here every year.\n\n"
        "- Why is the mountain stage so hard?\n\n"
        "- There is no flat road at all and the finish comes after a lot of climbing."
    )
    assert speakers(record) == [
        ("Nikita Stalnov", "I know every centimetre of this road, because I organise training camps here every year."),
        ("Nikita Stalnov", "There is no flat road at all and the finish comes after a lot of climbing."),
    ]


def test_questions_and_answers_without_marks(read):
    record = read(
        "Sepp Kuss sat down with us before the Tour de France to talk about his season.\n\n"
        "How does the Tour look for you this year?\n"
        "I think it is no different from other years. I always hope for a chance in a stage, but the focus is on the team.\n\n"
        "Will you hunt stages in the third week?\n"
        "No. If there is a day for me to go in the break, then it can happen, but we do not plan it."
    )
    assert [q.speaker for q in record.quotes] == ["Sepp Kuss", "Sepp Kuss"]
    assert record.quotes[1].text.startswith("No. If there is a day for me")


def test_answers_without_marks_need_a_named_interviewee(read):
    record = read(
        "The American also spoke about the team.\n\n"
        "How does the Tour look for you this year?\n"
        "I think it is no different from other years. I always hope for a chance in a stage.\n\n"
        "Will you hunt stages in the third week?\n"
        "No. If there is a day for me to go in the break, then it can happen."
    )
    assert record.quotes == []


def test_name_colon_answer_lines(read):
    record = read(
        "Cyclingnews spoke to Tom Pidcock about the spring.\n\n"
        "Cyclingnews: What is the big target this spring?\n"
        "Pidcock: Milan-San Remo is the big one for me. I think the Poggio suits me.\n\n"
        "Cyclingnews: And after that?\n"
        "Pidcock: Then we go to the Ardennes, and I hope to be at my best for Liège."
    )
    assert speakers(record) == [
        ("Tom Pidcock", "Milan-San Remo is the big one for me. I think the Poggio suits me."),
        ("Tom Pidcock", "Then we go to the Ardennes, and I hope to be at my best for Liège."),
    ]


def test_labelled_lines_that_are_no_person_are_no_speech(nlp):
    doc = nlp(
        "Results: 1. Tadej Pogačar (UAE Team Emirates) 4:12:33 and the rest\n"
        "Overall: 1. Tadej Pogačar (UAE Team Emirates) 12:44:10 ahead"
    )
    assert list(doc.spans["quotes"]) == []


def test_labelled_lines_that_are_no_person_are_no_quotes(read):
    record = read(
        "Tadej Pogačar won the stage in Siena.\n"
        "Results: 1. Tadej Pogačar (UAE Team Emirates) 4:12:33 and the rest of the field\n"
        "Overall: 1. Tadej Pogačar (UAE Team Emirates) 12:44:10 ahead of everyone else"
    )
    assert record.quotes == []


# --- review fixes -------------------------------------------------------------------------------


def test_a_dash_bullet_list_is_no_speech_and_keeps_its_results(read):
    dashes = read("- Tadej Pogačar won the stage in Siena after a long solo attack.\n- Wout van Aert finished third behind the Slovenian.")
    stars = read("* Tadej Pogačar won the stage in Siena after a long solo attack.\n* Wout van Aert finished third behind the Slovenian.")
    assert dashes.quotes == []
    assert {(r.rank, r.rider) for r in dashes.results} == {(r.rank, r.rider) for r in stars.results}
    assert {r.rank for r in dashes.results} == {1, 3}


def test_a_dash_list_after_a_colon_without_a_speech_verb_is_no_speech():
    text = "The podium of the stage:\n- Tadej Pogačar won the stage in Siena.\n- Wout van Aert finished third behind him."
    assert found(text) == []


def test_a_dash_run_attributed_by_a_dash_and_a_speech_verb_is_speech():
    text = (
        "Vinokurov met the press in Astana.\n"
        "- Traditionally, we focus on the Tour, - Vinokurov told.\n"
        "- Next year we go there with big ambitions and a strong team."
    )
    assert found(text) == [
        ("dash", "Traditionally, we focus on the Tour,"),
        ("dash", "Next year we go there with big ambitions and a strong team."),
    ]


def test_a_dash_attribution_without_a_speech_verb_makes_no_speech():
    text = "- Tadej Pogačar won the stage in Siena, - and Wout van Aert was third."
    assert found(text) == []


def person_ids(doc):
    return {e.text: e.id_ for e in doc.ents if e.label_ == "PERSON"}


def test_a_surname_shared_by_two_people_does_not_merge_them(nlp):
    doc = nlp('Yvon Brenkovar won the stage in Siena.\n\n"We rode a perfect race today," Marc Brenkovar said.')
    assert person_ids(doc) == {"Marc Brenkovar": "person:marc-brenkovar"}
    assert [q.kb_id_ for q in doc.spans["quotes"]] == ["person:marc-brenkovar"]


def test_a_surname_speaker_takes_the_full_name_it_ends(nlp):
    doc = nlp('Yvon Brenkovar won the stage in Siena.\n\n"We rode a perfect race today," Brenkovar said.')
    assert person_ids(doc) == {"Yvon Brenkovar": "person:yvon-brenkovar", "Brenkovar": "person:yvon-brenkovar"}
    assert [q.kb_id_ for q in doc.spans["quotes"]] == ["person:yvon-brenkovar"]


def test_first_person_of_the_lexicon_marks_question_and_answer_interviews():
    """Answers in the first person make an interview; "We" opening an answer counts."""
    text = (
        "How does the Tour look for the team this year?\n"
        "We think it is no different from other years, and the focus is on the leader.\n\n"
        "Will the team hunt stages in the third week?\n"
        "Ours is a team built for the mountains, so the third week suits it."
    )
    assert [kind for kind, _ in found(text)] == ["question", "answer", "question", "answer"]
