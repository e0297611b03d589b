"""Folding of names so that spelling variants used by news sites compare equal.

News copy writes the same name as "Critérium du Dauphiné", "Criterium du Dauphine" and
"CRITERIUM DU DAUPHINE", and the same team as "Bahrain – Victorious" and "Bahrain-Victorious".
`fold` removes exactly those differences (case, accents, dash and apostrophe styles) and
nothing else, so it can serve as the NORM of every lexeme the tokenizer creates. `name_key`
goes further and drops punctuation and separators; it identifies a name for look-ups.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter plus a combining accent.
_LETTERS = str.maketrans(
    {
        "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
        "ı": "i", "ħ": "h",
    }
)
DASHES = "-‐‑‒–—―−"
APOSTROPHES = "'’‘ʼ`´"
SEPARATORS = DASHES + "|/"
_PUNCT = str.maketrans({**{c: "-" for c in DASHES}, **{c: "'" for c in APOSTROPHES}})
_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, with one dash and one apostrophe."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_PUNCT).lower()


def name_key(text: str) -> str:
    """The words of a name, folded, with punctuation and separators dropped.

    "BORA – hansgrohe", "Bora-Hansgrohe" and "Bora Hansgrohe" share the key "bora hansgrohe";
    "Giro d’Italia" and "Giro d'Italia" share "giro d italia".
    """
    return " ".join(_NON_WORD.split(fold(text))).strip()


def slug(text: str) -> str:
    """A stable identifier fragment: "Miguel Ángel López" -> "miguel-angel-lopez"."""
    return name_key(text).replace(" ", "-")
