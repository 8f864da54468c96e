"""Between meetings: every meeting a page at a time, and one meeting's record (minutes, items, notes, verdicts)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Markdown, Static, TabbedContent, TabPane

from smarkmeet.domain.enums import MeetingKind, MeetingStatus
from smarkmeet.domain.models import Meeting
from smarkmeet.domain.summaries import MeetingSummary
from smarkmeet.store.meetings import HISTORY_PAGE
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import facts_line
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.history import (
    MeetingLogTable,
    RecordItemsTable,
    RecordNotesTable,
    RecordVerdictsTable,
    attendance_text,
    rating_text,
    time_vs_plan,
)

KINDS: tuple[MeetingKind | None, ...] = (None, MeetingKind.WEEKLY, MeetingKind.MONTHLY)


class MeetingHistoryScreen(Screen):
    """Every meeting, newest first, loaded a page at a time; Enter opens one's record."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="history.back", tooltip="Back to the previous screen"),
        Binding("k", "next_kind", "Kind", id="history.kind", tooltip="Show all meetings, weekly ones or monthly ones"),
        Binding("m", "load_more", "More", id="history.more",
                tooltip=f"Load the next {HISTORY_PAGE} meetings (reaching the last row does it too)"),
        Binding("r", "refresh", "Refresh", id="history.refresh", tooltip="Read the log again"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._kind = 0
        self._meetings: list[MeetingSummary] = []
        self._total = 0
        self._laid_out_for = 0

    @property
    def kind(self) -> MeetingKind | None:
        return KINDS[self._kind]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="history-filter")
        with Vertical(id="history-box", classes="box"):
            yield MeetingLogTable(id="history-table")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Meeting history"
        self.action_refresh()
        self.query_one(MeetingLogTable).focus()

    def on_resize(self) -> None:
        if self.is_mounted and self._table_width() != self._laid_out_for:
            self._redraw()

    def _table_width(self) -> int:
        return max(40, self.size.width - 4)  # the box's border and padding

    # -- loading ------------------------------------------------------------------

    def action_refresh(self) -> None:
        """Read the first pages again (as many as were shown), keeping the cursor on its meeting."""
        store = self.app.store.meetings
        self._total = store.count(kind=self.kind)
        self._meetings = store.history(kind=self.kind, limit=max(HISTORY_PAGE, len(self._meetings)))
        self._redraw()

    def action_next_kind(self) -> None:
        self._kind = (self._kind + 1) % len(KINDS)
        self._meetings = []
        self.action_refresh()

    def action_load_more(self) -> None:
        if len(self._meetings) >= self._total or not self._meetings:
            self.notify("Every meeting is already shown.", timeout=2)
            return
        page = self.app.store.meetings.history(kind=self.kind, after=self._meetings[-1])
        self._meetings += page
        self.query_one(MeetingLogTable).extend(page)
        self._show_filter()

    def _redraw(self) -> None:
        table = self.query_one(MeetingLogTable)
        current = self.selected_id()
        self._laid_out_for = self._table_width()
        table.layout_for(self._laid_out_for)
        table.extend(self._meetings)
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))
        self._show_filter()

    def _show_filter(self) -> None:
        label = self.kind.value if self.kind else "all kinds"
        line = Text.assemble(("Meetings: ", "dim"), (label, "bold"), ("  ·  ", "dim"))
        if not self._total:
            line.append("none in the log yet — run one from the home screen (s)")
        elif len(self._meetings) < self._total:
            line.append(f"{len(self._meetings):,} of {self._total:,} shown")
            line.append(f" — m loads {min(HISTORY_PAGE, self._total - len(self._meetings)):,} more", "bold")
        else:
            line.append(f"{self._total:,} meeting{'s' if self._total != 1 else ''}")
        if self.size.width >= 100:
            line.append("   Enter opens · k kind · r refresh", "dim")
        self.query_one("#history-filter", Static).update(line)
        self.query_one("#history-box").border_title = "Newest first"

    # -- moving and opening -------------------------------------------------------

    def selected_id(self) -> str | None:
        return self.query_one(MeetingLogTable).cursor_key

    @on(DataTable.RowHighlighted, "#history-table")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row == event.data_table.row_count - 1 and len(self._meetings) < self._total:
            self.action_load_more()

    @on(DataTable.RowSelected, "#history-table")
    def _opened(self, event: DataTable.RowSelected) -> None:
        self.app.open_meeting_record(event.row_key.value)

    def action_open(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.app.open_meeting_record(meeting_id)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("history: Open selected meeting", "Its minutes, action items, notes and verdicts",
                             self.action_open)
        yield PaletteCommand("history: Next kind", "k — all meetings, weekly ones, monthly ones", self.action_next_kind)
        yield PaletteCommand("history: Load more meetings", f"m — the next {HISTORY_PAGE}", self.action_load_more)
        yield PaletteCommand("history: Refresh", "r — read the log again", self.action_refresh)
        yield PaletteCommand("criticism: Criticism log", "Every note both ways, its follow-ups and action item",
                             self.app.open_criticism)


# -- one meeting's record ---------------------------------------------------------

TABS = ("record-minutes", "record-actions", "record-notes", "record-verdicts")
TAB_TITLES = ("Minutes", "Action items", "Criticism notes", "Lead verdicts")


class MeetingDetailScreen(Screen):
    """A meeting's record: its minutes, and the items, notes and verdicts it dealt with. ``e`` exports the minutes."""

    _export_hint_planned = False  # the line under the minutes said the meeting has not started

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="record.back", tooltip="Back to the previous screen"),
        Binding("e", "export", "Export minutes", id="record.export",
                tooltip="Write the minutes to a Markdown or JSON file in the exports folder"),
        *(Binding(str(n + 1), f"show_tab('{tab}')", title, id=f"record.tab{n + 1}", show=False,
                  tooltip=f"Show the {title.lower()} tab")
          for n, (tab, title) in enumerate(zip(TABS, TAB_TITLES, strict=True))),
        Binding("r", "refresh", "Refresh", id="record.refresh", show=False, tooltip="Read the log again"),
    ]

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: Meeting | None = None
        self._markdown = ""
        self._loaded = False
        self._width_shown = 0  # the tables' columns fit this width
        self._facts: MeetingSummary | None = None  # as last shown: its line is wrapped again on resize

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="record-facts")
        with TabbedContent(id="record-tabs"):
            with TabPane(f"1 {TAB_TITLES[0]}", id=TABS[0]):
                with VerticalScroll(id="record-minutes-scroll"):
                    yield Markdown(id="record-minutes-md")
            with TabPane(f"2 {TAB_TITLES[1]}", id=TABS[1]):
                yield Static("Created, closed, reopened, snoozed or carried in this meeting · Enter opens the item", classes="hint")
                yield RecordItemsTable(id="record-actions-table")
                yield Static(id="record-actions-detail", classes="record-detail")  # the row whole: cells are cut
            with TabPane(f"3 {TAB_TITLES[2]}", id=TABS[2]):
                yield Static("Raised, followed up or resolved in this meeting · Enter shows it in the log",
                             classes="hint")
                yield RecordNotesTable(id="record-notes-table")
                yield Static(id="record-notes-detail", classes="record-detail")
            with TabPane(f"4 {TAB_TITLES[3]}", id=TABS[3]):
                yield Static("Verdicts given in this meeting · Enter shows the lead's every verdict", classes="hint")
                yield RecordVerdictsTable(id="record-verdicts-table")
                yield Static(id="record-verdicts-detail", classes="record-detail")
        yield Static(id="record-export")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Meeting record"
        self.query_one("#record-minutes-scroll").focus()

    def on_screen_resume(self) -> None:
        """Read the log when shown, and again on coming back from an item or note opened here."""
        self.action_refresh()
        self._loaded = True

    def on_resize(self) -> None:
        if self._loaded and self.meeting is not None and self.size.width != self._width_shown:
            self._show_tables()
            if self._facts is not None:
                self._show_facts(self._facts)

    # -- reading the log ----------------------------------------------------------

    def action_refresh(self) -> None:
        from smarkmeet.services.minutes import render_minutes

        log = self.app.store
        try:
            self.meeting = log.meetings.get(self.meeting_id)
        except LookupError:
            self.meeting = None
            self.query_one("#record-facts", Static).update(Text("This meeting is not in the log.", style="bold red"))
            return
        # the day first: at 80 columns the header ended "…managers' meeting · Wed 0…"
        self.sub_title = f"{self.meeting.scheduled_for:%a %d %b %Y} · {self.meeting.title}"
        self.refresh_bindings()  # e (export) is offered once the meeting has minutes
        self._show_facts(log.meetings.summary(self.meeting_id))
        markdown = render_minutes(log, self.meeting)
        if markdown != self._markdown:
            self._markdown = markdown
            self.query_one("#record-minutes-md", Markdown).update(markdown)
        self._show_tables()
        if self.meeting.status is MeetingStatus.PLANNED:  # nothing to export yet: e would only say so
            self._show_export(Text("Not started yet: its minutes are written as it runs (s on the home "
                                   "screen starts it).", style="dim"))
        elif not str(self.query_one("#record-export", Static).content) or self._export_hint_planned:
            self._show_export(Text.assemble(("e", "bold"), " exports these minutes as Markdown or JSON "
                                            "to the exports folder"))
        self._export_hint_planned = self.meeting.status is MeetingStatus.PLANNED

    def _show_facts(self, meeting: MeetingSummary) -> None:
        line = Text.assemble((meeting.kind.value.capitalize(), "bold"), " · ",
                             meeting.scheduled_for.strftime("%a %d %b %Y"), " · ")
        if meeting.status is MeetingStatus.ENDED:
            line.append("ended")
        elif meeting.status is MeetingStatus.IN_PROGRESS:
            line.append("in progress — the minutes go as far as it has", "bold yellow")
        else:
            line.append("planned — not started yet", "bold yellow")
        room = max(20, self.size.width - 2)  # (the line's padding)
        facts_line(line, [Text.assemble(f"{label} ", value) for label, value in (
            ("present", attendance_text(meeting)), ("time", time_vs_plan(meeting)), ("rating", rating_text(meeting)))],
            room)
        self._facts = meeting
        self.query_one("#record-facts", Static).update(line)

    def _show_tables(self) -> None:
        log, width, meeting_id = self.app.store, self.size.width, self.meeting_id
        self._width_shown = width
        reviewed = log.actions.reviewed_in(meeting_id)  # as the meeting left them, as its minutes say
        items = [("new", row) for row in reviewed.created]
        items += [(row.status.value, row) for row in reviewed.closed]
        items += [("reopened", row) for row in reviewed.reopened]
        items += [("snoozed", row) for row, _ in reviewed.snoozed]
        items += [("carried", row) for row in reviewed.carried]
        items += [("reassigned", row) for row, _ in reviewed.reassigned]
        self.query_one(RecordItemsTable).show(items, width)
        # a note turned into an action item (t) says so: the item is on the first tab
        notes = [("raised → item" if note.action_item_id else "raised", note, note.request)
                 for note in log.notes.in_meeting(meeting_id)]
        notes += [("followed up", note, followup.comment) for note, followup in log.notes.followed_up_in(meeting_id)]
        notes += [("resolved", note, note.request) for note in log.notes.resolved_in(meeting_id)
                  if note.meeting_id != meeting_id]  # raised here too: already listed
        self.query_one(RecordNotesTable).show(notes, width)
        verdicts = log.meetings.lead_verdicts(meeting_id)
        self.query_one(RecordVerdictsTable).show(verdicts, width)
        for index, count in enumerate((len(items), len(notes), len(verdicts)), start=1):
            self._label(index, count)
        for table in (self.query_one(RecordItemsTable), self.query_one(RecordNotesTable),
                      self.query_one(RecordVerdictsTable)):
            detail = self.query_one(f"#{table.id.removesuffix('-table')}-detail", Static)
            detail.display = bool(table.details)  # an empty tab says so across its table
            detail.update(table.detail_at(table.cursor_row))

    @on(DataTable.RowHighlighted)
    def _row_whole(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if isinstance(table, (RecordItemsTable, RecordNotesTable, RecordVerdictsTable)) and table.id:
            self.query_one(f"#{table.id.removesuffix('-table')}-detail", Static).update(
                table.detail_at(event.cursor_row))

    def _label(self, index: int, count: int) -> None:
        self.query_one(TabbedContent).get_tab(TABS[index]).label = f"{index + 1} {TAB_TITLES[index]} ({count})"

    # -- tabs and jumps -----------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        """The tab, its table focused at once: "2⏎" typed fast sent the Enter to the tab left
        (the focus moved only after a refresh, behind the keys already typed)."""
        tabs = self.query_one(TabbedContent)
        tabs.active = tab
        target = tabs.get_pane(tab).query("DataTable, VerticalScroll").first()
        self.set_focus(target, scroll_visible=False)

    @on(TabbedContent.TabActivated, "#record-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        target = event.pane.query("DataTable, VerticalScroll").first()
        self.call_after_refresh(target.focus)

    @on(DataTable.RowSelected, "#record-actions-table")
    def _open_item(self, event: DataTable.RowSelected) -> None:
        item_id = self.query_one(RecordItemsTable).id_at(event.cursor_row)
        if item_id is not None:
            self.app.open_action(item_id)

    @on(DataTable.RowSelected, "#record-notes-table")
    def _open_note(self, event: DataTable.RowSelected) -> None:
        note_id = self.query_one(RecordNotesTable).id_at(event.cursor_row)
        if note_id is not None:
            self.app.open_criticism(note_id)

    @on(DataTable.RowSelected, "#record-verdicts-table")
    def _verdict_history(self, event: DataTable.RowSelected) -> None:
        crm_id = self.query_one(RecordVerdictsTable).id_at(event.cursor_row)
        if crm_id is not None:
            self.app.show_lead_history(crm_id)

    # -- export ---------------------------------------------------------------------

    @staticmethod
    def _exports_dir() -> Path:
        from smarkmeet.paths import exports_dir

        return exports_dir()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # a planned meeting has no minutes to export: e is not offered (shown disabled, it was
        # offered all the same in the footer, and did nothing)
        if action == "export" and self.meeting is not None and self.meeting.status is MeetingStatus.PLANNED:
            return False
        return True

    def action_export(self) -> None:
        from smarkmeet.tui.widgets.dialogs import ChoiceDialog

        if self.meeting is None:
            return
        if self.meeting.status is MeetingStatus.PLANNED:  # as the command line: nothing to write yet
            self.notify("This meeting has not started: it has no minutes yet.", severity="warning", markup=False)
            return
        self.app.push_screen(
            ChoiceDialog("Export the minutes as", [("Markdown (.md) — to read or paste", "md"),
                                                   ("JSON (.json) — for other tools", "json")]),
            self.export_minutes,
        )

    def export_minutes(self, fmt: str | None) -> Path | None:
        """Write the minutes as ``md`` or ``json`` to a new file in the exports folder; say where, or why not."""
        from smarkmeet.services.export import ExportError, export_new_file, render_minutes_json
        from smarkmeet.services.minutes import render_minutes

        if fmt is None or self.meeting is None:
            return None
        log, meeting = self.app.store, self.meeting
        text = render_minutes(log, meeting) if fmt == "md" else render_minutes_json(log, meeting)
        stem = f"minutes-{meeting.scheduled_for.isoformat()}-{meeting.kind.value}"
        try:
            path, _ = export_new_file(self._exports_dir(), f"{stem}.{fmt}", lambda out: out.write(text))
        except (ExportError, OSError) as error:
            problem = str(error) if isinstance(error, ExportError) else f"cannot write the file: {error.strerror}"
            self._show_export(Text(f"Minutes not exported: {problem}", style="bold red"))
            self.notify(f"Minutes not exported: {problem}", severity="error", markup=False)
            return None
        unfinished = "" if meeting.status is MeetingStatus.ENDED else " (so far: the meeting has not ended)"
        self._show_export(Text.assemble("Minutes written to ", (str(path), "bold"), unfinished))
        self.notify(f"Minutes written to {path}", title="Exported", markup=False)
        return path

    def _show_export(self, text: Text) -> None:
        self.query_one("#record-export", Static).update(text)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("meeting record: Export minutes", "e — as Markdown or JSON, to the exports folder",
                             self.action_export)
        for n, (tab, title) in enumerate(zip(TABS, TAB_TITLES, strict=True)):
            yield PaletteCommand(f"meeting record: Show {title.lower()}", f"{n + 1} — the {title.lower()} tab",
                                 lambda tab=tab: self.action_show_tab(tab))
        yield PaletteCommand("meeting record: Refresh", "r — read the log again", self.action_refresh)
