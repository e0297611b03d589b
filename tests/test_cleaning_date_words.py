"""The words of dates are data in cues.toml, and the date rules read them from there."""

import datetime as dt
import tomllib

import pytest

from pipeline.cleaning import clean, metadata
from pipeline.cleaning.rules import CUES_PATH, load_cues

HEADLINE = "Stalnov expects a hard mountain stage in Almaty"
PROSE = "Nikita Stalnov thinks the favourites will be known after the first road stage of the Tour of Almaty."


def test_date_languages_line_words_and_year_suffixes_come_from_cues_toml():
    dates = tomllib.loads(CUES_PATH.read_text(encoding="utf-8"))["dates"]
    assert load_cues().dates.languages == tuple(dates["languages"]) and dates["languages"][0] == "en"
    assert metadata.DATE_LANGUAGES == dates["languages"]
    assert metadata._DATE_LINE_WORDS == frozenset(dates["line_words"])
    assert all(w == w.lower() for w in dates["line_words"])
    for suffix in dates["year_suffixes"]:
        assert metadata.DATE_EXPRESSION.fullmatch(f"28 августа 2019 {suffix}"), suffix


@pytest.mark.parametrize(
    "line, date",
    [
        ("28 августа 2019 г.", dt.date(2019, 8, 28)),
        ("28 августа 2019 года", dt.date(2019, 8, 28)),
        ("28 серпня 2019 р.", dt.date(2019, 8, 28)),
        ("28 серпня 2019 року", dt.date(2019, 8, 28)),
        ("28 тамыз 2019 ж.", dt.date(2019, 8, 28)),
        ("Last updated at 14:35 GMT on 28 August 2019", dt.date(2019, 8, 28)),
        ("By Anna van der Breggen and Marianne Vos | 28 August 2019", dt.date(2019, 8, 28)),
    ],
)
def test_a_date_line_with_its_year_suffix_or_small_words_is_read(line, date):
    cleaned = clean(f"{HEADLINE}\n{line}\n\n{PROSE}")
    assert cleaned.published == date and line not in cleaned.text
