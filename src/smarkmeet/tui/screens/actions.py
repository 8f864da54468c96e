"""Between meetings: every action item, found in two keystrokes, and acted on in place.

The list is a window onto SQL: the filter and the sort run in the log, one page at a
time, so a log with 100,000 items is as quick as one with ten.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

from pydantic import ValidationError
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from smarkmeet.domain.cells import cell_width
from smarkmeet.domain.enums import ActionStatus
from smarkmeet.domain.errors import describe
from smarkmeet.domain.models import ActionItem, Person
from smarkmeet.domain.metrics import percent
from smarkmeet.domain.views import ActionRow
from smarkmeet.services import actions as items
from smarkmeet.services.people import close_to, example_owner
from smarkmeet.store.actions import SORTS, ActionFilter, CompletionRow
from smarkmeet.store.errors import LogError
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.errors import tell
from smarkmeet.tui.format import LEFT, day_in_year, day_month, facts_line, fit, owner_text
from smarkmeet.tui.widgets.dialogs import ChoiceDialog
from smarkmeet.tui.widgets.fields import FilterLine
from smarkmeet.tui.widgets.fitted import Fitted
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.panels import RowDetail
from smarkmeet.tui.widgets.prompt import NOT_SAVED, PromptBar
from smarkmeet.tui.widgets.table import PlainTable

PAGE_SIZE = 100
COMPACT_BELOW = 110  # columns; narrower terminals drop the side and origin columns (else the title gets 20)
SHORT_BELOW = 32  # rows; shorter windows keep the completion panel (c) to a few rows, the list beside it
SIDE_FROM = 140  # columns; below it the side column gives way too (the owner says it), so titles get ~50 at 120
STATUS_CYCLE: tuple[ActionStatus | None, ...] = (ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.DROPPED, None)
COMPLETION_WEEKS = (4, 12, 26, 52)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("due", "Due"), ("status", "Status"), ("owner", "Owner"), ("side", "Side"), ("carried", "Carried"),
    ("from", "From"), ("title", "Title"),
)
DATE_HINT = "fri, tomorrow, +3d, {day}, {iso}"  # see dates.HINT


def status_text(row: ActionRow, today: date) -> Text:
    """An open item snoozed to a coming day says so (in red when past its due date, as the
    meeting's review says it), before it says overdue."""
    if row.status is ActionStatus.OPEN and row.snoozed_until and row.snoozed_until > today:
        return Text(f"snoozed {day_month(row.snoozed_until, today)}", style="bold red" if row.is_overdue(today) else "yellow")
    if row.is_overdue(today):
        return Text("overdue", style="bold red")
    style = {"open": "", "done": "green", "dropped": "dim"}[row.status.value]
    return Text(row.status.value, style=style)


def describe_row(row: ActionRow, today: date) -> Text:
    """An item in one or two lines: its whole title, owner, due date, status, origin and carries."""
    text = Text.assemble((row.title, "bold"), " — ", owner_text(row, nobody="no owner"),
                         f", due {row.due_date:%a %d %b %Y}" if row.due_date else ", no due date", " · ",
                         status_text(row, today))
    if row.origin_meeting_date:
        text.append(f" · from the meeting of {row.origin_meeting_date:%d %b %Y}"
                    + (f" ({row.origin_section_title})" if row.origin_section_title else ""))
    if row.carry_count:
        text.append(f" · carried {row.carry_count}×", style="bold yellow" if row.carry_count >= 3 else "")
    return text


UNDO_DEPTH = 50  # changes ctrl+z can undo, on one screen


@dataclass(frozen=True)
class _Undo:
    item_id: str
    put_back: Callable[[], object]
    what: str  # "Done", "Carried", …
    place: object  # where it was made (see ItemCommands.undo_place)
    state: dict  # the item just after the change: undone only if it is still so


def item_state(item: ActionItem) -> dict:
    """An item less its text: what a change decided (status, owner, dates, carries). Compared to
    tell whether it changed elsewhere since it was read (a title put right there changes no decision)."""
    return item.model_dump(include=set(ActionItem.model_fields) - {"title"})


def _state(log, item_id: str) -> dict:
    """What an undo would put back over: the item as it stands now."""
    return item_state(log.actions.get(item_id))


NOBODY_MATCHES = "no one on the team matches"  # (services.people's words: someone new was named)


_ALREADY = {"done": ActionStatus.DONE, "drop": ActionStatus.DROPPED, "reopen": ActionStatus.OPEN}  # what each key makes
_OPEN_ONLY = ("carry", "snooze")  # keys that mean something on an open item only


class ItemCommands:
    """Done, drop, reopen, snooze, reassign and move the due date of one item, with undo.

    Used by the list and by an item's detail; the screen supplies ``item_id()`` and
    ``shown()`` (called after every change) and has a :class:`PromptBar`.
    """

    # the changes ctrl+z can undo, oldest first (the list is made on the first change)
    _undos: list[_Undo] | None = None

    def item_id(self) -> str | None:
        raise NotImplementedError

    def shown(self) -> None:
        raise NotImplementedError

    def show_item(self, item_id: str) -> None:
        """Put the cursor on the item (one just undone), where the screen lists it."""

    def item_status(self) -> ActionStatus | None:
        """The status of the item under the cursor (None: no item there)."""
        item_id = self.item_id()
        if item_id is None:
            return None
        try:
            return self.app.store.actions.get(item_id).status
        except LookupError:
            return None

    def key_offered(self, action: str) -> bool:
        """Whether the footer offers ``action`` now: Done, Drop and Reopen where the item under
        the cursor is not so already (on a dropped item it went on offering "x Drop", and not the
        u that reopens it), Carry and Snooze on an open one. The key itself still works there,
        and says why it changes nothing ("Already dropped")."""
        name = action.removeprefix("act('").removesuffix("')")  # (the action review's act('done'))
        if name not in _ALREADY and name not in _OPEN_ONLY:
            return True
        try:
            status = self.item_status()
        except NoMatches:  # (asked while the screen is still being put together)
            return True
        if status is None:  # no item here: nothing to reopen (the wrap-up's empty list offered u)
            return name != "reopen"
        return status is ActionStatus.OPEN if name in _OPEN_ONLY else status is not _ALREADY[name]

    def undo_place(self) -> object:
        """Where a change is made on this screen: ctrl+z undoes only a change made where it is
        pressed (a meeting's sections each have their own list)."""
        return None

    def keep_undo(self, item_id: str, put_back: Callable[[], object], what: str) -> None:
        """Make ``put_back`` what ctrl+z does next, here (the changes before it stay undoable after it)."""
        if self._undos is None:
            self._undos = []
        self._undos.append(_Undo(item_id, put_back, what, self.undo_place(), _state(self.app.store, item_id)))
        del self._undos[:-UNDO_DEPTH]

    def change(self, item_id: str, what: str, work: Callable[[], object], *, unchanged: str = "Unchanged") -> bool:
        """Make one change to an item (remembering how to undo it); say what went wrong in words,
        and ``unchanged`` when the item already was so (nothing is written then)."""
        log = self.app.store
        try:
            before = log.actions.get(item_id)
            work()
        except (items.ActionQueryError, LogError, ValidationError) as error:
            tell(self, error)
            return False
        after = log.actions.get(item_id)
        self.refresh_bindings()  # type: ignore[attr-defined]  # (a dropped item is offered u, not x)
        if self.remember_undo(before, what):
            self.notify(f"{what}: {fit(after.title, 60)}  (ctrl+z undoes)", timeout=4, markup=False)
        else:  # the last change stays the one ctrl+z undoes
            self.notify(f"{unchanged}: {fit(after.title, 60)}", timeout=4, markup=False)
        self.shown()
        return True

    def remember_undo(self, before: ActionItem, what: str) -> bool:
        """Make the change just written to ``before``'s item the one ctrl+z undoes, if it changed
        anything (else the last change stays the one); whether it did."""
        log = self.app.store
        after = log.actions.get(before.id)
        changed = {name: getattr(before, name) for name in ("status", "done_at", "closed_in_meeting_id", "due_date",
                                                               "snoozed_until", "owner_id", "side")
                   if getattr(before, name) != getattr(after, name)}
        if changed:
            self.keep_undo(before.id, lambda: log.actions.update(before.id, changed, meeting_id=log.active_meeting_id),
                           what)
        return bool(changed)

    def _current(self) -> str | None:
        item_id = self.item_id()
        if item_id is None:
            self.notify("No action item here.", severity="warning")
        return item_id

    def action_done(self) -> None:
        if item_id := self._current():
            self.change(item_id, "Done", lambda: items.set_status(self.app.store, item_id, ActionStatus.DONE),
                        unchanged="Already done")

    def action_drop(self) -> None:
        if item_id := self._current():
            self.change(item_id, "Dropped", lambda: items.set_status(self.app.store, item_id, ActionStatus.DROPPED),
                        unchanged="Already dropped")

    def action_reopen(self) -> None:
        if item_id := self._current():
            self.change(item_id, "Reopened", lambda: items.set_status(self.app.store, item_id, ActionStatus.OPEN),
                        unchanged="Already open")

    def action_undo(self) -> None:
        here = [undo for undo in self._undos or () if undo.place == self.undo_place()]
        if not here:
            self.notify("Nothing to undo here: the last changes were made in another section." if self._undos
                        else "Nothing to undo.", severity="information")
            return
        undo = here[-1]
        self._undos.remove(undo)
        log = self.app.store
        title = fit(log.actions.get(undo.item_id).title, 60)
        if _state(log, undo.item_id) != undo.state:  # changed since, elsewhere: putting it back would undo that too
            self.notify(f"Not undone ({_lower_first(undo.what)}): {title} has been changed since.", severity="warning",
                        timeout=5, markup=False)
            self.shown()  # as it is now: the list still showed it as this screen had left it
            return
        try:
            undo.put_back()
        except (LogError, ValidationError) as error:
            self._undos.append(undo)  # not undone (a full disk): ctrl+z can try it again
            tell(self, error)
            return
        more = "  (ctrl+z again undoes the change before)" if len(here) > 1 else ""
        self.app.drop_undone_notices()
        self.notify(f"Undone ({_lower_first(undo.what)}): {title}{more}", timeout=3, markup=False)
        self.shown()
        self.show_item(undo.item_id)  # a done item's cursor had moved on: back to the one put right
        self.refresh_bindings()  # type: ignore[attr-defined]

    def _asking(self, item_id: str, before: str, after: str) -> str:
        """A question about one item that names it: the cursor may have been on another than the
        one meant, and the list may scroll or shrink while the question is open."""
        return self.query_one(PromptBar).naming(f"{before} ", self.app.store.actions.get(item_id).title, after)

    def action_snooze(self) -> None:
        if item_id := self._current():
            today = self.app.clock.today()
            self._ask_date(self._asking(item_id, "Snooze", " until (empty wakes it now):"), item_id,
                           lambda day: f"Snoozed until {day_in_year(day, today)}" if day else "Woken",
                           lambda day: items.set_snooze(self.app.store, item_id, day), allow_empty=True,
                           unchanged="Snooze unchanged", future_only=True)

    def action_due(self) -> None:
        if item_id := self._current():
            item = self.app.store.actions.get(item_id)
            today = self.app.clock.today()
            self._ask_date(self._asking(item_id, "Due date of", " (empty: none):"), item_id,
                           # a day gone by is taken (typed in full), and said so: it lists the item as overdue
                           lambda day: (f"Due date moved to {day_in_year(day, today)}"
                                        + (" — already past: listed as overdue" if day < today else "")
                                        if day else "Due date removed"),
                           lambda day: items.set_due(self.app.store, item_id, day), allow_empty=True,
                           value=item.due_date.isoformat() if item.due_date else "", unchanged="Due date unchanged")

    def action_reassign(self) -> None:
        if not (item_id := self._current()) or self.app.refuses_changes():  # type: ignore[attr-defined]
            return

        def give(who: str) -> str | None:
            before = self.app.store.actions.get(item_id)
            try:
                person = items.reassign(self.app.store, item_id, who)
            except items.ActionQueryError as error:
                said = str(error)
                if said.startswith(NOBODY_MATCHES):
                    # a typo (@jrdan) is offered as who it likely meant, as a quick-add line's
                    # owner is: "did you mean Jordan Blake?" asked to type it all again
                    meant = close_to(self.app.store, who.strip().lstrip("@"))
                    if meant or any(char.isalpha() for char in who):  # someone new, a name: offered
                        return offer_someone_new(who, meant)
                return said
            except LogError as error:
                return str(error)
            except ValidationError as error:
                return describe(error)
            if not self.remember_undo(before, "Reassigned"):  # nothing written
                self.notify(f"Already owned by {person.name}", timeout=3, markup=False)
                return None  # the last change stays the one ctrl+z undoes
            self.notify(f"Now owned by {person.name}  (ctrl+z undoes)", timeout=3, markup=False)
            self.shown()
            return None

        def offer_someone_new(typed: str, meant: list[Person]) -> str:
            """As a quick-add line's owner nobody matches: who it likely meant first, then added
            (as a guest first) and given it."""
            from smarkmeet.domain.enums import Side
            from smarkmeet.services.team import TeamError, add_member

            from smarkmeet.services.wrapup import name_from_handle

            said = " ".join(typed.lstrip("@").split())
            # written in lower case, named as a quick-add line's @owner is (@ann.lee, jrdan: Ann Lee,
            # Jrdan); a name typed with capitals (Rory McKenzie) is kept as typed
            name = name_from_handle(said) if said == said.lower() else said

            def add(picked: Side | str) -> str | None:
                if not isinstance(picked, Side):
                    return give(picked)  # the handle of someone on the team
                try:
                    person = add_member(self.app.store, name=name, side=picked, guest=picked is Side.OTHER)
                except (TeamError, LogError) as error:
                    return str(error)
                return give(f"@{person.handle}")

            new = [] if not any(char.isalpha() for char in name) else [
                (f"Add {name} as a guest (owns the item, not on every check-in)", Side.OTHER),
                (f"Add {name} to sales", Side.SALES), (f"Add {name} to marketing", Side.MARKETING)]
            return self.query_one(PromptBar).choose(
                f"Nobody on the team is “{fit(said, 40)}”.",
                [*((f"{p.name} (@{p.handle}) — meant them?", f"@{p.handle}") for p in meant), *new],
                add, f"{fit(name, 40)} is not on the team yet…")

        def answer(text: str) -> str | None:
            if not text.strip():
                return "type a handle or a name"
            return give(text.strip())

        self.query_one(PromptBar).ask(self._asking(item_id, "Give", " to (handle or name):"), answer,
                                      placeholder="@{} or {}".format(*example_owner(self.app.store)))

    def _ask_date(self, label: str, item_id: str, what: Callable[[date | None], str],
                  apply: Callable[[date | None], object], *, allow_empty: bool, value: str = "",
                  unchanged: str = "Unchanged", future_only: bool = False) -> None:
        """Ask for a date and ``apply`` it; ``what`` says what was done with the day. ``future_only``:
        only a day after today (snoozed until yesterday or today would hide nothing); a due date may
        be set in the past, typed in full."""
        from smarkmeet.domain.dates import describe_choice, example_days, read_date

        if self.app.refuses_changes():  # type: ignore[attr-defined]
            return
        today = self.app.clock.today()

        def save(day: date | None) -> str | None:  # a date the log refuses stays typed, to be changed
            if future_only and day is not None and day < today:
                return f"{day:%a %d %b %Y} has passed; type a later day (empty wakes it now)"
            if future_only and day == today:  # (the snooze) hidden until today: hidden from nothing
                return "today: a snooze hides the item until a later day; type one, or leave it empty to wake it now"
            return None if self.change(item_id, what(day), lambda: apply(day), unchanged=unchanged) else NOT_SAVED

        def answer(text: str) -> str | None:
            if allow_empty and not text.strip():
                return save(None)
            reading = read_date(text, today, future_only=future_only)
            if reading.error:
                return reading.error
            if reading.ambiguous:
                choices = [(describe_choice(day, today), day) for day in reading.candidates]
                return self.query_one(PromptBar).choose(f"“{text.strip()}” could mean:", choices, save)
            return save(reading.value)

        self.query_one(PromptBar).ask(label, answer, value=value,
                                      placeholder=DATE_HINT.format(**example_days(self.app.clock.today())))



def _lower_first(what: str) -> str:
    """``Due date moved to Fri 11 Dec`` → ``due date moved to Fri 11 Dec`` (the day keeps its capital)."""
    return what[:1].lower() + what[1:]


ITEM_BINDINGS = [
    Binding("d", "done", "Done", id="items.done", tooltip="Mark the item done"),
    Binding("x", "drop", "Drop", id="items.drop", tooltip="Drop the item (no longer needed)"),
    Binding("u", "reopen", "Reopen", id="items.reopen", tooltip="Open a done or dropped item again"),
    Binding("z", "snooze", "Snooze", id="items.snooze", tooltip="Hide it from reviews until a date"),
    Binding("w", "reassign", "Reassign", id="items.reassign", tooltip="Give it to someone else"),
    Binding("e", "due", "Due date", id="items.due", tooltip="Change the due date"),
    Binding("ctrl+z", "undo", "Undo", id="items.undo", show=False, tooltip="Undo the last change"),
]


class ActionItemsScreen(ItemCommands, Screen):
    """Every action item across all meetings: filter as you type, sort, page, act."""

    AUTO_FOCUS = "#actions-table"  # the list from the first moment: "a/" from home filters, never types a /

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="actions.filter", tooltip="Type to filter"),
        Binding("enter", "open", "Detail", id="actions.open", show=False,
                tooltip="The item's carry history, origin and criticism"),
        *ITEM_BINDINGS,
        Binding("t", "next_status", "Status", id="actions.status", tooltip="Show open, done, dropped or all items"),
        Binding("o", "next_sort", "Sort", id="actions.sort", tooltip="Sort by the next column"),
        Binding("O", "reverse_sort", "Reverse", id="actions.reverse", show=False, tooltip="Reverse the sort"),
        Binding("right_square_bracket", "page(1)", "Next page", id="actions.next_page", show=False),
        Binding("left_square_bracket", "page(-1)", "Previous page", id="actions.prev_page", show=False),
        Binding("c", "toggle_completion", "Completion", id="actions.completion",
                tooltip="Completion rate by side and by owner"),
        Binding("p", "next_window", "Window", id="actions.window", show=False,
                tooltip="Completion over 4, 12, 26 or 52 weeks"),
        Binding("E", "export", "Export", id="actions.export", tooltip="Write the items shown as CSV or JSON"),
        Binding("escape", "back", "Back", id="actions.back", tooltip="Clear the filter, then go back"),
    ]

    def __init__(self, line: str = "", *, status: ActionStatus | None = ActionStatus.OPEN,
                 completion: bool = False) -> None:
        super().__init__()
        self._line = line
        self._opened_with = line.strip()  # the filter it was opened on (a person's items from the team)
        self._completion_first = completion  # opened with the completion panel shown (the palette's command)
        self._status_index = STATUS_CYCLE.index(status)
        self._sort = "due"
        self._descending = False
        self._offset = 0
        self._criteria = ActionFilter()
        self._total: int | None = 0  # None: being counted, after the table is repainted
        self._generation = 0  # bumped at every reload: a count for an older filter is dropped
        self._rows: list[ActionRow] = []
        self._window = 1
        self.last_export: tuple[str, tuple] | None = None  # what the last export said, and of which list

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield FilterLine(self._line, id="actions-filter", entered=self.filter_entered, hints=(
            "Filter: words  @owner  side:sales  overdue  carried:3  due:2026-11-01..2026-11-30  status:all",
            "Filter: words  @owner  side:sales  overdue  carried:3  due:..today  status:all",
            "Filter: words  @owner  overdue  status:all", "Filter"))
        yield Fitted(id="actions-status")
        yield PlainTable(id="actions-table", cursor_type="row", zebra_stripes=True)
        yield RowDetail(id="actions-detail")  # the highlighted item whole: the title column is cut
        with Horizontal(id="actions-completion", classes="box"):
            yield PlainTable(id="completion-side", cursor_type="none")
            yield PlainTable(id="completion-owner", cursor_type="none")
        yield PromptBar(id="actions-prompt")
        yield Footer()

    @cached_property
    def _longest_owner(self) -> int:
        """The longest name an item's owner can have (the team's, and people since gone who own an
        item): the owner column is as wide as that, at most its cap, so the titles get the rest. (A
        near-duplicate added by mistake and taken off the team, owning nothing, widened it for good.)"""
        log = self.app.store
        gone = [person for person in log.people.all(include_inactive=True) if not person.active]
        owning = log.actions.owners_among([person.id for person in gone]) if gone else set()
        names = [cell_width(person.name) + (0 if person.active else len(LEFT))
                 for person in log.people.all(include_inactive=True) if person.active or person.id in owning]
        return max([len("Owner"), *names])

    def on_mount(self) -> None:
        self.title = "Action items"
        self.query_one("#actions-completion").display = False
        self.query_one("#actions-completion").border_title = "Completion"
        self.reload()
        if self._completion_first:
            self.action_toggle_completion()
        self.query_one("#actions-table").focus()

    def on_screen_resume(self) -> None:
        self.shown()

    # -- reading ----------------------------------------------------------------

    @property
    def status(self) -> ActionStatus | None:
        return STATUS_CYCLE[self._status_index]

    @on(Input.Changed, "#actions-filter")
    def _typed(self) -> None:
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show the items the filter line selects, as it reads now (a change already shown, or
        one a moment old that the line has since moved past, reads nothing again)."""
        line = self.query_one("#actions-filter", Input).value
        if line != self._line:
            self._line = line
            self._offset = 0
            self.reload()

    def filter_entered(self) -> None:
        """The filter's Enter: its items shown, then the list, before the key typed next."""
        self.apply_filter()
        self.set_focus(self.query_one("#actions-table"))

    def reload(self, *, keep_cursor: bool = False) -> None:
        """Read the filter line, then the page of items it selects. ``keep_cursor``: the cursor
        stays on its item if the item is still on the page (a due date moved re-sorts it), else on
        its row (an item done leaves the open view: the next one comes under the cursor)."""
        log = self.app.store
        table = self.query_one("#actions-table", PlainTable)
        row_before = table.cursor_row if keep_cursor else 0
        item_before = self.item_id() if keep_cursor else None
        self._generation += 1
        reading = items.FilterReading(ActionFilter(status=self.status))  # until the line is read
        try:
            reading = items.read_filter_line(log, self._line, status=self.status)  # reads people for @owner
            self._criteria = reading.criteria
            self._rows = self._page()
            if not self._rows and self._offset:  # the last page emptied: show the one before
                self._offset = max(0, self._offset - PAGE_SIZE)
                self._rows = self._page()
            # a short first page is the whole count; otherwise the count comes after the table is
            # repainted, so a keystroke waits only for the page (a count scans every match)
            short = self._offset == 0 and len(self._rows) < PAGE_SIZE
            self._total = len(self._rows) if short else None
        except sqlite3.Error as error:  # a damaged page, a disk error: said in the status line
            self._criteria = reading.criteria
            self._rows, self._total = [], 0
            reading = items.FilterReading(reading.criteria, reading.described,
                                          (*reading.problems, f"the log could not be read ({error})"))
        if item_before is not None:
            row_before = next((n for n, row in enumerate(self._rows) if row.id == item_before), row_before)
        self._fill(table, row_before)
        self._say(reading)
        if self._total is None:
            self.call_after_refresh(self._count, self._generation, reading)

    def _count(self, generation: int, reading: items.FilterReading) -> None:
        if generation == self._generation:  # else the filter has changed since: its own count follows
            self.total  # noqa: B018 -- counts now
            self._say(reading)

    @property
    def total(self) -> int:
        """How many items match the filter (counted now if not yet)."""
        if self._total is None:
            try:
                self._total = self.app.store.actions.count(self._criteria)
            except sqlite3.Error:  # the rows shown were read; say at least those
                self._total = self._offset + len(self._rows)
        return self._total

    def _page(self) -> list[ActionRow]:
        return self.app.store.actions.page(self._criteria, sort=self._sort, descending=self._descending,
                                           offset=self._offset, limit=PAGE_SIZE)

    def _columns(self) -> list[tuple[str, str]]:
        """The columns shown at this width: side from SIDE_FROM columns, side and origin not when compact."""
        compact = self.size.width < COMPACT_BELOW
        return [(key, label) for key, label in COLUMNS if not (compact and key in ("side", "from"))
                and not (key == "side" and self.size.width < SIDE_FROM)]

    def _fill(self, table: PlainTable, row: int) -> None:
        today = self.app.clock.today()
        compact = self.size.width < COMPACT_BELOW
        shown = self._columns()
        owner_width = min(12 if compact else 18, self._longest_owner)
        # the status as wide as this page's widest ("snoozed 12 Dec" only where one is snoozed):
        # a fixed 14 cells left "overdue" 7 blank ones the titles were cut for
        statuses = [status_text(item, today) for item in self._rows]
        status_width = 8 if compact else max([8, *(status.cell_len for status in statuses)])
        fixed = {"due": 10, "status": status_width, "owner": owner_width, "side": 9, "carried": 7, "from": 10}  # ("Carried": its header; 12× fits)
        title_width = max(20, self.size.width - 4 - sum(fixed[key] + 2 for key, _ in shown if key != "title") - 2)
        layout = (tuple(key for key, _ in shown), self._sort, self._descending, title_width)
        if layout != getattr(self, "_layout", None):  # rebuild the columns only when they change
            self._layout = layout
            table.clear(columns=True)
            for key, label in shown:
                if key == self._sort:
                    label += " ▼" if self._descending else " ▲"
                # explicit widths: auto widths shrink to the header when the columns are rebuilt
                table.add_column(label, key=key, width=title_width if key == "title" else fixed[key])
        else:
            table.clear()
        rows = []
        for item, status in zip(self._rows, statuses, strict=True):
            cells = {
                "due": item.due_date.strftime("%d %b ’%y") if item.due_date else "—",
                "status": status,
                "owner": owner_text(item, width=owner_width),
                "side": item.side.value if item.side else "—",
                "carried": Text(f"{item.carry_count}×" if item.carry_count else "", justify="right",
                                style="bold yellow" if item.carry_count >= 3 else ""),
                "from": item.origin_meeting_date.strftime("%d %b ’%y") if item.origin_meeting_date else "—",
                "title": fit(item.title, title_width),
            }
            rows.append([cells[key] for key, _ in shown])
        table.add_rows(rows, keys=[item.id for item in self._rows])
        if self._rows:
            table.move_cursor(row=min(row, len(self._rows) - 1))
        self._show_detail()  # a refill keeping the cursor's row highlights nothing new

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_BELOW, "-short")  # the completion panel leaves the list rows
        if self.is_mounted:
            self._fill(self.query_one("#actions-table", PlainTable), self.query_one("#actions-table").cursor_row)
            if self.query_one("#actions-completion").display:  # its columns are chosen for the width
                self._show_completion()

    def _say(self, reading: items.FilterReading) -> None:
        text = Text()
        if self._rows:
            text.append(f"{self._offset + 1:,}–{self._offset + len(self._rows):,}", style="bold")
            text.append(" of ")
            text.append("…" if self._total is None else f"{self._total:,}", style="bold")
        elif not self.app.store.one("SELECT 1 AS any_item FROM action_items LIMIT 1"):
            # a new log: no filter hides anything ("No items match · open" read as if one did)
            text.append("No action items yet", style="bold")
            text.append(": they are added in a meeting (its wrap-up's quick-add line, or ctrl+r in any section)")
            self.query_one("#actions-status", Static).update(text)
            return
        else:
            text.append("No items", style="bold")
            text.append(" match")
        facts: list = [*reading.described,
                       f"sorted by {dict(COLUMNS)[self._sort].lower()} {'▼' if self._descending else '▲'}"]
        paging = self._total is None or self._total > PAGE_SIZE
        after = Text()
        if reading.problems:
            after.append("\n⚠ " + " · ".join(reading.problems), style="red")
        # where the export went, while the list is the one exported ("11 action items written…"
        # under a list of 4 done ones read as if it were theirs)
        if self.last_export and self.last_export[1] == (self._criteria, self._sort, self._descending):
            after.append(f"\n{self.last_export[0]}", style="green")

        if paging:
            facts.append(("  ", Text("] next page · [ previous", style="dim")))

        def line(room: int) -> Text:  # broken between facts ("sorted" / "by due" at 80 columns)
            return facts_line(text.copy(), facts, room).append_text(after)

        self.query_one("#actions-status", Fitted).show(line)

    def item_id(self) -> str | None:
        table = self.query_one("#actions-table", PlainTable)
        if not self._rows or table.cursor_row < 0 or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row].id

    def shown(self) -> None:
        """After a change: the page again, and the completion figures it may have moved."""
        self.reload(keep_cursor=True)
        if self.query_one("#actions-completion").display:
            self._show_completion()

    def show_item(self, item_id: str) -> None:
        """The cursor back on an item put right by ctrl+z, if this page lists it: after `d` it had
        moved on, and the next `d` closed another item."""
        row = next((n for n, listed in enumerate(self._rows) if listed.id == item_id), None)
        if row is not None:
            self.query_one("#actions-table", PlainTable).move_cursor(row=row)

    # -- keys -------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#actions-filter", Input))  # at once: the words typed after / are its

    def action_back(self) -> None:
        field = self.query_one("#actions-filter", Input)
        if self.focused is field:
            self.set_focus(self.query_one("#actions-table"))  # at once: the keys typed next are the list's
        elif field.value and field.value.strip() != self._opened_with:
            field.value = ""
        else:  # opened on a filter (a person's items, from the team): one Esc goes back there, not
            self.app.pop_screen()  # to every item, where x on the next row dropped someone else's

    def action_open(self) -> None:
        if item_id := self.item_id():
            self.app.open_action(item_id)

    @on(PlainTable.RowHighlighted, "#actions-table")
    def _highlighted(self) -> None:
        self._show_detail()
        self.refresh_bindings()  # Done and Drop, or Reopen, as the item under the cursor stands

    def item_status(self) -> ActionStatus | None:
        table = self.query_one("#actions-table", PlainTable)
        if not self._rows or not 0 <= table.cursor_row < len(self._rows):
            return None
        return self._rows[table.cursor_row].status

    def _show_detail(self) -> None:
        line = self.query_one("#actions-detail", RowDetail)
        table = self.query_one("#actions-table", PlainTable)
        row = self._rows[table.cursor_row] if self._rows and 0 <= table.cursor_row < len(self._rows) else None
        line.display = row is not None
        line.update(describe_row(row, self.app.clock.today()) if row is not None else "")

    @on(PlainTable.RowSelected, "#actions-table")
    def _selected(self, event: PlainTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_next_status(self) -> None:
        said = next((word for word in self._line.split() if word.casefold().startswith(("status:", "is:"))), None)
        if said:  # the line's token overrides the toggle: t changed nothing on screen, silently
            self.notify(f"The filter's {said} decides which items show: take it out of the filter to use t.",
                        severity="warning", markup=False)
            return
        if any(word.casefold() == "overdue" for word in self._line.split()):  # overdue: open items only
            self.notify("The filter's overdue shows open items only: take it out of the filter to use t.",
                        severity="warning", markup=False)
            return
        self._status_index = (self._status_index + 1) % len(STATUS_CYCLE)
        self._offset = 0
        self.reload()

    def action_next_sort(self) -> None:
        keys = list(SORTS)
        shown = [key for key, _ in self._columns()]  # a sort by a column out of sight read as no order
        self._sort = shown[(shown.index(self._sort) + 1) % len(shown)] if self._sort in shown else keys[0]
        self._descending = self._sort == "carried"  # most carried first is what one looks for
        self._offset = 0
        self.reload()

    def action_reverse_sort(self) -> None:
        self._descending = not self._descending
        self._offset = 0
        self.reload()

    def action_page(self, step: int) -> None:
        offset = self._offset + step * PAGE_SIZE
        if offset < 0 or offset >= self.total:
            self.notify("No more pages that way.", severity="information", timeout=2)
            return
        self._offset = offset
        self.reload()

    # -- completion -------------------------------------------------------------

    def action_toggle_completion(self) -> None:
        box = self.query_one("#actions-completion")
        box.display = not box.display
        if box.display:
            self._show_completion()

    def action_next_window(self) -> None:
        self._window = (self._window + 1) % len(COMPLETION_WEEKS)
        box = self.query_one("#actions-completion")
        box.display = True
        self._show_completion()

    def _show_completion(self) -> None:
        weeks = COMPLETION_WEEKS[self._window]
        today = self.app.clock.today()
        start = today - timedelta(weeks=weeks)
        log = self.app.store
        box = self.query_one("#actions-completion")
        # the years said: 52 weeks back, "06 Dec – 05 Dec" read as an empty range
        since = f"{start:%d %b}" if start.year == today.year else f"{start:%d %b %Y}"
        # narrow, the formula gives way: at 80 columns the window and "p changes" were cut off
        formula = " of" if self.size.width < COMPACT_BELOW else " — done by the due date ÷ due,"
        box.border_title = (f"Completion{formula} items due {since} – {today:%d %b %Y} "
                            f"({weeks} weeks · p changes)")
        for table_id, by, label in (("#completion-side", "side", "Side"), ("#completion-owner", "owner", "Owner")):
            table = self.query_one(table_id, PlainTable)
            table.clear(columns=True)
            compact = self.size.width < COMPACT_BELOW  # the rate matters most: late goes first
            table.add_columns(label, "Rate", "Due", "On time", *([] if compact else ["Late", "Not done"]))
            rows = log.actions.completion(start, today, today, by=by)
            if by == "owner":  # the lowest rates first: at 80x24 the owners below the fold were the ones to talk about
                rows = sorted(rows, key=lambda row: (row.rate is None, row.rate or 0.0))
            # the total first: in a short window the panel scrolls, and at 80x24 the owners' "All"
            # was below its fold, with three owners, out of reach of any key
            for row in [_total(rows), *rows] if rows else []:
                not_done = row.due - row.done_on_time - row.done_late  # open past its due date
                late = [] if compact else [Text(f"{row.done_late:,}", justify="right"),
                                           Text(f"{not_done:,}", justify="right", style="bold red" if not_done else "")]
                table.add_row(
                    fit(row.group, 14) if row.group is not None else "(none)", _rate_text(row.rate),
                    Text(f"{row.due:,}", justify="right"), Text(f"{row.done_on_time:,}", justify="right"), *late,
                )
            if not rows:
                table.add_row("No items came due.", "", "", "", *([] if compact else ["", ""]))
        self.call_after_refresh(self._say_owners_left_out)

    def _say_owners_left_out(self) -> None:
        """The owners the panel's height leaves out, said below it (the table cannot be scrolled
        by a key: its rows are figures, not a list to move in)."""
        table = self.query_one("#completion-owner", PlainTable)
        hidden = max(0, table.row_count - max(0, table.size.height - 1))  # (less its header row)
        self.query_one("#actions-completion").border_subtitle = (
            f"{hidden} owner{'s' if hidden != 1 else ''} more, at higher rates: a taller window shows all"
            if hidden and table.size.height
            else "")

    # -- export -----------------------------------------------------------------

    def action_export(self) -> None:
        count = self.total
        choices = [("CSV (opens in a spreadsheet)", "csv"), ("JSON", "json")]
        self.app.push_screen(ChoiceDialog(f"Export the {count:,} item(s) that match?", choices), self._export)

    def _export(self, fmt: str | None) -> None:
        if fmt is None:
            return
        from smarkmeet.services.export import ACTION_COLUMNS, action_records, write_records

        criteria, sort, descending = self._criteria, self._sort, self._descending  # the list as shown

        def written(message: str | None) -> None:
            if not message:
                return  # (not written: the app said why)
            if self.is_attached and (self._criteria, self._sort, self._descending) == (criteria, sort, descending):
                self.last_export = (message, (criteria, sort, descending))
                self.reload(keep_cursor=True)
            else:  # the screen left, or another list shown, while it was written: said where all the same
                self.app.notify(message, title="Exported", timeout=10, markup=False)

        self.app.export_new(
            f"actions-{self.app.clock.today().isoformat()}.{fmt}",
            lambda log, out: write_records(action_records(log, criteria, sort=sort, descending=descending),
                                           ACTION_COLUMNS, fmt, out),
            what="action items", done=written, said_by_caller=True,  # on the status line, not over the rows
        )

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("actions: Show overdue items", "Open items past their due date",
                             lambda: self._set_line("overdue"))
        yield PaletteCommand("actions: Show items carried 3+ times", "What keeps slipping",
                             lambda: self._set_line("carried:3"))
        yield PaletteCommand("actions: Completion rate", "Done by the due date ÷ due, by side and owner",
                             self.action_toggle_completion)
        yield PaletteCommand("actions: Export shown items", "Write the matching items as CSV or JSON",
                             self.action_export)

    def _set_line(self, line: str) -> None:
        self.query_one("#actions-filter", Input).value = line


def _total(rows: list[CompletionRow]) -> CompletionRow:
    return CompletionRow("All", sum(r.due for r in rows), sum(r.done_on_time for r in rows),
                         sum(r.done_late for r in rows))


def _rate_text(rate: float | None) -> Text:
    if rate is None:
        return Text("—", justify="right", style="dim")
    style = "bold green" if rate >= 0.9 else "bold yellow" if rate >= 0.7 else "bold red"
    return Text(percent(rate, against=0.9 if rate >= 0.7 else 0.7), justify="right", style=style)


class ActionDetailScreen(ItemCommands, Screen):
    """One item: what it is, where it came from, each time it was carried, what criticism it answers."""

    BINDINGS = [
        *ITEM_BINDINGS,
        Binding("m", "origin", "Origin meeting", id="action.origin", tooltip="Reread the meeting it came from"),
        Binding("n", "note", "Criticism", id="action.note", tooltip="The criticism note it was made from"),
        Binding("escape", "app.pop_screen", "Back", id="action.back", tooltip="Back to the previous screen"),
    ]

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self._item_id = item_id

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="action-detail"):
            yield Static(id="action-facts", classes="box")
            with Vertical(id="action-carries-box", classes="box"):
                yield PlainTable(id="action-carries", cursor_type="none")
            yield Static(id="action-notes", classes="box")
            with Vertical(id="action-history-box", classes="box"):
                yield PlainTable(id="action-history", cursor_type="none")
        yield PromptBar(id="action-prompt")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Action item"
        self.query_one("#action-facts").border_title = "Item"
        self.query_one("#action-carries-box").border_title = "Carried"
        self.query_one("#action-notes").border_title = "Criticism it answers"
        self.query_one("#action-history-box").border_title = "Every change"
        self.shown()
        self.query_one("#action-detail").focus()

    def item_id(self) -> str | None:
        return self._item_id

    def shown(self) -> None:
        log = self.app.store
        try:
            row = log.actions.row(self._item_id)
        except LookupError:
            self.query_one("#action-facts", Static).update(Text(f"No action item with id {self._item_id}."))
            return
        today = self.app.clock.today()
        # Text built from pieces: what the team typed is never read as markup
        facts = Text.assemble((row.title, "bold"), "\n")
        owner = Text.assemble(row.owner_name or "—", f" (@{row.owner_handle})" if row.owner_handle else "",
                              (" — left the team: w gives the item to someone on it", "yellow") if row.owner_left
                              else "")
        origin = Text("—")
        if row.origin_meeting_date:
            origin = Text(f"{row.origin_meeting_date:%a %d %b %Y}"
                          + (f" · {row.origin_section_title}" if row.origin_section_title else ""))
            origin.append("  (m rereads it)", style="dim")
        lines: list[tuple[str, Text | str]] = [
            ("Owner", owner),
            ("Side", row.side.value if row.side else "—"),
            ("Status", status_text(row, today)),
            ("Due", f"{row.due_date:%a %d %b %Y}" if row.due_date else "—"),
            ("Carried", f"{row.carry_count}×"),
            ("From", origin),
            ("Created", f"{row.created_at:%a %d %b %Y %H:%M}"),
        ]
        if row.done_at:
            lines.append(("Done", f"{row.done_at:%a %d %b %Y %H:%M}"))
        if row.snoozed_until:
            lines.append(("Snoozed", f"until {row.snoozed_until:%a %d %b %Y}"))
        # label and value side by side: a value that wraps stays under its start, not under the label
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=9, no_wrap=True)
        grid.add_column(ratio=1)
        for label, value in lines:
            grid.add_row(label, value if isinstance(value, Text) else Text(value))
        self.query_one("#action-facts", Static).update(Group(facts, grid, Text(f"\nid {row.id}", style="dim")))

        carries = self.query_one("#action-carries", PlainTable)
        carries.clear(columns=True)
        carries.add_columns("When", "In meeting", "Due before", "Due after")
        for carry in log.actions.carry_history(self._item_id):
            carries.add_row(carry["carried_at"][:16].replace("T", " "),
                            carry["meeting_date"] or "—", carry["previous_due"] or "—", carry["new_due"] or "—")
        if not carries.row_count:
            carries.add_row("Never carried", "", "", "")

        notes = log.actions.linked_notes(self._item_id)
        self._note_id = notes[0]["id"] if notes else None
        text = Text()
        for note in notes:
            text.append(f"{note['from_side']} → {note['to_side']}", style="bold")
            text.append(f" ({note['status']}, {note['created_at'][:10]}): {note['observation']}\n")
            if note["request"]:
                text.append(f"  Request: {note['request']}\n")
        if notes:
            text.append("n opens it in the criticism log", style="dim")
        else:
            text.append("Not made from a criticism note.", style="dim")
        self.query_one("#action-notes", Static).update(text)

        history = self.query_one("#action-history", PlainTable)
        history.clear(columns=True)
        history.add_columns("When", "What", "Meeting")
        names = {person.id: person.name for person in log.people.all(include_inactive=True)}
        changes = [(change, _change_text(change, names)) for change in log.actions.history(self._item_id)]
        # the meeting's title cut with … to what the box leaves (it ran off its edge at 80
        # columns: "2026-10-19 Weekly smarke"); its date always whole
        room = self.app.size.width - 4 - 2 - 16 - max([4, *(len(what) for _, what in changes)]) - 3 * 2
        for change, what in changes:
            meeting = (fit(f"{change['meeting_date']} {change['meeting_title']}", max(10, room))
                       if change["meeting_date"] else "—")
            history.add_row(change["at"][:16].replace("T", " "), what, meeting)

    def action_origin(self) -> None:
        row = self.app.store.actions.row(self._item_id)
        if row.origin_meeting_id is None:
            self.notify("This item was not made in a meeting.", severity="information")
            return
        self.app.open_meeting_record(row.origin_meeting_id)

    def action_note(self) -> None:
        if getattr(self, "_note_id", None) is None:
            self.notify("This item was not made from a criticism note.", severity="information")
            return
        self.app.open_criticism(self._note_id)


