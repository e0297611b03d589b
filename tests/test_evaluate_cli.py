"""racefacts evaluate: scores against gold files, from a folder or a dump, with every miss and
extra listed, so a reviewer's corrected gold file is a regression test."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
NAME = "t101_paris_nice_stage5"


def run(*args):
    return CliRunner().invoke(app, ["evaluate", *map(str, args)])


def rows(output: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in output.splitlines() if line[:1].isalpha() and len(line.split()) == 7 and not line.startswith("kind")}


@pytest.fixture
def gold(tmp_path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    shutil.copy(ROOT / "corpus" / f"{NAME}.gold.json", folder)
    return folder


@pytest.fixture
def worse(tmp_path) -> Path:
    """t101's record without its stage winner and with a gap the article does not give."""
    folder = tmp_path / "out"
    folder.mkdir()
    record = json.loads((ROOT / "outputs" / f"{NAME}.json").read_text(encoding="utf-8"))
    assert (record["results"][0]["rider"], record["results"][0]["rank"]) == ("Mads Pedersen", 1)
    del record["results"][0]
    record["gaps"].append(dict(record["gaps"][0], seconds=99))
    (folder / f"{NAME}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return folder


def test_scores_and_details(gold, worse):
    result = run(gold, worse, "--details")
    assert result.exit_code == 0, result.output
    table = rows(result.output)
    assert table["results"] == ["1.000", "0.929", "0.963", "13", "0", "1"]
    assert table["gaps"] == ["0.923", "1.000", "0.960", "12", "1", "0"]
    assert table["quotes"] == ["1.000", "1.000", "1.000", "5", "0", "0"]
    details = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert details == [
        f'  miss   {NAME} results: {{"classification": "stage", "race": "Paris-Nice", "stage": 5, "rank": 1, "rider": "Mads Pedersen", "team": "Lidl-Trek"}}',
        f'  extra  {NAME} gaps: {{"rider": "Wout van Aert", "rider_id": "rider:wout-van-aert", "seconds": 99, "classification": "stage", '
        '"reference": "Mads Pedersen", "reference_id": "rider:mads-pedersen", "relation": "behind"}',
    ]
    assert not [line for line in run(gold, worse).output.splitlines() if line.startswith("  ")]  # no details unasked


def test_a_dump_scores_as_its_folder(gold, worse, tmp_path):
    line = (worse / f"{NAME}.json").read_text(encoding="utf-8") + "\n"
    dump = tmp_path / "run.jsonl"
    dump.write_text(line, encoding="utf-8")
    packed = tmp_path / "run.jsonl.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as out:
        out.write(line)
    expected = run(gold, worse, "--details").output
    assert "miss" in expected
    assert run(gold, dump, "--details").output == expected
    assert run(gold, packed, "--details").output == expected


def test_the_corpus_scores_perfectly_from_outputs():
    table = rows(run(ROOT / "corpus", ROOT / "outputs").output)
    assert set(table) == {"results", "gaps", "quotes", "programmes", "climbs", "entities.RIDER", "entities.TEAM", "entities.RACE", "entities.CLIMB"}
    assert all(values[2] == "1.000" for values in table.values()), table


def test_unreadable_records_and_missing_ones_are_reported(gold, tmp_path):
    dump = tmp_path / "run.jsonl"
    dump.write_text('{"id": "t101_paris_nice_stage5"}\nnot json\n', encoding="utf-8")
    result = run(gold, dump)
    assert result.exit_code == 1
    assert f"{dump}:1: invalid record" in result.output and f"{dump}:2: not JSON" in result.output
    assert f"no record for: {NAME}" in result.output
    assert rows(result.output)["results"][3:] == ["0", "0", "14"]
