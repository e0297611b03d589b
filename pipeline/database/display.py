"""Query rows as a person reads them (`racefacts query`): times as h:mm:ss, gaps as +m:ss."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text


def stage_label(stage: int | None) -> str:
    return "" if stage is None else "prologue" if stage == 0 else str(stage)


WRAPPED = {"quote", "sentence", "race", "rider", "winner", "team", "speaker"}  # words that may break over lines


def console() -> Console:
    """stdout; piped, wide enough that a row stays one line for grep and friends."""
    out = Console()
    return out if out.is_terminal else Console(width=250)


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    """Title and cells as plain Text: they hold names and quotes from articles, whose brackets
    ("[sic]", "[/b]") rich would otherwise read as markup, dropping them or failing."""
    out = Table(title=None if title is None else Text(title), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in columns:
        out.add_column(name, no_wrap=name not in WRAPPED, overflow="fold" if name in WRAPPED else "ellipsis")
    for row in rows:
        out.add_row(*(Text("" if value is None else str(value)) for value in row))
    return out


def json_lines(rows: Iterable[Any]) -> str:
    """One JSON object per row (dates as ISO strings), for scripts."""
    def default(value: Any) -> str:
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        raise TypeError(f"{type(value).__name__} is not JSON")

    return "".join(json.dumps(dict(row), default=default, ensure_ascii=False) + "\n" for row in rows)
