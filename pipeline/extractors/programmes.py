"""Programmes: a rider's stated plan to ride a named race.

A plan trigger (programmes.jsonl: "will ride", "is set to", "next up is", "preparation for",
"all in for", "lead-up to") opens a scope that runs to the end of its clause; every race named
in it is a programme of the clause's subject ("I" inside a quotation is its speaker, "his next
race" is his). A subject that heads a list ("A, B and defending champion C will ride") gives the
race to every rider of the list, and so do riders a plan brings along ("will be joined by A and
B", "with A and B in support"); a team's selection ("The squad for the race: A, B, C") gives it
to every rider after the colon. Besides races the gazetteer names, a scope may refer to one the
way reporters do (programmes.jsonl rules of kind "race"): "the Tour" is the Tour de France, or
the Tour de France Femmes for a women's rider (a rule's `by_gender`; for a rider of unknown
gender, the gender of the article's race or of all its riders, else no race), and "the race" the
race the article is about.

A race after a blocker ("not", "miss", "instead", "following") is not a plan, nor one after a
negated trigger ("will not line up in"), nor a race given with a past year ("the 2015 Giro"),
nor a race the article reports results of (already run) unless those results are dated to an
earlier edition ("Last season, X won stage 3").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..nlp.clauses import object_marked
from ..nlp.columns import lexical
from ..nlp.quotations import QUOTES_KEY
from ..records import Programme, Result
from ..rules import RuleSet, demonyms, words
from ..text.numbers import as_year
from .arguments import ArticleView, Person


Scope = tuple[Span, list[Span]]

ABOUT = "@about"  # a race reference that means the race the article is about
_LIST_PUNCTUATION = frozenset({",", ";"})  # with lexicon list_conjunctions, what separates the names of a list
_MAX_EPITHET = 4  # "and defending champion", "neo-pro": words between a list separator and a name
_MAX_LIST_LINE = 12  # a line of a selection list: a name, its nationality or team, little else


@dataclass(frozen=True)
class _Rider:
    person: Person
    mention: Span


class Programmes:
    def __init__(self, vocab: Vocab) -> None:
        self.rules = RuleSet(vocab, "programmes")

    # --- scopes --------------------------------------------------------------------------------

    def scopes(self, view: ArticleView) -> list[Scope]:
        """Each plan trigger with the races named in its scope, in reading order.

        References that are no entity ("the Tour", "the race") come as spans labelled with their
        rule id; the article's race is not known yet when scopes are read (about() needs them).
        Triggers with no race stay in the list: they end the scope of the trigger before them.
        """
        doc = view.doc
        matches = self.rules(doc, overlapping=True)
        triggers = sorted(filter_spans([m.span for m in matches if m.rule.get("kind") != "race"]), key=lambda s: s.start)
        references = [m.span for m in matches if m.rule.get("kind") == "race" and self._free_reference(view, m.span)]
        found = []
        for k, trigger in enumerate(triggers):
            end = _scope_end(view, trigger, triggers[k + 1] if k + 1 < len(triggers) else None)
            races = view.ents_of("RACE", trigger.end, end)
            races += [r for r in references if trigger.end <= r.start and r.end <= end]
            found.append((trigger, sorted(races, key=lambda s: s.start)))
        return found

    @staticmethod
    def _free_reference(view: ArticleView, span: Span) -> bool:
        """A reference is one only outside entities and where no name goes on ("the Tour Down
        Under"; a lower-case "the Tour of Zanzibar" is rejected by the rule's `reject_next`)."""
        doc = view.doc
        if any(t.ent_type_ for t in span):
            return False
        following = doc[span.end] if span.end < len(doc) else None
        return following is None or not (following.is_title or following.is_upper or following.ent_type_)

    # --- programmes ----------------------------------------------------------------------------

    def __call__(self, view: ArticleView, scopes: list[Scope], results: Sequence[Result] = ()) -> list[Programme]:
        """Programmes of the article; races with `results` of this edition are already run."""
        already_run = _already_run(view, results)
        out: dict[tuple[str, str], Programme] = {}
        for k, (trigger, races) in enumerate(scopes):
            if not races:
                continue
            rule = self.rules.rules[trigger.label_]
            end = _scope_end(view, trigger, scopes[k + 1][0] if k + 1 < len(scopes) else None)
            riders = self._riders(view, trigger, races[0], rule, end)
            if not riders or (not rule.get("roster") and self._negated(view, riders[0].mention, trigger)):
                continue
            riders += _companions(view, riders[0].mention, trigger, end)
            for race in races:
                if self._blocked(view, trigger.end, race.start):
                    continue
                for rider in riders:
                    named = self._race(view, race, rider.person)
                    if named is None or (named[1] in already_run and not _later_edition(view, trigger)):
                        continue
                    name, race_id = named
                    key = (rider.person.id, race_id or name)
                    if key not in out:
                        start = min(rider.mention.start, trigger.start)
                        out[key] = Programme(
                            rider=rider.person.name,
                            rider_id=rider.person.public_id,
                            race=name,
                            race_id=race_id,
                            evidence=view.evidence(start, max(race.end, rider.mention.end)),
                        )
        return list(out.values())

    def _race(self, view: ArticleView, race: Span, rider: Person) -> tuple[str, str | None] | None:
        """The name and id of a race entity or reference for a rider; None for "the race" in an
        article about no race, and for a reference by gender ("the Tour") whose gender is unknown."""
        if race.label_ == "RACE":
            return view.refs.get(race.id_, {}).get("canonical") or race.text, race.id_ or None
        rule = self.rules.rules[race.label_]
        if "by_gender" in rule:
            gendered = rule["by_gender"].get(_gender(view, rider) or "")
            return (gendered["race"], gendered.get("race_id")) if gendered else None
        if rule["race"] == ABOUT:
            return (view.about.race, view.about.race_id) if view.about.race else None
        return rule["race"], rule.get("race_id")

    def _riders(self, view: ArticleView, trigger: Span, race: Span, rule: dict[str, Any], end: int) -> list[_Rider]:
        """Whose plan it is: a selection list after the trigger, else the clause's subject and the
        riders listed with it."""
        if rule.get("roster"):
            return _selection(view, end)
        mention = (
            _possessive(view, trigger)
            or _adjacent_subject(view, trigger)
            or view.subject(trigger)
            or view.sentence_subject(trigger)
            or _for_whom(view, trigger, race)
            or (_salient(view, trigger) if rule.get("subject") == "salient" else None)
        )
        if mention is None:
            return []
        return _riders_of(view, [mention, *_listed_after(view, mention)])

    @staticmethod
    def _negated(view: ArticleView, subject: Span, trigger: Span) -> bool:
        """"will not line up in", "has never raced": a negation between subject and trigger; "has
        not decided whether he will ride", "if he rides": a plan in doubt, from the word that
        opens its clause."""
        sent_start = view.sentence(trigger.start).start
        opening = view.clause_start(trigger.start, sent_start)
        if any(w in words("programme_doubts") for w in view.lowers[max(opening - 1, sent_start) : trigger.start]):
            return True
        start = opening
        if subject.end <= trigger.start and view.sentence(subject.start).start == sent_start:
            start = max(start, subject.end)
        return any(w in words("negations") for w in view.lowers[start : trigger.start])

    @staticmethod
    def _blocked(view: ArticleView, start: int, race_start: int) -> bool:
        if any(w in words("programme_blockers") for w in view.lowers[start:race_start]):
            return True
        year = as_year(view.texts[race_start - 1]) if race_start > 0 else None
        if year is None:
            return False
        return view.about.year is None or year < view.about.year  # "the 2015 Giro"


# --- where a plan ends -------------------------------------------------------------------------


def _scope_end(view: ArticleView, trigger: Span, following: Span | None) -> int:
    """The end of the trigger's clause, past "and then" before a further race ("the Giro and
    then the Tour"), but before the subject of a next plan in it ("A will ride the Tour and B
    will ride the Vuelta")."""
    sent_end = view.sentence(trigger.start).end
    end = view.clause_end(trigger.end, sent_end)
    while end + 1 < sent_end and view.lowers[end] == "then" and view.lowers[end - 1] in ("and", ","):
        end = view.clause_end(end + 1, sent_end)
    if following is not None and following.start < end:
        subject = _adjacent_subject(view, following)
        if subject is not None and subject.start >= trigger.end:
            end = subject.start
    return end


# --- who: subjects, lists, companions ---------------------------------------------------------


def _adjacent_subject(view: ArticleView, trigger: Span) -> Span | None:
    """"... and Vingegaard will ride", "The Italian is set to": the name right before a trigger
    (past "also", "then") is its subject, whatever stands earlier in the sentence; of a list
    ("Van Aert and Laporte will ride"), the first name."""
    doc = view.doc
    i = trigger.start
    while i > 0 and view.lowers[i - 1] in words("plan_adverbs"):
        i -= 1
    mention = view.mention_ending_at(i)
    if mention is None or mention.text.lower() in words("non_subject_pronouns"):
        return None
    mention = _list_head(view, mention)
    return None if object_marked(doc, mention) else mention


def _list_head(view: ArticleView, mention: Span) -> Span:
    """The first name of the list a name ends: "Pogačar, Roglič and Mohorič" from "Mohorič"."""
    doc = view.doc
    while True:
        i = mention.start
        while i > 0 and mention.start - i < _MAX_EPITHET and view.mention_ending_at(i) is None and _epithet(doc[i - 1]):
            i -= 1
        if i == 0 or not _list_separator(doc[i - 1]):
            return mention
        j = i - 1
        while j > 0 and _list_separator(doc[j - 1]):
            j -= 1
        if j > 0 and view.texts[j - 1] == ")":
            while j > 0 and view.texts[j - 1] != "(" and i - j < 10:
                j -= 1
            j -= 1
        previous = view.mention_ending_at(j)
        if previous is None or previous.text.lower() in words("non_subject_pronouns"):
            return mention
        mention = previous


def _list_separator(token: Token) -> bool:
    """",", "and", "&": what stands between the names of a list."""
    return token.text in _LIST_PUNCTUATION or token.lower_ in words("list_conjunctions")


def _possessive(view: ArticleView, trigger: Span) -> Span | None:
    """"His next race is ...", "my main goal": the possessive the trigger starts with."""
    mention = view.mention_at(trigger.start)
    return mention if mention is not None and len(mention) == 1 and mention[0].lower_ in words("possessive_pronouns") else None


def _for_whom(view: ArticleView, trigger: Span, race: Span) -> Span | None:
    """"Next up for Kopecky is the Tour of Flanders": the rider named after "for"."""
    for mention in view.mentions_between(trigger.end, race.start):
        if mention.start > 0 and view.lowers[mention.start - 1] == "for":
            return mention
    return None


def _salient(view: ArticleView, trigger: Span) -> Span | None:
    """"Next up is the Dauphiné" names nobody: inside a quotation it is the speaker's plan,
    else the plan of the rider the sentence before is about."""
    if view.in_quote(trigger):
        quote = view.doc.spans[QUOTES_KEY][view.quote_index[trigger.start]]
        return quote if quote.kb_id_ else None
    start = view.sentence(trigger.start).start
    while start > 0:
        previous = view.sentence(start - 1)
        if any(not t.is_space for t in previous):
            return view.sentence_subject(previous[len(previous) - 1 :])
        start = previous.start
    return None


def _listed_after(view: ArticleView, mention: Span) -> list[Span]:
    """The names listed after a name: "Pogačar, Roglič, and defending champion Mohorič"."""
    doc = view.doc
    found = []
    i = mention.end
    while True:
        i = _past_brackets(doc, i)
        if i >= len(doc) or not _list_separator(doc[i]):
            return found
        while i < len(doc) and _list_separator(doc[i]):
            i += 1
        j = i
        while j < len(doc) and j - i < _MAX_EPITHET and view.mention_at(j) is None and _epithet(doc[j]):
            j += 1
        following = view.mention_at(j)
        if following is None or following[0].lower_ in words("third_person") or following[0].lower_ in words("first_person"):
            return found
        found.append(following)
        i = following.end


def _past_brackets(doc: Doc, i: int) -> int:
    """Past an affiliation or nationality in brackets: "Viviani (Ita)"."""
    texts = lexical(doc).texts  # a Token object per look costs more than the look
    if i < len(doc) and texts[i] == "(":
        j = i
        while j < len(doc) and j - i < 8 and texts[j] != ")" and "\n" not in texts[j]:
            j += 1
        if j < len(doc) and texts[j] == ")":
            return j + 1
    return i


def _epithet(token: Token) -> bool:
    """A word describing the next rider of a list: "defending champion", "Danish Champion"."""
    lower = token.lower_
    return (
        lower in words("rider_epithets")
        or lower in words("rider_nouns")
        or lower in words("determiners")
        or lower in demonyms()
    )


def _companions(view: ArticleView, subject: Span, trigger: Span, end: int) -> list[_Rider]:
    """Riders a plan brings along: "will be joined by A, B and C", "with A and B in support"."""
    doc = view.doc
    mentions = []
    for i in range(min(subject.end, trigger.start), end):
        if view.lowers[i] not in words("programme_companions"):
            continue
        j = i + 1
        if j < len(doc) and view.lowers[j] == "by":
            j += 1
        while j < end and j - i <= _MAX_EPITHET and view.mention_at(j) is None and _epithet(doc[j]):
            j += 1
        first = view.mention_at(j)
        if first is not None and first.end <= end and first[0].lower_ not in words("third_person"):
            mentions += [first, *_listed_after(view, first)]
    return _riders_of(view, mentions)


def _selection(view: ArticleView, end: int) -> list[_Rider]:
    """The riders of "The squad for the race: A, B, C", or listed one a line after the heading."""
    doc = view.doc
    if end >= len(doc) or (view.texts[end] != ":" and "\n" not in view.texts[end]):
        return []
    sent_end = view.sentence(end).end if view.texts[end] == ":" else end
    first = next(iter(view.mentions_between(end + 1, sent_end)), None)
    if first is not None:
        return _riders_of(view, [first, *_listed_after(view, first)])
    return _riders_of(view, _listed_lines(view, sent_end))


def _listed_lines(view: ArticleView, i: int) -> list[Span]:
    """Names that start the short lines after token i, up to the first line that has none."""
    doc = view.doc
    found = []
    while i < len(doc):
        while i < len(doc) and view.texts[i].isspace():  # spaCy's IS_SPACE
            i += 1
        line_end = i
        while line_end < len(doc) and "\n" not in view.texts[line_end]:
            line_end += 1
        mention = view.mention_at(i)
        if mention is None or line_end - i > _MAX_LIST_LINE:
            break
        found.append(mention)
        i = line_end
    return found


def _gender(view: ArticleView, person: Person) -> str | None:
    """"men" or "women": the rider's gender in the gazetteer; for a rider it lacks, the gender of
    the article's race, else the one gender of all the riders the article names; else None."""
    gender = view.refs.get(person.id, {}).get("gender")
    if gender:
        return gender
    gender = view.refs.get(view.about.race_id or "", {}).get("gender")
    if gender:
        return gender
    genders = {ref.get("gender") for ref in view.refs.values() if ref.get("label") == "RIDER" and ref.get("gender")}
    return genders.pop() if len(genders) == 1 else None


def _riders_of(view: ArticleView, mentions: Iterable[Span]) -> list[_Rider]:
    found: dict[str, _Rider] = {}
    for mention in mentions:
        person = view.rider(mention)
        if person is not None and person.id not in found:
            found[person.id] = _Rider(person, mention)
    return list(found.values())


# --- which races have been run ----------------------------------------------------------------


def _already_run(view: ArticleView, results: Sequence[Result]) -> set[str]:
    """Races the article gives results of, unless every such result is of an earlier edition."""
    return {r.race_id for r in results if r.race_id and not _earlier_edition(view, r)}


def _later_edition(view: ArticleView, trigger: Span) -> bool:
    """"Next year he will defend his title", "will launch his 2017 season": a plan for the
    edition after the one the article gives results of."""
    sent = view.sentence(trigger.start)
    if view.about.year is not None and any((as_year(t.text) or 0) > view.about.year for t in sent):
        return True
    return _says_any(sent.text, words("later_edition_cues"))


def _says_any(text: str, phrases: Iterable[str]) -> bool:
    padded = " " + " ".join(text.lower().split()) + " "
    return any(f" {p} " in padded or f" {p}," in padded for p in phrases)


def _earlier_edition(view: ArticleView, result: Result) -> bool:
    if result.year is not None and view.about.year is not None and result.year < view.about.year:
        return True
    return _says_any(result.evidence.sentence, words("earlier_edition_cues"))
