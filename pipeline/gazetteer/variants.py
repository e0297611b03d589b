"""The written forms under which news copy refers to a gazetteer name.

Case, accents and dash styles are folded at match time (lexeme NORMs), so variants here only
cover differences in *tokens*: separators that some sites drop ("Bahrain – Victorious" /
"Bahrain Victorious") and the generic "Team" that sites add or drop.
"""

from __future__ import annotations

import re

from ..text.fold import SEPARATORS

# Lower-case words that belong to a surname: "Van Gils", "van der Poel", "De Gendt".
SURNAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "di", "da", "dos", "du", "le", "la", "ter", "ten"})

_SEPARATOR_TOKEN = re.compile(rf"\s*[{re.escape(SEPARATORS)}]+\s*")
_SPACED_SEPARATOR = re.compile(rf"\s+[{re.escape(SEPARATORS)}]+\s+")
_GENERIC_TEAM_PREFIX = re.compile(r"^(?:team)\s+", re.IGNORECASE)
_GENERIC_TEAM_SUFFIX = re.compile(r"\s+(?:team|pro team|cycling team|pro cycling team|pro cycling)$", re.IGNORECASE)


def separator_variants(name: str) -> set[str]:
    """The name with its separators as written, as hyphens, and dropped."""
    out = {name}
    if _SEPARATOR_TOKEN.search(name):
        out.add(_SPACED_SEPARATOR.sub("-", name))
        out.add(" ".join(_SEPARATOR_TOKEN.sub(" ", name).split()))
    return out


def team_variants(name: str) -> set[str]:
    forms = {name}
    for pattern in (_GENERIC_TEAM_PREFIX, _GENERIC_TEAM_SUFFIX):
        stripped = pattern.sub("", name).strip()
        if stripped and stripped != name and len(stripped) > 3:
            forms.add(stripped)
    if not _GENERIC_TEAM_PREFIX.match(name):
        forms.add(f"Team {name}")
    return {v for form in forms for v in separator_variants(form)}


def rider_variants(name: str) -> set[str]:
    return separator_variants(name)


def name_variants(label: str, name: str) -> set[str]:
    if label == "TEAM":
        return team_variants(name)
    if label == "RIDER":
        return rider_variants(name)
    return separator_variants(name)
