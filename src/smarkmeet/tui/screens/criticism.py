"""The criticism log: every note both ways, its follow-ups, resolution and action item."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from smarkmeet.domain.enums import ActionStatus, NoteStatus, Side
from smarkmeet.domain.models import CriticismFollowup
from smarkmeet.store.notes import NoteFilter, NoteRow
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import fit
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.history import column_widths
from smarkmeet.tui.widgets.table import PlainTable

DIRECTIONS: tuple[Side | None, ...] = (None, Side.SALES, Side.MARKETING)  # by the side that raised the note
DIRECTION_LABELS = {None: "both directions", Side.SALES: "sales → marketing", Side.MARKETING: "marketing → sales"}
STATUSES: tuple[NoteStatus | None, ...] = (NoteStatus.OPEN, NoteStatus.RESOLVED, None)
STATUS_LABELS = {NoteStatus.OPEN: "open", NoteStatus.RESOLVED: "resolved", None: "any status"}
NOTE_PAGE = 500  # notes are listed a page at a time; reaching the last row loads the next


def note_detail(note: NoteRow, followups: list[CriticismFollowup]) -> Table:
    """Everything about one note, label by label; the team's words are shown as typed."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(style="dim", width=14, no_wrap=True)
    grid.add_column(ratio=1)
    raised = Text.assemble((f"{note.from_side.label} → {note.to_side.label}", "bold"), " · ")
    raised.append(note.status.value, "green" if note.status is NoteStatus.RESOLVED else "bold yellow")
    raised.append(f" · {note.created_at:%a %d %b %Y}")
    if note.author_name:
        raised.append(f" · by {note.author_name}")
    grid.add_row("Raised", raised)
    if note.meeting_title:
        grid.add_row("In meeting", Text.assemble(f"{note.meeting_title} of {note.meeting_date:%a %d %b %Y}",
                                                 ("   g opens it", "dim")))
    grid.add_row("Observation", Text(note.observation))
    grid.add_row("Impact", Text(note.impact) if note.impact else Text("—", style="dim"))
    grid.add_row("Request", Text(note.request) if note.request
                 else Text("none yet — not constructive until it asks for something", style="yellow"))
    if note.status is NoteStatus.RESOLVED:
        when = f" {note.resolved_at:%a %d %b %Y}" if note.resolved_at else ""
        where = f" in {note.resolved_meeting_title} of {note.resolved_meeting_date:%a %d %b %Y}" \
            if note.resolved_meeting_title else ""
        grid.add_row("Resolution", Text(f"Resolved{when}{where}", style="green"))
    else:
        grid.add_row("Resolution", Text("Still open", style="yellow"))
    label = f"Follow-ups ({len(followups)})" if followups else "Follow-ups"
    if not followups:
        grid.add_row(label, Text("none", style="dim"))
    for index, followup in enumerate(followups):
        grid.add_row(label if index == 0 else "",
                     Text.assemble((f"{followup.created_at:%a %d %b %Y}  ", "bold"), followup.comment))
    if note.action_item_id and note.action_title:
        status = note.action_status.value if note.action_status else "?"
        owner = f" · {note.action_owner}" if note.action_owner else ""
        due = f" · due {note.action_due.isoformat()}" if note.action_due else ""
        grid.add_row("Action item", Text.assemble(
            (note.action_title, "bold"), f"{owner}{due} · ",
            (status, "green" if note.action_status is ActionStatus.DONE else ""), ("   a or Enter opens it", "dim")))
    else:
        grid.add_row("Action item", Text("none linked — in a meeting's criticism section, t turns a note into one",
                                         style="dim"))
    return grid


