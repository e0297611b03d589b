"""Bytes to text: UTF-8 first, and a best guess, with a warning, for anything else.

UTF-8 (or UTF-16/32 with a byte-order mark) is read as it is. A UTF-8 text with a few bad
bytes keeps its text, the bad bytes replaced with U+FFFD. Text in a single-byte code page
(Windows-1252, Latin-1, Windows-1250, ...) is told apart by charset-normalizer's candidates,
re-ranked by how plausible each decoding reads (accents and symbols where words have them),
Windows-1252 first on a tie: it is what most Western pages that are not UTF-8 are written in,
and its decoding of Latin-1 is the same.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["decode", "declared_charset", "has_wide_bom"]

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Code pages of the pages cycling news comes from; charset-normalizer ranks them.
CANDIDATES = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "iso8859_2", "koi8_r")
_NAMES = {"cp1252": "Windows-1252", "cp1250": "Windows-1250", "cp1251": "Windows-1251", "cp1253": "Windows-1253",
          "cp1254": "Windows-1254", "cp1257": "Windows-1257", "iso8859_2": "ISO-8859-2", "koi8_r": "KOI8-R"}
_SAMPLE = 256 * 1024  # bytes looked at to choose a code page
# At least one well-formed multi-byte sequence per this many bad ones: UTF-8 with a few slips.
_UTF8_BAD_PER_GOOD = 4
_PUNCTUATION = frozenset("“”‘’„‚‹›«»–—…•·°€£¥©®™§¶†‡‰¡¿\u00a0\u202f")
_ODD_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def has_wide_bom(data: bytes) -> bool:
    """UTF-16 or UTF-32 with a byte-order mark (whose NUL bytes are text, not binary data)."""
    return data.startswith(tuple(bom for bom, _ in _BOMS))


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, if any."""
    match = _CHARSET.search(data[:4096])
    return (match.group(1) or match.group(2)).decode("ascii") if match else None


def _codec(charset: str | None) -> str | None:
    """The Python codec of a charset name; Latin-1 and ASCII are read as Windows-1252, as browsers do."""
    try:
        name = codecs.lookup(charset).name if charset else None
    except LookupError:
        return None
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def decode(data: bytes, declared: str | None = None) -> tuple[str, tuple[str, ...]]:
    """The text of an article's bytes, and warnings about how it was decoded.

    `declared` is a charset the source names (an HTML page's meta charset): it is tried when
    the bytes are not UTF-8, before guessing.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), ()
            except UnicodeDecodeError as error:
                return data.decode(encoding, errors="replace"), (f"not valid {encoding.upper()} ({error.reason} at byte {error.start}); bad bytes replaced with U+FFFD",)
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as error:
        first_bad = f"{error.reason} at byte {error.start}"
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    if good and good * _UTF8_BAD_PER_GOOD >= bad:  # real UTF-8 with a few bad bytes
        return text, (f"not valid UTF-8 ({first_bad}); {bad} bad byte sequence(s) replaced with U+FFFD",)
    declared = _codec(declared)
    if declared and declared not in ("utf-8", "utf-8-sig"):
        try:
            return data.decode(declared), (f"not UTF-8 ({first_bad}); decoded as {_NAMES.get(declared, declared)}, the charset the page declares",)
        except UnicodeDecodeError:
            pass
    encoding = _guess(data)
    return data.decode(encoding, errors="replace"), (f"not UTF-8 ({first_bad}); decoded as {_NAMES.get(encoding, encoding)}",)


def _guess(data: bytes) -> str:
    """The code page that reads most plausibly, of charset-normalizer's candidates."""
    from charset_normalizer import from_bytes

    sample = data[:_SAMPLE]
    ranked = [m.encoding for m in from_bytes(sample, cp_isolation=list(CANDIDATES))]
    candidates = [*dict.fromkeys([*ranked, "cp1252"])]
    scored = []
    for rank, encoding in enumerate(candidates):
        try:
            text = sample.decode(encoding, errors="replace")
        except LookupError:
            continue
        scored.append((_implausibility(text), encoding != "cp1252", rank, encoding))
    return min(scored)[-1]


def _script(c: str) -> str:
    o = ord(c)
    if o < 0x250:
        return "latin"
    if 0x370 <= o < 0x400:
        return "greek"
    if 0x400 <= o < 0x530:
        return "cyrillic"
    return "other"


def _implausibility(text: str) -> int:
    """How many odd things a decoding puts into words: symbols and control characters inside
    them, runs of accented Latin letters ("Àëåêñàíäð" is Russian read as Windows-1252), a
    capital after a small letter ("PogaŤar"), scripts mixed in one word."""
    score = 0
    for match in _ODD_WORD.finditer(text):
        word = match.group()
        letters = any(c.isalpha() for c in word)
        scripts: set[str] = set()
        run = 0
        previous = ""
        for c in word:
            if c.isalpha():
                scripts.add(_script(c))
            if ord(c) < 0x80:
                run = 0
            elif c == "\ufffd" or unicodedata.category(c).startswith("C"):
                score += 3
            elif c.isalpha():
                if _script(c) == "latin":
                    run += 1
                    score += run == 3
                if c.isupper() and previous.isalpha() and previous.islower():
                    score += 1
            elif letters and c not in _PUNCTUATION and not unicodedata.category(c).startswith("M"):
                score += 1
            previous = c
        score += 2 * (len(scripts) > 1)
    return score
