"""A dated dateline is read in time linear in the paragraph: a hyphenated slug is no trap."""

import datetime as dt
import time

import pytest

from pipeline.cleaning import clean

PROSE = "The 100th Giro d'Italia starts in two weeks, and over the coming days we present the riders to watch."
# The old pattern split a slug at every hyphen every way: 3 s for the 615 characters of the
# first, 12 s for 200 "A-", and minutes for the 400 here; now each takes milliseconds.
SLUGS = ["-".join(["Tour", "De", "France", "Stage"] * 40)[:615], "A-" * 400, "Tour-De-France-" * 60 + "Stage, 21"]


@pytest.mark.parametrize("slug", SLUGS)
def test_a_long_hyphenated_slug_is_cleaned_fast(slug):
    raw = f"{PROSE}\n{slug}\n"
    started = time.perf_counter()
    cleaned = clean(raw)
    assert time.perf_counter() - started < 1.0
    assert cleaned.text == raw.strip() and cleaned.dateline is None and cleaned.published is None


@pytest.mark.parametrize(
    "place",
    ["Aix-en-Provence", "Saint-Étienne", "Castelfranco Veneto", "L'Aquila", "St. Moritz", "Sesto San Giovanni Milano"],
)
def test_a_dateline_with_a_hyphenated_or_spaced_place_is_still_read(place):
    cleaned = clean(f"{PROSE}\n{place}, 21 April 2017 – The fastest wheels of the peloton will fight for the Maglia Rosa.\n")
    assert cleaned.dateline == f"{place}, 21 April 2017" and cleaned.published == dt.date(2017, 4, 21)
    assert cleaned.text.endswith("\nThe fastest wheels of the peloton will fight for the Maglia Rosa.")
