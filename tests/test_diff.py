"""racefacts diff: the facts two runs disagree on, by content, article by article."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.diffing import KINDS, describe, diff_runs, load_run

OUTPUTS = Path(__file__).resolve().parent.parent / "outputs"
T101 = "t101_paris_nice_stage5.json"
T104 = "t104_tour_ventoux.json"
SEED = "003_b2d3748060a9a99c.json"


def run(*args):
    return CliRunner().invoke(app, ["diff", *map(str, args)])


def edit(path: Path, change) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture
def runs(tmp_path) -> tuple[Path, Path]:
    """OLD is outputs/; NEW lost t101's stage winner and gained an entity there, has another gap
    in t104, lacks the seed 003 and has an article OLD lacks."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(OUTPUTS, old)
    shutil.copytree(OUTPUTS, new)

    def t101(record):
        assert (record["results"][0]["rider"], record["results"][0]["rank"]) == ("Mads Pedersen", 1)
        del record["results"][0]
        start = record["text"].index("Sisteron")
        record["entities"].append(
            {"label": "CLIMB", "text": "Sisteron", "start": start, "end": start + 8, "canonical": None, "id": None, "source": "context"}
        )

    def t104(record):
        assert (record["gaps"][0]["rider"], record["gaps"][0]["seconds"]) == ("Tadej Pogačar", 35)
        record["gaps"][0]["seconds"] = 36

    edit(new / T101, t101)
    edit(new / T104, t104)
    (new / SEED).unlink()
    record = json.loads((OUTPUTS / "t302_kuss_interview.json").read_text(encoding="utf-8"))
    record["id"] = "t999_only_new"
    (new / "t999_only_new.json").write_text(json.dumps(record), encoding="utf-8")
    return old, new


EXPECTED = """\
## t101_paris_nice_stage5
- results: stage 5 Paris-Nice 2024: 1. Mads Pedersen (Lidl-Trek) 4:12:33
+ entities: CLIMB Sisteron <no id>
## t104_tour_ventoux
- gaps: Tadej Pogačar 0:35 behind Jonas Vingegaard (gc)
+ gaps: Tadej Pogačar 0:36 behind Jonas Vingegaard (gc)
only in OLD (1): 003_b2d3748060a9a99c
only in NEW (1): t999_only_new

              added   lost
results           0      1
gaps              1      1
quotes            0      0
programmes        0      0
climbs            0      0
entities          1      0
13 articles compared, 2 changed, 1 only in OLD, 1 only in NEW
"""


def test_facts_added_and_lost_per_article_with_counts(runs):
    old, new = runs
    result = run(old, new)
    assert result.exit_code == 0, result.output
    assert result.output == EXPECTED


def test_exit_code_like_git_diff(runs, tmp_path):
    old, new = runs
    assert run(old, new, "--exit-code").exit_code == 1
    same = run(old, OUTPUTS, "--exit-code")
    assert same.exit_code == 0 and "14 articles compared, 0 changed, 0 only in OLD, 0 only in NEW" in same.output
    assert all(line.split()[1:] == ["0", "0"] for line in same.output.splitlines() if line.split()[:1] and line.split()[0] in KINDS)


