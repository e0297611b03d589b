"""Named rules that decide which blocks of a raw article are not article body.

The cleaner is a classifier of blocks: each rule looks at a block and its neighbours and may
label it with a kind of boilerplate. Rules are few and general; the phrases they look for are
data in cues.toml. Every label records the rule that set it, so a wrong removal in a record
points straight at the rule to fix.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .blocks import Block

CUES_PATH = Path(__file__).with_name("cues.toml")

# Kinds whose blocks come in clusters: a short block between two of them belongs to them.
CLUSTERED = ("paywall", "newsletter")


@dataclass(frozen=True)
class Label:
    kind: str
    rule: str


@dataclass(frozen=True)
class CueSet:
    max_words: int
    patterns: tuple[re.Pattern[str], ...]
    min_hits: int = 1

    def hits(self, block: Block) -> int:
        if block.words > self.max_words:
            return 0
        return sum(1 for p in self.patterns if p.search(block.text))


@dataclass(frozen=True)
class Cues:
    sets: dict[str, CueSet]
    link_max_words: int
    publishers: tuple[str, ...]


@lru_cache(maxsize=4)
def load_cues(path: Path = CUES_PATH) -> Cues:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sets = {}
    for kind, section in data.items():
        if "cues" not in section:
            continue
        sets[kind] = CueSet(
            max_words=section.get("max_words", 60),
            patterns=tuple(re.compile(c, re.IGNORECASE) for c in section["cues"]),
            min_hits=section.get("min_hits", 1),
        )
    return Cues(
        sets=sets,
        link_max_words=data["related_links"].get("link_max_words", 40),
        publishers=tuple(data.get("publishers", {}).get("names", [])),
    )


def _looks_like_link(block: Block, cues: Cues) -> bool:
    """A teaser or link: short, and not a sentence (teasers rarely end with a full stop)."""
    return block.words <= cues.link_max_words and (not block.ends_sentence or block.text.endswith("-"))


def classify(blocks: list[Block], cues: Cues | None = None) -> dict[int, Label]:
    """Labels for the blocks that are not body, by block index."""
    cues = cues or load_cues()
    labels: dict[int, Label] = {}
    _cue_rule(blocks, cues, labels)
    _related_links_rule(blocks, cues, labels)
    _enclosed_rule(blocks, labels)
    _author_bio_rule(blocks, cues, labels)
    return labels


def _cue_rule(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> None:
    """A short block carrying a cue phrase of a kind (paywall, newsletter, sponsor line)."""
    for block in blocks:
        for kind in ("paywall", "newsletter", "sponsor_line"):
            cue_set = cues.sets.get(kind)
            if cue_set and cue_set.hits(block) >= cue_set.min_hits:
                labels[block.index] = Label(kind, f"{kind}_cue")
                break


def _related_links_rule(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> None:
    """A "Latest on ..." heading and the run of link-like blocks after it."""
    headings = cues.sets["related_links"]
    i = 0
    while i < len(blocks):
        if i in labels or not headings.hits(blocks[i]):
            i += 1
            continue
        labels[i] = Label("related_links", "related_links_heading")
        i += 1
        while i < len(blocks) and not blocks[i].is_prose and (i in labels or _looks_like_link(blocks[i], cues)):
            labels.setdefault(i, Label("related_links", "related_links_list"))
            i += 1


def _enclosed_rule(blocks: list[Block], labels: dict[int, Label]) -> None:
    """A short block between two blocks of one clustered kind (the price line inside a paywall)."""
    changed = True
    while changed:
        changed = False
        for block in blocks:
            i = block.index
            if i in labels or block.is_prose or i == 0 or i == len(blocks) - 1:
                continue
            before, after = labels.get(i - 1), labels.get(i + 1)
            if before and after and before.kind == after.kind and before.kind in CLUSTERED:
                labels[i] = Label(before.kind, f"{before.kind}_enclosed")
                changed = True


def _author_bio_rule(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> None:
    """A career summary in the article's tail, where only boilerplate follows it."""
    bio = cues.sets["author_bio"]
    for block in reversed(blocks):
        if block.index in labels:
            continue
        if bio.hits(block) >= bio.min_hits:
            labels[block.index] = Label("author_bio", "author_bio_tail")
            continue
        break
