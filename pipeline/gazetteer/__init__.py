"""The gazetteer: what the entity rulers can see, and what the records say about it."""

from __future__ import annotations

from pathlib import Path

from .kb import Entry, Gazetteer, LABEL_FILES

__all__ = ["Entry", "Gazetteer", "LABEL_FILES", "default_data_dir", "default_patterns_dir"]

_PACKAGE = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path | None:
    """The public data sets the gazetteer is built from: ../shared/data beside the repository."""
    candidate = _PACKAGE.parent.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


def default_patterns_dir() -> Path:
    """`patterns/` of the repository, or the copy a wheel carries inside the package."""
    for candidate in (_PACKAGE / "_patterns", _PACKAGE.parent / "patterns"):
        if (candidate / "kb").is_dir():
            return candidate
    raise FileNotFoundError(
        "racefacts cannot find its patterns/ folder; reinstall the package or pass a patterns directory"
    )
