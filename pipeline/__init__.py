"""racefacts: facts from professional cycling news, as validated JSON records.

    from pipeline import extract
    record = extract(open("article.txt").read())
    record.results[0].rider

    for record in extract(texts):            # any iterable of texts or Articles: a generator
        ...                                  # an ArticleRecord, or an ErrorRecord saying why not
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, overload

from .reader import MAX_CHARS, Article
from .records import SCHEMA_VERSION, ArticleRecord, ErrorRecord

if TYPE_CHECKING:
    from .extraction import Extractor
    from .nlp import load_nlp

__version__ = "0.1.0"
__all__ = ["Article", "ArticleRecord", "ErrorRecord", "Extractor", "SCHEMA_VERSION", "extract", "load_nlp"]


def __getattr__(name: str) -> Any:
    """`Extractor` and `load_nlp` are imported on first use: importing them imports spaCy (0.7 s,
    60 MB), which the command's own process, reading a dump and writing its workers' records,
    and commands such as `query` and `review` never need."""
    if name == "Extractor":
        from .extraction import Extractor

        return Extractor
    if name == "load_nlp":
        from .nlp import load_nlp

        return load_nlp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def _default_extractor() -> Extractor:
    from .extraction import Extractor

    return Extractor()


@overload
def extract(text: str, id: str = "article") -> ArticleRecord: ...
@overload
def extract(text: Iterable[str | Article], id: str = "article") -> Iterator[ArticleRecord | ErrorRecord]: ...


def extract(text: str | Iterable[str | Article], id: str = "article") -> ArticleRecord | Iterator[ArticleRecord | ErrorRecord]:
    """The record of one article given as text, with the shipped patterns; or, for an iterable
    of texts or Articles, a generator of their records in order (texts get the ids `id-1`,
    `id-2`, ...), where an article that cannot be extracted gives an ErrorRecord and the rest go on.

    Raises ValueError for a single text longer than the pipeline accepts (reader.MAX_CHARS).
    """
    if isinstance(text, str):
        if len(text) > MAX_CHARS:
            raise ValueError(f"{len(text):,} characters is over the limit of {MAX_CHARS:,}")
        return _default_extractor()(_article(text, id))
    return _extract_many(text, id)


def _extract_many(texts: Iterable[str | Article], id: str) -> Iterator[ArticleRecord | ErrorRecord]:
    articles = (t if isinstance(t, Article) else _article(t, f"{id}-{n}") for n, t in enumerate(texts, 1))
    yield from _default_extractor().pipe(articles)


def _article(text: str, article_id: str) -> Article:
    return Article(id=article_id, raw=text, sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
