"""Batch extraction: input order, parallel workers, errors that never stop a batch, and resuming
a run that was killed without losing or duplicating a record."""

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import ErrorRecord, extract
from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
RIDERS = ["Tadej Pogačar", "Jonas Vingegaard", "Primož Roglič", "Remco Evenepoel", "Wout van Aert", "Mads Pedersen"]
runner = CliRunner()


def article(n: int) -> str:
    winner, second = RIDERS[n % len(RIDERS)], RIDERS[(n + 1) % len(RIDERS)]
    return f"{winner} won stage {n % 21 + 1} of the Tour de France on day {n}. {second} finished second, {n % 50 + 2} seconds behind.\n"


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"a{n:03d}.txt"
        path.write_text(article(n), encoding="utf-8")
        paths.append(path)
    return paths


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def lines(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as file:
        return [json.loads(line) for line in file]


def test_a_dump_is_written_in_input_order_with_two_workers(tmp_path):
    paths = write_articles(tmp_path / "in", 20)
    order = paths[7:] + paths[:7]  # not the order of the names
    result = run("extract", *order, "-o", tmp_path / "out.jsonl", "--workers", 2)
    assert result.exit_code == 0, result.output
    records = lines(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == [p.stem for p in order]
    assert records[0]["results"][0]["rider"] == RIDERS[7 % len(RIDERS)]
    assert "20 articles: 20 records, 0 errors" in result.output


def test_two_workers_write_the_records_one_writes(tmp_path):
    write_articles(tmp_path / "in", 12)
    assert run("extract", tmp_path / "in", "-o", tmp_path / "one", "--workers", 1).exit_code == 0
    assert run("extract", tmp_path / "in", "-o", tmp_path / "two", "--workers", 2).exit_code == 0
    one = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "one").glob("*.json")}
    two = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "two").glob("*.json")}
    assert len(one) == 12 and one == two


def test_records_and_errors_add_up_to_the_inputs(tmp_path):
    write_articles(tmp_path / "in", 5)
    (tmp_path / "in" / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01 binary")
    result = run("extract", tmp_path / "in", "-o", tmp_path / "out.jsonl.gz", "--workers", 2)
    assert result.exit_code == 1
    errors = lines(tmp_path / "errors.jsonl")
    assert {(e["id"], e["kind"]) for e in errors} == {("empty", "empty"), ("binary", "binary")}
    assert len(lines(tmp_path / "out.jsonl.gz")) + len(errors) == 7
    assert "7 articles: 5 records, 2 errors" in result.output


def test_fail_fast_stops_at_the_first_error(tmp_path):
    paths = write_articles(tmp_path / "in", 6)
    (tmp_path / "bad.txt").write_bytes(b"")
    result = run("extract", paths[0], tmp_path / "bad.txt", *paths[1:], "-o", tmp_path / "out.jsonl", "--workers", 1, "--fail-fast")
    assert result.exit_code == 1
    assert [r["id"] for r in lines(tmp_path / "out.jsonl")] == ["a000"]


def test_an_id_given_twice_is_an_error_not_a_second_record(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"id": "same", "text": article(n)}) + "\n" for n in range(2)), encoding="utf-8")
    result = run("extract", dump, "-o", tmp_path / "out.jsonl", "--workers", 1)
    assert result.exit_code == 1
    assert [r["id"] for r in lines(tmp_path / "out.jsonl")] == ["same"]
    assert [e["kind"] for e in lines(tmp_path / "errors.jsonl")] == ["duplicate_id"]


def test_without_an_output_records_go_to_stdout(tmp_path):
    write_articles(tmp_path / "in", 3)
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(tmp_path / "in"), "--workers", "1"],
        capture_output=True, check=True, cwd=ROOT, text=True,
    )
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a000", "a001", "a002"]


