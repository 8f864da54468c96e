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


async def test_a_notice_over_a_dialog_leaves_its_hint_in_sight(sample_log, clock):
    """At 80x24 an 'Added: …' notice at the foot covered the dialog's '↑/↓ and Enter, or the
    number · Esc cancels': over a dialog, notices show at the top."""
    from tests.ui.screenshot_text import shown

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("Added: Send the webinar list — Dana Okafor, due Fri 11 Dec", timeout=30)
        app.push_screen(ChoiceDialog("Nobody on the team is @zoe.", [("Add Zoe to sales", 1), ("as a guest", 2)]))
        await pilot.pause(0.3)
        assert isinstance(app.screen, ChoiceDialog)
        lines = shown(app).splitlines()
        hint = next(n for n, line in enumerate(lines) if "Esc cancels" in line)
        assert "Added: Send the webinar" in "\n".join(lines[:hint])
