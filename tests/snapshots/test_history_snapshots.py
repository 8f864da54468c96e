"""Snapshots of meeting history, a meeting's record and the criticism log on the demo log, wide and at 80×24."""

from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.history import MeetingHistoryScreen

# From sample_data: the weekly meeting a week before the demo's "today", and a resolved criticism note.
LAST_WEEKLY = "f0ab25b2-cc80-53d1-8d6d-8c8c5bebb23b"
RESOLVED_NOTE = "8f9fd59a-4732-5c2f-8ef5-3c79ad40a731"


async def _open_history(pilot):
    pilot.app.push_screen(MeetingHistoryScreen())
    await pilot.pause()


async def _open_record(pilot):
    pilot.app.open_meeting_record(LAST_WEEKLY)
    await pilot.pause()


async def _open_criticism(pilot):
    pilot.app.open_criticism()
    await pilot.pause()


async def _open_resolved_note(pilot):
    pilot.app.open_criticism(RESOLVED_NOTE)
    await pilot.pause()


def test_history_wide(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_history)


def test_history_narrow(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24), run_before=_open_history)


def test_history_monthly_only(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_history,
                        press=["k", "k"])


def test_record_minutes(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_record)


def test_record_action_items(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_record, press=["2"])


def test_record_notes_narrow(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24), run_before=_open_record, press=["3"])


def test_record_verdicts(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_record, press=["4"])


def test_criticism_log_wide(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_criticism)


def test_criticism_log_narrow(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24), run_before=_open_criticism)


def test_criticism_log_at_a_resolved_note(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_resolved_note)
