"""Action items & wrap-up: quick-add new items, each attendee's rating, the summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from smarkmeet.domain.enums import ActionStatus
from smarkmeet.domain.metrics import rating_text
from smarkmeet.domain.models import Person
from smarkmeet.domain.views import ActionRow
from smarkmeet.tui.format import added_due, day_in_year, day_month, fit
from smarkmeet.tui.widgets.fields import LineInput, QuietInput
from smarkmeet.tui.widgets.panels import RowDetail, SectionPanel
from smarkmeet.tui.widgets.prompt import Waiting
from smarkmeet.tui.widgets.table import PlainTable


# Cells of a name in the ratings list: a guest's long name took the width from the new items
# (their owners and due dates went out of sight) or pushed the scores off the screen.
RATED_NAME, RATED_NAME_NARROW = 24, 12


def short_names(people: list[Person]) -> dict[str, str]:
    """First names (narrow screens), with the last name's initial where two share one: ``Sam O.``."""
    first = {person.id: person.name.split(" ")[0] for person in people}
    shared = {name for name, n in Counter(first.values()).items() if n > 1}
    return {person.id: (f"{first[person.id]} {person.name.split(' ')[-1][:1]}."
                        if first[person.id] in shared and " " in person.name else first[person.id])
            for person in people}


TEN_WITHIN_SECONDS = 1.0  # a 0 this soon after a 1 makes the 1 a 10 ("10" typed as a number)


class RatingsTable(PlainTable):
    BINDINGS = [
        Binding("enter", "rate", "Rate…", id="ratings.rate"),
        *[Binding(str(n), f"quick_rate({n if n else 10})", show=False) for n in range(10)],
    ]

    def action_rate(self) -> None:
        self.screen.query_one(WrapupPanel).rate_selected(None)

    def action_quick_rate(self, score: int) -> None:
        self.screen.query_one(WrapupPanel).rate_selected(score)


class NewItemsTable(PlainTable):
    """The items added in this meeting; a mistyped one is put right here, in front of the room
    (the meeting screen acts on the item under the cursor, as the action-item browser does)."""

    BINDINGS = [
        Binding("x", "screen.drop", "Drop", id="new_items.drop", tooltip="Drop the item (added by mistake)"),
        Binding("e", "screen.due", "Due date", id="new_items.due", tooltip="Change the due date"),
        Binding("w", "screen.reassign", "Reassign", id="new_items.reassign", tooltip="Give it to someone else"),
        Binding("d", "screen.done", "Done", id="new_items.done", show=False, tooltip="Mark the item done"),
        # (shown on a done or dropped item only: the screen's key_offered)
        Binding("u", "screen.reopen", "Reopen", id="new_items.reopen", tooltip="Open it again"),
        Binding("ctrl+z", "screen.undo", "Undo", id="new_items.undo", show=False, tooltip="Undo the last change"),
    ]

    def on_resize(self, event: events.Resize) -> None:
        self.query_ancestor(WrapupPanel).refit_items()


