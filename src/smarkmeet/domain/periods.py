"""Goal periods: which week or month a date belongs to."""

from __future__ import annotations

from datetime import date, timedelta

from smarkmeet.domain.enums import Period


def period_start(period: Period, day: date) -> date:
    """First day of the period holding ``day``: the Monday of its week, or the 1st of its month."""
    if period is Period.MONTHLY:
        return day.replace(day=1)
    return day - timedelta(days=day.weekday())


def period_label(period: Period, start: date) -> str:
    if period is Period.MONTHLY:
        return start.strftime("%b %Y")
    return f"wk of {start.strftime('%d %b')}"
