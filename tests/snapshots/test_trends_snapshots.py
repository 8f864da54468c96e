"""Snapshots of the trends screen on the demo log: wide, at 80×24, the numbers view and 26 weeks."""

from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.trends import TrendsScreen


async def _open_trends(pilot):
    pilot.app.push_screen(TrendsScreen())
    await pilot.pause()


def test_trends_wide(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_trends)


def test_trends_narrow(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24), run_before=_open_trends)


def test_trends_numbers(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_trends, press=["n"])


def test_trends_26_weeks(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_trends, press=["p"])
