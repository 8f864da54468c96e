"""PlainTable: every str it is given — cell or column name — is shown as typed, never read as markup."""

import pytest
from rich.text import Text
from textual.app import App
from textual.widgets.data_table import DuplicateKey

from smarkmeet.tui.widgets.table import PlainTable
from tests.ui.screenshot_text import shown


class _TableApp(App[None]):
    def compose(self):
        yield PlainTable()


class _RowCursorApp(App[None]):
    def compose(self):
        yield PlainTable(cursor_type="row")


async def test_cells_and_column_names_are_literal():
    app = _TableApp()
    async with app.run_test(size=(60, 6)) as pilot:
        table = app.query_one(PlainTable)
        table.add_columns("[b]Owner[/b]", "Smith [/] Co")
        table.add_column(Text("styled", style="bold"))
        table.add_row("[red]late[/red]", "[/]", "x")
        await pilot.pause()
        screen = shown(app)
        assert "[b]Owner[/b]" in screen and "Smith [/] Co" in screen and "styled" in screen
        assert "[red]late[/red]" in screen


async def test_a_row_painted_before_the_columns_widen_is_shown_whole():
    """A refill painted before the table's next idle (a rejection's reason, given in a dialog,
    painted as the meeting screen came back) stayed cut to the old column widths until the
    next refill: DataTable keeps cells drawn at a width it then changes."""
    app = _TableApp()
    async with app.run_test(size=(60, 6)) as pilot:
        table = app.query_one(PlainTable)
        table.add_columns("Verdict", "Waiting")
        table.add_row("accepted", "3d", key="lead")
        await pilot.pause()
        table.clear()
        table.add_row("rejected: no budget", "3d", key="lead")
        app.export_screenshot()  # a paint before the table measures its new rows
        await pilot.pause()
        assert "rejected: no budget" in shown(app)


async def test_rows_added_together_are_the_rows_added_one_by_one():
    """``add_rows`` (the bulk path a review of thousands of leads fills through) against DataTable's
    own ``add_row``: same cells (str kept literal), keys, cursor and what is drawn."""
    rows = [("[b]Acme[/b]", "3d"), ("Smith [/] Co", "12h"), ("Zed", "—")]

    class _Two(App[None]):
        def compose(self):
            yield PlainTable(id="bulk", cursor_type="row")
            yield PlainTable(id="single", cursor_type="row")

    app = _Two()
    async with app.run_test(size=(60, 12)) as pilot:
        bulk, single = app.query_one("#bulk", PlainTable), app.query_one("#single", PlainTable)
        for table in (bulk, single):
            table.add_column("Lead", width=14, key="lead")
            table.add_column("Waiting", width=7, key="wait")
        keys = bulk.add_rows(rows, keys=["a", "b", "c"])
        for key, row in zip(["a", "b", "c"], rows, strict=True):
            single.add_row(*row, key=key)
        await pilot.pause()
        assert [key.value for key in keys] == ["a", "b", "c"]
        for n in range(len(rows)):
            assert bulk.get_row_at(n) == single.get_row_at(n)
            assert bulk.get_row("b") == single.get_row("b")
        assert bulk.cursor_row == single.cursor_row == 0
        assert (bulk.virtual_size, bulk.row_count) == (single.virtual_size, single.row_count)
        screen = shown(app)
        assert screen.count("[b]Acme[/b]") == 2 and screen.count("Smith [/] Co") == 2
        made = bulk.add_rows([("More", "1d")])  # no keys given: made, as add_row makes them
        assert bulk.get_row(made[0])[0].plain == "More"
        with pytest.raises(DuplicateKey):
            bulk.add_rows([("Again", "1d")], keys=["a"])
        with pytest.raises(ValueError):
            bulk.add_rows([("one", "two", "three")], keys=["d"])


