"""The racefacts command: files and folders in, one record per article out; errors reported, not fatal."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.records import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Tadej Pogačar won the stage on Mont Ventoux. Jonas Vingegaard finished second, 17 seconds behind.\n"
runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_help_everywhere():
    for args in ([], ["extract"], ["schema"], ["patterns", "build"]):
        result = run(*args, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_extract_folders_recursively_into_one_record_per_article(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.txt").write_text(ARTICLE.replace("Pogačar", "Roglič").replace("Tadej", "Primož"), encoding="utf-8")
    (tmp_path / "in" / "notes.gold.json").write_text("{}", encoding="utf-8")
    result = run("extract", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.json", "b.json"]
    record = ArticleRecord.model_validate_json((tmp_path / "out" / "b.json").read_text(encoding="utf-8"))
    assert (record.results[0].rider, record.results[0].rank) == ("Primož Roglič", 1)
    assert record.source.path.endswith("b.txt") and len(record.source.sha256) == 64


def test_stdin_to_stdout():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "-"], input=ARTICLE.encode(), capture_output=True, check=True, cwd=ROOT
    )
    record = json.loads(result.stdout)
    assert record["id"] == "stdin" and record["source"]["path"] is None
    assert [(g["rider"], g["seconds"]) for g in record["gaps"]] == [("Jonas Vingegaard", 17)]


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "latin.txt").write_bytes("Søren Wærenskjold won the stage – café crème.".encode("cp1252"))
    result = run("extract", tmp_path / "good.txt", tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "latin.txt", tmp_path / "missing.txt", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["good.json", "latin.json"]
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert {(e["id"], e["kind"]) for e in errors} == {("empty", "empty"), ("binary", "binary"), ("missing", "not_found")}
    latin = json.loads((tmp_path / "out" / "latin.json").read_text(encoding="utf-8"))
    assert latin["warnings"] and "Windows-1252" in latin["warnings"][0]
    assert [(r["rider"], r["rank"]) for r in latin["results"]] == [("Søren Wærenskjold", 1)]


def test_an_extractor_failure_becomes_an_error_record(tmp_path, monkeypatch):
    from pipeline import extraction as extract_module

    original = extract_module.quotes

    def broken(view):
        if "BOOM" in view.doc.text:
            raise RuntimeError("injected failure")
        return original(view)

    monkeypatch.setattr(extract_module, "quotes", broken)
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "boom.txt").write_text("BOOM " + ARTICLE, encoding="utf-8")
    result = run("extract", tmp_path, "-o", tmp_path / "out", "--workers", 1)  # the patch lives in this process
    assert result.exit_code == 1
    assert [p.name for p in (tmp_path / "out").glob("*.json")] == ["ok.json"]
    error = json.loads((tmp_path / "out" / "errors.jsonl").read_text())
    assert error["kind"] == "extraction_failed" and "injected failure" in error["message"]


def test_the_same_stem_twice_is_an_error_not_an_overwrite(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("extract", tmp_path / "x", tmp_path / "y", "-o", tmp_path / "out")
    assert result.exit_code == 1 and "duplicate_id" in (tmp_path / "out" / "errors.jsonl").read_text()


def test_schema_is_the_record_model():
    result = run("schema")
    schema = json.loads(result.output)
    assert schema["title"] == "ArticleRecord"
    for field in ("text", "published", "entities", "results", "gaps", "quotes", "programmes", "climbs", "removed", "schema_version"):
        assert field in schema["properties"]
    result_fields = schema["$defs"]["Result"]["properties"]
    assert {"classification", "race", "stage", "rank", "rider", "team", "time", "gap", "evidence"} <= set(result_fields)


def test_problem_lines_print_paths_and_messages_as_written(tmp_path):
    """A path with brackets is no rich markup: "[old]" and "[b]" are kept, not read as styles."""
    folder = tmp_path / "[old]"
    folder.mkdir()
    (folder / "x[b].json").write_text("{not json", encoding="utf-8")
    result = run("diff", folder, folder)
    assert result.exit_code == 2
    assert f"error {folder / 'x[b].json'}: not JSON" in " ".join(result.output.split())
