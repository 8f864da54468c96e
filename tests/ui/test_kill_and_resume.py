"""The real smarkmeet in a pseudo-terminal, killed with SIGKILL mid-meeting, then resumed."""

import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

CTRL_N = "\x0e"


class Terminal:
    """smarkmeet running in a pty: type keys, wait for text on screen."""

    def __init__(self, db: Path, home: Path) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "SMARKMEET_HOME": str(home), "TERM": "xterm-256color", "COLUMNS": "120",
               "LINES": "40"}
        env.pop("SMARKMEET_DB", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "smarkmeet", "--db", str(db)], stdin=slave, stdout=slave, stderr=slave,
            env=env, start_new_session=True,
        )
        os.close(slave)
        os.set_blocking(self.master, False)
        self.screen = ""

    def read(self, seconds: float = 0.2) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.screen += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:
                    return

    def wait_for(self, text: str, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read(0.1)
            if text in self.screen:
                return
        raise AssertionError(f"{text!r} never appeared on screen")

    def type(self, keys: str, settle: float = 0.4) -> None:
        os.write(self.master, keys.encode())
        self.read(settle)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


def query(db: Path, sql: str, params=()):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def wait_until(check, timeout: float = 10) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("the log never showed the entry")


def start_demo_meeting(tmp_path) -> tuple[Path, Path, Terminal]:
    """The demo team's log, and the real app in a pty with today's meeting started (at the check-in)."""
    db, home = tmp_path / "team.db", tmp_path / "home"
    subprocess.run([sys.executable, "-m", "smarkmeet", "load-sample", "--db", str(db)], check=True,
                   capture_output=True)
    term = Terminal(db, home)
    try:
        term.wait_for("starts it")
        term.type("s")
        term.wait_for("Start a meeting")
        term.type("\r", settle=1.0)
        term.wait_for("Check-in")
    except BaseException:
        term.kill()
        raise
    return db, home, term


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