async def test_a_table_of_set_widths_is_sized_without_measuring_each_cell(monkeypatch):
    """Every column's width set and every row one line: the idle pass only works out the table's
    size (measuring 9,000 leads' cells took a second); a column sized to its content is still measured."""
    import textual.widgets._data_table as data_table

    measured = []
    real = data_table.measure
    monkeypatch.setattr(data_table, "measure", lambda *args, **kwargs: measured.append(1) or real(*args, **kwargs))
    app = _TableApp()
    async with app.run_test(size=(60, 8)) as pilot:
        table = app.query_one(PlainTable)
        table.add_column("Lead", width=10, key="lead")
        measured.clear()  # the column's name is measured as it is added
        table.add_rows([(f"lead {n}",) for n in range(50)])
        await pilot.pause()
        assert measured == []
        assert table.virtual_size.height == 51  # the header and 50 rows
        assert "lead 0" in shown(app)
        table.add_column("Owner", key="owner")  # sized to what it holds
        table.add_row("lead 50", "a rather long owner name")
        await pilot.pause()
        assert measured
        owner = next(column for column in table.columns.values() if column.key == "owner")
        assert owner.content_width == len("a rather long owner name")


async def test_home_and_end_go_to_the_first_and_last_row_of_a_row_cursor():
    app = _RowCursorApp()
    async with app.run_test(size=(40, 8)) as pilot:
        table = app.query_one(PlainTable)
        table.add_column("Lead", width=10)
        table.add_rows([(f"lead {n}",) for n in range(30)])
        table.focus()
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 29 and "lead 29" in shown(app)
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and "lead 0" in shown(app)


async def test_rows_refused_together_leave_the_table_as_it_was():
    app = _TableApp()
    async with app.run_test(size=(40, 8)) as pilot:
        table = app.query_one(PlainTable)
        table.add_column("Lead", width=10)
        table.add_rows([("a",), ("b",)], keys=["a", "b"])
        for rows, keys, error in (([("p",), ("a",)], ["p", "a"], DuplicateKey),  # a key already used
                                  ([("p",), ("q",)], ["p", "p"], DuplicateKey),  # twice in the batch
                                  ([("p",), ("q", "too many")], ["p", "q"], ValueError),
                                  ([("p",), ("q",)], ["p"], ValueError)):  # a key short
            with pytest.raises(error):
                table.add_rows(rows, keys=keys)
        await pilot.pause()
        assert table.row_count == 2 and table.virtual_size.height == 3  # the header and two rows


async def test_home_and_end_go_to_rows_in_a_table_a_cell_too_wide_for_its_room():
    """On the 10-year log the lead report's total column made the table a cell too wide at 80
    columns: End scrolled sideways instead of reaching "All leads", and Enter then opened the
    source still highlighted."""
    app = _RowCursorApp()
    async with app.run_test(size=(30, 8)) as pilot:
        table = app.query_one(PlainTable)
        table.focus()
        table.add_column("Source", width=30)
        table.add_rows([(f"source {n}",) for n in range(10)])
        await pilot.pause()
        assert table.max_scroll_x > 0
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 9 and table.scroll_x == 0
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0


async def test_home_and_end_scroll_sideways_where_the_table_is_read_across():
    """Where the table is read sideways (26 weeks of trend figures), Home and End keep
    DataTable's meaning; an empty table's End does nothing."""
    app = _RowCursorApp()
    async with app.run_test(size=(30, 8)) as pilot:
        table = app.query_one(PlainTable)
        table.home_end_sideways = True
        table.focus()
        table.add_column("Week", width=8)
        await pilot.press("end")
        assert table.cursor_row == 0
        table.add_column("Figures", width=80)
        table.add_rows([(f"w{n}", "x" * 80) for n in range(10)])
        await pilot.pause()
        assert table.max_scroll_x > 0
        await pilot.press("end")
        await pilot.pause()
        assert table.scroll_x == table.max_scroll_x and table.cursor_row == 0
        await pilot.press("home")
        await pilot.pause()
        assert table.scroll_x == 0 and table.cursor_row == 0


async def test_one_click_on_a_row_moves_the_cursor_and_selects_nothing(sample_log, clock):
    """Counting the clicks that move the cursor ran DataTable's click handler twice: one click
    acted as Enter (at check-in it marked someone present)."""
    from smarkmeet.tui.app import make_app
    from tests.ui.test_meeting import go_to

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "checkin")
        meeting_id = app.screen.runner.meeting.id
        table = app.screen.query_one("#panel-checkin").query_one("DataTable")
        before = sample_log.people.attendance(meeting_id)
        moved = table.moved_by_hand
        await pilot.click(table, offset=(5, 3))  # the third row (the header is the first line)
        await pilot.pause()
        assert table.cursor_row == 2 and table.moved_by_hand == moved + 1
        assert sample_log.people.attendance(meeting_id) == before
