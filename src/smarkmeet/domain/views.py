"""Read models: records joined with what a screen or report shows beside them."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from smarkmeet.domain.enums import Rag
from smarkmeet.domain.metrics import goal_attainment, goal_rag
from smarkmeet.domain.models import ActionItem, Goal, GoalCheckin


class ActionRow(ActionItem):
    """An action item with its owner's name and where it came from."""

    owner_name: str | None = None
    owner_handle: str | None = None
    owner_left: bool = False  # the owner has left the team: the item waits to be handed on
    origin_meeting_date: date | None = None
    origin_section_title: str | None = None


class GoalStatus(BaseModel):
    """A goal with its recent check-ins, newest last."""

    goal: Goal
    checkins: list[GoalCheckin]

    @property
    def latest(self) -> GoalCheckin | None:
        return self.checkins[-1] if self.checkins else None

    @property
    def attainment(self) -> float | None:
        latest = self.latest
        return None if latest is None else goal_attainment(latest.actual, latest.target)

    @property
    def rag(self) -> Rag | None:
        return goal_rag(self.attainment, self.goal.amber_threshold)

    @property
    def trend(self) -> list[float]:
        return [checkin.actual for checkin in self.checkins]
