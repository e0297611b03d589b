"""Inputs at scale: every format, folders, globs, stdin and dumps, streamed in order, bad inputs as errors."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import itertools
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.reader import Article, ReadError, iter_articles
from pipeline.reading import articles as articles_module
from pipeline.reading import sources

ARTICLE = "Tadej Pogačar won the stage on Mont Ventoux. Jonas Vingegaard finished second, 17 seconds behind.\n"
TITLE = "Pogačar wins on Mont Ventoux"


def page(title: str = TITLE, date: str | None = "2024-07-14T17:30:00+02:00", body: str = ARTICLE, charset: str = "utf-8") -> str:
    meta_date = f'<meta property="article:published_time" content="{date}">' if date else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{title} | CycloNews</title><meta property="og:title" content="{title}">{meta_date}
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>"It was a hard day, but the team did a perfect job," said the winner after the finish.</p>
</article>
<footer>Sign up to our newsletter. © CycloNews 2024</footer>
</body></html>
"""


def jsonl(*objects) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n" for o in objects)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def read(*specs) -> list[Article | ReadError]:
    return list(iter_articles(specs))


def only(items: list) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))


# Formats


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.htm", "a.txt.gz", "a.html.gz", "A.TXT"])
def test_each_file_format_gives_its_article(tmp_path, name):
    is_html = ".htm" in name
    path = write(tmp_path / name, page() if is_html else ARTICLE)
    article = only(read(path))
    assert article.id == "a" if name != "A.TXT" else article.id == "A"
    assert article.path == str(path) and "Tadej Pogačar won the stage" in article.raw
    raw_bytes = page().encode() if is_html else ARTICLE.encode()
    assert article.sha256 == hashlib.sha256(raw_bytes).hexdigest()  # of the article's bytes, not of the gzip
    assert article.warnings == ()


@pytest.mark.parametrize("name", ["dump.jsonl", "dump.jsonl.gz"])
def test_each_dump_format_gives_one_article_a_line(tmp_path, name):
    path = write(tmp_path / name, jsonl({"id": "x1", "text": ARTICLE}, {"id": "x2", "html": page()}))
    first, second = read(path)
    assert (first.id, first.raw, first.line, first.path) == ("x1", ARTICLE, 1, str(path))
    assert first.sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert second.id == "x2" and second.raw.startswith(TITLE + "\n") and second.title == TITLE
    assert second.sha256 == hashlib.sha256(page().encode()).hexdigest()


def test_a_page_gives_its_main_text_headed_by_its_title_and_its_metadata(tmp_path):
    article = only(read(write(tmp_path / "p.html", page())))
    assert article.raw.splitlines()[0] == TITLE
    assert "Home" not in article.raw and "newsletter" not in article.raw
    assert (article.title, article.published) == (TITLE, dt.date(2024, 7, 14))


def test_a_page_without_a_heading_is_headed_by_its_title(tmp_path):
    html = page().replace(f"<h1>{TITLE}</h1>", "")
    article = only(read(write(tmp_path / "p.html", html)))
    assert article.raw.startswith(TITLE + "\n") and article.raw.count(TITLE) == 1


def test_a_page_keeps_the_numbers_of_its_results_list_and_its_table_rows(tmp_path):
    body = f"{ARTICLE}</p><h2>Stage results</h2><ol><li>Tadej Pogačar (UAE) 4:32:10</li><li>Jonas Vingegaard (Visma) +0:17</li></ol><table><tr><td>1</td><td>Remco Evenepoel</td></tr></table><p>"
    raw = only(read(write(tmp_path / "p.html", page(body=body)))).raw
    assert "1. Tadej Pogačar (UAE) 4:32:10\n2. Jonas Vingegaard (Visma) +0:17" in raw
    assert "| 1 | Remco Evenepoel |" in raw


def test_a_page_with_no_date_in_its_metadata_is_not_dated_by_its_footer(tmp_path):
    assert only(read(write(tmp_path / "p.html", page(date=None)))).published is None


