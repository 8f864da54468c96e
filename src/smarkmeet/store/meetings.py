"""Meetings and their agenda sections."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from smarkmeet.domain.models import AgendaSection, Meeting
from smarkmeet.domain.views import MeetingSummary

if TYPE_CHECKING:
    from smarkmeet.store.log import Log

_SUMMARY_SQL = """
SELECT m.id, m.kind, m.title, m.scheduled_for, m.status,
       (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.present = 1) AS present,
       (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) AS invited,
       (SELECT coalesce(sum(s.timebox_minutes), 0) FROM agenda_sections s WHERE s.meeting_id = m.id)
           AS planned_minutes,
       (SELECT coalesce(sum(s.seconds_spent), 0) FROM agenda_sections s WHERE s.meeting_id = m.id)
           AS spent_seconds,
       (SELECT avg(r.score) FROM ratings r WHERE r.meeting_id = m.id) AS average_rating
FROM meetings m
"""


class MeetingStore:
    def __init__(self, log: "Log") -> None:
        self.log = log

    def create(self, meeting: Meeting, sections: list[AgendaSection]) -> Meeting:
        """Write a meeting with its agenda, all or nothing."""
        with self.log.transaction():
            self.log.insert("meetings", meeting, meeting_id=meeting.id)
            for section in sections:
                self.log.insert("agenda_sections", section)
        return meeting

    def get(self, meeting_id: str) -> Meeting:
        return self.log.get(Meeting, "meetings", meeting_id)

    def update(self, meeting_id: str, fields: Mapping[str, Any]) -> None:
        self.log.update("meetings", meeting_id, fields, meeting_id=meeting_id)

    def sections(self, meeting_id: str) -> list[AgendaSection]:
        rows = self.log.rows("SELECT * FROM agenda_sections WHERE meeting_id = ? ORDER BY position", [meeting_id])
        return [AgendaSection.model_validate(row) for row in rows]

    def section(self, section_id: str) -> AgendaSection:
        return self.log.get(AgendaSection, "agenda_sections", section_id)

    def update_section(self, section: AgendaSection, fields: Mapping[str, Any]) -> None:
        self.log.update("agenda_sections", section.id, fields, meeting_id=section.meeting_id)

    def in_progress(self) -> Meeting | None:
        row = self.log.one(
            "SELECT * FROM meetings WHERE status = 'in_progress' ORDER BY scheduled_for DESC, started_at DESC LIMIT 1"
        )
        return None if row is None else Meeting.model_validate(row)

    def next_planned(self) -> Meeting | None:
        row = self.log.one("SELECT * FROM meetings WHERE status = 'planned' ORDER BY scheduled_for, id LIMIT 1")
        return None if row is None else Meeting.model_validate(row)

    def last_ended(self, *, kind: str | None = None, before_id: str | None = None) -> Meeting | None:
        """The most recent ended meeting (optionally of one kind), other than ``before_id``."""
        row = self.log.one(
            "SELECT * FROM meetings WHERE status = 'ended' AND (:kind IS NULL OR kind = :kind) "
            "AND (:skip IS NULL OR id <> :skip) ORDER BY scheduled_for DESC, ended_at DESC LIMIT 1",
            {"kind": kind, "skip": before_id},
        )
        return None if row is None else Meeting.model_validate(row)

    def recent(self, limit: int = 5) -> list[MeetingSummary]:
        """Ended meetings, newest first."""
        rows = self.log.rows(
            _SUMMARY_SQL + " WHERE m.status = 'ended' ORDER BY m.scheduled_for DESC, m.id LIMIT ?", [limit]
        )
        return [MeetingSummary.model_validate(row) for row in rows]

    def summary(self, meeting_id: str) -> MeetingSummary:
        row = self.log.one(_SUMMARY_SQL + " WHERE m.id = ?", [meeting_id])
        if row is None:
            raise LookupError(f"no meeting with id {meeting_id}")
        return MeetingSummary.model_validate(row)
