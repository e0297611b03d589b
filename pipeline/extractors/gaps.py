"""Gaps: time differences between a named rider and another rider or the winner.

Each duration in the text is read with the words around it: "17 seconds behind winner Richie
Porte" (the clause subject trails Porte), "leads Van Gils by four seconds" (Van Gils trails the
subject), "with Ulissi at six seconds" (Ulissi trails), "40 seconds to the closest rival" and
"a 40-second advantage" (the subject leads). Numbered results rows give gaps too. Durations with
no rider to attach to (a breakaway's lead) are left out.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..records import Gap, Result
from ..rules import words
from .arguments import ArticleView

MAX_REFERENCE_DISTANCE = 7  # "ahead of last year's stage 6 winner Ion Izagirre"


def gaps(view: ArticleView, results: list[Result]) -> list[Gap]:
    found: list[Gap] = []
    for duration, seconds in zip(view.durations, view.duration_values):
        if view.in_quote(duration):
            continue
        gap = _read(view, duration, seconds, found[-1] if found else None)
        if gap is not None:
            found.append(gap)
    found += _table_gaps(results)
    unique: dict[tuple, Gap] = {}
    for gap in found:  # the same gap read twice (prose and table) is one gap, with both readings' details
        key = (gap.rider_id or gap.rider, gap.seconds)
        first = unique.setdefault(key, gap)
        if first is not gap and first.reference is None and gap.reference is not None:
            unique[key] = first.model_copy(update={"reference": gap.reference, "reference_id": gap.reference_id})
    return list(unique.values())


def _table_gaps(results: list[Result]) -> list[Gap]:
    """The gap each row of a results list prints, to the list's winner; a row printed "s.t."
    says nothing of its own."""
    leaders = {(r.classification, r.race_id, r.stage): r for r in results if r.method == "list" and r.rank == 1}
    out = []
    for r in results:
        if r.method != "list" or not r.gap or r.same_time or not (r.rider_id or r.rider):
            continue
        leader = leaders.get((r.classification, r.race_id, r.stage))
        out.append(Gap(
            rider=r.rider,
            rider_id=r.rider_id,
            seconds=r.gap,
            classification=r.classification,
            reference=leader.rider if leader else None,
            reference_id=leader.rider_id if leader else None,
            relation="behind",
            evidence=r.evidence,
        ))
    return out


def _read(view: ArticleView, duration: Span, seconds: int | None, previous: Gap | None) -> Gap | None:
    """The gap a duration of `seconds` states, if any; `previous` is the gap read before it, the
    reference of "three minutes further back"."""
    doc, lowers = view.doc, view.lowers
    if not seconds:
        return None
    after = lowers[duration.end : duration.end + 5]
    chained = bool(after) and after[0] in words("gap_chain_words")  # "12 seconds further back"
    if chained:
        after = after[1:]
    before = lowers[duration.start - 1] if duration.start > 0 else ""
    before2 = lowers[duration.start - 2] if duration.start > 1 else ""
    relation: str | None = None
    rider: Span | None = None
    reference: Span | None = None
    classification_hint = None

    if (after and after[0] in words("gap_separation_words") and after[1:2] and after[1] in words("gap_pair_words")) or (
        before == "by" and before2 in words("gap_separation_words")
    ):
        return _separation(view, duration, seconds)
    if after and (after[0] in words("gap_behind_after") or after[:2] == ["in", "arrears"]):
        relation, rider = "behind", view.subject(duration)
        reference = _name_after(view, duration.end + 1)
    elif after and (after[0] in words("gap_ahead_after") or (after[0] == "to" and any(w in words("gap_rivals") for w in after[1:]))):
        relation, rider = "ahead", view.subject(duration)
        reference = _name_after(view, duration.end + 1)
    elif before == "at":
        relation = "behind"
        rider = _name_before_at(view, duration.start - 1) or view.subject(duration)
        reference = view.sentence_subject(duration)
    elif before == "by":
        verb_at, named = _lead_verb(view, duration.start - 1)
        if verb_at is not None:
            relation, rider = "behind", named
            reference = view.subject(doc[verb_at : verb_at + 1])
            classification_hint = "gc" if lowers[verb_at].startswith("lead") else None
        elif any(w in words("win_verbs") for w in lowers[max(duration.start - 6, view.sentence(duration.start).start) : duration.start]):
            relation, rider = "ahead", view.subject(duration)  # "won by 1:02 over Fuglsang"
            reference = _name_after(view, duration.end + 1) if after and after[0] in words("gap_ahead_after") else None
    elif before == "of" and (before2 in words("gap_ahead_nouns") or before2 in words("gap_behind_nouns")):
        relation = "ahead" if before2 in words("gap_ahead_nouns") else "behind"
        rider = view.subject(duration)
    if relation == "ahead" and reference is not None and (rider is None or view.plural(rider)) and view.rider(reference) is not None:
        # "both ... eight seconds above Ciccone": only the trailing rider is named
        return _trailing(view, duration, seconds, reference, classification_hint)
    if relation is None or rider is None or view.plural(rider):
        return None
    person = view.rider(rider)
    if person is None or view.hypothetical(duration, rider if rider.end <= duration.start else None) or view.before_the_stage(duration):
        return None
    ref_person = view.person(reference) if reference is not None else None
    if ref_person is not None and ref_person.id == person.id:
        ref_person = None
    if relation == "ahead" and ref_person is not None and view.rider(reference) is not None:
        # "a 35-second advantage over Pogačar": the gap is the trailing rider's
        person, ref_person, relation = view.rider(reference), person, "behind"
    classification = _classification(view, duration, classification_hint)
    start, end = min(rider.start, duration.start), max(rider.end, duration.end)
    reference_name = ref_person.name if ref_person else (previous.rider if chained and previous and relation == "behind" else None)
    reference_id = ref_person.public_id if ref_person else (previous.rider_id if reference_name and previous else None)
    return Gap(
        rider=person.name,
        rider_id=person.public_id,
        seconds=seconds,
        classification=classification,
        reference=reference_name,
        reference_id=reference_id,
        relation=relation,
        evidence=view.evidence(start, end),
    )


def _classification(view: ArticleView, duration: Span, hint: str | None) -> str:
    found = hint or view.cue_classification(duration, exclude=[]) or ("gc" if view.race_total_in_sentence(duration) else None)
    return found or view.previous_classification(duration.start) or view.default_classification()


def _trailing(view: ArticleView, duration: Span, seconds: int, trailing: Span, hint: str | None) -> Gap | None:
    """A gap said of the leaders where only the rider behind them is named."""
    person = view.rider(trailing)
    if person is None or view.hypothetical(duration, None) or view.before_the_stage(duration):
        return None
    return Gap(
        rider=person.name,
        rider_id=person.public_id,
        seconds=seconds,
        classification=_classification(view, duration, hint),
        relation="behind",
        evidence=view.evidence(duration.start, trailing.end),
    )


def _separation(view: ArticleView, duration: Span, seconds: int) -> Gap | None:
    """"Pogačar leads Vingegaard overall. Four seconds separate them": the gap of a pair, named
    before it in its sentence or the one before, is the second rider's; reports name the
    leader first ("Vos and Le Court are separated by six seconds")."""
    sentence = view.sentence_index(duration.start)
    lo = view.sentence(duration.start).start
    pair: list[Span] = []
    for start in (lo, view.sentence_start(sentence - 1)):
        if start is None:
            break
        found = [m for m in view.mentions_between(start, duration.start) if view.rider(m) is not None]
        people = list({view.rider(m).id: m for m in reversed(found)}.values())[::-1]  # first mention of each
        if len(people) == 2:
            pair = people
            break
        if people:
            return None  # one rider, or more than two: no pair to speak of
    if len(pair) != 2 or view.hypothetical(duration, None) or view.before_the_stage(duration):
        return None
    leader, trailing = (view.rider(m) for m in pair)
    return Gap(
        rider=trailing.name,
        rider_id=trailing.public_id,
        seconds=seconds,
        classification=_classification(view, duration, None),
        reference=leader.name,
        reference_id=leader.public_id,
        relation="behind",
        evidence=view.evidence(min(pair[0].start, duration.start), duration.end),
    )


def _name_after(view: ArticleView, i: int) -> Span | None:
    """The rider a gap is measured to, named within a few words after it: "ahead of stage 6
    winner Ion Izagirre", "better than runner-up Søren Kragh Andersen", "over Astana's Jakob
    Fuglsang"; not past a comma or into the next clause."""
    n, texts, lowers = len(view.doc), view.texts, view.lowers
    stop = min(i + MAX_REFERENCE_DISTANCE, n, view.sentence(i).end if i < n else n)
    while i < stop:
        mention = view.mention_at(i)
        if mention is not None:
            return mention
        if texts[i] in {",", ";", ":", "(", "."} or lowers[i] in words("clause_boundaries") or lowers[i] in words("coordinators"):
            return None  # "12 seconds back and Roglič ...": the name after "and" is a subject of its own
        i += 1
    return None


def _name_before_at(view: ArticleView, at: int) -> Span | None:
    """The name an "at <time>" belongs to: "Ulissi at six seconds", "Caruso of Bahrain Victorious
    at 1:41", "Evenepoel third overall at 2:10", "Mas (Movistar) was third overall at 49 seconds"."""
    texts, lowers = view.texts, view.lowers
    j = at - 1
    stop = max(at - 8, view.sentence(at).start)
    depth = 0
    while j >= stop:
        depth += texts[j] == ")"
        depth -= texts[j] == "("
        if depth == 0 and (texts[j] == "," or lowers[j] in words("clause_boundaries")):
            return None
        mention = view.mention_ending_at(j + 1)
        if mention is not None and depth == 0:
            return mention
        j -= 1
    return None


def _lead_verb(view: ArticleView, by: int) -> tuple[int | None, Span | None]:
    """In "leads Van Gils by": the verb's index and the name between it and "by"."""
    named = view.mention_ending_at(by)
    if named is None:
        return None, None
    i = named.start - 1
    if i >= 0 and view.lowers[i] == "of":
        i -= 1
    if i >= 0 and view.lowers[i] in words("lead_verbs"):
        return i, named
    return None, None


