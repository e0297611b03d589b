"""Results: placings of named riders, from numbered lists and from prose.

A placing in prose is a trigger (placings.jsonl: "win the stage", "finished second", "race
lead", "stage four time trial winner", "completed the top three") plus its arguments:

- the rider it belongs to: the clause subject; the name after a title ("winner Daryl Impey",
  "the maglia rosa Egan Bernal"); the name before an ordinal said of it ("than teammate Van
  Garderen in third", "with Niewiadoma fourth"); "for Koren to claim victory"; the subject of
  the main clause for a pronoun in a clause hung on it ("X moved into the lead after he
  finished third"); the subject after an opening participle ("By wrapping up the GC, Pogacar");
  coordinated riders paired with coordinated ranks ("Contador and Vinokourov taking second and
  third");
- its race: one named in the trigger, after it in its clause ("third on the uphill finish at
  Tirreno-Adriatico"), or before it in its clause ("At the Tour Down Under, Porte claimed"),
  else the race an earlier placing of the sentence named, else the article's race. National
  titles are their championship's results;
- its stage: a stage reference nearest to it, else the stage of the heading above it
  ("Stage 7 – the muddy one"), else the article's;
- its classification: the trigger's own, a stage named right beside it ("Stage 2 winner"), a
  cue nearest to it, a race other than the article's (a one-day race, else its GC), the
  classification of the previous placing about today's race or the one the previous sentence
  named, else the race's default.

Placings said as plans, negations or losses ("losing the race lead") are dropped, and so are
those of earlier editions ("last year's winner", "finished second overall last year") unless
the sentence names both their race and their year. The same placing read twice (headline and
body, prose and list) is one.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Span
from spacy.vocab import Vocab

from ..nlp.clauses import line_of, object_marked
from ..records import Result
from ..rules import RuleMatch, RuleSet, words
from ..text.fold import name_key
from ..text.numbers import as_year, number_value, ordinal_value
from .arguments import HEADING_MAX_TOKENS, ArticleView, Placement, StageRef
from .result_lists import list_results

_MEDALS = {"gold": 1, "silver": 2, "bronze": 3}
_CHAIN_MAX_TOKENS = 8


@dataclass(frozen=True)
class _Race:
    id: str | None
    name: str | None
    type: str | None
    named: bool  # named by the sentence, not taken from the article


class Results:
    def __init__(self, vocab: Vocab) -> None:
        self.rules = RuleSet(vocab, "placings")

    def __call__(self, view: ArticleView) -> list[Result]:
        prose = self.prose(view)
        overall = frozenset(r.rider_id for r in prose if r.classification == "gc" and r.rank == 1 and r.stage is None and r.rider_id)
        listed = list_results(view, overall)
        return merge(listed + _dated_by_the_tables(view, listed, prose))

    def prose(self, view: ArticleView) -> list[Result]:
        matches = self.rules(view.doc)
        triggers = [m.span for m in matches if m.rule.get("rank") is not None]  # the rest only block shorter readings
        context = _Context(_heading_stages(view), {})
        out: list[Result] = []
        for match in matches:
            if match.rule.get("rank") is not None:
                out.extend(self._placing(view, match, triggers, context))
        return out

    def _placing(self, view: ArticleView, match: RuleMatch, triggers: list[Span], context: "_Context") -> list[Result]:
        span, rule = match.span, match.rule
        if _lost(view, span):
            return []
        mention, from_subject = _rider_mention(view, match)
        if mention is None:
            return []
        if rule["rank"] == "series":
            pairs = _series(view, span, mention)
        else:
            if view.plural(mention) and from_subject:
                return []
            pairs = [(mention, _rank(view, rule, span))]
        pairs = [(m, rank) for m, rank in pairs if rank]
        if not pairs or view.hypothetical(span, mention if from_subject else None) or view.before_the_stage(span):
            return []

        about = view.about
        past, year = _earlier(view, span, rule)
        race = _race(view, span, rule, triggers, context)
        national = any(w in ("national", "nationals") for w in view.lowers[span.start : span.end])
        if national:
            race = _national_race(view, span, race)
        if past and not (race.named and year):
            return []  # "last year's winner": a placing of some earlier edition

        stage_refs = view.stage_refs_for(triggers, span)
        if rule.get("requires_stage") and not stage_refs:  # "his win" alone may be any win
            return []
        classification = "race" if national else _classification(view, span, rule, stage_refs, triggers, race)
        if classification is None:
            return []
        if classification == "stage" and (race.type or (about.race_type if race.id == about.race_id else None)) == "one-day":
            classification = "race"

        stages = [v for ref in stage_refs for v in ref.values]
        same_race = race.id == about.race_id and not past
        today_stage = _stage_at(context.headings, span.start, about.stage)
        quoted = view.in_quote(span)
        foreground = same_race and not quoted and (not stages or today_stage in stages)
        view.placements.append(Placement(span.start, view.sentence_index(span.start), classification, foreground))
        if not stages:
            # Today's stage, unless the placing is a rider's look back or "a stage" of the race.
            indefinite = any(w in ("a", "another") for w in view.lowers[span.start : span.end])
            today = same_race and classification != "race" and not quoted and not indefinite
            stages = [today_stage if today else None]

        results = []
        for rider_mention, rank in pairs:
            person = view.rider(rider_mention)
            if person is None:
                continue
            ref = view.refs.get(person.id, {})
            start, end = min(rider_mention.start, span.start), max(rider_mention.end, span.end)
            results.extend(
                Result(
                    classification=classification,
                    race=race.name,
                    race_id=race.id,
                    year=year if past else (about.year if same_race else None),
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
            )
        return results


@dataclass
class _Context:
    headings: list[tuple[int, int | str]]  # (token, stage) of each heading line that names a stage
    sentence_races: dict[int, _Race]  # the race an earlier placing of a sentence named


# --- which matches count --------------------------------------------------------------------------


def _lost(view: ArticleView, span: Span) -> bool:
    """"losing the race lead", "relinquished the yellow jersey": the placing is someone else's now."""
    lowers, puncts = view.lowers, view.puncts
    for i in range(span.start - 1, max(span.start - 4, view.sentence(span.start).start - 1), -1):
        if puncts[i]:
            return False
        if lowers[i] in words("loss_verbs"):
            return True
    return False


