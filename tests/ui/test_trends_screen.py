"""The trends screen, driven through Textual's Pilot: pictures, the numbers one key away, the window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Label, Sparkline, Static

from smarkmeet.domain.enums import MeetingKind, MeetingStatus
from smarkmeet.domain.models import AgendaSection, Goal, GoalCheckin, Lead, Meeting
from smarkmeet.services.trends import trends
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.trends import TrendRow, TrendsScreen, shown
from smarkmeet.tui.widgets.table import PlainTable


def _numbers_rows(result) -> int:
    """A heading row per section, a row per series, and a goal's actuals on a row of their own."""
    return sum(1 + sum(1 + (series.basis is not None) for series in part.series) for part in result.sections)


async def test_opens_with_a_sparkline_per_series_and_toggles_the_numbers(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(TrendsScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        expected = trends(sample_log, 12)
        every_series = [series for part in expected.sections for series in part.series]
        rows = list(screen.query(TrendRow))
        assert [row.series.label for row in rows] == [series.label for series in every_series]
        so_far = [part.so_far(series) for part in expected.sections for series in part.series]
        assert True in so_far  # the demo has leads this week
        assert ["so far" in str(row.query_one(".trend-latest", Label).content) for row in rows] == so_far
        assert len(screen.query(Sparkline)) == sum(1 for series in every_series if len(series.values) > 1)
        table = screen.query_one("#trends-numbers", PlainTable)
        assert not table.display

        await pilot.press("n")
        assert table.display and not screen.query_one("#trends-charts").display
        assert app.focused is table
        assert len(table.columns) == 1 + 12
        assert table.row_count == _numbers_rows(expected)
        # this week's figure, still accruing, is marked in the numbers as the pictures say "so far"
        by_label = {str(table.get_row_at(index)[0]): table.get_row_at(index)[-1] for index in range(table.row_count)}
        marked = [str(by_label[series.label]).endswith("…") for series in every_series]
        assert marked == so_far
        assert "(marked …)" in str(screen.query_one("#trends-window", Static).content)

        await pilot.press("p")
        window = str(screen.query_one("#trends-window", Static).content)
        assert "26 weeks" in window
        this_sunday = clock.today() + timedelta(days=6 - clock.today().weekday())
        assert f"– {this_sunday:%d %b %Y}" in window  # the weeks shown run to this week's end: today is in
        assert len(table.columns) == 1 + 26
        assert table.row_count == _numbers_rows(trends(sample_log, 26))
        await pilot.press("p", "p")
        assert len(table.columns) == 1 + 12  # 52, then back to 12

        await pilot.press("n")
        assert screen.query_one("#trends-charts").display and not table.display
        await pilot.press("escape")
        assert not isinstance(app.screen, TrendsScreen)


async def open_numbers(app, pilot) -> None:
    app.push_screen(TrendsScreen())
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    await pilot.pause()


def weeks_shown(app) -> list[str]:
    """The weeks named in the numbers' header, as shown on screen."""
    from tests.ui.screenshot_text import shown

    header = next(line for line in shown(app).splitlines() if line.strip().startswith("Series"))
    return [part.strip() for part in header.strip().removeprefix("Series").split("  ") if part.strip()]


@pytest.mark.parametrize("size", [(36, 24), (44, 24), (80, 24), (95, 30), (120, 40)])
async def test_the_numbers_show_the_latest_weeks_whole(sample_log, clock, size):
    """At 80 columns the table was scrolled to its end by cells: the week before the ones shown
    was cut to its last character, so "25" read as "5" under a header "t". Under ~45 columns
    the series' label took the whole width, with no week beside it, nor a way to scroll to one."""
    import re

    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await open_numbers(app, pilot)
        labels = trends(sample_log, 12).week_labels
        weeks = weeks_shown(app)
        assert weeks and all(re.fullmatch(r"\d\d [A-Z][a-z]{2}", week) for week in weeks), weeks
        assert weeks == labels[len(labels) - len(weeks):]  # the latest ones, in order, up to this week
        if size[0] >= 120:
            assert len(weeks) >= 10


async def test_labels_are_cut_to_the_width_the_screen_has_now(sample_log, clock):
    """Opened at 80 columns and then widened, the goals' names stayed cut to the narrow width
    beside ten empty columns. At 80 columns the goals' names were cut too ("Leads accepted by
    …"): the trend is drawn a cell a week there instead, and only a longer label is cut."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(TrendsScreen())
        await pilot.pause()
        rows = list(app.screen.query(TrendRow))
        whole = [row for row in rows if len(row.series.label) <= 29]
        assert {str(row.query_one(".trend-label", Label).content) for row in whole} == \
            {row.series.label for row in whole}
        for row in whole:
            if row.query(Sparkline):  # every week of the window has a cell of its own
                assert row.query_one(Sparkline).size.width >= 12
        longest = max((row for row in rows if 29 < len(row.series.label) <= 35),
                      key=lambda row: len(row.series.label))  # one that fits whole only when wide
        label = longest.query_one(".trend-label", Label)
        assert str(label.content).endswith("…")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert str(label.content) == longest.series.label
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert str(label.content).endswith("…")


async def test_the_weeks_left_out_are_said_and_a_week_away_each(sample_log, clock):
    """The header said 12 weeks and the table showed 10, with no word of the others; ← and →
    scrolled by cells, cutting weeks in half ("p", "30 No")."""
    import re

    labels = trends(sample_log, 12).week_labels
    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_numbers(app, pilot)
        latest = weeks_shown(app)
        assert 0 < len(latest) < len(labels)
        window = str(app.screen.query_one("#trends-window").render())
        assert f"{len(latest)} of the {len(labels)} weeks fit" in window
        for back in range(1, 3):
            await pilot.press("left")
            await pilot.pause()
            await pilot.pause()
            weeks = weeks_shown(app)
            assert all(re.fullmatch(r"\d\d [A-Z][a-z]{2}", week) for week in weeks), weeks
            start = len(labels) - len(latest) - back
            assert len(weeks) >= len(latest) - 1 and weeks == labels[start:start + len(weeks)], (back, weeks)
        for _ in range(5):
            await pilot.press("right")
        await pilot.pause()
        await pilot.pause()
        assert weeks_shown(app) == latest  # no further than this week


async def test_refresh_reads_the_log_again(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(TrendsScreen())
        await pilot.pause()
        before = len(app.screen.query(TrendRow))
        sample_log.goals.add(Goal(name="Brand new goal", metric="m", target=5, created_at=clock.now()))
        await pilot.press("r")
        await pilot.pause()
        labels = [row.series.label for row in app.screen.query(TrendRow)]
        assert len(labels) == before + 1 and "Brand new goal" in labels
        app.push_screen(Screen())  # away and back: the log is read again
        await pilot.pause()
        sample_log.goals.add(Goal(name="Another goal", metric="m", target=5, created_at=clock.now()))
        app.pop_screen()
        await pilot.pause()
        assert "Another goal" in [row.series.label for row in app.screen.query(TrendRow)]


async def test_words_from_users_are_shown_as_typed_never_as_markup(log, clock):
    goal = log.goals.add(Goal(name="[b]Pipe[/] [red]", metric="m", target=10, created_at=clock.now()))
    monday = clock.today() - timedelta(days=clock.today().weekday())
    for weeks in (1, 2):
        log.insert("goal_checkins", GoalCheckin(goal_id=goal.id, period_start=monday - timedelta(weeks=weeks),
                                                actual=7 + weeks, target=10, recorded_at=clock.now()))
    log.leads.add(Lead(crm_id="X1", source="Smith [/] Co", created_at=clock.now() - timedelta(days=3)))
    meeting = Meeting(kind=MeetingKind.WEEKLY, title="w", scheduled_for=monday - timedelta(days=7),
                      status=MeetingStatus.ENDED)
    log.meetings.create(meeting, [AgendaSection(meeting_id=meeting.id, position=0, kind="discussion",
                                                title="[link=x]Lead[/]", timebox_minutes=5,
                                                seconds_spent=400, overrun_seconds=100)])
    app = make_app(log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(TrendsScreen())
        await pilot.pause()
        labels = [str(label.render()) for label in app.screen.query(".trend-label").results(Label)]
        for text in ("[b]Pipe[/] [red]", "Smith [/] Co", "[link=x]Lead[/]"):
            assert text in labels
        # a series with one week of data is said, not drawn as a full-width bar
        single = next(row for row in app.screen.query(TrendRow) if row.series.label == "Smith [/] Co")
        assert len(single.series.values) == 1 and not single.query(Sparkline)
        assert "one week with data" in str(single.query_one(".trend-spark", Label).content)
        await pilot.press("n")
        table = app.screen.query_one("#trends-numbers", PlainTable)
        cells = [table.get_row_at(n)[0] for n in range(table.row_count)]
        assert all(isinstance(cell, Text) for cell in cells)
        assert {"[b]Pipe[/] [red]", "Smith [/] Co"} <= {cell.plain for cell in cells}


async def test_palette_offers_every_key_of_the_screen(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(TrendsScreen())
        await pilot.pause()
        titles = [command.title for command in app.screen.palette_commands()]
        assert titles == ["trends: Show numbers or pictures", "trends: Next window", "trends: Refresh"]
        keys = {binding.key for binding in TrendsScreen.BINDINGS}
        assert {"n", "p", "r", "escape"} <= keys


async def test_another_window_gives_the_rows_their_new_weeks_and_each_view_shows_it(sample_log, clock):
    """`p` gives the rows already drawn the new weeks (mounting them anew took most of a second),
    and the view not on screen is made when `n` shows it: from the window then chosen."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(TrendsScreen())
        await pilot.pause()
        screen = app.screen
        rows = list(screen.query(TrendRow))

        def drawn() -> list[tuple[str, list[float], str, str]]:
            return [(row.series.label, list(spark.data) if (spark := row.query(Sparkline)) and
                     (spark := spark.first()) else [], str(row.query_one(".trend-latest", Label).content),
                     str(row.query_one(".trend-weeks", Label).content)) for row in screen.query(TrendRow)]

        def expected(weeks: int) -> list[tuple[str, list[float], str, str]]:
            result = trends(sample_log, weeks)
            return [(series.label, list(series.values) if len(series.values) > 1 else [],
                     shown(series.latest, series.unit) + (f" · {shown(series.basis.latest, series.basis.unit)}"
                                                          if series.basis and series.basis.latest is not None else "")
                     + (" so far" if part.so_far(series) else ""),
                     f"{len(series.values)}/{len(series.points)}")
                    for part in result.sections for series in part.series]

        await pilot.press("p")
        await pilot.pause()
        assert drawn() == expected(26)
        assert drawn() != expected(12)  # the windows differ, or this test shows nothing
        assert [label for label, *_ in expected(26)] == [row.series.label for row in rows]  # the demo's series
        assert list(screen.query(TrendRow)) == rows  # the same widgets, given the new weeks

        await pilot.press("n", "p")  # 52 weeks, in numbers; the pictures not made behind them
        await pilot.pause()
        table = screen.query_one("#trends-numbers", PlainTable)
        assert len(table.columns) == 1 + 52
        await pilot.press("n")  # the pictures, made now for the window chosen while they were hidden
        await pilot.pause()
        assert drawn() == expected(52)
