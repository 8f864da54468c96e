"""Lead feedback in the meeting: the leads delivered since the last meeting and sales' verdicts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from smarkmeet.domain.enums import DEFAULT_REJECTION_REASONS, FeedbackVia, SectionKind, Verdict
from smarkmeet.domain.models import Lead, LeadFeedback, Meeting
from smarkmeet.store import overview
from smarkmeet.store.log import Log

DEFAULT_SLA_HOURS = 48


class ReviewedLead(NamedTuple):
    """What the review shows of a lead (read in plain SQL: a first CRM import puts thousands here)."""

    id: str
    crm_id: str
    name: str
    company: str
    source: str
    owner: str
    created_at: datetime


@dataclass(frozen=True)
class LeadUnderReview:
    lead: ReviewedLead
    verdict: Verdict | None  # the latest one (the lead's current verdict)
    reason: str  # the latest verdict's reason, if a rejection
    hours_waiting: float | None  # since delivery, until the first verdict (or now); None: that verdict's time unknown
    past_sla: bool  # no verdict and waiting longer than the agreed window
    carried: bool = False  # delivered before the review's window, still without a verdict when it began


@dataclass
class SourceTally:
    source: str
    delivered: int = 0
    counts: dict[Verdict, int] = field(default_factory=lambda: {v: 0 for v in Verdict})
    no_verdict: int = 0
    past_sla: int = 0


def owner_labels(log: Log) -> dict[str, str]:
    """How the review names a lead's owner: the CRM's owner field (``tomas``, ``Tomás Ruiz``, any
    case) → the team member's first name, or full name where two share it; an owner who is not
    on the team is shown as the CRM wrote it (not in the map)."""
    people = log.people.all(include_inactive=True)
    firsts = Counter(person.name.split(" ")[0] for person in people)
    labels = {}
    for person in people:
        first = person.name.split(" ")[0]
        shown = first if firsts[first] == 1 else person.name
        labels[person.name.casefold()] = shown
        labels[person.handle.casefold()] = shown
    return labels


def owner_label(labels: dict[str, str], owner: str) -> str:
    """``owner`` as the team says it, from ``owner_labels``: "Tomás" for the CRM's " tomas "."""
    return labels.get(owner.strip().casefold(), owner)


def sla_hours(log: Log) -> int:
    return int(log.setting("sales_sla_hours", DEFAULT_SLA_HOURS))


def rejection_reasons(log: Log) -> list[str]:
    return list(log.setting("rejection_reasons", list(DEFAULT_REJECTION_REASONS)))


def review_window(log: Log, meeting: Meeting) -> tuple[datetime, datetime]:
    """From the start of the previous weekly meeting (or a week back) until now."""
    window = _window(log, meeting)
    return window.start, window.end


def is_first_review(log: Log, meeting: Meeting) -> bool:
    """Whether no weekly meeting came before this one: its review looks back seven days."""
    return _window(log, meeting).first


class _Window(NamedTuple):
    start: datetime
    end: datetime
    news_since: datetime  # from when a verdict on a carried lead is news
    first: bool  # no weekly meeting before this one


def _window(log: Log, meeting: Meeting) -> _Window:
    """The review window, and from when a verdict on a carried lead is news: the end of the
    previous weekly meeting (a verdict given in it was seen there), else the window's start."""
    now = log.clock.now()
    previous = log.meetings.last_ended(kind="weekly", before_id=meeting.id)
    if previous is not None and previous.started_at is not None:
        return _Window(previous.started_at, now, previous.ended_at or previous.started_at, first=False)
    return _Window(now - timedelta(days=7), now, now - timedelta(days=7), first=True)


def leads_for_review(log: Log, meeting: Meeting, *, lead_id: str | None = None) -> list[LeadUnderReview]:
    """The leads delivered since the last weekly meeting, by source, after the ones from the
    weeks before it that had no verdict yet (carried: sales ignoring a lead stays visible until it
    is worked, and the meeting after sees the verdict it was given between meetings; one given in
    the last meeting was seen there); only ``lead_id``'s, if given (after a verdict, so the panel redraws one row, not
    thousands).

    Each lead's current and first verdict are read from the lead itself, where they are kept
    in step with ``lead_feedback`` as each verdict is written (the lead reports read them so too)."""
    start, end, news_since, first = _window(log, meeting)
    end += timedelta(seconds=1)  # a lead delivered this very second is in
    window = sla_hours(log)
    now = log.clock.now()
    rows = []
    for *fields, verdict, reason, first_verdict_at, timed in log.leads.for_review(
        start, end, carried_from=carried_from(log, start), worked_since=news_since, undated_news=not first,
        lead_id=lead_id,
    ):
        lead = ReviewedLead(*fields[:-1], datetime.fromisoformat(fields[-1]))
        until = datetime.fromisoformat(first_verdict_at) if first_verdict_at else now
        # a verdict imported with no date of its own: its time is the import's, not the verdict's
        waiting = None if first_verdict_at and timed == 0 else max(0.0, (until - lead.created_at).total_seconds() / 3600)
        rows.append(LeadUnderReview(lead, Verdict(verdict) if verdict else None, reason, waiting,
                                    past_sla=verdict is None and waiting is not None and waiting > window,
                                    carried=lead.created_at < start))
    return rows


