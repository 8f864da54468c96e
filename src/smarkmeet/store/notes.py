"""Criticism notes between the two sides, and their follow-ups."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from smarkmeet.domain.enums import ActionStatus, NoteStatus, Side
from smarkmeet.domain.models import CriticismFollowup, CriticismNote
from smarkmeet.store.base import TableStore


@dataclass(frozen=True)
class NoteFilter:
    """Which notes the criticism log lists. ``None`` means any."""

    status: NoteStatus | None = NoteStatus.OPEN
    from_side: Side | None = None


class NoteRow(CriticismNote):
    """A note with what the criticism log shows beside it: its meetings, follow-ups and action item."""

    followup_count: int = 0
    author_name: str | None = None
    meeting_title: str | None = None
    meeting_date: date | None = None
    resolved_meeting_title: str | None = None
    resolved_meeting_date: date | None = None
    action_title: str | None = None
    action_status: ActionStatus | None = None
    action_due: date | None = None
    action_owner: str | None = None


_ROW_SQL = """
SELECT n.*,
       (SELECT count(*) FROM criticism_followups f WHERE f.note_id = n.id) AS followup_count,
       au.name AS author_name,
       m.title AS meeting_title, m.scheduled_for AS meeting_date,
       rm.title AS resolved_meeting_title, rm.scheduled_for AS resolved_meeting_date,
       a.title AS action_title, a.status AS action_status, a.due_date AS action_due, ap.name AS action_owner
