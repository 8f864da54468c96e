"""Running a meeting: planning it from a template, its clock, moving through the agenda, ending it.

The section clock survives a crash: each section keeps ``seconds_spent`` (time already
folded in) and ``running_since`` (when its clock last started). The runner folds the
running time in at every checkpoint — every entry made, every section change, and a
periodic tick — so after ``kill -9`` at most the last few seconds are lost, and the time
between the crash and the restart is never counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from types import EllipsisType

from smarkmeet.domain.agenda import MeetingTemplate
from smarkmeet.domain.enums import MeetingKind, MeetingStatus, SectionStatus
from smarkmeet.domain.models import AgendaSection, Meeting, Person
from smarkmeet.store.log import Log

CHECKPOINT_SECONDS = 15
AMBER_SHARE = 0.2  # the countdown turns amber in the last fifth of a timebox (and the last minute)


class MeetingError(Exception):
    """Something the facilitator asked for that cannot be done now; the message says why."""


@dataclass(frozen=True)
class SectionClock:
    """How a section stands against its timebox at one moment."""

    section: AgendaSection
    elapsed: int  # seconds

    @property
    def timebox(self) -> int:
        return self.section.timebox_minutes * 60

    @property
    def remaining(self) -> int:
        return self.timebox - self.elapsed

    @property
    def overrun(self) -> int:
        return max(0, -self.remaining)

    @property
    def state(self) -> str:
        """``ok``, ``amber`` (near the end) or ``red`` (over)."""
        if self.remaining < 0:
            return "red"
        if self.remaining <= max(60, self.timebox * AMBER_SHARE):
            return "amber"
        return "ok"


def default_facilitator(log: Log, kind: MeetingKind, day: date | None = None) -> Person | None:
    """Who facilitates a meeting of ``kind`` unless someone else is named: the one the meeting
    planned for ``day`` already has, else the last one's facilitator, if still on the team."""
    planned = log.meetings.next_planned()
    if day is not None and planned is not None and planned.kind is kind and planned.scheduled_for == day:
        chosen = planned.facilitator_id
    else:
        last = log.meetings.last_ended(kind=kind.value)
        chosen = last.facilitator_id if last else None
    try:
        person = log.people.get(chosen) if chosen else None
    except LookupError:  # (a log edited by hand)
        return None
    return person if person is not None and person.active else None


def plan_meeting(
    log: Log, template: MeetingTemplate, day: date, *, title: str | None = None,
    facilitator_id: str | None | EllipsisType = ...,
) -> Meeting:
    """Write a planned meeting with its agenda from ``template``. Unless a facilitator is named
    (None: no one), the one of the last meeting of its kind facilitates again (the minutes name
    them, and the glossary records definitions agreed in the meeting as theirs) — unless they
    have left the team since."""
    if facilitator_id is ...:
        person = default_facilitator(log, template.kind)
        facilitator_id = person.id if person else None
    meeting = Meeting(
        kind=template.kind, title=title or template.title, scheduled_for=day, template=template.name,
        facilitator_id=facilitator_id,
    )
    sections = [
        AgendaSection(meeting_id=meeting.id, position=i, kind=s.kind, title=s.title, timebox_minutes=s.minutes)
        for i, s in enumerate(template.sections)
    ]
    return log.meetings.create(meeting, sections)


