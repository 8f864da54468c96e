"""The goal scorecard: target, latest actual, attainment with red/amber/green, trend.

Read-only, so it is a rendered table and not a focus stop: the home screen's focus goes
straight to the recent meetings, where Enter opens one. (A DataTable here also cost a
sixth of the start-up budget: bench/RESULTS.md.)
"""

from __future__ import annotations

from rich.table import Column, Table
from rich.text import Text
from textual.widgets import Static

from smarkmeet.domain.metrics import percent
from smarkmeet.domain.summaries import ScorecardLine
from smarkmeet.tui.format import RAG_STYLE, amount, spark

COMPACT_BELOW = 100  # columns; narrower terminals drop the owner and period columns
NO_TREND_BELOW = 70  # columns; narrower still (the keys panel open at 80), the trend goes before the names
SHOWN = 10  # goals listed; any more are counted, and the goals screen (g) lists every one


class GoalScorecard(Static):
    """The active goals, one line each; takes :class:`ScorecardLine` views in."""

    currency = ""  # the sign money is shown with

    DEFAULT_CSS = """
    GoalScorecard { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[ScorecardLine] = []
        self._compact: bool | None = None
        self._trend: bool | None = None  # the "Last 8" column shown

    def on_resize(self) -> None:
        """Laid out again when its width changes the columns: the terminal's resized, or the keys
        panel opened beside it (fitted to its own width, as the terminal's it would be in)."""
        if self.size.width and self.lines and self._layout(self.size.width + 4) != (self._compact, self._trend):
            self.show(self.lines, width=self.size.width + 4)

    @staticmethod
    def _layout(width: int) -> tuple[bool, bool]:
        return width < COMPACT_BELOW, width >= NO_TREND_BELOW

    def show(self, lines: list[ScorecardLine], *, width: int, currency: str | None = None) -> None:
        """``width``: the terminal's; once laid out, its own (as the terminal's it would be in)
        decides, so a refresh with the keys panel open keeps the trend out."""
        if self.size.width:
            width = self.size.width + 4
        self.lines = lines
        if currency is not None:
            self.currency = currency
        (self._compact, self._trend) = (compact, trend) = self._layout(width)
        if not lines:
            self.update(Text("No active goals: add them with g.", style="dim"))
            return
        # headers as Text: a str header would be parsed as markup
        columns = [Column(Text("Goal"), ratio=1, overflow="ellipsis", no_wrap=True)]  # takes what the figures leave
        if not compact:
            columns += [Column(Text("Owner"), no_wrap=True), Column(Text("Period"), no_wrap=True)]
        columns += [Column(Text("Target"), justify="right", no_wrap=True),
                    Column(Text("Actual"), justify="right", no_wrap=True),
                    Column(Text("Status"), no_wrap=True)]
        if trend:
            columns.append(Column(Text("Last 8"), no_wrap=True))
        table = Table(*columns, box=None, expand=True, padding=(0, 1), pad_edge=True, header_style="bold")
        for line in lines[:SHOWN]:
            style = RAG_STYLE.get(line.rag, "dim") if line.rag else "dim"
            verdict = (f"● {percent(line.attainment, against=line.amber_threshold)} {line.rag.value}" if line.rag
                       else "no data")
            cells = [
                Text(line.name),
                Text(amount(line.target, line.unit, self.currency)),
                Text(amount(line.latest, line.unit, self.currency)),
                Text(verdict, style=style),
                *([Text(spark(line.actuals), style=style)] if trend else []),
            ]
            if not compact:
                cells[1:1] = [Text(line.owner_side.value), Text(line.period.value)]
            table.add_row(*cells)
        if len(lines) > SHOWN:
            table.add_row(Text(f"… and {len(lines) - SHOWN} more: g lists every goal", style="dim"))
        self.update(table)
