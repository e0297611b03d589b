"""Named rules that decide which blocks of a raw article are not article body.

The cleaner is a classifier of blocks: each rule looks at a block and its neighbours and may
label it with a kind of boilerplate. Rules are few and general; the phrases and words they
look for are data in cues.toml. Some rules read cue phrases (a paywall prompt, a photo
credit), some read the make-up of a block (a line of nothing but interface words, a trail of
menu links, a run of cut-off teasers after the article, whose stop-word share tells running
text from a results row). Every label records the rule that set it, so a wrong removal in a
record points straight at the rule to fix. Some boilerplate sits inside a block (a photo
credit in a caption, a table widget's "Swipe to scroll"): `find_inline` cuts just those spans.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from ..text.fold import fold
from ..text.quantities import prefix_tree
from .blocks import Block

CUES_PATH = Path(__file__).with_name("cues.toml")

# Kinds whose blocks come in clusters: a short block between two of them belongs to them.
CLUSTERED = ("paywall", "newsletter")

_RUNNING_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Interface labels glue words ("shareShare", "LeMonde6"): split at case and digit changes.
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")


@dataclass(frozen=True)
class Label:
    kind: str
    rule: str


@dataclass(frozen=True)
class Span:
    """A piece of boilerplate inside a block, by raw offsets."""

    start: int
    end: int
    label: Label


@dataclass(frozen=True)
class CueSet:
    kind: str
    scope: str
    max_words: int
    patterns: tuple[re.Pattern[str], ...]
    min_hits: int = 1
    min_words: int = 0

    def hits(self, block: Block) -> int:
        if not self.min_words <= block.words <= self.max_words:
            return 0
        lowered = block.lowered
        if lowered is not None and self._any_needed is not None and not self._any_needed.search(lowered):
            return 0  # no pattern has a word it needs: the usual answer, found in one scan
        return sum(1 for p, needed in zip(self.patterns, self._needed) if _holds_any(lowered, needed) and p.search(block.text))

    @cached_property
    def _needed(self) -> tuple[frozenset[str] | None, ...]:
        return tuple(required_words(p) for p in self.patterns)

    @cached_property
    def _any_needed(self) -> re.Pattern[str] | None:
        """Any word one of the patterns needs (None if one of them needs none we know). As a tree
        of shared prefixes, which rejects a position at its first letter or two instead of
        trying every word there: only whether one is found counts, not which."""
        if not self._needed or any(needed is None for needed in self._needed):
            return None
        return re.compile(prefix_tree(sorted({word for needed in self._needed for word in needed})))


@dataclass(frozen=True)
class Vocabulary:
    words: frozenset[str]
    fillers: frozenset[str]
    max_words: int


@dataclass(frozen=True)
class Breadcrumb:
    separators: re.Pattern[str]
    item_max_words: int
    roots: frozenset[str]


@dataclass(frozen=True)
class Gallery:
    counter: re.Pattern[str]
    credit: re.Pattern[str]
    min_credits: int


@dataclass(frozen=True)
class Teaser:
    min_words: int
    min_stop_share: float
    min_run: int


@dataclass(frozen=True)
class DateWords:
    languages: tuple[str, ...]  # dateparser codes, in the order they are tried
    line_words: frozenset[str]  # lower case
    year_suffixes: tuple[str, ...]  # literal text, in the order they are tried


@dataclass(frozen=True)
class Cues:
    sets: dict[str, CueSet]
    link_max_words: int
    publishers: tuple[str, ...]
    interface: Vocabulary
    breadcrumb: Breadcrumb
    gallery: Gallery
    teaser: Teaser
    embed_attribution: re.Pattern[str]
    embed_text_max_words: int
    dates: DateWords


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- a look-up before each regex search ------------------------------------------------------
# A block is searched with every cue of every kind, and a case-insensitive search tries the
# pattern at each position of the block. But most cues need a word: "subscriber" or "member"
# for `\b(already a|become a) (subscriber|member)\b`. A block that has none of a cue's words
# cannot match it, and `in` finds that out for a fraction of the search. The words come from
# the parsed pattern (re's own parser) and are ASCII; a match of them takes ASCII characters
# of the block unless it holds one of the few non-ASCII look-alikes (Block.lowered), so "the
# block has the word in any case" is `word in block.text.lower()`.


def may_match(pattern: re.Pattern[str], lowered: str | None) -> bool:
    """False only when `pattern` cannot match the text whose Block.lowered is `lowered`."""
    return _holds_any(lowered, required_words(pattern))


def _holds_any(lowered: str | None, needed: frozenset[str] | None) -> bool:
    if lowered is None or needed is None:
        return True
    for word in needed:
        if word in lowered:
            return True
    return False


@lru_cache(maxsize=1024)
def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of `pattern` holds; None when the
    pattern needs none that this reading can tell (or re's parser is not the one known)."""
    try:
        from re import _constants as sre, _parser  # the parser re compiles with

        return _needed(_parser.parse(pattern.pattern, pattern.flags), sre)
    except Exception:  # another Python's parser: no look-up, the search alone decides
        return None


