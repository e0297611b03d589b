"""The spaCy side of racefacts: a blank English pipeline with rule-based components."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

# Importing the modules registers their factories, callbacks and readers with spaCy.
from . import context_names, coref, gazetteer, language, measures, names, quotations, readers, sentences  # noqa: F401
from .extensions import register as register_extensions

CONFIG_PATH = Path(__file__).with_name("racefacts.cfg")


def load_nlp(patterns: str | Path | None = None, initialize: bool = True) -> Language:
    """The racefacts pipeline, initialised with the patterns in `patterns` (default: shipped ones).

    Without `initialize`, the components hold no patterns: enough for the tokenizer, which is
    what compiling the patterns needs.
    """
    register_extensions()
    config = spacy.util.load_config(CONFIG_PATH, overrides={"paths.patterns": str(patterns) if patterns else None})
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    if initialize:
        nlp.initialize()
    return nlp
