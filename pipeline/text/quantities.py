"""Durations, distances and gradients as reports write them, with their values.

Time gaps come as "17 seconds", "four seconds", "1min 20sec", "2:30", "0:00:24", "+1:02",
"1'12\"", "40-second", "+ 0.44" (a table's minutes.seconds), "at :00" or "at 2-35"; climbs
as "4.6km", "three-kilometre" and "7.2%". The finders work on plain text and return character
offsets, so the spaCy layer can turn them into spans.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Iterator

from .numbers import CARDINALS, number_value

# "a"/"an" stay out: "a second consecutive win" is not a duration.
_WORD_NUMBERS = sorted((w for w in CARDINALS if " " not in w and w not in ("a", "an")), key=len, reverse=True)


def prefix_tree(words: list[str]) -> str:
    """A regex for exactly `words`, with shared prefixes factored out: "t(?:en|w(?:o|elve))".

    Python's re tries an alternation's branches one by one at every position it reaches, so
    100 number words cost 100 tries at each word of the text; the tree rejects a non-number
    at its first letter or two. Branch order differs from `words`, so the tree only fits
    where any matching word will do (a lookahead), not where the first one wins.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word)
    branches = []
    for _, group in sorted(groups.items()):
        prefix = os.path.commonprefix(group)
        rests = [w[len(prefix) :] for w in group]
        inner = sorted({r for r in rests if r})
        if not inner:
            branches.append(re.escape(prefix))
        else:
            branches.append(re.escape(prefix) + f"(?:{prefix_tree(inner)})" + ("?" if "" in rests else ""))
    return "|".join(branches)


# A number word or digit starts here: checked before trying each of _NUM's branches in turn.
_NUMBER_AHEAD = rf"(?=[0-9]|(?:{prefix_tree(_WORD_NUMBERS)}))"
# 1,200 is twelve hundred; 4,6 is four point six. The word branches are tried in order (the
# longest word first), each at every position a unit pattern reaches, so the tree guards them:
# where no number word starts, one lookahead fails instead of a hundred branches.
_NUM = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+(?:[.,][0-9]+)?|"
    + rf"(?=(?:{prefix_tree(_WORD_NUMBERS)}))(?:"
    + "|".join(_WORD_NUMBERS)
    + r"))"
)
_SEP = r"(?:\s*,?\s*(?:and\s+)?)"


def _unit(name: str, spellings: str) -> str:
    return rf"(?:(?P<{name}>{_NUM})\s?-?\s?(?:{spellings})(?![a-z]))"


_HOURS = _unit("h", r"hours?|hrs?|h")
_MINUTES = _unit("m", r"minutes?|mins?|min\.|m(?=\s?\d)")
_SECONDS = _unit("s", r"seconds?|secs?|sec\.|s")
# Hours, minutes and seconds are each optional; a separator is only taken after a part that matched.
_NUMBER_START = r"(?=\d|(?:" + prefix_tree(_WORD_NUMBERS) + r")\b)"
_UNITS_OPENING = rf"(?<![\w.]){_NUMBER_START}"
_UNITS = re.compile(
    rf"{_UNITS_OPENING}(?:{_HOURS})?(?:(?(h){_SEP}|){_MINUTES})?(?:(?(h){_SEP}|(?(m){_SEP}|)){_SECONDS})?",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"(?<![\w:.,])(?P<sign>\+\s?)?(?:(?P<h>[0-9]{1,3}):)?(?P<m>[0-9]{1,2}):(?P<s>[0-5][0-9])(?![0-9:])")
# "+ 0.44", "+ 1.03", "+1.02.15" in results tables: minutes and seconds with a dot, only after a "+"
_DOTTED = re.compile(r"(?<![\w.])(?P<sign>\+\s?)(?:(?P<h>[0-9]{1,2})[.:])?(?P<m>[0-9]{1,2})[.](?P<s>[0-5][0-9])(?![0-9]|\s?(?:km|m\b|%|pts|points))")
# "at :00", "+ :08": seconds alone after a colon
_COLON_SECONDS = re.compile(r"(?<![\w:])(?P<sign>\+\s?)?:(?P<s>[0-5][0-9])(?![0-9:])")
# "at 2-35", "at 1-02-15": the hyphenated clock of wire copy, only after "at"
# ("at 45-50 km/h", "at 30-35 degrees", "odds at 10-11" are ranges, not clocks)
_HYPHEN_CLOCK = re.compile(
    r"(?<=\bat )(?<!odds at )(?:(?P<h>[0-9]{1,2})-)?(?P<m>[0-9]{1,2})-(?P<s>[0-5][0-9])(?![0-9-])"
    r"(?!\s?(?:km|kph|mph|m\b|%|°|degrees?|per\b|percent|watts?|w\b|rpm|bpm|kg|pts|points|odds|on\b))"
)
_PRIMES = re.compile(r"(?<![\w'’])(?P<sign>\+\s?)?(?:(?P<m>[0-9]{1,2})\s?['’′]\s?)?(?P<s>[0-5]?[0-9])\s?(?:\"|”|″|'')")
# "4h 02' 11\"", "4h02'11": hours with a unit, then minutes and seconds in primes
_H_PRIMES = re.compile(r"(?<![\w.'’])(?P<h>[0-9]{1,3})\s?(?:h|hr|hrs)\.?\s?(?P<m>[0-5]?[0-9])\s?['’′]\s?(?P<s>[0-5][0-9])\s?(?:\"|”|″|'')?(?![\w])")
# "1min20", "1m20s", "2’25”", "1'20": minutes, then seconds with or without their unit
_MIN_SEC = re.compile(r"(?<![\w.'’])(?P<m>[0-9]{1,3})\s?(?:mins?|minutes?|m|['’′])\s?(?P<s>[0-5][0-9])\s?(?:secs?|seconds?|s|\"|”|″|'')?(?![\w])")
# The duration patterns in the order their readings are preferred, each with the strings one of
# which every match of it holds (None: no such string): `in` rules a pattern out for a fraction
# of the search, and most texts lack "+" or a prime mark.
_DURATIONS: tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...] = (
    (_CLOCK, (":",)),
    (_DOTTED, ("+",)),
    (_COLON_SECONDS, (":",)),
    (_HYPHEN_CLOCK, ("at ",)),
    (_H_PRIMES, ("'", "’", "′")),
    (_MIN_SEC, None),
    (_PRIMES, ('"', "”", "″", "''")),
    (_UNITS, None),
)
# Beyond these a number is a typo or noise, not a race measure.
MAX_SECONDS = 200 * 3600
MAX_KM = 400.0
MAX_GRADIENT = 40.0

