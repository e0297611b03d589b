"""The gazetteer ruler: EntityRuler's pattern format, a compiled index, the same spans."""

import json
import shutil
import warnings
from pathlib import Path

import pytest

from pipeline.nlp import load_nlp
from pipeline.nlp.gazetteer import COMPILED_NAME, compile_patterns

ROOT = Path(__file__).resolve().parent.parent


def write_patterns(folder: Path, rows: list[dict]) -> None:
    shutil.copytree(ROOT / "patterns" / "kb", folder / "kb")
    (folder / "riders.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def ents(nlp, text):
    return [(e.text, e.label_, e.id_) for e in nlp(text).ents if not e.id_.startswith("context:")]


@pytest.fixture
def own_patterns(tmp_path):
    write_patterns(tmp_path, [
        {"label": "RIDER", "pattern": "Anna Example", "id": "rider:anna-example"},
        {"label": "RIDER", "pattern": "Anna Example-Test", "id": "rider:anna-example-test"},
        {"label": "RIDER", "pattern": "Example", "id": "rider:anna-example"},
    ])
    return tmp_path


def test_a_compiled_index_is_used_when_it_matches_the_patterns(own_patterns):
    compile_patterns(load_nlp(own_patterns, initialize=False), own_patterns)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "compiling now" warning
        nlp = load_nlp(own_patterns)
    assert ents(nlp, "ANNA EXAMPLE won; Anna Example-Test was second.") == [
        ("ANNA EXAMPLE", "RIDER", "rider:anna-example"), ("Anna Example-Test", "RIDER", "rider:anna-example-test"),
    ]


def test_patterns_newer_than_their_index_are_compiled_at_load(own_patterns):
    compile_patterns(load_nlp(own_patterns, initialize=False), own_patterns)
    with (own_patterns / "riders.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"label": "RIDER", "pattern": "Bea Newrider", "id": "rider:bea-newrider"}) + "\n")
    with pytest.warns(UserWarning, match="older than the pattern files"):
        nlp = load_nlp(own_patterns)
    assert ents(nlp, "Bea Newrider attacked.") == [("Bea Newrider", "RIDER", "rider:bea-newrider")]


def test_lower_case_and_uncapitalised_surnames_are_not_names(own_patterns):
    nlp = load_nlp(own_patterns)
    assert ents(nlp, "an anna example of an example") == []
    assert ents(nlp, "Example won.") == [("Example", "RIDER", "rider:anna-example")]


def test_the_ruler_saves_and_loads_with_the_pipeline(tmp_path, nlp):
    ruler = nlp.get_pipe("racefacts_gazetteer")
    ruler.to_disk(tmp_path)
    assert (tmp_path / COMPILED_NAME).exists()
    other = load_nlp(initialize=False).get_pipe("racefacts_gazetteer").from_disk(tmp_path)
    assert other.index == ruler.index and other.entries == ruler.entries