def _needed(items, sre) -> frozenset[str] | None:
    """What a parsed sequence needs: its longest run of literal characters, or what one of its
    groups, alternations or repeats (at least once) needs, whichever asks for the longest word."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    def end_run() -> None:
        if run:
            consider(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL and chr(av).isascii():
            run.append(chr(av).lower())
            continue
        end_run()  # what follows is not part of the same literal run
        if op is sre.SUBPATTERN:
            consider(_needed(av[-1], sre))
        elif op is sre.BRANCH:
            alternatives = [_needed(alternative, sre) for alternative in av[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_needed(av[2], sre))
    end_run()
    return best


@lru_cache(maxsize=4)
def load_cues(path: Path = CUES_PATH) -> Cues:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sets = {}
    for name, section in data.items():
        if "cues" not in section:
            continue
        sets[name] = CueSet(
            kind=section.get("kind", name),
            scope=section.get("scope", "block"),
            max_words=section.get("max_words", 60),
            patterns=tuple(_compile(c) for c in section["cues"]),
            min_hits=section.get("min_hits", 1),
            min_words=section.get("min_words", 0),
        )
    interface, navigation, gallery, teaser, dates = (data[k] for k in ("interface", "navigation", "gallery", "teaser_tail", "dates"))
    return Cues(
        sets=sets,
        link_max_words=data["related_links"].get("link_max_words", 40),
        publishers=tuple(data.get("publishers", {}).get("names", [])),
        interface=Vocabulary(frozenset(interface["words"]), frozenset(interface["fillers"]), interface["max_words"]),
        breadcrumb=Breadcrumb(_compile(navigation["separators"]), navigation["item_max_words"], frozenset(navigation["roots"])),
        gallery=Gallery(_compile(gallery["counter"]), _compile(gallery["credit"]), gallery["min_credits"]),
        teaser=Teaser(teaser["min_words"], teaser["min_stop_share"], teaser["min_run"]),
        embed_attribution=_compile(data["embed"]["attribution"]),
        embed_text_max_words=data["embed"]["text_max_words"],
        dates=DateWords(tuple(dates["languages"]), frozenset(dates["line_words"]), tuple(dates["year_suffixes"])),
    )


def _looks_like_link(block: Block, cues: Cues) -> bool:
    """A teaser or link: short, and not a sentence (teasers rarely end with a full stop)."""
    return block.words <= cues.link_max_words and (not block.ends_sentence or block.text.endswith("-"))


def classify(blocks: list[Block], cues: Cues | None = None) -> dict[int, Label]:
    """Labels for the blocks that are not body, by block index."""
    cues = cues or load_cues()
    labels: dict[int, Label] = {}
    _cue_rule(blocks, cues, labels)
    _masthead_rule(blocks, cues, labels)
    _related_links_rule(blocks, cues, labels)  # before the interface rule: "Read more" heads a list
    _interface_rule(blocks, cues, labels)
    _breadcrumb_rule(blocks, cues, labels)
    _gallery_rule(blocks, cues, labels)
    _embed_text_rule(blocks, cues, labels)
    _enclosed_rule(blocks, labels)
    _teaser_tail_rule(blocks, cues, labels)
    _author_bio_rule(blocks, cues, labels)
    return labels


def _cue_rule(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> None:
    """A short block carrying a cue phrase of a kind (paywall, newsletter, photo credit, ...)."""
    block_sets = [(name, s) for name, s in cues.sets.items() if s.scope == "block"]
    for block in blocks:
        words = block.words  # most blocks are too long or too short for most cue sets: not asked
        for name, cue_set in block_sets:
            if cue_set.min_words <= words <= cue_set.max_words and cue_set.hits(block) >= cue_set.min_hits:
                labels[block.index] = Label(cue_set.kind, f"{name}_cue")
                break


def _masthead_rule(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> None:
    """A block that is nothing but the name of a publisher: the site's masthead."""
    names = {fold(p) for p in cues.publishers}
    for block in blocks:
        if block.index not in labels and fold(block.text.strip(" |-–—:")) in names:
            labels[block.index] = Label("masthead", "masthead")


def interface_tokens(text: str) -> list[str]:
    """The words and numbers of a line, with glued labels split ("shareShare" -> share, share)."""
    return [t.lower() for t in _TOKEN.findall(_GLUE.sub(" ", text))]


def _more_tokens_than(text: str, limit: int) -> bool:
    """Whether `text` has more than `limit` interface tokens. Read without splitting glued labels:
    a split only adds tokens, so more before it is more after it."""
    for k, _ in enumerate(_TOKEN.finditer(text)):
        if k >= limit:
            return True
    return False


