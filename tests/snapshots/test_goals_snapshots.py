"""The goals screen on the demo log with the fixed clock: wide, narrow, retired shown, and the form's error."""

from textual.widgets import Input

from smarkmeet.services.goals import find_goal, retire_goal
from smarkmeet.tui.app import make_app


async def open_goals(pilot, *keys: str) -> None:
    pilot.app.screen.action_manage_goals()
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


async def on_new_customers(pilot) -> None:
    await open_goals(pilot, "down", "down")  # a goal with funnel-derived targets


def test_goals_screen(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=on_new_customers)


def test_goals_screen_narrow(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24), run_before=on_new_customers)


def test_goals_screen_with_retired(snap_compare, sample_log, clock):
    retire_goal(sample_log, find_goal(sample_log, "Pipeline created").id)

    async def run_before(pilot) -> None:
        await open_goals(pilot, "h")

    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=run_before)


def test_goal_form_error(snap_compare, sample_log, clock):
    async def run_before(pilot) -> None:
        await open_goals(pilot, "n")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.press(*"Revenue won", "tab", *"revenue", "tab", *"lots", "enter")
        await pilot.pause()

    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=run_before)
