"""Exports: minutes (Markdown, JSON), action items and leads (CSV, JSON), written safely.

Every CSV cell goes through :func:`spreadsheet_safe`, so a value a spreadsheet would run as
a formula (``=HYPERLINK(…)``) is shown as text. Files are written to a temporary file in
the target's directory and renamed into place, so a reader never sees half an export.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO, TypeVar

from smarkmeet.domain.enums import MeetingStatus
from smarkmeet.domain.ids import short_id
from smarkmeet.domain.metrics import goal_attainment, goal_rag
from smarkmeet.domain.models import Meeting
from smarkmeet.services.actions import action_record
from smarkmeet.services.attendance import as_they_were, not_checked_in, people_of_meeting
from smarkmeet.services.leadreview import given_between, left_waiting
from smarkmeet.store.actions import ActionFilter
from smarkmeet.store.exports import (
    LEAD_FLAGS,
    iter_leads,
    meetings_matching,
)
from smarkmeet.store.log import Log

T = TypeVar("T")

# The columns of an action-item export: the fields of ``smarkmeet actions --json``, in order.
ACTION_COLUMNS: tuple[str, ...] = (
    "id", "title", "owner", "owner_handle", "side", "due_date", "status", "overdue", "carry_count",
    "snoozed_until", "origin_meeting_date", "origin_section", "done_at",
)
# 2: `verdicts` counts each lead once, at its last verdict in the meeting (1 counted every verdict
# given, a corrected one twice); `verdicts_changed`; `action_items_reviewed` says `reopened` and
# `snoozed` (with `snoozed_to`) too. Since added, without a new version (a key more, none changed):
# `lead_verdicts`, each lead's verdict with its reason and comment; `verdicts_between_meetings`
MINUTES_FORMAT_VERSION = 2
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """An export that cannot be made as asked (unknown meeting, file already there, unwritable path)."""


# -- spreadsheet safety -----------------------------------------------------------


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def spreadsheet_safe(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula (OWASP's rule).

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is neutralised,
    unless it is a plain number (a CRM id ``-42``, a reason ``-3``): no formula, and left as it is.
    """
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_cell(value: object) -> str:
    """One CSV cell: empty for no value, ``true``/``false`` for flags, numbers as written, text made safe."""
    if type(value) is str:  # most cells: tested first, as a million-lead export calls this 16 million times
        return spreadsheet_safe(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)  # a number is never a formula, even a negative one
    return spreadsheet_safe(str(value))


def write_csv(records: Iterable[dict], columns: Iterable[str], out: TextIO) -> int:
    """Write a header and one row per record (CRLF line ends); returns the number of rows."""
    columns = list(columns)
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for record in records:
        writer.writerow([csv_cell(record[column]) for column in columns])
        count += 1
    return count


