"""Progress reports shared by exports and imports: ``progress(done, total, text)``.

The callable returns False to ask for a stop (the window's Cancel button); the work then
raises ExchangeCancelledError and leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Callable

from ctip_desktop.exchange.errors import ExchangeCancelledError

Progress = Callable[[int, int, str], bool]


def no_progress(done: int, total: int, text: str) -> bool:
    return True


def report(progress: Progress | None, done: int, total: int, text: str) -> None:
    """Pass a report on; raise ExchangeCancelledError when the receiver asks to stop."""
    if progress is not None and not progress(done, total, text):
        raise ExchangeCancelledError("Cancelled: nothing was written.")
