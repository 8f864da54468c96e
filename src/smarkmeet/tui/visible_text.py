"""What a screen shows, as plain text — so F2 can define the terms the room is looking at.

A screen may answer itself through an optional ``glossary_text() -> str`` method; any other
screen is read generically: the text of its visible Static/Label widgets (Markdown blocks
included), the rows of its DataTables that are scrolled into view, option lists and inputs, and
the titles of its boxes.
"""

from __future__ import annotations

import io
from typing import Protocol, runtime_checkable

from textual import errors
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, OptionList, Static


@runtime_checkable
class ShowsGlossaryText(Protocol):
    def glossary_text(self) -> str:
        """The text on this screen in which to look for glossary terms."""
        ...


def screen_text(screen: Screen) -> str:
    """The text ``screen`` shows, asked of the screen when it knows, else read from its widgets."""
    if isinstance(screen, ShowsGlossaryText):
        return screen.glossary_text()
    return visible_widget_text(screen)


def visible_widget_text(screen: Screen) -> str:
    parts: list[str] = []
    for widget in screen.query("*"):
        if widget.border_title and _visible_height(screen, widget):  # a box's title: "Two-sided SLA"
            parts.append(str(widget.border_title))
        if not isinstance(widget, (Static, DataTable, Input, OptionList)):
            continue
        height = _visible_height(screen, widget)  # (the footer's keys are none of these: they are not read)
        if not height:
            continue
        if isinstance(widget, DataTable):
            parts.append(_table_text(widget, height))
        elif isinstance(widget, Static):
            parts.append(_static_text(widget))
        elif isinstance(widget, Input):
            parts.append(widget.value)
        else:
            parts.extend(str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count))
    return "\n".join(part for part in parts if part)


def _visible_height(screen: Screen, widget: Widget) -> int:
    """How many lines of ``widget`` are on screen (0 when hidden, switched away or scrolled off)."""
    if not widget.visible:
        return 0
    try:
        return screen.find_widget(widget).visible_region.height
    except errors.NoWidget:
        return 0


def _static_text(widget: Static) -> str:
    if (made := getattr(widget, "made_text", None)) is not None and (text := made()) is not None:
        return text  # a Fitted: the text it makes for its width (its content is empty)
    plain = getattr(widget.visual, "plain", None)
    if isinstance(plain, str):
        return plain
    content = widget.content
    plain = content if isinstance(content, str) else getattr(content, "plain", None)
    if isinstance(plain, str):
        return plain
    # any other Rich renderable (the home scorecard's table): its words as the widget lays them out
    from rich.console import Console

    console = Console(width=max(widget.size.width, 20), color_system=None, file=io.StringIO())
    with console.capture() as capture:
        console.print(content)
    return capture.get()


def _table_text(table: DataTable, height: int) -> str:
    lines = [" | ".join(str(column.label) for column in table.ordered_columns)]
    first = int(table.scroll_offset.y)
    rows = height - (table.header_height if table.show_header else 0)
    for index in range(first, min(table.row_count, first + rows)):
        lines.append(" | ".join(str(cell) for cell in table.get_row_at(index)))
    return "\n".join(lines)
