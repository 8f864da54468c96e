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
        self._shown_width = 0  # its own width when last laid out (the columns that fit depend on it)

    def on_resize(self) -> None:
        """Laid out again when its width changes the columns: the terminal's resized, or the keys
        panel opened beside it (fitted to its own width, as the terminal's it would be in)."""
        if self.size.width and self.lines and self.size.width != self._shown_width:  # (ten lines at most: cheap)
            self.show(self.lines, width=self.size.width + 4)

    @staticmethod
    def _layout(width: int) -> tuple[bool, bool]:
        return width < COMPACT_BELOW, width >= NO_TREND_BELOW

    def _side_columns(self, lines: list[ScorecardLine], width: int, trend: bool) -> tuple[bool, bool]:
        """Whether the owner and the period columns are shown: the period goes first where the
        longest goal name would be cut beside them, then the owner."""
        from rich.cells import cell_len

        def widest(header: str, cells: list[str]) -> int:
            return max([cell_len(header), *(cell_len(cell) for cell in cells)]) + 2  # and its padding

        figures = (widest("Target", [amount(line.target, line.unit, self.currency) for line in lines])
                   + widest("Actual", [amount(line.latest, line.unit, self.currency) for line in lines])
                   + widest("Status", ["● 100% amber"]) + (widest("Last 8", ["12345678"]) if trend else 0))
        owner = widest("Owner", [line.owner_side.value for line in lines])
        period = widest("Period", [line.period.value for line in lines])
        name = widest("Goal", [line.name for line in lines])
        room = width - 4 - figures  # (the box's border and padding)
        if name + owner + period <= room:
            return True, True
        return name + owner <= room, False

    def show(self, lines: list[ScorecardLine], *, width: int, currency: str | None = None) -> None:
        """``width``: the terminal's; once laid out, its own (as the terminal's it would be in)
        decides, so a refresh with the keys panel open keeps the trend out."""
        if self.size.width:
            width = self.size.width + 4
        self._shown_width = self.size.width
        self.lines = lines
        if currency is not None:
            self.currency = currency
        (self._compact, self._trend) = (compact, trend) = self._layout(width)
        if not lines:
            self.update(Text("No active goals: add them with g.", style="dim"))
            return
        shown_lines = lines[:SHOWN]
        owner, period = not compact, not compact
        if not compact:  # the period gives way before a goal's name is cut, then the owner (as the README says)
            owner, period = self._side_columns(shown_lines, width, trend)
        # headers as Text: a str header would be parsed as markup
        columns = [Column(Text("Goal"), ratio=1, overflow="ellipsis", no_wrap=True)]  # takes what the figures leave
        if owner:
            columns.append(Column(Text("Owner"), no_wrap=True))
        if period:
            columns.append(Column(Text("Period"), no_wrap=True))
        columns += [Column(Text("Target"), justify="right", no_wrap=True),
                    Column(Text("Actual"), justify="right", no_wrap=True),
                    Column(Text("Status"), no_wrap=True)]
        if trend:
            columns.append(Column(Text("Last 8"), no_wrap=True))
        table = Table(*columns, box=None, expand=True, padding=(0, 1), pad_edge=True, header_style="bold")
        for line in shown_lines:
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
            cells[1:1] = [*([Text(line.owner_side.value)] if owner else []), *([Text(line.period.value)] if period else [])]
            table.add_row(*cells)
        if len(lines) > SHOWN:
            table.add_row(Text(f"… and {len(lines) - SHOWN} more: g lists every goal", style="dim"))
        self.update(table)
