"""Config readers that load `patterns/` at `nlp.initialize()`, as spaCy's own readers do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spacy.util import registry

from ..gazetteer import LABEL_FILES, Gazetteer, default_patterns_dir


def _resolve(path: str | Path | None) -> Path:
    return Path(path) if path else default_patterns_dir()


@registry.readers("racefacts.ruler_patterns.v1")
def ruler_patterns(path: str | None = None) -> list[dict[str, Any]]:
    """The entity-ruler patterns of every label file in the patterns folder."""
    folder = _resolve(path)
    patterns: list[dict[str, Any]] = []
    for stem in LABEL_FILES.values():
        file = folder / f"{stem}.jsonl"
        if file.exists():
            with file.open(encoding="utf-8") as lines:
                patterns.extend(json.loads(line) for line in lines if line.strip())
    if not patterns:
        raise FileNotFoundError(f"no entity-ruler patterns in {folder}")
    return patterns


@registry.readers("racefacts.gazetteer.v1")
def gazetteer(path: str | None = None) -> Gazetteer:
    return Gazetteer.from_dir(_resolve(path) / "kb")
