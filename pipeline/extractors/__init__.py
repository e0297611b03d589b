"""Fact extractors: each turns the annotated Doc into pydantic records with evidence."""

from .about import about
from .arguments import ArticleView
from .climbs import climbs
from .entities import entities
from .gaps import gaps
from .programmes import Programmes
from .quotes import quotes
from .results import Results

__all__ = ["ArticleView", "Programmes", "Results", "about", "climbs", "entities", "gaps", "quotes"]
