"""Person names as the data sets print them, and the forms news copy uses for them.

Pure functions, no data access. The data sets write one rider as "POGAČAR Tadej" (UCI: surname
in capitals first), "Pogačar Tadej" (PCS lists: surname first, mixed case, with a slug
"tadej-pogacar" beside it), "Tadej Pogačar" (PCS profiles, FirstCycling) or "TADEJ POGACAR"
(letour.fr). `given_surname` splits all of them into (given, surname); `proper_case` restores the
case that capitals lost; `short_forms` gives the names news uses for double surnames.

Case convention (`proper_case`): only words written entirely in capitals or entirely in lower
case are re-cased; a mixed-case word ("McNulty", "Van", "DeVries") is the source's own spelling
and is kept. A re-cased word is capitalised ("POGAČAR" -> "Pogačar"), each part of a
hyphenated word too ("NIEWIADOMA-PHINNEY" -> "Niewiadoma-Phinney"), after an apostrophe
("O'CONNOR" -> "O'Connor") and after "Mc" ("MCNULTY" -> "McNulty"; "Mac" is left alone, it
starts too many other names: Machado, Macías). A surname particle (van, de, der, den, del, di,
da, dos, du, le, la, ter, ten, von, della) is lower case unless it is the first word of the full
name: "Mathieu van der Poel", but "Van der Poel Mathieu" in a results table. Folding makes case
irrelevant for matching, so the convention only decides how a name is displayed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache

from ..text.fold import APOSTROPHES, DASHES, fold, name_key, slug as slug_of
from .variants import SURNAME_PARTICLES


# Countries whose riders carry two surnames (father's, mother's) and are called by the first:
# Spain and Spanish-speaking America. Portuguese and Brazilian names put the principal surname
# last, Italian and French double surnames are used whole ("Longo Borghini", "Paret-Peintre").
IBERIAN_DOUBLE_SURNAME = frozenset({
    "ESP", "AND", "ARG", "BOL", "CHI", "COL", "CRC", "CUB", "DOM", "ECU", "ESA", "GUA", "HON", "MEX",
    "NCA", "PAN", "PAR", "PER", "PUR", "URU", "VEN",
})
# Danish and Norwegian riders often race under a middle surname before a patronymic one
# ("Jonas Vingegaard Hansen" is Jonas Vingegaard).
NORDIC_MIDDLE_SURNAME = frozenset({"DEN", "NOR"})
_PATRONYMIC_ENDINGS = ("sen", "son")

# Given names that stand for "unknown" in the UCI exports ("UWIDUHAYE Xxx", "UWIDUHAYE -").
_PLACEHOLDERS = frozenset({"xxx", "-", "--", "?", "nn", "none", "null"})
_NAME_PUNCTUATION = frozenset(APOSTROPHES + DASHES + ".")
_PARENTHESIS = re.compile(r"\([^)]*\)")
_TRAILING_NUMBER = re.compile(r"-?\d+$")
_PART_SPLIT = re.compile(rf"([{re.escape(DASHES)}])")


def _is_name_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M") or char in _NAME_PUNCTUATION


def _miscased(word: str) -> bool:
    """Mixed case that no name has: capitals only on or right after accented letters, as some
    UCI rows print "NatašA", "HernÁndez", "GuðNý" ("McNulty", "DeVries" are fine)."""
    inner = [i for i, c in enumerate(word) if i and c.isupper()]
    return bool(inner) and any(c.islower() for c in word) and all(
        not word[i].isascii() or (word[i - 1].isalpha() and not word[i - 1].isascii()) for i in inner
    )


@lru_cache(maxsize=65536)
def clean(name: str) -> str:
    """One space between words; no parenthesised nicknames, stray symbols or placeholders.

    The exports carry tabs, non-breaking spaces, "EISENHART Taylor (T.J.)", "Anthony Jr/",
    "Ivaïlo**", "RODRIGUEZ CUELLAR : Willam", "UWIDUHAYE Xxx" and miscased words ("NatašA");
    none of that is part of the name.
    """
    text = "".join(c if _is_name_char(c) else " " for c in _PARENTHESIS.sub(" ", name))
    words = [w for w in text.split() if any(c.isalpha() for c in w) and fold(w) not in _PLACEHOLDERS]  # no ID numbers
    return " ".join(w[:1] + w[1:].lower() if _miscased(w) else w for w in words)


def is_capitals(word: str) -> bool:
    """Written in capitals: letters, none lower case ("ß" has no capital of its own: "VOß")."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and not any(c.islower() and c != "ß" for c in letters)


def _is_lower(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.islower() for c in letters)


