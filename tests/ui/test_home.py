"""The home screen driven through Textual's Pilot."""

from textual.widgets import HelpPanel

from smarkmeet.store.actions import ActionFilter
from smarkmeet.tui.app import make_app
from smarkmeet.tui.widgets.history import MeetingHistoryTable
from smarkmeet.tui.widgets.scorecard import GoalScorecard


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).content)


async def test_home_shows_what_the_log_holds(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)):
        counts = sample_log.actions.counts(clock.today())
        owed = text_of(app, "#action-counts")
        assert f"{counts.open}[/b] open" in owed and f"{counts.overdue}[/] overdue" in owed
        assert "Weekly smarketing meeting" in text_of(app, "#next-meeting")
        assert app.screen.query_one(GoalScorecard).row_count == len(sample_log.goals.active())
        ended = sample_log.one("SELECT count(*) AS n FROM meetings WHERE status = 'ended'")["n"]
        assert app.screen.query_one(MeetingHistoryTable).row_count == min(12, ended)


async def test_refresh_reads_new_entries(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        item = sample_log.actions.list(ActionFilter(overdue_on=clock.today()))[0]
        sample_log.actions.update(item.id, {"status": "done", "done_at": clock.now()})
        await pilot.press("r")
        counts = sample_log.actions.counts(clock.today())
        assert f"{counts.overdue}[/] overdue" in text_of(app, "#action-counts")


async def test_question_mark_toggles_the_keys_panel(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert app.screen.query(HelpPanel)
        await pilot.press("question_mark")
        assert not app.screen.query(HelpPanel)


async def test_palette_lists_our_commands(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"refresh")
        await pilot.pause(0.3)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("home: Refresh" in prompt for prompt in prompts)


async def test_empty_log_home_says_what_to_do(log, clock):
    app = make_app(log, clock)
    async with app.run_test(size=(80, 24)):
        assert "No meeting planned" in text_of(app, "#next-meeting")


async def test_the_start_dialog_fits_a_small_terminal(sample_log, clock):
    """At 80×24 the start dialog drops its blank lines so its buttons are on screen; taller, it keeps them."""
    from smarkmeet.tui.screens.start import StartMeetingDialog

    for size, short in (((80, 24), True), ((120, 40), False)):
        app = make_app(sample_log, clock)
        async with app.run_test(size=size) as pilot:
            await pilot.press("s")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, StartMeetingDialog)
            button = dialog.query_one("#start-go").region
            assert button.height and button.bottom <= size[1], (size, button)
            assert dialog.has_class("-short") is short