class WrapupPanel(SectionPanel):
    @dataclass
    class QuickAddSubmitted(Message):
        line: str

    @dataclass
    class RatingRequested(Message):
        person: Person
        score: int | None  # None: ask for it

    @dataclass
    class SummarySubmitted(Message):
        summary: str

    example_handle = "name"  # someone on the team, for the quick-add line's example (set by the screen)

    def compose(self) -> ComposeResult:
        yield LineInput(hints=(f"New action item: Send the deck @{self.example_handle} due:fri   (Enter adds)",
                               "New action item: Title @owner due:fri (Enter adds)",
                               "Action item: Title @owner due:fri", "New action item"), id="quick-add")
        yield Static(id="quick-add-error", classes="error-line")
        with Horizontal(id="wrapup-lists"):
            yield NewItemsTable(id="new-items", classes="box", cursor_type="row", zebra_stripes=True)
            yield RatingsTable(id="ratings", classes="box", cursor_type="row")
        yield RowDetail(id="new-item-detail")
        yield QuietInput(placeholder="Summary of the meeting (Enter saves)", id="summary")

    def on_mount(self) -> None:
        self.query_one(RatingsTable).add_columns("Attendee", "Rating")
        self._people: list[Person] = []
        self._items: list[ActionRow] = []
        self._kept: list[str] = []  # lines put back in the field, with their problem shown, until added or gone
        self._shown_summary = ""  # the summary in the log, as last shown

    def show_item(self, item_id: str) -> None:
        """The cursor on that item, if listed."""
        index = next((n for n, item in enumerate(self._items) if item.id == item_id), None)
        if index is not None:
            self.query_one("#new-items", DataTable).move_cursor(row=index)

    def selected_item_id(self) -> str | None:
        item = self.under_cursor(self.query_one("#new-items", DataTable), self._items)
        return item.id if item else None

    def detail(self) -> Text | None:
        item = self.under_cursor(self.query_one("#new-items", DataTable), self._items)
        if item is None:
            return None
        # whose and when first: a long title (four lines of the detail) hid them after it
        return Text.assemble(f"{item.owner_name or 'No owner'}, ", added_due(item.due_date, self.app.clock.today()),
                             (f" · {item.status.value} (u reopens)", "dim") if item.status is not ActionStatus.OPEN
                             else "", ": ", (item.title, "bold"))

    def show(self, items: list[ActionRow], present: list[Person], ratings: dict[str, int], summary: str) -> None:
        self.remember(items, present, ratings, summary)
        table = self.query_one("#new-items", DataTable)
        # The title is cut to what is left beside its owner and due date, so those stay in
        # sight: a long title used to push them out of the table, past its right edge.
        # narrow (an 80-column terminal): the owner's first name and a shorter date
        compact = self.narrow
        today = self.app.clock.today()  # type: ignore[attr-defined]
        said = day_month if compact else day_in_year  # (another year's date says its year: "08 Jan ’27")
        rows = [[item.title, ((item.owner_name or "—").split(" ")[0] if compact else item.owner_name or "—"),
                 item.status.value if item.status is not ActionStatus.OPEN else  # dropped or done since
                 said(item.due_date, today) if item.due_date else "—"] for item in items]
        self._items, self._item_rows = items, rows
        self._fill_items(table, items, rows)
        self.show_detail()
        self._people = present
        ratings_table = self.query_one(RatingsTable)
        cursor = ratings_table.cursor_row
        # its columns made again: kept, they stayed as wide as the whole names a wider window had
        # shown, and took four columns from the new items' titles once back at 80
        ratings_table.clear(columns=True)
        ratings_table.add_columns("Attendee", "Rating")
        names = short_names(present) if compact else {person.id: person.name for person in present}
        longest = RATED_NAME_NARROW if compact else RATED_NAME
        for person in present:
            score = ratings.get(person.id)
            ratings_table.add_row(fit(names[person.id], longest), Text(f"{score}/10" if score else "—",
                                                         style="bold" if score else "dim"), key=person.id)
        if present:
            ratings_table.move_cursor(row=min(cursor, len(present) - 1))
        else:  # an empty box read as nothing to do: the ratings are the people checked in
            ratings_table.add_row(Text("No one checked in", style="dim"), Text("", style="dim"), key="none")
            ratings_table.add_row(Text("ctrl+g 1: check-in", style="dim"), Text(""), key="how")
        summary_input = self.query_one("#summary", Input)
        if summary_input.value == self._shown_summary:  # not edited since: the log's, if it changed
            summary_input.value = summary
        self._shown_summary = summary  # what is typed over it stays until saved (or the meeting ends)
        rated = [s for pid, s in ratings.items() if any(p.id == pid for p in present)]
        average = rating_text(sum(rated) / len(rated)) if rated else "—"
        ratings_table.border_title = (f"{len(rated)}/{len(present)} · avg {average}" if compact
                                      else f"Rated {len(rated)}/{len(present)} · avg {average}")
        closed = sum(1 for item in items if item.status is not ActionStatus.OPEN)
        table.border_title = f"New items: {len(items) - closed}" + (f" (+{closed} closed)" if closed else "")

    _fitted_items = 0  # the new items' table width their titles were cut for

    def _fill_items(self, table: DataTable, items: list[ActionRow], rows: list[list[str]]) -> None:
        widths = [max([cell_len(label), *(cell_len(row[n]) for row in rows)])
                  for n, label in enumerate(("New item", "Owner", "Due"))]
        scrollbar = 2 if len(rows) >= table.content_size.height - 1 else 0  # the header takes a line
        room = table.content_size.width or 60  # before the first layout: fitted again on resize
        self._fitted_items = table.content_size.width
        widths[0] = max(8, room - widths[1] - widths[2] - 2 * len(widths) - scrollbar)
        # the cursor goes to an item just added (shown whole below the list), else stays on its
        # item: a reassign or a new due date answered in a prompt leaves it where it was
        listed = [key.value for key in table.rows]
        ids = [item.id for item in items]
        added = [n for n, item_id in enumerate(ids) if item_id not in listed]
        under = listed[table.cursor_row] if 0 <= table.cursor_row < len(listed) else None
        if added and listed:
            cursor = added[-1]
        elif under in ids:
            cursor = ids.index(under)
        else:
            cursor = table.cursor_row if listed else len(items) - 1
        table.clear(columns=True)
        for label, width in zip(("New item", "Owner", "Due"), widths, strict=True):
            table.add_column(label, width=width)
        for item, row in zip(items, rows, strict=True):
            table.add_row(fit(row[0], widths[0]), *row[1:], key=item.id)
        if items:
            table.move_cursor(row=max(0, min(cursor, len(items) - 1)))

    def refit_items(self) -> None:
        """The new items fitted again to their table's width, which the ratings beside it change
        (a guest checked in, the ratings filled): the due date cut ("31 De") else."""
        table = self.query_one("#new-items", DataTable)
        rows = getattr(self, "_item_rows", None)
        if rows is not None and table.is_attached and table.content_size.width != self._fitted_items:
            self._fill_items(table, self._items, rows)

    @on(Input.Submitted, "#quick-add")
    def _quick_add(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():  # Enter on an empty line (a second Enter, the line sent with the
            return  # first while a dialog asks about it): nothing to add, nothing to say
        self.post_message(self.QuickAddSubmitted(event.value))

    @on(Input.Changed, "#quick-add")
    def _cleared(self, event: Input.Changed) -> None:
        if not event.value.strip():  # the lines it held are gone: so is what was said about them
            self._kept.clear()
            self.show_error("")

    @on(Input.Submitted, "#summary")
    def _summary(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.SummarySubmitted(event.value))

    def quick_add_done(self, line: str) -> None:
        """The item of ``line`` was added. A line put back in the field (while a dialog asked what
        it meant) leaves it, with what was said about it; what was typed after it stays, and so
        does a problem shown about another line."""
        if line not in self._kept:
            return  # added at once: the field, emptied as it was sent, holds only what came after
        self._kept.remove(line)
        field = self.query_one("#quick-add", LineInput)
        if field.value.startswith(line):
            field.value = field.value[len(line):].lstrip()
        self.show_error("")

    def take_typed(self, text: str) -> None:
        """Words typed while a question was up, at the end of the quick-add line, to go on with."""
        field = self.query_one("#quick-add", LineInput)
        field.value = (field.value + " " if field.value.strip() else "") + text
        field.cursor_position = len(field.value)
        field.focus()

    def quick_add_kept(self, line: str, problem: str) -> None:
        """The item of ``line`` is not added (yet): the line back in the field, and why."""
        self.query_one("#quick-add", LineInput).put_back(line)
        self._kept.append(line)
        self.show_error(problem)

    def unsaved_summary(self) -> str | None:
        """The summary typed and not saved (no Enter yet), if it differs from the log's."""
        typed = self.query_one("#summary", Input).value.strip()
        return typed if typed and typed != self._shown_summary.strip() else None

    def unsent_line(self) -> str:
        """What is on the quick-add line, not yet added."""
        return self.query_one("#quick-add", LineInput).value.strip()

    def show_error(self, message: str) -> None:
        line = self.query_one("#quick-add-error", Static)
        line.set_class(isinstance(message, Waiting), "-note")  # waiting on a dialog is not an error: not in red
        # the message often quotes the typed line (``due:[/]``): shown as text, never read as markup
        line.update(Text(message))

    def move_past(self, person: Person) -> None:
        """The ratings' cursor on the attendee after ``person`` (just rated through the prompt)."""
        ids = [someone.id for someone in self._people]
        if person.id in ids:
            self.query_one(RatingsTable).move_cursor(row=min(ids.index(person.id) + 1, len(ids) - 1))

    def rate_selected(self, score: int | None) -> None:
        import time

        table = self.query_one(RatingsTable)
        person = self.under_cursor(table, self._people)
        now = time.monotonic()
        one, self._last_one = getattr(self, "_last_one", None), None
        if score == 10 and one is not None and now - one[1] <= TEN_WITHIN_SECONDS:
            # "10" typed as 1 then 0: the 1 rated one attendee and the 0 (10) the next; it is
            # the first one's 10, and the cursor stays on the next, still to rate
            self.post_message(self.RatingRequested(one[0], 10))
            return
        if score == 1 and person is not None:
            self._last_one = (person, now)
        if person is not None:
            message = self.RatingRequested(person, score)
            if score is not None:
                self.post_message(message)
            else:
                self.post_asking(message)
            if score is not None:
                table.action_cursor_down()
