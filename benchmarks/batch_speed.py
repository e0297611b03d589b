"""How fast `racefacts extract` streams a dump, and how much memory it takes.

Builds a JSONL dump of synthetic articles from corpus/ (every article many times, unique ids,
shuffled), then measures in one run:
- spaCy's bare tokenizer over the same texts (`spacy.blank("en").pipe`, one process): the floor
  any pipeline on spaCy is measured against;
- `racefacts extract DUMP -o OUT.jsonl --workers N` for each N: articles/s and the peak resident
  memory of the whole process tree (the command and its workers, sampled every 0.1 s).

    python benchmarks/batch_speed.py --articles 20000 --workers 1 2
    python benchmarks/batch_speed.py --articles 100000 --workers 2

Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_dump(path: Path, count: int, seed: int = 7) -> list[str]:
    """A dump of `count` articles drawn from corpus/, and their texts in dump order."""
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    rng = random.Random(seed)
    texts = []
    with path.open("w", encoding="utf-8") as dump:
        for n in range(count):
            text = rng.choice(sources)
            dump.write(json.dumps({"id": f"synthetic-{n:07d}", "text": text}, ensure_ascii=False) + "\n")
            texts.append(text)
    return texts


def tokenizer_rate(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("en")
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return len(texts) / (time.perf_counter() - started)


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def extraction(dump: Path, out: Path, workers: int) -> tuple[float, int, int]:
    """(articles/s, peak RSS of the process tree, records written) of one `racefacts extract` run."""
    command = [sys.executable, "-m", "pipeline", "extract", str(dump), "-o", str(out), "--workers", str(workers)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"extract failed ({process.returncode}): {process.stderr.read()}")
    records = sum(1 for _ in out.open(encoding="utf-8"))
    return records / seconds, peak, records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "dump.jsonl"
        texts = build_dump(dump, args.articles)
        floor = tokenizer_rate(texts)
        del texts
        print(f"{args.articles:,} articles from corpus/ ({dump.stat().st_size / 1e6:.0f} MB dump), {os.cpu_count()} cores\n")
        print("| run | articles/s | vs tokenizer | peak RSS |")
        print("|---|---|---|---|")
        print(f"| spaCy tokenizer, 1 process | {floor:,.0f} | 1.00 | |")
        for workers in args.workers:
            rate, peak, records = extraction(dump, Path(tmp) / f"out{workers}.jsonl", workers)
            assert records == args.articles, f"{records} records for {args.articles} articles"
            print(f"| racefacts extract, {workers} worker{'s' if workers > 1 else ''} | {rate:,.1f} | {rate / floor:.2f} | {peak / 2**20:,.0f} MB |")


if __name__ == "__main__":
    main()
