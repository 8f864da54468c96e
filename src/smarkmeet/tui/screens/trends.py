"""Trends, as pictures: goals, lead conversion by source, action completion, meeting rating
and overrun per section, week by week — and the numbers behind them one key away (n).

A sparkline joins the weeks that have data, in order (a single week is said, not drawn); a
week without data is left out, never drawn as zero (the weeks column says how many weeks have data, and the numbers view
shows the gaps as —). Each line is scaled between its own minimum and maximum, shown beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from statistics import fmean

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Label, Sparkline, Static

from smarkmeet.domain.enums import Unit
from smarkmeet.domain.metrics import percent, rating_text
from smarkmeet.services.trends import MINUTES, RATIO, SCORE, WINDOWS, Trends, TrendSection, TrendSeries, trends
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import amount, facts_line, fit
from smarkmeet.tui.widgets.fitted import Fitted
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.table import PlainTable

NARROW_BELOW = 100  # columns; narrower terminals get narrower columns (and the numbers shorter labels)
WIDE_FROM = 120  # columns; from here the labels take more of the width ("Lead feedback — closing the…" at 120)
LOWER_IS_BETTER = frozenset({"overrun"})  # sections whose high values are drawn in the error colour


def shown(value: float | None, unit: str, *, bare: bool = False) -> str:
    """A trend value as read on screen: ``88%``, ``7.4``, ``2.5 min`` (``2.5`` when ``bare``), or a goal's own unit."""
    if value is None:
        return "—"
    if unit == RATIO:
        return percent(value)
    if unit == SCORE:
        return rating_text(value)  # as the minutes and the history round it
    if unit == MINUTES:
        return f"{value:.1f}" if bare else f"{value:.1f} min"
    return amount(value, Unit(unit))


def value_range(series: TrendSeries) -> str:
    if series.low is None or series.high is None:
        return ""
    low, high = shown(series.low, series.unit, bare=True), shown(series.high, series.unit)
    return high if series.low == series.high else f"{low}–{high}"


class TrendHeading(Fitted):
    """A section's title, then its formula: on a line of its own where both do not fit, not
    broken inside it ("… delivered that week; the 6" / "biggest sources" at 80 columns)."""

    def __init__(self, section: TrendSection) -> None:
        super().__init__(classes="trend-heading")
        self.show(lambda room: facts_line(Text(section.title, style="bold"), [section.formula], room,
                                          sep="  ", style="dim", indent="  "))


class TrendRow(Horizontal):
    """One series: its label, a sparkline of the weeks with data, the latest value, min–max, weeks with data."""

    def __init__(self, series: TrendSeries, *, label_width: int, lower_is_better: bool = False,
                 so_far: bool = False) -> None:
        super().__init__(classes="trend-row")
        self.series = series
        self._so_far = so_far
        self._label_width = label_width
        self._lower_is_better = lower_is_better

    def fit_label(self, width: int) -> None:
        """Cut the label to a new width (the screen crossed from narrow to wide or back)."""
        labels = self.query(".trend-label")  # (none yet on a row still being mounted by a refresh)
        if width != self._label_width and labels:
            self._label_width = width
            labels.first(Label).update(Text(fit(self.series.label, width)))

    def compose(self) -> ComposeResult:
        series = self.series
        yield Label(Text(fit(series.label, self._label_width)), classes="trend-label")
        if self._drawn(series):
            yield Sparkline(series.values, summary_function=fmean,
                            classes="trend-spark -lower-better" if self._lower_is_better else "trend-spark")
        else:  # one value drew a full-width bar, read as "the same every week"
            yield Label(self._undrawn(series), classes="trend-spark")
        yield Label(self._latest(series, self._so_far), classes="trend-latest")
        yield Label(Text(value_range(series)), classes="trend-range")
        yield Label(self._weeks(series), classes="trend-weeks")

    def show(self, series: TrendSeries, *, so_far: bool) -> None:
        """The same series over other weeks, in the widgets already there (mounting the rows anew
        took most of a second on each `p`); a series that gains or loses its line is composed anew."""
        drawn = self._drawn(series)
        self.series, self._so_far = series, so_far
        if drawn != bool(self.query(Sparkline)):
            self.refresh(recompose=True)
            return
        if drawn:
            self.query_one(Sparkline).data = series.values
        else:
            self.query_one(".trend-spark", Label).update(self._undrawn(series))
        self.query_one(".trend-latest", Label).update(self._latest(series, so_far))
        self.query_one(".trend-range", Label).update(Text(value_range(series)))
        self.query_one(".trend-weeks", Label).update(self._weeks(series))

    @staticmethod
    def _drawn(series: TrendSeries) -> bool:
        return len(series.values) > 1

    @staticmethod
    def _undrawn(series: TrendSeries) -> Text:
        return Text("one week with data: no trend yet" if series.values else "no data in these weeks", style="dim")

    @staticmethod
    def _latest(series: TrendSeries, so_far: bool) -> Text:
        latest = Text(shown(series.latest, series.unit), style="bold")
        if series.basis is not None and series.basis.latest is not None:
            latest.append(f" · {shown(series.basis.latest, series.basis.unit)}", style="")
        if so_far:
            latest.append(" so far", style="dim")
        return latest

    @staticmethod
    def _weeks(series: TrendSeries) -> Text:
        with_data, weeks = len(series.values), len(series.points)
        return Text(f"{with_data}/{weeks}", style="" if with_data == weeks else "yellow")