FROM criticism_notes n
LEFT JOIN people au ON au.id = n.author_id
LEFT JOIN meetings m ON m.id = n.meeting_id
LEFT JOIN meetings rm ON rm.id = n.resolved_in_meeting_id
LEFT JOIN action_items a ON a.id = n.action_item_id
LEFT JOIN people ap ON ap.id = a.owner_id
"""
_FILTER_SQL = "(:status IS NULL OR n.status = :status) AND (:side IS NULL OR n.from_side = :side)"
_NEWEST_FIRST = " ORDER BY n.created_at DESC, n.id DESC"


def _filter_params(criteria: NoteFilter) -> dict:
    return {"status": criteria.status.value if criteria.status else None,
            "side": criteria.from_side.value if criteria.from_side else None}


class NoteStore(TableStore[CriticismNote]):
    table = "criticism_notes"
    model = CriticismNote

    def open_notes(self) -> list[CriticismNote]:
        rows = self.log.rows("SELECT * FROM criticism_notes WHERE status = 'open' ORDER BY created_at, id")
        return [CriticismNote.model_validate(row) for row in rows]

    def open_from_earlier(self, meeting_id: str, limit: int) -> tuple[list[CriticismNote], int]:
        """The newest ``limit`` notes still open that were not raised in ``meeting_id`` (oldest
        first), and how many such notes there are in all."""
        rows = self.log.rows(
            "SELECT * FROM (SELECT * FROM criticism_notes WHERE status = 'open' AND meeting_id IS NOT ? "
            "ORDER BY created_at DESC, id DESC LIMIT ?) ORDER BY created_at, id", [meeting_id, limit]
        )
        total = self.log.one("SELECT count(*) AS n FROM criticism_notes WHERE status = 'open' AND meeting_id IS NOT ?",
                             [meeting_id])
        return [CriticismNote.model_validate(row) for row in rows], total["n"] if total else 0

    def followup_counts(self, note_ids: list[str]) -> dict[str, int]:
        """How many follow-ups each of these notes has (notes with none are left out), in one query."""
        rows = self.log.rows(
            "SELECT note_id, count(*) AS n FROM criticism_followups "
            "WHERE note_id IN (SELECT value FROM json_each(?)) GROUP BY note_id", [json.dumps(note_ids)]
        )
        return {row["note_id"]: row["n"] for row in rows}

    def latest_followups(self, note_ids: list[str]) -> dict[str, dict]:
        """Each note's latest follow-up (``comment``, ``created_at``, ``meeting_id``), notes with
        none left out, in one query."""
        rows = self.log.rows(
            "SELECT note_id, comment, created_at, meeting_id FROM (SELECT *, row_number() OVER "
            "(PARTITION BY note_id ORDER BY created_at DESC, rowid DESC) AS newest FROM criticism_followups "
            "WHERE note_id IN (SELECT value FROM json_each(?))) WHERE newest = 1", [json.dumps(note_ids)]
        )
        return {row["note_id"]: row for row in rows}

    def in_meeting(self, meeting_id: str) -> list[CriticismNote]:
        rows = self.log.rows(
            "SELECT * FROM criticism_notes WHERE meeting_id = ? ORDER BY created_at, id", [meeting_id]
        )
        return [CriticismNote.model_validate(row) for row in rows]

    def acted_on_in(self, meeting_id: str) -> list[dict]:
        """Notes from earlier meetings turned into an action item in this one (the item was made
        here), each with its item's title and owner: the minutes listed the item, never the note."""
        return self.log.rows(
            "SELECT n.id, n.observation, a.id AS item_id, a.title, p.name AS owner_name "
            "FROM criticism_notes n JOIN action_items a ON a.id = n.action_item_id "
            "LEFT JOIN people p ON p.id = a.owner_id "
            "WHERE a.origin_meeting_id = ? AND n.meeting_id IS NOT ? ORDER BY a.created_at, a.id",
            [meeting_id, meeting_id])

    def resolved_in(self, meeting_id: str) -> list[CriticismNote]:
        rows = self.log.rows(
            "SELECT * FROM criticism_notes WHERE resolved_in_meeting_id = ? ORDER BY created_at, id", [meeting_id]
        )
        return [CriticismNote.model_validate(row) for row in rows]

    def add_followup(self, followup: CriticismFollowup) -> CriticismFollowup:
        return self.log.insert("criticism_followups", followup)

    def followups(self, note_id: str) -> list[CriticismFollowup]:
        rows = self.log.rows(
            "SELECT * FROM criticism_followups WHERE note_id = ? ORDER BY created_at, id", [note_id]
        )
        return [CriticismFollowup.model_validate(row) for row in rows]

    def followups_in(self, meeting_id: str) -> list[dict]:
        """Follow-ups made in a meeting, each with the observation of its note."""
        return self.log.rows(
            "SELECT n.observation, f.comment FROM criticism_followups f JOIN criticism_notes n ON n.id = f.note_id "
            "WHERE f.meeting_id = ? ORDER BY f.created_at, f.id", [meeting_id]
        )

    def followed_up_in(self, meeting_id: str) -> list[tuple[CriticismNote, CriticismFollowup]]:
        """Follow-ups made in a meeting, each with its note, in the order they were made."""
        followups = [CriticismFollowup.model_validate(row) for row in self.log.rows(
            "SELECT * FROM criticism_followups WHERE meeting_id = ? ORDER BY created_at, id", [meeting_id])]
        notes = {row["id"]: CriticismNote.model_validate(row) for row in self.log.rows(
            "SELECT * FROM criticism_notes WHERE id IN (SELECT note_id FROM criticism_followups WHERE meeting_id = ?)",
            [meeting_id])}
        return [(notes[f.note_id], f) for f in followups if f.note_id in notes]

    # -- the criticism log ------------------------------------------------------

    def listing(self, criteria: NoteFilter = NoteFilter(), *, limit: int | None = None) -> list[NoteRow]:
        """Matching notes, newest first, with their meetings, follow-up count and action item."""
        sql = _ROW_SQL + " WHERE " + _FILTER_SQL + _NEWEST_FIRST
        params = _filter_params(criteria)
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = int(limit)
        return [NoteRow.model_validate(row) for row in self.log.rows(sql, params)]

    def count(self, criteria: NoteFilter = NoteFilter()) -> int:
        row = self.log.one("SELECT count(*) AS n FROM criticism_notes n WHERE " + _FILTER_SQL,
                           _filter_params(criteria))
        return row["n"] if row else 0

    def position(self, note_id: str, criteria: NoteFilter = NoteFilter()) -> int | None:
        """Where the note comes in :meth:`listing` (0 is first), or None if the filter leaves it out."""
        row = self.log.one(
            "SELECT (SELECT count(*) FROM criticism_notes n WHERE " + _FILTER_SQL +
            " AND (n.created_at, n.id) > (t.created_at, t.id)) AS before "
            "FROM criticism_notes t WHERE t.id = :note AND (:status IS NULL OR t.status = :status) "
            "AND (:side IS NULL OR t.from_side = :side)",
            {**_filter_params(criteria), "note": note_id},
        )
        return None if row is None else row["before"]

    def row(self, note_id: str) -> NoteRow:
        row = self.log.one(_ROW_SQL + " WHERE n.id = ?", [note_id])
        if row is None:
            raise LookupError(f"no criticism note with id {note_id}")
        return NoteRow.model_validate(row)
