"""Article metadata that news text carries in its first lines: date, headline, dateline.

Dumps put a ` date YYYY-MM-DD` marker before the body; wire copy opens with a dateline
("NUR-SULTAN. KAZINFORM", "PARIS (Reuters) -", "Milan, 21 April 2017 –"); web pages open with
a headline and a standfirst, and give the date on a line of its own, alone or beside a byline,
a publisher or a weekday ("28 August 2019", "19.09.2006", "Cycling Weekly January 24, 2019",
"By AFP | 28 августа 2019"). English pages of foreign sites write dates in their own
language, so dates are read by dateparser in the languages cycling news comes in. Each finder
returns the span it used, so the cleaner can take markers out of the body and keep the
headline in it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.fold import fold
from .blocks import Block
from .rules import load_cues

# The words of dates (languages, the small words of a date line, year suffixes) are data in cues.toml.
_DATE_WORDS = load_cues().dates

DATE_MARKER = re.compile(r"\A\s*(?P<keyword>date)\s+(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\b[ \t]*")
PUBLISHED_LINE = re.compile(
    r"^(?:first\s+)?(?:published|posted|updated)\b\s*(?:on|:)?\s*(?P<date>[^|]{6,60}?)\s*(?:\||$)",
    re.IGNORECASE,
)
_PLACE = r"[A-Z][A-Z'’\-]+(?:\s[A-Z][A-Z'’\-]+){0,3}"
_DATE_IN_DATELINE = r"(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s[A-Z][a-z]{2,8}(?:\s\d{4})?)"
# PLACE, then an agency after [.,] or in brackets, or a dash after a region or date: a team
# written in capitals ("BORA – hansgrohe rider ...") must not read as a dateline.
DATELINE = re.compile(
    rf"\A(?P<dateline>(?P<place>{_PLACE})"
    rf"(?:,\s*(?P<date>{_DATE_IN_DATELINE})|,\s*(?P<region>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:,\s*(?P<date2>{_DATE_IN_DATELINE}))?)?"
    rf"(?:[.,]\s*(?P<agency>[A-Z]{{2,}})|\s*\((?P<agency2>[A-Z][A-Za-z. ]{{1,30}})\))?)"
    rf"\s*(?P<dash>[-–—:])?\s+"
)
_YEAR = r"(?:19|20)\d\d"
_MONTH_WORD = r"[^\W\d_]{3,}\.?"
_YEAR_SUFFIX = "|".join(map(re.escape, _DATE_WORDS.year_suffixes))  # "28 августа 2019 г."
# A date with day, month and year, in numbers or words of any language (the words are
# checked by dateparser): "19.09.2006", "2019-08-28", "28 August 2019", "28 августа 2019 г.",
# "January 24, 2019", "28 de agosto de 2019", "2019年8月28日".
DATE_EXPRESSION = re.compile(
    rf"\b\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR}\b"
    rf"|\b{_YEAR}-\d\d-\d\d\b"
    rf"|{_YEAR}年\d{{1,2}}月\d{{1,2}}日"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?{_MONTH_WORD},?\s+(?:de\s+)?{_YEAR}\b(?:\s*(?:{_YEAR_SUFFIX}))?"
    rf"|\b{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b"
)
# Languages whose dates English pages of cycling sites carry (dateparser codes, English first).
DATE_LANGUAGES = list(_DATE_WORDS.languages)
_DOTTED_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")
_TIME = re.compile(r"\b\d{1,2}[:.h]\d\d(?:\s*[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)", re.IGNORECASE)
_REST_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Small words a byline or a date line holds beside names: "By X and Y", "Published on", "Last updated at".
_DATE_LINE_WORDS = _DATE_WORDS.line_words
DATE_LINE_MAX_WORDS = 16
DATE_LINE_MAX_REST = 6
# The line after a date that makes it the date of a race, not of the article: a route with its
# distance ("Tour of Flanders 2019 – Antwerp – Oudenaarde : 270,1 km").
ROUTE_LINE = re.compile(r"\b\d+(?:[.,]\d+)?\s?km\b", re.IGNORECASE)
ROUTE_MAX_WORDS = 20
# "Milan, 21 April 2017 –": a place in any case, a full date, a dash (or an agency and a dash).
# A hyphen belongs to the word ("Aix-en-Provence"), never separates words, and the word is
# possessive: had "-" both roles, a long hyphenated slug would be split every way there is.
_PLACE_WORD = r"[A-Z][\w'’.-]++"
DATED_DATELINE = re.compile(
    rf"\A(?P<dateline>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}}(?:\s*\([^()\n]{{2,30}}\))?,\s*(?P<date>{DATE_EXPRESSION.pattern})"
    rf"(?:\s*\((?P<agency>[^()\n]{{2,30}})\))?)\s*[-–—:]\s*"
)
DATED_DATELINE_BLOCKS = 3
HEADLINE_MAX_WORDS = 25
SUBHEADLINE_MAX_WORDS = 40


@dataclass(frozen=True)
class Found:
    value: str
    start: int  # raw offsets of the text to take out of the body (or of the headline)
    end: int
    value_start: int = 0  # raw offsets of the value itself, without the space around it
    value_end: int = 0


def find_date_marker(raw: str) -> tuple[dt.date | None, Found | None]:
    """The ` date YYYY-MM-DD` marker of article dumps; the date is None when it is no real date."""
    m = DATE_MARKER.match(raw)
    if not m:
        return None, None
    found = Found(m.group("date"), m.start(), m.end(), m.start("keyword"), m.end("date"))
    try:
        return dt.date.fromisoformat(m.group("date")), found
    except ValueError:
        return None, found


# The two forms English pages print most, "8 March 2024" and "April 07, 2019", read without
# dateparser: a call of it costs milliseconds, as it tries the words and formats of every
# language, and it reads these forms the same way (English comes first in DATE_LANGUAGES).
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), 1
    )
}
_ENGLISH_DATE = re.compile(rf"(?:(?P<day>\d{{1,2}}) (?P<month>[A-Za-z]+)|(?P<month2>[A-Za-z]+) (?P<day2>\d{{1,2}}),) (?P<year>{_YEAR})")


def _english_date(text: str) -> dt.date | None:
    """`text` as a date when it is one of the two plain English forms; None for anything else
    (another form, or no such day), which dateparser then reads."""
    m = _ENGLISH_DATE.fullmatch(text)
    month = _MONTHS.get((m.group("month") or m.group("month2")).lower()) if m else None
    if m is None or month is None:
        return None
    try:
        return dt.date(int(m.group("year")), month, int(m.group("day") or m.group("day2")))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """A full date written in words or numbers, in any of DATE_LANGUAGES; None unless day,
    month and year are given."""
    if not re.search(rf"{_YEAR}", text):
        return None
    plain = _english_date(text)
    if plain is not None:
        return plain
    import dateparser  # imported lazily: it costs half a second and most articles never need it

    settings = {"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"}
    if _DOTTED_DATE.search(text):  # nobody writes month.day.year
        settings["DATE_ORDER"] = "DMY"
    parsed = dateparser.parse(text, languages=DATE_LANGUAGES, settings=settings)
    return parsed.date() if parsed else None


@lru_cache(maxsize=4096)
def _is_date_word(word: str) -> bool:
    """A weekday or another word of time, in any of DATE_LANGUAGES ("Wednesday", "mardi")."""
    import dateparser

    return dateparser.parse(word, languages=DATE_LANGUAGES) is not None


def find_published_line(block: Block) -> dt.date | None:
    m = PUBLISHED_LINE.match(block.text)
    return parse_date(m.group("date")) if m and block.words <= 15 else None


def find_date_line(block: Block) -> dt.date | None:
    """The date of a line that gives a date and little else: the date alone, or beside a byline,
    a place, a publisher, a weekday or a time. A headline that holds a date says more than
    that ("Vinokurov wins on 17 September") and is no date line."""
    if block.words > DATE_LINE_MAX_WORDS:
        return None
    m = DATE_EXPRESSION.search(block.text)
    if not m:
        return None
    rest = _TIME.sub(" ", block.text[: m.start()] + " " + block.text[m.end() :])
    if re.search(r"\d", rest):
        return None
    words = [w for w in _REST_WORD.findall(rest) if w.lower() not in _DATE_LINE_WORDS]
    if len(words) > DATE_LINE_MAX_REST or not all(w[0].isupper() or _is_date_word(w) for w in words):
        return None
    return parse_date(m.group())


def is_route_line(block: Block) -> bool:
    """A race's route and distance on a line of its own."""
    return block.words <= ROUTE_MAX_WORDS and bool(ROUTE_LINE.search(block.text)) and not block.is_prose


