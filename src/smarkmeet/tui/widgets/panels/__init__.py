"""One working panel per kind of agenda section. Panels take models in and post messages out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from rich.text import Text
from textual import events, on
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

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

    class Asked(Message):
        """Follows a message posted with :meth:`post_asking`, by the same way: the screen has
        put its question (or had none to put), so the keys held meanwhile go on."""

        def __init__(self, hold: int) -> None:
            super().__init__()
            self.hold = hold

    def post_asking(self, message: Message) -> None:
        """Post ``message``, which the screen answers with a question in its prompt bar (from a
        list's key, run as it arrives: ``SmarkmeetApp.on_event``). The keys typed from now on
        are held until the question is up, then reach it as if typed after it: a fast typist's
        "gAlex⏎" adds a guest, never marks people absent (a) or present (p) on the way. The
        same for an entry the screen makes and then moves the cursor on (a lead's verdict), or
        a dialog it opens: the key typed next is for the row or dialog that follows."""
        hold = self.app.hold_keys()  # type: ignore[attr-defined]
        self.post_message(message)
        self.post_message(self.Asked(hold))

    @property
    def narrow(self) -> bool:
        return self.size.width < self.NARROW_BELOW

    _fitted_width = 0  # the width the rows shown were fitted to
    _refit_pending = False

    def remember(self, *args: Any) -> bool:
        """Keep what is shown, to show it again fitted to a new width. False while the panel has
        no width yet (a section opened, not yet laid out): fitting to 0 columns was wasted (1.3 s
        for a review of 9,240 leads), since the panel is shown again when it gets its width."""
        self._shown = args
        self._fitted_width = self.size.width
        return bool(self.size.width)

    def on_resize(self, event: events.Resize) -> None:
        # a terminal resized, or the agenda narrowed with it, sends several: fit once they settle
        if self._shown is not None and not self._refit_pending:
            self._refit_pending = True
            self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        self._refit_pending = False
        if self._shown is not None and self.size.width and self.size.width != self._fitted_width:
            self.show(*self._shown)  # type: ignore[attr-defined]

    # -- the highlighted row in full ---------------------------------------------
    # Tables cut their text to fit; the room reads the row under the cursor in full, in the
    # RowDetail a panel places under its table.

    def detail(self) -> Text | None:
        """The highlighted row in full, or None (a panel with a RowDetail says it)."""
        return None

    def show_detail(self) -> None:
        for line in self.query(RowDetail):
            text = self.detail()
            line.display = text is not None
            line.update(text or "")

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        self.show_detail()
        self.screen.refresh_bindings()  # keys offered as the row under the cursor stands (u on a dropped item)

    @staticmethod
    def under_cursor(table: DataTable, rows: Sequence[T]) -> T | None:
        if rows and 0 <= table.cursor_row < len(rows):
            return rows[table.cursor_row]
        return None


class RowDetail(Static):
    """Under a panel's table: the highlighted row in full (up to four lines), never markup."""

    DEFAULT_CSS = """
    RowDetail {
        height: auto;
        max-height: 5;  /* up to four lines of text under the border */
        padding: 0 1;
        border-top: solid $primary 40%;
        display: none;
    }
    """
