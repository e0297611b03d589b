"""Make docs/review-page.png, the README's picture of the review page.

    .venv/bin/python docs/make_screenshot.py [--article ID] [--output PATH]

The page is built from outputs/ as `racefacts review outputs` builds it and shown in Debian's
Chromium (apt-get install chromium) through Playwright, with one fact of the article clicked so
the picture shows its evidence highlighted.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from pipeline.record_files import StoredRecord, iter_records
from pipeline.review import render_page

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--article", default="003_b2d3748060a9a99c", help="id of the article to show (default: a seed article)")
    parser.add_argument("--fact", default="g0", help="the fact row to click (r: results, g: gaps, q: quotes; by index)")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "review-page.png")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    os.chdir(ROOT)  # records located as outputs/NAME.json, as a reviewer would give them
    records = [item for item in iter_records(["outputs"]) if isinstance(item, StoredRecord)]
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "review.html"
        page_file.write_text(render_page(records), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium)
            page = browser.new_page(viewport={"width": 1440, "height": 960}, device_scale_factor=1)
            page.goto(page_file.as_uri())
            article = page.locator(f'article[data-id="{args.article}"]')
            article.locator(f'tr[data-fact="{args.fact}"]').click()
            # the article's top under the bar, keeping the text scrolled to the evidence
            page.evaluate(
                "a => window.scrollTo(0, a.getBoundingClientRect().top + window.scrollY"
                " - document.querySelector('.topbar').offsetHeight - 12)",
                article.element_handle(),
            )
            page.wait_for_timeout(300)
            page.screenshot(path=str(args.output))
            browser.close()
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
