"""From raw article to record: clean, annotate with spaCy, run the fact extractors.

`Extractor` loads the pipeline and compiles the rules once; a batch calls it per article. An
article that fails in any step becomes an `ErrorRecord` and the batch goes on.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language

from .cleaning import clean
from .extractors import ArticleView, Programmes, Results, about, climbs, entities, gaps, quotes
from .nlp import load_nlp
from .reader import Article, ReadError
from .records import ArticleRecord, ErrorRecord, Source
from .rules import RuleSet


class Extractor:
    def __init__(self, nlp: Language | None = None, patterns: str | Path | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_nlp(patterns)
        self.gazetteer = self.nlp.get_pipe("racefacts_names").gazetteer
        vocab = self.nlp.vocab
        self.stage_rules = RuleSet(vocab, "stages")
        self.cue_rules = RuleSet(vocab, "cues")
        self.results = Results(vocab)
        self.programmes = Programmes(vocab)

    def __call__(self, article: Article) -> ArticleRecord:
        cleaned = clean(article.raw)
        doc = self.nlp(cleaned.text)
        view = ArticleView(doc, self.stage_rules, self.cue_rules)
        plans = self.programmes.scopes(view)
        # The text's own date and headline first; the dump's or the page's metadata else.
        published = cleaned.published or article.published
        view.about = about(view, plans, cleaned.head_end, published)
        results = self.results(view)
        return ArticleRecord(
            id=article.id,
            source=Source(path=article.path, sha256=article.sha256, url=article.url, line=article.line),
            published=published,
            headline=cleaned.headline or article.title,
            subheadline=cleaned.subheadline,
            dateline=cleaned.dateline,
            publisher=cleaned.publisher,
            text=cleaned.text,
            removed=cleaned.removed,
            warnings=[*article.warnings, *cleaned.warnings],
            about=view.about,
            entities=entities(view, self.gazetteer),
            results=results,
            gaps=gaps(view, results),
            quotes=quotes(view),
            programmes=self.programmes(view, plans, results),
            climbs=climbs(view, self.gazetteer),
        )

    def pipe(self, articles: Iterable[Article | ReadError]) -> Iterator[ArticleRecord | ErrorRecord]:
        """A record or an error for every input, in input order."""
        return map(self.record, articles)

    def record(self, article: Article | ReadError) -> ArticleRecord | ErrorRecord:
        """The record of an article, or the error record of an input that gave none."""
        if isinstance(article, ReadError):
            return read_error_record(article)
        try:
            return self(article)
        except Exception as error:  # one broken article must not stop the batch
            where = traceback.extract_tb(error.__traceback__)[-1]
            return ErrorRecord(
                id=article.id,
                source=article.path,
                kind="extraction_failed",
                message=f"{type(error).__name__}: {error} (at {Path(where.filename).name}:{where.lineno})",
            )


def read_error_record(error: ReadError) -> ErrorRecord:
    return ErrorRecord(id=error.id, source=error.path, kind=error.kind, message=error.message)