def test_json(runs):
    old, new = runs
    result = run(old, new, "--json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert [a["id"] for a in report["articles"]] == ["t101_paris_nice_stage5", "t104_tour_ventoux"]
    t101, t104 = report["articles"]
    assert t101["added"] == {"entities": [{"label": "CLIMB", "text": "Sisteron", "canonical": None, "id": None, "source": "context"}]}
    (lost,) = t101["lost"]["results"]
    assert (lost["rider_id"], lost["rank"], lost["stage"], lost["time"], lost["team"]) == ("rider:mads-pedersen", 1, 5, 15153, "Lidl-Trek")
    assert "evidence" not in lost
    assert [g["seconds"] for g in t104["lost"]["gaps"]] == [35] and [g["seconds"] for g in t104["added"]["gaps"]] == [36]
    assert (report["only_old"], report["only_new"], report["compared"]) == (["003_b2d3748060a9a99c"], ["t999_only_new"], 13)
    assert report["summary"]["gaps"] == {"added": 1, "lost": 1} and report["summary"]["results"] == {"added": 0, "lost": 1}
    assert report["errors"] == []


def test_moved_offsets_and_respelled_names_are_no_change(tmp_path):
    new = tmp_path / "new"
    shutil.copytree(OUTPUTS, new)

    def shift(record):
        record["text"] = "Updated: " + record["text"]
        for entity in record["entities"]:
            entity["start"] += 9
            entity["end"] += 9
        for kind in ("results", "gaps", "quotes", "programmes", "climbs"):
            for fact in record[kind]:
                fact["evidence"]["start"] += 9
                fact["evidence"]["end"] += 9
        record["results"][0]["rider"] = "Pedersen"  # the same rider, by id
        record["results"][0]["method"] = "list"

    edit(new / T101, shift)
    assert run(OUTPUTS, new, "--exit-code").exit_code == 0


def test_a_new_id_for_the_same_name_shows_the_ids(tmp_path):
    new = tmp_path / "new"
    shutil.copytree(OUTPUTS, new)
    edit(new / T101, lambda r: r["programmes"].append(
        {"rider": "Mads Pedersen", "rider_id": "rider:mads-pedersen", "race": "Paris-Nice", "race_id": None,
         "evidence": {"start": 0, "end": 8, "sentence": "x"}}))
    edit(new / T104, lambda r: r["gaps"][0].update(rider_id="rider:someone-else"))
    result = run(OUTPUTS, new)
    facts = [line for line in result.output.splitlines() if line[:2] in ("+ ", "- ")]
    assert facts == [
        "+ programmes: Mads Pedersen → Paris-Nice",
        "- gaps: Tadej Pogačar <rider:tadej-pogacar> 0:35 behind Jonas Vingegaard <rider:jonas-vingegaard> (gc)",
        "+ gaps: Tadej Pogačar <rider:someone-else> 0:35 behind Jonas Vingegaard <rider:jonas-vingegaard> (gc)",
    ]


def test_facts_are_counted_not_just_present(tmp_path):
    new = tmp_path / "new"
    shutil.copytree(OUTPUTS, new)
    edit(new / T101, lambda r: r["results"].append(dict(r["results"][3])))
    result = run(OUTPUTS, new, "--json")
    assert json.loads(result.output)["summary"]["results"] == {"added": 1, "lost": 0}
    assert "+ results: stage 5 Paris-Nice 2024: 4. Primož Roglič (Bora-Hansgrohe) +0:09" in run(OUTPUTS, new).output


def test_dumps_compare_as_folders(runs, tmp_path):
    old, new = runs
    dump = tmp_path / "new.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as out:
        for path in sorted(new.glob("*.json"), reverse=True):  # order does not matter
            out.write(json.dumps(json.loads(path.read_text(encoding="utf-8"))) + "\n")
    plain = tmp_path / "old.jsonl"
    plain.write_text("".join(json.dumps(json.loads(p.read_text(encoding="utf-8"))) + "\n" for p in sorted(old.glob("*.json"))), encoding="utf-8")
    assert run(plain, dump).output == EXPECTED


def test_unreadable_records_are_trouble(runs):
    old, new = runs
    (new / "broken.json").write_text('{"id": "broken"', encoding="utf-8")
    shutil.copy(new / T104, new / "copy_of_t104.json")
    result = run(old, new)
    assert result.exit_code == 2
    assert "broken.json: not JSON" in result.output
    assert f"{new / T104}: duplicate id 't104_tour_ventoux', first in {new / 'copy_of_t104.json'}" in result.output
    assert "2 changed" in result.output  # the readable records are still compared


def test_load_and_describe():
    facts, errors = load_run(OUTPUTS)
    assert errors == [] and len(facts) == 14
    t101 = facts["t101_paris_nice_stage5"]
    assert "evidence" not in t101["results"][0] and "start" not in t101["entities"][0]
    assert describe("quotes", t101["quotes"][0]) == "Mads Pedersen: “I knew the last 500 metres suited me if I could start from the front,”"
    assert describe("entities", t101["entities"][0]) == "RIDER Pedersen = Mads Pedersen <rider:mads-pedersen>"
    assert describe("climbs", facts["003_b2d3748060a9a99c"]["climbs"][0]) == "Jabal Haat 4.6 km"
    assert describe("results", t101["results"][8]) == "gc after stage 5 Paris-Nice 2024: 1. Primož Roglič (Bora-Hansgrohe) 18:40:12"
    assert not diff_runs(facts, facts).differs
