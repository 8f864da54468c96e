"""Shared fixtures: a fixed clock, in-memory logs, and an isolated user directory."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from smarkmeet.clock import FixedClock
from smarkmeet.services.sample import load_sample
from smarkmeet.store.log import Log, memory_log

# A Monday morning: the demo's weekly meeting is "today".
FIXED_NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """No test ever reads or writes the real user directories."""
    monkeypatch.setenv("SMARKMEET_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SMARKMEET_DB", raising=False)
    return tmp_path / "home"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(FIXED_NOW)


@pytest.fixture
def log(clock) -> Log:
    store = memory_log(clock)
    yield store
    store.close()


@pytest.fixture(scope="session")
def _sample_image() -> Log:
    """The demo team loaded once per test process (at the fixed clock), copied into each test's log."""
    image = memory_log(FixedClock(FIXED_NOW))
    load_sample(image)
    yield image
    image.close()


@pytest.fixture
def sample_log(clock, _sample_image) -> Log:
    """A log in memory holding the demo team, as ``load_sample`` leaves it at the fixed clock.

    A copy of one loaded image (SQLite's backup API, a few ms) rather than a fresh load
    (~0.4 s) for each of the hundreds of tests that use it; the Log is built on the copy, so
    it starts from the loaded log exactly as a fresh load would.
    """
    conn = sqlite3.connect(":memory:")
    _sample_image.conn.backup(conn)
    store = Log(conn, clock, path=None)
    yield store
    store.close()


@pytest.fixture
def read_only_sample_log(sample_log, tmp_path, clock) -> Log:
    """The demo team in a log file opened read-only (as ``--read-only`` or a file that may not be
    written opens it), beside ``sample_log``, which stays writable for setting things up."""
    from smarkmeet.store.log import open_log

    path = tmp_path / "read-only.db"
    with sqlite3.connect(path) as copy:
        sample_log.conn.backup(copy)
    store = open_log(path, FixedClock(clock.now()), read_only=True)
    yield store
    store.close()