KILLED_BATCH = 400


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz", "out"])
def test_a_run_killed_and_resumed_ends_with_the_records_of_a_clean_run(tmp_path, name):
    # enough articles that the run is still going a good while after its first 10 records
    write_articles(tmp_path / "in", KILLED_BATCH)
    clean, killed = tmp_path / "clean" / name, tmp_path / "killed" / name
    assert run("extract", tmp_path / "in", "-o", clean, "--workers", 1).exit_code == 0

    process = _batch_under_way(tmp_path / "in", killed, workers=1)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = _written(killed)
    assert 0 < done < KILLED_BATCH, "the run should have been killed mid-batch"
    if name == "out.jsonl":
        with open(killed, "ab") as file:  # what a kill in the middle of a write leaves
            file.write(b'{"id": "a0')

    result = run("extract", tmp_path / "in", "-o", killed, "--workers", 2, "--resume")
    assert result.exit_code == 0, result.output
    assert f"{done} already done" in result.output
    assert _records(killed) == _records(clean)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers in /proc (Linux)")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_the_workers_end_when_the_command_is_killed(tmp_path, how):
    """A batch killed from outside (SIGKILL, SIGTERM: the command has no chance to stop its
    workers) leaves no worker behind holding its pipeline's memory."""
    write_articles(tmp_path / "in", KILLED_BATCH)
    out = tmp_path / "out.jsonl"
    process = _batch_under_way(tmp_path / "in", out, workers=2)
    workers: list[int] = []
    try:
        workers = _workers_of(process.pid)
        assert len(workers) == 2 and process.poll() is None, "the batch should be running with its two workers"
        os.kill(process.pid, how)
        process.wait()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_running(pid) for pid in workers):
            time.sleep(0.1)
        assert not [pid for pid in workers if _running(pid)], "workers left running after the command was killed"
    finally:
        for pid in workers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def test_ctrl_c_stops_the_batch_with_whole_records_and_says_how_to_finish(tmp_path):
    write_articles(tmp_path / "in", KILLED_BATCH)
    out = tmp_path / "out.jsonl"
    # Ctrl-C in a terminal interrupts the whole process group; SIGINT as a shell's background job
    # has it would be ignored, so the command gets the default disposition back.
    process = _batch_under_way(
        tmp_path / "in", out, workers=2, stderr=subprocess.PIPE, text=True, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.poll() is None, "the batch should still be running"
    os.killpg(process.pid, signal.SIGINT)
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 130, stderr
    done = _written(out)
    assert re.search(rf"interrupted after \d+ articles: {done} records, 0 errors; run the same command with\s+--resume to finish", stderr), stderr
    assert "Traceback" not in stderr
    assert all(json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines())


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers in /proc (Linux)")
def test_a_worker_killed_mid_batch_loses_nothing(tmp_path):
    """The system may kill a worker (for memory, say): the work it and the other had in flight
    is done again, and the batch ends with the records of a clean run."""
    write_articles(tmp_path / "in", KILLED_BATCH)
    clean, out = tmp_path / "clean.jsonl", tmp_path / "out.jsonl"
    assert run("extract", tmp_path / "in", "-o", clean, "--workers", 1).exit_code == 0
    process = _batch_under_way(tmp_path / "in", out, workers=2, stderr=subprocess.PIPE, text=True)
    workers = _workers_of(process.pid)
    assert workers and process.poll() is None, "the batch should be running with its workers"
    os.kill(workers[0], signal.SIGKILL)
    stderr = process.communicate(timeout=300)[1]
    assert process.returncode == 0, stderr
    assert f"{KILLED_BATCH} articles: {KILLED_BATCH} records, 0 errors" in stderr
    assert out.read_text(encoding="utf-8") == clean.read_text(encoding="utf-8")


def _extract_or_crash(chunk):
    """A worker's work for the tests below: an article that says CRASH ends its worker process,
    as a crash in native code or the system's out-of-memory killer would."""
    from pipeline.batch import Outcome

    if any(item.raw == "CRASH" for item in chunk):
        os._exit(3)
    return [Outcome(item.id, item.sha256, json.dumps({"id": item.id}), False) for item in chunk]


def _start_nothing():
    pass


def _start_and_die():
    os._exit(4)


def _articles(count: int, crash: set[int]):
    from pipeline.reader import Article

    return [Article(id=f"a{n:02d}", raw="CRASH" if n in crash else "text", sha256="0" * 64) for n in range(count)]


def test_an_article_that_ends_its_worker_is_an_error_record_and_the_batch_goes_on():
    from pipeline.batch import WorkerPool, _chunks, ordered

    with WorkerPool(2, _extract_or_crash, _start_nothing) as pool:
        found = list(ordered(pool, _chunks(_articles(40, crash={13, 30})), limit=4))
    assert [o.id for o in found] == [f"a{n:02d}" for n in range(40)]
    assert [o.id for o in found if o.error] == ["a13", "a30"]
    assert {json.loads(o.line)["kind"] for o in found if o.error} == {"worker_crashed"}
    assert pool.restarts >= 4  # each crash: once for the chunks in flight, once alone


def test_workers_that_cannot_work_at_all_stop_the_batch():
    from pipeline.batch import WorkerPool, WorkersFailing, _chunks, ordered

    with WorkerPool(2, _extract_or_crash, _start_and_die) as pool:
        with pytest.raises(WorkersFailing, match="3 articles in a row"):
            list(ordered(pool, _chunks(_articles(40, crash=set())), limit=4))


def _batch_under_way(inputs: Path, out: Path, workers: int, **popen) -> subprocess.Popen:
    """`racefacts extract INPUTS -o OUT` in a process of its own, once it has written 10 records."""
    command = [sys.executable, "-m", "pipeline", "extract", str(inputs), "-o", str(out), "--workers", str(workers)]
    popen.setdefault("stderr", subprocess.DEVNULL)
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, **popen)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and _written(out) < 10 and process.poll() is None:
        time.sleep(0.05)
    return process


