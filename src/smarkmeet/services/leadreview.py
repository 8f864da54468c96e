"""Lead feedback in the meeting: the leads delivered since the last meeting and sales' verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from smarkmeet.domain.enums import DEFAULT_REJECTION_REASONS, Verdict
from smarkmeet.domain.models import Lead, LeadFeedback, Meeting
from smarkmeet.store.log import Log

DEFAULT_SLA_HOURS = 48


@dataclass(frozen=True)
class LeadUnderReview:
    lead: Lead
    verdict: LeadFeedback | None  # the latest one
    hours_waiting: float  # since delivery, until the first verdict (or now)
    past_sla: bool  # no verdict and waiting longer than the agreed window


@dataclass
class SourceTally:
    source: str
    delivered: int = 0
    counts: dict[Verdict, int] = field(default_factory=lambda: {v: 0 for v in Verdict})
    no_verdict: int = 0
    past_sla: int = 0


def sla_hours(log: Log) -> int:
    return int(log.setting("sales_sla_hours", DEFAULT_SLA_HOURS))


def rejection_reasons(log: Log) -> list[str]:
    return list(log.setting("rejection_reasons", list(DEFAULT_REJECTION_REASONS)))


def review_window(log: Log, meeting: Meeting) -> tuple[datetime, datetime]:
    """From the start of the previous weekly meeting (or a week back) until now."""
    now = log.clock.now()
    previous = log.meetings.last_ended(kind="weekly", before_id=meeting.id)
    if previous is not None and previous.started_at is not None:
        return previous.started_at, now
    return now - timedelta(days=7), now


def leads_for_review(log: Log, meeting: Meeting, *, lead_id: str | None = None) -> list[LeadUnderReview]:
    """The leads delivered since the last weekly meeting, by source; only ``lead_id``'s, if given
    (after a verdict, so the panel redraws one row, not thousands)."""
    start, end = review_window(log, meeting)
    end += timedelta(seconds=1)  # a lead delivered this very second is in
    window = sla_hours(log)
    histories = log.leads.feedback_for_delivered_between(start, end, lead_id=lead_id)
    rows = []
    for lead in log.leads.delivered_between(start, end, lead_id=lead_id):
        history = histories.get(lead.id, [])
        until = min(f.given_at for f in history) if history else log.clock.now()
        waiting = max(0.0, (until - lead.created_at).total_seconds() / 3600)
        rows.append(LeadUnderReview(lead, history[-1] if history else None, waiting,
                                    past_sla=not history and waiting > window))
    return rows


def tally_by_source(log: Log, meeting: Meeting) -> list[SourceTally]:
    """Per source, the review window's leads by current verdict — the lead report's figures, same query."""
    from smarkmeet.services.leadreport import lead_report

    start, end = review_window(log, meeting)
    report = lead_report(log, by="source", since=start, until=end + timedelta(seconds=1))
    tallies = []
    for row in report.rows:
        tally = SourceTally(row.label, delivered=row.leads, no_verdict=row.not_worked, past_sla=row.overdue)
        for verdict in Verdict:
            tally.counts[verdict] = getattr(row, verdict.value)
        tallies.append(tally)
    return sorted(tallies, key=lambda t: t.source.lower())


def give_verdict(
    log: Log, lead_id: str, verdict: Verdict, meeting: Meeting, *, reason: str = "", comment: str = "",
    given_by: str | None = None,
) -> LeadFeedback:
    """Record a verdict; a lead keeps every verdict it was given, the latest counts."""
    return log.leads.give_feedback(LeadFeedback(
        lead_id=lead_id, verdict=verdict, reason=reason if verdict is Verdict.REJECTED else "", comment=comment,
        given_by=given_by, given_at=log.clock.now(), meeting_id=meeting.id,
    ))


def verdict_history(log: Log, crm_id: str) -> tuple[Lead, list[dict]] | None:
    """A lead and every verdict it was given, oldest first, with who gave it and in which meeting."""
    lead = log.leads.by_crm_id(crm_id.strip())
    if lead is None:
        return None
    return lead, log.leads.history(lead.id)


def describe_verdict(entry: dict) -> str:
    """One line of a lead's verdict history: when, what, who, where."""
    reason = f": {entry['reason']}" if entry["reason"] else ""
    who = f" by {entry['given_by']}" if entry["given_by"] else ""
    where = entry["meeting"] or f"via {entry['via']}"
    when = entry["given_at"][:16].replace("T", " ") + ("" if entry["timed"] else " (import time)")
    return f"{when}  {entry['verdict']}{reason}{who} — {where}"
