"""Text primitives: folding, numbers, quantities and quotation marks."""

import pytest

from pipeline.text.fold import fold, name_key, slug
from pipeline.text.numbers import number_value, ordinal_value
from pipeline.text.quantities import find_distances, find_durations, find_gradients
from pipeline.text.quotations import find_quotations


@pytest.mark.parametrize(
    "a, b",
    [
        ("Critérium du Dauphiné", "CRITERIUM DU DAUPHINE"),
        ("Pogačar", "Pogacar"),
        ("Søren Wærenskjold", "Soren Waerenskjold"),
        ("Giro d’Italia", "Giro d'Italia"),
        ("Bahrain – Victorious", "bahrain - victorious"),
    ],
)
def test_fold_removes_case_accents_and_dash_styles(a, b):
    assert fold(a) == fold(b)


def test_name_key_drops_separators_and_slug_is_stable():
    assert name_key("BORA – hansgrohe") == name_key("Bora-Hansgrohe") == "bora hansgrohe"
    assert slug("Miguel Ángel López") == "miguel-angel-lopez"


def test_numbers_and_ordinals_in_words_and_digits():
    assert number_value("four") == 4 and number_value("21") == 21 and number_value("twenty-one") == 21
    assert ordinal_value("seventh") == 7 and ordinal_value("2nd") == 2 and ordinal_value("twenty-first") == 21
    assert ordinal_value("second.") is None and number_value("stage") is None


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("17 seconds behind", [17]),
        ("by four seconds, with Ulissi at six seconds", [4, 6]),
        ("a lead of 2:30 over", [150]),
        ("at 0:00:24, then +1:02", [24, 62]),
        ("one minute and 20 seconds down", [80]),
        ("1min 20sec back", [80]),
        ("a 40-second advantage", [40]),
        ("lost 1'12\" on the climb", [72]),
        ("by 11s ahead of", [11]),
        ("3 hr 14 min 02 secs", [3 * 3600 + 14 * 60 + 2]),
    ],
)
def test_durations(text, seconds):
    assert [q.seconds for q in find_durations(text)] == seconds


@pytest.mark.parametrize("text", ["the 1990s were", "a second consecutive win", "stage 2 and 3", "300m to go"])
def test_non_durations(text):
    assert find_durations(text) == []


def test_distances_in_km_and_gradients():
    assert [q.value for q in find_distances("a 4.6km climb after 174 km, the final 300 metres")] == [4.6, 174.0, 0.3]
    assert [q.value for q in find_distances("the three-kilometre climb")] == [3.0]
    assert [q.value for q in find_gradients("averaging 7.2% with 12 per cent ramps")] == [7.2, 12.0]


def quoted(text):
    return [q.text(text) for q in find_quotations(text)]


def test_quotations_in_every_mark_style():
    assert quoted('"It was a hard day," he said. “We won,” she said. «Merci beaucoup,» said Alaphilippe.') == [
        "It was a hard day,", "We won,", "Merci beaucoup,",
    ]


def test_misused_guillemet_closes_the_open_quotation():
    text = "«We fought as hard as we could until the end, « added Fofonov. Next sentence."
    assert quoted(text) == ["We fought as hard as we could until the end,"]
    text = "«It was a very important success for our team,«continued Martinelli."
    assert quoted(text) == ["It was a very important success for our team,"]


def test_nested_quotation_stays_inside():
    assert quoted("«It was just «his day» and he did everything perfectly,» he said.") == [
        "It was just «his day» and he did everything perfectly,"
    ]


def test_quotation_continues_over_paragraphs_when_the_next_opens_with_a_mark():
    text = '"First paragraph of the speech.\n\n"Second paragraph ends here."\n\nNarration follows.'
    assert quoted(text) == ["First paragraph of the speech. Second paragraph ends here."]


def test_unclosed_quotation_ends_at_its_paragraph():
    text = '"An unclosed quote runs to the end\n\nThen narration without marks.'
    assert quoted(text) == ["An unclosed quote runs to the end"]


def test_apostrophes_and_inch_marks_never_open_a_quotation():
    assert quoted("The riders' union said it's fine; he lost 1'12\" there.") == []


# Time forms of results tables and wire copy: "+ 0.44", "at :00", "at 2-35", "4h 02' 11\"".


def durations(text):
    return [(text[q.start : q.end], q.seconds) for q in find_durations(text)]


@pytest.mark.parametrize(
    "text, found",
    [
        ("3. Jonas Vingegaard + 0.44", [("+ 0.44", 44)]),
        ("Enric Mas +1.03 and Egan Bernal + 2.15", [("+1.03", 63), ("+ 2.15", 135)]),
        ("Roglic +1.02.15", [("+1.02.15", 3735)]),
    ],
)
def test_dotted_minutes_seconds_after_a_plus(text, found):
    assert durations(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "a ratio of 0.44 watts",  # no "+"
        "+ 0.44 km to go",  # a distance
        "+ 2.15% in the standings",  # a percentage
        "+ 1.5 points",  # one decimal digit: no seconds
        "+ 0.75 behind",  # 75 is no number of seconds
    ],
)
def test_dotted_numbers_that_are_not_durations(text):
    assert find_durations(text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("Pogacar wins, Vingegaard at :00", [(":00", 0)]),
        ("2. Enric Mas, :12", [(":12", 12)]),
        ("3. Egan Bernal + :08", [("+ :08", 8)]),
    ],
)
def test_seconds_alone_after_a_colon(text, found):
    assert durations(text) == found


def test_colon_seconds_need_seconds_below_sixty_and_no_clock():
    assert find_durations("ratio :75 today") == []
    assert durations("at 10:30 local time") == [("10:30", 630)]  # a clock, not ":30"


@pytest.mark.parametrize(
    "text, found",
    [
        ("Vingegaard finished at 2-35", [("2-35", 155)]),
        ("the bunch came in at 1-02-15", [("1-02-15", 3735)]),
    ],
)
def test_hyphenated_clock_after_at(text, found):
    assert durations(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Liverpool won 2-1 on Sunday",  # a score
        "the score was 2-35",  # no "at"
        "at 2-1 down",  # seconds need two digits
        "at 2-60",  # 60 is no number of seconds
        "the 2020-21 season",  # a season
        "at 2-35-",  # a longer hyphenated code
        "born in 1998, turned pro in 2019",  # years
    ],
)
def test_hyphenated_numbers_that_are_not_durations(text):
    assert find_durations(text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("won in 4h 02' 11\" ahead", [("4h 02' 11\"", 4 * 3600 + 2 * 60 + 11)]),
        ("a time of 4h02'11", [("4h02'11", 4 * 3600 + 2 * 60 + 11)]),
        ("5h 2’ 09” for the stage", [("5h 2’ 09”", 5 * 3600 + 2 * 60 + 9)]),
    ],
)
def test_hours_then_minutes_and_seconds_in_primes(text, found):
    assert durations(text) == found


def test_hyphenated_ranges_after_at_are_no_clock():
    for text in ("riding at 45-50 km/h", "at 30-35 degrees", "odds at 10-11", "climbing at 8-10% for a kilometre"):
        assert find_durations(text) == [], text
