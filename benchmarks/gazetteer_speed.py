"""What the full gazetteer costs: load time and extraction throughput against hand tables only.

    .venv/bin/python benchmarks/gazetteer_speed.py [--repeat 20]

Builds the hand-tables-only patterns (the seed articles' entities) into a temporary folder,
then for it and for the shipped full patterns measures: pattern count, time to load the
compiled gazetteer index (the ruler), time to load the knowledge base, time for the whole
load_nlp(), and articles per second extracting the corpus/ articles repeated --repeat times
(one process; the two setups take turns for --rounds rounds and each keeps its best, since a
2-core machine's timings drift). Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def load(patterns: Path, label: str) -> dict:
    from pipeline.extraction import Extractor
    from pipeline.gazetteer import Gazetteer
    from pipeline.nlp import load_nlp

    bare = load_nlp(patterns, initialize=False)
    ruler = bare.get_pipe("racefacts_gazetteer")
    _, ruler_seconds = timed(ruler.initialize, patterns_dir=str(patterns))
    _, kb_seconds = timed(Gazetteer.from_dir, patterns / "kb")
    nlp, load_seconds = timed(load_nlp, patterns)
    return {"label": label, "patterns": len(ruler.index), "ruler": ruler_seconds, "kb": kb_seconds,
            "load": load_seconds, "extractor": Extractor(nlp), "rate": 0.0}


def run(setup: dict, articles: list) -> None:
    extractor = setup["extractor"]
    _, seconds = timed(lambda: [extractor(a) for a in articles])
    setup["rate"] = max(setup["rate"], len(articles) / seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="times to extract each corpus article")
    parser.add_argument("--rounds", type=int, default=3, help="turns each setup takes")
    args = parser.parse_args()

    from pipeline.gazetteer import default_patterns_dir
    from pipeline.gazetteer.build import build
    from pipeline.nlp import load_nlp
    from pipeline.nlp.gazetteer import compile_patterns
    from pipeline.reader import read_paths

    articles = [a for a in read_paths([ROOT / "corpus"])] * args.repeat
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp)
        build(default_patterns_dir() / "manual", seed)
        compile_patterns(load_nlp(seed, initialize=False), seed)
        rows = [load(seed, "hand tables only (seed entities)"), load(default_patterns_dir(), "full gazetteer")]
        for setup in rows:
            setup["extractor"](articles[0])  # warm up
        for _ in range(args.rounds):
            for setup in rows:
                run(setup, articles)
    print(f"{len(articles)} articles (corpus/ x {args.repeat}), one process, best of {args.rounds} rounds\n")
    print("| patterns | index entries | load ruler | load knowledge base | load_nlp() | articles/s |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['label']} | {r['patterns']:,} | {r['ruler']:.2f} s | {r['kb']:.2f} s | {r['load']:.2f} s | {r['rate']:.0f} |")
    print(f"\nthroughput with the full gazetteer: {rows[1]['rate'] / rows[0]['rate']:.0%} of hand tables only")


if __name__ == "__main__":
    main()
