"""Meetings and their agenda sections."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from smarkmeet.clock import timestamp
from smarkmeet.domain.enums import MeetingKind
from smarkmeet.domain.models import AgendaSection, Meeting
from smarkmeet.domain.summaries import MeetingSummary
from smarkmeet.store import overview
from smarkmeet.store.base import validated_fields

if TYPE_CHECKING:
    from smarkmeet.store.log import Log


# A page of meeting history: a log may hold thousands of meetings, a screen shows them a page at a time.
HISTORY_PAGE = 200


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

    def update(self, meeting_id: str, fields: Mapping[str, Any]) -> bool:
        """Change some fields, checked by the rules of :class:`Meeting` first: a value the model
        would refuse (a summary too long to read back, say) raises ``ValidationError`` and
        nothing is written. Returns whether anything changed (see ``Log.update``)."""
        return self.log.update("meetings", meeting_id, validated_fields(Meeting, fields), meeting_id=meeting_id)

    def sections(self, meeting_id: str) -> list[AgendaSection]:
        rows = self.log.rows("SELECT * FROM agenda_sections WHERE meeting_id = ? ORDER BY position", [meeting_id])
        return [AgendaSection.model_validate(row) for row in rows]

    def section(self, section_id: str) -> AgendaSection:
        return self.log.get(AgendaSection, "agenda_sections", section_id)

    def update_section(self, section: AgendaSection, fields: Mapping[str, Any]) -> bool:
        """Change some fields of a section, checked by the rules of :class:`AgendaSection` first (a
        title stripped and made inert; a negative time refused): a refused value raises
        ``ValidationError`` and nothing is written. Returns whether anything changed."""
        return self.log.update("agenda_sections", section.id, validated_fields(AgendaSection, fields),
                               meeting_id=section.meeting_id)

    def in_progress(self) -> Meeting | None:
        row = self.log.one("SELECT * FROM meetings m WHERE " + overview.IN_PROGRESS)
        return None if row is None else Meeting.model_validate(row)

    def next_planned(self) -> Meeting | None:
        row = self.log.one("SELECT * FROM meetings m WHERE " + overview.NEXT_PLANNED)
        return None if row is None else Meeting.model_validate(row)

    def last_ended(self, *, kind: str | None = None, before_id: str | None = None,
                   ended_by: datetime | None = None) -> Meeting | None:
        """The most recent ended meeting (optionally of one kind), other than ``before_id``; with
        ``ended_by``, among those ended by then (the last one as a meeting that began then saw it)."""
        row = self.log.one("SELECT * FROM meetings m WHERE " + overview.LAST_ENDED,
                           {"kind": kind, "skip": before_id, "ended_by": timestamp(ended_by) if ended_by else None})
        return None if row is None else Meeting.model_validate(row)

    def ended_on(self, day: date, kind: MeetingKind) -> list[Meeting]:
        """The meetings of ``kind`` held (ended) on ``day``."""
        return [Meeting.model_validate(row) for row in self.log.rows(
            "SELECT * FROM meetings WHERE scheduled_for = ? AND kind = ? AND status = 'ended' ORDER BY started_at",
            [day.isoformat(), kind.value])]

    def recent(self, limit: int = 5) -> list[MeetingSummary]:
        """Ended meetings, newest first."""
        return overview.recent_meetings(self.log, limit)

    def summary(self, meeting_id: str) -> MeetingSummary:
        row = self.log.one(overview.SUMMARY_SQL + " WHERE m.id = ?", [meeting_id])
        if row is None:
            raise LookupError(f"no meeting with id {meeting_id}")
        return MeetingSummary.from_row(row)

    def history(self, *, kind: MeetingKind | None = None, after: MeetingSummary | None = None,
                limit: int = HISTORY_PAGE) -> list[MeetingSummary]:
        """Every meeting, whatever its status, newest first, one page at a time.

        ``after`` is the last meeting of the page already shown; the next page starts after it
        (keyset paging: every page costs the same, however deep into the history it is).
        """
        rows = self.log.rows(
            overview.SUMMARY_SQL + " WHERE (:kind IS NULL OR m.kind = :kind)"
            " AND (:day IS NULL OR (m.scheduled_for, coalesce(m.started_at, ''), m.id) < (:day, :started, :id))"
            " ORDER BY " + overview.NEWEST_FIRST + " LIMIT :limit",
            {"kind": kind.value if kind else None, "day": after.scheduled_for.isoformat() if after else None,
             "started": after.started if after else None, "id": after.id if after else None, "limit": int(limit)},
        )
        return [MeetingSummary.from_row(row) for row in rows]

    def count(self, *, kind: MeetingKind | None = None) -> int:
        """How many meetings the log holds (of one kind, if given)."""
        row = self.log.one("SELECT count(*) AS n FROM meetings WHERE (:kind IS NULL OR kind = :kind)",
                           {"kind": kind.value if kind else None})
        return row["n"] if row else 0

    def lead_verdicts(self, meeting_id: str) -> list[dict]:
        """The verdicts given in a meeting, in the order given, each with its lead and who gave it.

        Keys: ``id``, ``lead_id``, ``crm_id``, ``name``, ``company``, ``source``, ``verdict``,
        ``reason``, ``comment``, ``given_at``, ``given_by`` (a name, or None).
        """
        return self.log.rows(
            "SELECT f.id, f.lead_id, l.crm_id, l.name, l.company, l.source, f.verdict, f.reason, f.comment, "
            "f.given_at, p.name AS given_by FROM lead_feedback f JOIN leads l ON l.id = f.lead_id "
            "LEFT JOIN people p ON p.id = f.given_by WHERE f.meeting_id = ? ORDER BY f.given_at, f.rowid",
            [meeting_id],
        )
