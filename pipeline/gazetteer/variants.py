"""The written forms under which news copy refers to a gazetteer name.

Case, accents and dash styles are folded at match time (lexeme NORMs) and separators are
skipped ("Bahrain – Victorious" = "Bahrain Victorious"), so variants here only cover other
differences in tokens: the generic "Team" that sites add or drop, and hyphenated sponsor
names written as one word ("Quick-Step" / "QuickStep").
"""

from __future__ import annotations

import re


# Lower-case words that belong to a surname: "Van Gils", "van der Poel", "De Gendt".
SURNAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "di", "da", "dos", "du", "le", "la", "ter", "ten"})

_HYPHEN_BETWEEN_WORDS = re.compile(r"(?<=[A-Za-z])-(?=[A-Z][a-z]+\b)")
_GENERIC_TEAM_PREFIX = re.compile(r"^(?:team)\s+", re.IGNORECASE)
_GENERIC_TEAM_SUFFIX = re.compile(r"\s+(?:team|pro team|cycling team|pro cycling team|pro cycling)$", re.IGNORECASE)


def team_variants(name: str) -> set[str]:
    forms = {name}
    for pattern in (_GENERIC_TEAM_PREFIX, _GENERIC_TEAM_SUFFIX):
        stripped = pattern.sub("", name).strip()
        if stripped and stripped != name and len(stripped) > 3:
            forms.add(stripped)
    if not _GENERIC_TEAM_PREFIX.match(name):
        forms.add(f"Team {name}")
    return forms | {joined for form in forms for joined in _joined_once(form)}


def _joined_once(name: str) -> set[str]:
    """The name with one hyphen between words dropped, for each such hyphen:
    "Deceuninck-Quick-Step" -> "DeceuninckQuick-Step", "Deceuninck-QuickStep"."""
    return {name[: m.start()] + name[m.end() :] for m in _HYPHEN_BETWEEN_WORDS.finditer(name)}


def name_variants(label: str, name: str) -> set[str]:
    return team_variants(name) if label == "TEAM" else {name}
