"""The home screen's plain reads (store.overview) agree with the records the stores read,
and the app reaches its first frame without importing pydantic."""

import subprocess
import sys
import textwrap

import pytest

from smarkmeet.domain.enums import MeetingStatus
from smarkmeet.services.meeting import MeetingRunner
from smarkmeet.store import overview


def _card_from_records(log, meeting):
    """What the home card should say of ``meeting``, worked out from the full records."""
    sections = log.meetings.sections(meeting.id)
    current = next((s.title for s in sections if s.id == meeting.current_section_id), None)
    facilitator = log.people.get(meeting.facilitator_id).name if meeting.facilitator_id else None
    return (meeting.id, meeting.title, meeting.scheduled_for, meeting.status, len(sections),
            sum(s.timebox_minutes for s in sections), facilitator, current)


def _card(found):
    return (found.id, found.title, found.scheduled_for, found.status, found.sections, found.planned_minutes,
            found.facilitator, found.current_section)


def test_next_meeting_is_the_planned_one_then_the_one_in_progress(sample_log):
    planned = sample_log.meetings.next_planned()
    assert overview.meeting_in_progress(sample_log) is None
    assert _card(overview.next_meeting(sample_log)) == _card_from_records(sample_log, planned)

    runner = MeetingRunner(sample_log, planned.id)
    runner.start()
    runner.next_section()
    running = sample_log.meetings.in_progress()
    found = overview.meeting_in_progress(sample_log)
    assert found.status is MeetingStatus.IN_PROGRESS and found.current_section == runner.current.title
    assert _card(found) == _card_from_records(sample_log, running) == _card(overview.next_meeting(sample_log))


def test_no_meeting_planned(log):
    assert overview.next_meeting(log) is None and overview.meeting_in_progress(log) is None
    assert overview.scorecard(log) == [] and overview.recent_meetings(log, 5) == []


def test_scorecard_agrees_with_goal_statuses(sample_log):
    statuses = sample_log.goals.statuses(last=8)
    lines = overview.scorecard(sample_log, last=8)
    assert [line.goal_id for line in lines] == [status.goal.id for status in statuses] != []
    assert any(line.actuals for line in lines)
    for line, status in zip(lines, statuses, strict=True):
        goal = status.goal
        assert (line.name, line.owner_side, line.period, line.unit, line.target, line.amber_threshold) == (
            goal.name, goal.owner_side, goal.period, goal.unit, goal.target, goal.amber_threshold)
        assert list(line.actuals) == status.trend
        assert (line.attainment, line.rag) == (status.attainment, status.rag)


def test_recent_meetings_are_the_ended_ones_of_the_history(sample_log):
    ended = [m for m in sample_log.meetings.history() if m.status is MeetingStatus.ENDED]
    assert overview.recent_meetings(sample_log, 3) == ended[:3] != []


