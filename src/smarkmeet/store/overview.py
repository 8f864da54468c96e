"""The home screen's reads: plain SQL into the plain views of ``domain.summaries``.

Kept apart from the per-table stores (and so from pydantic, which their models need):
the app paints its first screen from these reads alone. The stores answer the same
questions through them, so each is asked one way.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from smarkmeet.domain.enums import GoalOwner, Period, Unit
from smarkmeet.domain.summaries import ActionCounts, MeetingSummary, NextMeeting, ScorecardLine, shown_text
from smarkmeet.store.reports import window, window_params

if TYPE_CHECKING:
    from smarkmeet.store.log import Log

SUMMARY_SQL = """
SELECT m.id, m.kind, m.title, m.scheduled_for, m.status, coalesce(m.started_at, '') AS started,
       (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.present = 1) AS present,
       (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) + CASE
           -- (a monthly meeting is the managers': those checked in, as attendance.not_checked_in)
           WHEN m.kind = 'weekly' AND EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id) THEN (
               -- and the members not checked in, of the team as it was when the meeting started
               -- (as attendance.not_checked_in reads it): "6/6" hid five nobody marked
               -- (a member then: a guest made a member since was no one missed at it)
               SELECT count(*) FROM people p WHERE coalesce((SELECT json_extract(c.data, '$.guest') FROM changes c
                             WHERE c.table_name = 'people' AND c.row_id = p.id
                             AND json_extract(c.data, '$.guest') IS NOT NULL
                             AND julianday(c.at) <= julianday(coalesce(m.started_at, m.ended_at))
                             ORDER BY c.seq DESC LIMIT 1), p.guest) = 0
               AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id AND a.person_id = p.id)
               AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.table_name = 'people' AND c.row_id = p.id
                               AND c.action = 'insert' AND julianday(c.at) > julianday(coalesce(m.started_at, m.ended_at)))
               AND coalesce((SELECT json_extract(c.data, '$.active') FROM changes c
                             WHERE c.table_name = 'people' AND c.row_id = p.id AND c.action = 'update'
                             AND json_extract(c.data, '$.active') IS NOT NULL
                             AND julianday(c.at) <= julianday(coalesce(m.started_at, m.ended_at)) ORDER BY c.seq DESC LIMIT 1), 1) = 1)
           ELSE 0 END AS invited,
       (SELECT coalesce(sum(s.timebox_minutes), 0) FROM agenda_sections s WHERE s.meeting_id = m.id)
           AS planned_minutes,
       (SELECT coalesce(sum(s.seconds_spent), 0) FROM agenda_sections s WHERE s.meeting_id = m.id)
           AS spent_seconds,
       (SELECT avg(r.score) FROM ratings r WHERE r.meeting_id = m.id) AS average_rating
FROM meetings m
"""

# Meetings newest first, as the home screen and the history list them: by day, then the later
# start first (a dry run and the real meeting the same day)
NEWEST_FIRST = "m.scheduled_for DESC, coalesce(m.started_at, '') DESC, m.id DESC"

# Which meeting is "in progress", which is "next" and which "last ended" (of :kind, other
# than :skip), for the stores' full records too
IN_PROGRESS = "m.status = 'in_progress' ORDER BY m.scheduled_for DESC, m.started_at DESC LIMIT 1"
NEXT_PLANNED = "m.status = 'planned' ORDER BY m.scheduled_for, m.id LIMIT 1"
LAST_ENDED = ("m.status = 'ended' AND (:kind IS NULL OR m.kind = :kind) AND (:skip IS NULL OR m.id <> :skip) "
              "AND (:ended_by IS NULL OR julianday(m.ended_at) <= julianday(:ended_by)) "
              "ORDER BY m.scheduled_for DESC, m.ended_at DESC LIMIT 1")

_CARD_SQL = """
SELECT m.id, m.title, m.scheduled_for, m.status,
       (SELECT count(*) FROM agenda_sections s WHERE s.meeting_id = m.id) AS sections,
       (SELECT coalesce(sum(s.timebox_minutes), 0) FROM agenda_sections s WHERE s.meeting_id = m.id)
           AS planned_minutes,
       p.name AS facilitator, c.title AS current_section
