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
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..text.numbers import ORDINALS
from ..nlp.columns import lexical
from .windows import Windows

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


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The lexicon list `name` ("@name" too). Cached on its own: extractors look lists up in
    loops over tokens, a hundred thousand times an article batch."""
    return lexicon()[name.removeprefix("@")]


@lru_cache(maxsize=None)
def word_ids(name: str) -> frozenset[int]:
    """The lexicon list `name` as string hash ids: what `Doc.to_array(LOWER)` gives per token."""
    return frozenset(get_string_id(w) for w in words(name))


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
        self.windows = Windows([rule["pattern"] for rule in self.rules.values()])
        self._vocab = vocab
        self._matcher_of = lru_cache(maxsize=1024)(self._compile)

    def __call__(self, doc: Doc, overlapping: bool = False) -> list[RuleMatch]:
        """Matches in reading order; without `overlapping`, the longest of overlapping ones."""
        spans = []
        for match_id, start, end in self.find(doc):
            rule = self.rules[doc.vocab.strings[match_id]]
            if self._rejected(rule, doc, start, end):
                continue
            spans.append(Span(doc, start, end, label=rule["id"]))
        if not overlapping:
            spans = filter_spans(spans)
        return sorted((RuleMatch(self.rules[s.label_], s) for s in spans), key=lambda m: m.span.start)

    def find(self, doc: Doc) -> list[tuple[int, int, int]]:
        """What `self.matcher(doc)` returns, in its order, from Matcher runs over the windows
        that can hold a match only, each with only the rules that may match in it (windows.py).

        The Matcher costs per token and per word list its rules start with, so both cuts pay.
        Neither changes what a window yields: a pattern's matches and their order depend on
        the tokens only, and patterns do not affect each other, except in the order the
        Matcher finds matches in, which follows the order of the patterns, kept here.

        The order of the list matters: overlapping matches of the same length are thinned in
        list order. The Matcher lists the matches of one rule together, rules in the order
        their first match was found, and each rule's longest first (then by start). Windows are
        disjoint and in reading order, so a rule's first match in the doc is its first in the
        first window that has one, and the longest-first filter of a rule never compares
        matches from two windows.
        """
        windows = self.windows(doc)
        if len(windows) == 1 and windows[0].start == 0 and windows[0].end == len(doc) and len(windows[0].rules) == len(self.rules):
            return self.matcher(doc)
        by_rule: dict[int, list[tuple[int, int]]] = {}
        for offset, end, rules in windows:
            for match_id, start, stop in self._matcher_of(rules)(doc[offset:end]):
                by_rule.setdefault(match_id, []).append((offset + start, offset + stop))
        return [
            (match_id, start, end)
            for match_id, pairs in by_rule.items()
            for start, end in sorted(pairs, key=lambda pair: (pair[0] - pair[1], pair[0]))
        ]

    def _compile(self, rules: frozenset[int]) -> Matcher:
        """A Matcher of some of the rules (by index), added in file order. Validated already."""
        matcher = Matcher(self._vocab, validate=False)
        for index, rule in enumerate(self.rules.values()):
            if index in rules:
                matcher.add(rule["id"], [rule["pattern"]], greedy="LONGEST")
        return matcher

    @staticmethod
    def _rejected(rule: dict[str, Any], doc: Doc, start: int, end: int) -> bool:
        texts, lowers = lexical(doc)
        before = rule.get("reject_before")
        if before and start > 0 and lowers[start - 1] in before:
            return True
        after = rule.get("reject_next")
        if after and end < len(doc) and lowers[end] in after:
            return True
        required = rule.get("require_before")
        if required and (start == 0 or lowers[start - 1] not in required):
            return True
        allowed = rule.get("next_in")
        return bool(allowed and end < len(doc) and lowers[end] not in allowed and not texts[end].isspace())  # isspace: IS_SPACE
