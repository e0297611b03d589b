"""Numbers and ordinals written in words, as cycling reports use them ("stage four", "finished seventh")."""

from __future__ import annotations

import re

from .fold import fold

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL_UNITS = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
]
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}

CARDINALS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | dict(_TENS) | {"a": 1, "an": 1, "a couple of": 2}
ORDINALS: dict[str, int] = {w: i for i, w in enumerate(_ORDINAL_UNITS) if i} | dict(_ORDINAL_TENS)
for _tens_word, _tens in _TENS.items():
    for _i in range(1, 10):
        CARDINALS[f"{_tens_word}-{_UNITS[_i]}"] = _tens + _i
        ORDINALS[f"{_tens_word}-{_ORDINAL_UNITS[_i]}"] = _tens + _i

_DIGIT_ORDINAL = re.compile(r"^([0-9]{1,3})(?:st|nd|rd|th|º|°)$", re.IGNORECASE)


def as_int(text: str) -> int | None:
    """Digits as an int; None for anything else, including "²" (a digit to str.isdigit, not to int)."""
    return int(text) if text.isascii() and text.isdecimal() else None


def as_year(text: str) -> int | None:
    """A four-digit year of the sport's era ("2015"), else None. (The length first: extractors
    ask this of word after word, and most have another length.)"""
    if len(text) != 4:
        return None
    value = as_int(text)
    return value if value is not None and 1860 < value < 2100 else None


def number_value(word: str) -> int | None:
    """The value of a cardinal in digits or words ("4", "four", "twenty-one"), else None."""
    w = fold(word)
    return as_int(w) if len(w) <= 4 and as_int(w) is not None else CARDINALS.get(w)


def ordinal_value(word: str) -> int | None:
    """The value of an ordinal ("second", "2nd", "twenty-first"), else None."""
    w = fold(word)
    m = _DIGIT_ORDINAL.match(w)
    return int(m.group(1)) if m else ORDINALS.get(w)