@pytest.mark.parametrize("which", ["demo", "new"])
def test_first_frame_without_pydantic(sample_db, tmp_path, which):
    """The home screen is read and painted before pydantic (~100-200 ms to import) is needed,
    and without the command line's other commands — on a new log too, whose card says how to
    add the team (asking the people store for the team built its models: +8 MB, +30 ms)."""
    if which == "new":
        from smarkmeet.clock import SystemClock
        from smarkmeet.store.log import open_log

        sample_db = tmp_path / "new.db"
        open_log(sample_db, SystemClock()).close()
    script = textwrap.dedent("""
        import sys
        from smarkmeet.tui.app import SmarkmeetApp

        run = SmarkmeetApp.run
        seen = []

        async def painted(pilot):
            await pilot.pause()
            seen.append((type(pilot.app.screen).__name__,
                         sorted(m for m in sys.modules if m.startswith(("pydantic", "smarkmeet.cli_")))))
            pilot.app.exit()

        SmarkmeetApp.run = lambda self, *a, **k: run(self, headless=True, size=(120, 40), auto_pilot=painted)
        from smarkmeet.cli import cli
        cli.main(["--db", sys.argv[1]], prog_name="smarkmeet", standalone_mode=False)
        print(seen)
    """)
    done = subprocess.run([sys.executable, "-c", script, str(sample_db)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[('HomeScreen', [])]"


def test_in_progress_is_the_latest_started_and_next_planned_the_earliest(log, clock):
    from datetime import timedelta

    from smarkmeet.domain.models import Meeting

    today = clock.today()

    def meeting(title, days, status, started=None):
        return log.meetings.create(Meeting(title=title, scheduled_for=today + timedelta(days=days), status=status,
                                           started_at=started), [])

    later = meeting("Later plan", 14, MeetingStatus.PLANNED)
    sooner = meeting("Sooner plan", 7, MeetingStatus.PLANNED)
    assert overview.next_meeting(log).id == sooner.id != later.id
    old = meeting("Old run", -7, MeetingStatus.IN_PROGRESS, clock.now() - timedelta(days=7))
    assert overview.meeting_in_progress(log).id == old.id == overview.next_meeting(log).id
    recent = meeting("Recent run", -1, MeetingStatus.IN_PROGRESS, clock.now() - timedelta(days=1))
    assert overview.meeting_in_progress(log).id == recent.id == overview.next_meeting(log).id
    assert log.meetings.in_progress().id == recent.id and log.meetings.next_planned().id == sooner.id


def test_names_read_straight_from_the_log_are_shown_inert(sample_log):
    """A log written by another tool may hold an escape sequence: the home screen's reads make it
    visible (as the records' models do), never pass it to the terminal."""
    planned = sample_log.meetings.next_planned()
    goal = sample_log.goals.active()[0]
    with sample_log.conn:
        sample_log.conn.execute("UPDATE meetings SET title = ? WHERE id = ?", ["  Weekly \x1b]0;pwned\x07 sync ", planned.id])
        sample_log.conn.execute("UPDATE goals SET name = ? WHERE id = ?", ["MQLs \x1b[2J", goal.id])
        sample_log.conn.execute("UPDATE meetings SET title = 'Ended \x1b[31m' WHERE status = 'ended'")
    card = overview.next_meeting(sample_log)
    assert card.title == "Weekly ␛]0;pwned␇ sync"
    assert next(line.name for line in overview.scorecard(sample_log) if line.goal_id == goal.id) == "MQLs ␛[2J"
    assert all(m.title == "Ended ␛[31m" for m in overview.recent_meetings(sample_log, 3))


def test_leads_are_counted_from_the_start_of_the_last_ended_weekly(sample_log):
    """The home's "leads need a verdict" window begins where the meeting's lead review does."""
    weekly = [m for m in sample_log.meetings.history() if m.status is MeetingStatus.ENDED and m.kind.value == "weekly"]
    latest = max(weekly, key=lambda m: m.scheduled_for)
    started = sample_log.meetings.get(latest.id).started_at
    assert overview.last_weekly_start(sample_log) == started == sample_log.meetings.last_ended(kind="weekly").started_at
    assert overview.leads_awaiting_verdict(sample_log, started) == sample_log.one(
        "SELECT count(*) AS n FROM leads WHERE verdict IS NULL AND created_at >= ?",
        [started.isoformat(timespec="seconds")])["n"]


def test_the_home_screen_finds_its_meetings_by_status_without_scanning_them(sample_log):
    """Ten years of weekly meetings are thousands of rows: the meeting in progress, the next one
    and the last ended one are each looked up in an index, not found by reading every meeting."""
    statements = []
    sample_log.conn.set_trace_callback(statements.append)
    try:
        overview.next_meeting(sample_log)
        overview.last_weekly_start(sample_log)
        overview.recent_meetings(sample_log, 5)
    finally:
        sample_log.conn.set_trace_callback(None)
    on_meetings = [sql for sql in statements if "FROM meetings m" in sql]
    assert len(on_meetings) == 4  # in progress, next planned, last weekly, recent
    for sql in on_meetings:
        plan = " | ".join(row[3] for row in sample_log.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "SEARCH m USING INDEX meetings_by_status (status=?)" in plan, (sql, plan)


def test_a_meetings_invited_count_takes_in_those_not_checked_in(sample_log, clock):
    """4 members and 2 guests present, 5 members never marked: home and history said 6/6."""
    from smarkmeet.services import attendance
    from smarkmeet.services.meeting import MeetingRunner

    meeting = sample_log.meetings.next_planned()
    runner = MeetingRunner(sample_log, meeting.id)
    runner.start()
    team = sample_log.people.team()
    for person in team[:3]:
        attendance.set_present(sample_log, runner.meeting, person.id, True)
    attendance.set_present(sample_log, runner.meeting, team[3].id, False)
    attendance.add_guest(sample_log, runner.meeting, "Pat Product")
    clock.advance(minutes=30)
    runner.end()
    ended = sample_log.meetings.get(meeting.id)
    unmarked = attendance.not_checked_in(sample_log, ended)
    assert unmarked
    summary = sample_log.meetings.summary(meeting.id)
    assert (summary.present, summary.invited) == (4, len(sample_log.people.attendance(meeting.id)) + len(unmarked))
    for past in sample_log.meetings.recent(20):  # the same rule for every meeting
        held = sample_log.meetings.get(past.id)
        marks = sample_log.people.attendance(past.id)
        assert past.invited == len(marks) + (len(attendance.not_checked_in(sample_log, held)) if marks else 0)
