"""Broken text (mojibake) is repaired before cleaning; removals still point into the text as given."""

import datetime as dt

from pipeline.cleaning import clean
from pipeline.text.repair import repair


def test_windows_1252_mojibake_is_repaired_with_a_warning():
    cleaned = clean("Pogačar wins\nHe canâ€™t be beaten, said Vingegaard. Â© Getty Images was there.\n")
    assert "He can’t be beaten" in cleaned.text and "© Getty" in cleaned.text and "â€" not in cleaned.text
    assert len(cleaned.warnings) == 1 and "repaired in 2 place(s)" in cleaned.warnings[0]


def test_a_closing_quote_that_lost_its_last_byte_is_no_dagger():
    assert repair("He said â€œI am happyâ€ after the stage.").text == "He said “I am happy” after the stage."


def test_names_in_other_scripts_are_repaired():
    assert repair("ÐŸÐ¾Ð³Ð°Ñ‡Ð°Ñ€ won. PogaÄ\x8dar won.").text == "Погачар won. Pogačar won."


def test_latin13_mojibake_with_lost_bytes_is_read_from_the_context():
    fixed = repair("I donāt know, itās āa great dayā for the team ā really.")
    assert fixed.text == "I don’t know, it’s “a great day” for the team – really."


def test_a_latvian_name_is_no_mojibake():
    text = "Kārlis Vilciņš and Jānis won in Riga."
    assert repair(text).text == text and not repair(text).changed


def test_good_text_is_left_as_it_is():
    text = "“It’s a dream,” said Pogačar – «incroyable».\r\nSøren Wærenskjold was second."
    fixed = repair(text)
    assert fixed.text == text and not fixed.changed
    cleaned = clean(text)
    assert cleaned.warnings == []


def test_removed_blocks_point_into_the_text_as_given():
    raw = (
        "Martínez wins the Basque Country\n"
        "Image 1 of 2 Dani MartÃ­nez on the podium (Image credit: Getty Images) Roglič in yellow (Image credit: SprintCyclingAgencyÂ©2022)\n"
        "Dani MartÃ­nez won the overall title on the final stage into Arrate.\n"
        "Swipe to scroll horizontally Stage 6 - Top 3 1 Ion Izagirre (Spa) Cofidis 3:47:07\n"
    )
    cleaned = clean(raw)
    assert "Dani Martínez won the overall title" in cleaned.text and "\nStage 6 - Top 3" in cleaned.text
    assert [r.kind for r in cleaned.removed] == ["gallery", "table_widget"]
    for r in cleaned.removed:
        assert raw[r.start : r.end] == r.text
    assert cleaned.removed[1].text == "Swipe to scroll horizontally"
    assert cleaned.text[cleaned.removed[1].at :].startswith("Stage 6")


def test_offsets_map_back_across_repaired_spans():
    fixed = repair("ab Â© cd\nxâ€™y z")
    assert fixed.text == "ab © cd\nx’y z"
    for position, char in enumerate(fixed.text):
        if char not in "©’":
            assert fixed.original[fixed.to_original(position)] == char


def test_a_mojibake_cyrillic_date_line_gives_the_date():
    cleaned = clean("Стальнов: горный этап\n28 Ð°Ð²Ð³ÑƒÑ\x81Ñ‚Ð° 2019\nNikita Stalnov expects a hard mountain stage in Almaty.")
    assert cleaned.published == dt.date(2019, 8, 28)


def test_a_line_break_character_inside_a_mojibake_is_repaired_not_broken():
    # \x85 is a byte of the Latin-1 mojibake of "ą" and "х", and of "⅓" in the middle of it
    assert repair("Rafał MÄ\x85ka, ÐœÐ¸Ñ\x85Ð°Ð¸Ð» and â\x85\x93 of the field").text == "Rafał Mąka, Михаил and ⅓ of the field"
    cleaned = clean("Pogačar wins\nRafaÅ\x82 MÄ\x85ka and ÐœÐ¸Ñ\x85Ð°Ð¸Ð» were second.\n")
    assert cleaned.text == "Pogačar wins\nRafał Mąka and Михаил were second."


def test_line_breaks_are_normalised_after_the_repair_and_removals_still_point_into_the_input():
    raw = (
        "MÄ\x85ka wins in Ã\x89vian\r"
        "Rafał MÄ\x85ka won the stage\x85 in the rain.\u2028Join now for unlimited access\x0c"
        "(Photo credit: Getty) He canâ€™t stop now.\r\n"
    )
    cleaned = clean(raw)
    # a lone \x85 is the "…" of Windows-1252 read as Latin-1, not a line break
    assert cleaned.text == "Mąka wins in Évian\nRafał Mąka won the stage… in the rain.\nHe can’t stop now."
    assert [r.kind for r in cleaned.removed] == ["paywall", "photo_credit"]
    for r in cleaned.removed:
        assert raw[r.start : r.end] == r.text
    assert [r.text for r in cleaned.removed] == ["Join now for unlimited access", "(Photo credit: Getty)"]
