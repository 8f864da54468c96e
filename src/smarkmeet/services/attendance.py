"""Check-in: who is in the room, by side, and guests."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from smarkmeet.clock import timestamp
from smarkmeet.domain.enums import MeetingKind, Side
from smarkmeet.domain.models import Meeting, Person
from smarkmeet.store.log import Log
from smarkmeet.store.people import folded, same_name


@dataclass(frozen=True)
class AttendeeRow:
    person: Person
    present: bool | None  # None: not checked in yet
    # None only: on the team when the meeting started, so missed if never marked (someone added
    # or brought back during the meeting can be checked in, but was not at its check-in)
    expected: bool = True


def attendance_rows(log: Log, meeting: Meeting) -> list[AttendeeRow]:
    """The team plus anyone else checked in to this meeting (a guest; someone who has left the
    team since), sales first then marketing then guests."""
    marks = log.people.attendance(meeting.id)
    missed = {p.id for p in _unmarked_of_the_team(log, meeting)}  # (at a monthly meeting too: not "joined later")
    # the team as it is, and those of it when the meeting started (made a guest since: still missed)
    people = [p for p in log.people.all(include_inactive=True)
              if p.id in marks or p.id in missed or (p.active and not p.guest)]
    order = {Side.SALES: 0, Side.MARKETING: 1, Side.OTHER: 2}
    people.sort(key=lambda p: (p.guest, order[p.side], p.name.lower()))
    return [AttendeeRow(person, marks.get(person.id), person.id in marks or person.id in missed)
            for person in people]


def not_checked_in(log: Log, meeting: Meeting) -> list[Person]:
    """Team members with no mark in this meeting, of the team as it was when the meeting started
    (read from the ``changes`` entries): someone added later (an owner typed in a quick-add line,
    a new hire) or brought back later was not at its check-in, and someone who has left since
    was still missed — the minutes of a past meeting do not change. None in a monthly meeting:
    the managers' meeting is for those checked in, not the whole team (its five others read as
    "Not checked in", and "Present 4/9")."""
    if meeting.kind is MeetingKind.MONTHLY:
        return []
    return _unmarked_of_the_team(log, meeting)


def _unmarked_of_the_team(log: Log, meeting: Meeting) -> list[Person]:
    """The team as it was when the meeting started (see :func:`not_checked_in`), less those marked."""
    marks = log.people.attendance(meeting.id)
    since = meeting.started_at or meeting.ended_at
    if since is None:  # not started: the team as it is
        return [p for p in log.people.team() if p.id not in marks]
    at = timestamp(since)
    # compared as instants: the two may carry other UTC offsets
    joined_later = {row["row_id"] for row in log.rows(
        "SELECT row_id FROM changes WHERE table_name = 'people' AND action = 'insert' "
        "AND julianday(at) > julianday(?)", [at])}
    # on the team or not as of the last change of `active` made by then (none: as added, on it)
    on_team_then = {row["row_id"]: bool(row["active"]) for row in log.rows(
        "SELECT row_id, json_extract(data, '$.active') AS active, max(seq) FROM changes "
        "WHERE table_name = 'people' AND action = 'update' AND json_extract(data, '$.active') IS NOT NULL "
        "AND julianday(at) <= julianday(?) GROUP BY row_id", [at])}
    # a member then, not now: a guest who joined the team since was not one of it ("Not checked in")
    team = [p for p in _as_of(log, log.people.all(include_inactive=True), since) if not p.guest]
    return [p for p in team if p.id not in marks and p.id not in joined_later and on_team_then.get(p.id, True)]


def as_they_were(log: Log, meeting: Meeting, people: list[Person]) -> list[Person]:
    """``people`` as they stood when ``meeting`` ended: on the side, and a guest or not, of the last
    ``changes`` entry for each made by then. Someone who moves to the other side later, or a guest
    who later joins the team, stays in a past meeting's minutes as they came to it. A meeting not
    yet ended reads the team as it is."""
    if meeting.ended_at is None:
        return people
    return _as_of(log, people, meeting.ended_at)


def people_of_meeting(log: Log, meeting: Meeting) -> tuple[dict[str, Person], dict[str, bool]]:
    """Everyone in the log by id, those whose attendance was taken as they stood when the meeting
    ended (see :func:`as_they_were`), and that attendance: what both forms of its minutes read."""
    people = {p.id: p for p in log.people.all(include_inactive=True)}
    marks = log.people.attendance(meeting.id)
    people.update((p.id, p) for p in as_they_were(log, meeting, [people[pid] for pid in marks if pid in people]))
    return people, marks


def _as_of(log: Log, people: list[Person], moment: datetime) -> list[Person]:
    """``people`` on the side, and a guest or not, of the last ``changes`` entry for each made
    by ``moment`` (as they are where there is none)."""
    if not people:
        return people
    ids, at = json.dumps([person.id for person in people]), timestamp(moment)
    then: dict[str, dict] = {}
    for field in ("side", "guest"):
        for row in log.rows(  # through changes_by_row: a few entries for each person
            f"SELECT row_id, json_extract(data, '$.{field}') AS value, max(seq) FROM changes "
            "WHERE table_name = 'people' AND row_id IN (SELECT value FROM json_each(?)) "
            f"AND json_extract(data, '$.{field}') IS NOT NULL AND julianday(at) <= julianday(?) GROUP BY row_id",
                [ids, at]):
            then.setdefault(row["row_id"], {})[field] = Side(row["value"]) if field == "side" else bool(row["value"])
    return [person.model_copy(update=then[person.id]) if person.id in then else person for person in people]


def set_present(log: Log, meeting: Meeting, person_id: str, present: bool) -> None:
    log.people.set_attendance(meeting.id, person_id, present)


def present_people(log: Log, meeting: Meeting) -> list[Person]:
    return [row.person for row in attendance_rows(log, meeting) if row.present]


def free_handle(log: Log, name: str, *, guest: bool = True) -> str:
    """A handle for a new person: their first name in plain letters (Élodie → elodie; the first
    word that has some), made unique; a name with no such letters (李小龙) gets ``guest`` or,
    for a member, ``person``."""
    base = ""
    for word in name.split():  # the first word with plain letters: "🦄 Unicorn" is unicorn
        plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
        base = re.sub(r"[^a-z0-9._-]", "", plain).lstrip("._-")  # a handle starts with a letter or digit
        if base:
            break
    base = base or ("guest" if guest else "person")
    handle, n = base[:28], 2
    while log.people.by_handle(handle) is not None:
        handle, n = f"{base[:28]}{n}", n + 1
    return handle


def add_guest(log: Log, meeting: Meeting, name: str, side: Side = Side.OTHER, role: str = "guest") -> Person:
    """Add someone from outside the two teams and check them in as present."""
    from smarkmeet.services.team import check_name_length  # (team imports this module)

    check_name_length(name)
    with log.transaction():
        person = log.people.add(Person(name=name, handle=free_handle(log, name), side=side, role=role, guest=True))
        log.people.set_attendance(meeting.id, person.id, True)
    return person


def is_whole_name(person: Person, typed: str) -> bool:
    """Whether ``typed`` is the person's whole name (any case, spacing or accents)."""
    return folded(person.name) == folded(typed)