class CriticismLogScreen(Screen):
    """Every criticism note, filtered by direction and status; the highlighted one in full below."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="criticism.back", tooltip="Back to the previous screen"),
        Binding("d", "next_direction", "Direction", id="criticism.direction",
                tooltip="Both directions, sales → marketing, marketing → sales"),
        Binding("o", "next_status", "Status", id="criticism.status", tooltip="Open notes, resolved ones, or all"),
        Binding("a", "open_action", "Action item", id="criticism.action",
                tooltip="Open the action item linked to this note"),
        Binding("g", "open_meeting", "Meeting", id="criticism.meeting",
                tooltip="Open the record of the meeting the note was raised in"),
        Binding("m", "load_more", "More", id="criticism.more", show=False,
                tooltip=f"Load the next {NOTE_PAGE} notes (reaching the last row does it too)"),
        Binding("r", "refresh", "Refresh", id="criticism.refresh", tooltip="Read the log again"),
    ]

    def __init__(self, note_id: str | None = None) -> None:
        super().__init__()
        self.note_id = note_id
        self._direction = 0
        self._status = 0
        self._limit = NOTE_PAGE
        self._notes: list[NoteRow] = []
        self._total = 0
        self._loaded = False
        self._width_shown = 0  # the table's columns fit this width

    @property
    def criteria(self) -> NoteFilter:
        return NoteFilter(status=STATUSES[self._status], from_side=DIRECTIONS[self._direction])

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="criticism-filter")
        with Vertical(id="criticism-table-box", classes="box"):
            yield PlainTable(id="criticism-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="criticism-detail-box", classes="box"):
            yield Static(id="criticism-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Criticism log"
        self.query_one("#criticism-detail-box").border_title = "The note"
        self.query_one("#criticism-table").focus()

    def on_screen_resume(self) -> None:
        """Read the log when shown, and again on coming back from an action item or meeting opened here."""
        if self.note_id and not self._loaded:
            self.go_to(self.note_id)
        else:
            self.action_refresh()
        self._loaded = True

    def on_resize(self) -> None:
        if self._loaded and self.size.width != self._width_shown:
            self._redraw()

    # -- loading ------------------------------------------------------------------

    def action_refresh(self) -> None:
        store = self.app.store.notes
        self._total = store.count(self.criteria)
        self._notes = store.listing(self.criteria, limit=self._limit)
        self._redraw()

    def go_to(self, note_id: str) -> None:
        """Put the cursor on a note, switching a filter to "all" if it would hide the note."""
        store = self.app.store.notes
        try:
            note = store.get(note_id)
        except LookupError:
            self.notify("That criticism note is not in the log.", severity="warning")
            self.action_refresh()
            return
        if STATUSES[self._status] not in (None, note.status):
            self._status = STATUSES.index(None)
        if DIRECTIONS[self._direction] not in (None, note.from_side):
            self._direction = DIRECTIONS.index(None)
        position = store.position(note_id, self.criteria) or 0
        self._limit = max(self._limit, (position // NOTE_PAGE + 1) * NOTE_PAGE)
        self.action_refresh()
        table = self.query_one("#criticism-table", DataTable)
        if note_id in table.rows:
            table.move_cursor(row=table.get_row_index(note_id))

    def _cycle(self, attribute: str, choices: tuple) -> None:
        setattr(self, attribute, (getattr(self, attribute) + 1) % len(choices))
        self._limit = NOTE_PAGE
        self.action_refresh()

    def action_next_direction(self) -> None:
        self._cycle("_direction", DIRECTIONS)

    def action_next_status(self) -> None:
        self._cycle("_status", STATUSES)

    def action_load_more(self) -> None:
        if len(self._notes) >= self._total:
            self.notify("Every note is already shown.", timeout=2)
            return
        self._limit += NOTE_PAGE
        self.action_refresh()

    # -- showing ------------------------------------------------------------------

    def _redraw(self) -> None:
        table = self.query_one("#criticism-table", PlainTable)
        current = table.cursor_key  # the note on screen, not the one now at its place in a new listing
        self._width_shown = self.size.width
        narrow = self.size.width < 100
        direction_w, followups_w, action_w = (3, 4, 4) if narrow else (17, 10, 7)
        # narrow, the words get the room: a status shown on every row when one status is listed
        # (said above the list) goes, and the day is written short ("Webinar follow-up …" and
        # "Send the at…" were all of a note at 80 columns)
        with_status = not narrow or STATUSES[self._status] is None
        raised_w = 10  # "16 Nov ’26" narrow (its year said with an apostrophe: "16 Nov 26" read as the 26th), ISO wide
        fixed = [raised_w, direction_w, *([8] if with_status else []), followups_w, action_w]
        observation_w, request_w = column_widths(self.size.width - 4, fixed, [3, 2])
        table.clear(columns=True)
        table.add_column("Raised", width=raised_w, key="raised")
        table.add_column("Dir" if narrow else "Direction", width=direction_w, key="direction")
        table.add_column("Observation", width=observation_w, key="observation")
        table.add_column("Request", width=request_w, key="request")
        if with_status:
            table.add_column("Status", width=8, key="status")
        table.add_column(Text("F-up" if narrow else "Follow-ups", justify="right"), width=followups_w, key="followups")
        table.add_column("Act" if narrow else "Action", width=action_w, key="action")
        for note in self._notes:
            side = f"{note.from_side.label[0]}→{note.to_side.label[0]}" if narrow \
                else f"{note.from_side.label} → {note.to_side.label}"
            status = Text(note.status.value, style="green" if note.status is NoteStatus.RESOLVED else "yellow")
            table.add_row(
                f"{note.created_at.date():%d %b ’%y}" if narrow else note.created_at.date().isoformat(), side,
                fit(note.observation, observation_w),
                fit(note.request, request_w) if note.request else Text("(no request)", style="dim"),
                *([status] if with_status else []),
                Text(str(note.followup_count) if note.followup_count else "—", justify="right"),
                _action_cell(note, narrow),
                key=note.id,
            )
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))
        self._show_filter()
        self._show_detail()

    def _show_filter(self) -> None:
        line = Text.assemble(("Notes: ", "dim"), (DIRECTION_LABELS[DIRECTIONS[self._direction]], "bold"),
                             ("  ·  ", "dim"), (STATUS_LABELS[STATUSES[self._status]], "bold"), ("  ·  ", "dim"))
        line.append(f"{len(self._notes):,} of {self._total:,} shown" if len(self._notes) < self._total
                    else f"{self._total:,} note{'s' if self._total != 1 else ''}")
        if self.size.width >= 100:  # the footer says it too; narrow screens keep this to one line
            line.append("   d direction · o status · Enter/a action item · g meeting", "dim")
        self.query_one("#criticism-filter", Static).update(line)
        self.query_one("#criticism-table-box").border_title = "Newest first"

    def _show_detail(self) -> None:
        note = self.selected()
        detail = self.query_one("#criticism-detail", Static)
        if note is None:
            if not self._total and not self.app.store.one("SELECT 1 AS any_note FROM criticism_notes LIMIT 1"):
                detail.update(Text("No criticism notes yet: they are raised in a meeting's criticism section, "
                                   "sales → marketing and marketing → sales.", style="dim"))
            else:
                detail.update(Text("No note matches these filters — d and o change them.", style="dim"))
            return
        detail.update(note_detail(note, self.app.store.notes.followups(note.id)))

    def selected(self) -> NoteRow | None:
        table = self.query_one("#criticism-table", DataTable)
        if not self._notes or not table.row_count:
            return None
        return self._notes[min(table.cursor_row, len(self._notes) - 1)]

    @on(DataTable.RowHighlighted, "#criticism-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        if event.cursor_row == event.data_table.row_count - 1 and len(self._notes) < self._total:
            self.action_load_more()

    @on(DataTable.RowSelected, "#criticism-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_action()

    # -- jumps --------------------------------------------------------------------

    def action_open_action(self) -> None:
        note = self.selected()
        if note is None:
            return
        if note.action_item_id is None:
            self.notify("No action item is linked to this note.", timeout=3)
            return
        self.app.open_action(note.action_item_id)

    def action_open_meeting(self) -> None:
        note = self.selected()
        if note is not None and note.meeting_id:
            self.app.open_meeting_record(note.meeting_id)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("criticism: Next direction", "d — both, sales → marketing, marketing → sales",
                             self.action_next_direction)
        yield PaletteCommand("criticism: Next status", "o — open, resolved, any", self.action_next_status)
        yield PaletteCommand("criticism: Open linked action item", "a — the item this note became",
                             self.action_open_action)
        yield PaletteCommand("criticism: Open meeting it was raised in", "g — its minutes, items and verdicts",
                             self.action_open_meeting)
        yield PaletteCommand("criticism: Load more notes", f"m — the next {NOTE_PAGE}", self.action_load_more)
        yield PaletteCommand("criticism: Refresh", "r — read the log again", self.action_refresh)


def _action_cell(note, narrow: bool) -> Text:
    """The note's action item as it stands: a dropped one read "yes" in the list, as if still
    being acted on ("dropped" only in the detail below)."""
    if not note.action_item_id:
        return Text("—", style="dim")
    status = note.action_status or "open"
    style = {"open": "bold", "done": "green", "dropped": "dim red"}.get(status, "")
    return Text("drop" if narrow and status == "dropped" else status, style=style)
