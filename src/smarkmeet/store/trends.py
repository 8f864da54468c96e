"""The trend queries: one GROUP BY per series, counted per week inside SQLite.

A week is an ISO week, Monday to Sunday. Days stored as ``YYYY-MM-DD`` (due dates, meeting
dates, check-in periods) are put in their week with ``date(day, '-6 days', 'weekday 1')``,
the Monday on or before the day. Leads carry a moment with its UTC offset, so they are put
in a week as instants, counted in whole weeks from the window's first Monday 00:00 in the
clock's time zone — the same way the lead report decides that a lead is in "this week".

Nothing here returns raw rows: every query returns at most one row per week and group,
and reads its window through an index (``leads_by_created``, ``action_items_by_status_due``,
``meetings_by_date``, and the unique indexes of ``goal_checkins``, ``ratings`` and
``agenda_sections``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from smarkmeet.clock import timestamp

if TYPE_CHECKING:
    from smarkmeet.store.log import Log

WEEK_OF = "date({day}, '-6 days', 'weekday 1')"  # the Monday on or before a YYYY-MM-DD day


class TrendStore:
    """Per-week counts behind the trends screen, over ``[start, end)`` (``start`` a Monday)."""

    def __init__(self, log: "Log") -> None:
        self.log = log

    def active_goals(self) -> list[dict]:
        """Goals not retired, in scorecard order: id, name, unit."""
        return self.log.rows("SELECT id, name, unit FROM goals WHERE retired_at IS NULL ORDER BY created_at, name, id")

    def goal_checkins(self, start: date, end: date) -> list[dict]:
        """Per active goal and week: the check-in whose period starts in the week (the latest, if several).

        Rows: goal_id, week, actual, target.
        """
        week = WEEK_OF.format(day="c.period_start")
        # SQLite takes the bare columns (actual, target) from the row holding max(period_start);
        # CROSS JOIN keeps goals outside, so each goal's window is read from (goal_id, period_start).
        return self.log.rows(
            f"SELECT c.goal_id, {week} AS week, max(c.period_start) AS period_start, c.actual, c.target "
            "FROM goals g CROSS JOIN goal_checkins c ON c.goal_id = g.id "
            "WHERE g.retired_at IS NULL AND c.period_start >= :start AND c.period_start < :end "
            "GROUP BY c.goal_id, week ORDER BY c.goal_id, week",
            {"start": start.isoformat(), "end": end.isoformat()},
        )

    def lead_conversion(self, start: datetime, end: datetime) -> list[dict]:
        """Per week and source: leads delivered (created) and those whose current verdict is ``converted``.

        ``start`` is the first Monday 00:00 and ``end`` the Monday after the last week, both
        with the clock's UTC offset. Rows: week (0 for the first week), source, leads, converted.
        The text bounds, a day wider, let SQLite read the window from the created_at index;
        the julianday bounds decide, as instants, as in the lead report.
        """
        params = {
            "start": timestamp(start), "end": timestamp(end),
            "start_text": (start - timedelta(days=1)).date().isoformat(),
            "end_text": (end + timedelta(days=2)).date().isoformat(),
        }
        return self.log.rows(
            "SELECT CAST((julianday(created_at) - julianday(:start)) / 7 AS INTEGER) AS week, source, "
            "count(*) AS leads, count(*) FILTER (WHERE verdict = 'converted') AS converted "
            f"FROM leads {self._lead_scan(params)} "
            "WHERE created_at >= :start_text AND julianday(created_at) >= julianday(:start) "
            "AND created_at < :end_text AND julianday(created_at) < julianday(:end) "
            "AND created_known = 1 "  # imported without a creation date: in no week (as in the lead report)
            "GROUP BY week, source ORDER BY week, source",
            params,
        )

    def _lead_scan(self, params: dict) -> str:
        """``NOT INDEXED`` when the window holds over a twelfth of the leads, else nothing.

        Walking the created_at index costs a table lookup per lead, in whatever order the
        leads were imported; past about a tenth of the table one plain pass is as cheap or
        cheaper (measured on 1M leads imported out of date order: 10 % in the window, 0.5 s
        instead of 0.7 s; all of them, 2.5 s instead of 6.9 s). Counting the window reads the
        index only.
        """
        window = self.log.one(
            "SELECT count(*) AS n FROM leads WHERE created_at >= :start_text AND created_at < :end_text", params)
        table = self.log.one("SELECT max(rowid) AS n FROM leads")
        return "NOT INDEXED" if window and table and window["n"] * 12 > (table["n"] or 0) else ""

    def action_completion(self, start: date, end: date, today: date) -> list[dict]:
        """Per week of due date: items due, and items done by their due date.

        An item is due when its due date is in the week and it is done, or still open with
        its due date before ``today``; dropped items are never due. Done by its due date:
        done, and ``done_at``'s day is on or before the due date. (As ActionStore.completion.)
        Rows: week, due, done_on_time.
        """
        week = WEEK_OF.format(day="due_date")
        return self.log.rows(
            f"SELECT {week} AS week, count(*) AS due, "
            "count(*) FILTER (WHERE status = 'done' AND substr(done_at, 1, 10) <= due_date) AS done_on_time "
            "FROM action_items "
            "WHERE status IN ('done', 'open') AND due_date >= :start AND due_date < :end "
            "AND (status = 'done' OR due_date < :today) "
            "GROUP BY week ORDER BY week",
            {"start": start.isoformat(), "end": end.isoformat(), "today": today.isoformat()},
        )

    def meeting_ratings(self, start: date, end: date) -> list[dict]:
        """Per week (of the meeting's date) and meeting kind: ratings of ended meetings.

        Rows: week, kind, meetings, ratings, score_total.
        """
        week = WEEK_OF.format(day="m.scheduled_for")
        return self.log.rows(
            f"SELECT {week} AS week, m.kind, count(DISTINCT m.id) AS meetings, count(*) AS ratings, "
            "sum(r.score) AS score_total "
            "FROM meetings m JOIN ratings r ON r.meeting_id = m.id "
            "WHERE m.status = 'ended' AND m.scheduled_for >= :start AND m.scheduled_for < :end "
            "GROUP BY week, m.kind ORDER BY week, m.kind",
            {"start": start.isoformat(), "end": end.isoformat()},
        )

    def section_overruns(self, start: date, end: date) -> list[dict]:
        """Per week (of the meeting's date) and section title: overrun of ended meetings' sections.

        Rows: week, title, meetings (ended meetings holding a section of that title), overrun_seconds.
        """
        week = WEEK_OF.format(day="m.scheduled_for")
        return self.log.rows(
            f"SELECT {week} AS week, s.title, count(DISTINCT m.id) AS meetings, "
            "sum(s.overrun_seconds) AS overrun_seconds "
            "FROM meetings m JOIN agenda_sections s ON s.meeting_id = m.id "
            "WHERE m.status = 'ended' AND m.scheduled_for >= :start AND m.scheduled_for < :end "
            "GROUP BY week, s.title ORDER BY week, s.title",
            {"start": start.isoformat(), "end": end.isoformat()},
        )