class MeetingRunner:
    """The live meeting. Every method writes to the log before it returns."""

    def __init__(self, log: Log, meeting_id: str) -> None:
        self.log = log
        self.meeting_id = meeting_id
        self.meeting = log.meetings.get(meeting_id)
        self.sections = log.meetings.sections(meeting_id)
        if not self.sections:
            raise MeetingError("this meeting has no agenda sections")

    # -- reading --------------------------------------------------------------

    def reload(self) -> None:
        self.meeting = self.log.meetings.get(self.meeting_id)
        self.sections = self.log.meetings.sections(self.meeting_id)

    @property
    def now(self) -> datetime:
        return self.log.clock.now()

    @property
    def current(self) -> AgendaSection:
        for section in self.sections:
            if section.id == self.meeting.current_section_id:
                return section
        return self.sections[0]

    @property
    def position(self) -> int:
        return self.sections.index(self.current)

    def elapsed(self, section: AgendaSection) -> int:
        running = 0
        if section.running_since is not None:
            running = max(0, int((self.now - section.running_since).total_seconds()))
        return section.seconds_spent + running

    def clock(self, section: AgendaSection | None = None) -> SectionClock:
        section = section or self.current
        return SectionClock(section, self.elapsed(section))

    def total_elapsed(self) -> int:
        return sum(self.elapsed(section) for section in self.sections)

    @property
    def planned_seconds(self) -> int:
        return sum(section.timebox_minutes for section in self.sections) * 60

    @property
    def paused(self) -> bool:
        return self.meeting.paused

    # -- starting -------------------------------------------------------------

    def start(self) -> None:
        """Start a planned meeting (or pick up one in progress after a crash)."""
        if self.meeting.status is MeetingStatus.ENDED:
            raise MeetingError("this meeting has already ended")
        self.log.active_meeting_id = self.meeting_id
        try:
            if self.meeting.status is MeetingStatus.IN_PROGRESS:
                self._recover()
                return
            first = self.sections[0]
            with self.log.transaction():
                self.log.meetings.update(self.meeting_id, {
                    "status": MeetingStatus.IN_PROGRESS, "started_at": self.now, "current_section_id": first.id,
                    "paused": False,
                })
                self._set_section(first, {"status": SectionStatus.CURRENT, "running_since": self.now})
        except BaseException:
            self.log.active_meeting_id = None  # not running: later writes are not this meeting's
            raise
        self.reload()

    def _recover(self) -> None:
        """Resume after the app stopped: keep time folded in, count none of the downtime.

        The last write of the meeting (an entry, a checkpoint) is the last moment the
        app is known to have been running; running time up to it is kept.
        """
        section = self.current
        if section.running_since is not None:
            last_seen = self.log.last_write_at(self.meeting_id)
            kept = max(0, int((last_seen - section.running_since).total_seconds())) if last_seen else 0
            spent = section.seconds_spent + kept
            running_since = None if self.meeting.paused else self.now
            self._set_section(section, {
                "seconds_spent": spent, "overrun_seconds": max(0, spent - section.timebox_minutes * 60),
                "running_since": running_since,
            })
        elif not self.meeting.paused:
            self._set_section(section, {"running_since": self.now})
        self.reload()

    # -- the clock ------------------------------------------------------------

    def checkpoint(self) -> None:
        """Fold the running time of the current section into the log."""
        section = self.current
        if section.running_since is None:
            return
        spent = self.elapsed(section)
        self._set_section(section, {
            "seconds_spent": spent, "overrun_seconds": max(0, spent - section.timebox_minutes * 60),
            "running_since": self.now,
        })
        self.reload()

    def _stop_clock(self, section: AgendaSection, **extra: object) -> None:
        spent = self.elapsed(section)
        self._set_section(section, {
            "seconds_spent": spent, "overrun_seconds": max(0, spent - section.timebox_minutes * 60),
            "running_since": None, **extra,
        })

    def toggle_pause(self) -> bool:
        """Pause or resume the clock; returns True when now paused."""
        self._ensure_running()
        with self.log.transaction():
            if self.meeting.paused:
                self._set_section(self.current, {"running_since": self.now})
                self.log.meetings.update(self.meeting_id, {"paused": False})
            else:
                self._stop_clock(self.current)
                self.log.meetings.update(self.meeting_id, {"paused": True})
        self.reload()
        return self.meeting.paused

    # -- moving through the agenda --------------------------------------------

    def go_to(self, section_id: str) -> AgendaSection:
        """Make ``section_id`` the current section; the one left is marked done."""
        self._ensure_running()
        target = next((s for s in self.sections if s.id == section_id), None)
        if target is None:
            raise MeetingError("no such section in this meeting")
        leaving = self.current
        if target.id == leaving.id:
            return target
        with self.log.transaction():
            self._stop_clock(leaving, status=SectionStatus.DONE)
            fields: dict[str, object] = {"status": SectionStatus.CURRENT}
            if not self.meeting.paused:
                fields["running_since"] = self.now
            self._set_section(target, fields)
            self.log.meetings.update(self.meeting_id, {"current_section_id": target.id})
        self.reload()
        return self.current

    def next_section(self) -> AgendaSection:
        if self.position + 1 >= len(self.sections):
            raise MeetingError("this is the last section; end the meeting to write the minutes")
        return self.go_to(self.sections[self.position + 1].id)

    def previous_section(self) -> AgendaSection:
        if self.position == 0:
            raise MeetingError("this is the first section")
        return self.go_to(self.sections[self.position - 1].id)

    # -- ending ---------------------------------------------------------------

    def end(self, summary: str | None = None, *, then: Callable[[Meeting], object] | None = None) -> None:
        """Stop the clock, close the agenda and mark the meeting ended.

        ``then`` (writing the minutes) runs with the ended meeting inside the same transaction:
        a process killed before it is done leaves the meeting in progress, to be resumed and
        ended again, never ended without its minutes."""
        self._ensure_running()
        from smarkmeet.services.review import carry_untouched_items

        with self.log.transaction():
            self._stop_clock(self.current, status=SectionStatus.DONE)
            carry_untouched_items(self.log, self.meeting)
            fields: dict[str, object] = {"status": MeetingStatus.ENDED, "ended_at": self.now, "paused": False}
            if summary is not None:
                fields["summary"] = summary
            self.log.meetings.update(self.meeting_id, fields)
            if then is not None:
                then(self.log.meetings.get(self.meeting_id))
        self.log.active_meeting_id = None
        self.reload()

    # -- helpers --------------------------------------------------------------

    def _ensure_running(self) -> None:
        if self.meeting.status is not MeetingStatus.IN_PROGRESS:
            raise MeetingError(f"this meeting is {self.meeting.status.label}, not in progress")

    def _set_section(self, section: AgendaSection, fields: dict) -> None:
        self.log.meetings.update_section(section, fields)
