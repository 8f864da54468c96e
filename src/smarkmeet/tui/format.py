"""How numbers, dates and statuses read on screen."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from smarkmeet.domain.enums import Rag
from smarkmeet.domain.metrics import amount, fit  # noqa: F401 -- the screens' way to show figures and cut text

if TYPE_CHECKING:  # named only: the home screen's first frame is painted before pydantic is imported
    from smarkmeet.domain.views import ActionRow

_BARS = "▁▂▃▄▅▆▇█"
RAG_STYLE = {Rag.GREEN: "bold green", Rag.AMBER: "bold yellow", Rag.RED: "bold red"}


def spark(values: Sequence[float]) -> str:
    """A one-line trend of ``values`` (a goal's last actuals), scaled from 0 to their maximum:
    scaled from their minimum, 22 after weeks of 23 and 24 (88% of target) was drawn as the floor,
    read as a collapse. Scaled from their minimum only where one is below 0."""
    if not values:
        return ""
    low, high = min(0.0, min(values)), max(values)
    span = (high - low) or 1
    return "".join(_BARS[round((value - low) / span * (len(_BARS) - 1))] for value in values)


def rag_text(rag: Rag | None) -> Text:
    if rag is None:
        return Text("no data", style="dim")
    return Text(f"● {rag.value}", style=RAG_STYLE[rag])


def facts_line(line: Text, facts: Iterable[Text | str | tuple[str, Text | str]], room: int, *, sep: str = " · ",
               style: str = "", indent: str = "") -> Text:
    """``line`` with each of ``facts`` after it, ``sep`` (in ``style``) between them (a fact given
    as ``(its_sep, fact)`` comes after its own), a fact that would not fit whole in ``room`` cells
    starting the next line (after ``indent``): a line breaks between facts, never inside one (at
    80 columns "rating" ended one line and "7.3" began the next)."""
    for fact in facts:
        before, fact = fact if isinstance(fact, tuple) else (sep, fact)
        fact = Text(fact, style=style) if isinstance(fact, str) else fact
        last_line = line.plain.rsplit("\n", 1)[-1]
        if cell_len(last_line) + len(before) + fact.cell_len > room:
            line.append("\n" + indent)
        else:
            line.append(before, style)
        line.append_text(fact)
    return line


def day(value: date, today: date) -> str:
    """``Today``, ``Tomorrow``, ``Yesterday`` or ``Mon 23 Nov``."""
    delta = (value - today).days
    named = {0: "Today", 1: "Tomorrow", -1: "Yesterday"}.get(delta)
    stamp = value.strftime("%a %d %b")
    return f"{named}, {stamp}" if named else stamp


def day_in_year(value: date, today: date) -> str:
    """``Fri 11 Dec``, with the year when it is not this year's (``Wed 01 Dec 2027``)."""
    return f"{value:%a %d %b}" + (f" {value.year}" if value.year != today.year else "")


def day_month(value: date, today: date) -> str:
    """A short date, ``04 Mar``, with its year where it is not this one's (``04 Mar ’27``:
    "04 Mar" beside "21 Nov" read as long overdue)."""
    return f"{value:%d %b}" + (f" ’{value:%y}" if value.year != today.year else "")


def added_due(value: date | None, today: date) -> str:
    """How a new item's due date is confirmed: ``due Fri 11 Dec``, with the year when it is not
    this year's (``due Wed 01 Dec 2027``), and said when it has already passed."""
    if value is None:
        return "no due date"
    return f"due {day_in_year(value, today)}" + (" — already past" if value < today else "")


def minutes_seconds(seconds: int) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(int(seconds))
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


LEFT = " (left)"


def owner_text(row: ActionRow, *, width: int | None = None, first_name: bool = False, nobody: str = "—") -> Text:
    """An item's owner as a list shows them; one who has left the team is marked so, in yellow,
    since their item waits to be handed on (w)."""
    name = row.owner_name or nobody
    if first_name:
        name = name.split(" ")[0]
    if not row.owner_left:
        return Text(fit(name, width) if width else name)
    return Text.assemble(fit(name, width - len(LEFT)) if width else name, (LEFT, "yellow"))


def hanging(text: str):
    """Lines of plain text, each wrapping under its own start (a report's "  columns: …" went on
    at the window's edge, its last word alone on a line at column 0)."""
    from rich.console import Group
    from rich.padding import Padding

    lines = text.split("\n")
    return Group(*(Padding(Text(line.lstrip(" ")), (0, 0, 0, len(line) - len(line.lstrip(" ")))) for line in lines))