def _rank(view: ArticleView, rule: dict[str, Any], span: Span) -> int | None:
    kind = rule["rank"]
    if isinstance(kind, int):
        return kind
    ordinals = _ordinals(view, span)
    if kind == "ordinal":
        return ordinals[0] if ordinals else None
    if kind == "last_ordinal":
        return ordinals[-1] if ordinals else None
    if kind == "top":  # "completed the top three": the last place of the group
        return next((n for n in map(number_value, reversed(view.texts[span.start : span.end])) if n), None)
    if kind == "medal":
        return next((_MEDALS[w] for w in view.lowers[span.start : span.end] if w in _MEDALS), None)
    return None


def _ordinals(view: ArticleView, span: Span) -> list[int]:
    """The values of the ordinals in a span, in order: what `token._.rf_ordinal` gives, read from
    the token texts (a custom attribute goes through spaCy's extension machinery per token)."""
    return [v for v in map(ordinal_value, view.texts[span.start : span.end]) if v is not None]


# --- the rider ------------------------------------------------------------------------------------


def _rider_mention(view: ArticleView, match: RuleMatch) -> tuple[Span | None, bool]:
    """The mention of the rider a placing belongs to, and whether it is the clause subject (whose
    clause then says whether the placing is a plan or a fact)."""
    span, mode = match.span, match.rule.get("rider", "subject")
    if mode in ("auto", "auto_or_possessor"):  # the name after a title, else its subject or owner
        named = view.mention_at(span.end)
        if named is not None:
            return named, False
        if mode == "auto_or_possessor":
            return view.possessor(span), False
    if mode == "before":
        return _absolute_name(view, span), False
    if match.rule.get("appositive"):
        named = _appositive(view, span)
        if named is not None:
            return named, False
    named = _infinitive_subject(view, span) or _led_to(view, span) or _participle_owner(view, span)
    if named is not None:
        return named, False
    subject = view.subject(span) or _participle_subject(view, span)
    if subject is not None and view.span_text(subject).lower() in words("subject_pronouns"):
        subject = _main_clause_subject(view, span, subject)
    return subject, True


