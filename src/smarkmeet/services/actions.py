"""Action items: finding them and presenting them outside the TUI."""

from __future__ import annotations

import json
from datetime import date

from smarkmeet.domain.enums import ActionStatus, Side
from smarkmeet.domain.views import ActionRow
from smarkmeet.services.people import PersonLookupError, one_person
from smarkmeet.store.actions import ActionFilter
from smarkmeet.store.log import Log


class ActionQueryError(Exception):
    """A filter the user gave does not make sense (e.g. an unknown owner)."""


def query_actions(
    log: Log, *, owner: str | None = None, side: str | None = None, status: str = "open", overdue: bool = False
) -> list[ActionRow]:
    owner_id = None
    if owner:
        try:
            owner_id = one_person(log, owner).id
        except PersonLookupError as error:
            raise ActionQueryError(str(error)) from None
    criteria = ActionFilter(
        status=None if status == "all" else ActionStatus(status),
        owner_id=owner_id,
        side=Side(side) if side else None,
        overdue_on=log.clock.today() if overdue else None,
    )
    return log.actions.list(criteria)


def action_record(row: ActionRow, today: date) -> dict:
    """The JSON shape of one action item, as ``smarkmeet actions --json`` prints it."""
    return {
        "id": row.id,
        "title": row.title,
        "owner": row.owner_name,
        "owner_handle": row.owner_handle,
        "side": row.side.value if row.side else None,
        "due_date": row.due_date.isoformat() if row.due_date else None,
        "status": row.status.value,
        "overdue": row.is_overdue(today),
        "carry_count": row.carry_count,
        "snoozed_until": row.snoozed_until.isoformat() if row.snoozed_until else None,
        "origin_meeting_date": row.origin_meeting_date.isoformat() if row.origin_meeting_date else None,
        "origin_section": row.origin_section_title,
        "done_at": row.done_at.isoformat() if row.done_at else None,
    }


def render_actions_json(rows: list[ActionRow], today: date) -> str:
    return json.dumps([action_record(row, today) for row in rows], indent=2, ensure_ascii=False)


def render_actions_table(rows: list[ActionRow], today: date) -> str:
    if not rows:
        return "No action items match."
    headers = ["Due", "Status", "Owner", "Side", "Carried", "From", "Title"]
    body = []
    for row in rows:
        due = row.due_date.isoformat() if row.due_date else "—"
        status = "OVERDUE" if row.is_overdue(today) else row.status.value
        body.append([
            due, status, row.owner_name or "—", row.side.value if row.side else "—",
            f"{row.carry_count}×" if row.carry_count else "",
            row.origin_meeting_date.isoformat() if row.origin_meeting_date else "—", row.title,
        ])
    widths = [max(len(headers[i]), *(len(line[i]) for line in body)) for i in range(len(headers) - 1)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)) + "  " + headers[-1]]
    lines.append("  ".join("─" * w for w in widths) + "  " + "─" * len(headers[-1]))
    for line in body:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=False)) + "  " + line[-1])
    open_count = sum(1 for row in rows if row.status is ActionStatus.OPEN)
    overdue_count = sum(1 for row in rows if row.is_overdue(today))
    lines.append(f"\n{len(rows)} item(s): {open_count} open, {overdue_count} overdue")
    return "\n".join(lines)
