"""Records read back from a folder or a dump: every good one used, every bad one reported where it is."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from pipeline.record_files import RecordError, StoredRecord, iter_records

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ROOT / "outputs"
T101 = OUTPUTS / "t101_paris_nice_stage5.json"


def _line(path: Path) -> str:
    return json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)


def test_a_folder_gives_its_records_and_skips_gold_files_and_the_error_log(tmp_path):
    shutil.copy(T101, tmp_path / T101.name)
    (tmp_path / "t101_paris_nice_stage5.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "errors.jsonl").write_text('{"id": "x", "source": null, "kind": "empty", "message": "empty"}\n', encoding="utf-8")
    (found,) = iter_records([tmp_path])
    assert isinstance(found, StoredRecord)
    assert found.record.id == "t101_paris_nice_stage5"
    winner = next(r for r in found.record.results if r.classification == "stage" and r.rank == 1)
    assert (winner.rider, winner.stage) == ("Mads Pedersen", 5)


def test_a_dump_reports_a_bad_line_by_number_and_keeps_the_lines_around_it(tmp_path):
    dump = tmp_path / "out.jsonl"
    good = _line(T101)
    invalid = json.loads(good) | {"results": [{"rank": 0}]}
    dump.write_text("\n".join([good, "{not json", json.dumps(invalid), good.replace("t101_paris", "copy")]), encoding="utf-8")
    found = list(iter_records([dump]))
    assert [type(f) for f in found] == [StoredRecord, RecordError, RecordError, StoredRecord]
    assert found[1].location == f"{dump}:2" and found[1].message.startswith("not JSON")
    assert found[2].location == f"{dump}:3" and "results" in found[2].message
    assert found[3].record.id == "copy_nice_stage5"  # a last line without its newline is read too


def test_a_gzip_dump_and_a_missing_path(tmp_path):
    dump = tmp_path / "out.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as out:
        out.write(_line(T101) + "\n")
    found = list(iter_records([dump, tmp_path / "nowhere.jsonl"]))
    assert isinstance(found[0], StoredRecord) and found[0].record.about.race == "Paris-Nice"
    assert isinstance(found[1], RecordError) and found[1].message == "no such file or folder"


def test_a_gzip_dump_reports_true_line_numbers_a_torn_last_line_and_a_cut_stream(tmp_path):
    """As a plain dump does: a blank line still counts, and the end of a dump whose writer was
    killed (a torn line, or a stream cut short) is an error, not silently fewer records."""
    good = _line(T101)
    dump = tmp_path / "out.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as out:
        out.write(good + "\n\n{not json\n" + good[:100])
    found = list(iter_records([dump]))
    assert [type(f) for f in found] == [StoredRecord, RecordError, RecordError]
    assert [f.location for f in found[1:]] == [f"{dump}:3", f"{dump}:4"]

    packed = gzip.compress("".join(good.replace("t101_paris", f"copy{n}") + "\n" for n in range(50)).encode("utf-8"))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    found = list(iter_records([cut]))
    assert all(isinstance(f, StoredRecord) for f in found[:-1])
    assert isinstance(found[-1], RecordError) and found[-1].location == f"{cut}:{len(found)}"
    assert "cut short or damaged" in found[-1].message
