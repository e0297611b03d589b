"""The review page: records rendered as one self-contained HTML file a reviewer can open from disk."""

from .page import render_page

__all__ = ["render_page"]