def _absolute_name(view: ArticleView, span: Span) -> Span | None:
    """"with last year's winner Katarzyna Niewiadoma fourth": the name before the ordinal, in a
    "with" clause (a name and an ordinal alone say nothing elsewhere: "Pogačar first attacked")."""
    mention = view.mention_ending_at(span.end - 1)
    if mention is None:
        return None
    lo = view.clause_start(mention.start, view.sentence(span.start).start)
    return mention if "with" in view.lowers[max(lo, mention.start - 12) : mention.start] else None


def _appositive(view: ArticleView, span: Span) -> Span | None:
    """"23 seconds faster than teammate Tejay van Garderen in third": an ordinal right after an
    object's name is that rider's."""
    mention = view.name_before(span.start)
    if mention is None or view.span_text(mention).lower() in words("third_person"):
        return None
    if mention.start > 0 and view.lowers[mention.start - 1] == "behind":
        return None  # "finished 12 seconds behind Roglič in third": the one behind is third
    return mention if object_marked(view.doc, mention) else None


def _infinitive_subject(view: ArticleView, span: Span) -> Span | None:
    """"leaving the door open for Kristijan Koren to claim victory"."""
    i = span.start
    if i < 2 or view.lowers[i - 1] != "to":
        return None
    mention = view.mention_ending_at(i - 1)
    if mention is None or mention.start == 0 or view.lowers[mention.start - 1] != "for":
        return None
    return mention


def _participle_owner(view: ArticleView, span: Span) -> Span | None:
    """"Porte in white and Matt Lloyd taking the mountains jersey": a participle right after a
    name is that rider's doing, whoever the sentence's subject is."""
    if not view.lowers[span.start].endswith("ing") or span.start == 0 or view.texts[span.start - 1] == ",":
        return None  # "He beat Pogačar, taking the stage": after a comma it is the subject's
    return view.name_before(span.start)  # "Pello Bilbao of Bahrain coming third overall"


def _led_to(view: ArticleView, span: Span) -> Span | None:
    """"his teammates piloted Philipsen to victory": the rider led to the win, not the leader."""
    if view.lowers[span.start] not in ("to", "into"):
        return None
    mention = view.mention_ending_at(span.start)
    if mention is None or mention.start == 0:
        return None
    return mention if view.lowers[mention.start - 1] in words("leadout_verbs") else None


def _participle_subject(view: ArticleView, span: Span) -> Span | None:
    """"By wrapping up the GC in style, Pogacar brings ...": an opening participle phrase is said
    of the subject after it."""
    doc, lowers = view.doc, view.lowers
    sent = view.sentence(span.start)
    first = lowers[sent.start]
    second = lowers[sent.start + 1] if sent.start + 1 < sent.end else None
    participle = (first.endswith("ing") and first not in words("ing_prepositions")) or (
        first in words("participle_leads") and second is not None and second.endswith("ing")
    )
    if not participle:
        return None
    comma = next((i for i in range(span.end, sent.end) if view.texts[i] == ","), None)
    if comma is None:
        return None
    agent = next((i for i in range(span.end, comma) if view.lowers[i] == "by"), None)
    if agent is not None:  # "After taking the stage win by Pogačar's side, ...": not the subject's
        return None
    for mention in view.mentions_between(comma + 1, min(comma + 6, sent.end)):
        return None if object_marked(doc, mention) else mention
    return None


def _main_clause_subject(view: ArticleView, span: Span, pronoun: Span) -> Span:
    """"Vinokourov moved into the lead after he finished third": a pronoun heading a clause hung
    on a main clause is that clause's subject."""
    doc = view.doc
    sent_start = view.sentence(span.start).start
    start = view.clause_start(span.start, sent_start)
    if start <= sent_start or view.lowers[start - 1] not in words("subordinators"):
        return pronoun
    main = view.subject(doc[start - 1 : start])
    if main is None or view.span_text(main).lower() in words("subject_pronouns") or view.rider(main) is None:
        return pronoun
    return main


