"""The goal scorecard: target, latest actual, attainment with red/amber/green, trend."""

from __future__ import annotations

from rich.text import Text

from smarkmeet.domain.metrics import percent
from smarkmeet.domain.summaries import ScorecardLine
from smarkmeet.tui.format import RAG_STYLE, amount, spark
from smarkmeet.tui.widgets.table import PlainTable

COMPACT_BELOW = 100  # columns; narrower terminals drop the owner and period columns


class GoalScorecard(PlainTable):
    """Read-only table of goals; takes :class:`ScorecardLine` views in."""

    DEFAULT_CSS = """
    GoalScorecard { height: auto; max-height: 12; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._lines: list[ScorecardLine] = []
        self._compact: bool | None = None

    def fit(self, width: int) -> None:
        """Lay the table out again for a terminal ``width`` cells wide, if that changes its columns."""
        if (width < COMPACT_BELOW) != self._compact:
            self.show(self._lines, width=width)

    def show(self, lines: list[ScorecardLine], *, width: int) -> None:
        self._lines = lines
        compact = width < COMPACT_BELOW
        if compact != self._compact:
            self._compact = compact
            self.clear(columns=True)
            if compact:
                self.add_columns("Goal", "Target", "Actual", "Status", "Last 8")
            else:
                self.add_columns("Goal", "Owner", "Period", "Target", "Actual", "Status", "Last 8")
        else:
            self.clear()
        for line in lines:
            style = RAG_STYLE.get(line.rag, "dim") if line.rag else "dim"
            verdict = f"● {percent(line.attainment)} {line.rag.value}" if line.rag else "no data"
            cells = [
                Text(line.name, overflow="ellipsis", no_wrap=True),
                Text(amount(line.target, line.unit), justify="right"),
                Text(amount(line.latest, line.unit), justify="right"),
                Text(verdict, style=style),
                Text(spark(line.actuals), style=style),
            ]
            if not compact:
                cells[1:1] = [line.owner_side.value, line.period.value]
            self.add_row(*cells, key=line.goal_id)
