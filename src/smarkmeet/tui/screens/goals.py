"""The goals screen: add, edit and retire shared goals; see what each needs from the funnel."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from smarkmeet.domain.metrics import percent
from smarkmeet.domain.views import GoalStatus
from smarkmeet.services import funnel as funnels
from smarkmeet.services import goals
from smarkmeet.store.errors import LogError
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import RAG_STYLE, amount, facts_line, fit
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.table import PlainTable

COMPACT_BELOW = 100  # columns; narrower terminals drop the metric, owner, period and attainment columns


class GoalFunnelPanel(Horizontal):
    """What the selected goal needs from the funnel (left) and the stage rates used (right); takes models in."""

    def compose(self) -> ComposeResult:
        yield Static(id="goal-funnel-needs")
        yield Static(id="goal-funnel-rates")

    def show(self, status: GoalStatus | None, funnel: funnels.GoalFunnel | None,
             rates: funnels.FunnelRates | None, problem: str | None = None, *, compact: bool = False,
             currency: str = "") -> None:
        needs, shown_rates = self.query_one("#goal-funnel-needs", Static), self.query_one("#goal-funnel-rates", Static)
        if status is None:
            self.border_title = "Funnel-derived targets"
            needs.update("No goals yet: [b]n[/b] adds one.")
            shown_rates.update("")
            return
        goal = status.goal
        # the goal's name and metric, and the settings quoted by a problem or basis, are the team's
        # words: each goes in as a $variable, which Content takes as text, never as markup
        self.border_title = Content.from_markup("Funnel-derived targets — $name", name=fit(goal.name, 50))
        # the line between amber and red, as the goal sets it: "88% amber" is read against it
        # broken between facts, never inside one ("target 25" / "· amber from 80%" at 80 columns)
        facts = [goal.owner_side.value, goal.period.value, f"target {amount(goal.target, goal.unit, currency)}",
                 f"amber from {goal.amber_threshold * 100:g}%", *(["retired"] if goal.retired_at else [])]
        room = needs.content_region.width or 1000  # (not laid out yet: shown again once it is)
        lines = [Content.from_rich_text(facts_line(Text(goal.metric, style="dim"), facts, room, style="dim")),
                 Content()]
        if problem:
            lines.append(Content.from_markup("[red]⚠ $problem[/red]", problem=problem))
        elif funnel is None:
            lines.append(Content("No funnel-derived targets: only revenue and customer goals are "
                                 "worked back through the funnel."))
        elif not funnel.steps:
            lines.append(Content.from_markup("[yellow]⚠[/yellow] No funnel-derived targets: $basis.",
                                             basis=funnel.basis))
        else:
            lines.append(Content.from_markup(f"Needed per {funnel.per} [dim](rounded up)[/dim]"))
            lines += [Content.from_markup(f"  {step.stage:<10}[b]{funnels.shown_need(step.needed):>7}[/b]")
                      for step in funnel.steps]
            lines.append(Content.from_markup("[dim]$basis.[/dim]", basis=funnel.basis[0].upper() + funnel.basis[1:]))
        needs.update(Content("\n").join(lines))
        if rates is None:
            shown_rates.update("")
            return
        rate_lines = [f"Stage rates [dim]({rates.weeks} weeks, {rates.leads:,} leads)[/dim]"]
        for stage in rates.stages:
            rate = f"  {stage.label:<13}[b]{percent(stage.rate):>5}[/b]"
            source = f"[dim]{stage.source()}[/dim]"
            rate_lines += [rate, source] if compact else [f"{rate}  {source}"]
        if compact:  # the source under its rate, indented when it wraps too ("20 / needed" went to the edge)
            shown_rates.update(Group(*(Padding(Text.from_markup(line), (0, 0, 0, 4 if n and n % 2 == 0 else 0))
                                       for n, line in enumerate(rate_lines))))
        else:
            shown_rates.update("\n".join(rate_lines))


class GoalsScreen(Screen):
    BINDINGS = [
        Binding("n", "add", "Add", id="goals.add", tooltip="Add a shared goal"),
        Binding("e", "edit", "Edit", id="goals.edit", tooltip="Edit the goal under the cursor"),
        Binding("x", "retire", "Retire", id="goals.retire",
                tooltip="Retire the goal under the cursor; its check-ins stay in the log"),
        Binding("h", "toggle_retired", "Retired", id="goals.toggle_retired", tooltip="Show or hide retired goals"),
        Binding("escape", "back", "Back", id="goals.back", tooltip="Back to the previous screen"),
    ]

    show_retired: reactive[bool] = reactive(False, init=False)
    """Whether retired goals are listed (dimmed) below the active ones."""

    def __init__(self) -> None:
        super().__init__()
        self._statuses: list[GoalStatus] = []
        self._currency = ""  # the sign money is shown with
        self._funnels: dict[str, funnels.GoalFunnel] = {}
        self._rates: funnels.FunnelRates | None = None
        self._problem: str | None = None
        self._compact: bool | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield PlainTable(id="goals-list", classes="box", cursor_type="row", zebra_stripes=True)
        yield GoalFunnelPanel(id="goal-funnel", classes="box")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Shared goals"
        self.query_one("#goals-list").border_title = self._list_title()
        self.refresh_goals()

    def on_resize(self) -> None:
        if self._compact is not None and self._compact != (self.size.width < COMPACT_BELOW):
            self.refresh_goals()
        elif self._statuses:
            self.call_after_refresh(self._show_funnel)  # its facts line is broken for the panel's width

    # -- showing ------------------------------------------------------------------

    def refresh_goals(self, select: str | None = None) -> None:
        """Read the goals and the funnel again; keep the cursor on ``select`` or the same goal."""
        table = self.query_one(DataTable)
        current, row = self.selected(), table.cursor_row
        select = select or (current.goal.id if current else None)
        log = self.app.store
        self._statuses = goals.list_goals(log, include_retired=self.show_retired)
        self._currency = goals.currency(log)
        try:
            self._rates, self._funnels = funnels.funnels_for(log, [s.goal for s in self._statuses])
            self._problem = None
        except funnels.FunnelError as error:
            self._rates, self._funnels, self._problem = None, {}, str(error)
        self._fill(table)
        keys = [status.goal.id for status in self._statuses]
        if keys:  # the same goal, else the row it was on (a retired goal may just have left the list)
            table.move_cursor(row=keys.index(select) if select in keys else min(row, len(keys) - 1))
        self._show_funnel()

    def _fill(self, table: DataTable) -> None:
        compact = self.size.width < COMPACT_BELOW
        if compact != self._compact:
            self._compact = compact
            table.clear(columns=True)
            wide = ["Goal", "Metric", "Owner", "Period", "Target", "Latest", "Attained", "Status"]
            # narrow: the attainment stays (there is room), metric, owner and period give way
            table.add_columns(*(["Goal", "Target", "Latest", "Attained", "Status"] if compact else wide))
        else:
            table.clear()
        for status in self._statuses:
            goal, latest = status.goal, status.latest
            dim = "dim" if goal.retired_at else ""
            if goal.retired_at:
                verdict = Text(f"retired {goal.retired_at:%d %b}", style="dim italic")
            elif status.rag:
                verdict = Text(f"● {status.rag.value}", style=RAG_STYLE[status.rag])
            else:
                verdict = Text("no data", style="dim")
            cells: list[Any] = [
                Text(fit(goal.name, 30 if compact else 40), style=dim),
                Text(amount(goal.target, goal.unit, self._currency), style=dim, justify="right"),
                Text(amount(latest.actual if latest else None, goal.unit, self._currency), style=dim, justify="right"),
                verdict,
            ]
            cells.insert(-1, Text(percent(status.attainment, against=goal.amber_threshold), style=dim,
                                  justify="right"))
            if not compact:
                cells[1:1] = [Text(goal.metric, style=dim), Text(goal.owner_side.value, style=dim),
                              Text(goal.period.value, style=dim)]
            table.add_row(*cells, key=goal.id)

    def selected(self) -> GoalStatus | None:
        table = self.query_one(DataTable)
        if self._statuses and 0 <= table.cursor_row < len(self._statuses):
            return self._statuses[table.cursor_row]
        return None

    def _show_funnel(self) -> None:
        status = self.selected()
        funnel = self._funnels.get(status.goal.id) if status else None
        self.query_one(GoalFunnelPanel).show(status, funnel, self._rates, self._problem, compact=bool(self._compact),
                                             currency=self._currency)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_funnel()

    def watch_show_retired(self) -> None:
        self.query_one(DataTable).border_title = self._list_title()
        self.refresh_goals()

    def _list_title(self) -> str:
        retired = "h hides retired (dimmed)" if self.show_retired else "h shows retired"
        return f"Goals — n add · e edit · x retire · {retired}"

    # -- acting -------------------------------------------------------------------

    def _saving(self, work: Callable[[], Any], done: str) -> str | None:
        """Run a write; None once it landed, else what went wrong in words (the form shows it)."""
        try:
            goal = work()
        except goals.GoalError as error:
            return str(error)
        except LogError as error:
            return str(error)
        self.refresh_goals(select=goal.id)
        self.notify(done.format(name=goal.name), timeout=3, markup=False)
        return None

    def action_add(self) -> None:
        from smarkmeet.tui.widgets.goalform import GoalForm

        if self.app.refuses_changes():  # type: ignore[attr-defined]
            return

        def save(fields: dict[str, Any]) -> str | None:
            return self._saving(lambda: goals.create_goal(self.app.store, **fields), "Added “{name}”")

        self.app.push_screen(GoalForm("Add a goal", save))

    def action_edit(self) -> None:
        from smarkmeet.tui.widgets.goalform import GoalForm

        status = self.selected()
        if status is None:
            self.notify("No goal to edit: n adds one.", severity="warning")
            return
        if self.app.refuses_changes():  # type: ignore[attr-defined]
            return
        goal = status.goal

        def save(fields: dict[str, Any]) -> str | None:
            return self._saving(lambda: goals.edit_goal(self.app.store, goal.id, fields), "Saved “{name}”")

        title = f"Edit “{goal.name}” — a new target applies from the next check-in"
        self.app.push_screen(GoalForm(title, save, goal))

    def action_retire(self) -> None:
        from smarkmeet.tui.widgets.dialogs import ConfirmDialog

        status = self.selected()
        if status is None:
            self.notify("No goal to retire.", severity="warning")
            return
        if status.goal.retired_at is not None:
            self.notify(f"“{status.goal.name}” is already retired.", severity="warning", markup=False)
            return
        question = f"Retire “{fit(status.goal.name, 36)}”? Its check-ins stay in the log."
        self.app.push_screen(ConfirmDialog(question, "Retire it", "Keep it"),
                             lambda yes: yes and self._retire(status.goal.id))

    def _retire(self, goal_id: str) -> None:
        problem = self._saving(lambda: goals.retire_goal(self.app.store, goal_id), "Retired “{name}”")
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def action_toggle_retired(self) -> None:
        self.show_retired = not self.show_retired

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("goals: Add goal", "n — a new shared goal", self.action_add)
        yield PaletteCommand("goals: Edit goal", "e — the goal under the cursor", self.action_edit)
        yield PaletteCommand("goals: Retire goal", "x — its check-ins stay in the log", self.action_retire)
        yield PaletteCommand("goals: Hide retired goals" if self.show_retired else "goals: Show retired goals",
                             "h — retired goals are dimmed", self.action_toggle_retired)
        yield PaletteCommand("goals: Back", "Esc — back to the previous screen", self.action_back)
