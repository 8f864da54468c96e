"""Goal periods: which week or month a date belongs to, and which one a meeting reviews."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from smarkmeet.domain.enums import Period

ReviewedPeriod = Literal["last", "current"]
REVIEWED_PERIODS: tuple[ReviewedPeriod, ...] = ("last", "current")


def period_start(period: Period, day: date) -> date:
    """First day of the period holding ``day``: the Monday of its week, or the 1st of its month."""
    if period is Period.MONTHLY:
        return day.replace(day=1)
    return day - timedelta(days=day.weekday())


def next_period_start(period: Period, start: date) -> date:
    """First day of the period after the one starting on ``start``."""
    if period is Period.MONTHLY:
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=7)


def reviewed_start(period: Period, meeting_day: date, reviewed: ReviewedPeriod = "last") -> date:
    """First day of the period a meeting on ``meeting_day`` checks a goal in for: ``last``, the
    whole week (month) before the one the meeting falls in — a Monday meeting reviews last week,
    the managers' meeting on 2 December reviews November; ``current``, the one it falls in."""
    start = period_start(period, meeting_day)
    if reviewed == "current":
        return start
    return period_start(period, start - timedelta(days=1))


def period_label(period: Period, start: date) -> str:
    if period is Period.MONTHLY:
        return start.strftime("%b %Y")
    return f"wk of {start.strftime('%d %b')}"
