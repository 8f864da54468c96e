"""Criticism notes in the meeting: new notes both ways, follow-up of open ones, turning one into an action."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from smarkmeet.domain.enums import ActionStatus, NoteStatus, SectionKind, Side
from smarkmeet.domain.errors import RefusedInWords
from smarkmeet.domain.models import ActionItem, CriticismFollowup, CriticismNote, Meeting
from smarkmeet.store.log import Log


EARLIER_SHOWN = 200  # open notes from earlier meetings listed in a meeting, newest first


@dataclass(frozen=True)
class MeetingNotes:
    notes: list[CriticismNote]  # this meeting's, the newest open ones from earlier, those resolved here
    earlier_open: int  # notes still open from earlier meetings, in all (listed: at most EARLIER_SHOWN)
    item_status: dict[str, ActionStatus] = field(default_factory=dict)  # the linked items', by item id
    # the linked items' title, owner's name and due date, by item id: said with the note
    items: dict[str, tuple[str, str | None, date | None]] = field(default_factory=dict)


def notes_for_meeting(log: Log, meeting: Meeting) -> MeetingNotes:
    """This meeting's notes, then the notes still open from earlier meetings (the newest
    ``EARLIER_SHOWN`` of them: a log of ten years holds thousands, which took seconds to list
    after every note and could not be discussed anyway), then those resolved here."""
    here = log.notes.in_meeting(meeting.id)
    earlier, earlier_open = log.notes.open_from_earlier(meeting.id, EARLIER_SHOWN)
    resolved_here = [
        note for note in log.notes.resolved_in(meeting.id) if note.meeting_id != meeting.id
    ]
    notes = here + earlier + resolved_here
    linked = [note.action_item_id for note in notes if note.action_item_id]
    rows = log.rows(
        "SELECT a.id, a.status, a.title, a.due_date, p.name AS owner FROM action_items a"
        " LEFT JOIN people p ON p.id = a.owner_id WHERE a.id IN (SELECT value FROM json_each(?))",
        [json.dumps(linked)]) if linked else []
    item_status = {row["id"]: ActionStatus(row["status"]) for row in rows}
    items = {row["id"]: (row["title"], row["owner"], date.fromisoformat(row["due_date"]) if row["due_date"] else None)
             for row in rows}
    return MeetingNotes(notes, earlier_open, item_status, items)


def add_note(
    log: Log, meeting: Meeting, *, from_side: Side, observation: str, impact: str = "", request: str = "",
    author_id: str | None = None,
) -> CriticismNote:
    to_side = Side.MARKETING if from_side is Side.SALES else Side.SALES
    return log.notes.add(CriticismNote(
        meeting_id=meeting.id, from_side=from_side, to_side=to_side, observation=observation, impact=impact,
        request=request, author_id=author_id, created_at=log.clock.now(),
    ))


EDITED = ("from_side", "to_side", "observation", "impact", "request")  # what putting a note right may change


def edit_note(log: Log, loaded: CriticismNote, meeting: Meeting, *, from_side: Side, observation: str,
              impact: str = "", request: str = "") -> CriticismNote:
    """Put right a note raised in this meeting: its direction and its words (each change recorded).

    ``loaded`` is the note as it was when the change began: one changed meanwhile (another
    laptop) is refused rather than overwritten. One raised in an earlier meeting is refused:
    it stands as it was said then, in that meeting's minutes; a follow-up says where it stands now."""
    note = log.notes.get(loaded.id)
    if note.meeting_id != meeting.id:
        raise RefusedInWords("this note was raised in an earlier meeting and stays as it was said; "
                             "f adds a follow-up to it")
    if any(getattr(note, name) != getattr(loaded, name) for name in EDITED):
        raise RefusedInWords("this note was changed meanwhile (on another laptop?): Esc, then e, to change it "
                             "as it reads now")
    to_side = Side.MARKETING if from_side is Side.SALES else Side.SALES
    edited = CriticismNote.model_validate({**note.model_dump(), "from_side": from_side, "to_side": to_side,
                                           "observation": observation, "impact": impact, "request": request})
    log.notes.update(note.id, {name: getattr(edited, name) for name in EDITED}, meeting_id=meeting.id)
    return edited


def follow_up(log: Log, note_id: str, comment: str, meeting: Meeting) -> CriticismFollowup:
    """Keep a note open, with a comment on where it stands."""
    return log.notes.add_followup(CriticismFollowup(
        note_id=note_id, meeting_id=meeting.id, comment=comment, created_at=log.clock.now(),
    ))


def resolve(log: Log, note_id: str, meeting: Meeting, comment: str = "") -> None:
    with log.transaction():
        if comment:
            follow_up(log, note_id, comment, meeting)
        log.notes.update(note_id, {"status": NoteStatus.RESOLVED, "resolved_at": log.clock.now(),
                                   "resolved_in_meeting_id": meeting.id}, meeting_id=meeting.id)


def reopen(log: Log, note_id: str, meeting: Meeting) -> None:
    log.notes.update(note_id, {"status": NoteStatus.OPEN, "resolved_at": None, "resolved_in_meeting_id": None},
                     meeting_id=meeting.id)


STATUS_FIELDS = ("status", "resolved_at", "resolved_in_meeting_id")  # what resolve and reopen write


def status_of(log: Log, note_id: str) -> dict:
    """The note's status fields as its row holds them (to put back with :func:`put_back_status`)."""
    return log.one(f"SELECT {', '.join(STATUS_FIELDS)} FROM criticism_notes WHERE id = ?", [note_id]) or {}


def put_back_status(log: Log, note_id: str, before: dict, after: dict, meeting: Meeting) -> bool:
    """Undo a resolve or reopen: the note's status goes back to ``before`` (recorded in
    ``changes``). False, writing nothing, when it no longer reads ``after`` (changed since)."""
    with log.transaction():
        if status_of(log, note_id) != after:
            return False
        log.notes.update(note_id, before, meeting_id=meeting.id)
    return True


def link_action(log: Log, note_id: str, item_id: str, meeting: Meeting) -> None:
    log.notes.update(note_id, {"action_item_id": item_id}, meeting_id=meeting.id)


def note_to_action(
    log: Log, note_id: str, meeting: Meeting, *, title: str, owner_id: str | None, due: date | None
) -> ActionItem:
    """Turn a note into an action item in one step; the two stay linked both ways."""
    note = log.notes.get(note_id)
    section = next((s for s in log.meetings.sections(meeting.id) if s.kind is SectionKind.CRITICISM), None)
    owner_side = log.people.get(owner_id).side if owner_id else note.to_side
    with log.transaction():
        item = log.actions.add(ActionItem(
            title=title, owner_id=owner_id, side=owner_side, due_date=due, origin_meeting_id=meeting.id,
            origin_section_id=section.id if section else None, created_at=log.clock.now(),
        ))
        link_action(log, note_id, item.id, meeting)
    return item
