"""Goal review: enter this period's actual per goal; attainment and red/amber/green update at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from smarkmeet.domain.metrics import percent
from smarkmeet.domain.periods import period_label, period_start
from smarkmeet.domain.views import GoalStatus
from smarkmeet.services.funnel import (
    FunnelError,
    FunnelRates,
    GoalFunnel,
    chain,
    rates_line,
)
from smarkmeet.tui.format import RAG_STYLE, amount, fit, spark
from smarkmeet.tui.widgets.panels import SectionPanel
from smarkmeet.tui.widgets.table import PlainTable

COMPACT_FUNNEL_BELOW = 75  # panel columns; narrower panels write the funnel targets in short form


class GoalReviewPanel(SectionPanel):
    BINDINGS = [Binding("e", "enter_actual", "Enter actual", id="goals.actual")]

    @dataclass
    class ActualRequested(Message):
        status: GoalStatus
        period_start: date

    def compose(self) -> ComposeResult:
        yield Static(id="goals-summary", classes="panel-help")
        yield PlainTable(id="goals-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="goals-funnel")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Goal", "Owner", "Period", "Target", "Actual", "Status", "Last 8")
        self._rows: list[GoalStatus] = []
        self._day: date | None = None

    def show(self, statuses: list[GoalStatus], meeting_day: date,
             funnels: tuple[FunnelRates, dict[str, GoalFunnel]] | FunnelError | None = None) -> None:
        """Show the goals; ``funnels`` (from ``services.funnel.funnels_for``) adds their derived targets."""
        self.remember(statuses, meeting_day, funnels)
        self._rows, self._day = statuses, meeting_day
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        entered = 0
        for status in statuses:
            goal = status.goal
            start = period_start(goal.period, meeting_day)
            latest = status.latest
            this_period = latest is not None and latest.period_start == start
            entered += this_period
            style = RAG_STYLE.get(status.rag, "dim") if status.rag else "dim"
            actual = amount(latest.actual, goal.unit) if this_period else "— (enter)"
            verdict = f"● {percent(status.attainment)} {status.rag.value}" if status.rag and this_period else ""
            table.add_row(
                goal.name, goal.owner_side.value, period_label(goal.period, start),
                Text(amount(goal.target, goal.unit), justify="right"),
                Text(actual, justify="right", style="" if this_period else "dim"),
                Text(verdict, style=style), Text(spark(status.trend), style=style), key=goal.id,
            )
        if statuses:
            table.move_cursor(row=min(cursor, len(statuses) - 1))
        self.query_one("#goals-summary", Static).update(
            f"Actuals entered this period: [b]{entered}/{len(statuses)}[/b]   "
            "[dim]Enter (or e) on a goal types its actual · green ≥ 100% of target, amber ≥ the goal's threshold[/dim]"
        )
        self._show_funnels(statuses, funnels)

    def _show_funnels(self, statuses: list[GoalStatus],
                      funnels: tuple[FunnelRates, dict[str, GoalFunnel]] | FunnelError | None) -> None:
        """Revenue and customer goals worked back: ``Pipeline created  58 MQL → 20 SAL → 5 SQL → 5 customers``."""
        text = self.query_one("#goals-funnel", Static)
        if isinstance(funnels, FunnelError):
            # the message may quote a setting's value: a $variable is taken as text, never as markup
            text.update(Content.from_markup("[yellow]⚠ Funnel-derived targets: $problem[/yellow]",
                                            problem=str(funnels)))
            return
        if funnels is None:
            text.update("")
            return
        rates, by_goal = funnels
        derived = [(status.goal, by_goal[status.goal.id]) for status in statuses if status.goal.id in by_goal]
        if not derived:
            text.update("")
            return
        short = self.size.width < COMPACT_FUNNEL_BELOW
        default = " [dim](* default: too few leads to measure)[/dim]" if any(
            not stage.measured for stage in rates.stages) and short else ""
        lines = [Content.from_markup(f"[b]Funnel targets[/b] [dim]per period · rates from {rates.weeks} weeks' "
                                     f"leads: $rates[/dim]{default}", rates=rates_line(rates, short=short))]
        width = 16 if short else 22
        for goal, funnel in derived:
            per = ("/wk" if funnel.per == "week" else "/mo") if short else f" a {funnel.per}"
            need = chain(funnel, short=short) + (per if funnel.steps else "")
            # a goal's name is the team's words: padded as typed, never read as markup
            lines.append(Content(f" {fit(goal.name, width):<{width}} {need}"))
        text.update(Content("\n").join(lines))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_enter_actual()

    def action_enter_actual(self) -> None:
        status = self.under_cursor(self.query_one(DataTable), self._rows)
        if status is not None and self._day:
            self.post_message(self.ActualRequested(status, period_start(status.goal.period, self._day)))
