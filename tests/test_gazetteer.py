"""The gazetteer build: deterministic, complete and faithful to the hand tables."""

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.gazetteer import Gazetteer, default_data_dir
from pipeline.gazetteer.build import build, surname_patterns
from pipeline.gazetteer.names import surname
from pipeline.gazetteer.kb import Entry
from pipeline.gazetteer.variants import name_variants
from pipeline.nlp import load_nlp
from pipeline.nlp.gazetteer import compile_patterns

ROOT = Path(__file__).resolve().parent.parent


def _built_files(folder: Path) -> list[Path]:
    patterns = ("*.jsonl", "kb/*.jsonl", "gazetteer.msgpack")
    return sorted(p.relative_to(folder) for pattern in patterns for p in folder.glob(pattern))


def _same_tree(a: Path, b: Path) -> bool:
    files = _built_files(a)
    return bool(files) and files == _built_files(b) and all(filecmp.cmp(a / f, b / f, shallow=False) for f in files)


def test_build_twice_gives_the_same_bytes(tmp_path):
    """In separate processes with different hash seeds, so set order cannot leak into the output."""
    for name, seed in (("one", "1"), ("two", "2")):
        subprocess.run(
            [sys.executable, "-m", "pipeline", "patterns", "build", "--hand-tables-only", "--manual", str(ROOT / "patterns" / "manual"), "--out", str(tmp_path / name)],
            check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
        )
    assert _same_tree(tmp_path / "one", tmp_path / "two")


def test_committed_patterns_are_built_from_the_data_and_hand_tables(tmp_path):
    data = default_data_dir()
    if data is None:
        pytest.skip("the public data sets (../shared/data) are not beside this checkout: cannot rebuild patterns/")
    build(ROOT / "patterns" / "manual", tmp_path, data)
    compile_patterns(load_nlp(tmp_path, initialize=False), tmp_path)
    assert _same_tree(tmp_path, ROOT / "patterns"), "run `make patterns` and commit patterns/"


def test_team_variants_add_or_drop_the_generic_team_word_and_join_hyphenated_sponsors():
    assert name_variants("TEAM", "Team Jumbo-Visma") == {"Team Jumbo-Visma", "Jumbo-Visma", "Team JumboVisma", "JumboVisma"}
    assert "Uno-X" in name_variants("TEAM", "Uno-X Pro Cycling Team")
    assert "Deceuninck-QuickStep" in name_variants("TEAM", "Deceuninck-Quick-Step")
    assert name_variants("RIDER", "Enric Mas") == {"Enric Mas"}


def test_surnames_with_particles():
    assert surname("Maxim Van Gils") == "Van Gils"
    assert surname("Mathieu van der Poel") == "van der Poel"
    assert surname("Alexey Lutsenko") == "Lutsenko"


def test_surname_alone_only_when_unique_and_not_a_common_word_place_or_given_name():
    riders = [
        Entry("rider:a", "RIDER", "Gorka Izagirre", ("Gorka Izagirre",)),
        Entry("rider:b", "RIDER", "Ion Izagirre", ("Ion Izagirre",)),
        Entry("rider:c", "RIDER", "Alex Aranburu", ("Alex Aranburu",)),
        Entry("rider:d", "RIDER", "Jonathan Milan", ("Jonathan Milan",)),
        Entry("rider:e", "RIDER", "Milan Menten", ("Milan Menten",)),
        Entry("rider:f", "RIDER", "Milan Vader", ("Milan Vader",)),
        Entry("rider:g", "RIDER", "Jan Roubaix", ("Jan Roubaix",)),
        Entry("rider:h", "RIDER", "Anna Costa", ("Anna Costa",)),
    ]
    alone = surname_patterns(riders, excluded={"roubaix", "costa"})
    # Izagirre is shared by two riders; Milan is the given name of two; Roubaix a place, Costa a common word
    assert alone == {"Aranburu": "rider:c", "Menten": "rider:e", "Vader": "rider:f"}


def test_team_canonical_is_the_season_name_used():
    gazetteer = Gazetteer.from_dir(ROOT / "patterns" / "kb")
    assert gazetteer.canonical("team:visma", "Team Jumbo-Visma") == "Team Jumbo-Visma"
    assert gazetteer.canonical("team:bora", "Bora-Hansgrohe") == "BORA – hansgrohe"
    assert gazetteer.canonical("team:cofidis", "Team Cofidis") == "Cofidis"
    assert gazetteer.canonical("race:criterium-du-dauphine", "DAUPHINE") == "Dauphiné"
    assert gazetteer.canonical("race:criterium-du-dauphine", "Criterium du Dauphine") == "Critérium du Dauphiné"
