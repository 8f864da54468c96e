"""Action item review: open items from earlier meetings; done, drop, carry, snooze, reopen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from smarkmeet.domain.enums import ActionStatus
from smarkmeet.domain.views import ActionRow
from smarkmeet.tui.format import day_in_year, day_month, facts_line, fit, owner_text
from smarkmeet.tui.widgets.fitted import Fitted
from smarkmeet.tui.widgets.panels import RowDetail, SectionPanel
from smarkmeet.tui.widgets.table import SCROLLBAR, PlainTable


MIN_TITLE = 30  # cells an item's title gets before the table drops its origin column


class ActionReviewPanel(SectionPanel):
    BINDINGS = [
        Binding("d", "act('done')", "Done", id="review.done"),
        Binding("x", "act('drop')", "Drop", id="review.drop"),
        Binding("c", "act('carry')", "Carry…", id="review.carry"),
        Binding("z", "act('snooze')", "Snooze…", id="review.snooze"),
        Binding("o", "act('reopen')", "Reopen", id="review.reopen"),
        Binding("w", "screen.reassign", "Reassign", id="review.reassign",
                tooltip="Give it to someone else (their side comes with them)"),
        Binding("h", "toggle_hidden", "Snoozed/closed", id="review.hidden"),
        Binding("ctrl+z", "screen.undo", "Undo", id="review.undo", show=False,  # in the keys panel (?)
                tooltip="Undo the last change to an item: done, drop, carry, snooze, reopen or reassign"),
    ]

    @dataclass
    class ItemActed(Message):
        """The facilitator acted on an item: done, drop, carry, snooze or reopen."""

        item: ActionRow
        action: str

    @dataclass
    class HiddenToggled(Message):
        show_hidden: bool

    def compose(self) -> ComposeResult:
        yield Fitted(id="review-summary", classes="panel-help")
        yield PlainTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield RowDetail(id="review-detail")

    def on_mount(self) -> None:
        self._rows: list[ActionRow] = []
        self._carried_earlier = 0
        self.show_hidden = False

    def show(self, rows: list[ActionRow], today: date, carried_earlier: int = 0) -> None:
        """``carried_earlier``: the open items a meeting earlier the same day carried, which this
        one's end does not carry again (as the question on ending says)."""
        self._rows = rows
        self._carried_earlier = carried_earlier
        table = self.query_one(PlainTable)
        if not self.remember(rows, today, carried_earlier):
            table.clear()  # nothing under the cursor but what is shown; filled once laid out
            return
        cursor = table.cursor_row
        # The item's title matters most: where the full layout would leave it fewer than
        # MIN_TITLE cells (an 80-column terminal left it 7; 120 columns, 20), the origin column
        # goes and the carry count joins the status. The row under the cursor is shown whole below.
        # Where every title fits whole beside it, the origin names its whole section ("07 Dec ·
        # Action items & wrap-up"; its first word alone read as cut off, with room to spare).
        longest = max((cell_len(row.title) for row in rows), default=0)
        for compact, whole in ((False, True), (False, False), (True, False)):
            labels = ("Due", "Owner", "Item", "Status") if compact else \
                ("Due", "Owner", "Item", "From", "Carried", "Status")
            cells = [self._cells(row, today, compact, whole_section=whole) for row in rows]
            # explicit widths, from what is shown: auto widths shrink to the headers when columns are rebuilt
            widths = [max([cell_len(label), *(cell_len(str(cell[n])) for cell in cells)])
                      for n, label in enumerate(labels)]
            title = labels.index("Item")
            widths[title] = max(12, self.size.width - (sum(widths) - widths[title]) - 2 * len(labels) - SCROLLBAR)
            if widths[title] >= (max(longest, MIN_TITLE) if whole else MIN_TITLE):
                break
        table.clear(columns=True)
        for label, width in zip(labels, widths, strict=True):
            table.add_column(label, width=width, key=label)
        for row, row_cells in zip(rows, cells, strict=True):
            row_cells[title] = fit(row.title, widths[title])
        table.add_rows(cells, keys=[row.id for row in rows])
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        self.show_detail()
        # the counts are the review's own whatever h shows: "8 open" read "9 open" once a snoozed
        # item was shown, nothing having changed
        snoozed = [r for r in rows if r.status is ActionStatus.OPEN and r.snoozed_until and r.snoozed_until > today]
        open_rows = [r for r in rows if r.status is ActionStatus.OPEN and r not in snoozed]
        overdue_count = sum(1 for r in open_rows if r.is_overdue(today))
        # ``today`` is the meeting's day when it is dated ahead: said so (the items carried are those due by it)
        by = "today" if today <= self.app.clock.today() else f"{today:%a %d %b}, the meeting's day,"
        counts = Text.from_markup(f"[b]{len(open_rows):,}[/b] open from earlier meetings · "
                                  f"[b red]{overdue_count:,}[/] overdue")
        rule = Text(f"Listed too: {len(snoozed):,} snoozed, and those closed lately (h hides them)." if self.show_hidden
                    else f"Items due by {by} and not closed here carry to the next meeting"
                    + (f" (not the {self._carried_earlier:,} an earlier meeting that day carried)." if self._carried_earlier
                       else "."), style="dim")
        # the rule on a line of its own where it does not fit beside the counts (at 80 columns
        # "… and not closed" / "here carry to the next meeting.")
        self.query_one("#review-summary", Fitted).show(lambda room: facts_line(counts.copy(), [rule], room, sep="   "))

    def detail(self) -> Text | None:
        row = self.under_cursor(self.query_one(PlainTable), self._rows)
        if row is None:
            return None
        today = self.app.clock.today()  # (the list's cells leave the year out; said whole here)
        text = Text.assemble((row.title, "bold"), " — ", owner_text(row, nobody="no owner"),
                             f", due {day_in_year(row.due_date, today)}" if row.due_date else ", no due date")
        if row.origin_meeting_date:
            text.append(f" · from the meeting of {day_in_year(row.origin_meeting_date, today)}")
            if row.origin_section_title:
                text.append(f" ({row.origin_section_title})")
        if row.carry_count:
            text.append(f" · carried {row.carry_count}×", style="bold yellow" if row.carry_count >= 3 else "")
        return text

    @staticmethod
    def _cells(row: ActionRow, today: date, compact: bool, *, whole_section: bool = False) -> list:
        overdue = row.is_overdue(today)
        # (a date of another year says its year: an item due next January, a year-old origin)
        due = Text(day_in_year(row.due_date, today) if row.due_date else "—", style="bold red" if overdue else "")
        origin = "—"
        if row.origin_meeting_date:
            origin = day_month(row.origin_meeting_date, today)
            if row.origin_section_title:
                origin += f" · {row.origin_section_title if whole_section else row.origin_section_title.split(' ')[0]}"
        carried = Text(f"{row.carry_count}×", style="bold yellow" if row.carry_count >= 3 else "") \
            if row.carry_count else Text("")
        if row.status is ActionStatus.OPEN:
            status = Text("OVERDUE", style="bold red") if overdue else Text("open")
            if row.snoozed_until and row.snoozed_until > today:
                status = Text(f"snoozed to {day_month(row.snoozed_until, today)}", style="dim")
        else:
            status = Text(row.status.value, style="green" if row.status is ActionStatus.DONE else "dim")
        if compact:
            owner = owner_text(row, first_name=True)
            return [due, owner, row.title, Text.assemble(status, " ", carried) if row.carry_count else status]
        return [due, owner_text(row), row.title, origin, carried, status]

    def show_item(self, item_id: str) -> None:
        """The cursor on that item, if listed."""
        index = next((n for n, item in enumerate(self._rows) if item.id == item_id), None)
        if index is not None:
            self.query_one(DataTable).move_cursor(row=index)

    def selected_item_id(self) -> str | None:
        item = self.under_cursor(self.query_one(DataTable), self._rows)
        return item.id if item else None

    def action_act(self, action: str) -> None:
        table = self.query_one(DataTable)
        item = self.under_cursor(table, self._rows)
        if item is not None:
            message = self.ItemActed(item, action)
            if action in ("carry", "snooze"):
                self.post_asking(message)
            else:
                self.post_message(message)
            if action in ("done", "drop"):
                table.action_cursor_down()

    def action_toggle_hidden(self) -> None:
        self.show_hidden = not self.show_hidden
        self.post_message(self.HiddenToggled(self.show_hidden))