class LeftWaiting(NamedTuple):
    """The leads an ended meeting's review left without a verdict."""
    count: int
    past_sla: int  # of them, waiting past the agreed window when the meeting ended
    since: datetime  # delivered from then (the carried ones' start, else the review's)
    sla_hours: int


def left_waiting(log: Log, meeting: Meeting) -> LeftWaiting | None:
    """The leads the meeting's review listed that had no verdict when it ended: delivered since
    the last weekly meeting (a week back for the first), and those carried from the weeks
    before. Read from the verdicts' times, so the minutes say the same whenever written. None
    for a meeting not ended, or with no lead review."""
    if meeting.ended_at is None or meeting.started_at is None or not any(
            section.kind is SectionKind.LEAD_FEEDBACK for section in log.meetings.sections(meeting.id)):
        return None
    # the weekly meeting before it as its review saw it (see _window): the last ended when it began
    previous = log.meetings.last_ended(kind="weekly", before_id=meeting.id, ended_by=meeting.started_at)
    start = previous.started_at if previous and previous.started_at else meeting.started_at - timedelta(days=7)
    since = overview.carry_start(log, start, now=meeting.started_at) if overview.lead_carry_weeks(log) else start
    hours = sla_hours(log)
    count, late = log.leads.without_verdict_at(since, meeting.ended_at, hours)
    return LeftWaiting(count, late, since, hours)


@dataclass(frozen=True)
class GivenBetween:
    """Verdicts given outside a meeting (the lead list, ``leads verdict``) since the meeting before."""

    since: datetime | None  # when the meeting before ended (None: the first meeting)
    counts: dict[str, int]  # verdict → how many

    @property
    def count(self) -> int:
        return sum(self.counts.values())


def given_between(log: Log, meeting: Meeting) -> GivenBetween | None:
    """The verdicts sales gave between the meeting before this one (of any kind) and this one's
    start — in the lead list or with ``smarkmeet leads verdict``, not by an import — which no
    meeting's own verdicts count: the minutes said nothing of a rep's work between meetings.
    None for a meeting not started."""
    if meeting.started_at is None:
        return None
    previous = log.meetings.last_ended(before_id=meeting.id, ended_by=meeting.started_at)
    since = previous.ended_at if previous else None
    rows = log.rows(
        "SELECT verdict, count(*) AS n FROM lead_feedback WHERE meeting_id IS NULL AND via IN ('app', 'cli') "
        "AND (:since IS NULL OR julianday(given_at) > julianday(:since)) AND julianday(given_at) <= julianday(:until) "
        "GROUP BY verdict", {"since": since.isoformat() if since else None, "until": meeting.started_at.isoformat()})
    counts = {row["verdict"]: row["n"] for row in rows}
    return GivenBetween(since, {verdict.value: counts[verdict.value] for verdict in Verdict if verdict.value in counts})


def undated_waiting(log: Log) -> int:
    """Leads imported without a delivery date that have no verdict: in no week's review."""
    return overview.undated_awaiting_verdict(log)


def carried_from(log: Log, start: datetime) -> datetime | None:
    """From when leads still without a verdict are carried into a review beginning at ``start``
    (``lead_carry_weeks`` before it, see overview.carry_start; None when the team carries none)."""
    return overview.carry_start(log, start) if overview.lead_carry_weeks(log) else None


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


@dataclass(frozen=True)
class GivenVerdict:
    """A verdict just given, and what it changed on its lead: enough to take it back."""

    feedback: LeadFeedback
    changed: dict  # field → (before, as the verdict wrote it)


def give_verdict(
    log: Log, lead_id: str, verdict: Verdict, meeting: Meeting, *, reason: str = "", comment: str = "",
    given_by: str | None = None,
) -> LeadFeedback:
    """Record a verdict; a lead keeps every verdict it was given, the latest counts."""
    return give_verdict_undoably(log, lead_id, verdict, meeting, reason=reason, comment=comment,
                                 given_by=given_by).feedback


def take_back(log: Log, given: GivenVerdict) -> bool:
    """Withdraw a verdict just given in the meeting (ctrl+z in the lead review): the lead is as it
    was before it. Refused (False) once the lead has had another verdict since."""
    return log.leads.take_back(given.feedback, given.changed)


