"""Trends over the weeks, for the managers' monthly review: goals, lead conversion by source,
action completion, meeting rating and time overrun per agenda section.

Every series has one point per ISO week (Monday to Sunday) of the window, oldest first, the
window ending with the week holding the clock's today. A week without data is ``None`` —
never 0 — so nothing can draw it as a zero. Each value comes from
:mod:`smarkmeet.domain.metrics` applied to the per-week counts of :mod:`smarkmeet.store.trends`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from smarkmeet.domain import metrics
from smarkmeet.domain.enums import MeetingKind, Period
from smarkmeet.domain.periods import period_start
from smarkmeet.services.leadreport import NO_LABEL
from smarkmeet.store.log import Log
from smarkmeet.store.trends import TrendStore

WINDOWS: tuple[int, ...] = (12, 26, 52)  # weeks; the screen's p cycles through them
TOP_SOURCES = 6  # lead sources shown by name (the most leads in the window), besides all sources
ALL_SOURCES = "All sources"

# Units of a series: a goal's own unit ("count", "currency", "percent"), or one of these.
RATIO, SCORE, MINUTES = "ratio", "score", "minutes"


@dataclass(frozen=True)
class TrendSeries:
    """One line of a trend: a value (or ``None``, no data) for every week of the window."""

    label: str
    points: tuple[tuple[str, float | None], ...]  # (week label, value), oldest first
    unit: str
    basis: TrendSeries | None = None  # the figures a ratio was computed from: a goal's actuals

    @property
    def values(self) -> list[float]:
        """The weeks that have data, oldest first (what the sparkline joins)."""
        return [value for _, value in self.points if value is not None]

    @property
    def latest(self) -> float | None:
        """The most recent week's value that there is (``None`` when no week has data)."""
        values = self.values
        return values[-1] if values else None

    @property
    def low(self) -> float | None:
        return min(self.values, default=None)

    @property
    def high(self) -> float | None:
        return max(self.values, default=None)


@dataclass(frozen=True)
class TrendSection:
    key: str  # goals, conversion, completion, rating, overrun
    title: str
    formula: str  # how each week's value is computed, in words
    series: tuple[TrendSeries, ...]
    empty: str  # what to say when the window holds nothing for this section
    # the current week's value is still accruing (it is "so far" until the week ends): leads
    # delivered this week have had no time to convert, items due later this week are not due yet
    accruing: bool = False

    def so_far(self, series: TrendSeries) -> bool:
        """Whether ``series``' latest value is the current week's, still accruing."""
        return self.accruing and series.points[-1][1] is not None


@dataclass(frozen=True)
class Trends:
    weeks: tuple[date, ...]  # the Monday of every week of the window, oldest first
    today: date
    sections: tuple[TrendSection, ...]

    @property
    def week_labels(self) -> list[str]:
        return [week_label(week) for week in self.weeks]


def week_label(monday: date) -> str:
    """How a week is named in a trend: the day its Monday falls on, ``07 Sep``."""
    return f"{monday:%d %b}"


def window_weeks(today: date, weeks: int) -> tuple[date, ...]:
    """The Mondays of the ``weeks`` ISO weeks ending with the week that holds ``today``."""
    last = period_start(Period.WEEKLY, today)
    return tuple(last - timedelta(weeks=weeks - 1 - n) for n in range(weeks))


def trends(log: Log, weeks: int = WINDOWS[0]) -> Trends:
    """Every trend series over the ``weeks`` weeks ending this week."""
    today = log.clock.today()
    mondays = window_weeks(today, weeks)
    start, end = mondays[0], mondays[-1] + timedelta(days=7)
    store = TrendStore(log)
    sections = (
        _goals(store, mondays, start, end),
        _conversion(store, mondays, log.clock.now(), start, end),
        _completion(store, mondays, start, end, today),
        _rating(store, mondays, start, end),
        _overrun(store, mondays, start, end),
    )
    return Trends(mondays, today, sections)


def _series(label: str, mondays: tuple[date, ...], by_week: dict[str, float | None], unit: str,
            basis: TrendSeries | None = None) -> TrendSeries:
    points = tuple((week_label(monday), by_week.get(monday.isoformat())) for monday in mondays)
    return TrendSeries(label, points, unit, basis)


