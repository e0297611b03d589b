"""English as cycling news writes it, set up once when the pipeline is created.

Two changes to `spacy.blank("en")`, both made on the instance (never on the shared English
class, so other pipelines in the process are untouched):

* every lexeme's NORM is its folded form (lower case, no accents, one dash style), so the
  gazetteer, which matches on NORM, finds "Critérium du Dauphiné" in "CRITERIUM DU DAUPHINE".
  Norms are computed once per vocabulary entry, so this costs nothing per token.
* quotation marks split off inside a token too: wire copy writes `team,«continued Martinelli`.
* a table's cell border "|" is a token of its own: `|1`, `|Tadej Pogacar`, `0:39:44|`.
"""

from __future__ import annotations

from typing import Callable

from spacy.attrs import NORM
from spacy.lang.norm_exceptions import BASE_NORMS
from spacy.language import Language
from spacy.util import add_lookups, compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from ..text.fold import fold

QUOTE_INFIXES = [
    r"(?<=\w)[,.;:!?](?=[«»“”„‹›\"])",  # "team,«continued": the comma before the mark
    r"(?<=[\w,.;:!?])[«»“”„‹›\"](?=\w)",  # the mark glued to the next word
]
CELL_BORDER = r"\|"


def folded_norm(string: str) -> str:
    return fold(string)


@registry.callbacks("racefacts.news_english.v1")
def create_news_english() -> Callable[[Language], Language]:
    def news_english(nlp: Language) -> Language:
        getter = add_lookups(folded_norm, BASE_NORMS)
        nlp.vocab.lex_attr_getters[NORM] = getter
        for lexeme in nlp.vocab:  # lexemes the tokenizer exceptions created before this ran
            lexeme.norm_ = getter(lexeme.orth_)
        nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + QUOTE_INFIXES + [CELL_BORDER]).finditer
        nlp.tokenizer.prefix_search = compile_prefix_regex(list(nlp.Defaults.prefixes) + [CELL_BORDER]).search
        nlp.tokenizer.suffix_search = compile_suffix_regex(list(nlp.Defaults.suffixes) + [CELL_BORDER]).search
        return nlp

    return news_english
