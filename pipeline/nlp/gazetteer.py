"""Component: a phrase ruler for gazetteers at the scale of the peloton.

It reads the same patterns as spaCy's EntityRuler (`{"label", "pattern", "id"}` lines in
patterns/*.jsonl) and labels the same spans, but spaCy's ruler tokenizes every pattern and
feeds it to a PhraseMatcher when it loads: with tens of thousands of riders that takes half a
minute. Here the patterns are compiled once, by the build step, into an index from sequences
of token NORM hashes (the folded forms: case, accents and dash styles removed) to a label and
an id, written to patterns/gazetteer.msgpack. Loading it is one msgpack read; matching is a
dictionary look-up per token. If the compiled index is missing or older than the pattern
files, the patterns are compiled at load time (slow, with a warning), so a hand-edited
pattern file still works.

Separators do not count: "Bahrain – Victorious", "Bahrain-Victorious" and "Bahrain
Victorious", or "Visma | Lease a Bike" and "Visma Lease-A-Bike", are the same words, so the
index and the text are both read without "-", "|", "/" tokens, editors' brackets ("[Nairo]
Quintana") and extra spaces (a non-breaking space is its own token).

Of overlapping matches the longest wins, as in spaCy's rulers ("the women's Tour de France" is
not "The Women's Tour" followed by "de France"). A match whose words are all lower case is
dropped ("a green mountain" is no CLIMB), except a race with words of its own ("the world
championships", "the tour de france", not "the road race").
A one-word rider or team must be capitalised and must not be glued to another capitalised word
that is not a stop word, across separators too: in "Reinhardt Janse van Rensburg" or
"Niewiadoma-Phinney" the word is part of a longer name, not Theo Reinhardt or Taylor Phinney
("Then Pogačar attacked" is fine). A lone surname in a Title Case headline is left to the
article's own full mention of the rider (nlp.names).
"""

# No `from __future__ import annotations`: spaCy validates initialize() settings with pydantic,
# which needs real types in the signature.
import hashlib
import json
import warnings
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Tuple, Union

import numpy
import srsly
from spacy.attrs import IS_SPACE, NORM
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from ..gazetteer import LABEL_FILES, default_patterns_dir
from ..rules import words
from ..rules.windows import in_sorted
from .columns import lexical
from . import extensions

COMPILED_NAME = "gazetteer.msgpack"
# Bump when the separators or the plausibility rules change; the tokenizer rules and the
# folding of norms are fingerprinted with the patterns (norms_signature).
NORMS_VERSION = 4
SEPARATORS = frozenset(hash_string(s) for s in ("-", "--", "|", "/", "\\", "[", "]"))
_SEPARATOR_KEYS = numpy.array(sorted(SEPARATORS), dtype=numpy.uint64)
_UNKNOWN: Tuple[Optional[int], bool] = (None, False)  # a look-up's answer for no key nor prefix


def pattern_files(folder: Path) -> List[Path]:
    return [folder / f"{stem}.jsonl" for stem in LABEL_FILES.values() if (folder / f"{stem}.jsonl").exists()]


def read_patterns(folder: Path) -> Iterator[dict]:
    for path in pattern_files(folder):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)


