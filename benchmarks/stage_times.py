"""Where one process's CPU time goes, stage by stage, per article.

    .venv/bin/python benchmarks/stage_times.py [--passes 5] [PATH ...]

Runs the steps of `Extractor.__call__` one by one (cleaning, the tokenizer, each pipeline
component, the article view, each extractor, the record and its JSON) over the articles
(default: corpus/*.txt), --passes times after one warm-up pass, and prints the CPU
milliseconds per article of each step, largest first: the figure to watch when making the
extraction faster, steadier than wall time on a shared machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "corpus"])
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from pipeline.batch import dump
    from pipeline.cleaning import clean
    from pipeline.extraction import Extractor
    from pipeline.extractors import ArticleView, about, climbs, entities, gaps, quotes
    from pipeline.reader import Article, read_paths
    from pipeline.records import ArticleRecord, Source

    articles = [a for a in read_paths(args.paths) if isinstance(a, Article)]
    extractor = Extractor()
    nlp = extractor.nlp
    totals: dict[str, float] = defaultdict(float)

    def timed(name: str, step, *arguments):
        started = time.process_time()
        value = step(*arguments)
        totals[name] += time.process_time() - started
        return value

    for passes in range(args.passes + 1):
        if passes == 1:
            totals.clear()
        for article in articles:
            cleaned = timed("clean", clean, article.raw)
            doc = timed("tokenizer", nlp.make_doc, cleaned.text)
            for name, component in nlp.pipeline:
                doc = timed(name, component, doc)
            view = timed("view", ArticleView, doc, extractor.stage_rules, extractor.cue_rules)
            plans = timed("programme scopes", extractor.programmes.scopes, view)
            published = cleaned.published or article.published
            view.about = timed("about", about, view, plans, cleaned.head_end, published)
            results = timed("results", extractor.results, view)
            found = {
                "entities": timed("entities", entities, view, extractor.gazetteer),
                "gaps": timed("gaps", gaps, view, results),
                "quotes": timed("quotes", quotes, view),
                "programmes": timed("programmes", extractor.programmes, view, plans, results),
                "climbs": timed("climbs", climbs, view, extractor.gazetteer),
            }
            source = Source(path=article.path, sha256=article.sha256, url=article.url, line=article.line)
            record = timed(
                "record",
                lambda: ArticleRecord(
                    id=article.id, source=source, published=published, headline=cleaned.headline or article.title,
                    subheadline=cleaned.subheadline, dateline=cleaned.dateline, publisher=cleaned.publisher,
                    text=cleaned.text, removed=cleaned.removed, warnings=[*article.warnings, *cleaned.warnings],
                    about=view.about, results=results, **found,
                ),
            )
            timed("dump", dump, record)

    count = len(articles) * args.passes
    total = sum(totals.values())
    print(f"{len(articles)} articles x {args.passes} passes: {1000 * total / count:.2f} ms CPU per article")
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {name:24} {1000 * seconds / count:6.2f} ms  {100 * seconds / total:5.1f}%")


if __name__ == "__main__":
    main()