def test_dump_metadata_is_kept_and_wins_over_the_page(tmp_path):
    path = write(tmp_path / "d.jsonl", jsonl(
        {"id": "a", "text": ARTICLE, "url": " https://x.org/a ", "published": "2024-07-15T08:00:00Z", "title": "  A   title "},
        {"id": "b", "html": page(), "published": "16 July 2024", "title": "Dump title"},
        {"id": "c", "text": ARTICLE, "published": 1721030400},
        {"id": "d", "text": ARTICLE, "published": "someday"},
    ))
    a, b, c, d = read(path)
    assert (a.url, a.published, a.title) == ("https://x.org/a", dt.date(2024, 7, 15), "A title")
    assert (b.published, b.title) == (dt.date(2024, 7, 16), "Dump title") and b.raw.startswith(TITLE + "\n")
    assert c.published == dt.date(2024, 7, 15)
    assert d.published is None and "not a date" in d.warnings[0]


# Ids


def test_ids_of_files_are_their_stems_without_gz_and_suffix(tmp_path):
    paths = [write(tmp_path / n, ARTICLE) for n in ("plain.txt", "zipped.txt.gz", "page.v2.html")]
    paths[2].write_text(page(), encoding="utf-8")
    assert [a.id for a in read(*paths)] == ["plain", "zipped", "page.v2"]


def test_ids_of_dump_lines_are_their_id_else_a_url_hash_else_the_line(tmp_path):
    url = "https://www.cyclingnews.com/races/tour/stage-14"
    path = write(tmp_path / "dump.jsonl.gz", jsonl(
        {"id": "given", "text": ARTICLE, "url": url},
        {"id": 42, "text": ARTICLE},
        {"url": url, "text": ARTICLE},
        "",
        {"id": "", "text": ARTICLE},
    ))
    ids = [a.id for a in read(path)]
    assert ids == ["given", "42", "url-" + hashlib.sha256(url.encode()).hexdigest()[:16], "dump-5"]


# Folders, globs, order


def test_folders_are_read_recursively_in_sorted_order_and_only_known_suffixes(tmp_path):
    write(tmp_path / "in" / "b.txt", ARTICLE)
    write(tmp_path / "in" / "a" / "c.html", page())
    write(tmp_path / "in" / "a" / "z.jsonl.gz", jsonl({"id": "z1", "text": ARTICLE}, {"id": "z2", "text": ARTICLE}))
    write(tmp_path / "in" / "notes.gold.json", "{}")
    write(tmp_path / "in" / "readme.md", "# notes")
    assert [a.id for a in read(tmp_path / "in")] == ["c", "z1", "z2", "b"]


def test_glob_patterns_are_expanded_in_sorted_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("corpus/b.txt", "corpus/a.txt", "corpus/c.html"):
        write(tmp_path / name, ARTICLE)
    write(tmp_path / "dumps/2024/07/x.jsonl.gz", jsonl({"id": "x", "text": ARTICLE}))
    write(tmp_path / "dumps/y.jsonl.gz", jsonl({"id": "y", "text": ARTICLE}))
    write(tmp_path / "dumps/skip.jsonl", jsonl({"id": "skip", "text": ARTICLE}))
    assert [a.id for a in read("corpus/*.txt")] == ["a", "b"]
    assert [a.id for a in read("dumps/**/*.jsonl.gz")] == ["x", "y"]
    assert [a.id for a in read(str(tmp_path / "corpus" / "[ab].txt"))] == ["a", "b"]
    (missing,) = read("nowhere/*.txt")
    assert isinstance(missing, ReadError) and missing.kind == "not_found"


def test_input_order_is_kept_across_specs(tmp_path):
    b = write(tmp_path / "b.txt", ARTICLE)
    dump = write(tmp_path / "dump.jsonl", jsonl({"id": "d1", "text": ARTICLE}, "not json", {"id": "d3", "text": ARTICLE}))
    a = write(tmp_path / "a.txt", ARTICLE)
    items = read(b, dump, tmp_path / "missing.txt", a)
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", "b"), ("Article", "d1"), ("ReadError", "dump-2"), ("Article", "d3"), ("ReadError", "missing"), ("Article", "a"),
    ]


# Stdin


def test_stdin_holds_a_text_article(monkeypatch):
    stdin(monkeypatch, b"\n\n" + ARTICLE.encode())
    article = only(read("-"))
    assert (article.id, article.path, article.raw) == ("stdin", None, "\n\n" + ARTICLE)


def test_stdin_holds_a_jsonl_dump(monkeypatch):
    stdin(monkeypatch, b"  \n" + jsonl({"id": "s1", "text": ARTICLE}, {"text": ARTICLE}, "[1]").encode())
    first, second, third = read("-")
    assert (first.id, first.line, first.path) == ("s1", 2, None)
    assert second.id == "stdin-3" and isinstance(third, ReadError) and third.kind == "bad_json"