def _capitalise_part(part: str) -> str:
    """"POGAČAR" -> "Pogačar", "O'CONNOR" -> "O'Connor", "MCNULTY" -> "McNulty"."""
    out = part[:1].upper() + part[1:].lower()
    if len(out) > 3 and out[:2] == "Mc":
        out = "Mc" + out[2].upper() + out[3:]
    for i, char in enumerate(out[:-1]):
        if char in APOSTROPHES:
            out = out[: i + 1] + out[i + 1].upper() + out[i + 2 :]
    return out


def _case_word(word: str, first: bool) -> str:
    if not (is_capitals(word) or _is_lower(word)):
        return word
    if fold(word) in SURNAME_PARTICLES:
        return _capitalise_part(word) if first else word.lower()
    return "".join(_capitalise_part(p) if p not in DASHES else p for p in _PART_SPLIT.split(word))


def proper_case(text: str, leading: bool = True) -> str:
    """A name or a word in capitals or lower case, written as a name is (see the module doc).

    `leading` says whether `text` starts the full name: a surname on its own after the given
    name passes False, so that "VAN DER POEL" becomes "van der Poel".
    """
    return " ".join(_case_word(w, leading and i == 0) for i, w in enumerate(text.split()))


def _first_surname_index(words: list[str]) -> int:
    """Where the surname starts in "Given Surname": at the first particle after the first word
    ("Tosh Van der Sande", "Kim Le Court De Billot"), else at the last word."""
    for i in range(1, len(words) - 1):
        if fold(words[i]) in SURNAME_PARTICLES:
            return i
    return len(words) - 1


def _split_given_first(words: list[str]) -> tuple[str, str]:
    if len(words) == 1:
        return "", words[0]
    i = _first_surname_index(words)
    return " ".join(words[:i]), " ".join(words[i:])


def _split_surname_first(words: list[str]) -> tuple[str, str]:
    """"van Aert Wout" without a slug: leading particles plus one word are the surname; words in
    lower case before a capitalised one are all surname ("almurawwi alblooshi Mohammed")."""
    if len(words) == 1:
        return "", words[0]
    lower = 0
    while lower < len(words) - 1 and _is_lower(words[lower]):
        lower += 1
    if any(fold(w) not in SURNAME_PARTICLES for w in words[:lower]):
        return " ".join(words[lower:]), " ".join(words[:lower])
    i = 0
    while i < len(words) - 2 and fold(words[i]) in SURNAME_PARTICLES:
        i += 1
    return " ".join(words[i + 1 :]), " ".join(words[: i + 1])


def _split_by_capitals(words: list[str]) -> tuple[str, str] | None:
    """UCI style: the words in capitals are the surname, before ("POGAČAR Tadej") or, in a few
    rows, after the given name ("Haroun JOMLI"). None when capitals do not tell."""
    # In capitals and longer than an initial ("A." belongs to a given name), or a particle ("DE").
    caps = [is_capitals(w) and (sum(c.isalpha() for c in w) > 1 or fold(w) in SURNAME_PARTICLES) for w in words]
    if not any(caps) or len(words) == 1:
        return None
    if all(caps):  # "EISENHART TJ": the given name is the last word
        return words[-1], " ".join(words[:-1])
    if caps[0]:
        end = caps.index(False)
        if not any(caps[end:]):
            return " ".join(words[end:]), " ".join(words[:end])
    if caps[-1]:
        start = len(caps) - caps[::-1].index(False)
        if not any(caps[:start]):
            return " ".join(words[:start]), " ".join(words[start:])
    return None


def _slug_words(pcs_slug: str) -> list[str]:
    """"rider/christophe-bastianelli-892" -> ["christophe", "bastianelli"]."""
    tail = pcs_slug.strip().rstrip("/").rsplit("/", 1)[-1]
    return [w for w in _TRAILING_NUMBER.sub("", tail).split("-") if w]


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def _split_by_slug(words: list[str], pcs_slug: str) -> tuple[str, str] | None:
    """PCS list order "Surname Given": the rotation whose words make the slug.

    First an exact rotation ("van Aert Wout" + "wout-van-aert"); then the name already in slug
    order ("Given Surname"); then, because PCS slugs often hold a second surname or a full given
    name ("Vingegaard Jonas" + "jonas-vingegaard-rasmussen", "Girmay Hailu Biniam" +
    "biniam-girmay"), the rotation that starts with the slug's first word and whose words and
    the slug's are one a subsequence of the other. None when nothing fits.
    """
    target = _slug_words(pcs_slug)
    if not target or len(words) < 2:
        return None
    rotations = [(k, words[k:], words[:k]) for k in range(1, len(words))]
    for _, given, surname in rotations:
        if slug_of(" ".join(given + surname)).split("-") == target:
            return " ".join(given), " ".join(surname)
    if slug_of(" ".join(words)).split("-") == target:
        return _split_given_first(words)
    fitting = []
    for _, given, surname in rotations:
        candidate = slug_of(" ".join(given + surname)).split("-")
        if candidate[0] == target[0] and (_is_subsequence(candidate, target) or _is_subsequence(target, candidate)):
            fitting.append((" ".join(given), " ".join(surname)))
    return fitting[0] if len(fitting) == 1 else None