_DECADE = re.compile(r"\d{4}s")  # "the 1990s"

_DISTANCE = re.compile(
    rf"(?<![\w.]){_NUMBER_AHEAD}(?P<n>{_NUM})\s?-?\s?(?P<unit>km|kms|kilometres?|kilometers?|k|metres?|meters?|m)(?![a-z])",
    re.IGNORECASE,
)
# The openings of patterns that start with lookarounds only: re tries such a pattern in full at
# every position of the text (no first character lets it skip ahead), and trying a unit
# pattern costs far more than its opening, which holds at a few number words and digits.
_OPENINGS: dict[re.Pattern[str], re.Pattern[str]] = {
    _UNITS: re.compile(_UNITS_OPENING, re.IGNORECASE),
}
# The duration patterns that open with a lookbehind are tried at every position of the text
# too. Each of their matches starts at a "+", a ":" or a digit, and never at a digit inside a
# run of digits: their lookbehinds reject a digit after a word character, and _HYPHEN_CLOCK's
# wants "at " before it. An opening that starts with a character class lets re jump from one
# such character to the next in one C-level scan.
_DIGITS = re.compile(r"[0-9]+")
_SIGN_OR_DIGITS = re.compile(r"\+|[0-9]+")
_OPENINGS.update(
    {
        _CLOCK: _SIGN_OR_DIGITS,
        _COLON_SECONDS: re.compile(r"[+:]"),
        _HYPHEN_CLOCK: _DIGITS,
        _H_PRIMES: _DIGITS,
        _MIN_SEC: _DIGITS,
        _PRIMES: _SIGN_OR_DIGITS,
    }
)
_GRADIENT = re.compile(r"(?<![\w.])(?P<n>[0-9]{1,2}(?:[.,][0-9]+)?)\s?(?:%|per\s?cent)", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float
    kind: str  # "duration" (seconds), "distance" (km) or "gradient" (%)

    @property
    def seconds(self) -> int:
        return int(self.value + 0.5)


def _value(token: str | None) -> float:
    if not token:
        return 0.0
    token = token.strip().lower()
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", token):
        return float(token.replace(",", ""))
    if re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", token):
        return float(token.replace(",", "."))
    value = number_value(token)
    return float(value) if value is not None else 0.0


def _finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, with the pattern tried only where its opening (_OPENINGS) holds.

    The matches are the same: one can start only where the opening holds, and after a match
    the next is sought from its end, as finditer does (`match` at a position sees the text
    before it, as the patterns' lookbehinds need).
    """
    opening = _OPENINGS.get(pattern)
    if opening is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in opening.finditer(text):
        if start.start() < end:
            continue
        m = pattern.match(text, start.start())
        if m is not None:
            yield m
            end = m.end()


def _overlaps(found: list[Quantity], start: int, end: int) -> bool:
    return any(q.start < end and start < q.end for q in found)


def find_durations(text: str) -> list[Quantity]:
    """Every time expression in `text`, as seconds; of overlapping readings the longest wins."""
    candidates: list[Quantity] = []
    for pattern, needed in _DURATIONS:
        if needed is not None and not any(s in text for s in needed):
            continue
        for m in _finditer(pattern, text):
            if not m.group(0).strip() or _DECADE.fullmatch(m.group(0)):
                continue
            groups = m.groupdict()
            seconds = _value(groups.get("h")) * 3600 + _value(groups.get("m")) * 60 + _value(groups.get("s"))
            if seconds > MAX_SECONDS:
                continue
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            candidates.append(Quantity(start, m.end(), seconds, "duration"))
    found: list[Quantity] = []
    for quantity in sorted(candidates, key=lambda q: q.start - q.end):  # longest first; stable by pattern
        if not _overlaps(found, quantity.start, quantity.end):
            found.append(quantity)
    return sorted(found, key=lambda q: q.start)


def find_distances(text: str) -> list[Quantity]:
    """Distances converted to kilometres ("4.6km" -> 4.6, "300 metres" -> 0.3)."""
    out = []
    for m in _DISTANCE.finditer(text):
        value = _value(m.group("n"))
        if m.group("unit").lower().startswith("m"):
            value /= 1000
        if 0 < value <= MAX_KM:
            out.append(Quantity(m.start(), m.end(), value, "distance"))
    return out


def find_gradients(text: str) -> list[Quantity]:
    found = (Quantity(m.start(), m.end(), _value(m.group("n")), "gradient") for m in _GRADIENT.finditer(text))
    return [q for q in found if 0 < q.value <= MAX_GRADIENT]
