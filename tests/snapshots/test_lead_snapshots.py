"""Snapshots of the lead report on the demo log, wide and at 80×24."""

from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.leads import LeadReportScreen


async def _open_report(pilot):
    pilot.app.push_screen(LeadReportScreen())
    await pilot.pause()


def test_lead_report_wide(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_report)


def test_lead_report_narrow(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24), run_before=_open_report)


def test_lead_report_by_reason(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_report,
                        press=["b", "b"])
