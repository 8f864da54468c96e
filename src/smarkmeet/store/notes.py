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

    def for_action(self, action_item_id: str) -> CriticismNote | None:
        row = self.log.one("SELECT * FROM criticism_notes WHERE action_item_id = ?", [action_item_id])
        return None if row is None else CriticismNote.model_validate(row)

    def add_followup(self, followup: CriticismFollowup) -> CriticismFollowup:
        return self.log.insert("criticism_followups", followup)

    def followups(self, note_id: str) -> list[CriticismFollowup]:
        rows = self.log.rows(
            "SELECT * FROM criticism_followups WHERE note_id = ? ORDER BY created_at, id", [note_id]
        )
        return [CriticismFollowup.model_validate(row) for row in rows]
