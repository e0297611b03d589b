"""Language-independent text primitives shared by the cleaner, the gazetteer and the extractors."""
