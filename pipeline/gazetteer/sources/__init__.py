"""Readers of the public data sets in ../shared/data, one module per kind of entity.

Each module has `read(data_dir: Path) -> list[Entry]` (pipeline.gazetteer.kb.Entry): the
entities of its kind, merged across the data sets, with deterministic ids and order. The build
step (pipeline.gazetteer.build) adds the hand tables of patterns/manual and writes patterns/.
"""