def _goals(store: TrendStore, mondays: tuple[date, ...], start: date, end: date) -> TrendSection:
    checkins: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in store.goal_checkins(start, end):
        checkins[row["goal_id"]][row["week"]] = row
    series = []
    for goal in store.active_goals():
        rows = checkins.get(goal["id"], {})
        actuals = _series(goal["name"], mondays, {week: row["actual"] for week, row in rows.items()}, goal["unit"])
        attainment = {week: metrics.goal_attainment(row["actual"], row["target"]) for week, row in rows.items()}
        series.append(_series(goal["name"], mondays, attainment, RATIO, basis=actuals))
    return TrendSection(
        "goals", "Goals — attainment", "actual ÷ target of the check-in for the week",
        tuple(series), "No active goals: add them on the goals screen.",
    )


def _conversion(store: TrendStore, mondays: tuple[date, ...], now: datetime, start: date,
                end: date) -> TrendSection:
    zone = now.tzinfo
    rows = store.lead_conversion(datetime.combine(start, time(0), zone), datetime.combine(end, time(0), zone))
    per_source: dict[str, dict[str, list[int]]] = defaultdict(dict)
    every: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    volume: dict[str, int] = defaultdict(int)
    for row in rows:
        week = (start + timedelta(weeks=row["week"])).isoformat()
        per_source[row["source"]][week] = [row["converted"], row["leads"]]
        every[week][0] += row["converted"]
        every[week][1] += row["leads"]
        volume[row["source"]] += row["leads"]
    top = sorted(volume, key=lambda source: (-volume[source], source))[:TOP_SOURCES]

    def conversion(counts: dict[str, list[int]]) -> dict[str, float | None]:
        return {week: metrics.source_conversion(converted, leads) for week, (converted, leads) in counts.items()}

    series = [_series(ALL_SOURCES, mondays, conversion(every), RATIO)] if rows else []
    series += [_series(source or NO_LABEL["source"], mondays, conversion(per_source[source]), RATIO)
               for source in top]
    return TrendSection(
        "conversion", "Lead conversion by source",
        f"converted ÷ leads delivered that week; the {TOP_SOURCES} biggest sources",
        tuple(series), "No leads delivered in these weeks: import a CRM export on the lead screen.", accruing=True,
    )


def _completion(store: TrendStore, mondays: tuple[date, ...], start: date, end: date, today: date) -> TrendSection:
    rates = {row["week"]: metrics.action_completion_rate(row["done_on_time"], row["due"])
             for row in store.action_completion(start, end, today)}
    series = (_series("Done by due date", mondays, rates, RATIO),) if rates else ()
    return TrendSection(
        "completion", "Action completion",
        "done by due date ÷ due that week (not dropped)",
        series, "No action items were due in these weeks.", accruing=True,
    )


def _rating(store: TrendStore, mondays: tuple[date, ...], start: date, end: date) -> TrendSection:
    by_kind: dict[str, dict[str, float | None]] = defaultdict(dict)
    for row in store.meeting_ratings(start, end):
        by_kind[row["kind"]][row["week"]] = metrics.meeting_rating(row["score_total"], row["ratings"])
    series = tuple(_series(f"{kind.value.capitalize()} meetings", mondays, by_kind[kind.value], SCORE)
                   for kind in MeetingKind if kind.value in by_kind)
    return TrendSection(
        "rating", "Meeting rating", "average 1–10 score of the week's ended meetings",
        series, "No ended meeting in these weeks was rated.",
    )


def _overrun(store: TrendStore, mondays: tuple[date, ...], start: date, end: date) -> TrendSection:
    by_title: dict[str, dict[str, float | None]] = defaultdict(dict)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in store.section_overruns(start, end):
        by_title[row["title"]][row["week"]] = metrics.overrun_minutes_per_meeting(row["overrun_seconds"],
                                                                                  row["meetings"])
        totals[row["title"]][0] += row["overrun_seconds"]
        totals[row["title"]][1] += row["meetings"]
    # Worst first: the most overrun per meeting over the whole window.
    order = sorted(by_title, key=lambda title: (-(metrics.ratio(*totals[title]) or 0), title))
    series = tuple(_series(title, mondays, by_title[title], MINUTES) for title in order)
    return TrendSection(
        "overrun", "Overrun by section",
        "minutes over the timebox per ended meeting",
        series, "No ended meetings in these weeks.",
    )
