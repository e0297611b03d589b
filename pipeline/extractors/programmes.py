"""Programmes: a rider's stated plan to ride a named race.

A plan trigger (programmes.jsonl: "will ride", "is set to", "next up is", "preparation for",
"all in for") opens a scope that runs to the end of its clause; every race named in it is a
programme of the clause's subject ("I" inside a quotation is its speaker). A race after a
blocker ("not", "miss", "instead") is not a plan, nor is a race given with a past year ("the
2015 Giro"), nor a race the article reports results of.
"""

from __future__ import annotations

from spacy.tokens import Span
from spacy.vocab import Vocab

from ..nlp.clauses import clause_end
from ..records import Programme
from ..rules import RuleSet, words
from ..text.numbers import as_year
from .arguments import ArticleView


Scope = tuple[Span, list[Span]]


class Programmes:
    def __init__(self, vocab: Vocab) -> None:
        self.rules = RuleSet(vocab, "programmes")

    def scopes(self, view: ArticleView) -> list[Scope]:
        """Each plan trigger with the races named in its scope (the rest of its clause)."""
        doc = view.doc
        found = []
        for match in self.rules(doc):
            trigger = match.span
            races = view.ents_of("RACE", trigger.end, clause_end(doc, trigger.end, trigger.sent.end))
            if races:
                found.append((trigger, races))
        return found

    def __call__(self, view: ArticleView, scopes: list[Scope], reported: set[str]) -> list[Programme]:
        """Programmes of the article; `reported` are ids of races it gives results of (already run)."""
        out: dict[tuple[str, str], Programme] = {}
        for trigger, races in scopes:
            mention = view.subject(trigger) or view.sentence_subject(trigger) or _for_whom(view, trigger, races[0])
            person = view.rider(mention) if mention is not None else None
            if person is None or view.plural(mention):
                continue
            for race in races:
                if race.id_ in reported or self._blocked(view, trigger.end, race.start):
                    continue
                name = view.refs.get(race.id_, {}).get("canonical") or race.text
                key = (person.id, race.id_ or name)
                if key not in out:
                    start = min(mention.start, trigger.start)
                    out[key] = Programme(
                        rider=person.name,
                        rider_id=person.public_id,
                        race=name,
                        race_id=race.id_ or None,
                        evidence=view.evidence(start, race.end),
                    )
        return list(out.values())

    @staticmethod
    def _blocked(view: ArticleView, start: int, race_start: int) -> bool:
        doc = view.doc
        if any(t.lower_ in words("programme_blockers") for t in doc[start:race_start]):
            return True
        year = as_year(doc[race_start - 1].text) if race_start > 0 else None
        if year is None:
            return False
        return view.about.year is None or year < view.about.year  # "the 2015 Giro"


def _for_whom(view: ArticleView, trigger: Span, race: Span) -> Span | None:
    """"Next up for Kopecky is the Tour of Flanders": the rider named after "for"."""
    for mention in view.mentions_between(trigger.end, race.start):
        if mention.start > 0 and view.doc[mention.start - 1].lower_ == "for":
            return mention
    return None
