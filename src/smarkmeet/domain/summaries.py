"""Plain read models for the home screen and the meeting lists: named tuples built from query rows.

The log's records are pydantic models (``domain.models``), checked on every write and read.
These are summaries the log's own queries compute, and they carry no pydantic: the app
paints its home screen from them before pydantic is imported (~100-200 ms of start-up).
Named tuples, not frozen dataclasses: as immutable, and a fifth of the cost to define
(~0.3 ms a class instead of ~1.5, paid at every start).
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from smarkmeet.domain.enums import GoalOwner, MeetingKind, MeetingStatus, Period, Rag, Unit
from smarkmeet.domain.inert import inert
from smarkmeet.domain.metrics import goal_attainment, goal_rag


def shown_text(value: str | None) -> str | None:
    """A name or title read straight from the log, as the records' models would hold it: stripped,
    its control characters made visible (a log written by another tool may hold an escape
    sequence, which must never act on the terminal)."""
    return None if value is None else inert(value).strip()


class MeetingSummary(NamedTuple):
    """One line of meeting history."""

    id: str
    kind: MeetingKind
    title: str
    scheduled_for: date
    status: MeetingStatus
    present: int
    invited: int
    planned_minutes: int
    spent_seconds: int
    average_rating: float | None
    started: str = ""  # when it began, as the log writes it ("" if not yet): orders two the same day

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MeetingSummary:
        rating = row["average_rating"]
        return cls(
            id=row["id"], kind=MeetingKind(row["kind"]), title=shown_text(row["title"]),
            scheduled_for=date.fromisoformat(row["scheduled_for"]), status=MeetingStatus(row["status"]),
            present=row["present"], invited=row["invited"], planned_minutes=row["planned_minutes"],
            spent_seconds=row["spent_seconds"], average_rating=None if rating is None else float(rating),
            started=row.get("started") or "",
        )

    @property
    def duration_minutes(self) -> float:
        return self.spent_seconds / 60


class NextMeeting(NamedTuple):
    """The meeting in progress, or else the next one planned, as the home screen's card shows it."""

    id: str
    title: str
    scheduled_for: date
    status: MeetingStatus
    sections: int
    planned_minutes: int
    facilitator: str | None  # the facilitator's name
    current_section: str | None  # the title of the section it is at, while in progress

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> NextMeeting:
        return cls(
            id=row["id"], title=shown_text(row["title"]), scheduled_for=date.fromisoformat(row["scheduled_for"]),
            status=MeetingStatus(row["status"]), sections=row["sections"], planned_minutes=row["planned_minutes"],
            facilitator=shown_text(row["facilitator"]), current_section=shown_text(row["current_section"]),
        )


class ActionCounts(NamedTuple):
    open: int
    overdue: int
    carried_often: int  # open items carried three times or more
    overdue_snoozed: int = 0  # of the overdue ones, snoozed past today: the action review hides them


class ScorecardLine(NamedTuple):
    """One active goal on the home scorecard, with its recent actuals, oldest first."""

    goal_id: str
    name: str
    owner_side: GoalOwner
    period: Period
    unit: Unit
    target: float
    amber_threshold: float
    actuals: tuple[float, ...]
    latest_target: float | None  # the target the latest check-in was measured against

    @property
    def latest(self) -> float | None:
        return self.actuals[-1] if self.actuals else None

    @property
    def attainment(self) -> float | None:
        latest = self.latest
        return None if latest is None or self.latest_target is None else goal_attainment(latest, self.latest_target)

    @property
    def rag(self) -> Rag | None:
        return goal_rag(self.attainment, self.amber_threshold)
