"""Component: who each person reference in the article is.

Reports name a rider once and then write "he", "the 25-year-old", "the Astana rider", or
quote him with `," he said.` This component reads the article in order, as a reader does:

1. affiliations: "Maxim Van Gils (Lotto Dstny)", "Cofidis rider Jesús Herrada";
2. speakers: the name, pronoun or description its attribution holds (nlp/attribution.py:
   before, after or between quotations, a `Name:` interview line); for a quotation with none,
   the speaker of the speech it continues (the same paragraph, the next one, answers between
   interview questions), the person an introduction names (`he spoke about ...` before a block
   of answers), or, for first-person speech, the person the sentence before it is about or the
   last speaker, unless the speech names them. An unknown name found by its place in an
   attribution becomes a PERSON entity: team managers and organisers speak too;
3. references: pronouns and descriptions resolve to the most salient person that fits them
   (a description naming a team or a nationality must agree with what is known of the person),
   and "I", "me", "my" inside a quotation resolve to its speaker.

Every resolved reference, named or not, goes to `doc.spans["mentions"]` with the person's id
as `kb_id`, and each quotation's speaker id is set as the `kb_id` of its span.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..rules import RuleMatch, RuleSet, demonyms, word_ids, words
from ..text.fold import slug
from ..text.quotations import MARKS
from . import extensions
from .clauses import object_marked
from .attribution import DASHES, Attributions, inline_space, name_like, name_like_tokens
from .columns import columns, lexical, line_breaks
from .extensions import referents, sources, span_key
from .quotations import PERSON_LABELS, QUOTES_KEY, quote_kind

MENTIONS_KEY = "mentions"
HISTORY = 8
BLOCK_KINDS = frozenset({"dash", "answer", "labelled"})  # unmarked speech an introduction may attribute
MAX_SPEECH_DISTANCE = 3  # paragraphs over which unattributed first-person speech keeps the last speaker


@dataclass
class _Reference:
    span: Span
    kind: str  # "name", "pronoun" or "description"
    rule: RuleMatch | None = None


class Coreference:
    def __init__(self, nlp: Language, name: str = "racefacts_coref") -> None:
        extensions.register()
        self.name = name
        self.descriptions = RuleSet(nlp.vocab, "descriptions")

    def __call__(self, doc: Doc) -> Doc:
        refs = referents(doc)
        lower_ids, spaces, puncts = columns(doc, (LOWER, IS_SPACE, IS_PUNCT))  # read per token below
        quotes = list(doc.spans.get(QUOTES_KEY, []))
        inside = [-1] * len(doc)
        for qi, quote in enumerate(quotes):
            inside[quote.start : quote.end] = [qi] * len(quote)
        descriptions = [m for m in self.descriptions(doc) if inside[m.span.start] < 0 and not self._apposition(doc, m.span)]
        ents = list(doc.ents)  # read once while unchanged: spaCy makes the Span objects anew on every read
        people = {e.start: e for e in ents if e.label_ in PERSON_LABELS}
        paragraphs = _paragraph_bounds(doc)
        paragraph = _paragraph_index(paragraphs)
        finder = Attributions(doc, quotes, descriptions, people)
        attributions = [finder.direct(q) for q in quotes]
        introductions = [
            finder.introduction(q, paragraph, named=quote_kind(q) == "answer") if attributions[qi] is None and quote_kind(q) in BLOCK_KINDS else None
            for qi, q in enumerate(quotes)
        ]
        ents = self._add_people(doc, [a for a in attributions + introductions if a is not None], refs, name_like_tokens(doc), ents)
        people = {e.start: e for e in ents if e.label_ in PERSON_LABELS}
        teams = [e for e in ents if e.label_ == "TEAM"]
        self._affiliations(doc, ents, refs)

        sentences = list(doc.sents)
        sentence_of = [0] * len(doc)
        for k, sent in enumerate(sentences):
            sentence_of[sent.start : sent.end] = [k] * len(sent)
        by_sentence: list[list[_Reference]] = [[] for _ in sentences]
        for start, ent in people.items():
            if inside[start] < 0:
                by_sentence[sentence_of[start]].append(_Reference(ent, "name"))
        for match in descriptions:
            by_sentence[sentence_of[match.span.start]].append(_Reference(match.span, "description", match))
        quotes_in: list[list[int]] = [[] for _ in sentences]
        for qi, quote in enumerate(quotes):
            quotes_in[sentence_of[quote.start]].append(qi)
        speech_only = _speech_only_paragraphs(paragraphs, inside, spaces, puncts)
        context = _QuoteContext(doc, quotes, inside, paragraph, sentences, attributions, introductions, people, refs, speech_only)

        resolved: dict[int, str] = {}  # token index -> referent id, for references already settled
        mentions: list[Span] = []
        speakers = context.speakers
        history: list[str] = []
        for k, sent in enumerate(sentences):
            references = self._references(doc, sent, inside, by_sentence[k], lower_ids)
            sentence_ids: list[tuple[Span, str]] = []
            for ref in references:
                entity_id = resolved.get(ref.span.start) or self._resolve(ref, sentence_ids, history, refs, teams)
                if entity_id:
                    resolved[ref.span.start] = entity_id
                    sentence_ids.append((ref.span, entity_id))
            for qi in quotes_in[k]:
                speakers[qi] = self._speaker(qi, context, sentence_ids, history, resolved, descriptions, teams)
            for span, entity_id in sentence_ids:
                mentions.append(_mention(doc, span, entity_id, refs))
            subject = next((s for s, (span, _) in enumerate(sentence_ids) if not object_marked(doc, span)), None)
            ordered = [eid for _, eid in sentence_ids]
            if subject is not None:
                ordered.append(ordered[subject])
            context.last_person.append(sentence_ids[-1][1] if sentence_ids else None)
            ordered += [speakers[qi] for qi in quotes_in[k] if speakers[qi] and not ordered]
            for entity_id in ordered:
                if entity_id in history:
                    history.remove(entity_id)
                history.append(entity_id)
            del history[:-HISTORY]

        first_person = word_ids("first_person")
        for qi, quote in enumerate(quotes):
            speaker = speakers[qi]
            if speaker is None:
                continue
            for i in range(quote.start, quote.end):
                if lower_ids[i] in first_person:
                    mentions.append(_mention(doc, doc[i : i + 1], speaker, refs))
        doc.spans[MENTIONS_KEY] = sorted(mentions, key=lambda s: s.start)
        doc.spans[QUOTES_KEY] = [Span(doc, q.start, q.end, label=q.label_, kb_id=speakers[qi] or "") for qi, q in enumerate(quotes)]
        return doc

    # --- references -------------------------------------------------------------------------

    def _references(self, doc: Doc, sent: Span, inside: list[int], candidates: list[_Reference], lower_ids: list[int]) -> list[_Reference]:
        """Names and descriptions of the sentence (names win where they overlap), and pronouns
        (`lower_ids`: every token's LOWER)."""
        found = [r for r in candidates if r.kind == "name"]
        taken = {i for r in found for i in range(r.span.start, r.span.end)}
        for ref in candidates:
            if ref.kind == "description" and not taken.intersection(range(ref.span.start, ref.span.end)):
                found.append(ref)
                taken.update(range(ref.span.start, ref.span.end))
        third_person = word_ids("third_person")
        for i in range(sent.start, sent.end):
            if lower_ids[i] in third_person and inside[i] < 0 and i not in taken:
                found.append(_Reference(doc[i : i + 1], "pronoun"))
        return sorted(found, key=lambda r: r.span.start)

    def _resolve(self, ref: _Reference, before: list[tuple[Span, str]], history: list[str], refs: dict, teams: list[Span]) -> str | None:
        if ref.kind == "name":
            return ref.span.id_ or None
        if ref.kind == "pronoun":
            earlier = [eid for span, eid in before if span.start < ref.span.start]
            if earlier:
                return earlier[-1]
            return history[-1] if history else None
        return self._resolve_description(ref.rule, history, refs, teams)

    @staticmethod
    def _resolve_description(match: RuleMatch | None, history: list[str], refs: dict, teams: list[Span]) -> str | None:
        if match is None:
            return None
        team = next((e for e in teams if match.span.start <= e.start < match.span.end), None)
        nationality = next((demonyms()[t.lower_] for t in match.span if t.lower_ in demonyms()), None)

        def agrees(entity_id: str, strict: bool) -> bool:
            ref = refs.get(entity_id, {})
            for key, wanted in (("team_id", team.id_ if team is not None else None), ("nationality", nationality)):
                if wanted is None:
                    continue
                known = ref.get(key)
                if known != wanted and (strict or known is not None):
                    return False
            return True

        for strict in (True, False):
            for entity_id in reversed(history):
                if agrees(entity_id, strict):
                    if team is not None and not refs[entity_id].get("team_id"):
                        refs[entity_id]["team"], refs[entity_id]["team_id"] = team.text, team.id_
                    return entity_id
        return None

    def _apposition(self, doc: Doc, span: Span) -> bool:
        """"the stage winner Giacomo Nizzolo": a description followed by the name it describes."""
        return span.end < len(doc) and doc[span.end].ent_type_ in PERSON_LABELS

    # --- speakers -----------------------------------------------------------------------------

    def _add_people(self, doc: Doc, speakers: list[Span], refs: dict, names: list[bool], ents: list[Span]) -> list[Span]:
        """Speakers the gazetteer does not know become PERSON entities, under the fullest name
        the article gives them: `Abenov told` after "Nurlan Abenov, the head of performance".
        `names`: whether each token is `name_like`; `ents`: the doc's entities. Returns them, with
        the people added."""
        ents = list(ents)
        taken = {i for e in ents for i in range(e.start, e.end)}
        full_names = _full_names(doc, taken, names)
        added = False
        for span in speakers:
            if span.label_ or len(span) == 0 or not all(name_like(t) for t in span) or taken.intersection(range(span.start, span.end)):
                continue
            fullest = _fullest(span, full_names.get(span[-1].lower_, []))
            name = fullest.text if fullest is not None and len(fullest) > len(span) else span.text
            entity_id = f"person:{slug(name)}"
            refs.setdefault(entity_id, {"id": entity_id, "label": "PERSON", "name": name, "canonical": None, "in_gazetteer": False})
            for mention in (span, fullest):
                if mention is None or taken.intersection(range(mention.start, mention.end)):
                    continue
                person = Span(doc, mention.start, mention.end, label="PERSON", span_id=entity_id)
                ents.append(person)
                taken.update(range(mention.start, mention.end))
                sources(doc)[span_key(person)] = "attribution"
            added = True
        if added:
            doc.ents = sorted(ents, key=lambda e: e.start)
            for ent in doc.ents:  # a surname used alone elsewhere in the article
                if ent.label_ == "PERSON" and ent.id_ in refs and len(ent.text.split()) > len(refs[ent.id_]["name"].split()):
                    refs[ent.id_]["name"] = ent.text
            return list(doc.ents)
        return ents

    def _speaker(self, qi: int, context: _QuoteContext, sentence_ids: list[tuple[Span, str]], history: list[str],
                 resolved: dict[int, str], descriptions: list[RuleMatch], teams: list[Span]) -> str | None:
        """Who says quotation qi: its attribution; else the speaker of the speech it continues;
        else the person an introduction names; else, for speech in the first person, the
        person the paragraph is about or the last speaker (not if the speech names them)."""
        quote = context.quotes[qi]
        kind = quote_kind(quote)
        if kind == "question":
            return None
        attribution = context.attributions[qi]
        if attribution is not None:
            return self._resolve_attribution(attribution, quote, sentence_ids, history, resolved, descriptions, teams, context)
        previous = context.previous_speech(qi)
        if previous is not None and context.speakers[previous] and context.continues(previous, qi):
            return context.speakers[previous]
        introduction = context.introductions[qi]
        if introduction is not None:
            speaker = self._resolve_attribution(introduction, quote, [], history, resolved, descriptions, teams, context)
            if speaker:
                return speaker
        if not context.first_person(quote):
            return None
        candidate = context.lead_in_subject(qi) or context.colon_subject(qi, sentence_ids)
        if candidate is None and previous is not None and context.opens_paragraph(qi) and context.near(previous, qi):
            candidate = context.speakers[previous]
        if candidate and not context.names(quote, candidate):
            return candidate
        return None

    def _resolve_attribution(self, attribution: Span, quote: Span, sentence_ids: list[tuple[Span, str]], history: list[str],
                             resolved: dict[int, str], descriptions: list[RuleMatch], teams: list[Span], context: _QuoteContext) -> str | None:
        if attribution.start in resolved:
            return resolved[attribution.start]
        ent = context.people.get(attribution.start)
        if ent is not None:
            return ent.id_ or None
        if attribution[0].lower_ in words("subject_pronouns"):
            earlier = [eid for span, eid in sentence_ids if span.start < quote.start]
            speaker = earlier[-1] if earlier else (history[-1] if history else None)
        else:
            match = next((m for m in descriptions if m.span.start == attribution.start), None)
            speaker = self._resolve_description(match, history, context.refs, teams)
        if speaker:
            resolved[attribution.start] = speaker
        return speaker

    # --- affiliations -------------------------------------------------------------------------

    @staticmethod
    def _affiliations(doc: Doc, ents: list[Span], refs: dict) -> None:
        """Team of a rider from "Name (Team)" and "Team rider Name"."""
        rider_nouns = words("rider_nouns")
        texts, lowers = lexical(doc)  # spaCy's is_upper and is_title are the str methods
        for k, ent in enumerate(ents):
            if ent.label_ != "RIDER" or not ent.id_:
                continue
            team = None
            following = ents[k + 1] if k + 1 < len(ents) else None
            if following is not None and following.label_ == "TEAM" and following.start > ent.end and texts[ent.end] == "(":
                between = texts[ent.end + 1 : following.start]
                if all(t in {"/", "-"} or t.isupper() or t.istitle() for t in between) and len(between) <= 3:
                    team = following
            previous = ents[k - 1] if k > 0 else None
            if team is None and previous is not None and previous.label_ == "TEAM":
                between = lowers[previous.end : ent.start]
                if len(between) <= 2 and all(w in rider_nouns or w in {"'s", "’s"} for w in between):
                    team = previous
            if team is not None and not refs.get(ent.id_, {}).get("team_id"):
                ref = refs.setdefault(ent.id_, {"id": ent.id_, "label": "RIDER", "name": ent.text, "canonical": None})
                ref["team"], ref["team_id"] = team.text, team.id_


class _QuoteContext:
    """What speaker attribution needs to know of the quotations around one: their kinds,
    paragraphs and speakers so far, and the last person each sentence read so far names."""

    def __init__(self, doc: Doc, quotes: list[Span], inside: list[int], paragraph: list[int], sentences: list[Span],
                 attributions: list[Span | None], introductions: list[Span | None], people: dict[int, Span], refs: dict,
                 speech_only: list[bool]) -> None:
        self.doc, self.quotes, self.inside, self.paragraph = doc, quotes, inside, paragraph
        self.sentences = sentences
        self.attributions, self.introductions = attributions, introductions
        self.people, self.refs = people, refs
        self.speakers: list[str | None] = [None] * len(quotes)
        self.last_person: list[str | None] = []  # per sentence read: the last person it names
        self._speech_only = speech_only  # per paragraph

    def previous_speech(self, qi: int) -> int | None:
        """The quotation before qi that is speech, not an interviewer's question."""
        return next((p for p in range(qi - 1, -1, -1) if quote_kind(self.quotes[p]) != "question"), None)

    def continues(self, previous: int, qi: int) -> bool:
        """Speech qi goes on with speech `previous`: in the same paragraph (`"...," explained
        Lutsenko. "...`), or in the next one with nobody else named between (`"...," he said.` /
        `"Now we go ..."`), or after interview questions only."""
        before, quote = self.quotes[previous], self.quotes[qi]
        first, last = self.paragraph[before.end - 1], self.paragraph[quote.start]
        if first == last:
            return True
        if any(not self._speech_only[p] for p in range(first + 1, last)):
            return False
        speaker = self.speakers[previous]
        between = [e for e in self.people.values() if before.end <= e.start < quote.start and self.inside[e.start] < 0]
        return all(e.id_ == speaker for e in between)

    def near(self, previous: int, qi: int) -> bool:
        return self.paragraph[self.quotes[qi].start] - self.paragraph[self.quotes[previous].end - 1] <= MAX_SPEECH_DISTANCE

    def opens_paragraph(self, qi: int) -> bool:
        doc, i = self.doc, self.quotes[qi].start - 1
        while i >= 0 and (doc[i].text in MARKS or doc[i].text in DASHES):
            i -= 1
        return i < 0 or (doc[i].is_space and "\n" in doc[i].text)

    def lead_in_subject(self, qi: int) -> str | None:
        """`Van Aert faced losing the lead he had taken. "I had a really hard time."`: speech
        opening a sentence after one about a person, in the same paragraph, is that person's
        (the one named last, closest to the speech)."""
        quote = self.quotes[qi]
        k = self._sentence_number(quote.sent.start)
        if quote.start > self._words_start(k):
            return None
        k -= 1
        while k >= 0 and self._words_start(k) >= self.sentences[k].end:
            k -= 1  # a sentence of marks alone: the opening mark of this very speech
        if k < 0 or k >= len(self.last_person) or self.paragraph[self.sentences[k].start] != self.paragraph[quote.start]:
            return None
        if any(self.inside[i] >= 0 for i in range(self.sentences[k].start, self.sentences[k].end)):
            return None
        return self.last_person[k]

    def colon_subject(self, qi: int, sentence_ids: list[tuple[Span, str]]) -> str | None:
        """`Pogačar was clear about his goals: "I want to win the Tour."`: first-person speech
        after a colon is the clause subject's."""
        quote, doc = self.quotes[qi], self.doc
        i = quote.start - 1
        while i >= 0 and (doc[i].text in MARKS or inline_space(doc[i])):
            i -= 1
        if i < 0 or doc[i].text != ":":
            return None
        before = [(span, eid) for span, eid in sentence_ids if span.end <= i]
        subject = next((eid for span, eid in before if not object_marked(doc, span)), None)
        return subject

    def _sentence_number(self, start: int) -> int:
        return bisect.bisect_right([s.start for s in self.sentences], start) - 1

    def _words_start(self, k: int) -> int:
        """The first token of sentence k that is not a mark or a space."""
        i, sent = self.sentences[k].start, self.sentences[k]
        while i < sent.end and (self.doc[i].text in MARKS or self.doc[i].is_space):
            i += 1
        return i

    def first_person(self, quote: Span) -> bool:
        lowers = lexical(self.doc).lowers
        return any(w in words("first_person") or w in words("first_person_plural") for w in lowers[quote.start : quote.end])

    def names(self, quote: Span, entity_id: str) -> bool:
        """Whether the speech names the person: then it is about them, not theirs."""
        if any(e.id_ == entity_id for e in self.people.values() if quote.start <= e.start < quote.end):
            return True
        name = {w.lower() for w in self.refs.get(entity_id, {}).get("name", "").split()}
        return any(t.is_title and t.lower_ in name for t in quote)


def _full_names(doc: Doc, taken: set[int], names: list[bool]) -> dict[str, list[Span]]:
    """Names no entity claims, of two or three capitalised words (`names`: whether each token is
    `name_like`), by their last word (the surname), in the order the article gives them."""
    found: dict[str, list[Span]] = {}
    n = len(doc)
    i = 0
    while i < n:
        end = i
        while end < n and end - i < 3 and names[end] and end not in taken:
            end += 1
        if end - i >= 2:
            span = doc[i:end]
            found.setdefault(span[-1].lower_, []).append(span)
            i = end
        else:
            i += 1
    return found


def _fullest(span: Span, names: list[Span]) -> Span | None:
    """The first of the longest names that can be the person `span` names: those it ends, word
    for word ("Abenov" or "Nurlan Abenov" of "Nurlan Abenov"), so that no given name conflicts
    ("Marc Brenkovar" is not "Yvon Brenkovar")."""
    words = [t.lower_ for t in span]
    fitting = [name for name in names if [t.lower_ for t in name][-len(words) :] == words]
    return max(fitting, key=len, default=None)


def _paragraph_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Tokens [start, end) of each paragraph; a paragraph holds the line break that ends it.
    (From the doc's line breaks: a look at every token's text costs a Token object each.)"""
    bounds, start = [], 0
    for brk in line_breaks(doc):
        bounds.append((start, brk + 1))
        start = brk + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds


def _paragraph_index(bounds: list[tuple[int, int]]) -> list[int]:
    """Each token's paragraph number."""
    index: list[int] = []
    for number, (start, end) in enumerate(bounds):
        index.extend([number] * (end - start))
    return index


def _speech_only_paragraphs(bounds: list[tuple[int, int]], inside: list[int], spaces: list[int], puncts: list[int]) -> list[bool]:
    """Per paragraph: whether it holds nothing but speech (an interviewer's question, say).
    `spaces`, `puncts`: every token's IS_SPACE and IS_PUNCT. Most paragraphs give a word of
    narration early, where the test for them stops."""
    return [all(spaces[i] or puncts[i] or inside[i] >= 0 for i in range(start, end)) for start, end in bounds]


def _mention(doc: Doc, span: Span, entity_id: str, refs: dict) -> Span:
    label = refs.get(entity_id, {}).get("label", "PERSON")
    return Span(doc, span.start, span.end, label=label, kb_id=entity_id)


@Language.factory("racefacts_coref", requires=["doc.ents", "doc.sents"])
def make_coref(nlp: Language, name: str) -> Coreference:
    return Coreference(nlp, name)
