"""A DataTable that shows text as typed, and whole.

A plain DataTable reads every ``str`` cell as Rich markup, so a lead named ``Smith [/] Co``
from a CRM export, or an item titled ``[bold]``, would break the screen or restyle it.
Here a ``str`` cell is always literal text; pass a ``rich.text.Text`` to style a cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import zip_longest
from typing import Any

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import DuplicateKey, Row, RowKey

# Cells a table's vertical scrollbar takes. The meeting's lists keep that room whether or not
# they scroll (scrollbar-gutter: stable in screens.tcss), and fit their columns to what is left.
SCROLLBAR = 2


def literal(cell: Any) -> Any:
    return Text(cell) if isinstance(cell, str) else cell


class PlainTable(DataTable, inherit_bindings=False):
    # The list's own keys (arrows, Home/End, pages, Enter) work as ever but are left out of the
    # keys panel (?): listed first, they pushed the screen's own keys (s, p, …) below the fold
    # at 80x24, where a new user looked for them.
    BINDINGS = [replace(binding, system=True)
                for bindings in DataTable._merged_bindings.key_to_bindings.values() for binding in bindings]

    moved_by_hand = 0  # how often a key (or a click) has moved the cursor: code's moves are not counted

    @property
    def cursor_key(self) -> Any:
        """The key of the row under the cursor (None in an empty table)."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def action_cursor_up(self) -> None:
        self.moved_by_hand += 1
        super().action_cursor_up()

    def action_cursor_down(self) -> None:
        self.moved_by_hand += 1
        super().action_cursor_down()

    def action_page_up(self) -> None:
        self.moved_by_hand += 1
        super().action_page_up()

    def action_page_down(self) -> None:
        self.moved_by_hand += 1
        super().action_page_down()

    def action_scroll_top(self) -> None:
        self.moved_by_hand += 1
        super().action_scroll_top()

    def action_scroll_bottom(self) -> None:
        self.moved_by_hand += 1
        super().action_scroll_bottom()

    def _on_click(self, event) -> None:
        # counted only: Textual runs DataTable's own _on_click as well (every class's, in turn);
        # calling it from here ran it twice, and one click acted as Enter on the row
        self.moved_by_hand += 1

    def add_row(self, *cells: Any, **kwargs: Any):  # type: ignore[override]
        return super().add_row(*(literal(cell) for cell in cells), **kwargs)

    def add_rows(self, rows: Iterable[Sequence[Any]], *,  # type: ignore[override]
                 keys: Iterable[str | None] | None = None) -> list[RowKey]:
        """Add one-line rows at the bottom, as ``add_row`` would one by one (``keys`` in the rows'
        order, else keys are made), at a fraction of the cost: DataTable's ``add_row`` costs
        ~80 µs a row here, mostly in what it redoes per row (the column order, the cursor's
        reactive set, the idle check), so a lead review of 9,000 leads took 0.8 s to fill.
        All of them or, if one is refused (a key already used, too many cells), none."""
        rows = list(rows)
        given = [None] * len(rows) if keys is None else list(keys)
        if len(given) != len(rows):
            raise ValueError(f"{len(given)} keys for {len(rows)} rows")
        column_keys = [column.key for column in self.ordered_columns]
        locations, data, table_rows, new_rows = self._row_locations, self._data, self.rows, self._new_rows
        row_keys = [RowKey(key) for key in given]
        seen: set[str] = set()
        taken = next((key for key in row_keys if key in locations), None) or next(
            (key for key in given if key is not None and (key in seen or seen.add(key))), None)
        if taken is not None:
            raise DuplicateKey(f"The row key {taken!r} already exists.")
        if any(len(cells) > len(column_keys) for cells in rows):
            raise ValueError("More values provided than there are columns.")
        was_empty = not table_rows
        for row_key, cells in zip(row_keys, rows, strict=True):
            locations[row_key] = len(table_rows)
            data[row_key] = dict(zip_longest(column_keys, (literal(cell) for cell in cells)))
            table_rows[row_key] = Row(row_key, 1)
            new_rows.add(row_key)
        if row_keys:
            self._require_update_dimensions = True
            self.cursor_coordinate = self.cursor_coordinate
            if was_empty and self.columns and self.show_cursor and self.cursor_type != "none":
                self._highlight_cursor()  # a cell to highlight now exists, as add_row does
            self._update_count += len(row_keys)
            self.check_idle()
        return row_keys

    def on_resize(self) -> None:
        # Made shorter (a question opened under it, at 80x24 leaving it one row), the table kept
        # its scroll: the row shown was the first, not the one under the cursor being asked about.
        if self.show_cursor and self.cursor_type != "none" and self.row_count:
            self.call_after_refresh(self._scroll_cursor_into_view)

    def action_scroll_home(self) -> None:
        # A row cursor has no column to go to, and DataTable's Home/End scroll sideways: with a
        # row cursor they go to the first and last row, also in a table a cell too wide for its
        # panel (End then scrolled sideways, and Enter opened the row still highlighted, not the
        # total row meant); ← and → still scroll sideways. (See home_end_sideways.)
        if self._rows_only():
            if self.row_count:
                self.action_scroll_top()
        else:
            super().action_scroll_home()

    def action_scroll_end(self) -> None:
        if self._rows_only():
            if self.row_count:
                self.action_scroll_bottom()
        else:
            super().action_scroll_end()

    # Home/End scroll sideways where that is what the table is read by (the trends' 26 weeks of
    # figures, too wide for any screen); elsewhere a row cursor's Home/End go to its first and last row
    home_end_sideways = False

    def _rows_only(self) -> bool:
        return self.cursor_type == "row" and not (self.home_end_sideways and self.max_scroll_x > 0)

    def clear(self, columns: bool = False):  # type: ignore[override]
        # DataTable.clear works out the line offsets of every row it is about to drop (to empty
        # that list): ~20 ms for 9,000 rows. Dropping the rows first makes that list empty.
        self.rows.clear()
        return super().clear(columns)

    def update_cell(self, row_key: Any, column_key: Any, value: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().update_cell(row_key, column_key, literal(value), **kwargs)

    def update_cell_at(self, coordinate: Any, value: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().update_cell_at(coordinate, literal(value), **kwargs)

    def add_column(self, label: Any, **kwargs: Any):  # type: ignore[override]
        # a column name is literal too (parsing it as markup also loaded Rich's emoji table: ~4 ms of start-up)
        return super().add_column(literal(label), **kwargs)

    def _update_dimensions(self, new_rows: Iterable[Any]) -> None:
        # DataTable measures new rows when it is next idle, and keeps each cell as drawn,
        # whatever its column's width then. A refill painted first (rows refilled from a
        # dialog's answer, painted as the screen beneath comes back) stayed cut to the old
        # widths: "rejected" for "rejected: no budget" until the next refill. So cells drawn
        # before a column's width changed are drawn again. (Textual 8.2; a private hook, held
        # by tests/ui/test_plain_table.py.)
        if not any(column.auto_width for column in self.columns.values()) and not any(
            (row := self.rows.get(key)) is not None and (row.label is not None or row.auto_height) for key in new_rows
        ):
            # Every column has its width set and every row is one line: measuring each new
            # cell (a second per 9,000-lead review) would change nothing drawn, so only the
            # table's size is worked out.
            super()._update_dimensions(())
            return
        widths = [column.content_width for column in self.columns.values()]
        super()._update_dimensions(new_rows)
        if widths != [column.content_width for column in self.columns.values()]:
            self._clear_caches()
            self.refresh()