@lru_cache(maxsize=65536)
def given_surname(name: str, slug: str | None = None, *, surname_first: bool = False) -> tuple[str, str]:
    """(given, surname) of a name written "SURNAME Given", "Surname Given" or "Given Surname".

    In order of evidence: a PCS `slug` gives the order of a PCS list name ("van Aert Wout");
    capitals mark the surname ("VAN DER BREGGEN Anna", "Haroun JOMLI"); `surname_first` says
    that a source prints the surname first even where capitals are missing (UCI rows such as
    "Kammoun Khaled"); otherwise the name is "Given Surname" and the surname starts at its first
    particle or is its last word ("Tosh Van der Sande", "Tadej Pogačar"). The surname comes back
    in proper case when it was printed in capitals; a one-word name is all surname.
    """
    words = clean(name).split()
    if not words:
        return "", ""
    split = _split_by_slug(words, slug) if slug else None
    if split is None:
        split = _split_by_capitals(words)
    if split is None:
        split = _split_surname_first(words) if surname_first else _split_given_first(words)
    given, surname = split
    if given and given == given.lower():  # "conor Kissane" in one export
        given = proper_case(given)
    return given, proper_case(surname, leading=not given)


def full_name(given: str, surname: str) -> str:
    """"Given Surname"; a particle that starts the name is capitalised ("Van der Poel" alone)."""
    if not given:
        return proper_case(surname, leading=True) if surname else ""
    return f"{given} {surname}"


def surname_given(given: str, surname: str) -> str:
    """The order of UCI and PCS result tables: "Van Aert Wout", "Hermans Quinten"."""
    if not given:
        return full_name(given, surname)
    head, *rest = surname.split()
    head = head[:1].upper() + head[1:]
    return " ".join([head, *rest, given])


def short_forms(
    given: str,
    surname: str,
    nationality: str | None = None,
    given_names: Collection[str] = (),
) -> list[str]:
    """The shorter names news uses for a double surname: "Enric Mas Nicolau" -> ["Enric Mas"].

    Rule: the surname has exactly two words, neither a particle nor hyphenated into one ("Van
    Gils", "De Gendt", "van der Poel", "del Toro Romero", "Niewiadoma-Phinney" are never split);
    its first word is not a given name (`given_names`, folded, e.g. all first given names the
    data sets know: a split that pushed a given name into the surname must not produce "Juan
    José"); and the naming custom of the rider's country is to be called by the first surname:
    Spanish-speaking countries always ("Gorka Izagirre Insausti" -> "Gorka Izagirre"), Denmark
    and Norway when the second is a patronymic ("Jonas Vingegaard Hansen" -> "Jonas
    Vingegaard"). Other countries keep the surname whole ("Elisa Longo Borghini", ITA). With no
    nationality known the shape of the name alone decides (Spanish-speaking riders are by far
    the most double surnames in the data sets).
    """
    words = surname.split()
    if not given or len(words) != 2 or any(fold(w) in SURNAME_PARTICLES for w in words):
        return []
    first, second = (fold(w) for w in words)
    if name_key(first) in given_names:
        return []
    if nationality and nationality not in IBERIAN_DOUBLE_SURNAME:
        if nationality not in NORDIC_MIDDLE_SURNAME or not second.endswith(_PATRONYMIC_ENDINGS):
            return []
    return [f"{given} {words[0]}"]


