"""PlainTable: every str it is given — cell or column name — is shown as typed, never read as markup."""

from rich.text import Text
from textual.app import App

from smarkmeet.tui.widgets.table import PlainTable
from tests.ui.screenshot_text import shown


class _TableApp(App[None]):
    def compose(self):
        yield PlainTable()


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