def _series(view: ArticleView, span: Span, first: Span) -> list[tuple[Span, int]]:
    """"Contador and Vinokourov taking second and third respectively": names and ranks in order."""
    ranks = _ordinals(view, span)
    names = [first]
    i = first.end
    while i < span.start:
        while i < span.start and view.lowers[i] in (",", "and", "&"):
            i += 1
        mention = view.mention_at(i)
        if mention is None or i == names[-1].end:
            break
        names.append(mention)
        i = mention.end
    return list(zip(names, ranks)) if len(names) == len(ranks) > 1 else []


# --- when, where ----------------------------------------------------------------------------------


def _earlier(view: ArticleView, span: Span, rule: dict) -> tuple[bool, int | None]:
    """Whether a placing belongs to an earlier edition, and its year when the text gives one."""
    this_year = view.about.year
    if rule.get("rider", "subject") not in ("subject", "before"):  # titles: "three-time Tour winner", "2018 winner"
        chain = range(_premodifiers_start(view, span), span.start)
        lowered = view.lowers[chain.start : chain.stop]
        for i in chain:
            year = as_year(view.texts[i])
            if year is not None and year != this_year:
                return True, year
        if any(w in words("past_qualifiers") for w in lowered) or _times_title(lowered):
            last_year = "last" in lowered and "year" in lowered
            return True, this_year - 1 if last_year and this_year else None
    texts, lowers = view.texts, view.lowers
    for i in range(span.start, span.end):
        year = as_year(texts[i])
        if year is not None and this_year is not None and year != this_year:
            return True, year
    sent = view.sentence(span.start)
    lo = view.clause_start(span.start, sent.start)
    hi = view.clause_end(span.end, sent.end)
    asides = _asides(view, lo, hi, span)
    text = " " + " ".join(lowers[i] for i in range(lo, hi) if i not in asides) + " "
    # "last year's winner Niewiadoma": a title of someone, not the time of this placing
    if any(cue in text and owned not in text and owned_curly not in text for cue, owned, owned_curly in _earlier_cues()):
        return True, this_year - 1 if this_year and (" last year " in text or " last season " in text) else None
    for i in range(span.end, hi - 1):  # "wore the yellow jersey in 2022"
        year = as_year(texts[i + 1])
        if lowers[i] in ("in", "of") and year is not None and this_year is not None and year < this_year:
            return True, year
    return False, None


@lru_cache(maxsize=1)
def _earlier_cues() -> tuple[tuple[str, str, str], ...]:
    """Each earlier-time cue as _earlier looks for it in a clause: alone (" last year "), and as
    an owner (" last year 's ", " last year ’s "); built once, not for every placing."""
    return tuple((f" {cue} ", f" {cue} 's ", f" {cue} ’s ") for cue in words("earlier_time_cues"))


def _asides(view: ArticleView, lo: int, hi: int, span: Span) -> set[int]:
    """Tokens of relative clauses set off by commas that do not hold the placing: "Vollering, who
    finished second overall last year, remains fifth" says nothing of when she is fifth."""
    texts, lowers = view.texts, view.lowers
    out: set[int] = set()
    i = max(lo - 2, 0)  # the clause may open inside the relative clause, right after "who"
    while i < hi - 1:
        if texts[i] == "," and lowers[i + 1] in ("who", "which", "whose"):
            end = next((j for j in range(i + 2, hi) if texts[j] == ","), hi)
            if not (i <= span.start < end):
                out.update(range(i, end + 1))
            i = end
        i += 1
    return out


def _times_title(lowered: list[str]) -> bool:
    """"three-time", "multiple-time" (but not "first-time")."""
    return any(
        lowered[k] == "-" and lowered[k + 1] == "time" and k > 0 and lowered[k - 1] != "first"
        for k in range(len(lowered) - 1)
    )


def _premodifiers_start(view: ArticleView, span: Span) -> int:
    """Where the words before a title start, back to its determiner: "last year's Tour" in "last
    year's Tour winner" (span.start when there are none)."""
    texts, lowers = view.texts, view.lowers  # a token is a space when its text is (spaCy's IS_SPACE)
    floor = max(view.sentence(span.start).start, span.start - _CHAIN_MAX_TOKENS)
    i = span.start
    while i > floor and not (lowers[i - 1] in words("title_chain_stops") or texts[i - 1].isspace() or view.mention_ending_at(i) is not None):
        i -= 1
    return i


