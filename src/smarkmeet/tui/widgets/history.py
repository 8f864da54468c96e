"""Recent meetings: date, kind, attendance, time spent against plan, rating."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from smarkmeet.domain.views import MeetingSummary
from smarkmeet.tui.format import day
from smarkmeet.tui.widgets.table import PlainTable


class MeetingHistoryTable(PlainTable):
    DEFAULT_CSS = """
    MeetingHistoryTable { height: 1fr; }
    """

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("Date", "Meeting", "Present", "Time vs plan", "Rating")

    def show(self, meetings: list[MeetingSummary], today: date) -> None:
        self.clear()
        for meeting in meetings:
            over = round(meeting.duration_minutes) - meeting.planned_minutes
            style = "red" if over > 0 else "green"
            spent = f"{round(meeting.duration_minutes)} / {meeting.planned_minutes} min"
            if over > 0:
                spent += f" (+{over})"
            rating = f"{meeting.average_rating:.1f}" if meeting.average_rating is not None else "—"
            self.add_row(
                day(meeting.scheduled_for, today),
                meeting.kind.value,
                f"{meeting.present}/{meeting.invited}",
                Text(spent, style=style),
                Text(rating, justify="right"),
                key=meeting.id,
            )