FROM meetings m
LEFT JOIN people p ON p.id = m.facilitator_id
LEFT JOIN agenda_sections c ON c.id = m.current_section_id AND c.meeting_id = m.id
WHERE """


def meeting_in_progress(log: Log) -> NextMeeting | None:
    row = log.one(_CARD_SQL + IN_PROGRESS)
    return None if row is None else NextMeeting.from_row(row)


def next_meeting(log: Log) -> NextMeeting | None:
    """The meeting in progress, else the next one planned."""
    row = log.one(_CARD_SQL + IN_PROGRESS) or log.one(_CARD_SQL + NEXT_PLANNED)
    return None if row is None else NextMeeting.from_row(row)


def recent_meetings(log: Log, limit: int) -> list[MeetingSummary]:
    """Ended meetings, newest first."""
    rows = log.rows(SUMMARY_SQL + " WHERE m.status = 'ended' ORDER BY " + NEWEST_FIRST + " LIMIT ?", [limit])
    return [MeetingSummary.from_row(row) for row in rows]


DEFAULT_LEAD_CARRY_WEEKS = 4


def lead_carry_weeks(log: Log) -> int:
    """Weeks a lead still without a verdict stays in the meetings' lead review after its own week."""
    return int(log.setting("lead_carry_weeks", DEFAULT_LEAD_CARRY_WEEKS))


def carry_start(log: Log, start: datetime, now: datetime | None = None) -> datetime:
    """From when a review beginning at ``start`` carries leads still without a verdict:
    ``lead_carry_weeks`` before the week it looks back on, which is a week at least (a second
    meeting the same day begins where the first did: counted from there, the oldest leads
    still waiting dropped out a week early)."""
    weeks = lead_carry_weeks(log)
    if not weeks:  # the team carries none: the review's own window
        return start
    return min(start, (now or log.clock.now()) - timedelta(days=7)) - timedelta(weeks=weeks)


def last_weekly_start(log: Log) -> datetime | None:
    """When the most recent ended weekly meeting started (where the lead review's window begins)."""
    row = log.one("SELECT m.started_at FROM meetings m WHERE " + LAST_ENDED, {"kind": "weekly", "skip": None, "ended_by": None})
    return datetime.fromisoformat(row["started_at"]) if row and row["started_at"] else None


def action_counts(log: Log, today: date) -> ActionCounts:
    row = log.one(
        "SELECT count(*) AS open, coalesce(sum(due_date < :today), 0) AS overdue, "
        "coalesce(sum(carry_count >= 3), 0) AS carried_often, "
        "coalesce(sum(due_date < :today AND snoozed_until > :today), 0) AS overdue_snoozed "
        "FROM action_items WHERE status = 'open'",
        {"today": today.isoformat()},
    )
    assert row is not None
    return ActionCounts(**row)


def leads_awaiting_verdict(log: Log, since: datetime | None) -> int:
    """Leads delivered since ``since`` (or ever) that no one has given a verdict yet: the ones
    the next lead review shows. Leads imported without a creation date are not among them (as
    in the review: their time is the import's, and a CRM history is not a week's leads)."""
    # leads.verdict is kept in step with lead_feedback: NULL means no verdict was ever given
    if since is None:
        row = log.one("SELECT count(*) AS n FROM leads WHERE verdict IS NULL AND created_known = 1")
    else:
        row = log.one(f"SELECT count(*) AS n FROM leads WHERE verdict IS NULL AND {window(since, None)}",
                      window_params(since, None))  # as instants: a CRM writes its own UTC offset
    return row["n"] if row else 0


def undated_awaiting_verdict(log: Log) -> int:
    """Leads imported without a delivery date that have no verdict: in no week's figures, nor in
    any review (through the leads_undated partial index)."""
    row = log.one("SELECT count(*) AS n FROM leads WHERE created_known = 0 AND verdict IS NULL")
    return row["n"] if row else 0


def scorecard(log: Log, *, last: int = 8) -> list[ScorecardLine]:
    """The active goals, as the scorecard orders them, each with its ``last`` check-ins."""
    lines = []
    for goal in log.rows("SELECT id, name, owner_side, period, unit, target, amber_threshold FROM goals "
                         "WHERE retired_at IS NULL ORDER BY created_at, name, id"):
        checkins = log.rows(
            "SELECT actual, target FROM (SELECT actual, target, period_start FROM goal_checkins WHERE goal_id = ? "
            "ORDER BY period_start DESC LIMIT ?) ORDER BY period_start",
            [goal["id"], last],
        )
        lines.append(ScorecardLine(
            goal_id=goal["id"], name=shown_text(goal["name"]), owner_side=GoalOwner(goal["owner_side"]),
            period=Period(goal["period"]), unit=Unit(goal["unit"]), target=float(goal["target"]),
            amber_threshold=float(goal["amber_threshold"]), actuals=tuple(float(c["actual"]) for c in checkins),
            latest_target=float(checkins[-1]["target"]) if checkins else None,
        ))
    return lines


def has_team(log: "Log") -> bool:
    """Whether anyone is on the team (one row read, no model built: the home screen paints first)."""
    return log.one("SELECT 1 AS someone FROM people WHERE active = 1 AND guest = 0 LIMIT 1") is not None
