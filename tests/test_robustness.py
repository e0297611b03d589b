"""Inputs that broke earlier versions: odd digits, odd line breaks, odd encodings, long texts."""

import pytest

from pipeline import extract
from pipeline.reader import MAX_CHARS, article_from_bytes
from pipeline.records import ArticleRecord


def valid(record: ArticleRecord) -> ArticleRecord:
    """The record survives a JSON round trip and its evidence lies inside its text."""
    assert ArticleRecord.model_validate_json(record.model_dump_json()) == record
    for fact in [*record.results, *record.gaps, *record.quotes, *record.programmes, *record.climbs]:
        assert 0 <= fact.evidence.start <= fact.evidence.end <= len(record.text)
    return record


@pytest.mark.parametrize("text", ["", "   \n\n ", "word", '"""""" « » “ ”', "“" * 50 + "\n\n" + "«" * 20, "ALL CAPITALS ARTICLE ABOUT A RACE.", "<p>Pogačar &quot;won&quot;</p>", "🚴 مرحبا 🚴\n\nשלום"])
def test_odd_texts_give_valid_records(text):
    valid(extract(text))


def test_non_ascii_digits_are_no_numbers():
    record = valid(extract("Alexey Lutsenko won stage 3 of the Tour of Oman ² by far. He won the ²⁰¹⁵ Tour of Oman.\n1 ² Jan Hirt"))
    assert {(r.stage, r.rank) for r in record.results} == {(3, 1)}


def test_no_stage_zero_or_stage_999():
    record = valid(extract("Tadej Pogačar won stage 0. Enric Mas won stage 999."))
    assert {r.stage for r in record.results} == {None}


def test_old_mac_line_breaks_split_paragraphs():
    text = open("corpus/000_561fe1d79377b5a7.txt", encoding="utf-8").read()
    unix, mac = extract(text), valid(extract(text.replace("\n", "\r")))
    assert [(r.classification, r.rank, r.rider, r.stage) for r in mac.results] == [(r.classification, r.rank, r.rider, r.stage) for r in unix.results]
    assert [q.text for q in mac.quotes] == [q.text for q in unix.quotes]


def test_a_long_text_reads_the_same_facts_once():
    paragraph = open("corpus/t102_giro_zoncolan.txt", encoding="utf-8").read()
    single, repeated = extract(paragraph), valid(extract("\n\n".join([paragraph] * 20)))
    assert {(r.classification, r.rank, r.rider) for r in repeated.results} == {(r.classification, r.rank, r.rider) for r in single.results}


def test_a_quote_over_two_paragraphs_has_both_in_its_evidence():
    record = valid(extract('"The team controlled the race from the start.\n\n"In the final I only had to finish it off," said Mads Pedersen.'))
    assert "controlled the race" in record.quotes[0].evidence.sentence and "finish it off" in record.quotes[0].evidence.sentence


def test_utf8_with_one_bad_byte_keeps_its_accents():
    article = article_from_bytes("Jesús Herrada won the stage.".encode() + b"\xff", "bad")
    assert article.raw.startswith("Jesús Herrada") and "replaced" in article.warnings[0]
    assert extract(article.raw).results[0].rider == "Jesús Herrada"


def test_windows_1252_and_utf16_files_are_read():
    assert article_from_bytes("Søren Wærenskjold won the sprint.".encode("cp1252"), "x").raw == "Søren Wærenskjold won the sprint."
    assert article_from_bytes("Søren won.".encode("utf-16"), "y").raw == "Søren won."


def test_too_long_a_text_is_an_error_not_a_crash():
    assert article_from_bytes(b"a " * (MAX_CHARS // 2 + 1), "big").kind == "too_large"
    with pytest.raises(ValueError, match="over the limit"):
        extract("a" * (MAX_CHARS + 1))
