"""One working panel per kind of agenda section. Panels take models in and post messages out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from textual import events
from textual.containers import Vertical
from textual.widgets import DataTable

T = TypeVar("T")


class SectionPanel(Vertical):
    """What the panels share: the record under a table's cursor, and fitting columns to the width.

    A panel calls :meth:`remember` with what it shows; when its width changes it shows it
    again, so columns that are fitted to the width are fitted to the real one.
    """

    _shown: tuple[Any, ...] | None = None
    # Below this many columns (an 80-column terminal leaves a panel ~56) tables show fewer
    # columns, so the ones the facilitator reads (an item's title, a note's request) keep room.
    NARROW_BELOW = 84

    @property
    def narrow(self) -> bool:
        return self.size.width < self.NARROW_BELOW

    def remember(self, *args: Any) -> None:
        self._shown = args

    def on_resize(self, event: events.Resize) -> None:
        if self._shown is not None:
            self.show(*self._shown)  # type: ignore[attr-defined]

    @staticmethod
    def under_cursor(table: DataTable, rows: Sequence[T]) -> T | None:
        if rows and 0 <= table.cursor_row < len(rows):
            return rows[table.cursor_row]
        return None
