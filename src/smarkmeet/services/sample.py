"""Load the demo team from ``sample_data/`` into a log, with dates relative to today."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from smarkmeet.clock import FixedClock
from smarkmeet.domain.enums import ActionStatus, FeedbackVia, MeetingStatus, SectionStatus
from smarkmeet.domain.models import (
    ActionCarry,
    ActionItem,
    AgendaSection,
    Attendance,
    CriticismFollowup,
    CriticismNote,
    Goal,
    GoalCheckin,
    Lead,
    LeadFeedback,
    Meeting,
    Person,
    Rating,
)
from smarkmeet.domain.periods import reviewed_start
from smarkmeet.services.measures import measured
from smarkmeet.store.log import Log


class SampleError(Exception):
    """The sample files are missing or malformed."""


def sample_dir() -> Path:
    """The packaged sample (in a wheel), else the repository's ``sample_data/``."""
    packaged = Path(__file__).resolve().parent.parent / "sample_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "sample_data"


class _Loader:
    def __init__(self, log: Log, directory: Path) -> None:
        self.log = log
        self.dir = directory
        self.today: date = log.clock.today()
        self.now = log.clock.now()
        self.tz = self.now.tzinfo
        self.people: dict[str, str] = {}
        self.meetings_by_day: dict[int, str] = {}
        self.sections: dict[tuple[str, str], str] = {}
        # when each weekly meeting's lead review ran (days ago → start, end), and the verdicts
        # given in it so far: a meeting's verdicts are stamped while it was on, one after another
        self.lead_reviews: dict[int, tuple[datetime, datetime]] = {}
        self.verdicts_given: dict[int, int] = {}
        self.ended: dict[str, datetime] = {}  # meeting id → when it ended
        self.held_days_ago: dict[str, int] = {}  # every meeting (weekly and monthly) → its day, as days ago
        self.note_times: dict[str, datetime] = {}  # note id → when it was raised
        self.absent: dict[str, set[str]] = {}  # meeting id → the people marked absent from it
        self.action_events: list[tuple[datetime, str | None, Callable[[], object]]] = []  # see load_action

    def during(self, meeting_id: str | None, moment: datetime) -> datetime:
        """``moment``, or a minute before the meeting ended if it would fall after: what the
        meeting wrote is dated inside it (items were stamped 09:55 by meetings ended at 09:41)."""
        ended = self.ended.get(meeting_id or "")
        return min(moment, ended - timedelta(minutes=1)) if ended else moment

    @contextmanager
    def written_at(self, moment: datetime, meeting_id: str | None = None) -> Iterator[None]:
        """The log's entries for what is written here (``changes``) dated ``moment`` and tied to
        ``meeting_id``, as if written then: an item's "Every change" says it was created in the
        meeting it came from weeks ago, not at the moment the demo was loaded."""
        clock, meeting = self.log.clock, self.log.active_meeting_id
        self.log.clock, self.log.active_meeting_id = FixedClock(min(moment, self.now)), meeting_id
        try:
            yield
        finally:
            self.log.clock, self.log.active_meeting_id = clock, meeting

    def at(self, days_ago: int, hour: int = 9, minute: int = 0) -> datetime:
        return datetime.combine(self.day(days_ago), time(hour, minute), self.tz)

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def json(self, name: str) -> Any:
        try:
            return json.loads((self.dir / name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SampleError(f"cannot read sample file {self.dir / name}: {error}") from None

    def csv(self, name: str) -> list[dict[str, str]]:
        try:
            with (self.dir / name).open(newline="", encoding="utf-8") as handle:
                return list(csv.DictReader(handle))
        except OSError as error:
            raise SampleError(f"cannot read sample file {self.dir / name}: {error}") from None

    def load(self) -> None:
        settings = self.json("settings.json")
        with self.log.transaction():
            for key, value in settings.items():
                self.log.set_setting(key, value)
            with self.written_at(self.at(7 * 13, 8)):  # the team was formed before its first meeting:
                # stamped at loading, every past meeting counted it as "joined later" (4/4 present)
                for row in self.json("team.json"):
                    person = self.log.people.add(Person.model_validate(row))
                    self.people[person.handle] = person.id
            for order, entry in enumerate(self.json("glossary.json")):  # agreed when the goals were set
                with self.written_at(self.at(7 * 13, 10, order)):
                    self.log.glossary.define(entry["term"], entry["definition"], changed_by=self.people.get("dana"))
            for row in self.json("meetings.json"):
                self.load_meeting(row)
            goals = [self.load_goal(row, order) for order, row in enumerate(self.json("goals.json"))]
            self.load_leads()
            for goal, row in zip(goals, self.json("goals.json")):  # (a goal the log measures: from the leads)
                self.load_checkins(goal, row["actuals"])
            # notes before the items' story, so that every write a meeting made comes before the
            # items' later events (a meeting's minutes fold the items' changes up to its last
            # write); a note's action item is linked once the items are in
            notes = self.json("criticism_notes.json")
            for row in notes:
                self.load_note(row)
            for row in self.json("action_items.json"):
                self.load_action(row)
            self.write_action_events()
            for row in notes:
                if row["action"]:  # (dated with the note, in no meeting: no meeting's last write)
                    with self.written_at(self.note_times[row["id"]]):
                        self.log.notes.update(row["id"], {"action_item_id": row["action"]})

    def meeting_on(self, days_ago: int) -> str | None:
        return self.meetings_by_day.get(days_ago)

    def next_meeting_after(self, days_ago: int) -> str | None:
        candidates = [d for d in self.meetings_by_day if d <= days_ago and d > 0]
        return self.meetings_by_day[max(candidates)] if candidates else None

    def load_meeting(self, row: dict) -> None:
        status = MeetingStatus(row.get("status", "ended"))
        started = self.at(row["days_ago"], 9 if row["kind"] == "weekly" else 14)
        spent = sum(section["seconds_spent"] for section in row["sections"])
        meeting = Meeting(
            id=row["id"], kind=row["kind"], title=row["title"], scheduled_for=self.day(row["days_ago"]),
            status=status, facilitator_id=self.people[row["facilitator"]], template=row["kind"],
            started_at=started if status is MeetingStatus.ENDED else None,
            ended_at=started + timedelta(seconds=spent) if status is MeetingStatus.ENDED else None,
            summary=row["summary"],
        )
        sections = []
        section_start = started
        for position, section in enumerate(row["sections"]):
            if section["kind"] == "lead_feedback" and row["kind"] == "weekly" and status is MeetingStatus.ENDED:
                self.lead_reviews[row["days_ago"]] = (section_start,
                                                      section_start + timedelta(seconds=section["seconds_spent"]))
            section_start += timedelta(seconds=section["seconds_spent"])
            timebox = section["minutes"]
            sections.append(AgendaSection(
                meeting_id=meeting.id, position=position, kind=section["kind"], title=section["title"],
                timebox_minutes=timebox, seconds_spent=section["seconds_spent"],
                overrun_seconds=max(0, section["seconds_spent"] - timebox * 60),
                status=SectionStatus.DONE if status is MeetingStatus.ENDED else SectionStatus.PENDING,
            ))
            self.sections[(meeting.id, section["kind"])] = sections[-1].id
        with self.written_at(started, meeting.id if status is MeetingStatus.ENDED else None):
            self.log.meetings.create(meeting, sections)
        if meeting.ended_at:
            self.ended[meeting.id] = meeting.ended_at
        self.held_days_ago[meeting.id] = row["days_ago"]
        self.absent[meeting.id] = {self.people[handle] for handle in row["absent"]}
        if row["kind"] == "weekly":
            self.meetings_by_day[row["days_ago"]] = meeting.id
        if status is not MeetingStatus.ENDED:
            return
        invited = list(self.people) if row["kind"] == "weekly" else [*row["ratings"], *row["absent"]]
        with self.written_at(started, meeting.id):
            for handle in invited:
                self.log.insert("attendance", Attendance(
                    meeting_id=meeting.id, person_id=self.people[handle], present=handle not in row["absent"]))
        with self.written_at(meeting.ended_at, meeting.id):
            for handle, score in row["ratings"].items():
                self.log.insert("ratings", Rating(
                    meeting_id=meeting.id, person_id=self.people[handle], score=score, given_at=meeting.ended_at))

    def load_goal(self, row: dict, order: int) -> Goal:
        created = self.at(7 * 13) + timedelta(minutes=order)  # keeps the file's order on screen
        with self.written_at(created):
            return self.log.goals.add(Goal.model_validate({**row, "created_at": created}))

    def load_checkins(self, goal: Goal, actuals: list[float]) -> None:
        """The goal's actuals as each weekly meeting entered them, for the week before it. Where
        the log measures the goal (``services.measures``) and its leads cover that week, the
        figure entered is the log's own, as the goal review offered it; else the file's."""
        from smarkmeet.store.reports import ReportStore

        first_lead = ReportStore(self.log).first_lead_day()
        weeks = len(actuals)
        for index, actual in enumerate(actuals):
            weeks_ago = weeks - index
            recorded, meeting_id = self.at(7 * weeks_ago, 9, 20), self.meeting_on(7 * weeks_ago)
            start = reviewed_start(goal.period, self.day(7 * weeks_ago))
            with self.written_at(recorded, meeting_id):  # measured then: a lead still inside its SLA window waits
                if first_lead is None or start < datetime.fromisoformat(first_lead).date():
                    pass  # before the demo's leads: the week's figure as the team typed it
                elif (logged := measured(self.log, goal, start)) is not None and logged.value is not None:
                    actual = logged.value
                self.log.insert("goal_checkins", GoalCheckin(
                    goal_id=goal.id, period_start=start, actual=actual, target=goal.target,
                    meeting_id=meeting_id, recorded_at=recorded,
                ))

    def load_leads(self) -> None:
        leads: dict[str, str] = {}
        delivered: dict[str, datetime] = {}
        for row in self.csv("leads.csv"):
            # today's leads arrive during the morning; none may be later than the moment of loading
            created = min(self.at(int(row["days_ago"]), int(row["hour"])), self.now)
            with self.written_at(created):
                lead = self.log.leads.add(Lead(
                    crm_id=row["crm_id"], name=row["name"], company=row["company"], email=row["email"],
                    source=row["source"], created_at=created, owner=row["owner"], stage=row["stage"],
                ))
            leads[lead.crm_id] = lead.id
            delivered[lead.crm_id] = lead.created_at
        for row in self.csv("lead_feedback.csv"):
            days_ago = int(row["days_ago"])
            meeting_id, given_at = self.verdict_time(days_ago, delivered[row["crm_id"]])
            given_at = min(given_at, self.now)
            given_by = self.people[row["given_by"]]
            if meeting_id and given_by in self.absent.get(meeting_id, ()):  # as the lead review credits it:
                given_by = None  # not to someone marked absent (someone else in the room said it)
            with self.written_at(given_at, meeting_id):
                self.log.leads.give_feedback(LeadFeedback(
                    lead_id=leads[row["crm_id"]], verdict=row["verdict"], reason=row["reason"],
                    comment=row["comment"], given_by=given_by, given_at=given_at,
                    meeting_id=meeting_id, via=FeedbackVia.MEETING if meeting_id else FeedbackVia.IMPORT,
                ))

    def verdict_time(self, days_ago: int, delivered: datetime) -> tuple[str | None, datetime]:
        """Where and when a verdict of that day was given: in that day's meeting, while its lead
        review ran (a verdict a minute, in the order given), for a lead delivered before it; else
        outside any meeting (the team's CRM, brought in by its export), later that day and at
        least half an hour after the lead arrived."""
        review = self.lead_reviews.get(days_ago)
        if review is not None and delivered < review[0]:
            start, end = review
            given = self.verdicts_given[days_ago] = self.verdicts_given.get(days_ago, 0) + 1
            return self.meeting_on(days_ago), min(start + timedelta(minutes=given), end)
        return None, max(self.at(days_ago, 11), delivered + timedelta(minutes=30))

    def load_action(self, row: dict) -> None:
        """The item's story as it happened — created with its first due date, carried to each
        next one, then done or dropped — queued as dated events (see write_action_events): its
        "Every change" and each meeting's minutes and record show it as that meeting left it."""
        origin = self.meetings_by_day[7 * row["origin_weeks_ago"]]
        due = self.day(row["due_days_ago"])
        carried = row["carried_weeks_ago"]
        status = ActionStatus(row["status"])
        done_at = self.at(row["done_days_ago"], 16) if row["done_days_ago"] is not None else None
        owner = self.people[row["owner"]]
        closed_in = self.next_meeting_after(row["done_days_ago"]) if done_at else None
        if status is ActionStatus.DROPPED:
            closed_in = self.next_meeting_after(row["due_days_ago"])
        if done_at and closed_in and self.meetings_by_day.get(row["done_days_ago"]) == closed_in:
            # marked done in that day's meeting: while it ran, not at 16:00 after it had ended
            done_at = self.during(closed_in, self.at(row["done_days_ago"], 9, 30))
        # Each carry as the app makes them: one in a meeting held after the due date is the one
        # made as it ends (the date stays); one before it moved the date on, to a day to come.
        # None in or after the meeting that closed it (an item done there is not carried there).
        if closed_in is not None:
            carried = [weeks for weeks in carried if 7 * weeks > self.days_ago_of(closed_in)]
        carries, new_due = [], due
        for weeks_ago in sorted(carried):  # latest carry first, walking the due date back
            meeting_id, held = self.meetings_by_day[7 * weeks_ago], self.day(7 * weeks_ago)
            previous = new_due if held >= new_due else min(new_due - timedelta(days=7), held)
            # a carry that keeps the date is the one made as the meeting ends (c refuses a day gone by)
            at = self.ended[meeting_id] - timedelta(minutes=1) if previous == new_due else \
                self.during(meeting_id, self.at(7 * weeks_ago, 9, 15))
            carries.append(ActionCarry(action_item_id=row["id"], meeting_id=meeting_id, previous_due=previous,
                                       new_due=new_due, carried_at=at))
            new_due = previous
        item = ActionItem(
            id=row["id"], title=row["title"], owner_id=owner, side=self.log.people.get(owner).side,
            due_date=new_due, origin_meeting_id=origin, origin_section_id=self.sections[(origin, row["origin_section"])],
            created_at=self.during(origin, self.at(7 * row["origin_weeks_ago"], 9, 55)),
        )
        self.action_events.append((item.created_at, origin, lambda: self.log.actions.add(item)))
        carries = self.with_carries_at_meeting_ends(row, list(reversed(carries)), new_due, closed_in)
        for count, carry in enumerate(carries, start=1):  # oldest first, as they happened
            def carried_then(carry=carry, count=count) -> None:
                self.log.insert("action_carries", carry)
                self.log.actions.update(item.id, {"due_date": carry.new_due, "carry_count": count})
            self.action_events.append((carry.carried_at, carry.meeting_id, carried_then))
        if status is not ActionStatus.OPEN:  # closed in the review of the meeting that heard of it
            closed_at = (self.during(closed_in, self.at(self.days_ago_of(closed_in), 9, 30)) if closed_in
                         else done_at or self.now)
            fields = {"status": status, "done_at": done_at, "closed_in_meeting_id": closed_in}
            self.action_events.append((closed_at, closed_in, lambda: self.log.actions.update(item.id, fields)))

    def with_carries_at_meeting_ends(self, row: dict, moves: list[ActionCarry], due: date,
                                     closed_in: str | None) -> list[ActionCarry]:
        """``moves`` (oldest first) and the carries the app makes as a meeting ends: each meeting
        after the one that made the item, before the one that closed it, carries it when it was
        due by that meeting's day and no carry there moved it (the date stays)."""
        made = 7 * row["origin_weeks_ago"]
        last = self.days_ago_of(closed_in) if closed_in else 0
        moved = {carry.meeting_id: carry for carry in moves}
        carries = []
        held = [(days, meeting_id) for meeting_id, days in self.held_days_ago.items()
                if last < days < made and meeting_id in self.ended]  # monthly meetings carry too, as they end
        for days_ago, meeting_id in sorted(held, reverse=True):  # oldest first
            if meeting_id in moved:
                carries.append(moved[meeting_id])
                due = moved[meeting_id].new_due
            elif due <= self.day(days_ago):
                carries.append(ActionCarry(action_item_id=row["id"], meeting_id=meeting_id, previous_due=due,
                                           new_due=due, carried_at=self.ended[meeting_id] - timedelta(minutes=1)))
        return carries

    def write_action_events(self) -> None:
        """Every item's events in the order they happened (the log's ``changes`` are read in
        that order: an item is shown as a meeting left it by folding its changes up to the
        meeting's last one)."""
        for moment, meeting_id, write in sorted(self.action_events, key=lambda event: event[0]):
            with self.written_at(moment, meeting_id):
                write()

    def days_ago_of(self, meeting_id: str) -> int:
        return next(days for days, held in self.meetings_by_day.items() if held == meeting_id)

    def load_note(self, row: dict) -> None:
        meeting = self.meetings_by_day[7 * row["weeks_ago"]]
        resolved = row["resolved_weeks_ago"]
        note = CriticismNote(
            id=row["id"], meeting_id=meeting, from_side=row["from_side"], to_side=row["to_side"],
            observation=row["observation"], impact=row["impact"], request=row["request"], status=row["status"],
            author_id=self.people[row["author"]], created_at=self.during(meeting, self.at(7 * row["weeks_ago"], 10, 30)),
            resolved_at=self.at(7 * resolved, 10, 45) if resolved else None,
            resolved_in_meeting_id=self.meetings_by_day[7 * resolved] if resolved else None,
        )
        with self.written_at(note.created_at, meeting):
            self.log.notes.add(note)
        self.note_times[note.id] = note.created_at
        for followup in row["followups"]:
            meeting_id = self.meetings_by_day[7 * followup["weeks_ago"]]
            created = self.during(meeting_id, self.at(7 * followup["weeks_ago"], 10, 40))
            with self.written_at(created, meeting_id):
                self.log.notes.add_followup(CriticismFollowup(
                    note_id=note.id, meeting_id=meeting_id, comment=followup["comment"], created_at=created,
                ))


def load_sample(log: Log, directory: Path | None = None) -> None:
    """Load the demo team into ``log`` in one transaction. The log should be empty."""
    _Loader(log, directory or sample_dir()).load()
