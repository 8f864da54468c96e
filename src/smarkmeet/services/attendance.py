"""Check-in: who is in the room, by side, and guests."""

from __future__ import annotations

import re
from dataclasses import dataclass

from smarkmeet.clock import timestamp
from smarkmeet.domain.enums import Side
from smarkmeet.domain.models import Meeting, Person
from smarkmeet.store.log import Log


@dataclass(frozen=True)
class AttendeeRow:
    person: Person
    present: bool | None  # None: not checked in yet


def attendance_rows(log: Log, meeting: Meeting) -> list[AttendeeRow]:
    """The team plus anyone else checked in to this meeting (a guest; someone who has left the
    team since), sales first then marketing then guests."""
    marks = log.people.attendance(meeting.id)
    people = [p for p in log.people.all(include_inactive=True) if p.id in marks or (p.active and not p.guest)]
    order = {Side.SALES: 0, Side.MARKETING: 1, Side.OTHER: 2}
    people.sort(key=lambda p: (p.guest, order[p.side], p.name.lower()))
    return [AttendeeRow(person, marks.get(person.id)) for person in people]


def not_checked_in(log: Log, meeting: Meeting) -> list[Person]:
    """Team members with no mark in this meeting, among those already in the team when it
    ended (by the ``changes`` entry that added them): someone who joined later was not missed."""
    marks = log.people.attendance(meeting.id)
    until = timestamp(meeting.ended_at) if meeting.ended_at else None
    joined_later = set() if until is None else {  # compared as instants: the two may carry other UTC offsets
        row["row_id"] for row in log.rows(
            "SELECT row_id FROM changes WHERE table_name = 'people' AND action = 'insert' "
            "AND julianday(at) > julianday(?)", [until])
    }
    return [p for p in log.people.team() if p.id not in marks and p.id not in joined_later]


def set_present(log: Log, meeting: Meeting, person_id: str, present: bool) -> None:
    log.people.set_attendance(meeting.id, person_id, present)


def present_people(log: Log, meeting: Meeting) -> list[Person]:
    return [row.person for row in attendance_rows(log, meeting) if row.present]


def free_handle(log: Log, name: str) -> str:
    """A handle for a new person: their first name, lowercased, made unique."""
    base = re.sub(r"[^a-z0-9._-]", "", name.strip().split()[0].lower()) if name.strip() else ""
    base = base or "guest"
    handle, n = base[:28], 2
    while log.people.by_handle(handle) is not None:
        handle, n = f"{base[:28]}{n}", n + 1
    return handle


def add_guest(log: Log, meeting: Meeting, name: str, side: Side = Side.OTHER, role: str = "guest") -> Person:
    """Add someone from outside the two teams and check them in as present."""
    with log.transaction():
        person = log.people.add(Person(name=name, handle=free_handle(log, name), side=side, role=role, guest=True))
        log.people.set_attendance(meeting.id, person.id, True)
    return person


def check_in_guest(log: Log, meeting: Meeting, name: str) -> tuple[Person, bool]:
    """Check in someone named at the guest prompt: the person of that name already in the log
    (a team member typed there by mistake, a guest come back) when there is exactly one, else a
    new guest. Returns the person and whether they were added."""
    wanted = " ".join(name.split()).casefold()
    same = [p for p in log.people.all() if " ".join(p.name.split()).casefold() == wanted]
    if len(same) == 1:
        log.people.set_attendance(meeting.id, same[0].id, True)
        return same[0], False
    return add_guest(log, meeting, name), True


def add_team_member(log: Log, name: str, side: Side, handle: str | None = None, *, guest: bool = False) -> Person:
    """Add a new member of one of the two teams (e.g. an owner typed in a quick-add line), or with
    ``guest`` someone from outside them: not listed at check-in unless checked in as a guest."""
    return log.people.add(Person(name=name, handle=handle or free_handle(log, name), side=side,
                                 role="guest" if guest else "", guest=guest))
