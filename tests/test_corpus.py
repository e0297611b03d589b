"""Every article in corpus/ with a gold file, scored against it: the regression suite.

An article added to corpus/ with its gold file is tested from then on. The bounds sit just
under today's scores (all 1.0), so a regression of a fact or two fails.
"""

import json
from pathlib import Path

import pytest

from pipeline.evaluation import FACT_KINDS, LABELS, Matcher, evaluate
from pipeline.reader import read_paths

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BOUNDS = {**{kind: 0.98 for kind in FACT_KINDS}, **{f"entities.{l}": 0.97 for l in LABELS}}


@pytest.fixture(scope="module")
def report(extractor):
    articles = [a for a in read_paths([CORPUS]) if (CORPUS / f"{a.id}.gold.json").exists()]
    records = {a.id: json.loads(extractor(a).model_dump_json()) for a in articles}
    return evaluate(CORPUS, records, Matcher(extractor.gazetteer))


def test_every_gold_file_has_its_article(report):
    assert report.missing == []


@pytest.mark.parametrize("kind", [*FACT_KINDS, *(f"entities.{l}" for l in LABELS)])
def test_facts_reach_their_bound(report, kind):
    tally = report.tallies[kind]
    assert tally.f1 >= BOUNDS[kind], "\n".join(["misses:", *tally.misses, "extras:", *tally.extras])


def test_boilerplate_and_dates_are_exact(report):
    assert report.boilerplate_failures == []
    assert report.date_failures == []