def give_verdict_undoably(
    log: Log, lead_id: str, verdict: Verdict, meeting: Meeting, *, reason: str = "", comment: str = "",
    given_by: str | None = None,
) -> GivenVerdict:
    """Record a verdict (see :func:`give_verdict`), keeping what :func:`take_back` needs.

    Given by ``given_by``, else by the lead's owner where the CRM's owner names someone on the
    team (their handle or full name) who was not marked absent from this meeting: the seller
    reporting back on their lead. Otherwise by no one named: someone else in the room said it."""
    if given_by is None:
        owner = log.one("SELECT owner FROM leads WHERE id = ?", [lead_id])
        person = log.people.named_exactly(owner["owner"]) if owner else None
        if person is not None and person.active and log.people.attendance(meeting.id).get(person.id) is not False:
            given_by = person.id
    changed, feedback = log.leads.give_feedback_keeping_before(LeadFeedback(
        lead_id=lead_id, verdict=verdict, reason=reason if verdict is Verdict.REJECTED else "", comment=comment,
        given_by=given_by, given_at=log.clock.now(), meeting_id=meeting.id,
    ))
    return GivenVerdict(feedback, changed)


MAX_COMMENT = 20_000  # as the model holds it (LongText)


def cleaned_comment(text: str) -> str:
    """A verdict's comment as kept: on one line, escape sequences made visible; refused in words
    when longer than the log holds."""
    from smarkmeet.domain.errors import RefusedInWords
    from smarkmeet.domain.inert import inert

    comment = " ".join(inert(text).split())
    if len(comment) > MAX_COMMENT:
        raise RefusedInWords(f"a comment is at most {MAX_COMMENT:,} characters; this one has {len(comment):,}")
    return comment


def give_verdict_between_meetings(log: Log, lead_id: str, verdict: Verdict, *, reason: str = "",
                                  comment: str = "", given_by: str | None = None,
                                  via: FeedbackVia = FeedbackVia.CLI) -> GivenVerdict:
    """A verdict given outside a meeting: a seller reporting back between meetings, a lead no
    week's review lists. ``via`` says from where: ``cli`` (``smarkmeet leads verdict``) or ``app``
    (the lead list); no meeting. A rejection names one of the team's reasons (``rejection_reasons``,
    any case), as the meeting's review asks; another verdict takes none. Refused in words, with
    nothing written. Kept as :func:`take_back` needs it (ctrl+z in the lead list)."""
    from smarkmeet.domain.errors import RefusedInWords

    reasons = rejection_reasons(log)
    if verdict is Verdict.REJECTED:
        known = next((each for each in reasons if each.casefold() == reason.strip().casefold()), "")
        if not known:
            said = f"{reason.strip()!r} is not one of the team's reasons" if reason.strip() else \
                "a rejection needs one of the team's reasons (--reason)"
            raise RefusedInWords(f"{said}: {', '.join(reasons)}")
        reason = known
    elif reason.strip():
        raise RefusedInWords(f"only a rejection takes a reason; {verdict.value} is given without --reason")
    comment = cleaned_comment(comment)
    changed, feedback = log.leads.give_feedback_keeping_before(LeadFeedback(
        lead_id=lead_id, verdict=verdict, reason=reason, comment=comment, given_by=given_by,
        given_at=log.clock.now(), meeting_id=None, via=via,
    ))
    return GivenVerdict(feedback, changed)


def comment_on_verdict(log: Log, meeting: Meeting, lead_id: str, text: str) -> bool:
    """Say why, in words, with the verdict given the lead in this meeting (its latest there):
    ``lead_feedback.comment``, searched with the rest. False when it has none from this meeting."""
    comment = cleaned_comment(text)
    latest = log.one("SELECT id FROM lead_feedback WHERE lead_id = ? AND meeting_id = ? ORDER BY rowid DESC LIMIT 1",
                     [lead_id, meeting.id])
    if latest is None:
        return False
    log.update("lead_feedback", latest["id"], {"comment": comment}, meeting_id=meeting.id)
    return True


def comments_in(log: Log, meeting: Meeting) -> dict[str, str]:
    """Each lead's comment on its latest verdict in this meeting, where there is one."""
    comments: dict[str, str] = {}
    for row in log.rows("SELECT lead_id, comment FROM lead_feedback WHERE meeting_id = ? ORDER BY rowid", [meeting.id]):
        comments[row["lead_id"]] = row["comment"]
    return {lead_id: comment for lead_id, comment in comments.items() if comment}


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
    # (a verdict outside a meeting says where it was given: "via app" read as jargon)
    where = entry["meeting"] or {"app": "between meetings, in the lead list",
                                 "cli": "between meetings, with smarkmeet leads verdict"}.get(entry["via"],
                                                                                             f"via {entry['via']}")
    when = entry["given_at"][:16].replace("T", " ") + ("" if entry["timed"] else " (import time)")
    said = f" “{entry['comment']}”" if entry.get("comment") else ""
    return f"{when}  {entry['verdict']}{reason}{said}{who} — {where}"