def _race(view: ArticleView, span: Span, rule: dict, triggers: list[Span], context: _Context) -> _Race:
    sentence = view.sentence_index(span.start)
    sent = view.sentence(span.start)
    lo = view.clause_start(span.start, sent.start)
    hi = view.clause_end(span.end, sent.end)
    later = [t.start for t in triggers if t.start >= span.end and t.start < hi]
    earlier = [t.end for t in triggers if t.end <= span.start and t.start >= lo]
    found = view.ent_of("RACE", span) or next(
        (e for e in view.ents_of("RACE", span.end, min(later, default=hi)) if _after_locative(view, e, words("race_locatives"))), None
    )
    if found is None and not earlier:
        found = next((e for e in view.ents_of("RACE", lo, span.start) if _after_locative(view, e, words("race_before_prepositions"))), None)
    if found is None and rule.get("rider", "subject") != "subject":
        found = _title_race(view, span)
    if found is not None:
        race = _Race(found.id_ or None, _race_name(view, found.id_, found.text), view.refs.get(found.id_, {}).get("type"), True)
        context.sentence_races[sentence] = race
        return race
    if sentence in context.sentence_races:
        return context.sentence_races[sentence]
    about = view.about
    return _Race(about.race_id, _race_name(view, about.race_id, about.race), about.race_type, False)


def _title_race(view: ArticleView, span: Span) -> Span | None:
    """"Tour de France winner Chris Froome": the race a title names before it."""
    start = _premodifiers_start(view, span)
    if start == span.start:
        return None
    return next(iter(view.ents_of("RACE", start, span.start)), None)


def _after_locative(view: ArticleView, race: Span, prepositions: frozenset[str]) -> bool:
    i = race.start - 1
    while i >= 0 and (view.lowers[i] in words("race_fillers") or as_year(view.texts[i]) is not None):
        i -= 1
    return i >= 0 and view.lowers[i] in prepositions


def _race_name(view: ArticleView, race_id: str | None, fallback: str | None) -> str | None:
    """The gazetteer's name when the article uses it, else the name the article uses most
    ("Giro Donne" for the Giro d'Italia Women): readers know a race by the name they read."""
    canonical = view.refs.get(race_id, {}).get("canonical") if race_id else None
    names = view.race_names.get(race_id, []) if race_id else []
    if canonical is None or not names or name_key(canonical) in {name_key(n) for n in set(names)}:
        return canonical or fallback
    counts = Counter(names)
    best = max(counts, key=lambda n: (counts[n], -names.index(n)))
    return best if len(best.split()) >= 2 else canonical


def _national_race(view: ArticleView, span: Span, race: _Race) -> _Race:
    """"an eighth Slovakian national title": the championship of the nation named, else the one
    the sentence or the article is about."""
    if race.named or (race.name and "national" in race.name.lower()):
        return race
    demonym = next((view.texts[i] for i in range(span.start, span.end) if view.lowers[i] in words("demonyms")), None)
    if demonym is not None:
        return _Race(None, f"{demonym.capitalize()} National Championships", "one-day", True)
    return _Race(None, None, "one-day", False)


# --- classification and stage ---------------------------------------------------------------------


def _classification(
    view: ArticleView, span: Span, rule: dict, stage_refs: list[StageRef], triggers: list[Span], race: _Race
) -> str | None:
    inner = _cue_inside(view, span)
    own = rule.get("classification")
    if own == "cue_only":
        return inner
    if own == "race_or_gc":
        if inner is not None and inner != "stage":
            return inner
        return "stage" if stage_refs else "race" if race.type == "one-day" else "gc"
    if own is not None:
        return own
    if any(_gap(ref.span, span) <= 1 for ref in stage_refs):  # "Stage 2 winner", "won stage 4"
        return "stage"
    if race.type != "one-day" and view.race_total_in_sentence(span):
        return "gc"  # "secured victory in 21 hours 25 minutes 14 seconds": no stage lasts that long
    if rule.get("rider", "subject") != "subject" and _title_race(view, span) is not None:
        return "race" if race.type == "one-day" else "gc"  # "Tour de France winner Chris Froome"
    others = [t for t in triggers if t != span] + [r.span for r in stage_refs]
    classification = view.cue_classification(span, exclude=others)
    if classification is None and stage_refs:
        classification = "stage"
    if classification is None and race.named and race.id != view.about.race_id:
        classification = "race" if race.type == "one-day" else "gc"  # "second in the Giro d'Italia"
    if classification is None:
        classification = view.previous_classification(span.start) or view.previous_sentence_cue(span.start)
    return classification or view.default_classification()