# Short forms of given names and the full forms they stand for, as sources print one or the
# other ("Tom Pidcock" / "Thomas Pidcock"). A list rather than a prefix rule: "Alexis" is not
# "Alex", "Benoît" not "Ben", "Aleksa" not "Aleksandar".
GIVEN_SHORT_FORMS: dict[str, frozenset[str]] = {short: frozenset(full.split()) for short, full in {
    "alex": "alexander alexandre alexandra alessandro aleksandr alexandr alexey aleksei alexei",
    "andy": "andrew andreas", "andi": "andreas", "bas": "bastiaan sebastiaan", "ben": "benjamin",
    "bill": "william", "bob": "robert", "brad": "bradley bradeley", "charlie": "charles", "chris": "christopher",
    "dan": "daniel", "dani": "daniel", "dave": "david", "dima": "dmitry dmitri dmitrii dmitriy",
    "ed": "edward", "eddie": "edward", "fede": "federico", "fred": "frederik frederick alfred",
    "greg": "gregory", "jaco": "jacobus", "jake": "jacob jakob", "jim": "james", "jimmy": "james",
    "joe": "joseph", "joey": "joseph", "jon": "jonathan jonathon", "josh": "joshua",
    "kasia": "katarzyna", "kate": "katherine katharine kathryn", "katie": "katherine katharine kathryn",
    "kris": "kristofer kristoffer", "lex": "alexander", "matt": "matthew mathew", "max": "maximilian maximiliano",
    "mike": "michael", "nacho": "ignacio", "nic": "nicolas nicholas", "nick": "nicholas nicolas",
    "ollie": "oliver", "paco": "francisco", "pepe": "jose", "phil": "philip phillip philipp",
    "rob": "robert", "sam": "samuel", "santi": "santiago", "sasha": "alexander aleksandr", "seb": "sebastian sebastien",
    "steve": "stephen steven", "stevie": "stephen steven", "ted": "edward", "tim": "timothy", "tom": "thomas tomas", "tony": "anthony antonio",
    "ty": "tyler", "vlad": "vladislav vladimir", "will": "william", "willie": "willem william",
    "wout": "wouter", "zach": "zachary", "zack": "zachary",
}.items()}


def _given_variant(a: str, b: str) -> bool:
    """Two folded first names, one a known short form of the other ("tom" / "thomas")."""
    return b in GIVEN_SHORT_FORMS.get(a, ()) or a in GIVEN_SHORT_FORMS.get(b, ())


def same_given_name(a: str, b: str) -> bool:
    """Two given names (all their words) that one person can carry in different sources.

    The same letters once spaces and hyphens are dropped ("Tae Min" / "Taemin", "Jean Pierre" /
    "Jean-Pierre"), or a first name in another form whose other given names, if any, the full
    form's has too ("Tom" / "Thomas", "Phil" / "Phillip William", not "Jae In" / "Jaehyun"). Two
    different middle names ("Magnus Cort" / "Magnus Lorents") are two people.
    """
    x, y = words_of(a), words_of(b)
    if not x or not y:
        return False
    if "".join(x) == "".join(y):
        return True
    if x[0] == y[0] or not _given_variant(x[0], y[0]):
        return False
    short, long = (x, y) if y[0] in GIVEN_SHORT_FORMS.get(x[0], ()) else (y, x)
    return _is_subsequence(short[1:], long[1:])


def words_of(name: str) -> list[str]:
    """The folded words of a name, for comparing names word by word."""
    return name_key(name).split()


def is_contained(short: Iterable[str], long: Iterable[str]) -> bool:
    """`short` is `long` with words left out, starting with the same word (the given name):
    "Jonas Vingegaard" in "Jonas Vingegaard Hansen", "Egan Bernal" in "Egan Arley Bernal Gómez"."""
    short, long = list(short), list(long)
    return len(short) >= 2 and len(short) < len(long) and short[0] == long[0] and _is_subsequence(short, long)


def lone_surname(name: str, attrs: dict) -> str:
    """The family name copy uses alone: the data's own split where it has one ("Longo Borghini",
    "Cort" for Magnus Cort Nielsen, "Mas" for Enric Mas Nicolau), else guessed from the name.
    `attrs` are a gazetteer entry's (given, surname, nationality)."""
    given, family = attrs.get("given"), attrs.get("surname")
    if not (given and family):
        return surname(name)
    short = short_forms(given, family, attrs.get("nationality"))
    return short[0][len(given) :].strip() if short else family


def surname(name: str) -> str:
    """The family name as used alone in copy, guessed from the name: "Van Gils", "Mas"."""
    given, family = given_surname(name)
    if not given:
        words = name.split()
        i = len(words) - 1
        while i > 1 and words[i - 1].lower() in SURNAME_PARTICLES:
            i -= 1
        return " ".join(words[i:])
    short = short_forms(given, family)
    return short[0][len(given) :].strip() if short else family


def unique_names(names: Iterable[str]) -> tuple[str, ...]:
    """Names in order, whitespace tidied, without those that differ only in case, accents,
    dashes or spacing (matching folds those) and without empty ones."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        name = " ".join(name.split())
        key = name_key(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)
