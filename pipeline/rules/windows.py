"""Where in a doc the rules of a file can match, worked out before the Matcher runs.

spaCy's Matcher starts every pattern at every token and tests each `IN` list with a Python call
per token, so a rule file costs (doc length) x (its lists), although most sentences hold nothing
its rules could match. But nearly every pattern has a token it cannot do without (no "?", "*"
or "{0,n}") whose value comes from a fixed list: "stage" in `stage NUM`, one of @ordinals in
`in the? @ordinals place?`. Such an *anchor* (a LOWER, ORTH or ENT_TYPE value or IN list) is
found in an index of the doc's tokens by value (TokenIndex); every match holds one, and reaches
at most as far from it as the pattern's other tokens can repeat. `Windows` turns the anchors of a
doc into the token ranges the Matcher has to see, each with the rules that may match in it.

The ranges are exact, not a heuristic: a window holds every token any match through its anchor
could take, so the Matcher run over the windows finds the same matches as over the whole doc
(rules.RuleSet puts them back in the order a whole-doc run returns them). Per doc and rule,
the anchor with the fewest occurrences is used, and an occurrence counts only where the rule's
other anchors stand at a distance the pattern allows ("in ... second" needs the ordinal within
a few tokens of "in"); the window is cut to the tokens a match through those anchors can reach.
A "*" or "+" token with a fixed list repeats at most as often as the doc's longest run of
tokens in that list; one without is given the whole doc. A rule with no anchor (or an operator
this module does not know) makes the whole doc one window for all rules.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, NamedTuple

import numpy
from spacy.attrs import ENT_TYPE, LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..nlp.columns import per_doc

# Attributes whose values an anchor may require, most selective first. Each is read per token
# exactly as the Matcher reads it (the lexeme's LOWER / ORTH, the token's ENT_TYPE).
_VALUE_ATTRS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "ENT_TYPE": ENT_TYPE}
_COUNTS = re.compile(r"\{(\d*)(,?)(\d*)\}")


@dataclass(frozen=True)
class Slot:
    """One token spec of a pattern: how many tokens it takes, and which values it requires of
    one attribute when it names them (`attr` is None when it does not)."""

    least: int
    most: int | None  # None: no limit ("*", "+", "{n,}")
    attr: int | None
    values: frozenset[int]


def repeats(op: str | None) -> tuple[int, int | None] | None:
    """How many tokens a spec with operator `op` takes, as spaCy's Matcher reads it; None for an
    operator this module does not model ("!", which tests a token without taking it the usual way)."""
    if op is None or op == "1":
        return 1, 1
    fixed = {"?": (0, 1), "*": (0, None), "+": (1, None)}
    if op in fixed:
        return fixed[op]
    counts = _COUNTS.fullmatch(op)
    if counts is None or not (counts[1] or counts[3]):
        return None
    least = int(counts[1] or 0)
    if not counts[2]:  # "{n}"
        return least, least
    most = int(counts[3]) if counts[3] else None
    return (least, most) if most is None or least <= most else None


def _required_values(spec: dict[str, Any]) -> tuple[int | None, frozenset[int]]:
    """The attribute and values a spec requires of its token, if it fixes them."""
    found: dict[int, frozenset[int]] = {}
    for key, value in spec.items():
        attr = _VALUE_ATTRS.get(key.upper()) if isinstance(key, str) else None
        if attr is None:
            continue
        if isinstance(value, dict):
            value = value.get("IN")  # NOT_IN, REGEX, FUZZY...: no fixed list of values
            if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
                continue
            found[attr] = frozenset(get_string_id(v) for v in value)
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            found[attr] = frozenset({get_string_id(value)})
    for attr in _VALUE_ATTRS.values():
        if attr in found:
            return attr, found[attr]
    return None, frozenset()


def slots(pattern: list[dict[str, Any]]) -> list[Slot] | None:
    """The slots of a Matcher pattern; None if one of its operators is not modelled."""
    result = []
    for spec in pattern:
        op = next((value for key, value in spec.items() if isinstance(key, str) and key.upper() == "OP"), None)
        counts = repeats(op)
        if counts is None:
            return None
        attr, values = _required_values(spec)
        result.append(Slot(counts[0], counts[1], attr, values))
    return result


def _longest_run(positions: list[int]) -> int:
    """The most consecutive token indices in a sorted list."""
    longest = run = 0
    previous = -2
    for i in positions:
        run = run + 1 if i == previous + 1 else 1
        longest = max(longest, run)
        previous = i
    return longest


class Window(NamedTuple):
    """Tokens [start, end) of a doc, and the rules (by index) that may match inside them."""

    start: int
    end: int
    rules: frozenset[int]


class _Geometry:
    """How far a rule's match reaches around each of its anchors, given how many tokens each
    slot takes at most (`reach`): tokens before and after the anchor's token, and for each
    other anchor the offsets it must lie between."""

    def __init__(self, rule: list[Slot], anchors: list[int], reach: list[int]) -> None:
        self.before = [sum(reach[:k]) + reach[k] - 1 for k in range(len(rule))]
        self.after = [sum(reach[k + 1 :]) + reach[k] - 1 for k in range(len(rule))]
        # (k, j) -> (lo, hi): with anchor k's token at p, anchor j has a token in [p + lo, p + hi]
        self.offsets: dict[tuple[int, int], tuple[int, int]] = {}
        for k in anchors:
            for j in anchors:
                if j > k:
                    between = range(k + 1, j)
                    lo = 1 + sum(rule[i].least for i in between)
                    hi = reach[k] + sum(reach[i] for i in between) + reach[j] - 1
                elif j < k:
                    between = range(j + 1, k)
                    lo = -reach[k] - sum(reach[i] for i in between) - reach[j] + 1
                    hi = -1 - sum(rule[i].least for i in between)
                else:
                    continue
                self.offsets[(k, j)] = (lo, hi)
        # (k, j) -> the offsets, and the reach of anchor j around its token, as _ranges reads them
        self.around = {(k, j): (lo, hi, self.before[j], self.after[j]) for (k, j), (lo, hi) in self.offsets.items()}


class Windows:
    """The windows of a doc that can hold a match of any of `patterns`, one pattern per rule."""

    def __init__(self, patterns: list[list[dict[str, Any]]]) -> None:
        self.rules = [slots(p) for p in patterns]
        self.anchors = [[k for k, s in enumerate(rule) if s.attr is not None and s.least >= 1] if rule else [] for rule in self.rules]
        self.anchored = all(self.anchors)
        # the geometry of rules whose every slot has a limit is the same in every doc
        self._fixed = [
            _Geometry(rule, anchors, [s.most for s in rule]) if rule and all(s.most is not None for s in rule) else None  # type: ignore[misc]
            for rule, anchors in zip(self.rules, self.anchors)
        ]
        # The distinct value lists of the slots that tell where a rule can match (anchors, and
        # unlimited slots with values, whose longest run bounds their length), per attribute:
        # rules share lists (@ordinals, @win_verbs), and a doc's tokens are looked up once per list.
        self._lists: list[tuple[int, frozenset[int]]] = []
        self._list_of: list[dict[int, int]] = [{} for _ in self.rules]  # per rule: slot -> index into self._lists
        for r, rule in enumerate(self.rules if self.anchored else []):
            for k, slot in enumerate(rule or []):
                if slot.attr is not None and (slot.least >= 1 or slot.most is None):
                    key = (slot.attr, slot.values)
                    if key not in self._lists:
                        self._lists.append(key)
                    self._list_of[r][k] = self._lists.index(key)
        # per rule: (slot, list index) of its anchors, and the lists as a set: a rule can match
        # only where every one of them has a token
        self._anchor_lists = [[(k, self._list_of[r][k]) for k in anchors] for r, anchors in enumerate(self.anchors)]
        self._needed_lists = [frozenset(index for _, index in anchor_lists) for anchor_lists in self._anchor_lists]
        # Per attribute: its values, sorted, to meet a doc's distinct values in numpy, and for each
        # value the lists that hold it.
        lookup: dict[int, dict[int, list[int]]] = {}
        for index, (attr, values) in enumerate(self._lists):
            table = lookup.setdefault(attr, {})
            for value in values:
                table.setdefault(value, []).append(index)
        self._attrs = list(lookup)
        self._keys = [numpy.array(sorted(lookup[attr]), dtype=numpy.uint64) for attr in self._attrs]
        self._lists_of_key = [[lookup[attr][value] for value in keys.tolist()] for attr, keys in zip(self._attrs, self._keys)]

    def __call__(self, doc: Doc) -> list[Window]:
        """Sorted, disjoint windows; every match of a pattern lies inside one that names its rule."""
        n = len(doc)
        if not self.anchored or n == 0:
            return [Window(0, n, frozenset(range(len(self.rules))))] if n else []
        found = self._found(doc)
        present = frozenset(index for index, positions in enumerate(found) if positions)
        ranges: list[tuple[int, int, int]] = []
        runs: dict[int, int] = {}  # list index -> its longest run of tokens, for the rules that share it
        for r, needed in enumerate(self._needed_lists):
            if needed <= present:  # else an anchor the doc lacks: no match
                self._ranges(r, found, n, runs, ranges)
        return _merged(ranges)

    def _found(self, doc: Doc) -> list[list[int]]:
        """For each value list, the sorted indices of the tokens with a value in it. The doc's
        distinct values are met with the lists' in numpy; only the few they share are looked at."""
        found: list[list[int]] = [[] for _ in self._lists]
        for attr, keys, lists in zip(self._attrs, self._keys, self._lists_of_key):
            for k, positions in token_index(doc, attr).positions(keys):
                for list_index in lists[k]:
                    found[list_index].extend(positions)
        for positions in found:
            positions.sort()  # runs of sorted positions, one per value
        return found

    def _ranges(self, r: int, found: list[list[int]], n: int, runs: dict[int, int], ranges: list[tuple[int, int, int]]) -> None:
        """Adds to `ranges` the (start, end, r) ranges that hold every match of rule r: one around
        each token of its rarest anchor in the doc, cut to where its other anchors, which must be
        near, are."""
        anchor_lists = self._anchor_lists[r]
        k, index = anchor_lists[0]
        for anchor in anchor_lists[1:]:  # the rarest anchor, the first of equals (min's choice)
            if len(found[anchor[1]]) < len(found[index]):
                k, index = anchor
        geometry = self._fixed[r] or self._geometry(r, tuple(self._most(r, i, slot, found, n, runs) for i, slot in enumerate(self.rules[r] or [])))
        before, after = geometry.before[k], geometry.after[k]
        others = [(found[other], *geometry.around[(k, j)]) for j, other in anchor_lists if j != k]
        for p in found[index]:
            lo, hi = p - before, p + 1 + after
            for occurrences, lo_offset, hi_offset, other_before, other_after in others:
                first = bisect.bisect_left(occurrences, p + lo_offset)
                last = bisect.bisect_right(occurrences, p + hi_offset)
                if first == last:
                    break  # anchor j is not where a match through p needs it
                lo = max(lo, occurrences[first] - other_before)
                hi = min(hi, occurrences[last - 1] + 1 + other_after)
            else:
                ranges.append((max(lo, 0), min(hi, n), r))

    @lru_cache(maxsize=1024)
    def _geometry(self, r: int, reach: tuple[int, ...]) -> _Geometry:
        """The geometry of rule r for the given reach of its unlimited slots, which docs repeat."""
        rule = self.rules[r]
        assert rule is not None
        return _Geometry(rule, self.anchors[r], list(reach))

    def _most(self, r: int, k: int, slot: Slot, found: list[list[int]], n: int, runs: dict[int, int]) -> int:
        """The most tokens slot k of rule r can take in this doc (`runs` remembers the doc's
        longest run of each list)."""
        if slot.most is not None:
            return slot.most
        if slot.attr is None:
            return n
        index = self._list_of[r][k]
        if index not in runs:
            runs[index] = _longest_run(found[index])
        return runs[index]


