"""The record racefacts writes for each article: the one source of its JSON Schema.

Field names that the evaluation scorer reads (`text`, `published`, `entities`, `results`,
`gaps`, `quotes`, `programmes`, `climbs`, and the fact fields inside them) are a public
contract: rename one and every stored record and gold file breaks. Bump `SCHEMA_VERSION`
when a field changes meaning or shape, so a results database can tell old records apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Final = "1.2"  # 1.1: Result.same_time, Entity.source "fuzzy"; 1.2: Source.url, Source.line

Classification = Literal["stage", "gc", "race", "points", "mountains", "youth"]
EntityLabel = Literal["RIDER", "TEAM", "RACE", "CLIMB", "PERSON"]
Stage = Annotated[int, Field(ge=1)] | Literal["prologue"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Offsets(Model):
    """A model with `start` and `end` offsets (declared by each model, where they read best)."""

    @model_validator(mode="after")
    def _ordered(self) -> "Offsets":
        if self.end < self.start:  # type: ignore[attr-defined]
            raise ValueError(f"end {self.end} is before start {self.start}")  # type: ignore[attr-defined]
        return self


class Evidence(Offsets):
    """Where a fact was read: offsets into the record's `text`, and the sentence that holds it."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: str


class Source(Model):
    path: str | None = Field(None, description="The file the article was read from; null for stdin.")
    sha256: str = Field(description="SHA-256 of the raw bytes, so a re-extraction can be detected.")
    url: str | None = Field(None, description="The page's address, when a dump line gives it.")
    line: int | None = Field(None, description="The line of the dump the article was read from.")


class Removed(Offsets):
    """A block of the raw article that is not article body, kept so nothing is silently dropped."""

    kind: str = Field(description="Why it was removed: paywall, newsletter, author_bio, related_links, ...")
    rule: str = Field(description="The cleaner rule that removed it.")
    start: int = Field(ge=0, description="Offset into the raw text.")
    end: int = Field(ge=0)
    at: int = Field(ge=0, description="Offset into `text` where it stood, to show it in place.")
    text: str


class Entity(Offsets):
    label: EntityLabel
    text: str = Field(description="The mention as written.")
    start: int = Field(ge=0, description="Offset into `text`.")
    end: int = Field(ge=0)
    canonical: str | None = Field(
        description="The gazetteer's spelling of the name (for teams, of the season name used); "
        "null when the name is not in the gazetteer."
    )
    id: str | None = Field(description="Stable gazetteer id, shared by every name of the entity.")
    source: Literal["gazetteer", "alias", "context", "fuzzy", "attribution"] = Field(
        description="gazetteer: matched a pattern; alias: a short form of a full mention in the "
        "same article; context: found by its surroundings; fuzzy: found by its surroundings and "
        "linked to the gazetteer name it misspells; attribution: named as a speaker."
    )


class About(Model):
    """The race, year and stage the article reports, used for facts that do not name them."""

    race: str | None = None
    race_id: str | None = None
    race_type: Literal["stage", "one-day"] | None = None
    year: int | None = None
    stage: Stage | None = None


class Result(Model):
    classification: Classification
    race: str | None = None
    race_id: str | None = None
    year: int | None = None
    stage: Stage | None = Field(None, description="For standings, the stage after which they hold.")
    rank: int = Field(ge=1)
    rider: str
    rider_id: str | None = None
    team: str | None = Field(None, description="The team name as the article wrote it.")
    team_id: str | None = None
    time: int | None = Field(None, ge=0, description="Time in seconds, when given.")
    gap: int | None = Field(None, ge=0, description="Gap to the leader in seconds, when given.")
    same_time: bool = Field(
        False, description="The row printed 's.t.' or 'same time': `gap` is then the gap of the rider before."
    )
    method: Literal["list", "prose"]
    evidence: Evidence


class Gap(Model):
    rider: str
    rider_id: str | None = None
    seconds: int = Field(ge=0)
    classification: Classification
    reference: str | None = Field(None, description="The rider the gap is measured to, when named.")
    reference_id: str | None = None
    relation: Literal["behind", "ahead"] = Field(
        description="behind: the rider trails by `seconds`; ahead: the rider leads by `seconds`."
    )
    evidence: Evidence


class Quote(Model):
    speaker: str | None = Field(description="The speaker's fullest name in the article; null when unknown.")
    speaker_id: str | None = None
    text: str = Field(description="The words inside the quotation marks; paragraphs joined by a space.")
    evidence: Evidence


class Programme(Model):
    rider: str
    rider_id: str | None = None
    race: str
    race_id: str | None = None
    evidence: Evidence


class Climb(Model):
    name: str
    id: str | None = None
    length_km: float | None = Field(None, gt=0, le=400, description="As the article gives it.")
    gradient_pct: float | None = Field(None, gt=0, le=40, description="As the article gives it.")
    evidence: Evidence


class ArticleRecord(Model):
    """Everything racefacts read from one article."""

    schema_version: Literal[SCHEMA_VERSION] = SCHEMA_VERSION
    id: str
    source: Source
    published: dt.date | None = None
    headline: str | None = None
    subheadline: str | None = None
    dateline: str | None = None
    publisher: str | None = None
    text: str = Field(description="The article body (with its headline) after boilerplate is removed.")
    removed: list[Removed] = []
    warnings: list[str] = []
    about: About = About()
    entities: list[Entity] = []
    results: list[Result] = []
    gaps: list[Gap] = []
    quotes: list[Quote] = []
    programmes: list[Programme] = []
    climbs: list[Climb] = []


def json_schema() -> dict:
    return ArticleRecord.model_json_schema()


class ErrorRecord(Model):
    """An article that gave no record, and why: written to errors.jsonl so nothing is lost silently."""

    id: str
    source: str | None
    kind: str
    message: str
