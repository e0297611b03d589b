"""Repair of broken text (mojibake) before the cleaner reads it, with a map back to the input.

Scraped news often went through a wrong decode on its way: UTF-8 read as Windows-1252 gives
"canâ€™t" and "Â©", UTF-8 read as ISO-8859-13 with its control bytes dropped gives "canāt".
ftfy undoes the first kind (every step it takes is reversible, so it never damages good
text); the second kind lost bytes, so only the context can tell which punctuation mark an
"ā" stood for, and it is repaired only in a text that shows the pattern in an English
contraction ("donāt").

Offsets: the cleaner and everything after it work on the repaired text, but the offsets of
removed blocks must point into the article as it was given. A repair keeps the spans it
changed, so `Repair.to_original` maps a position in the repaired text back to the input: a
position in unchanged text maps exactly, one inside a repaired span to that span's edge.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # ftfy is imported lazily: most articles need no repair
    from ftfy import TextFixerConfig

__all__ = ["Repair", "repair"]

# A UTF-8 "”" (E2 80 9D) read as Windows-1252 leaves "â€" and an undefined byte that is often
# dropped; ftfy would read the space after it as a lost no-break space and make a dagger (†).
_CLOSING_QUOTE_LOST_BYTE = re.compile(r"â€(?=[\s.,;:!?)\]]|$)")
# English contractions whose apostrophe became "ā": the sign of the ISO-8859-13 mojibake.
_LATIN13_CONTRACTION = re.compile(
    r"\b(?:[Cc]an|[Dd]on|[Ww]on|[Ii]sn|[Aa]ren|[Ww]asn|[Ww]eren|[Dd]idn|[Dd]oesn|[Cc]ouldn|[Ww]ouldn|[Ss]houldn"
    r"|[Hh]aven|[Hh]asn|[Hh]adn|[Ii]t|[Tt]hat|[Tt]here|[Hh]e|[Ss]he|[Ww]hat|[Ll]et|I|[Ww]e|[Yy]ou|[Tt]hey)"
    r"ā(?:t|s|m|d|re|ll|ve)\b"
)
_LATIN13_MARK = "ā"
# What ftfy's C1 and surrogate fixes act on (its encoding fix acts where `is_bad` says).
_C1_OR_SURROGATE = re.compile("[\x80-\x9f\ud800-\udfff]")
# ftfy fixes a text line by line, and a line ends at "\n" only: the other characters
# str.splitlines breaks at can be bytes of the mojibake itself (the \x85 of "MÄ\x85ka", "Mąka").
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


@lru_cache(maxsize=1)
def _ftfy_config() -> TextFixerConfig:  # imported lazily: most articles need no repair
    import ftfy

    # Only undo wrong decodings: quotes, line breaks, widths, HTML entities and Unicode
    # normalisation stay as the article wrote them, so unchanged text keeps its offsets.
    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def _latin13_punctuation(text: str) -> str:
    """Each "ā" of an ISO-8859-13 mojibake as the mark its place asks for."""

    def mark(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before.isalnum() and after.isalnum():
            return "’"  # can’t, Pogačar’s
        if before.isspace() and after.isspace():
            return "–"  # a dash between words
        if before.isspace() or before in "([«":
            return "“"
        return "”"

    return re.sub(_LATIN13_MARK, mark, text)


def _sound(line: str) -> bool:
    """Whether ftfy, with our config, would leave the line as it is."""
    from ftfy.badness import is_bad

    return line.isascii() or not (_C1_OR_SURROGATE.search(line) or is_bad(line))


def _fix(text: str, latin13: bool) -> str:
    """`ftfy.fix_text` with our config, and the two mojibakes it does not know.

    ftfy fixes each line on its own (it cuts the text at line feeds, as `_lines` does), and with
    this config leaves a sound line as it is: its encoding fix starts only where its own
    `is_bad` test finds mojibake, and its other fixes left on touch C1 controls and surrogates
    only. So sound lines (every ASCII line, and nearly every line with accents) skip ftfy and
    its set-up per line, which costs more than the rest of the cleaning of most articles.
    """
    import ftfy

    config = _ftfy_config()
    text = _CLOSING_QUOTE_LOST_BYTE.sub("â€\x9d", text)
    fixed = "".join(line if _sound(line) else ftfy.fix_text(line, config=config) for line in _lines(text))
    return _latin13_punctuation(fixed) if latin13 else fixed


@dataclass(frozen=True)
class Repair:
    original: str
    text: str
    # (original start, original end, repaired start, repaired end) of each changed span, in order
    spans: tuple[tuple[int, int, int, int], ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return bool(self.spans)

    def to_original(self, position: int, end: bool = False) -> int:
        """The input offset of repaired offset `position` (the span's end when `end`)."""
        i = bisect.bisect_right([s[2] for s in self.spans], position) - 1
        if i < 0:
            return position
        o_start, o_end, r_start, r_end = self.spans[i]
        if position > r_start and position >= r_end:  # after the span
            return o_end + position - r_end
        if position == r_start and r_start < r_end:  # just before it
            return o_start
        return o_end if end else o_start  # inside it, or where text was deleted

    def examples(self, limit: int = 3) -> list[str]:
        return [f"{self.original[a:b]!r} -> {self.text[c:d]!r}" for a, b, c, d in self.spans[:limit]]

    def warning(self) -> str:
        return (
            f"broken text repaired in {len(self.spans)} place(s) ({', '.join(self.examples())}); "
            "offsets in `removed` point into the text as given"
        )


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` as ftfy cuts them: at line feeds only, each keeping its own."""
    return (m.group() for m in _LINE.finditer(text))


def repair(text: str) -> Repair:
    """The text with its mojibake undone, and the spans that changed."""
    latin13 = _LATIN13_MARK in text and bool(_LATIN13_CONTRACTION.search(text))  # the search tries every word
    if _fix(text, latin13) == text:
        return Repair(text, text)
    pieces: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    original_at = repaired_at = 0
    for line in _lines(text):
        fixed = _fix(line, latin13)
        if fixed != line:
            for tag, a, b, c, d in difflib.SequenceMatcher(None, line, fixed, autojunk=False).get_opcodes():
                if tag != "equal":
                    spans.append((original_at + a, original_at + b, repaired_at + c, repaired_at + d))
        pieces.append(fixed)
        original_at += len(line)
        repaired_at += len(fixed)
    return Repair(text, "".join(pieces), tuple(spans))