def test_stdin_may_be_gzipped(monkeypatch):
    stdin(monkeypatch, gzip.compress(jsonl({"id": "g", "text": ARTICLE}).encode()))
    assert only(read("-")).id == "g"


# Encodings


def test_a_windows_1252_file_is_decoded_with_a_warning(tmp_path):
    text = "Café de Colombia’s Nairo Quintana won – “a great day”.\n"
    article = only(read(write(tmp_path / "cp.txt", text.encode("cp1252"))))
    assert article.raw == text and "Windows-1252" in article.warnings[0]


def test_a_latin_1_file_is_decoded_with_a_warning(tmp_path):
    text = "Café de Colombia rider won in Besançon, ahead of Søren Wærenskjold.\n"
    article = only(read(write(tmp_path / "latin.txt", text.encode("latin-1"))))
    assert article.raw == text and article.warnings and "not UTF-8" in article.warnings[0]


def test_utf8_with_a_few_bad_bytes_keeps_its_text(tmp_path):
    data = "Tadej Pogačar won the stage – his".encode() + b"\x92" + " third, and Primož Roglič lost time.\n".encode()
    article = only(read(write(tmp_path / "bad.txt", data)))
    assert article.raw == "Tadej Pogačar won the stage – his\ufffd third, and Primož Roglič lost time.\n"
    assert "replaced" in article.warnings[0]


def test_a_page_in_its_declared_charset_is_decoded(tmp_path):
    body = "Nairo Quintana won the stage – “a great day” for Café de Colombia."
    html = page(title="Café de Colombia wins", charset="windows-1252", body=body).encode("cp1252")
    article = only(read(write(tmp_path / "p.html", html)))
    assert article.title == "Café de Colombia wins" and article.raw.startswith("Café de Colombia wins\n")
    assert "Windows-1252" in article.warnings[0]


def test_a_dump_line_that_is_not_utf8_is_decoded_with_a_warning(tmp_path):
    line = json.dumps({"id": "w", "text": "Café de Colombia won."}, ensure_ascii=False).encode("cp1252") + b"\n"
    article = only(read(write(tmp_path / "d.jsonl", line)))
    assert article.raw == "Café de Colombia won." and "Windows-1252" in article.warnings[0]


# Errors


def errors(items) -> list[tuple[str, str]]:
    return [(e.id, e.kind) for e in items if isinstance(e, ReadError)]


def test_binary_empty_missing_and_unsupported_inputs_are_errors(tmp_path):
    paths = [
        write(tmp_path / "binary.txt", b"\x00\x01\x02 not text"),
        write(tmp_path / "empty.txt", "  \n"),
        write(tmp_path / "empty.html", "<html><body></body></html>"),
        write(tmp_path / "zipped.txt.gz", b"\x00\x00\x00"),
        write(tmp_path / "paper.pdf", b"%PDF-1.4"),
        tmp_path / "missing.txt",
    ]
    assert errors(read(*paths)) == [
        ("binary", "binary"), ("empty", "empty"), ("empty", "empty"), ("zipped", "binary"), ("paper", "unsupported"), ("missing", "not_found"),
    ]


def test_an_oversized_article_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(articles_module, "MAX_CHARS", 50)
    path = write(tmp_path / "d.jsonl", jsonl({"id": "big", "text": "a " * 40}, {"id": "small", "text": "Short."}))
    big, small = read(path, write(tmp_path / "big.txt", "word " * 20))[:2]
    assert (big.id, big.kind, big.line) == ("big", "too_large", 1) and "80 characters" in big.message
    assert isinstance(small, Article)
    assert errors(read(tmp_path / "big.txt")) == [("big", "too_large")]


def test_an_oversized_dump_line_is_skipped_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(articles_module, "MAX_BYTES", 100)
    path = write(tmp_path / "d.jsonl", jsonl({"id": "big", "text": "a" * 500}, {"id": "next", "text": "Short."}))
    big, after = read(path)
    assert (big.id, big.kind) == ("d-1", "too_large") and after.id == "next"