def check_in_guest(log: Log, meeting: Meeting, name: str) -> tuple[Person, bool]:
    """Check in someone named at the guest prompt: the person already in the log it names (a
    team member typed there by mistake, a guest come back), else a new guest. Returns the
    person and whether they were added.

    Named by their whole name when exactly one has it, or by one word: a handle (``farah``,
    ``@farah``), or the start of the first name or handle of exactly one person on the team
    ("farah" for Farah Khan) — a first name typed at the prompt had added a second Farah, and
    the minutes called the one on the team absent. Two words or more that are no one's whole
    name are a guest's ("Ana Li" beside Ana Lima)."""
    known = same_name(log.people.all(include_inactive=True), name)  # someone who left may visit: not duplicated
    if len(known) != 1 and len(name.split()) == 1:  # one word: a handle, or the start of a first name
        handle = log.people.by_handle(name)
        typed = folded(name.lstrip("@"))
        # (one Latin letter is the start of no one in particular: "m" checked in Mei Chen)
        known = [handle] if handle is not None else [] if len(typed) < 2 and typed.isascii() else [
            person for person in log.people.team()  # (on the team now: active, no guests)
            if person.handle.startswith(typed) or folded(person.name.split()[0]).startswith(typed)]
    if len(known) == 1:
        log.people.set_attendance(meeting.id, known[0].id, True)
        return known[0], False
    return add_guest(log, meeting, name), True


def add_team_member(log: Log, name: str, side: Side, handle: str | None = None, *, guest: bool = False) -> Person:
    """Add a new member of one of the two teams (e.g. an owner typed in a quick-add line), or with
    ``guest`` someone from outside them: not listed at check-in unless checked in as a guest.
    A name someone in the log already has is refused (a TeamError in words), as on the team screen."""
    from smarkmeet.services.team import add_member

    return add_member(log, name=name, side=side, handle=handle, role="guest" if guest else "", guest=guest)
