"""What the home screen shows, gathered in one call (through store.overview: no pydantic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

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
    undated_awaiting_verdict: int = 0  # imported with no delivery date: in no week, so in no review
    currency: str = ""  # the sign money goals are shown with
    has_team: bool = True  # anyone on the team (a new log has no one: the card says how to add them)


def home_overview(log: Log, *, recent: int = 12) -> HomeOverview:
    return HomeOverview(
        team_name=log.setting("team_name", "smarkmeet"),
        meeting=overview.next_meeting(log),
        actions=overview.action_counts(log, log.clock.today()),
        leads_awaiting_verdict=overview.leads_awaiting_verdict(log, _review_starts(log)),
        goals=overview.scorecard(log, last=8),
        recent=overview.recent_meetings(log, recent),
        undated_awaiting_verdict=overview.undated_awaiting_verdict(log),
        currency=str(log.setting("currency", "") or ""),
        has_team=overview.has_team(log),
    )


def _review_starts(log: Log):
    """Where the next meeting's lead review begins: the leads delivered since the last weekly
    meeting (or, before the first, in the last week, as the review takes them), and the ones
    from the weeks before it still without a verdict. Before the first meeting this counted
    every lead without a verdict, hundreds more than the review then listed."""
    since = overview.last_weekly_start(log) or log.clock.now() - timedelta(days=7)
    return overview.carry_start(log, since)