def _workers_of(pid: int) -> list[int]:
    """The batch workers started by process `pid` (found in /proc)."""
    children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]
    return [child for child in children if "spawn_main" in _command_line(child)]


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _running(pid: int) -> bool:
    """Alive and not a zombie (an ended child its new parent has not reaped yet)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _written(output: Path) -> int:
    if not output.exists():
        return 0
    if output.is_dir():
        return len(list(output.glob("*.json")))
    if output.suffix == ".gz":
        return 0 if output.stat().st_size < 100 else _readable(output)
    return output.read_bytes().count(b"\n")


def _readable(output: Path) -> int:
    from pipeline.sinks import readable_lines

    return sum(1 for _ in readable_lines(output))


def _records(output: Path) -> list[str]:
    """Every record, sorted, as canonical JSON: duplicates and torn lines would show."""
    if output.is_dir():
        records = [json.loads(p.read_text(encoding="utf-8")) for p in output.glob("*.json")]
    else:
        records = lines(output)
    return sorted(json.dumps(r, sort_keys=True) for r in records)


def test_the_python_api_extracts_one_text_or_a_stream_of_them():
    record = extract(article(0))
    assert (record.results[0].rider, record.results[0].rank) == ("Tadej Pogačar", 1)
    stream = extract(article(n) for n in range(3))
    assert next(stream).id == "article-1"
    assert [r.id for r in stream] == ["article-2", "article-3"]
    broken = list(extract(["x" * 1_000_001, article(1)]))
    assert isinstance(broken[0], ErrorRecord) and broken[1].results[0].rider == "Jonas Vingegaard"


def test_the_commands_own_process_does_not_load_spacy():
    """With workers, the command only reads the dump and writes what they send back: spaCy and
    the patterns live in the workers, and the command's process stays small."""
    script = (
        "import sys, pipeline, pipeline.cli, pipeline.batch, pipeline.sinks, pipeline.reader\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "from pipeline import Extractor, load_nlp\n"
        "assert 'spacy' in sys.modules and Extractor.__name__ == 'Extractor' and callable(load_nlp)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_id_that_is_no_file_name_gets_a_safe_one(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "../escape/a", "text": article(0)}) + "\n", encoding="utf-8")
    assert run("extract", dump, "-o", tmp_path / "out", "--workers", 1).exit_code == 0
    (written,) = (tmp_path / "out").iterdir()
    assert written.name.startswith("_escape_a-") and json.loads(written.read_text(encoding="utf-8"))["id"] == "../escape/a"
    assert not (tmp_path / "escape").exists()


def test_a_dump_lines_url_and_line_are_kept_in_the_record(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n" + json.dumps({"url": "https://example.com/tour/stage-5", "text": article(4)}) + "\n", encoding="utf-8")
    assert run("extract", dump, "-o", tmp_path / "out.jsonl", "--workers", 1).exit_code == 0
    (record,) = lines(tmp_path / "out.jsonl")
    assert record["source"]["url"] == "https://example.com/tour/stage-5" and record["source"]["line"] == 2
    assert record["id"].startswith("url-")


def test_a_gzip_dump_cut_short_keeps_every_whole_line_and_is_read_in_chunks(tmp_path):
    from pipeline.sinks import JsonlSink, readable_lines

    path = tmp_path / "out.jsonl.gz"
    record = lambda n: json.dumps({"id": f"a{n}", "source": {"sha256": f"{n:064d}"}}).encode() + b"\n"  # noqa: E731
    with gzip.open(path, "wb") as first:
        first.writelines(record(n) for n in range(3))
    second = gzip.compress(b"".join(record(n) for n in range(3, 400)))
    with open(path, "ab") as file:  # a second member, as a resumed run appends, cut by a kill
        file.write(second[: len(second) // 2])
    lines = list(readable_lines(path, chunk=64))
    assert 3 < len(lines) < 400 and all(line.endswith(b"\n") for line in lines)
    sink = JsonlSink(path, resume=True)
    assert sink.done("a0", f"{0:064d}") and sink.done(f"a{len(lines) - 1}", f"{len(lines) - 1:064d}")
    assert not sink.done(f"a{len(lines)}", f"{len(lines):064d}")
    sink.write("a399", "x", json.dumps({"id": "a399", "source": {"sha256": "x"}}))
    sink.close()
    assert [json.loads(line)["id"] for line in readable_lines(path)][-1] == "a399"


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz", "out"])
def test_an_article_changed_since_the_last_run_replaces_its_record(tmp_path, name):
    paths = write_articles(tmp_path / "in", 4)
    output = tmp_path / name
    assert run("extract", tmp_path / "in", "-o", output, "--workers", 1).exit_code == 0
    paths[1].write_text(article(1).replace("day 1", "day 101"), encoding="utf-8")
    result = run("extract", tmp_path / "in", "-o", output, "--workers", 1, "--resume")
    assert result.exit_code == 0 and "3 already done" in result.output
    records = [json.loads(r) for r in _records(output)]
    assert sorted(r["id"] for r in records) == ["a000", "a001", "a002", "a003"]
    assert "day 101" in next(r for r in records if r["id"] == "a001")["text"]


def test_a_full_disk_stops_the_batch_with_whole_records_and_says_how_to_finish(tmp_path, monkeypatch):
    import errno

    from pipeline import sinks

    write_articles(tmp_path / "in", 8)
    out = tmp_path / "out.jsonl"
    real_write = sinks.JsonlSink.write

    def write_three(self, article_id, sha256, line):
        if self._pending >= 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, article_id, sha256, line)

    monkeypatch.setattr(sinks.JsonlSink, "write", write_three)
    result = run("extract", tmp_path / "in", "-o", out, "--workers", 1)
    assert result.exit_code == 1 and not isinstance(result.exception, OSError), result.output
    assert "stopped (No space left on device) after 4 articles: 3 records" in result.output
    assert "--resume to finish" in result.output
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a000", "a001", "a002"]


def test_an_output_that_cannot_be_made_is_an_error_not_a_traceback(tmp_path):
    write_articles(tmp_path / "in", 2)
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = run("extract", tmp_path / "in", "-o", tmp_path / "a-file" / "out.jsonl")
    assert result.exit_code == 1 and "cannot write the output" in result.output and "Traceback" not in result.output
