"""Component: who each person reference in the article is.

Reports name a rider once and then write "he", "the 25-year-old", "the Astana rider", or
quote him with `," he said.` This component reads the article in order, as a reader does:

1. affiliations: "Maxim Van Gils (Lotto Dstny)", "Cofidis rider Jesús Herrada";
2. speakers: the name or pronoun attached to each quotation by a speech verb (before, after
   or between quotations), or, for a quotation with none, the speaker of the quotation it
   continues; an unknown name after a speech verb becomes a PERSON entity;
3. references: pronouns and descriptions resolve to the most salient person that fits them
   (a description naming a team or a nationality must agree with what is known of the person),
   and "I", "me", "my" inside a quotation resolve to its speaker.

Every resolved reference, named or not, goes to `doc.spans["mentions"]` with the person's id
as `kb_id`, and each quotation's speaker id is set as the `kb_id` of its span.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..rules import RuleMatch, RuleSet, demonyms, words
from ..text.fold import slug
from ..text.quotations import MARKS
from . import extensions
from .clauses import object_marked
from .extensions import referents, sources, span_key
from .quotations import QUOTES_KEY

MENTIONS_KEY = "mentions"
PERSON_LABELS = frozenset({"RIDER", "PERSON"})
HISTORY = 8


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
        quotes = list(doc.spans.get(QUOTES_KEY, []))
        inside = [-1] * len(doc)
        for qi, quote in enumerate(quotes):
            for i in range(quote.start, quote.end):
                inside[i] = qi
        descriptions = [m for m in self.descriptions(doc) if inside[m.span.start] < 0 and not self._apposition(doc, m.span)]
        people = {e.start: e for e in doc.ents if e.label_ in PERSON_LABELS}
        attributions = [self._attribution(doc, q, descriptions, people) for q in quotes]
        self._add_people(doc, [a for a in attributions if a is not None], refs)
        ents = list(doc.ents)
        people = {e.start: e for e in ents if e.label_ in PERSON_LABELS}
        teams = [e for e in ents if e.label_ == "TEAM"]
        self._affiliations(doc, ents, refs)

        paragraph = _paragraph_index(doc)
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

        resolved: dict[int, str] = {}  # token index -> referent id, for references already settled
        mentions: list[Span] = []
        speakers: list[str | None] = [None] * len(quotes)
        history: list[str] = []
        for k, sent in enumerate(sentences):
            references = self._references(doc, sent, inside, by_sentence[k])
            sentence_ids: list[tuple[Span, str]] = []
            for ref in references:
                entity_id = resolved.get(ref.span.start) or self._resolve(ref, sentence_ids, history, refs, teams)
                if entity_id:
                    resolved[ref.span.start] = entity_id
                    sentence_ids.append((ref.span, entity_id))
            for qi in quotes_in[k]:
                speakers[qi] = self._speaker(doc, qi, quotes, attributions, speakers, paragraph, sentence_ids, history, refs, resolved, descriptions, people, teams)
            for span, entity_id in sentence_ids:
                mentions.append(_mention(doc, span, entity_id, refs))
            subject = next((s for s, (span, _) in enumerate(sentence_ids) if not object_marked(doc, span)), None)
            ordered = [eid for _, eid in sentence_ids]
            if subject is not None:
                ordered.append(ordered[subject])
            ordered += [speakers[qi] for qi in quotes_in[k] if speakers[qi] and not ordered]
            for entity_id in ordered:
                if entity_id in history:
                    history.remove(entity_id)
                history.append(entity_id)
            del history[:-HISTORY]

        for qi, quote in enumerate(quotes):
            speaker = speakers[qi]
            if speaker is None:
                continue
            for token in quote:
                if token.lower_ in words("first_person"):
                    mentions.append(_mention(doc, doc[token.i : token.i + 1], speaker, refs))
        doc.spans[MENTIONS_KEY] = sorted(mentions, key=lambda s: s.start)
        doc.spans[QUOTES_KEY] = [Span(doc, q.start, q.end, label="QUOTE", kb_id=speakers[qi] or "") for qi, q in enumerate(quotes)]
        return doc

    # --- references -------------------------------------------------------------------------

    def _references(self, doc: Doc, sent: Span, inside: list[int], candidates: list[_Reference]) -> list[_Reference]:
        """Names and descriptions of the sentence (names win where they overlap), and pronouns."""
        found = [r for r in candidates if r.kind == "name"]
        taken = {i for r in found for i in range(r.span.start, r.span.end)}
        for ref in candidates:
            if ref.kind == "description" and not taken.intersection(range(ref.span.start, ref.span.end)):
                found.append(ref)
                taken.update(range(ref.span.start, ref.span.end))
        for token in sent:
            if token.lower_ in words("third_person") and inside[token.i] < 0 and token.i not in taken:
                found.append(_Reference(doc[token.i : token.i + 1], "pronoun"))
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

    def _attribution(self, doc: Doc, quote: Span, descriptions: list[RuleMatch], people: dict[int, Span]) -> Span | None:
        """The name, pronoun or description a speech verb attaches to a quotation."""
        speech = words("speech_verbs")
        i = quote.end
        while i < len(doc) and (doc[i].text in MARKS or doc[i].text in {",", "-", "–", "—"} or (doc[i].is_space and "\n" not in doc[i].text)):
            i += 1
        if i < len(doc):
            if doc[i].lower_ in speech:
                j = i + 1  # past a role: "said team manager X", "said SD Worx sports director X"
                while j < min(i + 7, len(doc)) and (
                    (doc[j].is_alpha and doc[j].is_lower and doc[j].lower_ not in words("subject_pronouns"))
                    or (doc[j].ent_type_ == "TEAM" and j not in people)
                ):
                    j += 1
                return self._person_at(doc, j if j < len(doc) and _name_like(doc[j]) else i + 1, descriptions, people)
            person = self._person_at(doc, i, descriptions, people)
            if person is not None and any(doc[k].lower_ in speech for k in range(person.end, min(person.end + 2, len(doc)))):
                return person
        j = quote.start - 1
        while j >= 0 and (doc[j].text in MARKS or doc[j].is_space):
            j -= 1
        if j >= 1 and doc[j].text in {":", ",", ";"} and doc[j - 1].lower_ in speech:
            return self._person_ending_at(doc, j - 1, people)
        return None

    def _person_at(self, doc: Doc, i: int, descriptions: list[RuleMatch], people: dict[int, Span]) -> Span | None:
        if i >= len(doc):
            return None
        token = doc[i]
        if i in people:
            return people[i]
        if token.lower_ in words("subject_pronouns"):
            return doc[i : i + 1]
        for match in descriptions:
            if match.span.start == i:
                return match.span
        end = i
        while end < len(doc) and end - i < 3 and _name_like(doc[end]):
            end += 1
        return doc[i:end] if end > i else None

    def _person_ending_at(self, doc: Doc, verb: int, people: dict[int, Span]) -> Span | None:
        j = verb - 1
        if j < 0:
            return None
        for ent in people.values():
            if ent.end == j + 1:
                return ent
        if doc[j].lower_ in words("subject_pronouns"):
            return doc[j : j + 1]
        start = j + 1
        while start > 0 and j + 1 - start < 3 and _name_like(doc[start - 1]):
            start -= 1
        return doc[start : j + 1] if start <= j else None

    def _add_people(self, doc: Doc, speakers: list[Span], refs: dict) -> None:
        """Speakers the gazetteer does not know become PERSON entities."""
        ents = list(doc.ents)
        taken = {i for e in ents for i in range(e.start, e.end)}
        added = False
        for span in speakers:
            if span.label_ or len(span) == 0 or not _name_like(span[0]) or taken.intersection(range(span.start, span.end)):
                continue
            entity_id = f"person:{slug(span.text)}"
            person = Span(doc, span.start, span.end, label="PERSON", span_id=entity_id)
            ents.append(person)
            taken.update(range(span.start, span.end))
            sources(doc)[span_key(person)] = "attribution"
            refs.setdefault(entity_id, {"id": entity_id, "label": "PERSON", "name": span.text, "canonical": None, "in_gazetteer": False})
            added = True
        if added:
            doc.ents = sorted(ents, key=lambda e: e.start)
            for ent in doc.ents:  # a surname used alone elsewhere in the article
                if ent.label_ == "PERSON" and ent.id_ in refs and len(ent.text.split()) > len(refs[ent.id_]["name"].split()):
                    refs[ent.id_]["name"] = ent.text

    def _speaker(self, doc, qi, quotes, attributions, speakers, paragraph, sentence_ids, history, refs, resolved, descriptions, people, teams) -> str | None:
        attribution = attributions[qi]
        if attribution is not None:
            if attribution.start in resolved:
                return resolved[attribution.start]
            ent = people.get(attribution.start)
            if ent is not None:
                return ent.id_ or None
            if attribution[0].lower_ in words("subject_pronouns"):
                earlier = [eid for span, eid in sentence_ids if span.start < quotes[qi].start]
                speaker = earlier[-1] if earlier else (history[-1] if history else None)
            else:
                match = next((m for m in descriptions if m.span.start == attribution.start), None)
                speaker = self._resolve_description(match, history, refs, teams)
            if speaker:
                resolved[attribution.start] = speaker
            return speaker
        quote = quotes[qi]
        if qi > 0 and speakers[qi - 1] and paragraph[quotes[qi - 1].start] == paragraph[quote.start]:
            return speakers[qi - 1]  # `"...," explained Lutsenko. "...`: the attribution serves both
        if qi > 0 and speakers[qi - 1] and paragraph[quotes[qi - 1].end - 1] == paragraph[quote.start] - 1:
            between = [e for e in people.values() if quotes[qi - 1].end <= e.start < quote.start]
            if all(e.id_ == speakers[qi - 1] for e in between):
                return speakers[qi - 1]  # the next paragraph of the same speech
        return None

    # --- affiliations -------------------------------------------------------------------------

    @staticmethod
    def _affiliations(doc: Doc, ents: list[Span], refs: dict) -> None:
        """Team of a rider from "Name (Team)" and "Team rider Name"."""
        rider_nouns = words("rider_nouns")
        for k, ent in enumerate(ents):
            if ent.label_ != "RIDER" or not ent.id_:
                continue
            team = None
            following = ents[k + 1] if k + 1 < len(ents) else None
            if following is not None and following.label_ == "TEAM" and following.start > ent.end and doc[ent.end].text == "(":
                between = doc[ent.end + 1 : following.start]
                if all(t.text in {"/", "-"} or t.is_upper or t.is_title for t in between) and len(between) <= 3:
                    team = following
            previous = ents[k - 1] if k > 0 else None
            if team is None and previous is not None and previous.label_ == "TEAM":
                between = doc[previous.end : ent.start]
                if len(between) <= 2 and all(t.lower_ in rider_nouns or t.lower_ in {"'s", "’s"} for t in between):
                    team = previous
            if team is not None and not refs.get(ent.id_, {}).get("team_id"):
                ref = refs.setdefault(ent.id_, {"id": ent.id_, "label": "RIDER", "name": ent.text, "canonical": None})
                ref["team"], ref["team_id"] = team.text, team.id_


def _name_like(token) -> bool:
    return token.is_alpha and (token.is_title or (token.is_upper and len(token) > 1)) and token.lower_ not in _NOT_NAMES


_NOT_NAMES = frozenset({"the", "a", "an", "it", "this", "that", "we", "they", "i", "he", "she", "and", "but", "in", "on", "at", "after", "today", "yesterday", "now", "then", "so"})


def _paragraph_index(doc: Doc) -> list[int]:
    index, current = [], 0
    for token in doc:
        index.append(current)
        if token.is_space and "\n" in token.text:
            current += 1
    return index


def _mention(doc: Doc, span: Span, entity_id: str, refs: dict) -> Span:
    label = refs.get(entity_id, {}).get("label", "PERSON")
    return Span(doc, span.start, span.end, label=label, kb_id=entity_id)


@Language.factory("racefacts_coref", requires=["doc.ents", "doc.sents"])
def make_coref(nlp: Language, name: str) -> Coreference:
    return Coreference(nlp, name)
