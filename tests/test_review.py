"""The review page without a browser: its HTML holds the text, marks, removed blocks and facts of
real records where they belong, and escapes everything an article brings."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.record_files import RecordError, StoredRecord, iter_records
from pipeline.records import ArticleRecord, Entity, Evidence, Quote, Removed, Result, Source
from pipeline.review import render_page
from pipeline.review.page import highlighted_text

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ROOT / "outputs"
HOSTILE = "<script>window.pwned=1</script>"


def stored() -> list[StoredRecord]:
    return [item for item in iter_records([OUTPUTS]) if isinstance(item, StoredRecord)]


def record(name: str) -> ArticleRecord:
    return ArticleRecord.model_validate_json((OUTPUTS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page() -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_page(stored()))


def article(page: lxml.html.HtmlElement, article_id: str) -> lxml.html.HtmlElement:
    (found,) = page.xpath(f'//article[@data-id="{article_id}"]')
    return found


def text_box(page: lxml.html.HtmlElement, article_id: str) -> lxml.html.HtmlElement:
    (found,) = article(page, article_id).xpath('.//div[@class="text"]')
    return found


def cells(row: lxml.html.HtmlElement) -> list[str]:
    return [cell.text_content().strip() for cell in row.xpath("./td")]


def without_removed(box: lxml.html.HtmlElement) -> tuple[str, list[tuple[int, str, str]]]:
    """The text a reader sees with removed blocks left out, and where each removed block stands."""
    box = lxml.html.fromstring(lxml.html.tostring(box, encoding="unicode"))
    blocks = box.xpath(".//del")
    for n, block in enumerate(blocks):
        blocks[n] = (block.text_content(), block.get("title"))
        for child in list(block):
            block.remove(child)
        block.text = f"\ue000{n}\ue000"
    content = box.text_content()
    places, plain, n = [], [], 0
    for piece_no, piece in enumerate(content.split("\ue000")):
        if piece_no % 2:  # a marker
            places.append((len("".join(plain)), *blocks[int(piece)]))
        else:
            plain.append(piece)
    return "".join(plain), places


def test_every_record_is_on_the_page_with_its_text_exactly(page):
    records = stored()
    assert len(page.xpath("//article")) == len(records) == 14
    assert len(page.xpath('//nav[@class="toc"]//li')) == 14
    for item in records:
        text, _ = without_removed(text_box(page, item.record.id))
        assert text == item.record.text, item.record.id


def test_entities_are_marked_with_their_label(page):
    box = text_box(page, "t101_paris_nice_stage5")
    marks = box.xpath(".//mark")
    riders = [m.text_content() for m in marks if m.get("data-label") == "RIDER"]
    assert riders[:6] == ["Pedersen", "Roglič", "Van Aert", "Evenepoel", "Mads Pedersen", "Wout van Aert"]
    assert riders.count("Mads Pedersen") == 3  # the prose and both results tables
    first = next(m for m in marks if m.text_content() == "Mads Pedersen")
    assert first.get("class") == "ent ent-RIDER"
    assert "rider:mads-pedersen" in first.get("title")
    teams = {m.text_content() for m in marks if m.get("data-label") == "TEAM"}
    assert {"Lidl-Trek", "Visma | Lease a Bike", "INEOS Grenadiers"} <= teams
    for item in stored():  # every entity of the real records is marked over its own words
        marks = text_box(page, item.record.id).xpath(".//mark")
        assert len(marks) == len(item.record.entities)
        by_index = {m.get("data-ent"): m for m in marks}
        for n, entity in enumerate(item.record.entities):
            assert by_index[f"e{n}"].text_content() == entity.text == item.record.text[entity.start:entity.end]


def test_removed_boilerplate_is_struck_through_where_it_stood(page):
    rec = record("t101_paris_nice_stage5")
    _, places = without_removed(text_box(page, rec.id))
    assert places == [(block.at, block.text, f"removed: {block.kind} / {block.rule}") for block in rec.removed]
    assert (2303, "Results powered by FirstCycling", "removed: sponsor_line / sponsor_line_cue") in places
    (published,) = text_box(page, rec.id).xpath('.//del[@data-kind="published_line"]')
    assert published.text_content() == "Published 8 March 2024"
    assert "block" in published.get("class").split()  # a whole line is shown as a line


def test_each_fact_row_points_at_its_evidence(page):
    for item in stored():
        art = article(page, item.record.id)
        for kind, prefix in (("results", "r"), ("gaps", "g"), ("quotes", "q"), ("programmes", "p"), ("climbs", "c")):
            for n, fact in enumerate(getattr(item.record, kind)):
                (row,) = art.xpath(f'.//tr[@data-fact="{prefix}{n}"]')
                assert (int(row.get("data-start")), int(row.get("data-end"))) == (fact.evidence.start, fact.evidence.end)
                assert row.get("title") == fact.evidence.sentence
                segments = art.xpath(f'.//div[@class="text"]//span[contains(concat(" ", @data-ev, " "), " {prefix}{n} ")]')
                evidence = "".join(s.text_content() for s in segments)
                assert evidence == item.record.text[fact.evidence.start:fact.evidence.end], (item.record.id, kind, n)


def test_fact_tables_show_the_facts(page):
    art = article(page, "t101_paris_nice_stage5")
    results = art.xpath('.//table[contains(@class, "results")]/tbody/tr')
    assert len(results) == 14
    assert cells(results[0]) == ["stage 5", "1", "Mads Pedersen", "Lidl-Trek", "4:12:33", "", "list"]
    assert cells(results[1]) == ["stage 5", "2", "Wout van Aert", "Visma | Lease a Bike", "", "+0:04", "list"]
    assert "Paris-Nice 2024" in art.xpath('.//table[contains(@class, "results")]/caption')[0].text_content()
    gaps = art.xpath('.//table[contains(@class, "gaps")]/tbody/tr')
    assert cells(gaps[0]) == ["Wout van Aert", "0:04", "behind", "Mads Pedersen", "stage"]
    quotes = art.xpath('.//table[contains(@class, "quotes")]/tbody/tr')
    assert cells(quotes[0]) == ["Mads Pedersen", "I knew the last 500 metres suited me if I could start from the front,"]
    assert "No programmes, climbs." in art.text_content()

    programmes = article(page, "t432_pogacar_spring_programme").xpath('.//table[contains(@class, "programmes")]/tbody/tr')
    assert ["Tadej Pogačar", "Strade Bianche"] in [cells(row) for row in programmes]
    (climb,) = article(page, "003_b2d3748060a9a99c").xpath('.//table[contains(@class, "climbs")]/tbody/tr')
    assert cells(climb) == ["Jabal Haat", "4.6 km", ""]


def test_counts_and_metadata_in_the_header(page):
    art = article(page, "t101_paris_nice_stage5")
    counts = [li.text_content().strip() for li in art.xpath('.//ul[@class="counts"]/li')]
    assert counts == ["14 results", "12 gaps", "5 quotes", "0 programmes", "0 climbs", "49 entities", "10 removed"]
    assert art.xpath(".//h2")[0].text_content() == "Pedersen wins Paris-Nice stage 5 as Roglič moves into the race lead"
    assert "2024-03-08" in art.xpath('.//dl[@class="meta"]')[0].text_content()


def hostile_record() -> ArticleRecord:
    text = f"Tadej Pogačar won. Then {HOSTILE} and <img src=x onerror=\"window.pwned=2\"> & more."
    return ArticleRecord(
        id="evil<b>id</b>",
        source=Source(path="x.txt", sha256="0" * 64),
        headline='<img src=x onerror="window.pwned=3">',
        text=text,
        warnings=["<b>loud</b> warning"],
        removed=[Removed(kind="paywall<i>", rule="r\"ule", start=0, end=10, at=len(text), text="</del><script>window.pwned=4</script>")],
        entities=[Entity(label="RIDER", text="Tadej Pogačar", start=0, end=13, canonical='Tadej "<Pogačar>"', id="rider:x", source="gazetteer")],
        quotes=[Quote(speaker="<script>x</script>", text=HOSTILE, evidence=Evidence(start=24, end=24 + len(HOSTILE), sentence=HOSTILE))],
    )


def test_article_text_is_escaped_everywhere():
    html = render_page([StoredRecord("<loc>", hostile_record())], [RecordError("bad<script>.json", "not JSON: <oops>")])
    assert HOSTILE not in html and "<img src=x" not in html and "<b>loud" not in html and "<b>id" not in html and "<i>" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    tree = lxml.html.fromstring(html)
    assert len(tree.xpath("//script")) == 1 and not tree.xpath("//img")
    box = tree.xpath('//div[@class="text"]')[0]
    assert HOSTILE in box.text_content()
    assert tree.xpath("//del")[-1].text_content() == "</del><script>window.pwned=4</script>"
    assert 'Tadej "<Pogačar>"' in tree.xpath("//mark[@data-ent='e0']")[0].get("title")
    assert "bad<script>.json" in tree.xpath('//section[@class="unreadable"]')[0].text_content()


def test_the_page_loads_nothing():
    html = render_page(stored())
    tree = lxml.html.fromstring(html)
    assert not tree.xpath("//link | //img | //iframe | //script[@src]")
    assert all(a.get("href").startswith("#") for a in tree.xpath("//a[@href]"))
    (policy,) = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert policy.startswith("default-src 'none';") and "script-src 'sha256-" in policy and "unsafe" not in policy


def test_overlapping_ranges_and_offsets_out_of_the_text():
    text = "Primož Roglič won the stage ahead of Remco Evenepoel."
    evidence = Evidence(start=7, end=40, sentence=text)  # ends inside an entity
    rec = ArticleRecord(
        id="x", source=Source(sha256="0" * 64), text=text,
        entities=[
            Entity(label="RIDER", text="Primož Roglič", start=0, end=13, canonical=None, id=None, source="context"),
            Entity(label="RIDER", text="Roglič", start=7, end=13, canonical=None, id=None, source="context"),  # inside the first
            Entity(label="RIDER", text="Remco Evenepoel", start=37, end=52, canonical=None, id=None, source="context"),
            Entity(label="RACE", text="?", start=60, end=70, canonical=None, id=None, source="context"),  # past the end
        ],
        results=[
            Result(classification="stage", rank=1, rider="Primož Roglič", method="prose", evidence=Evidence(start=0, end=27, sentence=text)),
            Result(classification="stage", rank=2, rider="Remco Evenepoel", method="prose", evidence=evidence),
        ],
        removed=[Removed(kind="k", rule="r", start=0, end=1, at=999, text="gone")],
    )
    html, marked = highlighted_text(rec)
    assert marked == {0, 2}
    box = lxml.html.fromstring(f'<div class="text">{html}</div>')
    assert [m.text_content() for m in box.xpath("//mark")] == ["Primož Roglič", "Remco Evenepoel"]
    assert without_removed(box) == (text, [(len(text), "gone", "removed: k / r")])
    covered = {n: "".join(s.text_content() for s in box.xpath(f'//span[contains(concat(" ", @data-ev, " "), " r{n} ")]')) for n in (0, 1)}
    assert covered == {0: text[:27], 1: text[7:40]}
    assert box.xpath('//span[@data-ev="r0 r1"]')[0].text_content() == "Roglič"  # both facts, inside the mark


def test_review_command_writes_the_page_and_reports_bad_records(tmp_path):
    dump = tmp_path / "run.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as out:
        out.write(record("t101_paris_nice_stage5").model_dump_json() + "\n")
        out.write('{"id": "broken"}\n')
        out.write(hostile_record().model_dump_json() + "\n")
    page_file = tmp_path / "review.html"
    result = CliRunner().invoke(app, ["review", str(dump), str(OUTPUTS / "003_b2d3748060a9a99c.json"), "-o", str(page_file)])
    assert result.exit_code == 1
    assert f"{dump}:2" in result.output and "invalid record" in result.output
    tree = lxml.html.fromstring(page_file.read_text(encoding="utf-8"))
    assert [a.get("data-id") for a in tree.xpath("//article")] == ["t101_paris_nice_stage5", "evil<b>id</b>", "003_b2d3748060a9a99c"]
    assert f"{dump}:2" in tree.xpath('//section[@class="unreadable"]')[0].text_content()

    clean = CliRunner().invoke(app, ["review", str(OUTPUTS), "-o", str(page_file), "--title", "Corpus <check>"])
    assert clean.exit_code == 0, clean.output
    assert "<title>Corpus &lt;check&gt;</title>" in page_file.read_text(encoding="utf-8")


def test_a_thousand_articles_make_a_page_in_seconds():
    records = stored() * 72  # 1008 articles
    started = time.perf_counter()
    html = render_page(records)
    assert time.perf_counter() - started < 20
    assert html.count("<article ") == 1008
