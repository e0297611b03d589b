"""How fast `racefacts load` fills the results database, and that a second load adds nothing.

Makes COUNT records by copying outputs/*.json (the records of corpus/) with unique ids and
distinct sha256s, writes them to a temporary .jsonl dump, then for SQLite (a temporary file) and
PostgreSQL (a fresh schema on 127.0.0.1:5432, dropped afterwards; skipped when no server
answers) times a first `racefacts load` and a second one, each a process as a user runs it, with
the row count of every table after each. Reading and validating the dump alone (no database)
is timed too, as the floor of a load.

    python benchmarks/load_speed.py                 # 20,000 records
    python benchmarks/load_speed.py 2000 --batch-size 100
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, select, text  # noqa: E402

from pipeline.database import make_engine  # noqa: E402
from pipeline.database.schema import metadata  # noqa: E402
from pipeline.record_files import iter_records  # noqa: E402

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def build_dump(path: Path, count: int) -> None:
    """COUNT records cycling through outputs/, each with its own id and sha256."""
    sources = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "outputs").glob("*.json"))]
    with path.open("w", encoding="utf-8") as dump:
        for n in range(count):
            record = dict(sources[n % len(sources)])
            record["id"] = f"bench-{n:06d}-{record['id']}"
            record["source"] = {**record["source"], "sha256": hashlib.sha256(f"{n}:{record['source']['sha256']}".encode()).hexdigest()}
            dump.write(json.dumps(record, ensure_ascii=False) + "\n")


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {t.name: connection.scalar(select(func.count()).select_from(t)) for t in metadata.sorted_tables}


def timed_load(url: str, dump: Path, batch_size: int) -> tuple[float, str]:
    """`racefacts load DUMP --db URL` as a user runs it (start-up included): seconds, summary."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "load", str(dump), "--db", url, "--batch-size", str(batch_size)],
        capture_output=True, text=True, cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"racefacts load failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stderr.strip().splitlines()[-1]


def bench(name: str, url: str, dump: Path, count: int, batch_size: int) -> list[str]:
    lines = []
    before: dict[str, int] | None = None
    engine = make_engine(url)
    for attempt in ("first load", "second load"):
        seconds, summary = timed_load(url, dump, batch_size)
        counts = row_counts(engine)
        print(f"{name} {attempt}: {seconds:.1f} s, {count / seconds:,.0f} records/s")
        print(f"  racefacts said: {summary}")
        print("  rows: " + ", ".join(f"{table} {n:,}" for table, n in counts.items()))
        added = None
        if before is not None:
            added = sum(counts.values()) - sum(before.values())
            changed = {t: counts[t] - before[t] for t in counts if counts[t] != before[t]}
            print(f"  rows added by the second load: {added} {changed or ''}")
        before = counts
        reported = re.search(r"; ([0-9.]+) s,", summary)
        own = reported.group(1) if reported else "?"
        lines.append(f"| {name} | {attempt} | {seconds:.1f} | {own} | {count / seconds:,.0f} | {sum(counts.values()):,} | {'' if added is None else added} |")
    engine.dispose()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, nargs="?", default=20_000, help="records to load (default 20,000)")
    parser.add_argument("--batch-size", type=int, default=200, help="articles per transaction (default 200)")
    parser.add_argument("--postgres", default=POSTGRES, help=f"server to use (default {POSTGRES})")
    args = parser.parse_args()

    table = [
        "| database | load | seconds (process) | seconds (reported by racefacts, start-up excluded) | records/s (process) | rows after | rows added |",
        "|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "records.jsonl"
        build_dump(dump, args.count)
        print(f"{args.count:,} records, {dump.stat().st_size / 1e6:.0f} MB of JSON lines")
        started = time.perf_counter()
        read = sum(1 for _ in iter_records([dump]))
        seconds = time.perf_counter() - started
        print(f"reading and validating them alone: {seconds:.1f} s, {read / seconds:,.0f} records/s")
        table.append(f"| (none: read and validate only) | | | {seconds:.1f} | {read / seconds:,.0f} | | |")

        table += bench("SQLite", f"sqlite:///{Path(tmp) / 'results.db'}", dump, args.count, args.batch_size)

        admin = make_engine(args.postgres, connect_args={"connect_timeout": 3})
        try:
            with admin.connect():
                pass
        except Exception as error:  # noqa: BLE001
            print(f"PostgreSQL skipped: no server answers at {args.postgres} ({type(error).__name__})")
        else:
            schema = f"racefacts_bench_{os.getpid()}"
            with admin.begin() as connection:
                connection.execute(text(f"CREATE SCHEMA {schema}"))
            try:
                separator = "&" if "?" in args.postgres else "?"
                table += bench("PostgreSQL", f"{args.postgres}{separator}options=-csearch_path%3D{schema}", dump, args.count, args.batch_size)
            finally:
                with admin.begin() as connection:
                    connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
    print("\n" + "\n".join(table))


if __name__ == "__main__":
    main()
