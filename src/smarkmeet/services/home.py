"""What the home screen shows, gathered in one call (through store.overview: no pydantic)."""

from __future__ import annotations

from dataclasses import dataclass

from smarkmeet.domain.summaries import ActionCounts, MeetingSummary, NextMeeting, ScorecardLine
from smarkmeet.store import overview
from smarkmeet.store.log import Log


@dataclass(frozen=True)
class HomeOverview:
    team_name: str
    meeting: NextMeeting | None  # the meeting in progress, else the next planned one
    actions: ActionCounts
    leads_awaiting_verdict: int
    goals: list[ScorecardLine]
    recent: list[MeetingSummary]


def home_overview(log: Log, *, recent: int = 12) -> HomeOverview:
    return HomeOverview(
        team_name=log.setting("team_name", "smarkmeet"),
        meeting=overview.next_meeting(log),
        actions=overview.action_counts(log, log.clock.today()),
        leads_awaiting_verdict=overview.leads_awaiting_verdict(log, overview.last_weekly_start(log)),
        goals=overview.scorecard(log, last=8),
        recent=overview.recent_meetings(log, recent),
    )
