"""Inline boilerplate: the spans cut out of a block never overlap one another."""

import dataclasses
import re

from pipeline.cleaning import clean
from pipeline.cleaning.blocks import split_blocks
from pipeline.cleaning.rules import CueSet, find_inline, load_cues


def _cues(**patterns: list[str]):
    sets = {
        name: CueSet(kind=name, scope="inline", max_words=60, patterns=tuple(re.compile(p, re.IGNORECASE) for p in cues))
        for name, cues in patterns.items()
    }
    return dataclasses.replace(load_cues(), sets=sets)


def _cut(text: str, cues) -> list[tuple[str, str]]:
    blocks = split_blocks(text)
    return [(text[s.start : s.end], s.label.rule) for s in find_inline(blocks, cues, {})]


def test_a_span_overlapping_an_earlier_kept_span_is_dropped():
    # "buy" lies inside the advert and is dropped; "on sale today] He" starts after "buy" ends
    # but still inside the advert, so it overlaps the span that was kept and must go too
    cues = _cues(ad=[r"\[ad:[^\]]*\]", r"\bbuy\b", r"on sale today\] he"])
    assert _cut("Pogačar won. [ad: buy now, on sale today] He smiled.", cues) == [("[ad: buy now, on sale today]", "ad_inline")]


def test_of_spans_starting_together_the_longer_is_cut_and_equal_spans_are_cut_once():
    cues = _cues(short=[r"swipe to scroll"], long=[r"swipe to scroll right"], same=[r"swipe to scroll right"])
    assert _cut("Stage 6 results: swipe to scroll right 1 Ion Izagirre (Spa) Cofidis 3:47:07", cues) == [("swipe to scroll right", "long_inline")]


def test_a_table_widget_inside_a_photo_credit_is_removed_once():
    raw = "Pogačar wins\nTadej Pogačar on the podium (Photo credit: header cell - column 1, swipe to scroll right) in Paris.\nHe won the Tour."
    cleaned = clean(raw)
    assert cleaned.text == "Pogačar wins\nTadej Pogačar on the podium in Paris.\nHe won the Tour."
    assert [(r.kind, r.text) for r in cleaned.removed] == [("photo_credit", "(Photo credit: header cell - column 1, swipe to scroll right)")]
    assert all(raw[r.start : r.end] == r.text for r in cleaned.removed)
