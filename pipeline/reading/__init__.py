"""Reading articles: files, folders, glob patterns, JSONL dumps and stdin, plain or gzipped.

    for item in iter_articles(["corpus", "dumps/**/*.jsonl.gz", "-"]):
        ...  # an Article, or a ReadError saying why an input gave none

`decoding` turns bytes into text, `html` a web page into its article text and metadata,
`articles` text into an `Article` (or a `ReadError`), and `sources` inputs into a stream of them.
The limits (`MAX_CHARS`, `MAX_BYTES`) live in `articles`: patch them there.
"""

from .articles import MAX_BYTES, MAX_CHARS, Article, ReadError, article_from_bytes, article_from_text, parse_date
from .decoding import decode
from .sources import (
    FORMATS,
    STDIN,
    SUFFIXES,
    article_id,
    count_articles,
    expand_paths,
    expand_specs,
    input_format,
    iter_articles,
    read_file,
    read_jsonl,
    read_paths,
    read_stdin,
    read_stream,
)

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_CHARS",
    "STDIN",
    "SUFFIXES",
    "Article",
    "ReadError",
    "article_from_bytes",
    "article_from_text",
    "article_id",
    "count_articles",
    "decode",
    "expand_paths",
    "expand_specs",
    "input_format",
    "iter_articles",
    "parse_date",
    "read_file",
    "read_jsonl",
    "read_paths",
    "read_stdin",
    "read_stream",
]