def _interface_rule(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> None:
    """A short line made only of interface words, at least one of them no filler."""
    vocabulary = cues.interface
    allowed = vocabulary.words | vocabulary.fillers
    for block in blocks:
        if block.index in labels:
            continue
        if _more_tokens_than(block.text, vocabulary.max_words):
            continue  # ruled out below too, for the cost of reading max_words tokens
        tokens = interface_tokens(block.text)
        if not 0 < len(tokens) <= vocabulary.max_words:
            continue
        if all(t in allowed or t.isdigit() for t in tokens) and any(t in vocabulary.words for t in tokens):
            labels[block.index] = Label("interface", "interface_words")


def _breadcrumb_rule(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> None:
    """A trail of menu links: short items between separators, from a root or open-ended."""
    trail = cues.breadcrumb
    for block in blocks:
        if block.index in labels:
            continue
        items = [item.strip() for item in trail.separators.split(block.text)]
        if len(items) < 3 or not all(items[:-1]):
            continue
        named = [i for i in items if i]
        if any(len(_RUNNING_WORD.findall(i)) > trail.item_max_words or i.endswith((".", "!", "?")) for i in named):
            continue
        if fold(named[0]) in trail.roots or not items[-1]:
            labels[block.index] = Label("navigation", "breadcrumb")


def _gallery_rule(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> None:
    """Captions of a picture gallery: its "Image 1 of 6" counter, or photo credits in a row."""
    gallery = cues.gallery
    for block in blocks:
        if block.index in labels:
            continue
        if gallery.counter.search(block.text):
            labels[block.index] = Label("gallery", "gallery_counter")
        elif len(gallery.credit.findall(block.text)) >= gallery.min_credits:
            labels[block.index] = Label("gallery", "gallery_credits")


def _embed_text_rule(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> None:
    """The text of an embedded post: the block just before its "— Name (@handle)" line."""
    for block in blocks[1:]:
        before = blocks[block.index - 1]
        if (
            cues.embed_attribution.search(block.text)
            and before.index not in labels
            and before.words <= cues.embed_text_max_words
        ):
            labels[before.index] = Label("embed", "embed_text")


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


def stop_share(text: str) -> float:
    """Share of English stop words among the words: high in running text, nil in a table row."""
    words = _RUNNING_WORD.findall(text)
    return sum(w.lower() in STOP_WORDS for w in words) / len(words) if words else 0.0


def _is_cut_blurb(block: Block, teaser: Teaser) -> bool:
    """Running text that stops mid-sentence: a teaser cut to length."""
    return (
        block.words >= teaser.min_words
        and not block.ends_sentence
        and not block.text.endswith((":", ";"))
        and stop_share(block.text) >= teaser.min_stop_share
    )


def _teaser_tail_rule(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> None:
    """Blurbs of other stories after the article: a run of cut-off running text at its end."""
    run: list[Block] = []
    for block in reversed(blocks):
        if block.index in labels:
            continue
        if not _is_cut_blurb(block, cues.teaser):
            break
        run.append(block)
    body_before = any(b.index not in labels for b in blocks[: run[-1].index]) if run else False
    if len(run) >= cues.teaser.min_run and body_before:
        for block in run:
            labels[block.index] = Label("related_links", "teaser_tail")


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


def _without_overlaps(found: list[tuple[int, int, Label]]) -> list[tuple[int, int, Label]]:
    """The (start, end, label) spans in order that overlap no span kept before them: of two
    overlapping spans the one starting first is kept, and of two starting together the longer."""
    kept: list[tuple[int, int, Label]] = []
    kept_end = 0
    for span in sorted(found, key=lambda f: (f[0], -f[1])):
        if span[0] >= kept_end:
            kept.append(span)
            kept_end = span[1]
    return kept


def find_inline(blocks: list[Block], cues: Cues, labels: dict[int, Label]) -> list[Span]:
    """Boilerplate inside body blocks; a block with nothing else in it is labelled whole."""
    inline_sets = [(name, s) for name, s in cues.sets.items() if s.scope == "inline"]
    spans: list[Span] = []
    for block in blocks:
        if block.index in labels:
            continue
        found = _without_overlaps(
            [
                (m.start(), m.end(), Label(s.kind, f"{name}_inline"))
                for name, s in inline_sets
                for p in s.patterns
                for m in p.finditer(block.text)
            ]
        )
        if not found:
            continue
        rest = "".join(block.text[a:b] for a, b in zip([0] + [f[1] for f in found], [f[0] for f in found] + [len(block.text)]))
        if not _RUNNING_WORD.search(rest):
            labels[block.index] = found[0][2]
            continue
        spans.extend(Span(block.start + a, block.start + b, label) for a, b, label in found)
    return spans