def test_a_dump_line_that_is_not_json_is_an_error_and_the_next_lines_are_read(tmp_path):
    path = write(tmp_path / "d.jsonl", jsonl(
        {"id": "one", "text": ARTICLE}, '{"id": "two", "text": ', {"id": "three", "title": "no text"}, {"id": "four", "text": ARTICLE}, '"a string"',
    ))
    one, two, three, four, five = read(path)
    assert one.id == "one" and four.id == "four"
    assert (two.id, two.kind, two.line) == ("d-2", "bad_json", 2) and two.message.startswith("line 2: not JSON")
    assert (three.id, three.kind) == ("three", "no_text") and "line 3" in three.message
    assert (five.kind, five.line) == ("bad_json", 5)


def test_a_corrupt_gzip_file_is_an_error_after_the_articles_read_from_it(tmp_path):
    data = gzip.compress(jsonl(*({"id": f"n{i}", "text": f"Article {i}: {ARTICLE}"} for i in range(2000))).encode())
    path = write(tmp_path / "cut.jsonl", b"")
    path = path.rename(tmp_path / "cut.jsonl.gz")
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    assert all(isinstance(i, Article) for i in items[:-1]) and len(items) > 10
    assert (items[-1].id, items[-1].kind) == ("cut", "bad_gzip")
    (tmp_path / "fake.txt.gz").write_bytes(b"not gzip at all")
    assert errors(read(tmp_path / "fake.txt.gz")) == [("fake", "bad_gzip")]


# Streaming


def test_a_dump_is_read_lazily(tmp_path, monkeypatch):
    lines = [{"id": f"n{i}", "text": f"Article {i}: {ARTICLE}"} for i in range(5000)]
    path = write(tmp_path / "big.jsonl", jsonl(*lines[:4000], "{ not json", *lines[4000:]))
    opened = []
    original = sources._open

    def recording_open(p, compressed):
        stream = original(p, compressed)
        opened.append(stream)
        return stream

    monkeypatch.setattr(sources, "_open", recording_open)
    items = iter_articles([path])
    assert [a.id for a in itertools.islice(items, 3)] == ["n0", "n1", "n2"]
    assert opened[0].raw.tell() < path.stat().st_size // 10  # a buffer's worth read, not the file


def test_a_gzipped_dump_is_read_lazily(tmp_path):
    lines = [{"id": f"n{i}", "text": f"Article {i}: {ARTICLE}"} for i in range(5000)]
    path = write(tmp_path / "big.jsonl.gz", jsonl(*lines[:4000], "{ not json", *lines[4000:]))
    items = iter_articles([path])
    assert [a.id for a in itertools.islice(items, 3)] == ["n0", "n1", "n2"]  # no error yet: line 4001 unread
    rest = list(items)
    assert len(rest) == 4998 and errors(rest) == [("big-4001", "bad_json")]


# End to end


def test_a_page_is_extracted_with_its_metadata(tmp_path, extractor):
    body = "Tadej Pogačar won stage 14 of the Tour de France on Mont Ventoux on Sunday. Jonas Vingegaard finished second, 17 seconds behind."
    record = extractor(only(read(write(tmp_path / "page.html", page(body=body)))))
    assert (record.results[0].rider, record.results[0].rank) == ("Tadej Pogačar", 1)
    assert (record.headline, record.published) == (TITLE, dt.date(2024, 7, 14))
    assert record.about.year == 2024


def test_dump_metadata_fills_what_the_text_does_not_say(tmp_path, extractor):
    path = write(tmp_path / "d.jsonl", jsonl({"id": "m", "text": ARTICLE, "title": "Ventoux", "published": "2021-07-07", "url": "https://x.org/m"}))
    record = extractor(only(read(path)))
    assert (record.id, record.headline, record.published) == ("m", "Ventoux", dt.date(2021, 7, 7))
    assert record.results[0].rider == "Tadej Pogačar"


def test_inputs_are_counted_for_the_progress_bar_without_reading_articles(tmp_path):
    import gzip as gz

    from pipeline.reader import count_articles

    (tmp_path / "a.txt").write_text("Tadej Pogačar won.", encoding="utf-8")
    (tmp_path / "dump.jsonl").write_text('{"text": "one"}\n\n{"text": "two"}\nnot json\n', encoding="utf-8")
    with gz.open(tmp_path / "more.jsonl.gz", "wt", encoding="utf-8") as dump:
        dump.write('{"text": "three"}\n{"text": "four"}\n')
    assert count_articles([tmp_path, tmp_path / "missing.txt"]) == 1 + 3 + 2 + 1
    assert count_articles([tmp_path / "a.txt", "-"]) is None
