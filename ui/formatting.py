"""How stored values read on screen: times in the laptop's zone, long texts shortened."""

from __future__ import annotations

from datetime import datetime


def local_time(stored: str, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored time (UTC with Z, or with its offset) as this laptop's local time.

    A time without a zone is shown as written; text that is not a time is shown unchanged.
    """
    try:
        parsed = datetime.fromisoformat(stored.replace("Z", "+00:00"))
    except ValueError:
        return stored
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone()
    return parsed.strftime(pattern)


def shortened(text: str, limit: int = 400) -> str:
    """A long answer (a 50 KB note) as one readable table cell; its own page shows all of it."""
    return text if len(text) <= limit else text[:limit].rstrip() + " …"