def _change_text(change: dict, names: dict[str, str]) -> str:
    """One change to an item, as said in its history: "owner → Priya Raman, side → sales"."""
    data = json.loads(change["data"])
    if change["action"] == "insert":
        return "created"
    shown = []
    for name, value in data.items():
        if name in ("closed_in_meeting_id",):
            continue
        label = {"done_at": "done at", "due_date": "due", "snoozed_until": "snoozed until", "owner_id": "owner",
                 "carry_count": "carried"}.get(name, name)
        if name == "owner_id":  # "owner → changed" did not say to whom
            value = names.get(value, "someone no longer in the log") if value else "no one"
        elif isinstance(value, str) and name in ("done_at", "due_date", "snoozed_until"):
            value = _when(value)  # "done at → 2026-11-14T16:00:00+00:00" was the log's own form
        shown.append(f"{label} → {value if value is not None else '—'}")
    return ", ".join(shown) or change["action"]


def _when(value: str) -> str:
    """A date or time from an entry as the screens write them: ``Sat 14 Nov 2026 16:00`` (as it
    was written, as the history's own times are), ``Fri 11 Dec 2026``; the text if unreadable."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{moment:%a %d %b %Y}" if len(value) <= 10 else f"{moment:%a %d %b %Y %H:%M}"
