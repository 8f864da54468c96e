"""The real smarkmeet in a pseudo-terminal: start it, type keys, wait for text, kill it."""

import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

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
