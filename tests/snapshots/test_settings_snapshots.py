"""The settings screen on the demo log with the fixed clock, at 80 columns, a value being changed."""

from smarkmeet.tui.app import make_app


def test_settings_narrow_changing_a_value(snap_compare, sample_log, clock):
    async def run_before(pilot) -> None:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()

    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24), run_before=run_before)
