"""racefacts extract --dask: the same records and errors as a local run, extracted on a Dask cluster."""

from __future__ import annotations

import hashlib
import json

import pytest

distributed = pytest.importorskip("distributed", reason="Dask distributed is not installed: pip install -e '.[dask]' (or '.[test]')")

from typer.testing import CliRunner  # noqa: E402

from pipeline.batch import CHUNK, outcomes  # noqa: E402
from pipeline.cli import app  # noqa: E402
from pipeline.distributed import WINDOWS_IN_FLIGHT, dask_outcomes  # noqa: E402
from pipeline.reader import Article, ReadError  # noqa: E402

RIDERS = [("Tadej Pogačar", "Jonas Vingegaard"), ("Primož Roglič", "Remco Evenepoel"), ("Wout van Aert", "Mathieu van der Poel")]
RACES = ["Tour de France", "Giro d'Italia", "Vuelta a España"]


def article_text(n: int) -> str:
    winner, second = RIDERS[n % len(RIDERS)]
    return f"{winner} won stage {n % 21 + 1} of the {RACES[n % len(RACES)]}. {second} finished second, {n + 2} seconds behind.\n"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"  # loopback only, any free ports
    ) as cluster:
        yield cluster


def test_cli_on_dask_writes_what_a_local_run_writes(cluster, tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    for n in range(15):
        (articles / f"a{n:02}.txt").write_text(article_text(n), encoding="utf-8")
    (articles / "a05_empty.txt").write_text("  \n", encoding="utf-8")
    (articles / "a10_binary.txt").write_bytes(b"\x00\x01\x02 not text")
    runner = CliRunner()
    local = runner.invoke(app, ["extract", str(articles), "-o", str(tmp_path / "local" / "out.jsonl"), "--workers", "1"])
    on_dask = runner.invoke(app, ["extract", str(articles), "-o", str(tmp_path / "dask" / "out.jsonl"), "--dask", cluster.scheduler_address])
    assert local.exit_code == 1, local.output  # 1: two inputs failed
    assert on_dask.exit_code == 1, on_dask.output

    local_records = (tmp_path / "local" / "out.jsonl").read_text(encoding="utf-8").splitlines()
    dask_records = (tmp_path / "dask" / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in dask_records] == [f"a{n:02}" for n in range(15)]
    assert dask_records == local_records
    assert json.loads(dask_records[0])["results"], "the articles should give results"

    local_errors = (tmp_path / "local" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    dask_errors = (tmp_path / "dask" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert [(e["id"], e["kind"]) for e in map(json.loads, dask_errors)] == [("a05_empty", "empty"), ("a10_binary", "binary")]
    assert dask_errors == local_errors


def test_dask_outcomes_keep_input_order_across_windows_without_reading_ahead(cluster):
    items: list[Article | ReadError] = []
    for n in range(60):
        if n % 7 == 3:
            items.append(ReadError(f"e{n:02}", None, "empty", "the article is empty"))
        else:
            text = article_text(n)
            items.append(Article(f"a{n:02}", text, hashlib.sha256(text.encode()).hexdigest()))
    read = [0]

    def stream():
        for item in items:
            read[0] += 1
            yield item

    window = 2  # partitions of CHUNK articles: 16 articles a window, so 60 inputs make 4 windows
    with distributed.Client(cluster.scheduler_address) as client:
        results = dask_outcomes(stream(), client, window=window)
        first = next(results)
        assert read[0] <= WINDOWS_IN_FLIGHT * window * CHUNK < len(items)  # not the whole input at once
        got = [first, *results]
        assert client.status == "running"  # the caller's client is left open
    assert [o.id for o in got] == [item.id for item in items]
    assert got == list(outcomes(items, workers=1))
    assert [o.id for o in got if o.error] == [item.id for item in items if isinstance(item, ReadError)]
