"""The one place that reads the wall clock.

Everything that needs "now" is handed a :class:`Clock`; tests and snapshots pass a
:class:`FixedClock` so output never depends on when it runs.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current local time, timezone-aware."""
        ...

    def today(self) -> date:
        """The current local date."""
        ...

    def start_of(self, day: date) -> datetime:
        """Midnight at the start of ``day``, local time, with that day's UTC offset (a day in
        summer time has its own)."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def today(self) -> date:
        return self.now().date()

    def start_of(self, day: date) -> datetime:
        return datetime.combine(day, time(0)).astimezone()  # the offset of that day, not today's


class FixedClock:
    """A clock that only moves when told to; for tests, snapshots and benchmarks."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self._now = at

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.date()

    def start_of(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self._now.tzinfo)

    def advance(self, **delta: float) -> None:
        """Move the clock forward, e.g. ``advance(minutes=3)``."""
        self._now += timedelta(**delta)

    def set(self, at: datetime) -> None:
        self._now = at


def timestamp(moment: datetime) -> str:
    """How a moment is written to the log: ISO 8601 with its UTC offset, to the second."""
    return moment.isoformat(timespec="seconds")
