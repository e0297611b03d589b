"""An ArticleRecord as the rows of the results database, before any of them is written.

Kept apart from the loader so that what a record becomes can be read (and tested) without a
database, and so that a record is fully converted before its transaction starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import ArticleRecord, Evidence
from ..text.fold import name_key
from .entities import References, stage_number

LABEL_KINDS = {"RIDER": "rider", "TEAM": "team", "RACE": "race", "CLIMB": "climb"}


@dataclass
class ArticleRows:
    """The article row, its fact rows by table name, and the reference rows they point to."""

    article: dict[str, Any]
    facts: dict[str, list[dict[str, Any]]]
    references: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)


def _text(value: Any) -> Any:
    # PostgreSQL refuses NUL in text; it is one character either way, so offsets still hold.
    return value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _text(value) for key, value in row.items()}


def _has_nul(record: ArticleRecord) -> bool:
    """Whether any text of the record has a NUL. Names, sentences and quotes are cut from the
    text (or come from the gazetteer), so the article's own fields are enough to look at."""
    fields = (record.text, record.headline, record.subheadline, record.dateline, record.publisher, record.source.path, record.source.url)
    return any(value and "\x00" in value for value in fields)


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {"start_char": evidence.start, "end_char": evidence.end, "sentence": evidence.sentence}


def article_rows(record: ArticleRecord, references: References) -> ArticleRows:
    """Every row the record gives; `references` collects the reference rows its facts name."""
    ref = references.entity
    about = record.about
    about_race = ref("race", about.race_id, about.race) if about.race or about.race_id else None
    article = {
        "id": record.id,
        "sha256": record.source.sha256,
        "schema_version": record.schema_version,
        "source_path": record.source.path,
        "source_url": record.source.url,
        "source_line": record.source.line,
        "published": record.published,
        "headline": record.headline,
        "subheadline": record.subheadline,
        "dateline": record.dateline,
        "publisher": record.publisher,
        "race_id": about_race,
        "race_type": about.race_type,
        "year": about.year,
        "stage": stage_number(about.stage),
        "text": record.text,
    }
    own = {"article_id": record.id}

    results = []
    for n, r in enumerate(record.results):
        race_id = ref("race", r.race_id, r.race) if r.race or r.race_id else None
        stage = stage_number(r.stage)
        results.append({
            **own, "ordinal": n, "classification": r.classification, "race": r.race, "race_id": race_id,
            "year": r.year, "stage": stage,
            "stage_id": references.stage(race_id, r.year, stage) if race_id is not None and stage is not None else None,
            "rank": r.rank, "rider": r.rider, "rider_id": ref("rider", r.rider_id, r.rider),
            "team": r.team, "team_id": ref("team", r.team_id, r.team) if r.team or r.team_id else None,
            "time": r.time, "gap": r.gap, "same_time": r.same_time, "method": r.method, **_evidence(r.evidence),
        })
    gaps = [
        {
            **own, "ordinal": n, "rider": g.rider, "rider_id": ref("rider", g.rider_id, g.rider), "seconds": g.seconds,
            "classification": g.classification, "reference": g.reference,
            "reference_id": ref("rider", g.reference_id, g.reference) if g.reference or g.reference_id else None,
            "relation": g.relation, **_evidence(g.evidence),
        }
        for n, g in enumerate(record.gaps)
    ]
    quotes = [
        {
            **own, "ordinal": n, "speaker": q.speaker, "speaker_key": name_key(q.speaker) if q.speaker else None,
            "rider_id": ref("rider", q.speaker_id, q.speaker or q.speaker_id) if q.speaker_id and q.speaker_id.startswith("rider:") else None,
            "text": q.text, **_evidence(q.evidence),
        }
        for n, q in enumerate(record.quotes)
    ]
    programmes = [
        {
            **own, "ordinal": n, "rider": p.rider, "rider_id": ref("rider", p.rider_id, p.rider),
            "race": p.race, "race_id": ref("race", p.race_id, p.race), **_evidence(p.evidence),
        }
        for n, p in enumerate(record.programmes)
    ]
    climbs = [
        {
            **own, "ordinal": n, "name": c.name, "climb_id": ref("climb", c.id, c.name),
            "length_km": c.length_km, "gradient_pct": c.gradient_pct, **_evidence(c.evidence),
        }
        for n, c in enumerate(record.climbs)
    ]
    mentions = []
    for n, e in enumerate(record.entities):
        kind = LABEL_KINDS.get(e.label)
        entity_id = ref(kind, e.id, e.canonical or e.text) if kind else e.id  # type: ignore[arg-type]
        mentions.append({
            **own, "ordinal": n, "label": e.label, "text": e.text, "canonical": e.canonical, "entity_id": entity_id,
            "source": e.source, "start_char": e.start, "end_char": e.end,
        })
    facts = {
        "results": results, "gaps": gaps, "quotes": quotes, "programmes": programmes,
        "climb_facts": climbs, "mentions": mentions,
    }
    if _has_nul(record):
        article = _clean(article)
        facts = {table: [_clean(row) for row in rows] for table, rows in facts.items()}
    return ArticleRows(article=article, facts=facts, references=references.rows)
