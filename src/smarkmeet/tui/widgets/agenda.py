"""The agenda sidebar and the countdown bar of the meeting screen."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from smarkmeet.domain.enums import SectionStatus
from smarkmeet.services.meeting import SectionClock
from smarkmeet.tui.format import minutes_seconds

CLOCK_STYLE = {"ok": "bold green", "amber": "bold black on yellow", "red": "bold white on red"}


class AgendaSidebar(Static):
    """Each section with its timebox and time spent, marked done / current / next."""

    _shown: tuple | None = None

    def on_resize(self) -> None:
        if self._shown is not None:  # long titles wrap to the width it now has
            self.show(*self._shown)

    def show(self, clocks: list[SectionClock], current_id: str, total: int, planned: int, paused: bool) -> None:
        self._shown = (clocks, current_id, total, planned, paused)
        text = Text()
        upcoming = False
        for index, clock in enumerate(clocks):
            section = clock.section
            if section.id == current_id:
                mark, style = "▶", "bold reverse"
                upcoming = True
            elif section.status is SectionStatus.DONE:
                mark, style = "✓", "dim"
            elif upcoming:
                mark, style, upcoming = "›", "bold", False
            else:
                mark, style = " ", ""
            spent = minutes_seconds(clock.elapsed) if clock.elapsed else "  —  "
            prefix = f"{mark} {index + 1}. "
            title = Text(section.title, style=style)
            room = self.content_size.width - len(prefix)
            # a long title wraps under itself, not under its number ("3. Goal review — the" / "scorecard")
            lines = title.wrap(self.app.console, room) if room >= 8 else [title]
            for number, part in enumerate(lines):
                text.append(prefix if number == 0 else " " * len(prefix), style=style if number == 0 else "")
                text.append_text(part)
                text.append("\n")
            over = clock.overrun > 0
            text.append(f"     {spent} / {section.timebox_minutes:02d}:00", style="red" if over else "dim")
            if over:
                text.append(f"  +{minutes_seconds(clock.overrun)}", style="bold red")
            text.append("\n")
        text.append("\n")
        total_style = "bold red" if total > planned else "bold"
        text.append(f"Total {minutes_seconds(total)} / {minutes_seconds(planned)}", style=total_style)
        if paused:
            text.append("\n⏸ clock paused", style="bold yellow")
        self.update(text)


PAUSED_SHORT = "  ⏸ PAUSED"
COUNTDOWN_CELLS = len(" ⏱ 00:00 left ")  # (+00:00 over: as wide)


class ClockBar(Static):
    """The current section's countdown: green, amber near the end, red with +mm:ss when over."""

    _shown: tuple | None = None

    def on_resize(self) -> None:
        if self._shown is not None:  # what fits beside the countdown depends on the width
            self.show(*self._shown)

    def show(self, position: int, count: int, clock: SectionClock, paused: bool,
             total: tuple[int, int] | None = None) -> None:
        """``total``: the meeting's time so far and planned, shown here while the agenda is hidden."""
        self._shown = (position, count, clock, paused, total)
        text = Text()
        text.append(f" {position + 1}/{count}  ", style="bold")
        title = Text(clock.section.title, style="bold")
        room = self.content_size.width
        # "⏸ PAUSED" never cut to "⏸" (the keys panel open beside it): the title gives way first
        beside = 3 + COUNTDOWN_CELLS + cell_len(PAUSED_SHORT)  # the gap, the countdown, the pause mark
        if paused and room and text.cell_len + title.cell_len + beside > room:
            title.truncate(max(8, room - text.cell_len - beside), overflow="ellipsis")
        text.append_text(title)
        text.append("   ")
        if clock.remaining >= 0:
            label = f" ⏱ {minutes_seconds(clock.remaining)} left "
        else:
            label = f" ⏱ +{minutes_seconds(clock.overrun)} over "
        text.append(label, style=CLOCK_STYLE[clock.state])
        # the meeting's time and the pause, as much of them as the bar's width holds
        if total is not None:
            spent, planned = total
            meeting = Text(f"   meeting {minutes_seconds(spent)} / {minutes_seconds(planned)}",
                           style="bold red" if spent > planned else "dim")
        else:
            meeting = Text()
        pause_long = Text("  ⏸ PAUSED (ctrl+t resumes)", style="bold yellow") if paused else Text()
        pause_short = Text(PAUSED_SHORT, style="bold yellow") if paused else Text()
        room = self.content_size.width - text.cell_len if self.content_size.width else 10_000
        for candidate in ((pause_long, meeting), (pause_short, meeting), (pause_long,), (pause_short,)):
            if sum(part.cell_len for part in candidate) <= room:
                break
        for part in candidate:
            text.append_text(part)
        self.update(text)
        self.set_class(clock.state == "red", "-over")
