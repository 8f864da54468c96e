"""The action item review: what is still owed from earlier meetings, and closing or carrying it."""

from __future__ import annotations

from datetime import date, timedelta

from smarkmeet.domain.enums import ActionStatus
from smarkmeet.domain.models import ActionItem, Meeting
from smarkmeet.domain.views import ActionRow
from smarkmeet.store.log import Log

RECENTLY_CLOSED_DAYS = 56


def items_for_review(log: Log, meeting: Meeting, *, show_snoozed: bool = False, show_closed: bool = False) -> list[ActionRow]:
    """Open items from earlier meetings, soonest due first; items closed in this meeting stay listed.

    Snoozed items are hidden until their date unless ``show_snoozed``; ``show_closed`` adds
    items closed in the last eight weeks so one can be reopened.
    """
    since = (meeting.scheduled_for - timedelta(days=RECENTLY_CLOSED_DAYS)).isoformat()
    rows = log.actions.rows_where(
        "(a.origin_meeting_id IS NULL OR a.origin_meeting_id <> :meeting) AND ("
        " (a.status = 'open' AND (:snoozed OR a.snoozed_until IS NULL OR a.snoozed_until <= :day))"
        " OR a.closed_in_meeting_id = :meeting"
        " OR (:closed AND a.status <> 'open' AND coalesce(substr(a.done_at, 1, 10), a.due_date, '') >= :since))",
        {"meeting": meeting.id, "day": meeting.scheduled_for.isoformat(), "snoozed": show_snoozed,
         "closed": show_closed, "since": since},
    )
    # Closing an item must not move it: the room keeps its place in the list.
    return sorted(rows, key=lambda r: (r.due_date or date.max, r.created_at, r.id))


def mark_done(log: Log, item_id: str, meeting: Meeting) -> None:
    log.actions.update(item_id, {"status": ActionStatus.DONE, "done_at": log.clock.now(),
                                 "closed_in_meeting_id": meeting.id}, meeting_id=meeting.id)


def drop(log: Log, item_id: str, meeting: Meeting) -> None:
    log.actions.update(item_id, {"status": ActionStatus.DROPPED, "done_at": None,
                                 "closed_in_meeting_id": meeting.id}, meeting_id=meeting.id)


def reopen(log: Log, item_id: str, meeting: Meeting) -> None:
    log.actions.update(item_id, {"status": ActionStatus.OPEN, "done_at": None, "closed_in_meeting_id": None},
                       meeting_id=meeting.id)


def carry(log: Log, item_id: str, new_due: date, meeting: Meeting) -> None:
    """Carry an open item to the next meeting with a new due date (counted once per meeting)."""
    item = log.actions.get(item_id)
    if item.status is not ActionStatus.OPEN:
        raise ValueError("only an open item can be carried; reopen it first")
    if _carried_in(log, item.id, meeting.id):
        log.actions.update(item.id, {"due_date": new_due}, meeting_id=meeting.id)
        log.db.execute(
            "UPDATE action_carries SET new_due = ? WHERE action_item_id = ? AND meeting_id = ?",
            [new_due.isoformat(), item.id, meeting.id],
        )
        return
    log.actions.carry(item, new_due, meeting_id=meeting.id)


def snooze(log: Log, item_id: str, until: date, meeting: Meeting) -> None:
    log.actions.update(item_id, {"snoozed_until": until}, meeting_id=meeting.id)


def carry_untouched_items(log: Log, meeting: Meeting) -> int:
    """At the end of a meeting, every open item from earlier meetings that was neither closed,
    carried nor snoozed in it is carried with its due date unchanged: open items carry by default.
    """
    carried = 0
    for row in items_for_review(log, meeting):
        if row.status is not ActionStatus.OPEN or _carried_in(log, row.id, meeting.id):
            continue
        log.actions.carry(ActionItem.model_validate(row.model_dump()), row.due_date, meeting_id=meeting.id)
        carried += 1
    return carried


def _carried_in(log: Log, item_id: str, meeting_id: str) -> bool:
    return log.one(
        "SELECT 1 AS yes FROM action_carries WHERE action_item_id = ? AND meeting_id = ?", [item_id, meeting_id]
    ) is not None