class TokenIndex(NamedTuple):
    """The tokens of a doc by their value of one attribute: `values`, its distinct values sorted;
    `order`, the token indices grouped by value (in reading order within a group); `bounds`,
    where each value's group starts in `order`, and where the last ends."""

    values: numpy.ndarray
    order: list[int]
    bounds: list[int]

    def positions(self, keys: numpy.ndarray) -> Iterator[tuple[int, list[int]]]:
        """(key, its tokens) for each of `keys` (sorted, uint64) the doc has."""
        at, known = key_index(keys, self.values)
        hits = numpy.flatnonzero(known)
        for k, u in zip(hits.tolist(), at[hits].tolist()):
            yield k, self.order[self.bounds[u] : self.bounds[u + 1]]


# A doc's LOWER and ORTH values never change (the pipeline never retokenizes), so the rule files
# share one index of them per Doc object; ENT_TYPE changes whenever a component sets entities,
# so it is indexed anew on every call.
_STABLE_ATTRS = frozenset({LOWER, ORTH})


@per_doc
def _stable_indexes(doc: Doc) -> dict[int, TokenIndex]:
    return {}


def token_index(doc: Doc, attr: int) -> TokenIndex:
    """The TokenIndex of `attr` (LOWER, ORTH or ENT_TYPE) for `doc`."""
    if attr not in _STABLE_ATTRS:
        return _indexed(doc.to_array(attr))
    indexes = _stable_indexes(doc)
    index = indexes.get(attr)
    if index is None:
        index = indexes[attr] = _indexed(doc.to_array(attr))
    return index