def find_dated_dateline(block: Block) -> tuple[Found | None, dt.date | None]:
    """A dateline with a full date at the start of a paragraph ("Milan, 21 April 2017 –")."""
    m = DATED_DATELINE.match(block.text)
    date = parse_date(m.group("date")) if m else None
    if m is None or date is None:
        return None, None
    return Found(m.group("dateline").strip(), block.start, block.start + m.end()), date


def find_dateline(block: Block, publishers: tuple[str, ...]) -> tuple[Found | None, str | None, dt.date | None]:
    """The dateline opening `block`, the publisher it names, and the date it gives."""
    m = DATELINE.match(block.text)
    if not m:
        return None, None, None
    agency = m.group("agency") or m.group("agency2")
    date_text = m.group("date") or m.group("date2")
    if not (agency or (m.group("dash") and (m.group("region") or date_text))):
        return None, None, None
    if len(re.sub(r"[^A-Z]", "", m.group("place"))) < 3:
        return None, None, None
    dateline = m.group("dateline").strip()
    publisher = (publisher_named(agency, publishers) or agency) if agency else None
    date = parse_date(date_text) if date_text else None
    return Found(dateline, block.start, block.start + m.end()), publisher, date


def publisher_named(text: str, publishers: tuple[str, ...]) -> str | None:
    """The known publisher named in `text` ("Latest on Cyclingnews" -> "Cyclingnews")."""
    folded = fold(text)
    for name in sorted(publishers, key=len, reverse=True):
        key = fold(name)
        # the search needs the name in the text: `in` rules out most names for less
        if key in folded and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            return name
    return None


_LIST_ITEM = re.compile(r"^[0-9]{1,3}\s?[.)]?\s")


def is_headline_like(block: Block, max_words: int) -> bool:
    """Short, not a sentence, not the first row of a results list, and not a date alone."""
    return (
        0 < block.words <= max_words
        and not block.text.endswith((".", ",", ";", ":"))
        and not _LIST_ITEM.match(block.text)
        and not DATE_EXPRESSION.fullmatch(block.text.strip())
    )


def find_headline(blocks: list[Block], body: list[Block]) -> tuple[Found | None, Found | None]:
    """Headline and standfirst: the short opening lines of an article that has a body after them."""
    if len(body) < 2 or not is_headline_like(body[0], HEADLINE_MAX_WORDS):
        return None, None
    headline = Found(body[0].text, body[0].start, body[0].end)
    second = body[1]
    if second.index == body[0].index + 1 and second.newlines_before == 1 and len(body) > 2 and is_headline_like(second, SUBHEADLINE_MAX_WORDS):
        return headline, Found(second.text, second.start, second.end)
    return headline, None
