"""The real smarkmeet in a pseudo-terminal, killed with SIGKILL mid-meeting, then resumed."""

import sys
import time

import pytest

from tests.ui.pty_app import CTRL_N, Terminal, query, start_demo_meeting, wait_until

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

def test_sigkill_mid_meeting_then_resume(tmp_path):
    db, home, term = start_demo_meeting(tmp_path)
    try:
        term.type("ppp")  # three people checked in
        wait_until(lambda: query(db, "SELECT count(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
                                     "WHERE m.status = 'in_progress' AND a.present = 1")[0][0] == 3)
        time.sleep(1.2)  # some time in the check-in
        term.type(CTRL_N, settle=1.0)
        term.wait_for("Action item review")
        wait_until(lambda: query(db, "SELECT count(*) FROM agenda_sections WHERE status = 'done'"
                                     " AND meeting_id IN (SELECT id FROM meetings WHERE status = 'in_progress')")[0][0])
        term.type("d")  # the first open item marked done
        wait_until(lambda: query(db, "SELECT count(*) FROM action_items a JOIN meetings m "
                                     "ON m.id = a.closed_in_meeting_id WHERE m.status = 'in_progress'")[0][0] == 1)
    finally:
        term.kill()

    (meeting_id, section_id), = query(db, "SELECT id, current_section_id FROM meetings WHERE status = 'in_progress'")
    checkin_spent = query(db, "SELECT seconds_spent FROM agenda_sections WHERE meeting_id = ? AND position = 0",
                          [meeting_id])[0][0]
    assert checkin_spent >= 1
    assert query(db, "PRAGMA integrity_check")[0][0] == "ok"

    term = Terminal(db, home)
    try:
        term.wait_for("Resume the meeting")
        term.type("\r", settle=1.0)
        term.wait_for("Action item review")
        wait_until(lambda: query(db, "SELECT running_since IS NOT NULL FROM agenda_sections WHERE id = ?",
                                 [section_id])[0][0] == 1)
    finally:
        term.kill()
    assert query(db, "SELECT status, current_section_id FROM meetings WHERE id = ?", [meeting_id]) == [
        ("in_progress", section_id)]
    assert query(db, "SELECT count(*) FROM attendance WHERE meeting_id = ? AND present = 1", [meeting_id]) == [(3,)]
    assert query(db, "SELECT count(*) FROM action_items WHERE closed_in_meeting_id = ?", [meeting_id]) == [(1,)]
    assert query(db, "SELECT seconds_spent FROM agenda_sections WHERE meeting_id = ? AND position = 0",
                 [meeting_id])[0][0] == checkin_spent


KILL_POINTS = 21  # kills, each followed by a restart that resumes the meeting
CTRL_R = "\x12"


def test_sigkill_at_many_points_loses_nothing_confirmed(tmp_path):
    """A scripted meeting killed with SIGKILL at 21 points: right after an entry is confirmed on
    screen, while the next is half typed, and just after Enter (before any confirmation). After
    each kill the app restarts and resumes; every entry confirmed on screen before the kill is in
    the log, and integrity_check is ok."""
    db, home, term = start_demo_meeting(tmp_path)
    confirmed: list[str] = []
    try:
        for point in range(KILL_POINTS):
            title = f"Kill point {point:02d}"
            term.type(CTRL_R, settle=0.5)
            term.type(f"{title} @dana due:2027-01-15\r", settle=0.1)
            term.wait_for(f"Added: {title}")  # confirmed on screen
            confirmed.append(title)
            if point % 3 == 1:  # the next entry half typed
                term.type(CTRL_R, settle=0.5)
                term.type("Half typed @da", settle=0.1)
            elif point % 3 == 2:  # the next entry sent, not yet confirmed
                term.type(CTRL_R, settle=0.5)
                term.type(f"Unconfirmed {point:02d} @dana due:2027-01-15\r", settle=0)
            term.kill()
            titles = {row[0] for row in query(db, "SELECT title FROM action_items")}
            missing = [entry for entry in confirmed if entry not in titles]
            assert not missing, f"after kill {point}: {missing} confirmed on screen but not in the log"
            assert query(db, "PRAGMA integrity_check")[0][0] == "ok"
            term = Terminal(db, home)
            term.wait_for("Resume the meeting")
            term.type("\r", settle=1.0)
            term.wait_for("Check-in")
    finally:
        if term.process.poll() is None:
            term.kill()
    assert query(db, "SELECT count(*) FROM meetings WHERE status = 'in_progress'")[0][0] == 1
