"""The choice dialog: answered once, whatever arrives after the answer."""

from __future__ import annotations

from smarkmeet.tui.app import make_app
from smarkmeet.tui.widgets.dialogs import ChoiceDialog


async def test_a_second_answer_does_not_close_the_screen_below(sample_log, clock):
    """Two answers queued together (a double click; a click and a key) dismissed the dialog and
    then the screen under it, leaving a blank screen."""
    answers = []
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        dialog = ChoiceDialog("Which?", [("one", 1), ("two", 2)])
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        dialog.action_pick(0)
        dialog.action_pick(1)
        dialog.action_cancel()
        await pilot.pause()
        await pilot.pause()
        assert app.screen is home
        assert answers == [1]
