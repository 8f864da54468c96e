"""Criticism notes between the two sides, and their follow-ups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from smarkmeet.domain.models import CriticismFollowup, CriticismNote
from smarkmeet.store.base import TableStore


class NoteStore(TableStore[CriticismNote]):
    table = "criticism_notes"
    model = CriticismNote

    def update(self, note_id: str, fields: Mapping[str, Any], *, meeting_id: str | None = None) -> None:
        self.log.update("criticism_notes", note_id, fields, meeting_id=meeting_id)

    def open_notes(self) -> list[CriticismNote]:
        rows = self.log.rows("SELECT * FROM criticism_notes WHERE status = 'open' ORDER BY created_at, id")
        return [CriticismNote.model_validate(row) for row in rows]

    def in_meeting(self, meeting_id: str) -> list[CriticismNote]:
        rows = self.log.rows(
            "SELECT * FROM criticism_notes WHERE meeting_id = ? ORDER BY created_at, id", [meeting_id]
        )
        return [CriticismNote.model_validate(row) for row in rows]

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
