"""What the fact extractors share: who a clause is about, which race, stage and classification.

An `ArticleView` wraps an annotated Doc with the article context, and answers the questions
every fact needs: the subject of the clause holding a trigger, whether the trigger is said as a
fact or as an intention ("will defend", "favourites to take", "has all but sealed"), which stage
a trigger refers to, and the classification it belongs to.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from spacy.attrs import ENT_TYPE, IDX, IS_PUNCT
from spacy.tokens import Doc, Span

from ..nlp.clauses import clause_end, clause_start, is_boundary, object_marked
from ..nlp.columns import columns, doc_text, lexical, strings
from ..nlp.coref import MENTIONS_KEY, PERSON_LABELS
from ..nlp.extensions import referents
from ..nlp.quotations import QUOTES_KEY
from ..records import About, Evidence
from ..rules import RuleMatch, RuleSet, words
from ..text.numbers import number_value, ordinal_value

HEADING_MAX_TOKENS = 16  # a line this short, with no verb to speak of, heads what follows
CUMULATIVE_SECONDS = 10 * 3600  # no stage lasts this long: a time this long is a whole race's
MAX_STAGE = 30  # beyond it "stage 999" is a typo, not a stage
_ABSOLUTE_MAX_TOKENS = 8  # "with Onley 16 seconds behind him in second place"; longer is a clause of its own


@dataclass(frozen=True)
class Person:
    id: str  # the referent id inside the pipeline ("rider:...", or "context:..."/"person:..." for names the gazetteer lacks)
    name: str
    span: Span
    public_id: str | None  # the gazetteer id a record carries; None for names the gazetteer lacks


@dataclass(frozen=True)
class StageRef:
    span: Span
    values: tuple[int | str, ...]


@dataclass
class Placement:
    """A classification decided for a fact, remembered for the facts right after it."""

    position: int
    sentence: int
    classification: str
    foreground: bool  # about the race and stage the article reports


@dataclass
class ArticleView:
    """An annotated Doc with what every extractor reads, computed once per article.

    `about` starts empty: it is decided from this view (extractors.about) and set before the
    fact extractors run.
    """

    doc: Doc
    stage_rules: RuleSet
    cue_rules: RuleSet
    about: About = field(default_factory=About)
    refs: dict = field(init=False)
    ents: list[Span] = field(init=False)  # sorted by start, like everything below
    mentions: list[Span] = field(init=False)
    quote_index: list[int] = field(init=False)
    stage_refs: list[StageRef] = field(init=False)
    cues: list[RuleMatch] = field(init=False)
    placements: list[Placement] = field(default_factory=list)
    _ent_starts: list[int] = field(init=False, repr=False)
    _mention_starts: list[int] = field(init=False, repr=False)
    _mention_at: dict[int, Span] = field(init=False, repr=False)
    _mention_ending: dict[int, Span] = field(init=False, repr=False)
    _sentences: list[Span] = field(init=False, repr=False)
    _sentence_starts: list[int] = field(init=False, repr=False)
    _stage_ref_tokens: set[int] = field(init=False, repr=False)
    _cue_starts: list[int] = field(init=False, repr=False)
    _boundaries: list[bool | None] = field(init=False, repr=False)
    _sentence_texts: dict[tuple[int, int], str] = field(init=False, repr=False, default_factory=dict)
    _clause_bounds: dict[tuple[bool, int, int], int] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        doc = self.doc
        self.refs = referents(doc)
        self.ents = list(doc.ents)
        self._ent_starts = [e.start for e in self.ents]
        self.mentions = sorted(doc.spans.get(MENTIONS_KEY, []), key=lambda s: s.start)
        self._mention_starts = [m.start for m in self.mentions]
        self._mention_at, self._mention_ending = {}, {}
        for mention in self.mentions:
            self._mention_at.setdefault(mention.start, mention)
            self._mention_ending.setdefault(mention.end, mention)
        self.quote_index = [-1] * len(doc)
        for qi, quote in enumerate(doc.spans.get(QUOTES_KEY, [])):
            self.quote_index[quote.start : quote.end] = [qi] * len(quote)
        self.stage_refs = [StageRef(m.span, stage_values(m)) for m in self.stage_rules(doc)]
        self.stage_refs = [s for s in self.stage_refs if s.values]
        self._stage_ref_tokens = {i for ref in self.stage_refs for i in range(ref.span.start, ref.span.end)}
        self.cues = self.cue_rules(doc)
        self._cue_starts = [c.span.start for c in self.cues]
        self._boundaries = [None] * len(doc)
        self._sentences = list(doc.sents)
        self._sentence_starts = [sent.start for sent in self._sentences]

    def ents_of(self, label: str, start: int = 0, end: int | None = None) -> list[Span]:
        """Entities of a label inside tokens [start, end)."""
        end = len(self.doc) if end is None else end
        lo, hi = bisect.bisect_left(self._ent_starts, start), bisect.bisect_left(self._ent_starts, end)
        return [e for e in self.ents[lo:hi] if e.label_ == label and e.end <= end]

    def ent_of(self, label: str, span: Span) -> Span | None:
        found = self.ents_of(label, span.start, span.end)
        return found[0] if found else None

    # --- people ---------------------------------------------------------------------------------

    def person(self, mention: Span) -> Person | None:
        entity_id = mention.kb_id_ or mention.id_
        ref = self.refs.get(entity_id)
        if not ref or ref.get("label") not in PERSON_LABELS:
            return None
        return Person(entity_id, ref["name"], mention, entity_id if ref.get("in_gazetteer") else None)

    def rider(self, mention: Span) -> Person | None:
        person = self.person(mention)
        return person if person and self.refs[person.id]["label"] == "RIDER" else None

    def mentions_between(self, start: int, end: int) -> list[Span]:
        lo, hi = bisect.bisect_left(self._mention_starts, start), bisect.bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def mention_at(self, i: int) -> Span | None:
        return self._mention_at.get(i)

    def mention_ending_at(self, end: int) -> Span | None:
        return self._mention_ending.get(end)

    def subject(self, trigger: Span) -> Span | None:
        """The person a clause is about: its first name that is not an object, left of the trigger.

        A clause with no subject of its own takes the subject of the clause it hangs on
        ("..., but had not been", "since finishing third"), and a relative clause takes its
        antecedent ("Caruso, who finished third on stage 3").
        """
        possessor = self._possessor(trigger)
        if possessor is not None:
            return possessor
        floor = self.sentence(trigger.start).start
        end = trigger.start
        for _ in range(4):
            start = self.clause_start(end, floor)
            chosen = self._first_subject(start, end, trigger)
            if chosen is not None:
                return chosen
            if start <= floor:
                break
            boundary = self.lowers[start - 1]
            if boundary == "who":
                return self.name_before(start - 1)
            if boundary not in words("subject_sharing"):
                break
            end = start - 1
        return None

    def _possessor(self, trigger: Span) -> Span | None:
        """"Thomas's overall lead", "his victory on stage 2": the owner of a trigger noun."""
        i = trigger.start
        if i > 1 and self.lowers[i - 1] in ("'s", "’s"):
            return self.mention_ending_at(i - 1)
        before = self.mention_at(i - 1) if i > 0 else None
        return before if before is not None and self.span_text(before).lower() in ("his", "her") else None

    def _first_subject(self, start: int, end: int, trigger: Span) -> Span | None:
        doc, lowers = self.doc, self.lowers
        mentions = self.mentions_between(start, end)
        absolute = next((m for m in mentions if self._absolute(m, trigger)), None)
        if absolute is not None:
            return absolute
        previous = None
        for mention in mentions:
            if self.span_text(mention).lower() in words("non_subject_pronouns"):
                continue
            coordinated = previous is not None and previous.end + 1 == mention.start and lowers[previous.end] in {"and", "&"}
            possessor = mention.end < len(doc) and lowers[mention.end] in ("'s", "’s")
            if not coordinated and not possessor and not object_marked(doc, mention, previous):
                return mention  # a coordination keeps its first name, which plural() then flags
            previous = mention
        return None

    def _absolute(self, mention: Span, trigger: Span) -> bool:
        """"with Van Aert finishing second": a name after "with" heads a clause of its own."""
        doc, texts, lowers = self.doc, self.texts, self.lowers
        if mention.start == 0 or lowers[mention.start - 1] != "with" or mention.end > trigger.start:
            return False
        between = [i for i in range(mention.end, trigger.start) if not self._in_brackets(i)]
        if len(between) > _ABSOLUTE_MAX_TOKENS or any(texts[i] == "," or lowers[i] in words("absolute_clause_breaks") for i in between):
            return False  # "with Pinot (FDJ) and then dropping the Frenchman ... to victory": Pinot's clause has ended
        # "with Onley 16 seconds behind him in second place": an object inside is no subject of its own
        return not any(
            self.span_text(m).lower() not in words("non_subject_pronouns") and not object_marked(doc, m)
            for m in self.mentions_between(mention.end, trigger.start)
        )

    def _in_brackets(self, i: int) -> bool:
        """Whether token i sits inside an affiliation in brackets on its line: "Van Gils (Lotto Dstny)"."""
        texts = self.texts  # a token is a space when its text is (spaCy's IS_SPACE is str.isspace)
        j = i
        while j >= 0 and texts[j] not in ("(", ")") and not ("\n" in texts[j] and texts[j].isspace()):
            j -= 1
        if j < 0 or texts[j] != "(":
            return texts[i] == ")"
        return True

    def possessor(self, trigger: Span) -> Span | None:
        """The owner of a noun trigger ("Bernal's fifth maglia rosa"), for triggers that name no
        action and so have no subject of their own."""
        i = trigger.start
        if i > 1 and self.lowers[i - 1] in ("'s", "’s"):
            return self.mention_ending_at(i - 1)
        return None

    def name_before(self, i: int) -> Span | None:
        """The name just before token i, past a comma and an affiliation or an age: "Caruso (Bahrain
        Victorious), who", "Williams, 28, who"."""
        texts, lowers = self.texts, self.lowers  # spaCy's is_digit and is_title are str.isdigit and str.istitle
        j = i - 1
        if j >= 0 and texts[j] == ",":
            j -= 1
        if j >= 2 and texts[j].isdigit() and len(texts[j]) == 2 and texts[j - 1] == ",":
            j -= 2  # the rider's age
        if j >= 0 and texts[j] == ")":
            while j >= 0 and texts[j] != "(":
                j -= 1
            j -= 1
        team = next((e for e in self.ents_of("TEAM", max(j - 8, 0), j + 1) if e.end == j + 1), None)
        if team is not None and team.start > 0 and lowers[team.start - 1] == "of":
            j = team.start - 2
            if j >= 0 and texts[j] == ",":
                j -= 1
        elif team is None:  # "Pello Bilbao of Bahrain": a team or country the gazetteer does not name so
            k = j
            while k > j - 3 and k > 0 and texts[k].istitle() and not self.ent_types[k] in ("RIDER", "PERSON"):
                k -= 1
            if k < j and k > 0 and lowers[k] == "of" and self.mention_ending_at(k) is not None:
                j = k - 1
        return self.mention_ending_at(j + 1)

    def sentence_subject(self, span: Span) -> Span | None:
        sent = self.sentence(span.start)
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
        if i + 1 >= len(self.doc) or self.lowers[i] not in {"and", "&"}:
            return False
        return self.ent_types[i + 1] in ("RIDER", "PERSON", "TEAM") or self.mention_at(i + 1) is not None

    # --- modality -------------------------------------------------------------------------------

    def hypothetical(self, trigger: Span, subject: Span | None) -> bool:
        """Said as a plan, a hope, a negation or a near thing, not as what happened."""
        lowers = self.lowers
        sent = self.sentence(trigger.start)
        start = subject.end if subject is not None else self.clause_start(trigger.start, sent.start)
        lowered = lowers[start : trigger.start]
        if any(w in words("modals") or w in words("negations") for w in lowered):
            return True
        text = " " + " ".join(lowered) + " "
        if any(f" {h} " in text for h in words("hedges")):
            return True
        i = trigger.start - 1
        if i >= 1 and lowers[i] == "be" and lowers[i - 1] == "to":
            return True
        if i >= 1 and lowers[i] == "to" and lowers[i - 1] in words("intentions"):
            return True
        return False

    # --- stages and classification --------------------------------------------------------------

    def stage_refs_for(self, triggers: list[Span], trigger: Span) -> list[StageRef]:
        """Stage references in the trigger's clause that are nearer to it than to any other trigger."""
        sent = self.sentence(trigger.start)
        lo = self.clause_start(trigger.start, sent.start)
        hi = self.clause_end(trigger.end, sent.end)
        rivals = [t for t in triggers if lo <= t.start < hi]
        return [
            ref for ref in self.stage_refs
            if lo <= ref.span.start and ref.span.end <= hi and min(rivals, key=lambda t: _distance(t, ref.span)) == trigger
        ]

    def cue_classification(self, trigger: Span, exclude: list[Span]) -> str | None:
        """The classification named nearest the trigger in its clause ("finished second overall").

        Stage references ("stage four time trial winner") name a stage, not a classification for
        the other placings around them, so they are never cues.
        """
        sent = self.sentence(trigger.start)
        lo = self.clause_start(trigger.start, sent.start)
        hi = self.clause_end(trigger.end, sent.end)
        blocked = self._stage_ref_tokens.union(*(range(s.start, s.end) for s in exclude))
        first, last = bisect.bisect_left(self._cue_starts, lo), bisect.bisect_left(self._cue_starts, hi)
        quoted = self.in_quote(trigger)
        found = [
            c for c in self.cues[first:last]
            if c.span.end <= hi and not blocked.intersection(range(c.span.start, c.span.end)) and self.in_quote(c.span) == quoted
        ]
        if not found:
            return None
        return min(found, key=lambda c: _distance(trigger, c.span)).rule["classification"]

    # --- clauses --------------------------------------------------------------------------------
    # Triggers near each other share clauses, so the view remembers which tokens end one.

    def is_boundary(self, i: int) -> bool:
        """clauses.is_boundary of token i, remembered."""
        known = self._boundaries[i]
        if known is None:
            known = self._boundaries[i] = is_boundary(self.doc, i)
        return known

    def clause_start(self, i: int, floor: int) -> int:
        """clauses.clause_start, remembered: each fact asks it of its trigger several times."""
        found = self._clause_bounds.get((False, i, floor))
        if found is None:
            found = self._clause_bounds[(False, i, floor)] = clause_start(self.doc, i, floor, self.is_boundary)
        return found

    def clause_end(self, i: int, ceiling: int) -> int:
        """clauses.clause_end, remembered."""
        found = self._clause_bounds.get((True, i, ceiling))
        if found is None:
            found = self._clause_bounds[(True, i, ceiling)] = clause_end(self.doc, i, ceiling, self.is_boundary)
        return found

    def sentence(self, i: int) -> Span:
        """The sentence holding token i, as `doc[i].sent` gives it: spaCy's `.sent` checks the
        whole doc for sentence annotation on every call, the view looks it up."""
        return self._sentences[self.sentence_index(i)]

    def sentence_index(self, position: int) -> int:
        return bisect.bisect_right(self._sentence_starts, position) - 1

    def race_total_in_sentence(self, span: Span) -> bool:
        """Whether the sentence of `span` gives a time only a whole stage race takes ("secured
        victory in 21 hours 25 minutes"): what it says is said of the general classification."""
        sent = self.sentence(span.start)
        durations, values = self.durations, self.duration_values
        return any(
            (values[k] or 0) >= CUMULATIVE_SECONDS and not self.in_quote(durations[k]) for k in self.durations_starting(sent.start, sent.end)
        )

    def sentence_start(self, index: int) -> int | None:
        """The first token of sentence `index`, None before the first."""
        return self._sentence_starts[index] if 0 <= index < len(self._sentence_starts) else None

    def previous_classification(self, position: int) -> str | None:
        """The classification of the last placing about today's race, in this or the previous
        sentence: "finishing second overall. ... finished in seventh place" goes on with GC."""
        sentence = self.sentence_index(position)
        for placement in reversed(self.placements):  # they are added in reading order
            if placement.sentence < sentence - 1:
                break
            if placement.position < position and placement.foreground:
                return placement.classification
        return None

    def previous_sentence_cue(self, position: int) -> str | None:
        """The last classification named outside quotes in the sentence before: "Vos moved six seconds
        ahead in the general classification. Ferrand-Prévot completed the top three" is the GC."""
        sentence = self.sentence_index(position)
        if sentence < 1:
            return None
        lo = self._sentence_starts[sentence - 1]
        hi = self._sentence_starts[sentence]
        first, last = bisect.bisect_left(self._cue_starts, lo), bisect.bisect_left(self._cue_starts, hi)
        found = [
            c for c in self.cues[first:last]
            if not self.in_quote(c.span) and not self._stage_ref_tokens.intersection(range(c.span.start, c.span.end))
        ]
        return found[-1].rule["classification"] if found else None

    def before_the_stage(self, span: Span) -> bool:
        """Said of the standings before the reported stage: "had started the day with a 22-second cushion"."""
        texts = self.texts
        sent = self.sentence(span.start)
        lo = self.clause_start(span.start, sent.start)
        hi = span.end  # to the end of the clause or the next comma, whichever is first
        while hi < sent.end and texts[hi] != "," and not self.is_boundary(hi):
            hi += 1
        text = " ".join(self.lowers[lo:hi])
        return any(phrase in text for phrase in words("before_stage"))

    def default_classification(self) -> str:
        """What a placing with no cue is a placing in: the race of a one-day race; of a stage race,
        the stage, unless the article never speaks of stages ("Vinokourov has taken the gold
        in the Vuelta ... Kashechkin was third" is the final overall)."""
        if self.about.race_type == "one-day":
            return "race"
        if self.about.race_type == "stage" and self.about.stage is None and not self._speaks_of_stages:
            return "gc"
        return "stage"

    @cached_property
    def _speaks_of_stages(self) -> bool:
        return bool(self.stage_refs) or not words("stage_words").isdisjoint(self.lowers)

    # --- tokens as plain lists ------------------------------------------------------------------
    # Loops over many tokens read these by index: `doc[i]` makes a Token object on every call.

    @cached_property
    def text(self) -> str:
        """doc.text; a span's text is `view.text[span.start_char : span.end_char]`."""
        return doc_text(self.doc)

    @cached_property
    def texts(self) -> list[str]:
        return lexical(self.doc).texts

    @cached_property
    def lowers(self) -> list[str]:
        return lexical(self.doc).lowers

    @cached_property
    def ent_types(self) -> list[str]:
        """Every token's entity label ("" outside entities): the extractors set no entities."""
        return strings(self.doc, ENT_TYPE)

    @cached_property
    def char_offsets(self) -> list[int]:
        """Every token's offset into the text (`token.idx`)."""
        return columns(self.doc, (IDX,))[0]

    @cached_property
    def puncts(self) -> list[int]:
        """Every token's IS_PUNCT."""
        return columns(self.doc, (IS_PUNCT,))[0]

    def span_text(self, span: Span) -> str:
        """`span.text`, sliced from the doc's text: Span.text joins a Token object per token."""
        return self.text[span.start_char : span.end_char]

    @cached_property
    def race_names(self) -> dict[str, list[str]]:
        """The names the article writes each race by (entity id -> names in reading order, spaces
        normalised): placings name races again and again."""
        out: dict[str, list[str]] = {}
        for race in self.ents_of("RACE"):
            out.setdefault(race.id_, []).append(" ".join(self.span_text(race).split()))
        return out

    @cached_property
    def durations(self) -> list[Span]:
        """doc.spans["durations"], in reading order as racefacts_measures sets them: a SpanGroup
        makes its Span objects anew on every read."""
        return list(self.doc.spans.get("durations", []))

    @cached_property
    def duration_values(self) -> list[int | None]:
        """The `_.rf_value` of each duration: a custom attribute is read through spaCy's extension
        machinery, and rows and placings look at the durations near them again and again."""
        return [d._.rf_value for d in self.durations]

    @cached_property
    def _duration_starts(self) -> list[int]:
        return [d.start for d in self.durations]

    def durations_starting(self, start: int, end: int) -> range:
        """The indices of the durations that start inside tokens [start, end)."""
        return range(bisect.bisect_left(self._duration_starts, start), bisect.bisect_left(self._duration_starts, end))

    @cached_property
    def digit_tokens(self) -> list[int]:
        """The tokens written in digits only ("3", "2019"), in order: ranks and years. (`as_int`'s
        test, inline: it runs on every token, and most are no number.)"""
        return [i for i, text in enumerate(self.texts) if text.isdecimal() and text.isascii()]

    def in_quote(self, span: Span) -> bool:
        return self.quote_index[span.start] >= 0

    # --- evidence -------------------------------------------------------------------------------

    def evidence(self, start: int, end: int) -> Evidence:
        """Offsets of tokens [start, end) into the text, and the sentence(s) around them: a quotation
        over two paragraphs spans two sentences."""
        if end > start:  # the offsets a Span would give, without making one
            start_char, end_char = self.char_offsets[start], self.char_offsets[end - 1] + len(self.texts[end - 1])
        else:
            span = self.doc[start:end]
            start_char, end_char = span.start_char, span.end_char
        first, last = self.sentence(start), self.sentence(max(end - 1, start))
        sentence = self._sentence_texts.get((first.start, last.end))
        if sentence is None:  # facts share sentences: each is read and normalised once
            # sliced from the doc's text: Span.text joins a Token object per token
            text = self.text[first.start_char : last.end_char]
            sentence = self._sentence_texts[(first.start, last.end)] = " ".join(text.split())
        return Evidence(start=start_char, end=end_char, sentence=sentence)


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
    texts, lowers = lexical(match.span.doc)  # `_.rf_ordinal` and `_.rf_number`, without the extension machinery
    for i in range(match.span.start, match.span.end):
        if lowers[i] in ("stage", "stages", "day", "leg"):
            continue
        ordinal = ordinal_value(texts[i])
        value = ordinal if ordinal is not None else number_value(texts[i])
        if value is not None and 1 <= value <= MAX_STAGE:
            values.append(value)
    return tuple(values)
