"""What the fact extractors share: who a clause is about, which race, stage and classification.

An `ArticleView` wraps an annotated Doc with the article context, and answers the questions
every fact needs: the subject of the clause holding a trigger, whether the trigger is said as a
fact or as an intention ("will defend", "favourites to take", "has all but sealed"), which stage
a trigger refers to, and the classification it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..nlp.clauses import clause_end, clause_start, object_marked
from ..nlp.coref import MENTIONS_KEY
from ..nlp.extensions import referents
from ..nlp.quotations import QUOTES_KEY
from ..records import About, Evidence
from ..rules import RuleMatch, RuleSet, words

PERSON_LABELS = frozenset({"RIDER", "PERSON"})
_NOT_SUBJECTS = frozenset({"his", "her", "him", "me", "my"})


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    span: Span


@dataclass(frozen=True)
class StageRef:
    span: Span
    values: tuple[int | str, ...]


@dataclass
class Placement:
    """A classification decided for a fact at a position, remembered for the facts after it."""

    position: int
    classification: str
    foreground: bool  # about the race and stage the article reports


@dataclass
class ArticleView:
    doc: Doc
    about: About
    stage_rules: RuleSet
    cue_rules: RuleSet
    refs: dict = field(init=False)
    mentions: list[Span] = field(init=False)
    quote_index: list[int] = field(init=False)
    stage_refs: list[StageRef] = field(init=False)
    cues: list[RuleMatch] = field(init=False)
    placements: list[Placement] = field(default_factory=list)

    def __post_init__(self) -> None:
        doc = self.doc
        self.refs = referents(doc)
        self.mentions = sorted(doc.spans.get(MENTIONS_KEY, []), key=lambda s: s.start)
        self.quote_index = [-1] * len(doc)
        for qi, quote in enumerate(doc.spans.get(QUOTES_KEY, [])):
            for i in range(quote.start, quote.end):
                self.quote_index[i] = qi
        self.stage_refs = [StageRef(m.span, stage_values(m)) for m in self.stage_rules(doc)]
        self.stage_refs = [s for s in self.stage_refs if s.values]
        self.cues = self.cue_rules(doc)

    # --- people ---------------------------------------------------------------------------------

    def person(self, mention: Span) -> Person | None:
        entity_id = mention.kb_id_ or mention.id_
        ref = self.refs.get(entity_id)
        if not ref or ref.get("label") not in PERSON_LABELS:
            return None
        return Person(entity_id, ref["name"], mention)

    def rider(self, mention: Span) -> Person | None:
        person = self.person(mention)
        return person if person and self.refs[person.id]["label"] == "RIDER" else None

    def mentions_between(self, start: int, end: int) -> list[Span]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def mention_at(self, i: int) -> Span | None:
        return next((m for m in self.mentions if m.start == i), None)

    def subject(self, trigger: Span, floor: int | None = None) -> Span | None:
        """The person a clause is about: its first mention that is not an object, left of the trigger."""
        sent = trigger.sent
        start = clause_start(self.doc, trigger.start, sent.start if floor is None else floor)
        candidates = [m for m in self.mentions_between(start, trigger.start) if m.text.lower() not in _NOT_SUBJECTS]
        previous = None
        chosen = None
        for mention in candidates:
            coordinated = previous is not None and previous.end + 1 == mention.start and self.doc[previous.end].lower_ in {"and", "&"}
            # "with Van Aert finishing second": the name heads an absolute clause of its own
            absolute = mention.start > 0 and self.doc[mention.start - 1].lower_ == "with" and mention.end == trigger.start
            if not coordinated and (absolute or not object_marked(self.doc, mention, previous)):
                chosen = mention  # a coordination keeps its first name, which plural() then flags
            previous = mention
        if chosen is None and trigger.start > 0:
            # "his victory": the possessor of the trigger noun
            before = self.mention_at(trigger.start - 1)
            if before is not None and before.text.lower() in ("his", "her"):
                chosen = before
        return chosen

    def sentence_subject(self, span: Span) -> Span | None:
        sent = span.sent
        previous = None
        for mention in self.mentions_between(sent.start, sent.end):
            if mention.start >= span.start:
                break
            if not object_marked(self.doc, mention, previous):
                return mention
            previous = mention
        return None

    def plural(self, mention: Span) -> bool:
        """"Van Gils and Ulissi ...": a subject joined to another name."""
        i = mention.end
        if i + 1 >= len(self.doc) or self.doc[i].lower_ not in {"and", "&"}:
            return False
        return self.doc[i + 1].ent_type_ in ("RIDER", "PERSON", "TEAM") or self.mention_at(i + 1) is not None

    # --- modality -------------------------------------------------------------------------------

    def hypothetical(self, trigger: Span, subject: Span | None) -> bool:
        """Said as a plan, a hope, a negation or a near thing, not as what happened."""
        doc = self.doc
        sent = trigger.sent
        start = subject.end if subject is not None else clause_start(doc, trigger.start, sent.start)
        window = doc[start : trigger.start]
        lowered = [t.lower_ for t in window]
        if any(w in words("modals") or w in words("negations") for w in lowered):
            return True
        text = " " + " ".join(lowered) + " "
        if any(f" {h} " in text for h in words("hedges")):
            return True
        i = trigger.start - 1
        if i >= 1 and doc[i].lower_ == "be" and doc[i - 1].lower_ == "to":
            return True
        if i >= 1 and doc[i].lower_ == "to" and doc[i - 1].lower_ in words("intentions"):
            return True
        return False

    # --- stages and classification --------------------------------------------------------------

    def stage_refs_for(self, triggers: list[Span], trigger: Span) -> list[StageRef]:
        """Stage references in the trigger's clause that are nearer to it than to any other trigger."""
        doc = self.doc
        sent = trigger.sent
        lo = clause_start(doc, trigger.start, sent.start)
        hi = clause_end(doc, trigger.end, sent.end)
        mine = []
        for ref in self.stage_refs:
            if ref.span.start < lo or ref.span.end > hi:
                continue
            nearest = min(triggers, key=lambda t: _distance(t, ref.span))
            if nearest == trigger:
                mine.append(ref)
        return mine

    def cue_classification(self, trigger: Span, exclude: list[Span]) -> str | None:
        """The classification named nearest the trigger in its clause ("finished second overall").

        Stage references ("stage four time trial winner") name a stage, not a classification for
        the other placings around them, so they are never cues.
        """
        doc = self.doc
        sent = trigger.sent
        lo = clause_start(doc, trigger.start, sent.start)
        hi = clause_end(doc, trigger.end, sent.end)
        blocked = {i for s in [*exclude, *(r.span for r in self.stage_refs)] for i in range(s.start, s.end)}
        found = [
            c for c in self.cues
            if lo <= c.span.start and c.span.end <= hi and not blocked.intersection(range(c.span.start, c.span.end))
        ]
        if not found:
            return None
        return min(found, key=lambda c: _distance(trigger, c.span)).rule["classification"]

    def previous_classification(self, position: int) -> str | None:
        earlier = [p for p in self.placements if p.position < position and p.foreground]
        return earlier[-1].classification if earlier else None

    def default_classification(self) -> str:
        return "race" if self.about.race_type == "one-day" else "stage"

    def in_quote(self, span: Span) -> bool:
        return self.quote_index[span.start] >= 0

    # --- evidence -------------------------------------------------------------------------------

    def evidence(self, start: int, end: int) -> Evidence:
        """Offsets of tokens [start, end) into the text, and the sentence around them."""
        doc = self.doc
        span = doc[start:end]
        sentence = span.sent if start < len(doc) else span
        return Evidence(start=span.start_char, end=span.end_char, sentence=" ".join(sentence.text.split()))


def _distance(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def stage_values(match: RuleMatch) -> tuple[int | str, ...]:
    if "value" in match.rule:
        return (match.rule["value"],)
    values: list[int | str] = []
    for token in match.span:
        if token.lower_ in ("stage", "stages", "day", "leg"):
            continue
        value = token._.rf_ordinal if token._.rf_is_ordinal else token._.rf_number
        if value is not None and 0 <= value <= 30:
            values.append(value)
    return tuple(values)
