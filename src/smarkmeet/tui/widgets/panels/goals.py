"""Goal review: enter the period's actual per goal (the log's own figure offered where it measures
one); attainment and red/amber/green update at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable

from smarkmeet.domain.metrics import goal_attainment, goal_rag, percent
from smarkmeet.domain.models import GoalCheckin
from smarkmeet.domain.periods import period_label
from smarkmeet.domain.views import GoalStatus
from smarkmeet.services.funnel import (
    FunnelError,
    FunnelRates,
    GoalFunnel,
    chain,
    rates_line,
)
from smarkmeet.services.measures import Measured
from smarkmeet.tui.format import RAG_STYLE, amount, facts_line, fit, spark
from smarkmeet.tui.widgets.fitted import Fitted
from smarkmeet.tui.widgets.panels import SectionPanel
from smarkmeet.tui.widgets.table import PlainTable

COMPACT_FUNNEL_BELOW = 75  # panel columns; narrower panels write the funnel targets in short form


COLUMNS = ("Goal", "Owner", "Period", "Target", "Actual", "Status", "Last 8")
STATUS_ROOM = len("● 100% green")  # the status an actual usually gets, kept from the start
GIVE_WAY = ("Period", "Owner", "Last 8")  # left out in this order where the panel is too narrow
GOAL_AT_LEAST = 20  # cells of a goal's name kept before the trend gives way
GOAL_BEFORE_OWNER = 26  # cells of a goal's name kept before the owner gives way: at 80 columns
                        # "Leads accepted by sal…" beside the owner read worse than the whole name


def fitted_widths(rows: list[dict[str, Text]], width: int) -> dict[str, int]:
    """The columns shown in a panel ``width`` cells wide, each as wide as its widest cell: the
    target, the actual and its status always; the goal's name takes what is left (cut to fit).
    The period (the same on every row of a weekly team; the summary line names it) gives way
    before any name is cut; the owner before a name is cut below GOAL_BEFORE_OWNER, the trend
    below GOAL_AT_LEAST (below that only once none is left to give way)."""
    natural = {label: max([len(label)] + [cells[label].cell_len for cells in rows]) for label in COLUMNS}
    # the status as wide as it will be once an actual is in ("● 100% green"): else the first actual
    # typed widened it and the owner column went, the layout jumping under the facilitator's eyes
    natural["Status"] = max(natural["Status"], STATUS_ROOM)
    room = width - 2 - 2  # the scrollbar, and the name's own padding
    shown = list(COLUMNS)
    for label in GIVE_WAY:
        others = sum(natural[other] + 2 for other in shown if other != "Goal")
        kept = {"Period": natural["Goal"], "Owner": GOAL_BEFORE_OWNER}.get(label, GOAL_AT_LEAST)
        if room - others >= min(natural["Goal"], kept):
            break
        shown.remove(label)
    others = sum(natural[other] + 2 for other in shown if other != "Goal")
    goal = max(min(natural["Goal"], room - others), 8)  # nothing left to give way: the name is cut further
    return {label: goal if label == "Goal" else natural[label] for label in shown}


def checkin_of(status: GoalStatus, start: date) -> GoalCheckin | None:
    """The goal's check-in for the period starting on ``start``, if entered (one of its last 8)."""
    return next((checkin for checkin in reversed(status.checkins) if checkin.period_start == start), None)


# the keys that start an actual typed straight onto the list, as in a spreadsheet: "23⏎"; a money
# sign too, so the figure is read whole ("€72,500⏎" on a goal lost its €, no key, and was saved in
# the team's CHF; the sign is read, and refused when it is not the team's currency). Letters start
# no answer: they are the section's keys (CHF 60,000 is typed after e or Enter).
MONEY_KEYS = {"euro_sign": "€", "dollar_sign": "$", "pound_sign": "£", "yen_sign": "¥", "indian_rupee_sign": "₹"}
STARTS_AN_ACTUAL = {str(digit): str(digit) for digit in range(10)} | {"full_stop": ".", "minus": "-"} | MONEY_KEYS