def norms_signature() -> str:
    """What the compiled keys depend on besides the patterns: the tokenizer's rules, the folding
    of norms and spaCy's version. An index compiled under other rules is stale."""
    import spacy

    from . import language
    from ..text import fold

    parts = [f"norms-{NORMS_VERSION}", spacy.__version__, Path(language.__file__).read_text(encoding="utf-8"), Path(fold.__file__).read_text(encoding="utf-8")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def patterns_digest(folder: Path) -> str:
    """Fingerprint of the pattern files a compiled index was built from, and of its rules."""
    digest = hashlib.sha256(norms_signature().encode())
    for path in pattern_files(folder):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class GazetteerRuler:
    def __init__(self, nlp: Language, name: str = "racefacts_gazetteer", overwrite_ents: bool = False) -> None:
        extensions.register()
        self.nlp = nlp
        self.name = name
        self.overwrite_ents = overwrite_ents
        self.entries: List[Tuple[str, str]] = []  # (label, id) per entry number
        self.index: dict = {}  # tuple of norm hashes -> entry number
        self.longest: dict = {}  # first norm hash -> longest pattern starting with it
        # every key and every key cut short (the first 1, 2, ... of its norms) -> (its entry
        # number or None, whether a longer key starts with it): matching stops extending a
        # candidate once it is no beginning of a longer key, instead of trying every length,
        # with one dictionary look-up per extension
        self.lookup: Dict[Tuple[int, ...], Tuple[Optional[int], bool]] = {}
        self._first_norms = _sorted_keys(())  # the keys of `longest`: where a match can start

    # --- loading --------------------------------------------------------------------------------

    def initialize(self, get_examples=None, *, nlp: Optional[Language] = None, patterns_dir: Optional[str] = None) -> None:
        folder = Path(patterns_dir) if patterns_dir else default_patterns_dir()
        compiled = folder / COMPILED_NAME
        digest = patterns_digest(folder)
        if compiled.exists():
            data = srsly.read_msgpack(compiled)
            if data.get("digest") == digest:
                self._load(data)
                return
            warnings.warn(f"{compiled} is older than the pattern files or the tokenizer rules; compiling them now (run `racefacts patterns build`)")
        else:
            warnings.warn(f"no compiled index {compiled}; compiling the patterns now (run `racefacts patterns build`)")
        self.clear()
        self.add_patterns(read_patterns(folder))

    def clear(self) -> None:
        self.entries, self.index = [], {}
        self._derive()

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Add patterns in EntityRuler's phrase format; later patterns for the same words win."""
        numbers = {entry: i for i, entry in enumerate(self.entries)}
        for pattern in patterns:
            entry = (pattern["label"], pattern.get("id") or "")
            if entry not in numbers:
                numbers[entry] = len(self.entries)
                self.entries.append(entry)
            norms = self.nlp.make_doc(pattern["pattern"]).to_array([NORM]).ravel().tolist()
            key = tuple(h for h in norms if h not in SEPARATORS)
            if key:
                self.index[key] = numbers[entry]
        self._derive()

    def compiled(self, digest: str) -> dict:
        keys = sorted(self.index)
        return {
            "format": 1,
            "digest": digest,
            "entries": [list(e) for e in self.entries],
            "keys": [list(k) for k in keys],
            "values": [self.index[k] for k in keys],
        }

    def _load(self, data: dict) -> None:
        self.entries = [tuple(e) for e in data["entries"]]
        self.index = dict(zip(map(tuple, data["keys"]), data["values"]))
        self._derive()

    def _derive(self) -> None:
        """The tables matching reads, worked out from `index`: `longest`, `lookup` and where a
        match can start."""
        self.longest = {}
        prefixes = set()
        for key in self.index:
            if len(key) > self.longest.get(key[0], 0):
                self.longest[key[0]] = len(key)
            prefixes.update(key[:i] for i in range(1, len(key)))
        self.lookup = {key: (self.index.get(key), key in prefixes) for key in prefixes.union(self.index)}
        self._first_norms = _sorted_keys(self.longest)

    # --- matching -------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.index:
            return doc
        # Arrays, not a Token object per token; and numpy finds the few words a key starts with,
        # so the Python loop below visits those only.
        columns = doc.to_array([NORM, IS_SPACE])
        kept = numpy.flatnonzero((columns[:, 1] == 0) & ~in_sorted(columns[:, 0], _SEPARATOR_KEYS))
        kept_norms = columns[kept, 0]
        starts = numpy.flatnonzero(in_sorted(kept_norms, self._first_norms)).tolist()
        positions, norms = kept.tolist(), kept_norms.tolist()
        candidates: List[Tuple[int, int, int, int]] = []  # (length, start, end, entry) per start
        texts = lexical(doc).texts
        n = len(norms)
        for k in starts:
            longest = self.longest[norms[k]]
            # the keys starting here, longest first: the first plausible one is taken
            keys = []
            for length in range(1, min(longest, n - k) + 1):
                number, extends = self.lookup.get(tuple(norms[k : k + length]), _UNKNOWN)
                if number is not None:
                    keys.append((length, number))
                if not extends:
                    break  # no longer key starts with this one
            for length, number in reversed(keys):
                start, end = positions[k], positions[k + length - 1] + 1
                if self._plausible(doc, texts, start, end, self.entries[number][0]):
                    candidates.append((length, start, end, number))
                    break
        taken = bytearray(len(doc))
        found: List[Span] = []
        for length, start, end, number in sorted(candidates, key=lambda c: (-c[0], c[1])):
            if not any(taken[start:end]):
                label, entity_id = self.entries[number]
                found.append(Span(doc, start, end, label=label, span_id=entity_id))
                taken[start:end] = b"\x01" * (end - start)
        found.sort(key=lambda s: s.start)
        if found:
            self._set_ents(doc, found)
            marks = extensions.sources(doc)
            for span in found:
                marks[extensions.span_key(span)] = "gazetteer"
        return doc

    @staticmethod
    def _plausible(doc: Doc, texts: List[str], start: int, end: int, label: str) -> bool:
        """Whether tokens [start, end) can be the `label` they spell (see the module's notes).
        `texts`, every token's text (nlp.columns.lexical), spares a Span or Token object and
        the join of its text per candidate."""
        if end - start > 1:
            if any(c.isupper() for text in texts[start:end] for c in text):
                return True
            return label == "RACE" and _a_race_in_lower_case(doc[start:end])
        text = texts[start]
        if label not in ("RIDER", "TEAM"):
            return any(c.isupper() for c in text)
        if not text[:1].isupper():
            return False
        return not (_capitalised_neighbour(doc, start, -1) or _capitalised_neighbour(doc, end - 1, 1))

    def _set_ents(self, doc: Doc, found: List[Span]) -> None:
        if self.overwrite_ents or not doc.ents:
            doc.ents = found
            return
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        doc.ents = sorted([*doc.ents, *(s for s in found if not taken.intersection(range(s.start, s.end)))], key=lambda s: s.start)

    # --- serialisation, as spaCy components do -------------------------------------------------

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / COMPILED_NAME, self.compiled(digest=""))

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> "GazetteerRuler":
        self._load(srsly.read_msgpack(Path(path) / COMPILED_NAME))
        return self