def _cue_inside(view: ArticleView, span: Span) -> str | None:
    found = [c for c in view.cues if span.start <= c.span.start and c.span.end <= span.end]
    return found[-1].rule["classification"] if found else None


def _gap(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


def _heading_stages(view: ArticleView) -> list[tuple[int, int | str]]:
    """Short lines that name a stage ("Stage 7 – the muddy one", "Itzulia stage 6 - How it
    happened"): the stage of the prose below them."""
    doc = view.doc
    out: list[tuple[int, int | str]] = []
    for ref in view.stage_refs:
        if view.in_quote(ref.span):
            continue
        line = line_of(doc, ref.span.start, ref.span.end)
        start, end = line.start, line.end
        last = view.texts[end - 1] if end > start else ""
        if end - start <= HEADING_MAX_TOKENS and last not in (".", "!", "?") and (not out or out[-1][0] != start):
            if _previews(view, start):
                continue
            out.append((start, ref.values[0]))
    return out


def _previews(view: ArticleView, line_start: int) -> bool:
    """A heading of a stage still to come ("Coming up" / "Stage 6 - Thursday, Mâcon to Dijon"):
    the prose under it previews, it reports no result. (A higher stage number alone says
    nothing: a week's review has a section per stage.)"""
    texts = view.texts  # a token is a space when its text is (spaCy's IS_SPACE)
    j = line_start - 1  # the line above the heading
    while j >= 0 and texts[j].isspace():
        j -= 1
    if j < 0:
        return False
    above = line_of(view.doc, j)
    text = " ".join(view.lowers[above.start : above.end]) if len(above) <= HEADING_MAX_TOKENS else ""
    return any(cue in text for cue in words("preview_headings"))


def _stage_at(headings: list[tuple[int, int | str]], position: int, default: int | str | None) -> int | str | None:
    k = bisect.bisect_right([h[0] for h in headings], position) - 1
    return headings[k][1] if k >= 0 else default


def _dated_by_the_tables(view: ArticleView, listed: list[Result], prose: list[Result]) -> list[Result]:
    """Today's placings in prose when the text names no stage ("finished 38th on the day") take
    the stage of the article's results tables, when they all give one and the same stage."""
    about = view.about
    stages = {r.stage for r in listed if r.stage is not None and r.race_id == about.race_id}
    if about.stage is not None or len(stages) != 1:
        return prose
    stage = stages.pop()
    return [
        r.model_copy(update={"stage": stage}) if r.stage is None and r.classification in ("stage", "gc") and r.race_id == about.race_id and r.year == about.year
        else r
        for r in prose
    ]


# --- one record per placing -----------------------------------------------------------------------


def _key(result: Result) -> tuple:
    return (result.classification, result.race_id or result.race, result.rank, result.rider_id or result.rider)


def merge(results: list[Result]) -> list[Result]:
    """One record per placing: later readings fill what the first one lacked.

    Two readings with different stages are different placings ("third on stage 2 and 3").
    """
    merged: list[Result] = []
    by_key: dict[tuple, list[int]] = {}  # the places in `merged` of each key: tables hold hundreds of rows
    for result in results:
        places = by_key.setdefault(_key(result), [])
        at = next((k for k in places if merged[k].stage is None or result.stage is None or merged[k].stage == result.stage), None)
        if at is None:
            places.append(len(merged))
            merged.append(result)
            continue
        twin = merged[at]
        updates = {
            name: getattr(result, name)
            for name in ("stage", "year", "team", "team_id", "time", "gap")
            if getattr(twin, name) is None and getattr(result, name) is not None
        }
        if updates:
            merged[at] = twin.model_copy(update=updates)
    return merged