class TrendsScreen(Screen):
    """Per goal, per lead source and for the meeting itself: how the weeks went."""

    BINDINGS = [
        Binding("n", "toggle_numbers", "Numbers", id="trends.numbers",
                tooltip="Show the numbers behind the sparklines, one column per week (or the pictures again)"),
        Binding("p", "next_window", "Weeks", id="trends.window", tooltip="Cycle the window: 12, 26 or 52 weeks"),
        Binding("r", "refresh", "Refresh", id="trends.refresh", tooltip="Read the log again"),
        Binding("escape", "app.pop_screen", "Back", id="trends.back", tooltip="Back to the previous screen"),
        # whole weeks (the table's own ← → scroll by cells: half a week's figures read as others)
        Binding("left", "move_weeks(-1)", "Earlier", id="trends.earlier", show=False, priority=True,
                tooltip="The numbers: a week earlier, when not all fit"),
        Binding("right", "move_weeks(1)", "Later", id="trends.later", show=False, priority=True,
                tooltip="The numbers: a week later"),
    ]

    def __init__(self, weeks: int = WINDOWS[0], *, numbers: bool = False) -> None:
        super().__init__()
        self._window = WINDOWS.index(weeks) if weeks in WINDOWS else 0
        self._numbers = numbers
        self.trends: Trends | None = None
        self._resumed = False
        self._series_width = 0
        self._first_week = 0  # the first week shown in the numbers (the others a ← away)
        self._fitting = 0  # how many weeks fit beside the series' labels
        self._stale_charts = self._stale_numbers = True  # a view not yet made from self.trends
        self._chart_shape: list[tuple[str, str, str, list[str]]] = []  # the sections and series drawn

    @property
    def weeks(self) -> int:
        return WINDOWS[self._window]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="trends-window")
        yield VerticalScroll(id="trends-charts")
        numbers = PlainTable(id="trends-numbers", zebra_stripes=True, cursor_type="row", fixed_columns=1)
        numbers.home_end_sideways = True  # read across its weeks: Home and End go to the first and last
        yield numbers
        yield Footer()

    async def on_mount(self) -> None:
        self.title = "Trends"
        self.set_class(self.size.width < NARROW_BELOW, "-narrow")
        self.set_class(self.size.width >= WIDE_FROM, "-wide")
        await self.action_refresh()

    async def on_screen_resume(self) -> None:
        if self._resumed:  # back from another screen: the log may have changed (the first resume follows on_mount)
            await self.action_refresh()
        self._resumed = True

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_BELOW, "-narrow")
        self.set_class(self.size.width >= WIDE_FROM, "-wide")
        for row in self.query(TrendRow):  # made at the width the screen opened with
            row.fit_label(self._label_width())
        if self._numbers:
            self.call_after_refresh(self._fit_numbers)

    async def action_refresh(self) -> None:
        self.trends = trends(self.app.store, self.weeks)  # type: ignore[attr-defined]
        self._show_window(self.trends)
        # only the view on screen is made now; the other when `n` shows it (each took a good part of `p`)
        self._stale_charts = self._stale_numbers = True
        await self._bring_up_to_date()
        self._show_mode()

    async def _bring_up_to_date(self) -> None:
        if self.trends is None:
            return
        if self._numbers and self._stale_numbers:
            self._stale_numbers = False
            self._fill_numbers(self.trends)
        elif not self._numbers and self._stale_charts:
            self._stale_charts = False
            await self._draw_charts(self.trends)

    async def _draw_charts(self, data: Trends) -> None:
        """The series as rows of pictures: the rows already there are given the new weeks when the
        same series are shown (as over another window, or a refresh); otherwise they are made anew."""
        charts = self.query_one("#trends-charts", VerticalScroll)
        shape = [(section.title, section.formula, section.empty if not section.series else "",
                  [series.label for series in section.series]) for section in data.sections]
        rows = list(charts.query(TrendRow))
        if shape == self._chart_shape and len(rows) == sum(len(section.series) for section in data.sections):
            every = [(section, series) for section in data.sections for series in section.series]
            for row, (section, series) in zip(rows, every):
                row.show(series, so_far=section.so_far(series))
            return
        self._chart_shape = shape
        scrolled = charts.scroll_y
        await charts.remove_children()
        await charts.mount_all(list(self._chart_widgets(data)))
        charts.scroll_to(y=scrolled, animate=False)

    async def action_next_window(self) -> None:
        self._window = (self._window + 1) % len(WINDOWS)
        await self.action_refresh()

    async def action_toggle_numbers(self) -> None:
        self._numbers = not self._numbers
        await self._bring_up_to_date()
        self._show_mode()
        if not self._numbers and self.trends is not None:
            self._show_window(self.trends)  # without the numbers' line

    def _show_mode(self) -> None:
        charts, numbers = self.query_one("#trends-charts"), self.query_one("#trends-numbers", PlainTable)
        charts.display, numbers.display = not self._numbers, self._numbers
        (numbers if self._numbers else charts).focus()
        if self._numbers:
            self.call_after_refresh(self._fit_numbers)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move_weeks":  # only over the numbers; elsewhere the keys are the widget's
            return self._numbers and self.trends is not None and self._fitting < len(self.trends.weeks)
        return True

    def action_move_weeks(self, by: int) -> None:
        if self.trends is None:
            return
        self._first_week = max(0, min(len(self.trends.weeks) - self._fitting, self._first_week + by))
        self._scroll_to_first_week()

    def _scroll_to_first_week(self) -> None:
        table = self.query_one("#trends-numbers", PlainTable)
        widths = [column.get_render_width(table) for column in list(table.columns.values())[1:]]
        self.call_after_refresh(table.scroll_to, x=sum(widths[:self._first_week]), animate=False)

    def _show_window(self, data: Trends) -> None:
        # from the first week's Monday to the last week's Sunday (this week's, so today is inside)
        first, last = data.weeks[0], data.weeks[-1] + timedelta(days=6)
        since = f"{first:%d %b}" if first.year == last.year else f"{first:%d %b %Y}"
        self.query_one("#trends-window", Static).update(Text.assemble(
            # calendar weeks, this one the last: not the lead report's "last 12 weeks" (since today's weekday)
            (f"{self.weeks} calendar weeks", "bold"), (f": {since} – {last:%d %b %Y}", "dim"),
            ("  ·  n numbers · p weeks · r refresh", "dim"),
            ("\nA line joins the weeks with data: empty weeks are left out, not drawn as 0.", "dim"),
            ("\nThis week is not over: its lead conversion and action completion are “so far”"
             + (" (marked …)." if self._numbers else "."), "dim"),
            (f"\n{self._fitting} of the {len(data.weeks)} weeks fit beside the series: ← and → move a week"
             if self._numbers and 0 < self._fitting < len(data.weeks) else "", "dim"),
        ))

    def _label_width(self, *, numbers: bool = False) -> int:
        """The series' labels' width: in the pictures, wider from WIDE_FROM columns (a column
        narrower than its cell: a gap; the CSS widths are these and their padding); in the
        numbers, as at 100 columns (each cell more there is a week less in sight)."""
        if self.size.width < NARROW_BELOW and numbers:
            return 19
        # in the pictures, a narrow terminal draws the trend one cell a week rather than cut the
        # labels ("Leads accepted by …" at 80 columns)
        return 35 if self.size.width >= WIDE_FROM and not numbers else 29

    def _chart_widgets(self, data: Trends) -> Iterable[Widget]:
        width = self._label_width()
        yield Horizontal(
            Label(Text(""), classes="trend-label"), Label(Text("trend", style="dim"), classes="trend-spark"),
            Label(Text("latest", style="dim"), classes="trend-latest"),
            Label(Text("min–max", style="dim"), classes="trend-range"),
            Label(Text("weeks", style="dim"), classes="trend-weeks"),
            classes="trend-row trend-columns",
        )
        for section in data.sections:
            yield TrendHeading(section)
            if not section.series:
                yield Static(Text(section.empty, style="dim"), classes="trend-empty")
            for series in section.series:
                yield TrendRow(series, label_width=width, lower_is_better=section.key in LOWER_IS_BETTER,
                               so_far=section.so_far(series))

    def _fit_numbers(self) -> None:
        """Show the latest weeks that fit, whole: the series column (fixed) takes the room left
        over, and the table scrolls left to the first of them, so no week is cut in half (its
        figures read as other numbers: "25" showing as "5"). Earlier weeks are a scroll away. In a
        terminal too narrow for a week beside the whole label, the label is cut instead."""
        table = self.query_one("#trends-numbers", PlainTable)
        if self.trends is None or not table.columns:
            return
        room = table.scrollable_content_region.width
        padding = 2 * table.cell_padding
        weeks = [column.get_render_width(table) for column in list(table.columns.values())[1:]]
        least = self._label_width(numbers=True) + 7 + padding
        shown = used = 0
        for width in reversed(weeks):
            if least + used + width > room:
                break
            used, shown = used + width, shown + 1
        if shown == 0 and weeks:  # not even the latest week beside the whole label: the label gives way
            series = max(8, room - weeks[-1] - padding)
            shown = int(series + padding + weeks[-1] <= room)
        elif shown < len(weeks):
            series = max(least, room - used) - padding
        else:
            series = least - padding
        if series != self._series_width:
            self._fill_numbers(self.trends, series_width=series)
        self._fitting, self._first_week = shown, len(weeks) - shown  # the latest weeks
        self._show_window(self.trends)
        self.refresh_bindings()
        self._scroll_to_first_week()

    def _fill_numbers(self, data: Trends, *, series_width: int | None = None) -> None:
        """A heading row per section, a row per series (a goal's actuals on the row below its
        attainment), one column per week."""
        table = self.query_one("#trends-numbers", PlainTable)
        table.clear(columns=True)
        width = self._series_width = series_width or self._label_width(numbers=True) + 7
        table.add_column(Text("Series"), key="series", width=width)
        for index, label in enumerate(data.week_labels):
            table.add_column(Text(label, justify="right"), key=f"week-{index}")
        blank = [""] * len(data.weeks)
        for section in data.sections:
            unit = " (minutes)" if section.key == "overrun" else ""
            table.add_row(Text(fit(section.title + unit, width), style="bold"), *blank)
            for series in section.series:
                table.add_row(fit(series.label, width), *self._cells(series, so_far=section.so_far(series)))
                if series.basis is not None:
                    table.add_row(Text("  ↳ actual", style="dim"), *self._cells(series.basis))

    @staticmethod
    def _cells(series: TrendSeries, *, so_far: bool = False) -> list[Text]:
        """A week's figure each; this week's, still accruing (``so_far``), followed by "…", as the
        pictures' "so far" and a meeting still on in the history say it."""
        cells = [Text(shown(value, series.unit, bare=True), justify="right", style="dim" if value is None else "")
                 for _, value in series.points]
        if so_far:
            cells[-1].append("…", style="dim")
        return cells

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("trends: Show numbers or pictures", "n — the figures behind every line, week by week",
                             self.action_toggle_numbers)
        yield PaletteCommand("trends: Next window", "p — 12, 26 or 52 weeks", self.action_next_window)
        yield PaletteCommand("trends: Refresh", "r — read the log again", self.action_refresh)
