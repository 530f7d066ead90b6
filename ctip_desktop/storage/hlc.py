"""Hybrid logical clock: stamps that sort by wall time, yet never go backwards.

A stamp is ``WALLMS-COUNTER-DEVICE`` as fixed-width text, so plain string order is clock
order. A laptop whose clock is behind still stamps after everything it has already seen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache

_WALL_DIGITS = 13
_COUNTER_DIGITS = 6


def format_stamp(wall_ms: int, counter: int, device_id: str) -> str:
    return f"{wall_ms:0{_WALL_DIGITS}d}-{counter:0{_COUNTER_DIGITS}d}-{device_id}"


def parse_stamp(stamp: str) -> tuple[int, int, str]:
    wall, counter, device = stamp.split("-", 2)
    return int(wall), int(counter), device


def stamp_time(stamp: str) -> str:
    """The stamp's wall time as ISO 8601 UTC text (what tables show as created/updated)."""
    return _iso_time(
        stamp[:_WALL_DIGITS]
        if stamp[_WALL_DIGITS : _WALL_DIGITS + 1] == "-"
        else stamp.split("-", 1)[0]
    )


@lru_cache(maxsize=4096)
def _iso_time(wall: str) -> str:
    # Changes of one action share their millisecond: a merge derives half a million stamps.
    moment = datetime.fromtimestamp(int(wall) / 1000, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class HybridClock:
    def __init__(
        self, device_id: str, *, now_ms: Callable[[], int] | None = None, last: str | None = None
    ) -> None:
        self.device_id = device_id
        self._now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)
        self._wall = 0
        self._counter = 0
        if last:
            self.observe(last)

    def observe(self, stamp: str) -> None:
        """Move the clock past a stamp seen elsewhere (in the file, or in a merged file)."""
        wall, counter, _ = parse_stamp(stamp)
        if (wall, counter) > (self._wall, self._counter):
            self._wall, self._counter = wall, counter

    def now(self) -> str:
        physical = self._now_ms()
        if physical > self._wall:
            self._wall, self._counter = physical, 0
        else:
            self._counter += 1
        return format_stamp(self._wall, self._counter, self.device_id)