def write_json_array(records: Iterable[dict], out: TextIO) -> int:
    """Write a JSON array with one object per line, as the records come; returns how many.

    Text the log keeps empty for "none" (an email, a reason, a CRM status) is ``null``, as every
    other missing value is: ``"reason": ""`` beside ``"verdict": null`` read as two different things."""
    count = 0
    for record in records:
        record = {key: None if value == "" else value for key, value in record.items()}
        out.write(("[\n  " if count == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def write_records(records: Iterable[dict], columns: Iterable[str], fmt: str, out: TextIO) -> int:
    """Write the records as ``csv`` (with these columns) or ``json``; returns how many."""
    return write_csv(records, columns, out) if fmt == "csv" else write_json_array(records, out)


# -- what is exported -------------------------------------------------------------


def action_records(log: Log, criteria: ActionFilter, *, sort: str | None = None,
                   descending: bool = False) -> Iterator[dict]:
    """The matching items as ``smarkmeet actions --json`` records, streamed: soonest due first,
    or as the action items screen sorts them (``sort``)."""
    today = log.clock.today()
    for row in log.actions.iter_rows(criteria, sort=sort, descending=descending):
        yield action_record(row, today)


DAYS_DECIMALS = 3  # a thousandth of a day: under a minute and a half


def lead_records(log: Log) -> Iterator[dict]:
    """Every lead with its current verdict (:data:`LEAD_COLUMNS`), streamed, flags as booleans,
    days to first verdict to :data:`DAYS_DECIMALS` places (0.042, not 0.041666666666666664)."""
    for row in iter_leads(log):
        for flag in LEAD_FLAGS:
            if row[flag] is not None:
                row[flag] = bool(row[flag])
        if row["first_verdict_days"] is not None:
            row["first_verdict_days"] = round(row["first_verdict_days"], DAYS_DECIMALS)
        yield row


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if len(text.strip()) == 10 else None
    except ValueError:
        return None


def _ended_on(log: Log, day: date) -> Meeting:
    """The one meeting that ended and was held on ``day``; two that day are told apart by id."""
    rows = log.rows("SELECT id FROM meetings WHERE scheduled_for = ? AND status = 'ended' ORDER BY started_at, id",
                    [day.isoformat()])
    held = [log.meetings.get(row["id"]) for row in rows]
    if len(held) == 1:
        return held[0]
    if held:
        named = ", ".join(f"{short_id(m.id)} ({m.kind.value}, started {m.started_at:%H:%M})" if m.started_at
                          else f"{short_id(m.id)} ({m.kind.value})" for m in held)
        raise ExportError(f"{len(held)} meetings ended on {day.isoformat()}: {named}; give one's id")
    before = log.one("SELECT max(scheduled_for) AS day FROM meetings WHERE scheduled_for < ? AND status = 'ended'",
                     [day.isoformat()])
    nearest = f" (the last one before it: {before['day']})" if before and before["day"] else ""
    raise ExportError(f"no meeting ended on {day.isoformat()}{nearest}")


def find_ended_meeting(log: Log, ref: str) -> Meeting:
    """The meeting ``ref`` names (full id, short id, the day it was held, or ``latest``); it must
    have ended."""
    if ref.strip().lower() == "latest":
        meeting = log.meetings.last_ended()
        if meeting is None:
            raise ExportError("the log holds no ended meeting yet")
        return meeting
    day = _iso_day(ref)
    if day is not None:  # the day it was held: what History shows, where ids are not
        return _ended_on(log, day)
    found = meetings_matching(log, ref)
    if not found and not any(char in ref for char in "-") and ref.strip():
        # the day in other words, looking back as a report does: 14/12, 2 dec, yesterday, last monday
        from smarkmeet.services.leadreport import read_report_date

        try:
            day = read_report_date(ref, log.clock.today())
        except ValueError as error:
            if "could mean" in str(error):
                raise ExportError(str(error)) from None
        else:
            try:
                return _ended_on(log, day)
            except ExportError as none_then:  # looking back found none: a meeting dated ahead ("14 dec" on 7 Dec)
                from smarkmeet.domain.dates import read_date

                ahead = read_date(ref, log.clock.today()).value
                if ahead is None or ahead == day:
                    raise
                try:
                    return _ended_on(log, ahead)
                except ExportError:
                    raise none_then from None
    if not found and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ref.strip()):  # a day, but none there is: not an id
        raise ExportError(f"{ref.strip()!r} is not a real date (give the day it was held as YYYY-MM-DD, e.g. "
                          f"{log.clock.today().isoformat()}, or its id, or latest)")
    if not found:
        raise ExportError(f"no meeting with id {ref!r} (give its id, its last 8 characters, the day it was held "
                          "— 2026-12-02, 2 dec, last wednesday — or latest)")
    if len(found) > 1:
        dates = ", ".join(m.scheduled_for.isoformat() for m in found)
        raise ExportError(f"{ref!r} is the end of {len(found)} meetings' ids ({dates}); give the full id")
    meeting = found[0]
    if meeting.status is not MeetingStatus.ENDED:
        raise ExportError(f"the meeting {short_id(meeting.id)} of {meeting.scheduled_for} has not ended "
                          f"(it is {meeting.status.label}); only an ended meeting has minutes")
    return meeting


def minutes_record(log: Log, meeting: Meeting) -> dict:
    """The minutes as data: the same facts as the Markdown minutes, with people named, not by id."""
    today = log.clock.today()
    people, marks = people_of_meeting(log, meeting)
    name = lambda pid: people[pid].name if pid in people else None
    sections = log.meetings.sections(meeting.id)
    attendance = [
        {"name": people[pid].name, "handle": people[pid].handle, "side": people[pid].side.value,
         "guest": people[pid].guest, "present": present}
        for pid, present in marks.items() if pid in people
    ]
    attendance.sort(key=lambda entry: (not entry["present"], entry["side"], entry["name"]))
    unmarked = [  # team members marked neither present nor absent (when attendance was taken at all)
        {"name": person.name, "handle": person.handle, "side": person.side.value}
        for person in (as_they_were(log, meeting, not_checked_in(log, meeting)) if attendance else [])
    ]
    unmarked.sort(key=lambda entry: (entry["side"], entry["name"]))
    items = log.actions.reviewed_in(meeting.id)  # as the meeting left them
    reviewed = [{"outcome": row.status.value, **action_record(row, today)} for row in items.closed]
    reviewed += [{"outcome": "reopened", **action_record(row, today)} for row in items.reopened]
    reviewed += [{"outcome": "snoozed", "snoozed_to": day.isoformat(), **action_record(row, today)}
                 for row, day in items.snoozed]
    reviewed += [{"outcome": "carried", **action_record(row, today)} for row in items.carried]
    reassigned = [{"owner_before": before, **action_record(row, today)} for row, before in items.reassigned]
    goals = []
    for row in log.goals.checkins_in(meeting.id):
        attainment = goal_attainment(row["actual"], row["target"])
        rag = goal_rag(attainment, row["amber_threshold"])
        goals.append({"goal": row["name"], "period": row["period"], "period_start": row["period_start"],
                      "target": row["target"], "actual": row["actual"],
                      "attainment": None if attainment is None else round(attainment, 4),
                      "status": rag.value if rag else None})
    scores = sorted(log.people.ratings(meeting.id).values())
    planned = sum(s.timebox_minutes * 60 for s in sections)
    spent = sum(s.seconds_spent for s in sections)
    return {
        "format": "smarkmeet-minutes",
        "version": MINUTES_FORMAT_VERSION,
        "meeting": {
            "id": meeting.id, "short_id": short_id(meeting.id), "kind": meeting.kind.value, "title": meeting.title,
            "scheduled_for": meeting.scheduled_for.isoformat(), "status": meeting.status.value,
            "facilitator": name(meeting.facilitator_id) if meeting.facilitator_id else None,
            "started_at": meeting.started_at.isoformat() if meeting.started_at else None,
            "ended_at": meeting.ended_at.isoformat() if meeting.ended_at else None,
            "summary": meeting.summary,
        },
        "timing": {"planned_seconds": planned, "spent_seconds": spent, "over_plan_seconds": spent - planned},
        "sections": [
            {"position": s.position, "kind": s.kind.value, "title": s.title, "planned_seconds": s.timebox_minutes * 60,
             "spent_seconds": s.seconds_spent, "overrun_seconds": s.overrun_seconds, "status": s.status.value}
            for s in sections
        ],
        "attendance": attendance,
        "not_checked_in": unmarked,
        "action_items_reviewed": reviewed,
        "action_items_reassigned": reassigned,
        "action_items_created": [action_record(row, today) for row in items.created],
        "goals": goals,
        "verdicts": [{"source": row["source"], "verdict": row["verdict"], "count": row["n"]}
                     for row in log.leads.verdict_counts_in(meeting.id)],
        "verdicts_changed": log.leads.verdicts_changed_in(meeting.id),
        "lead_verdicts": log.leads.verdicts_in(meeting.id),
        "leads_without_verdict": None if (waiting := left_waiting(log, meeting)) is None else {
            "count": waiting.count, "past_sla": waiting.past_sla, "delivered_since": waiting.since.isoformat(),
            "sla_hours": waiting.sla_hours},
        "verdicts_between_meetings": None if (between := given_between(log, meeting)) is None else {
            "since": between.since.isoformat() if between.since else None, "count": between.count,
            "by_verdict": between.counts},
        "criticism_notes": [
            {"id": note.id, "from_side": note.from_side.value, "to_side": note.to_side.value,
             "observation": note.observation, "impact": note.impact, "request": note.request,
             "constructive": note.constructive, "status": note.status.value,
             "resolved_here": note.resolved_in_meeting_id == meeting.id, "action_item_id": note.action_item_id}
            for note in log.notes.in_meeting(meeting.id)
        ],
        "criticism_followups": [{"observation": row["observation"], "comment": row["comment"]}
                                for row in log.notes.followups_in(meeting.id)],
        "criticism_acted_on": [{"id": row["id"], "observation": row["observation"], "action_item_id": row["item_id"]}
                               for row in log.notes.acted_on_in(meeting.id)],
        "criticism_resolved": [{"id": note.id, "observation": note.observation}
                               for note in log.notes.resolved_in(meeting.id) if note.meeting_id != meeting.id],
        "rating": {"average": round(sum(scores) / len(scores), 2), "count": len(scores), "scores": scores}
        if scores else None,
    }


def render_minutes_json(log: Log, meeting: Meeting) -> str:
    return json.dumps(minutes_record(log, meeting), indent=2, ensure_ascii=False) + "\n"


# -- writing the file ---------------------------------------------------------------


def check_target(target: Path, *, force: bool, protect: Path | None = None) -> None:
    """Refuse a target that exists (without ``force``), is a directory, or is the log itself."""
    if protect is not None and target.exists() and protect.exists() and target.samefile(protect):
        raise ExportError(f"{target} is the log itself; choose another file")
    if target.is_dir():
        raise ExportError(f"{target} is a directory; give a file name")
    if target.exists() and not force:
        raise ExportError(f"{target} already exists; add --force to replace it")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: the directory {target.parent} does not exist")


@contextmanager
def temporary_sibling(target: Path) -> Iterator[Path]:
    """A new, empty, private (0600) file in ``target``'s directory, removed unless it was published
    (with the journal SQLite may have made beside it, writing a backup there)."""
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
    finally:
        for leftover in (temp, *(temp.with_name(temp.name + suffix) for suffix in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def publish(temp: Path, target: Path, *, force: bool) -> None:
    """Move the finished ``temp`` to ``target`` in one step; never replaces a file unless ``force``."""
    try:
        if force:
            os.replace(temp, target)
            return
        try:
            os.link(temp, target)  # fails if target exists, even one created since we checked
        except FileExistsError:
            raise ExportError(f"{target} already exists; add --force to replace it") from None
        except OSError:  # no hard links here (some network or FAT drives): check, then rename
            if target.exists():
                raise ExportError(f"{target} already exists; add --force to replace it") from None
            os.replace(temp, target)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None


@contextmanager
def export_file(target: Path, *, force: bool, bom: bool = False, protect: Path | None = None) -> Iterator[TextIO]:
    """A text stream whose contents land at ``target`` (atomically) when the block ends without error."""
    check_target(target, force=force, protect=protect)
    with temporary_sibling(target) as temp:
        try:
            with temp.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
        publish(temp, target, force=force)


def free_name(directory: Path, name: str) -> Path:
    """``directory/name``, or ``name-2``, ``name-3``… (before the suffix), whichever does not exist yet."""
    stem, suffix = Path(name).stem, Path(name).suffix
    target, number = directory / name, 2
    while os.path.lexists(target):
        target = directory / f"{stem}-{number}{suffix}"
        number += 1
    return target


def export_new_file(directory: Path, name: str, write: Callable[[TextIO], T], *, bom: bool = False) -> tuple[Path, T]:
    """Write a new file named ``name`` in ``directory`` (created if need be), or ``name-2``, ``name-3``…
    (before the suffix): never over an existing file, even one another program creates meanwhile.

    Returns the path written and what ``write`` returned. Used by the TUI, which always
    exports into the same directory and shows the path.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the folder {directory}: {error.strerror or error}") from None
    stem, suffix = Path(name).stem, Path(name).suffix
    for number in range(1, 1000):
        target = directory / (name if number == 1 else f"{stem}-{number}{suffix}")
        if os.path.lexists(target):
            continue
        try:
            with export_file(target, force=False, bom=bom) as stream:
                result = write(stream)
            return target, result
        except ExportError:
            if os.path.lexists(target):  # the name was taken meanwhile: take the next one
                continue
            raise
    raise ExportError(f"{directory} already holds 999 files named {stem}…{suffix}; move some away")
