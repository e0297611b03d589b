"""Published dates as pages print them: lines of their own, bylines, datelines, other languages."""

import datetime as dt

import pytest

from pipeline.cleaning import clean

HEADLINE = "Stalnov expects a hard mountain stage in Almaty"
PROSE = "Nikita Stalnov thinks the favourites will be known after the first road stage of the Tour of Almaty."


@pytest.mark.parametrize(
    "line, date",
    [
        ("28 August 2019", dt.date(2019, 8, 28)),
        ("19.09.2006", dt.date(2006, 9, 19)),
        ("03.04.2019", dt.date(2019, 4, 3)),  # dotted dates are day first
        ("Wednesday, 28 August 2019, 14:35", dt.date(2019, 8, 28)),
        ("28 августа 2019 г.", dt.date(2019, 8, 28)),
        ("Среда, 28 августа 2019", dt.date(2019, 8, 28)),
        ("28 тамыз 2019", dt.date(2019, 8, 28)),
        ("mardi 23 avril 2019 à 14h35", dt.date(2019, 4, 23)),
        ("Dienstag, 27. August 2019", dt.date(2019, 8, 27)),
        ("2019年8月28日", dt.date(2019, 8, 28)),
    ],
)
def test_a_date_line_after_the_headline_is_the_published_date(line, date):
    cleaned = clean(f"{HEADLINE}\n{line}\n\n{PROSE}")
    assert cleaned.published == date
    assert [(r.kind, r.rule, r.text) for r in cleaned.removed] == [("published_line", "date_line", line)]
    assert cleaned.headline == HEADLINE and cleaned.text == f"{HEADLINE}\n{PROSE}"


@pytest.mark.parametrize(
    "line, date",
    [
        ("Cycling Weekly January 24, 2019", dt.date(2019, 1, 24)),
        ("By AFP | 28 августа 2019, 14:35", dt.date(2019, 8, 28)),
        ("By Jane Smith and John Doe, published on 3 March 2024 at 10:30 am", dt.date(2024, 3, 3)),
        ("Updated 12.03.2024 10:30 CET", dt.date(2024, 3, 12)),
        ("Опубликовано: 28 августа 2019, 14:35", dt.date(2019, 8, 28)),
    ],
)
def test_a_date_beside_a_byline_or_publisher_is_the_published_date(line, date):
    assert clean(f"{HEADLINE}\n{line}\n\n{PROSE}").published == date


def test_a_date_line_before_the_headline_counts_too():
    cleaned = clean(f"19.09.2006\n{HEADLINE}\n\n{PROSE}")
    assert cleaned.published == dt.date(2006, 9, 19) and cleaned.headline == HEADLINE


@pytest.mark.parametrize(
    "line",
    ["Stalnov wins on 28 August 2019 in Almaty", "Stage 3 – 7 July 2019 – Binche > Épernay", "Tour of Almaty 2019", "The race starts on 28 August 2019."],
)
def test_a_line_that_says_more_than_a_date_is_no_date_line(line):
    cleaned = clean(f"{line}\n{PROSE}")
    assert cleaned.published is None and cleaned.removed == []


def test_a_date_followed_by_a_route_is_the_race_date():
    raw = "April 07, 2019\nTour of Flanders 2019 – Antwerp – Oudenaarde : 270,1 km\nAlberto Bettiol won the Tour of Flanders alone on Sunday."
    cleaned = clean(raw)
    assert cleaned.published is None and "April 07, 2019" in cleaned.text


def test_a_dateline_with_a_date_opens_the_second_paragraph_of_a_press_release():
    raw = (
        "The 100th Giro d'Italia starts in two weeks, and over the coming days we present the riders to watch.\n"
        "Milan, 21 April 2017 –The fastest wheels of the peloton will fight for the first Maglia Rosa in Olbia.\n"
    )
    cleaned = clean(raw)
    assert cleaned.published == dt.date(2017, 4, 21) and cleaned.dateline == "Milan, 21 April 2017"
    assert "\nThe fastest wheels of the peloton" in cleaned.text and "Milan," not in cleaned.text


def test_the_date_marker_wins_over_a_date_line():
    cleaned = clean(f" date 2019-08-29 {HEADLINE}\n28 August 2019\n{PROSE}")
    assert cleaned.published == dt.date(2019, 8, 29) and "28 August 2019" not in cleaned.text


def test_a_date_in_a_tweet_embed_is_not_the_published_date():
    cleaned = clean(f"{HEADLINE}\nWhat a day in Almaty\n— Astana Qazaqstan Team (@AstanaQazTeam) August 28, 2019\n{PROSE}")
    assert cleaned.published is None
