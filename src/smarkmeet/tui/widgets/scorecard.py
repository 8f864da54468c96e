"""The goal scorecard: target, latest actual, attainment with red/amber/green, trend."""

from __future__ import annotations

from rich.text import Text

from smarkmeet.domain.metrics import percent
from smarkmeet.domain.views import GoalStatus
from smarkmeet.tui.format import RAG_STYLE, amount, spark
from smarkmeet.tui.widgets.table import PlainTable

COMPACT_BELOW = 100  # columns; narrower terminals drop the owner and period columns


class GoalScorecard(PlainTable):
    """Read-only table of goals; takes :class:`GoalStatus` models in."""

    DEFAULT_CSS = """
    GoalScorecard { height: auto; max-height: 12; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._statuses: list[GoalStatus] = []
        self._compact: bool | None = None

    def show(self, statuses: list[GoalStatus], *, width: int) -> None:
        self._statuses = statuses
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
        for status in statuses:
            goal, latest = status.goal, status.latest
            style = RAG_STYLE.get(status.rag, "dim") if status.rag else "dim"
            verdict = f"● {percent(status.attainment)} {status.rag.value}" if status.rag else "no data"
            cells = [
                Text(goal.name, overflow="ellipsis", no_wrap=True),
                Text(amount(goal.target, goal.unit), justify="right"),
                Text(amount(latest.actual if latest else None, goal.unit), justify="right"),
                Text(verdict, style=style),
                Text(spark(status.trend), style=style),
            ]
            if not compact:
                cells[1:1] = [goal.owner_side.value, goal.period.value]
            self.add_row(*cells, key=goal.id)
