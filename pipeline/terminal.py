"""What the commands print on stderr about problems, written once.

Paths, ids and messages come from users' files and from databases: "runs/[old]/x.json" or a
quote with "[/b]" in it would be read as rich markup (and lose words, or fail), so everything
but the coloured label is escaped.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

err = Console(stderr=True)


def problem(label: str, text: str) -> None:
    """One line: a red label ("error", "invalid", ...) and the text, as written."""
    err.print(f"[red]{escape(label)}[/red] {escape(text)}", highlight=False, soft_wrap=True)


def first_line(error: BaseException) -> str:
    """The first line of an error's message (a database driver's message runs to many lines)."""
    message = str(getattr(error, "orig", None) or error).strip()
    return message.splitlines()[0] if message else type(error).__name__
