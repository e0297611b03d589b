"""Results: placings of named riders, from numbered lists and from prose.

A placing in prose is a trigger (placings.jsonl: "win the stage", "finished second", "race
lead", "stage four time trial winner") plus its arguments: the rider it belongs to (the clause
subject, or the name after "winner"), its stage (a stage reference nearest to it), and its
classification (the trigger's own, else a cue nearest to it, else the classification of the
previous placing about today's race, else the race's default). Placings said as plans or
negations are dropped. The same placing read twice (headline and body, prose and list) is one.
"""

from __future__ import annotations

from spacy.tokens import Span
from spacy.vocab import Vocab

from ..records import Result
from ..rules import RuleMatch, RuleSet
from .arguments import ArticleView, Placement
from .result_lists import list_results


class Results:
    def __init__(self, vocab: Vocab) -> None:
        self.rules = RuleSet(vocab, "placings")

    def __call__(self, view: ArticleView) -> list[Result]:
        found = list_results(view) + self.prose(view)
        return merge(found)

    def prose(self, view: ArticleView) -> list[Result]:
        matches = self.rules(view.doc)
        triggers = [m.span for m in matches]
        out: list[Result] = []
        for match in matches:
            out.extend(self._placing(view, match, triggers))
        return out

    def _placing(self, view: ArticleView, match: RuleMatch, triggers: list[Span]) -> list[Result]:
        span, rule = match.span, match.rule
        rank = rule["rank"] if isinstance(rule["rank"], int) else next((t._.rf_ordinal for t in span if t._.rf_is_ordinal), None)
        if not rank:
            return []
        mention = view.mention_at(span.end) if rule.get("rider") == "auto" else None
        from_subject = mention is None
        if from_subject:
            mention = view.subject(span)
            if mention is None or view.plural(mention):
                return []
        person = view.rider(mention)
        if person is None or view.hypothetical(span, mention if from_subject else None) or view.before_the_stage(span):
            return []

        about = view.about
        race = view.ent_of("RACE", span) or _race_after(view, span)
        race_id = race.id_ if race is not None else about.race_id
        race_name = (view.refs.get(race.id_, {}).get("canonical") or race.text) if race is not None else about.race
        race_type = view.refs.get(race_id, {}).get("type") if race_id else None

        stage_refs = view.stage_refs_for(triggers, span)
        if rule.get("requires_stage") and not stage_refs:  # "his win" alone may be any win
            return []
        classification = rule.get("classification")
        if classification == "race_or_gc":
            classification = "stage" if stage_refs else "race" if race_type == "one-day" else "gc"
        if classification is None:
            others = [t for t in triggers if t != span] + [r.span for r in stage_refs]
            classification = view.cue_classification(span, exclude=others)
        if classification is None and stage_refs:
            classification = "stage"
        if classification is None:
            classification = view.previous_classification(span.start) or view.default_classification()
        if classification == "stage" and (race_type or about.race_type) == "one-day":
            classification = "race"

        stages = [v for ref in stage_refs for v in ref.values]
        same_race = race_id == about.race_id
        quoted = view.in_quote(span)
        foreground = same_race and not quoted and (not stages or about.stage in stages)
        view.placements.append(Placement(span.start, view.sentence_index(span.start), classification, foreground))
        if not stages:
            # Today's stage, unless the placing is a rider's look back or "a stage" of the race.
            indefinite = any(t.lower_ in ("a", "another") for t in span)
            today = same_race and classification != "race" and not quoted and not indefinite
            stages = [about.stage if today else None]

        ref = view.refs.get(person.id, {})
        start, end = min(mention.start, span.start), max(mention.end, span.end)
        return [
            Result(
                classification=classification,
                race=race_name,
                race_id=race_id,
                year=about.year if same_race else None,
                stage=stage,
                rank=rank,
                rider=person.name,
                rider_id=person.public_id,
                team=ref.get("team"),
                team_id=ref.get("team_id"),
                method="prose",
                evidence=view.evidence(start, end),
            )
            for stage in stages
        ]


def _race_after(view: ArticleView, span: Span) -> Span | None:
    """"won the 19th stage of the Giro d'Italia": the race named right after the trigger."""
    doc = view.doc
    i = span.end
    if i < len(doc) and doc[i].lower_ in ("of", "at", "in"):
        i += 1
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        return next((e for e in view.ents_of("RACE", i) if e.start == i), None)
    return None


def _key(result: Result) -> tuple:
    return (result.classification, result.race_id or result.race, result.rank, result.rider_id or result.rider)


def merge(results: list[Result]) -> list[Result]:
    """One record per placing: later readings fill what the first one lacked.

    Two readings with different stages are different placings ("third on stage 2 and 3").
    """
    merged: list[Result] = []
    for result in results:
        twin = next(
            (m for m in merged if _key(m) == _key(result) and (m.stage is None or result.stage is None or m.stage == result.stage)),
            None,
        )
        if twin is None:
            merged.append(result)
            continue
        updates = {
            name: getattr(result, name)
            for name in ("stage", "year", "team", "team_id", "time", "gap")
            if getattr(twin, name) is None and getattr(result, name) is not None
        }
        if updates:
            merged[merged.index(twin)] = twin.model_copy(update=updates)
    return merged
