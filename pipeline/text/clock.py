"""Seconds printed the way results tables print them, for every place that shows a time."""

from __future__ import annotations


def clock(seconds: int | None, sign: str = "") -> str:
    """4:12:33 for a time, 12:05 or 0:04 under an hour, +0:54 for a gap (sign "+"); "" for none."""
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02}:{secs:02}" if hours else f"{sign}{minutes}:{secs:02}"
