"""One snapshot per section of a live meeting on the demo log, with the clock stopped."""

import pytest
from textual.widgets import Input

from smarkmeet.services.meeting import MeetingRunner
from smarkmeet.tui.app import make_app

SECTIONS = ["checkin", "action_review", "goal_review", "lead_feedback", "criticism", "wrapup"]


def meeting_at(sample_log, clock, kind: str, minutes_in: float):
    runner = MeetingRunner(sample_log, sample_log.meetings.next_planned().id)
    runner.start()
    target = next(s for s in runner.sections if s.kind.value == kind)
    runner.go_to(target.id)
    clock.advance(minutes=minutes_in)
    runner.checkpoint()  # as the running app does; time after the last checkpoint is never counted
    return make_app(sample_log, clock)


async def resume_without_blink(pilot) -> None:
    await pilot.press("enter")  # accept the offer to resume
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("kind", SECTIONS)
def test_section(snap_compare, sample_log, clock, kind):
    app = meeting_at(sample_log, clock, kind, minutes_in=2)
    assert snap_compare(app, terminal_size=(120, 40), run_before=resume_without_blink)


def test_lead_feedback_overrun(snap_compare, sample_log, clock):
    app = meeting_at(sample_log, clock, "lead_feedback", minutes_in=17.5)
    assert snap_compare(app, terminal_size=(120, 40), run_before=resume_without_blink)


def test_action_review_narrow(snap_compare, sample_log, clock):
    app = meeting_at(sample_log, clock, "action_review", minutes_in=6.5)  # amber: under a minute left
    assert snap_compare(app, terminal_size=(80, 24), run_before=resume_without_blink)
