"""How fast one process extracts articles, and where the time goes.

    .venv/bin/python benchmarks/profile_extraction.py [--passes 5] [--profile [--top 40]] [PATH ...]

Loads the Extractor once, reads the articles (default: ../shared/devset/*.txt when that
folder exists, and corpus/*.txt), extracts each once to warm up (lazy imports such as
dateparser's, first-use regex compilation, tokenizer cache), then times --passes passes over
all of them and prints articles per second for the best pass and the median one (on a small
shared machine the best pass is the steadiest figure, the median shows the drift), and per
second of this process's CPU time. With --profile, one more pass runs under cProfile and the
--top entries by cumulative and by own time are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = (ROOT.parent / "shared" / "devset", ROOT / "corpus")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders of .txt articles")
    parser.add_argument("--passes", type=int, default=5, help="timed passes over all articles")
    parser.add_argument("--profile", action="store_true", help="also run one pass under cProfile")
    parser.add_argument("--top", type=int, default=40, help="profile entries to print")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from pipeline.extraction import Extractor
    from pipeline.reader import Article, read_paths

    paths = args.paths or [d for d in DEFAULT_DIRS if d.is_dir()]
    articles = [a for a in read_paths(paths) if isinstance(a, Article)]
    if not articles:
        parser.error("no articles found")
    started = time.perf_counter()
    extractor = Extractor()
    print(f"load: {time.perf_counter() - started:.2f} s; {len(articles)} articles from {', '.join(map(str, paths))}")

    for article in articles:  # warm up
        extractor(article)
    rates, cpu_rates = [], []
    for _ in range(args.passes):
        started, cpu_started = time.perf_counter(), time.process_time()
        for article in articles:
            extractor(article)
        rates.append(len(articles) / (time.perf_counter() - started))
        cpu_rates.append(len(articles) / (time.process_time() - cpu_started))
    print(f"articles/s: best {max(rates):.1f}, median {statistics.median(rates):.1f} over {args.passes} passes")
    print(f"articles per CPU second (steadier when other processes share the machine): best {max(cpu_rates):.1f}")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for article in articles:
            extractor(article)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