def _sorted_keys(norms: Iterable[int]) -> numpy.ndarray:
    return numpy.array(sorted(norms), dtype=numpy.uint64)


def _capitalised_neighbour(doc: Doc, i: int, step: int) -> bool:
    """Whether the word next to token i (past separators on the same line) is capitalised and no
    stop word: "Janse" glues to "Reinhardt", "Then" does not glue to "Pogačar", nor a table's
    nationality column to the team after it."""
    j = i + step
    while 0 <= j < len(doc) and (doc[j].norm in SEPARATORS or (doc[j].is_space and "\n" not in doc[j].text)):
        j += step
    if not 0 <= j < len(doc):
        return False
    token = doc[j]
    if token.is_upper and token.lower_ in words("nationality_codes"):  # a table's column: "FRA TOTALENERGIES"
        return False
    return token.is_alpha and token.text[:1].isupper() and not token.is_stop


def compile_patterns(nlp: Language, folder: Path) -> Path:
    """Compile folder's pattern files into folder/gazetteer.msgpack with the pipeline's tokenizer."""
    ruler = GazetteerRuler(nlp)
    ruler.add_patterns(read_patterns(folder))
    target = folder / COMPILED_NAME
    srsly.write_msgpack(target, ruler.compiled(patterns_digest(folder)))
    return target


@Language.factory("racefacts_gazetteer", default_config={"overwrite_ents": False}, assigns=["doc.ents"])
def make_gazetteer(nlp: Language, name: str, overwrite_ents: bool) -> GazetteerRuler:
    return GazetteerRuler(nlp, name, overwrite_ents)


def _a_race_in_lower_case(span: Span) -> bool:
    """"the world championships", "the tour de france", "strade bianche": a race named in lower
    case still has its own words; "the road race" or "a time trial" has only generic ones."""
    if any(t.lower_ in words("lowercase_race_words") for t in span):
        return True
    own = [t for t in span if t.is_alpha and not t.is_stop and t.lower_ not in words("generic_race_words")]
    return len(own) >= 2 or (len(own) == 1 and len(span) >= 3)

