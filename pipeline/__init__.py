"""racefacts: facts from professional cycling news, as validated JSON records.

    from pipeline import extract
    record = extract(open("article.txt").read())
    record.results[0].rider
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from .extraction import Extractor
from .nlp import load_nlp
from .reader import MAX_CHARS, Article
from .records import SCHEMA_VERSION, ArticleRecord

__version__ = "0.1.0"
__all__ = ["Article", "ArticleRecord", "Extractor", "SCHEMA_VERSION", "extract", "load_nlp"]


@lru_cache(maxsize=1)
def _default_extractor() -> Extractor:
    return Extractor()


def extract(text: str, id: str = "article") -> ArticleRecord:
    """The record of one article given as text, with the shipped patterns.

    Raises ValueError for a text longer than the pipeline accepts (reader.MAX_CHARS).
    """
    if len(text) > MAX_CHARS:
        raise ValueError(f"{len(text):,} characters is over the limit of {MAX_CHARS:,}")
    article = Article(id=id, raw=text, sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return _default_extractor()(article)
