"""The article in a web page: its main text, title and date, read with trafilatura.

The text is rendered for the cleaner as a text article would be: the title on the first line,
the block after it on the next (a standfirst, when the page has one), then paragraphs, headings
and quotes separated by blank lines; an ordered list keeps its numbers ("1. Tadej Pogačar ...")
and a table becomes markdown rows ("| 1 | Tadej Pogačar | 4:32:10 |"), the shapes the results
extractor reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["HtmlArticle", "html_article"]

# trafilatura's block elements; the others (hi, ref, del, ...) are inline.
_BLOCKS = {"p", "head", "quote", "code", "list", "table", "div", "item", "cell", "row"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_NUMBERED = re.compile(r"\A\d+\s*[.)]?\s")


@dataclass(frozen=True)
class HtmlArticle:
    text: str  # "" when the page holds no text
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, from the page's metadata or its URL
    url: str | None = None  # the canonical URL the page gives
    warnings: tuple[str, ...] = ()


def html_article(html: str, url: str | None = None) -> HtmlArticle:
    """The main text and metadata of a page (`url`, where known, helps date it)."""
    import trafilatura

    warnings: list[str] = []
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,  # the cleaner takes boilerplate out; a lost results table is lost
        # Only the page's own metadata and URL date it: the extensive search reads "© 2024"
        # in a footer as 1 January 2024.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    blocks = _render(document.body) if document is not None and document.body is not None else []
    if not blocks:
        _, text, _ = trafilatura.baseline(html)
        blocks = [line for line in (_clean_line(line) for line in text.splitlines()) if line]
        if blocks:
            warnings.append("no main text found in the page; all of its text was read")
    title = _clean_line(document.title) if document is not None and document.title else None
    if title and (not blocks or _folded(blocks[0]) != _folded(title)):
        blocks.insert(0, title)
    text = "\n".join(blocks[:2]) + "".join(f"\n\n{block}" for block in blocks[2:])
    return HtmlArticle(
        text=text,
        title=title or None,
        date=document.date if document is not None else None,
        url=document.url if document is not None else None,
        warnings=tuple(warnings),
    )


def _folded(line: str) -> str:
    return " ".join(line.split()).casefold()


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _inline(element) -> str:
    """The text of an element and its inline children; <lb/> is a line break."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in _BLOCKS:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    lines = (_clean_line(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _render(element) -> list[str]:
    """The blocks of text of an element, in document order."""
    if element.tag == "list":
        return ["\n".join(_list_lines(element))]
    if element.tag == "table":
        return ["\n".join(_table_rows(element))]
    if not any(e.tag in _BLOCKS for e in element.iterdescendants()):
        return [_inline(element)]
    blocks = [_clean_line(element.text or "")]
    for child in element:
        blocks.extend(_render(child) if child.tag != "lb" else [])
        blocks.append(_clean_line(child.tail or ""))
    return [block for block in blocks if block]


def _list_lines(element) -> list[str]:
    ordered = (element.get("rend") or "").lower() == "ol"
    lines: list[str] = []
    number = 0
    for item in element:
        if item.tag != "item":
            lines.extend(_render(item))
            continue
        number += 1
        own = [_inline(item), *(line for child in item if child.tag in _BLOCKS for line in _render(child))]
        own = [line for line in own if line]
        if own and ordered and not _NUMBERED.match(own[0]):
            own[0] = f"{number}. {own[0]}"
        lines.extend(own)
    return lines


def _table_rows(element) -> list[str]:
    rows = []
    for row in element.iter("row"):
        cells = [" ".join(" ".join(_render(cell)).split()) for cell in row if cell.tag == "cell"]
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return rows
