"""Action items and their carry history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from smarkmeet.domain.enums import ActionStatus, Side
from smarkmeet.domain.models import ActionCarry, ActionItem
from smarkmeet.domain.views import ActionRow
from smarkmeet.store.base import TableStore

_ROW_SQL = """
SELECT a.*, p.name AS owner_name, p.handle AS owner_handle,
       m.scheduled_for AS origin_meeting_date, s.title AS origin_section_title
FROM action_items a
LEFT JOIN people p ON p.id = a.owner_id
LEFT JOIN meetings m ON m.id = a.origin_meeting_id
LEFT JOIN agenda_sections s ON s.id = a.origin_section_id
"""


@dataclass(frozen=True)
class ActionFilter:
    """Which action items to list. ``status=None`` means every status."""

    status: ActionStatus | None = ActionStatus.OPEN
    owner_id: str | None = None
    side: Side | None = None
    overdue_on: date | None = None  # only items still open and due before this date
    min_carries: int = 0


@dataclass(frozen=True)
class ActionCounts:
    open: int
    overdue: int
    carried_often: int  # open items carried three times or more


class ActionStore(TableStore[ActionItem]):
    table = "action_items"
    model = ActionItem

    def add(self, item: ActionItem) -> ActionItem:
        return self.log.insert("action_items", item, meeting_id=item.origin_meeting_id)

    def row(self, item_id: str) -> ActionRow:
        row = self.log.one(_ROW_SQL + " WHERE a.id = ?", [item_id])
        if row is None:
            raise LookupError(f"no action item with id {item_id}")
        return ActionRow.model_validate(row)

    def update(self, item_id: str, fields: Mapping[str, Any], *, meeting_id: str | None = None) -> None:
        self.log.update("action_items", item_id, fields, meeting_id=meeting_id)

    def list(self, criteria: ActionFilter = ActionFilter(), *, limit: int | None = None) -> list[ActionRow]:
        """Matching items, soonest due first (items with no due date last)."""
        where, params = self._where(criteria)
        order = " ORDER BY a.due_date IS NULL, a.due_date, a.created_at, a.id"
        if limit is not None:
            order += f" LIMIT {int(limit)}"
        return self._rows(where + order, params)

    def for_review(self, meeting_id: str, day: date, *, show_snoozed: bool, closed_since: date | None) -> list[ActionRow]:
        """Open items from other meetings (snoozed ones only from their date, unless ``show_snoozed``),
        items closed in this meeting, and with ``closed_since`` items closed since that day."""
        return self._rows(
            " WHERE (a.origin_meeting_id IS NULL OR a.origin_meeting_id <> :meeting) AND ("
            " (a.status = 'open' AND (:snoozed OR a.snoozed_until IS NULL OR a.snoozed_until <= :day))"
            " OR a.closed_in_meeting_id = :meeting"
            " OR (:since IS NOT NULL AND a.status <> 'open'"
            "     AND coalesce(substr(a.done_at, 1, 10), a.due_date, '') >= :since))"
            " ORDER BY a.due_date IS NULL, a.due_date, a.created_at, a.id",
            {"meeting": meeting_id, "day": day.isoformat(), "snoozed": show_snoozed,
             "since": closed_since.isoformat() if closed_since else None},
        )

    def originating_in(self, meeting_id: str) -> list[ActionRow]:
        return self._rows(" WHERE a.origin_meeting_id = :m ORDER BY a.created_at, a.id", {"m": meeting_id})

    def closed_in(self, meeting_id: str) -> list[ActionRow]:
        return self._rows(" WHERE a.closed_in_meeting_id = :m ORDER BY a.title, a.id", {"m": meeting_id})

    def carried_in(self, meeting_id: str) -> list[ActionRow]:
        return self._rows(
            " WHERE a.id IN (SELECT action_item_id FROM action_carries WHERE meeting_id = :m) ORDER BY a.title, a.id",
            {"m": meeting_id},
        )

    def _rows(self, clauses: str, params: dict) -> list[ActionRow]:
        """Items with owner and origin joined; ``clauses`` is the WHERE/ORDER BY over ``a``."""
        return [ActionRow.model_validate(row) for row in self.log.rows(_ROW_SQL + clauses, params)]

    @staticmethod
    def _where(criteria: ActionFilter) -> tuple[str, dict]:
        clauses, params = [], {}
        if criteria.status is not None:
            clauses.append("a.status = :status")
            params["status"] = criteria.status.value
        if criteria.owner_id is not None:
            clauses.append("a.owner_id = :owner")
            params["owner"] = criteria.owner_id
        if criteria.side is not None:
            clauses.append("a.side = :side")
            params["side"] = criteria.side.value
        if criteria.overdue_on is not None:
            clauses.append("a.status = 'open' AND a.due_date < :today")
            params["today"] = criteria.overdue_on.isoformat()
        if criteria.min_carries:
            clauses.append("a.carry_count >= :carries")
            params["carries"] = criteria.min_carries
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def counts(self, today: date) -> ActionCounts:
        row = self.log.one(
            "SELECT count(*) AS open, coalesce(sum(due_date < ?), 0) AS overdue, "
            "coalesce(sum(carry_count >= 3), 0) AS carried_often FROM action_items WHERE status = 'open'",
            [today.isoformat()],
        )
        assert row is not None
        return ActionCounts(**row)

    def carry(self, item: ActionItem, new_due: date | None, *, meeting_id: str | None) -> None:
        """Carry an open item to a later meeting, recording the change of due date.

        An item is carried at most once per meeting: carrying it again in the same meeting
        only moves that carry's new due date.
        """
        earlier = self.carry_in(item.id, meeting_id) if meeting_id else None
        with self.log.transaction():
            if earlier is not None:
                self.log.update("action_carries", earlier.id, {"new_due": new_due}, meeting_id=meeting_id)
                self.update(item.id, {"due_date": new_due}, meeting_id=meeting_id)
                return
            self.log.insert(
                "action_carries",
                ActionCarry(
                    action_item_id=item.id, meeting_id=meeting_id, previous_due=item.due_date,
                    new_due=new_due, carried_at=self.log.clock.now(),
                ),
            )
            self.update(item.id, {"due_date": new_due, "carry_count": item.carry_count + 1}, meeting_id=meeting_id)

    def carry_in(self, item_id: str, meeting_id: str) -> ActionCarry | None:
        """The carry of this item made in this meeting, if any."""
        row = self.log.one(
            "SELECT * FROM action_carries WHERE action_item_id = ? AND meeting_id = ?", [item_id, meeting_id]
        )
        return None if row is None else ActionCarry.model_validate(row)

    def carries(self, item_id: str) -> list[ActionCarry]:
        rows = self.log.rows(
            "SELECT * FROM action_carries WHERE action_item_id = ? ORDER BY carried_at, id", [item_id]
        )
        return [ActionCarry.model_validate(row) for row in rows]
