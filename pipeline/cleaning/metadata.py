"""Article metadata that news text carries in its first lines: date, headline, dateline.

Dumps put a ` date YYYY-MM-DD` marker before the body; wire copy opens with a dateline
("NUR-SULTAN. KAZINFORM", "PARIS (Reuters) -"); web pages open with a headline and a
standfirst. Each finder returns the span it used, so the cleaner can take markers out of the
body and keep the headline in it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..text.fold import fold
from .blocks import Block

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


def parse_date(text: str) -> dt.date | None:
    """A date written in words or numbers, read as English; None unless a year is given."""
    if not re.search(r"\b(19|20)\d\d\b", text):
        return None
    import dateparser  # imported lazily: it costs half a second and most articles never need it

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def find_published_line(block: Block) -> dt.date | None:
    m = PUBLISHED_LINE.match(block.text)
    return parse_date(m.group("date")) if m and block.words <= 15 else None


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
        if re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", folded):
            return name
    return None


_LIST_ITEM = re.compile(r"^[0-9]{1,3}\s?[.)]?\s")


def is_headline_like(block: Block, max_words: int) -> bool:
    """Short, not a sentence, and not the first row of a results list."""
    return 0 < block.words <= max_words and not block.text.endswith((".", ",", ";", ":")) and not _LIST_ITEM.match(block.text)


def find_headline(blocks: list[Block], body: list[Block]) -> tuple[Found | None, Found | None]:
    """Headline and standfirst: the short opening lines of an article that has a body after them."""
    if len(body) < 2 or not is_headline_like(body[0], HEADLINE_MAX_WORDS):
        return None, None
    headline = Found(body[0].text, body[0].start, body[0].end)
    second = body[1]
    if second.index == body[0].index + 1 and second.newlines_before == 1 and len(body) > 2 and is_headline_like(second, SUBHEADLINE_MAX_WORDS):
        return headline, Found(second.text, second.start, second.end)
    return headline, None
