"""The team: adding people, putting right how they were written, and their leaving and coming back.

Bad input is a :class:`TeamError` in words. Nobody is ever deleted: their action items,
verdicts, notes, ratings and attendance name them. Someone who leaves stays in the log,
off the check-in list and never offered as the owner of a new item; the items they own
stay theirs until reassigned (leaving says how many).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from smarkmeet.domain.enums import ActionStatus, MeetingStatus, Side
from smarkmeet.domain.errors import RefusedInWords, describe
from smarkmeet.domain.models import Person, apply_edit
from smarkmeet.services.people import PersonLookupError
from smarkmeet.store.people import folded

if TYPE_CHECKING:
    from smarkmeet.store.log import Log

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
EDITABLE = ("name", "handle", "side", "role", "email", "guest")


class TeamError(RefusedInWords):
    """A change to the team that cannot be made; ``str(error)`` says why."""


@dataclass(frozen=True)
class Member:
    """One person as the team screen and ``smarkmeet team list`` show them."""

    person: Person
    open_items: int
    last_present: date | None = None  # the day of the last meeting they were checked in at


def members(log: Log, *, everyone: bool = False) -> list[Member]:
    """The team (sales, then marketing, then others; by name); with ``everyone`` also the
    people who left and the guests, after them."""
    counts = {row["owner_id"]: row["n"] for row in log.rows(
        "SELECT owner_id, count(*) AS n FROM action_items WHERE status = ? GROUP BY owner_id",
        [ActionStatus.OPEN.value])}
    present = {row["person_id"]: date.fromisoformat(row["day"]) for row in log.rows(
        "SELECT a.person_id, max(m.scheduled_for) AS day FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
        "WHERE a.present = 1 GROUP BY a.person_id")}
    order = {Side.SALES: 0, Side.MARKETING: 1, Side.OTHER: 2}
    people = [p for p in log.people.all(include_inactive=everyone) if everyone or not p.guest]
    people.sort(key=lambda p: (not p.active, p.guest, order[p.side], p.name.casefold(), p.handle))
    return [Member(person, counts.get(person.id, 0), present.get(person.id)) for person in people]


def find_member(log: Log, ref: str) -> Person:
    """The one person ``ref`` names (a handle, ``@handle``, a name or the start of one), whether
    on the team, gone or a guest."""
    from smarkmeet.services.people import one_person

    if not ref.strip():
        raise TeamError("say who: a handle (mei), a name (Mei Chen) or the start of one")
    try:
        return one_person(log, ref)
    except PersonLookupError as error:
        raise TeamError(str(error)) from None


def add_member(log: Log, *, name: str, side: Side | str, handle: str | None = None, role: str = "",
               email: str = "", guest: bool = False) -> Person:
    """Add someone to the team (with ``guest``, someone from outside it); the handle is made
    from the first name when not given."""
    from smarkmeet.services.attendance import free_handle

    typed_handle = (handle or "").strip()
    made_handle = free_handle(log, name, guest=guest) if name.strip() else "x"  # no name: its problem is said
    person = _validated({"name": name, "handle": typed_handle or made_handle, "side": side, "role": role,
                         "email": email, "guest": guest})
    check_name_free(log, person)
    if typed_handle:
        _check_handle_free(log, person)
    return log.people.add(person)


def edit_member(log: Log, person_id: str, changes: Mapping[str, Any]) -> tuple[Person, int]:
    """Change how someone is written (see ``EDITABLE``); only what really changed is written.
    A new side moves the open items they own to it (an item belongs to its owner's side).
    Returns the person as edited and how many open items moved side."""
    person = _get(log, person_id)
    edited, changed = apply_edit(person, changes, EDITABLE, _validated, TeamError)
    if "name" in changed or "guest" in changed:
        check_name_free(log, edited)
    if "handle" in changed:
        _check_handle_free(log, edited)
    moved = 0
    if not changed:
        return edited, moved
    with log.transaction():
        log.people.update(person.id, changed)
        if "side" in changed and edited.side in (Side.SALES, Side.MARKETING):
            for row in log.rows("SELECT id FROM action_items WHERE owner_id = ? AND status = ? AND side <> ?",
                                [person.id, ActionStatus.OPEN.value, edited.side.value]):
                log.actions.update(row["id"], {"side": edited.side}, meeting_id=log.active_meeting_id)
                moved += 1
    return edited, moved


@dataclass(frozen=True)
class Departure:
    """Someone taken off the team, and what they leave behind."""

    person: Person
    open_items: int  # still theirs until reassigned
    unfacilitated: tuple[date, ...] = ()  # planned meetings they were to facilitate: now no one


def leave(log: Log, person_id: str) -> Departure:
    """Take someone off the team: off the check-in list, never offered as a new item's owner, and
    no longer the facilitator of a meeting still planned (it has none until one is chosen)."""
    person = _get(log, person_id)
    if not person.active:
        raise TeamError(f"{person.name} (@{person.handle}) has already left the team")
    planned = log.rows("SELECT id, scheduled_for FROM meetings WHERE facilitator_id = ? AND status = ? "
                       "ORDER BY scheduled_for", [person.id, MeetingStatus.PLANNED.value])
    with log.transaction():
        log.people.update(person.id, {"active": False})
        for meeting in planned:
            log.meetings.update(meeting["id"], {"facilitator_id": None})
    return Departure(person.model_copy(update={"active": False}), _open_items(log, person.id),
                     tuple(date.fromisoformat(meeting["scheduled_for"]) for meeting in planned))


def come_back(log: Log, person_id: str) -> Person:
    """Put someone who left back on the team (a guest stays a guest)."""
    person = _get(log, person_id)
    if person.active:
        where = "a guest" if person.guest else "on the team"
        raise TeamError(f"{person.name} (@{person.handle}) is {where} already")
    check_name_free(log, person)
    log.people.update(person.id, {"active": True})
    return person.model_copy(update={"active": True})


def added_as(person: Person) -> str:
    """How an added person is said: "Added Mei Chen (@mei) to marketing"."""
    if person.guest:
        return f"Added {person.name} (@{person.handle}) as a guest"
    if person.side is Side.OTHER:
        return f"Added {person.name} (@{person.handle}) to the team (neither sales nor marketing)"
    return f"Added {person.name} (@{person.handle}) to {person.side.value}"


def member_record(member: Member) -> dict:
    """The JSON shape of one person, as ``smarkmeet team list --json`` prints it."""
    person = member.person
    return {
        "id": person.id, "name": person.name, "handle": person.handle, "side": person.side.value,
        "role": person.role, "email": person.email, "guest": person.guest, "active": person.active,
        "open_items": member.open_items,
        "last_present": member.last_present.isoformat() if member.last_present else None,
    }


def _get(log: Log, person_id: str) -> Person:
    try:
        return log.people.get(person_id)
    except LookupError:
        raise TeamError(f"no one with id {person_id}") from None


def _open_items(log: Log, person_id: str) -> int:
    row = log.one("SELECT count(*) AS n FROM action_items WHERE owner_id = ? AND status = ?",
                  [person_id, ActionStatus.OPEN.value])
    return row["n"] if row else 0


NAME_AT_MOST = 80


def _validated(data: Mapping[str, Any]) -> Person:
    data = dict(data)
    if isinstance(data.get("name"), str):  # "Mei  Chen" would be found by no one typing "Mei Chen"
        data["name"] = " ".join(data["name"].split())
    try:
        person = Person.model_validate(data)
    except ValidationError as error:
        raise TeamError(describe(error)) from None
    if person.email and not EMAIL.fullmatch(person.email):
        raise TeamError(f"email '{person.email}' is not an address like mei@example.com")
    check_name_length(person.name)
    return person


def check_name_length(name: str) -> None:
    """A name is NAME_AT_MOST characters at most: a pasted paragraph was carried by every list,
    notice and minutes line that named its person."""
    if len(" ".join(name.split())) > NAME_AT_MOST:
        raise TeamError(f"a name is {NAME_AT_MOST} characters at most; this one has {len(' '.join(name.split()))}")


def _check_handle_free(log: Log, person: Person) -> None:
    holder = log.people.by_handle(person.handle)
    if holder is not None and holder.id != person.id:
        raise TeamError(f"handle @{person.handle} is {_whose(holder)}; pick another")


def check_name_free(log: Log, person: Person) -> None:
    """Someone typed twice is a second person in every list, and a name that matches two people
    finds neither: a name anyone in the log has (any case, any spacing) is refused, saying what
    to do instead — bring back someone who left, make a guest a member."""
    wanted = folded(person.name)
    for other in log.people.all(include_inactive=True):
        if other.id == person.id or folded(other.name) != wanted:
            continue
        if not other.active:
            raise TeamError(f"{other.name} (@{other.handle}) left the team; bring them back instead "
                            f"(b on the team screen, or: smarkmeet team back {other.handle})")
        if other.guest:
            instead = "" if person.guest else (f"; make them a member instead (e on the team screen, or: "
                                               f"smarkmeet team edit {other.handle} --member)")
            raise TeamError(f"{other.name} (@{other.handle}) is in the log as a guest already{instead}")
        raise TeamError(f"{other.name} (@{other.handle}) is on the team already")


def _whose(person: Person) -> str:
    if not person.active:
        return f"{person.name}'s, who left the team"
    return f"{person.name}'s{' (a guest)' if person.guest else ''}"