class GoalsTable(PlainTable):
    # Enter asks as it arrives (a table's Enter selects the row, and the panel asked only once
    # that message came back: the actual typed straight after it went to the table)
    # (system: left out of the keys panel, which listed ⏎ beside e and twelve keys with no words;
    # the panel's e says what they do)
    BINDINGS = [
        Binding("enter", "enter_actual", "Enter actual", show=False, system=True),
        *[Binding(key, f"enter_actual({typed!r})", show=False, system=True) for key, typed in STARTS_AN_ACTUAL.items()],
    ]

    def action_enter_actual(self, typed: str = "") -> None:
        self.query_ancestor(GoalReviewPanel).action_enter_actual(typed)



class GoalReviewPanel(SectionPanel):
    currency = ""  # the sign money is shown with (set by the screen from the team's settings)
    reviewed = "last"  # the period reviewed: the last whole one, or the current (the goal_review_period setting)

    BINDINGS = [
        Binding("e", "enter_actual", "Enter actual", id="goals.actual",
                tooltip="Type the period's actual for the goal (the log's own figure, where it measures one, is "
                        "filled in: Enter takes it); Enter does the same, and so does typing the figure straight "
                        "onto the goal (22⏎ saves it and moves on)"),
        Binding("ctrl+z", "take_back", "Undo actual", id="goals.undo", show=False,  # in the keys panel (?)
                tooltip="Put back the goal's actual as it was before the last one entered here"),
    ]

    @dataclass
    class ActualRequested(Message):
        status: GoalStatus
        period_start: date
        typed: str = ""  # the answer's first key, typed onto the list
        measured: Measured | None = None  # the log's own figure for the goal's period

    class TakeBackAsked(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Fitted(id="goals-summary", classes="panel-help")
        yield GoalsTable(id="goals-table", cursor_type="row", zebra_stripes=True)
        yield Fitted(id="goals-funnel")

    def on_mount(self) -> None:
        self._rows: list[GoalStatus] = []
        self._starts: dict[str, date] = {}
        self._measured: dict[str, Measured] = {}

    def show(self, statuses: list[GoalStatus], starts: dict[str, date],
             funnels: tuple[FunnelRates, dict[str, GoalFunnel]] | FunnelError | None = None,
             measured: dict[str, Measured] | None = None) -> None:
        """Show the goals, each with its actual for the period starting on ``starts[goal id]``
        (``reviewed``: ``last`` or ``current``, as the screen sets it); ``funnels``
        (from ``services.funnel.funnels_for``) adds their derived targets, ``measured`` the log's
        own figures (``services.measures``) where no actual is in yet."""
        measured = measured or {}
        self.remember(statuses, starts, funnels, measured)
        self._rows, self._starts, self._measured = statuses, starts, measured
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        rows = [self._cells(status, starts[status.goal.id], self.currency, measured.get(status.goal.id))
                for status in statuses]
        entered = sum(1 for status in statuses if checkin_of(status, starts[status.goal.id]))
        widths = fitted_widths(rows, self.size.width)
        table.clear(columns=True)
        for label, width in widths.items():
            table.add_column(label, key=label, width=width)
        table.add_rows(([fit(cells[label].plain, width) if label == "Goal" else cells[label]
                         for label, width in widths.items()] for cells in rows),
                       keys=[status.goal.id for status in statuses])
        if statuses:
            table.move_cursor(row=min(cursor, len(statuses) - 1))
        periods = dict.fromkeys(period_label(status.goal.period, starts[status.goal.id]) for status in statuses)
        named = f" ({' · '.join(periods)})" if periods and "Period" not in widths else ""  # its column gave way
        kinds = {status.goal.period.value for status in statuses}
        which = ("last" if self.reviewed == "last" else "this") + " " + (
            "week" if kinds == {"weekly"} else "month" if kinds == {"monthly"} else "period")
        logged = any(figure.value is not None and not checkin_of(status, starts[status.goal.id])
                     for status in statuses if (figure := measured.get(status.goal.id)))
        counts = Text.from_markup(f"Actuals for {which}{named}: [b]{entered}/{len(statuses)}[/b] entered")
        hints = [("   ", "Enter or a digit types an actual"),
                 *([Text.assemble(("log", "italic"), ": counted from the leads, Enter takes it", style="dim")]
                   if logged else []),
                 "green ≥ 100%, amber ≥ its threshold"]
        # broken between hints ("types an" / "actual" at 80 columns)
        self.query_one("#goals-summary", Fitted).show(lambda room: facts_line(counts.copy(), hints, room, style="dim"))
        self._show_funnels(statuses, funnels)

    @staticmethod
    def _cells(status: GoalStatus, start: date, currency: str = "",
               measured: Measured | None = None) -> dict[str, Text]:
        goal = status.goal
        checkin = checkin_of(status, start)
        attainment = goal_attainment(checkin.actual, checkin.target) if checkin else None
        rag = goal_rag(attainment, goal.amber_threshold)
        style = RAG_STYLE.get(rag, "dim") if rag else "dim"
        if checkin is not None:
            actual = amount(checkin.actual, goal.unit, currency)
        elif measured is not None and measured.value is not None:
            actual = f"log {amount(measured.value, goal.unit, currency)}"  # Enter takes it
        else:
            actual = "— (enter)"
        verdict = f"● {percent(attainment, against=goal.amber_threshold)} {rag.value}" if rag else ""
        trend_style = RAG_STYLE.get(status.rag, "dim") if status.rag else "dim"
        return {
            "Goal": Text(goal.name), "Owner": Text(goal.owner_side.value),
            "Period": Text(period_label(goal.period, start)),
            "Target": Text(amount(goal.target, goal.unit, currency), justify="right"),
            "Actual": Text(actual, justify="right", style="" if checkin else "dim"),
            "Status": Text(verdict, style=style), "Last 8": Text(spark(status.trend), style=trend_style),
        }

    def _show_funnels(self, statuses: list[GoalStatus],
                      funnels: tuple[FunnelRates, dict[str, GoalFunnel]] | FunnelError | None) -> None:
        """Revenue and customer goals worked back: ``Pipeline created  58 MQL → 20 SAL → 5 SQL → 5 customers``."""
        text = self.query_one("#goals-funnel", Fitted)
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
        notes = []
        if short and any(not stage.measured for stage in rates.stages):
            notes.append("* default: too few leads to measure")
        if short and any(stage.unrecorded for stage in rates.stages):
            notes.append("† stage not recorded")
        first, *more = rates_line(rates, short=short).split(" · ")
        facts = [(" ", "per period"), f"rates from {rates.weeks} weeks' leads: {first}", *more,
                 *([f"({'; '.join(notes)})"] if notes else [])]
        width = 16 if short else 22
        # a goal's name is the team's words: padded as typed, in Text, never read as markup
        goals = []
        for goal, funnel in derived:
            per = ("/wk" if funnel.per == "week" else "/mo") if short else f" a {funnel.per}"
            goals.append(f" {fit(goal.name, width):<{width}} {chain(funnel, short=short) + (per if funnel.steps else '')}")

        def shown(room: int) -> Text:  # the rates broken between stages ("SAL→SQL" / "64%" at 80 columns)
            line = facts_line(Text("Funnel targets", style="bold"), facts, room, style="dim")
            return line.append("\n" + "\n".join(goals))

        text.show(shown)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_enter_actual()

    def action_enter_actual(self, typed: str = "") -> None:
        status = self.under_cursor(self.query_one(DataTable), self._rows)
        if status is not None and status.goal.id in self._starts:
            self.post_asking(self.ActualRequested(status, self._starts[status.goal.id], typed,
                                                  self._measured.get(status.goal.id)))

    def action_take_back(self) -> None:
        self.post_asking(self.TakeBackAsked())

    def show_goal(self, goal_id: str) -> None:
        """The cursor on that goal, if listed."""
        index = next((n for n, status in enumerate(self._rows) if status.goal.id == goal_id), None)
        if index is not None:
            self.query_one(DataTable).move_cursor(row=index)

    def advance(self) -> None:
        """On to the next goal once an actual is in, as Enter does in a spreadsheet: "23⏎12⏎" —
        the next one still without an actual for its period (one entered last week, a monthly
        goal's, took the next figure typed), else the next row."""
        table = self.query_one(DataTable)
        here = table.cursor_row
        waiting = next((n for n, status in enumerate(self._rows)
                        if n > here and not checkin_of(status, self._starts[status.goal.id])), None)
        if waiting is None:
            table.action_cursor_down()
        else:
            table.move_cursor(row=waiting)
