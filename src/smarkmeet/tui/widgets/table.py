"""A DataTable that shows text as typed, and whole.

A plain DataTable reads every ``str`` cell as Rich markup, so a lead named ``Smith [/] Co``
from a CRM export, or an item titled ``[bold]``, would break the screen or restyle it.
Here a ``str`` cell is always literal text; pass a ``rich.text.Text`` to style a cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.widgets import DataTable


def literal(cell: Any) -> Any:
    return Text(cell) if isinstance(cell, str) else cell


class PlainTable(DataTable):
    def add_row(self, *cells: Any, **kwargs: Any):  # type: ignore[override]
        return super().add_row(*(literal(cell) for cell in cells), **kwargs)

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
        widths = [column.content_width for column in self.columns.values()]
        super()._update_dimensions(new_rows)
        if widths != [column.content_width for column in self.columns.values()]:
            self._clear_caches()
            self.refresh()
