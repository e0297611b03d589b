"""Programmes: a rider's stated plan to ride a named race.

A plan trigger (programmes.jsonl: "will ride", "is set to", "next up is", "preparation for",
"all in for") opens a scope that runs to the end of its clause; every race named in it is a
programme of the clause's subject ("I" inside a quotation is its speaker). A race after a
blocker ("not", "miss", "instead") is not a plan, nor is the race the article reports, nor a
race given with a past year ("the 2015 Giro").
"""

from __future__ import annotations

from spacy.vocab import Vocab

from ..nlp.clauses import clause_end
from ..records import Programme
from ..rules import RuleSet, words
from .arguments import ArticleView


class Programmes:
    def __init__(self, vocab: Vocab) -> None:
        self.rules = RuleSet(vocab, "programmes")

    def __call__(self, view: ArticleView) -> list[Programme]:
        doc = view.doc
        out: dict[tuple[str, str], Programme] = {}
        for match in self.rules(doc):
            trigger = match.span
            sent = trigger.sent
            end = clause_end(doc, trigger.end, sent.end)
            races = [e for e in doc.ents if e.label_ == "RACE" and trigger.end <= e.start and e.end <= end]
            if not races:
                continue
            mention = view.subject(trigger) or view.sentence_subject(trigger)
            person = view.rider(mention) if mention is not None else None
            if person is None or view.plural(mention):
                continue
            for race in races:
                if race.id_ == view.about.race_id or self._blocked(view, trigger.end, race.start):
                    continue
                name = view.refs.get(race.id_, {}).get("canonical") or race.text
                key = (person.id, race.id_ or name)
                if key not in out:
                    start = min(mention.start, trigger.start)
                    out[key] = Programme(
                        rider=person.name,
                        rider_id=person.id,
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
        before = doc[race_start - 1] if race_start > 0 else None
        if before is None or not (before.text.isdigit() and len(before.text) == 4):
            return False
        return view.about.year is None or int(before.text) < view.about.year  # "the 2015 Giro"
