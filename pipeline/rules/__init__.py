"""Rules as data: word lists (lexicon.toml) and token patterns (*.jsonl) for spaCy's Matcher.

A rule file holds one rule per line: an `id`, a Matcher `pattern`, and the fields its extractor
reads (`rank`, `classification`, `rider`, ...). Inside a pattern, a string "@name" where a list
is expected (IN / NOT_IN) stands for the lexicon list `name`, so word lists are written once.
`reject_before` / `reject_next` (a list or "@name") drop a match when the token before or after
it is in the list: "second consecutive win" is no placing. `require_before` / `next_in` drop it
unless the token before is in the list, or the token after is (or is a space, or the text
ends): "Niewiadoma fourth," is a placing, "Niewiadoma fourth time" is not. All four are checked
before overlapping matches are thinned, so a longer match they drop does not hide a shorter
one that holds.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..text.numbers import ORDINALS

RULES_DIR = Path(__file__).resolve().parent
_NEIGHBOUR_KEYS = ("reject_before", "reject_next", "require_before", "next_in")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """The word lists of lexicon.toml, plus two computed ones: `ordinals` ("second", "2nd")
    and `demonyms` ("kazakh"). Lists keep Matcher patterns on fast token attributes instead of
    Python-level custom attributes."""
    data = tomllib.loads((RULES_DIR / "lexicon.toml").read_text(encoding="utf-8"))
    lists = {name: frozenset(words) for name, words in data.items()}
    digit_ordinals = {f"{n}{_suffix(n)}" for n in range(1, 301)}
    lists["ordinals"] = frozenset(ORDINALS) | digit_ordinals
    lists["demonyms"] = frozenset(w for w in demonyms() if " " not in w)
    return lists


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    return tomllib.loads((RULES_DIR / "demonyms.toml").read_text(encoding="utf-8"))["demonyms"]


def words(name: str) -> frozenset[str]:
    return lexicon()[name.removeprefix("@")]


def _expand(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        return sorted(words(value))
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v) for v in value]
    return value


@dataclass(frozen=True)
class RuleMatch:
    rule: dict[str, Any]
    span: Span

    @property
    def id(self) -> str:
        return self.rule["id"]


class RuleSet:
    """The rules of one file, compiled into a Matcher over a vocab."""

    def __init__(self, vocab: Vocab, name: str) -> None:
        self.name = name
        self.rules: dict[str, dict[str, Any]] = {}
        self.matcher = Matcher(vocab, validate=True)
        with (RULES_DIR / f"{name}.jsonl").open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                rule = json.loads(line)
                if rule["id"] in self.rules:
                    raise ValueError(f"{name}.jsonl:{number}: duplicate rule id {rule['id']!r}")
                rule = {k: (_expand(v) if k in ("pattern", *_NEIGHBOUR_KEYS) else v) for k, v in rule.items()}
                self.rules[rule["id"]] = rule
                self.matcher.add(rule["id"], [rule["pattern"]], greedy="LONGEST")

    def __call__(self, doc: Doc, overlapping: bool = False) -> list[RuleMatch]:
        """Matches in reading order; without `overlapping`, the longest of overlapping ones."""
        spans = []
        for match_id, start, end in self.matcher(doc, as_spans=False):
            rule = self.rules[doc.vocab.strings[match_id]]
            if self._rejected(rule, doc, start, end):
                continue
            spans.append(Span(doc, start, end, label=rule["id"]))
        if not overlapping:
            spans = filter_spans(spans)
        return sorted((RuleMatch(self.rules[s.label_], s) for s in spans), key=lambda m: m.span.start)

    @staticmethod
    def _rejected(rule: dict[str, Any], doc: Doc, start: int, end: int) -> bool:
        before = rule.get("reject_before")
        if before and start > 0 and doc[start - 1].lower_ in before:
            return True
        after = rule.get("reject_next")
        if after and end < len(doc) and doc[end].lower_ in after:
            return True
        required = rule.get("require_before")
        if required and (start == 0 or doc[start - 1].lower_ not in required):
            return True
        allowed = rule.get("next_in")
        return bool(allowed and end < len(doc) and doc[end].lower_ not in allowed and not doc[end].is_space)
