"""Config readers that load `patterns/` at `nlp.initialize()`, as spaCy's own readers do."""

from __future__ import annotations

from pathlib import Path

from spacy.util import registry

from ..gazetteer import Gazetteer, default_patterns_dir


def _resolve(path: str | Path | None) -> Path:
    return Path(path) if path else default_patterns_dir()


@registry.readers("racefacts.gazetteer.v1")
def gazetteer(path: str | None = None) -> Gazetteer:
    return Gazetteer.from_dir(_resolve(path) / "kb")
