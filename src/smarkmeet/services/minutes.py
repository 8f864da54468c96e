"""The minutes of a meeting, as Markdown, and writing them to a file."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

from smarkmeet.domain.enums import ActionStatus, Period, Side, Unit, Verdict
from smarkmeet.domain.metrics import amount, goal_attainment, goal_rag, percent, rating_text
from smarkmeet.domain.ids import short_id
from smarkmeet.domain.models import Meeting
from smarkmeet.domain.periods import period_label
from smarkmeet.services.attendance import not_checked_in, people_of_meeting
from smarkmeet.services.goals import currency
from smarkmeet.services.leadreview import given_between, left_waiting
from smarkmeet.store.log import Log

# Brackets are escaped, so "(" and "!" cannot start a link or an image, and "#" and "+" mean
# something only at the start of a line: left as typed there, "Leads accepted (SAL)" reads so
# when the minutes are pasted into an email, not "\(SAL\)". An "&" only where it would start an
# entity (&lt; &#124;), which a renderer would turn into another character.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~]|&(?=#?[0-9A-Za-z]+;))")
_LINE_START = re.compile(r"^(\d*)([-=.)#+])")


def md(text: str) -> str:
    """User text made inert in Markdown: special characters escaped, kept on one line."""
    flat = " ".join(str(text).split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat).replace("\\](", "\\]\\(")  # no "](" left, even escaped
    # what only means something at the start of a line: a list item (- x, 1. x), a rule (---), a heading (===)
    return _LINE_START.sub(r"\1\\\2", escaped)


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def render_minutes(log: Log, meeting: Meeting) -> str:
    people, marks = people_of_meeting(log, meeting)
    name = lambda pid: md(people[pid].name) if pid in people else "—"  # noqa: E731
    out = [f"# {md(meeting.title)} — {meeting.scheduled_for.isoformat()}", ""]
    facts = [f"Kind: {meeting.kind.value}", f"Status: {meeting.status.label}"]
    if meeting.facilitator_id:
        facts.append(f"Facilitator: {name(meeting.facilitator_id)}")
    if meeting.started_at:
        facts.append(f"Started: {meeting.started_at.strftime('%H:%M')}")
    if meeting.ended_at:
        facts.append(f"Ended: {meeting.ended_at.strftime('%H:%M')}")
    out += [" · ".join(facts), ""]

    out.append("## Attendance")
    if not marks:  # a planned meeting, or one where nobody was checked in: not "everyone came"
        out += ["- Not taken", ""]
    here = [people[pid] for pid, present in marks.items() if present and people.get(pid)]
    for side in Side:  # the team by side, then the guests (whichever side they came from)
        present = [name(person.id) for person in here if person.side is side and not person.guest]
        if present:
            out.append(f"- {side.label}: {', '.join(sorted(present))}")
    guests = [name(person.id) for person in here if person.guest]
    if guests:
        out.append(f"- Guests: {', '.join(sorted(guests))}")
    absent = sorted(name(pid) for pid, here in marks.items() if not here)
    if marks:
        out.append(f"- Absent: {', '.join(absent) if absent else 'nobody'}")
        unmarked = sorted(md(person.name) for person in not_checked_in(log, meeting))
        if unmarked:  # neither here nor marked absent: not "nobody was missing"
            out.append(f"- Not checked in: {', '.join(unmarked)}")
        out.append("")

    sections = log.meetings.sections(meeting.id)
    out += ["## Agenda and timing", "", "| Section | Planned | Spent | Over |", "|---|---:|---:|---:|"]
    for s in sections:
        over = f"+{_clock(s.overrun_seconds)}" if s.overrun_seconds else ""
        out.append(f"| {md(s.title)} | {s.timebox_minutes}:00 | {_clock(s.seconds_spent)} | {over} |")
    total, planned = sum(s.seconds_spent for s in sections), sum(s.timebox_minutes for s in sections) * 60
    over = f"+{_clock(total - planned)}" if total > planned else ""  # the meeting's, not the sections' overruns summed
    out += [f"| **Total** | {planned // 60}:00 | {_clock(total)} | {over} |", ""]

    if meeting.summary:
        out += ["## Summary", "", md(meeting.summary), ""]

    items = log.actions.reviewed_in(meeting.id)  # as the meeting left them
    closed, reopened, snoozed, carried = items.closed, items.reopened, items.snoozed, items.carried
    if closed or reopened or snoozed or carried or items.reassigned:
        out.append("## Action items reviewed")
        for row in closed:
            out.append(f"- {'Done' if row.status is ActionStatus.DONE else 'Dropped'}: {md(row.title)} "
                       f"({md(row.owner_name or '—')})")
        for row in reopened:
            out.append(f"- Reopened: {md(row.title)} ({md(row.owner_name or '—')})")
        for row, day in snoozed:
            out.append(f"- Snoozed to {day.isoformat()}: {md(row.title)} ({md(row.owner_name or '—')})")
        for row in carried:
            # re-dated in the review (c, a new due date) or carried as it was (at the end, or c
            # keeping the day): the minutes say which
            carry = log.actions.carry_in(row.id, meeting.id)
            moved = carry is not None and carry.new_due != carry.previous_due
            was = carry.previous_due if moved and carry else None
            if not moved:
                said = f"still due {row.due_date.isoformat()}" if row.due_date else "no due date"
            elif row.due_date is None:
                said = f"due date removed (was {was.isoformat()})" if was else "no due date"
            else:
                said = f"due {row.due_date.isoformat()}" + (f" (moved from {was.isoformat()})" if was else " (had none)")
            out.append(f"- Carried ({row.carry_count}×): {md(row.title)} ({md(row.owner_name or '—')}), {said}")
        for row, before in items.reassigned:
            out.append(f"- Reassigned: {md(row.title)} ({md(before or 'no one')} → {md(row.owner_name or 'no one')})")
        out.append("")

    checkins = log.goals.checkins_in(meeting.id)
    if checkins:
        out += ["## Goals", "", "| Goal | Period | Target | Actual | Attainment | Status |", "|---|---|---:|---:|---:|---|"]
        sign = currency(log)
        for row in checkins:
            attainment = goal_attainment(row["actual"], row["target"])
            rag = goal_rag(attainment, row["amber_threshold"])
            unit = Unit(row["unit"])
            period = period_label(Period(row["period"]), date.fromisoformat(row["period_start"]))
            out.append(f"| {md(row['name'])} | {period} | {amount(row['target'], unit, sign)} | "
                       f"{amount(row['actual'], unit, sign)} | "
                       f"{percent(attainment, against=row['amber_threshold'])} | "
                       f"{rag.value if rag else '—'} |")
        out.append("")

    verdicts = log.leads.verdict_counts_in(meeting.id)
    waiting = left_waiting(log, meeting)
    between = given_between(log, meeting)
    if verdicts or waiting and waiting.count or between and between.count:
        out += ["## Lead feedback given", ""]
    if between and between.count:  # a rep's work since the meeting before, in the lead list or the CLI
        since = f" since {between.since:%a %d %b}" if between.since else ""
        out += [f"Given between meetings{since} (in the lead list or with `smarkmeet leads verdict`): "
                f"**{between.count:,}** — " + ", ".join(f"{verdict} {n:,}" for verdict, n in between.counts.items())
                + ".", ""]
    if waiting and waiting.count:  # what PRODUCT.md asks to make visible: leads sales left unworked
        late = f", {waiting.past_sla:,} of them past the {waiting.sla_hours} h window" if waiting.past_sla else ""
        out += [f"Still without a verdict when the meeting ended: **{waiting.count:,}** "
                f"lead{'s' if waiting.count != 1 else ''} delivered since {waiting.since:%a %d %b}{late}.", ""]
    if verdicts:
        out += ["| Source | " + " | ".join(v.value for v in Verdict) + " |", "|---|" + "---:|" * len(Verdict)]
        by_source: dict[str, dict[str, int]] = {}
        for row in verdicts:
            by_source.setdefault(row["source"], {})[row["verdict"]] = row["n"]
        for source, counts in by_source.items():
            out.append(f"| {md(source or '(no source)')} | " + " | ".join(str(counts.get(v.value, 0)) for v in Verdict)
                       + " |")
        if changed := log.leads.verdicts_changed_in(meeting.id):
            out += ["", f"Each lead is counted once, at its last verdict: {changed} lead"
                        f"{'s were' if changed > 1 else ' was'} given another verdict in the meeting."]
        given = log.leads.verdicts_in(meeting.id)
        reasons = Counter(row["reason"] or "(no reason)" for row in given if row["verdict"] == Verdict.REJECTED.value)
        if reasons:  # what marketing most needs to hear back: why leads were turned down
            out += ["", "Rejected for: " + " · ".join(f"{md(reason)} {n}" for reason, n in
                                                       sorted(reasons.items(), key=lambda item: (-item[1], item[0])))]
        said = [row for row in given if row["comment"]]
        if said:
            out += ["", "Said with the verdicts:", ""]
            for row in said:
                lead = row["name"] or row["crm_id"]
                company = f" ({md(row['company'])})" if row["company"] else ""
                reason = f": {md(row['reason'])}" if row["reason"] else ""
                out.append(f"- {md(lead)}{company}, {row['verdict']}{reason} — “{md(row['comment'])}”")
        out.append("")
    elif waiting and waiting.count:
        out += ["No verdicts were given in the meeting.", ""]

    notes = log.notes.in_meeting(meeting.id)
    followed = log.notes.followups_in(meeting.id)
    resolved = [n for n in log.notes.resolved_in(meeting.id) if n.meeting_id != meeting.id]
    acted_on = log.notes.acted_on_in(meeting.id)
    # the items the notes were turned into, as the meeting left them: an owner changed later is
    # not written into these minutes (their new items' list already said the owner then)
    linked = log.actions.as_left_by(meeting.id, [*(n.action_item_id for n in notes if n.action_item_id),
                                                 *(row["item_id"] for row in acted_on)])
    if notes or followed or resolved or acted_on:
        out.append("## Criticism notes")
        for note in notes:
            flag = "" if note.constructive else " *(no request yet: not constructive)*"
            if note.resolved_in_meeting_id == meeting.id:  # raised and settled here: not left open
                flag += " — *resolved in the meeting*"
            out.append(f"- {note.from_side.label} → {note.to_side.label}: {md(note.observation)}{flag}")
            if note.impact:
                out.append(f"  - Impact: {md(note.impact)}")
            if note.request:
                out.append(f"  - Request: {md(note.request)}")
            if note.action_item_id in linked:  # turned into an item (t): which one, so the note can be followed
                item = linked[note.action_item_id]
                out.append(f"  - Action item: {md(item.title)} ({md(item.owner_name or '—')})")
        for row in followed:
            out.append(f"- Follow-up on “{md(row['observation'])}”: {md(row['comment'])}")
        for row in acted_on:  # an earlier note, acted on here
            item = linked.get(row["item_id"])
            title, owner = (item.title, item.owner_name) if item else (row["title"], row["owner_name"])
            out.append(f"- Action item from “{md(row['observation'])}”: {md(title)} ({md(owner or '—')})")
        for note in resolved:
            out.append(f"- Resolved: {md(note.observation)}")
        out.append("")

    new_items = items.created
    if new_items:
        out += ["## New action items", "", "| Item | Owner | Due |", "|---|---|---|"]
        for row in new_items:  # one already done by the end says so (it is not listed again as reviewed)
            done = " — *done in the meeting*" if row.status is ActionStatus.DONE else ""
            out.append(f"| {md(row.title)}{done} | {md(row.owner_name or '—')} | "
                       f"{row.due_date.isoformat() if row.due_date else '—'} |")
        out.append("")

    ratings = log.people.ratings(meeting.id)
    if ratings:
        average = sum(ratings.values()) / len(ratings)
        out += ["## Rating", "", f"{rating_text(average)} / 10 from {len(ratings)} attendee(s)", ""]
    return "\n".join(out).rstrip() + "\n"


def write_minutes(log: Log, meeting: Meeting, directory: Path) -> Path:
    """Write the minutes to ``directory`` and record the path on the meeting.

    The file is private (0600), as every export is, and lands whole: a meeting ended again
    after a resume replaces it in one step. Raises ``OSError`` or ``ExportError`` when it
    cannot be written."""
    from smarkmeet.services.export import export_file

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{meeting.scheduled_for.isoformat()}-{meeting.kind.value}-{short_id(meeting.id)}.md"
    with export_file(path, force=True) as handle:
        handle.write(render_minutes(log, meeting))
    log.meetings.update(meeting.id, {"minutes_path": str(path)})
    return path
