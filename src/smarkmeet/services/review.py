"""The action item review: what is still owed from earlier meetings, and closing or carrying it."""

from __future__ import annotations

from datetime import date, timedelta

from smarkmeet.domain.enums import ActionStatus
from smarkmeet.domain.errors import RefusedInWords
from smarkmeet.domain.models import ActionItem, Meeting
from smarkmeet.domain.views import ActionRow
from smarkmeet.store.log import Log

RECENTLY_CLOSED_DAYS = 56


def items_for_review(log: Log, meeting: Meeting, *, show_snoozed: bool = False, show_closed: bool = False) -> list[ActionRow]:
    """Open items from earlier meetings, soonest due first; items closed in this meeting stay listed.

    Snoozed items are hidden until their date unless ``show_snoozed``; ``show_closed`` adds
    items closed in the last eight weeks so one can be reopened.
    """
    since = meeting.scheduled_for - timedelta(days=RECENTLY_CLOSED_DAYS) if show_closed else None
    # Ordered by due date only, so closing an item does not move it: the room keeps its place.
    return log.actions.for_review(meeting.id, meeting.scheduled_for, show_snoozed=show_snoozed, closed_since=since)


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
        raise RefusedInWords("only an open item can be carried; reopen it first")
    log.actions.carry(item, new_due, meeting_id=meeting.id)


def snooze(log: Log, item_id: str, until: date, meeting: Meeting) -> None:
    log.actions.update(item_id, {"snoozed_until": until}, meeting_id=meeting.id)


def untouched_open_items(log: Log, meeting: Meeting) -> tuple[list[ActionRow], list[ActionRow]]:
    """The open items from earlier meetings that the meeting neither closed, carried nor snoozed:
    those due by its day (or with no due date), which its end carries, and those not due yet."""
    due, not_yet = [], []
    for row in items_for_review(log, meeting):
        if row.status is not ActionStatus.OPEN or log.actions.carry_in(row.id, meeting.id) is not None:
            continue
        if log.actions.carried_the_same_day(row.id, meeting.id):  # a meeting earlier today carried it
            continue
        (not_yet if row.due_date is not None and row.due_date > meeting.scheduled_for else due).append(row)
    return due, not_yet


def carried_earlier_today(log: Log, meeting: Meeting) -> int:
    """Open items a meeting earlier the same day carried, which this one's end carries not again."""
    return sum(1 for row in items_for_review(log, meeting)
               if row.status is ActionStatus.OPEN and log.actions.carry_in(row.id, meeting.id) is None
               and log.actions.carried_the_same_day(row.id, meeting.id))


def end_question(log: Log, meeting: Meeting) -> str:
    """What ending the meeting does with the open items from earlier meetings, in one sentence
    that adds up: each such item is closed here, carried here by hand, snoozed here, carried by
    the end (due by now), left open (not due yet), or left as a meeting earlier the same day
    carried it."""
    rows = items_for_review(log, meeting)
    due, not_yet = untouched_open_items(log, meeting)
    closed = sum(1 for row in rows if row.status is not ActionStatus.OPEN and row.closed_in_meeting_id == meeting.id)
    carried = sum(1 for row in rows if row.status is ActionStatus.OPEN
                  and log.actions.carry_in(row.id, meeting.id) is not None)
    again = carried_earlier_today(log, meeting)
    # snoozed here: hidden from the review's list now, but among the items it opened with
    listed = {row.id for row in rows}
    snoozed = [row for row in items_for_review(log, meeting, show_snoozed=True)
               if row.id not in listed and row.status is ActionStatus.OPEN and row.snoozed_until
               and row.snoozed_until > meeting.scheduled_for and log.one(
                   "SELECT 1 FROM changes WHERE meeting_id = ? AND table_name = 'action_items' AND row_id = ?"
                   " AND json_type(data, '$.snoozed_until') IS NOT NULL LIMIT 1", [meeting.id, row.id])]
    until = sorted({row.snoozed_until for row in snoozed if row.snoozed_until})

    def verb(n: int, one: str, more: str) -> str:
        return one if n == 1 else more

    parts = [
        f"{len(due)} due by now {verb(len(due), 'carries', 'carry')} to the next meeting" if due else "",
        f"{len(not_yet)} not due yet {verb(len(not_yet), 'stays', 'stay')} open" if not_yet else "",
        f"{carried} {verb(carried, 'was', 'were')} carried here" if carried else "",
        f"{closed} {verb(closed, 'was', 'were')} closed here" if closed else "",
        (f"{len(snoozed)} {verb(len(snoozed), 'was', 'were')} snoozed here (until "
         f"{', '.join(f'{day:%a %d %b}' for day in until[:3])}{', …' if len(until) > 3 else ''})") if snoozed else "",
        f"{again} carried by a meeting earlier today {verb(again, 'is', 'are')} not carried again" if again else "",
    ]
    said = [part for part in parts if part]
    if not said:
        return "No open items from earlier meetings."
    total = len(due) + len(not_yet) + carried + closed + again + len(snoozed)
    return f"Of the {total} item{verb(total, '', 's')} from earlier meetings: {'; '.join(said)}."


def carry_untouched_items(log: Log, meeting: Meeting) -> int:
    """At the end of a meeting, every open item from earlier meetings that was due by the
    meeting's day (or has no due date) and was neither closed, carried nor snoozed in it (nor
    carried by a meeting earlier the same day) is carried with its due date unchanged: open
    items carry by default. An item not due yet has
    not slipped: it stays open, reviewed at the next meeting, its carry count untouched (an item
    due in three months read "carried 12×" among what keeps slipping)."""
    due, _ = untouched_open_items(log, meeting)
    for row in due:
        log.actions.carry(ActionItem.model_validate(row.model_dump()), row.due_date, meeting_id=meeting.id)
    return len(due)

