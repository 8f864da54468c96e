"""What the home screen shows, gathered in one call."""

from __future__ import annotations

from dataclasses import dataclass

from smarkmeet.domain.models import AgendaSection, Meeting, Person
from smarkmeet.domain.views import GoalStatus, MeetingSummary
from smarkmeet.store.actions import ActionCounts
from smarkmeet.store.log import Log


@dataclass(frozen=True)
class HomeOverview:
    team_name: str
    meeting: Meeting | None  # the meeting in progress, else the next planned one
    sections: list[AgendaSection]
    facilitator: Person | None
    actions: ActionCounts
    leads_awaiting_verdict: int
    goals: list[GoalStatus]
    recent: list[MeetingSummary]


def home_overview(log: Log, *, recent: int = 12) -> HomeOverview:
    meeting = log.meetings.in_progress() or log.meetings.next_planned()
    last = log.meetings.last_ended(kind="weekly")
    since = last.started_at if last and last.started_at else None
    return HomeOverview(
        team_name=log.setting("team_name", "smarkmeet"),
        meeting=meeting,
        sections=log.meetings.sections(meeting.id) if meeting else [],
        facilitator=log.people.get(meeting.facilitator_id) if meeting and meeting.facilitator_id else None,
        actions=log.actions.counts(log.clock.today()),
        leads_awaiting_verdict=log.leads.awaiting_verdict(since),
        goals=log.goals.statuses(last=8),
        recent=log.meetings.recent(recent),
    )
