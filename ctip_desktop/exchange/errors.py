"""What can go wrong when data goes out of or into the app: one clear message each."""

from __future__ import annotations


class ExchangeError(Exception):
    """An export or import that cannot be done; ``str(error)`` is the message for the user."""


class ExchangeCancelledError(ExchangeError):
    """The user pressed Cancel: nothing was written (an export leaves no partial file)."""


class UnreadableTableError(ExchangeError):
    """A CSV or XLSX file that cannot be read as a table (encoding, damage, no header)."""


class ArchiveError(ExchangeError):
    """A JSON archive that is malformed or fails the checks a merge applies."""
