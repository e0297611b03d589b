"""Quotes and their speakers: attribution before, after and between quotations, "he said"."""


def speakers(record):
    return [(q.speaker, q.text) for q in record.quotes]


def test_attribution_after_with_name_or_pronoun(read):
    record = read(
        'Tadej Pogačar won the stage. "I felt really strong on the last climb today," Pogačar said.\n\n'
        'Jonas Vingegaard lost time. "It was not my best day on the bike," he said.'
    )
    assert speakers(record) == [
        ("Tadej Pogačar", "I felt really strong on the last climb today,"),
        ("Jonas Vingegaard", "It was not my best day on the bike,"),
    ]


def test_attribution_before_the_quotation(read):
    record = read("Speaking after the finish, the stage winner Filippo Ganna said: “The time trial went exactly as we planned it.”")
    assert speakers(record) == [("Filippo Ganna", "The time trial went exactly as we planned it.")]


def test_attribution_between_two_quotations_serves_both(read):
    record = read('Wout van Aert was second. "I tried everything in the sprint," explained Van Aert. "Next time it will be my turn."')
    assert speakers(record) == [
        ("Wout van Aert", "I tried everything in the sprint,"),
        ("Wout van Aert", "Next time it will be my turn."),
    ]


def test_a_speech_over_two_paragraphs_is_one_quote(read):
    record = read(
        'Mads Pedersen spoke at the finish. "The team controlled the race from the start.\n\n'
        '"In the final I only had to finish it off," said Pedersen.'
    )
    assert speakers(record) == [("Mads Pedersen", "The team controlled the race from the start. In the final I only had to finish it off,")]


def test_a_quotation_without_attribution_continues_the_previous_speaker(read):
    record = read(
        '"We rode a perfect race as a team today," Demi Vollering said.\n\n'
        '"Now we go to the Ardennes with a lot of confidence."'
    )
    assert [q.speaker for q in record.quotes] == ["Demi Vollering", "Demi Vollering"]


def test_unknown_speaker_becomes_a_person(read):
    record = read('«The riders were outstanding all week and deserve the win,» said team manager Ricardo Scheidecker.')
    assert speakers(record) == [("Ricardo Scheidecker", "The riders were outstanding all week and deserve the win,")]
    assert [(e.label, e.source) for e in record.entities if e.text == "Ricardo Scheidecker"] == [("PERSON", "attribution")]


def test_scare_quotes_and_titles_are_not_quotes(read):
    record = read('Pogačar called the climb a "real monster" after the stage, and the "Queen Stage" lived up to its name.')
    assert record.quotes == []
