"""Check-in & attendance: mark each person present or absent, by side; add a guest."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from smarkmeet.domain.enums import Side
from smarkmeet.services.attendance import AttendeeRow
from smarkmeet.tui.format import fit
from smarkmeet.tui.widgets.panels import SectionPanel
from smarkmeet.tui.widgets.table import PlainTable


# cells beside a name: the side ("marketing"), the mark ("· not checked in"), their padding
# and the scrollbar
MARK_AND_SIDE = 9 + 16 + 3 * 2 + 2 + 2
ROLE_MIN = 8  # "Sales d…"


class CheckinPanel(SectionPanel):
    BINDINGS = [
        Binding("space", "toggle(True)", "Present/absent", id="checkin.toggle",
                tooltip="Present ⇄ absent, then the next person (Enter: the same, staying put)"),
        Binding("p", "mark(True)", "Present", id="checkin.present"),
        Binding("a", "mark(False)", "Absent", id="checkin.absent"),
        Binding("g", "guest", "Add guest", id="checkin.guest"),
    ]

    @dataclass
    class AttendanceMarked(Message):
        person_id: str
        present: bool

    class GuestRequested(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Static(id="checkin-summary", classes="panel-help")
        yield PlainTable(id="checkin-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self._rows: list[AttendeeRow] = []

    def show(self, rows: list[AttendeeRow]) -> None:
        self.remember(rows)  # shown again, fitted, when the panel is resized
        self._rows = rows
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        # a long name (a guest's, typed in full) is cut before the mark beside it is; the columns
        # are made again each time, as DataTable only ever widens a column sized to its cells
        longest = max((cell_len(row.person.name) for row in rows), default=0)
        # the role keeps at least ROLE_MIN cells: a long guest's name never pushes it off sideways
        name_width = (max(12, min(longest, self.size.width - MARK_AND_SIDE - ROLE_MIN)) if self.size.width
                      else longest)
        table.clear(columns=True)
        # the mark before the role: on a narrow screen it is the role that is cut off
        table.add_column("Side", key="side")
        table.add_column("Name", key="name", width=max(name_width, 4))
        table.add_column("Here?", key="here")
        # the role gets what is left, cut with an ellipsis: never a sideways scroll of the list
        role_width = max(ROLE_MIN, self.size.width - name_width - MARK_AND_SIDE) if self.size.width else None
        table.add_column("Role", key="role", width=role_width)
        for row in rows:
            if row.present is None:
                mark = Text("· not checked in" if row.expected else "· joined later", style="dim")
            elif row.present:
                mark = Text("✓ present", style="bold green")
            else:
                mark = Text("✗ absent", style="red")
            side = "guest" if row.person.guest else row.person.side.value
            role = fit(row.person.role, role_width) if role_width else row.person.role
            table.add_row(side, fit(row.person.name, name_width), mark, role, key=row.person.id)
        table.move_cursor(row=min(cursor, max(0, len(rows) - 1)))
        here = [r for r in rows if r.present]
        by_side = {side: sum(1 for r in here if r.person.side is side and not r.person.guest) for side in Side}
        guests = sum(1 for r in here if r.person.guest)
        unmarked = sum(1 for r in rows if r.present is None and r.expected)  # as the end of the meeting asks
        self.query_one("#checkin-summary", Static).update(
            f"Present: [b]{by_side[Side.SALES]}[/b] sales · [b]{by_side[Side.MARKETING]}[/b] marketing"
            f" · [b]{guests}[/b] guest(s)   Not\u00a0checked\u00a0in:\u00a0[b]{unmarked}[/b]"
        )

    def _selected(self) -> AttendeeRow | None:
        return self.under_cursor(self.query_one(DataTable), self._rows)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_toggle()

    def action_toggle(self, move_on: bool = False) -> None:
        """Present ⇄ absent; with ``move_on`` (space, as p and a do) the cursor goes to the next
        person, so the room is checked in top to bottom with one key each."""
        row = self._selected()
        if row is not None:
            self.post_message(self.AttendanceMarked(row.person.id, not row.present))
            if move_on:
                self.query_one(DataTable).action_cursor_down()

    def action_mark(self, present: bool) -> None:
        row = self._selected()
        if row is None:
            return
        self.post_message(self.AttendanceMarked(row.person.id, present))
        if row.present is not None and row.present is not present:
            # going down the room, the cursor reached someone checked in already (by g, or out of
            # order): their mark changes, said, and the cursor stays on them, so the key that puts
            # it back acts on them (moved on, "p marks Leo present again" marked the next person)
            first = row.person.name.split()[0]
            was, now = ("present", "absent") if row.present else ("absent", "present")
            self.notify(f"{row.person.name} was checked in {was}: now {now}. The cursor stays on {first}: "
                        f"{'p' if row.present else 'a'} puts it back, ↓ goes on.", timeout=6, markup=False)
            return
        self.query_one(DataTable).action_cursor_down()

    def action_guest(self) -> None:
        self.post_asking(self.GuestRequested())
