"""An article as a sequence of blocks (its non-empty lines), each with offsets into the raw text.

News dumps separate paragraphs with blank lines or with single newlines, and boilerplate comes
as whole lines, so a line is the unit the cleaner classifies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")
# Every character outside ASCII that re.IGNORECASE matches to an ASCII character (found by
# matching [ -~] against each code point): U+0130, U+0131, U+017F, U+212A.
_ASCII_LOOKALIKES = "\u0130\u0131\u017f\u212a"


@dataclass(frozen=True)
class Block:
    index: int
    start: int  # offset of the first non-space character in the raw text
    end: int  # offset after the last non-space character
    text: str
    newlines_before: int  # line breaks between the previous block and this one

    @cached_property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    @cached_property
    def lowered(self) -> str | None:
        """The text in lower case, for the word look-ups that spare regex searches (see
        rules.may_match); None when it holds one of the four non-ASCII letters that a
        case-insensitive regex takes for an ASCII one (İ ı ſ K), where `in` could miss a match."""
        return None if any(c in self.text for c in _ASCII_LOOKALIKES) else self.text.lower()

    @property
    def ends_sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text))

    @property
    def is_prose(self) -> bool:
        """A paragraph of running text, as opposed to a heading, a link or a list item."""
        return self.words >= 25 and self.ends_sentence


def split_blocks(raw: str) -> list[Block]:
    blocks: list[Block] = []
    offset = 0
    newlines = 0
    for line in raw.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            blocks.append(Block(len(blocks), start, start + len(stripped), stripped, newlines))
            newlines = 0
        newlines += line.count("\n") or (1 if line.endswith(("\r", "\u2028", "\u2029")) else 0)
        offset += len(line)
    return blocks
