"""The team screen: who is on the team; add someone, put right how they are written, someone leaving or coming back."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from smarkmeet.domain.enums import ActionStatus
from smarkmeet.store.actions import ActionFilter
from smarkmeet.domain.models import Person
from smarkmeet.services import team
from smarkmeet.store.errors import LogError
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import day_month, fit
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.table import PlainTable

TEAM_COLUMNS = ("Name", "Handle", "Side", "Role", "Open items", "Last here", "")


class TeamScreen(Screen):
    BINDINGS = [
        Binding("n", "add", "Add", id="team.add", tooltip="Add someone to the team"),
        Binding("e", "edit", "Edit", id="team.edit", tooltip="Put right how the person under the cursor is written"),
        Binding("x", "leave", "Leaves", id="team.leave",
                tooltip="Take them off the team; their items, verdicts and attendance stay in the log"),
        Binding("b", "come_back", "Back on team", id="team.back", tooltip="Put someone who left back on the team"),
        Binding("h", "toggle_everyone", "Left & guests", id="team.everyone",
                tooltip="Show or hide the people who left and the guests"),
        Binding("a", "items", "Their items", id="team.items",
                tooltip="The open action items of the person under the cursor, to hand them on (w there)"),
        Binding("escape", "back", "Back", id="team.back_screen", tooltip="Back to the previous screen"),
    ]

    everyone: reactive[bool] = reactive(False, init=False)
    """Whether the people who left and the guests are listed (dimmed) after the team."""

    def __init__(self) -> None:
        super().__init__()
        self._members: list[team.Member] = []
        self._shown_columns: tuple[int, ...] = ()  # of TEAM_COLUMNS, as many as fit

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield PlainTable(id="team-list", classes="box", cursor_type="row", zebra_stripes=True)
        yield Static(id="team-person", classes="box")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Team"
        table = self.query_one(DataTable)
        table.border_title = self._list_title()
        self.query_one("#team-person").border_title = "Person"
        self.refresh_team()
        self.call_after_refresh(self._show_person)  # laid out: the panel knows how many items it has room for

    def on_resize(self) -> None:
        if self._shown_columns and self._shown_columns != self._columns_that_fit(self._cells()):
            self.refresh_team()
        else:
            self.call_after_refresh(self._show_person)

    # -- showing ------------------------------------------------------------------

    def refresh_team(self, select: str | None = None) -> None:
        """Read the team again; keep the cursor on ``select`` or the same person."""
        table = self.query_one(DataTable)
        current, row = self.selected(), table.cursor_row
        select = select or (current.id if current else None)
        self._members = team.members(self.app.store, everyone=self.everyone)
        rows = self._cells()
        shown = self._columns_that_fit(rows)
        if (over := self._width(rows, shown) - (self.size.width - 6)) > 0 and self.size.width:
            rows = self._cells(max(12, 32 - over))  # the fewest columns still too wide: names are cut to fit
        # (columns made anew each time: a column keeps the width of its widest cell ever shown)
        self._shown_columns = shown  # what is left out, the person panel below says
        table.clear(columns=True)
        table.add_columns(*(TEAM_COLUMNS[n] if n != 4 or 5 in shown else "Items" for n in shown))
        for member, cells in zip(self._members, rows, strict=True):
            table.add_row(*(cells[n] for n in shown), key=member.person.id)
        keys = [member.person.id for member in self._members]
        if keys:  # the same person, else the row it was on (someone who left may just have left the list)
            table.move_cursor(row=keys.index(select) if select in keys else min(row, len(keys) - 1))
        self._show_person()

    def _cells(self, name_width: int = 32) -> list[list[Text]]:
        rows = []
        for member in self._members:
            person = member.person
            dim = "" if person.active and not person.guest else "dim"
            status = "left" if not person.active else "guest" if person.guest else ""
            rows.append([
                Text(fit(person.name, name_width), style=dim), Text(f"@{person.handle}", style=dim),
                Text(person.side.value, style=dim), Text(fit(person.role, 28), style=dim),
                # a count: 0, as `team list` prints it ("—" is no data everywhere else)
                Text(str(member.open_items), style=dim or ("" if member.open_items else "dim"), justify="right"),
                Text(f"{member.last_present:%d %b %Y}" if member.last_present else "—", style=dim),
                Text(status, style="dim italic"),
            ])
        return rows

    def _columns_that_fit(self, rows: list[list[Text]]) -> tuple[int, ...]:
        """The columns shown: all that fit the window; else the last meeting goes, then the role
        (at 80 columns the role was left out whatever its length, beside 35 empty columns)."""
        room = self.size.width - 6  # the box's border and padding, and the scrollbar's room
        status = () if all(not row[6].plain for row in rows) else (6,)  # no one left or a guest: no column
        for shown in ((0, 1, 2, 3, 4, 5, *status), (0, 1, 2, 3, 4, *status), (0, 1, 2, 4, *status)):
            if self._width(rows, shown) <= room:
                return shown
        return (0, 1, 2, 4, *status)

    @staticmethod
    def _width(rows: list[list[Text]], shown: tuple[int, ...]) -> int:
        """The cells the table takes with these columns (each as wide as its widest, padded)."""
        def width(n: int) -> int:
            header = "Items" if n == 4 and 5 not in shown else TEAM_COLUMNS[n]
            return max([len(header), *(row[n].cell_len for row in rows)]) + 2  # a cell's padding
        return sum(width(n) for n in shown)

    def selected(self) -> Person | None:
        member = self._selected_member()
        return member.person if member else None

    def _selected_member(self) -> team.Member | None:
        table = self.query_one(DataTable)
        if self._members and 0 <= table.cursor_row < len(self._members):
            return self._members[table.cursor_row]
        return None

    def _show_person(self) -> None:
        panel = self.query_one("#team-person", Static)
        member = self._selected_member()
        if member is None:
            panel.update("No one on the team yet: n adds someone.")
            return
        person = member.person
        facts = [person.side.value, person.role, person.email]
        lines = [Text.assemble((person.name, "bold"), f"  @{person.handle}"),
                 Text(" · ".join(fact for fact in facts if fact))]
        if not person.active:
            lines.append(Text("Left the team: not on the check-in list, not offered as a new item's owner "
                              "(b puts them back)", style="yellow"))
        elif person.guest:
            lines.append(Text("A guest: checked in with g in the meeting, not on every check-in (e makes them a "
                              "team member)", style="dim"))
        lines.append(Text(f"Last checked in at the meeting of {member.last_present:%a %d %b %Y}"
                          if member.last_present else "Never checked in at a meeting"))
        if not member.open_items:
            lines.append(Text("Owns no open action items"))
        else:
            lines.append(Text(f"Owns {member.open_items} open item(s) — a lists them, w there hands one on:"))
            lines += self._open_items(person.id, member.open_items)
        panel.update(Text("\n").join(lines))

    def _open_items(self, person_id: str, count: int) -> list[Text]:
        """The items they own, soonest due first, as many as the panel has lines for."""
        room = max(1, self.query_one("#team-person").content_size.height - 5)
        rows = self.app.store.actions.page(ActionFilter(status=ActionStatus.OPEN, owner_ids=(person_id,)), sort="due",
                                           limit=room if count <= room else room - 1)
        today = self.app.clock.today()  # type: ignore[attr-defined]
        width = self.query_one("#team-person").content_size.width
        lines = []
        for row in rows:
            late = row.due_date is not None and row.due_date < today
            due = "no due date" if row.due_date is None else f"due {day_month(row.due_date, today)}" + (" (overdue)" if late else "")
            title = fit(row.title, max(12, min(70, width - len(due) - 6)))  # one line each
            lines.append(Text.assemble("  • ", title, "  ", (due, "red" if late else "dim")))
        if count > len(rows):
            lines.append(Text(f"  … and {count - len(rows)} more", style="dim"))
        return lines

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_person()

    def watch_everyone(self) -> None:
        self.query_one(DataTable).border_title = self._list_title()
        self.refresh_team()

    def _list_title(self) -> str:
        shown = "h hides who left and guests" if self.everyone else "h shows who left and guests"
        return f"Team — n add · e edit · x leaves · b back on the team · {shown}"

    # -- acting -------------------------------------------------------------------

    def _saving(self, work: Callable[[], Any], done: Callable[[Any], str]) -> str | None:
        """Run a write; None once it landed, else what went wrong in words (the form shows it)."""
        try:
            result = work()
        except (team.TeamError, LogError) as error:
            return str(error)
        person = result[0] if isinstance(result, tuple) else getattr(result, "person", result)
        self.refresh_team(select=person.id)
        self.notify(done(result), timeout=4, markup=False)
        return None

    def action_add(self) -> None:
        from smarkmeet.tui.widgets.personform import PersonForm

        if self.app.refuses_changes():  # type: ignore[attr-defined]
            return

        def save(fields: dict[str, Any]) -> str | None:
            from smarkmeet.services.people import close_names

            alike = close_names(self.app.store, str(fields.get("name", "")))

            def said(person) -> str:  # a typo of someone on the team: said while it is easy to put right
                if not alike:
                    return team.added_as(person)
                return (f"{team.added_as(person)}. The name is close to {alike[0].name} (@{alike[0].handle}): "
                        "if they were meant, x takes this one off the team.")

            return self._saving(lambda: team.add_member(self.app.store, **fields), said)

        self.app.push_screen(PersonForm("Add someone to the team", save))

    def action_edit(self) -> None:
        from smarkmeet.tui.widgets.personform import PersonForm

        person = self.selected()
        if person is None:
            self.notify("No one to edit: n adds someone.", severity="warning")
            return
        if self.app.refuses_changes():  # type: ignore[attr-defined]
            return

        def save(fields: dict[str, Any]) -> str | None:
            changes = {key: value for key, value in fields.items() if value is not None}  # no handle: keep it

            def saved(result: tuple[Person, int]) -> str:
                edited, moved = result
                return f"Saved {edited.name} (@{edited.handle})" + (
                    f"; {moved} open item(s) of theirs moved to {edited.side.value}" if moved else "")
            return self._saving(lambda: team.edit_member(self.app.store, person.id, changes), saved)

        self.app.push_screen(PersonForm(f"Edit {fit(person.name, 40)} — their items stay theirs", save, person))

    def action_leave(self) -> None:
        from smarkmeet.tui.widgets.dialogs import ConfirmDialog

        member = self._selected_member()
        if member is None:
            self.notify("No one to take off the team.", severity="warning")
            return
        person = member.person
        if not person.active:
            self.notify(f"{person.name} has already left the team (b puts them back).", severity="warning",
                        markup=False)
            return
        if self.app.refuses_changes():  # type: ignore[attr-defined]
            return
        items = (f" They still own {member.open_items} open item(s): keep them, then a lists the items, to reassign."
                 if member.open_items else "")
        first = person.name.split()[0]
        # a guest is on no team: "off the team" read oddly; the answers name the person, not "them"
        # (after "they still own 2 items", "Take them off" read as the items)
        where = "the guests" if person.guest else "the team"
        question = (f"Take {fit(person.name, 36)} off {where}? Nothing is deleted: their items, verdicts "
                    f"and attendance stay in the log.{items}")
        self.app.push_screen(ConfirmDialog(question, f"Take {fit(first, 20)} off {where}", f"Keep {fit(first, 20)}"),
                             lambda yes: yes and self._leave(person.id))

    def _leave(self, person_id: str) -> None:
        def left(gone: team.Departure) -> str:
            return f"{gone.person.name} left the team" + (
                f"; they still own {gone.open_items} open item(s)" if gone.open_items else "") + (
                f"; the meeting of {gone.unfacilitated[0]:%a %d %b} has no facilitator now" if gone.unfacilitated
                else "")
        problem = self._saving(lambda: team.leave(self.app.store, person_id), left)
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def action_come_back(self) -> None:
        person = self.selected()
        if person is None or person.active:
            self.notify("b puts back someone who left: h lists them.", severity="warning")
            return
        if self.app.refuses_changes():  # type: ignore[attr-defined]
            return
        problem = self._saving(lambda: team.come_back(self.app.store, person.id),
                               lambda back: f"{back.name} is back on the team")
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def action_items(self) -> None:
        """The action items screen on this person's open items (the panel lists the first few)."""
        from smarkmeet.tui.screens.actions import ActionItemsScreen

        person = self.selected()
        if person is None:
            return
        self.app.push_screen(ActionItemsScreen(f"@{person.handle}"))

    def action_toggle_everyone(self) -> None:
        self.everyone = not self.everyone

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("team: Add someone", "n — to sales, marketing, or as a guest", self.action_add)
        yield PaletteCommand("team: Edit person", "e — the person under the cursor", self.action_edit)
        yield PaletteCommand("team: Take off the team", "x — someone leaving; nothing is deleted", self.action_leave)
        yield PaletteCommand("team: Back on the team", "b — someone who left", self.action_come_back)
        yield PaletteCommand("team: Their action items", "a — the open items of the person under the cursor",
                             self.action_items)
        yield PaletteCommand("team: Hide who left and guests" if self.everyone else "team: Show who left and guests",
                             "h — they are dimmed", self.action_toggle_everyone)
        yield PaletteCommand("team: Back", "Esc — back to the previous screen", self.action_back)
