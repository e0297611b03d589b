"""Shared fixtures: one pipeline for the whole session (loading it is the slow part)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.extraction import Extractor
from pipeline.reader import Article
from pipeline.records import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def read(extractor):
    """Extract a record from a text written in the test."""

    def run(text: str, article_id: str = "test") -> ArticleRecord:
        return extractor(Article(article_id, text, hashlib.sha256(text.encode()).hexdigest()))

    return run


@pytest.fixture(scope="session")
def seed(extractor):
    """The record of a seed article in corpus/, by its number ("000")."""
    cache: dict[str, ArticleRecord] = {}

    def run(number: str) -> ArticleRecord:
        if number not in cache:
            path = next(CORPUS.glob(f"{number}_*.txt"))
            data = path.read_bytes()
            cache[number] = extractor(Article(path.stem, data.decode("utf-8"), hashlib.sha256(data).hexdigest(), str(path)))
        return cache[number]

    return run


def results_of(record: ArticleRecord) -> set[tuple]:
    return {(r.classification, r.stage, r.rank, r.rider) for r in record.results}


def gaps_of(record: ArticleRecord) -> set[tuple]:
    return {(g.rider, g.seconds) for g in record.gaps}


def programmes_of(record: ArticleRecord) -> set[tuple]:
    return {(p.rider, p.race) for p in record.programmes}
