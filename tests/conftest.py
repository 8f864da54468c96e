"""Shared fixtures: a fixed clock, in-memory logs, and an isolated user directory."""

from __future__ import annotations

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


@pytest.fixture
def sample_log(clock) -> Log:
    store = memory_log(clock)
    load_sample(store)
    yield store
    store.close()
