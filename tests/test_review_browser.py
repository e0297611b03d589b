"""The review page in a real browser: Debian's Chromium driven by Playwright, from a file:// URL
with no network, as a reviewer opens it.

.ci/run installs Chromium; on a machine without it these tests skip and say so.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.record_files import StoredRecord, iter_records
from pipeline.records import ArticleRecord, Source
from pipeline.review import render_page

CHROMIUM = Path(os.environ.get("RACEFACTS_CHROMIUM", "/usr/bin/chromium"))
OUTPUTS = Path(__file__).resolve().parent.parent / "outputs"
HOSTILE = "<script>window.pwned=1</script>"

if not CHROMIUM.exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium; .ci/run does) "
        "to run the review page's browser tests",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
expect = sync_api.expect


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    records = [item for item in iter_records([OUTPUTS]) if isinstance(item, StoredRecord)]
    hostile = ArticleRecord(
        id="hostile",
        source=Source(path="hostile.txt", sha256="0" * 64),
        headline='<img src=x onerror="window.pwned=2">',
        text=f"An article that quotes code: {HOSTILE} and <b onmouseover=\"window.pwned=3\">bold</b>.",
    )
    path = tmp_path_factory.mktemp("review") / "review.html"
    path.write_text(render_page([*records, StoredRecord("hostile.json", hostile)]), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


@pytest.fixture
def page(browser, page_file):
    """The page, loaded with no network at all, and the console errors it produced."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("request", lambda request: None if request.url.startswith(("file:", "data:", "about:")) else tab.errors.append(f"request {request.url}"))
    tab.goto(page_file.as_uri())
    yield tab
    context.close()


def article(page, article_id: str):
    return page.locator(f'article[data-id="{article_id}"]')


def test_loads_with_no_console_error_and_lists_every_article(page):
    expect(page.locator("article.article")).to_have_count(15)
    expect(page.locator("nav.toc li")).to_have_count(15)
    page.wait_for_timeout(200)
    assert page.errors == []


def test_shows_entities_by_label(page):
    mark = article(page, "t101_paris_nice_stage5").locator('mark[data-label="RIDER"]', has_text="Mads Pedersen").first
    expect(mark).to_be_visible()
    expect(mark).to_have_text("Mads Pedersen")
    label = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert label == '"RIDER"'
    colours = {
        label: article(page, "t101_paris_nice_stage5").locator(f'mark[data-label="{label}"]').first.evaluate("m => getComputedStyle(m).backgroundColor")
        for label in ("RIDER", "TEAM", "RACE")
    }
    assert len(set(colours.values())) == 3


def test_clicking_a_fact_highlights_its_evidence_and_scrolls_to_it(page):
    art = article(page, "t101_paris_nice_stage5")
    art.scroll_into_view_if_needed()
    # the GC leader's row: its evidence is the results table at the bottom of the text
    row = art.locator('table.results tr[data-fact="r8"]')
    expect(row).to_contain_text("Primož Roglič")
    evidence = art.locator('.text [data-ev~="r8"]')
    expect(evidence.first).not_to_be_in_viewport()
    assert art.locator(".text .hl").count() == 0
    row.click()
    expect(row).to_have_class("fact active")
    expect(evidence.first).to_have_class("ev hl")
    expect(evidence.first).to_be_in_viewport()
    highlighted = "".join(art.locator(".text .hl").all_inner_texts())
    assert highlighted == "1. Primož Roglič (Bora-Hansgrohe) 18:40:12"
    # another fact takes the highlight over
    art.locator('table.quotes tr[data-fact="q0"]').click()
    assert "".join(art.locator(".text .hl").all_inner_texts()) == "I knew the last 500 metres suited me if I could start from the front,"
    expect(row).not_to_have_class("fact active")
    assert page.errors == []


def test_clicking_evidence_in_the_text_selects_its_facts(page):
    art = article(page, "t101_paris_nice_stage5")
    art.locator('.text [data-ev~="g0"]').first.click()
    expect(art.locator('tr[data-fact="g0"]')).to_have_class("fact active")


def test_removed_boilerplate_is_shown_struck_through_and_can_be_hidden(page):
    removed = article(page, "t101_paris_nice_stage5").locator("del.removed", has_text="Results powered by FirstCycling")
    expect(removed).to_be_visible()
    assert "line-through" in removed.evaluate("d => getComputedStyle(d).textDecorationLine")
    page.locator("#show-removed").uncheck()
    expect(removed).to_be_hidden()
    page.locator("#show-removed").check()
    expect(removed).to_be_visible()


def test_a_script_in_an_article_is_text(page):
    text = article(page, "hostile").locator(".text")
    expect(text).to_contain_text(HOSTILE)
    expect(text).to_contain_text('<b onmouseover="window.pwned=3">bold</b>')
    expect(article(page, "hostile").locator("h2")).to_have_text('<img src=x onerror="window.pwned=2">')
    text.hover()
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("script").count() == 1


def test_the_contents_filter(page):
    page.locator("#filter").fill("zoncolan")
    expect(page.locator("nav.toc li:visible")).to_have_count(1)
    page.locator("nav.toc li:visible a").click()
    expect(article(page, "t102_giro_zoncolan").locator("h2")).to_be_in_viewport()
