"""The cleaner: body kept, boilerplate removed with its kind and raw offsets, metadata read."""

import datetime as dt

from pipeline.cleaning import clean

REPORT = """Pogačar doubles up in the Alps
Slovenian rides clear on the final climb to win again

Tadej Pogačar won the queen stage of the Tour de France on Thursday, riding away from Jonas Vingegaard on the last climb of the day to take his second win in as many days.

The UAE Team Emirates rider attacked with four kilometres to go and was never seen again, crossing the line alone with his arms in the air after more than five hours in the saddle.

"I felt good today and the team rode perfectly for me," Pogačar said.
Results powered by FirstCycling
Sign up to our newsletter
The best race coverage, direct to your inbox every morning.

Thank you for reading 3 articles this month*

Join now for unlimited access

Enjoy your first month for just £1 / $1 / €1

After your trial you will be billed £4.99 per month, cancel anytime.

Anna has covered professional cycling since 2011 and joined Cyclingnews as deputy editor in 2019, after five years as a reporter for a regional newspaper.
Latest on Cyclingnews
-
Vollering wins again in the Ardennes -
Evenepoel crashes out of the Vuelta a España
"""


def removed_kinds(cleaned):
    return {r.kind for r in cleaned.removed}


def test_boilerplate_blocks_are_removed_and_body_kept():
    cleaned = clean(REPORT)
    assert "riding away from Jonas Vingegaard" in cleaned.text
    assert "the team rode perfectly for me" in cleaned.text
    for phrase in ("powered by", "newsletter", "direct to your inbox", "Thank you for reading", "Join now",
                   "first month", "billed", "deputy editor", "Latest on", "Vollering wins", "Evenepoel crashes"):
        assert phrase not in cleaned.text, phrase
    assert removed_kinds(cleaned) == {"sponsor_line", "newsletter", "paywall", "author_bio", "related_links"}


def test_every_removed_block_points_at_its_raw_text():
    cleaned = clean(REPORT)
    for removed in cleaned.removed:
        assert REPORT[removed.start : removed.end] == removed.text
        assert removed.rule


def test_nothing_is_dropped_silently():
    """The body is exactly the raw text without the removed blocks, and each block knows its place."""
    for raw in (REPORT, " date 2021-06-06 NUR-SULTAN. KAZINFORM Alexey Lutsenko won.\n\nThank you for reading 5 articles"):
        cleaned = clean(raw)
        rebuilt, position = [], 0
        for removed in cleaned.removed:
            assert raw[removed.start : removed.end] == removed.text
            rebuilt.append(raw[position : removed.start])
            position = removed.end
        rebuilt.append(raw[position:])
        assert "".join("".join(rebuilt).split()) == "".join(cleaned.text.split())
        for removed in cleaned.removed:  # `at` is where the block stood in the body
            before = "".join(cleaned.text[: removed.at].split())
            assert "".join("".join(rebuilt[: cleaned.removed.index(removed) + 1]).split()) == before


def test_old_mac_line_breaks_are_line_breaks():
    cleaned = clean("Pogačar wins\r\rTadej Pogačar won the stage.\rJoin now for unlimited access\r")
    assert cleaned.headline == "Pogačar wins" and "Join now" not in cleaned.text
    assert "Tadej Pogačar won the stage." in cleaned.text.split("\n")


def test_an_invalid_date_marker_is_removed_with_a_warning():
    cleaned = clean(" date 2021-13-45 Alexey Lutsenko won.")
    assert cleaned.text == "Alexey Lutsenko won." and cleaned.published is None
    assert cleaned.warnings and "2021-13-45" in cleaned.warnings[0]


def test_a_results_row_is_no_standfirst():
    cleaned = clean("Tour of Oman stage 3 results\n1. Alexey Lutsenko (Astana) 4:02:11\n2. Jan Hirt (Astana) +0:04\n")
    assert cleaned.headline == "Tour of Oman stage 3 results" and cleaned.subheadline is None


def test_headline_and_standfirst_stay_in_the_body():
    cleaned = clean(REPORT)
    assert cleaned.headline == "Pogačar doubles up in the Alps"
    assert cleaned.subheadline == "Slovenian rides clear on the final climb to win again"
    assert cleaned.text.startswith(cleaned.headline)
    assert cleaned.publisher == "Cyclingnews"


def test_a_career_paragraph_inside_the_article_is_body():
    text = (
        "Porte joined Trek in 2021 after a decade as a team leader; he has been a reporter's favourite since 2010.\n\n"
        "He finished third in the race, eleven seconds behind the winner, and said he was happy with the result."
    )
    cleaned = clean(text)
    assert "Porte joined Trek" in cleaned.text and cleaned.removed == []


def test_related_links_end_at_the_next_paragraph_of_prose():
    text = (
        "Van Aert won the sprint in Kuurne after a long day in the wind and the rain of Flanders.\n"
        "Read more\n"
        "Pidcock targets the cobbles\n"
        "The race resumes on Sunday with the Tour of Flanders, where Wout van Aert will again start as the favourite of the Belgian public.\n"
    )
    cleaned = clean(text)
    assert "Pidcock targets" not in cleaned.text
    assert "The race resumes on Sunday" in cleaned.text


def test_date_marker_and_dateline_are_metadata():
    cleaned = clean(" date 2021-06-06 NUR-SULTAN. KAZINFORM Alexey Lutsenko finished second overall.")
    assert cleaned.published == dt.date(2021, 6, 6)
    assert cleaned.dateline == "NUR-SULTAN. KAZINFORM"
    assert cleaned.publisher == "Kazinform"
    assert cleaned.text == "Alexey Lutsenko finished second overall."
    assert [(r.kind, r.text, r.at) for r in cleaned.removed] == [("date_marker", "date 2021-06-06", 0), ("dateline", "NUR-SULTAN. KAZINFORM", 0)]


def test_wire_dateline_with_agency_in_brackets_and_a_date():
    cleaned = clean("LONDON, March 3, 2021 (Reuters) - Geraint Thomas said on Wednesday he would ride the Giro d'Italia.")
    assert cleaned.dateline == "LONDON, March 3, 2021 (Reuters)"
    assert cleaned.published == dt.date(2021, 3, 3)
    assert cleaned.text.startswith("Geraint Thomas said")


def test_a_team_written_in_capitals_is_no_dateline():
    cleaned = clean("BORA – hansgrohe rider Patrick Konrad won the stage.")
    assert cleaned.dateline is None and cleaned.text.startswith("BORA")


def test_published_line_in_words():
    cleaned = clean("Thomas to ride the Giro\nPublished 12 March 2024\n\nGeraint Thomas will ride the Giro d'Italia in May, his team said.")
    assert cleaned.published == dt.date(2024, 3, 12)
    assert "Published" not in cleaned.text