def _indexed(column: numpy.ndarray) -> TokenIndex:
    """One stable sort groups the tokens by value without a Python loop over them."""
    order = numpy.argsort(column, kind="stable")
    ordered = column[order]
    firsts = numpy.flatnonzero(numpy.concatenate(([True], ordered[1:] != ordered[:-1])))
    return TokenIndex(ordered[firsts], order.tolist(), firsts.tolist() + [len(column)])


def key_index(values: numpy.ndarray, keys: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Where each of `values` is in `keys` (sorted, same dtype), and whether it is there at all:
    the tokens with a value of a list, found without a Python loop. (numpy.isin would sort the
    keys on every call.)"""
    if not len(keys):
        return numpy.zeros(len(values), dtype=numpy.intp), numpy.zeros(len(values), dtype=bool)
    at = numpy.searchsorted(keys, values)
    at[at == len(keys)] = 0
    return at, keys[at] == values


def in_sorted(values: numpy.ndarray, keys: numpy.ndarray) -> numpy.ndarray:
    """Which of `values` are in `keys` (sorted, same dtype), as a boolean array."""
    return key_index(values, keys)[1]


def _merged(ranges: list[tuple[int, int, int]]) -> list[Window]:
    """The (start, end, rule) ranges, overlapping ones joined with all their rules."""
    merged: list[list] = []  # [start, end, rules], grown in place
    for start, end, rule in sorted(ranges):
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            last[2].add(rule)
        else:
            merged.append([start, end, {rule}])
    return [Window(start, end, frozenset(rules)) for start, end, rules in merged]
