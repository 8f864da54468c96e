"""The log: migrations, round trips, the changes record, and refusing bad files untouched."""

import hashlib
import os
import sqlite3
import stat
from datetime import timedelta

import pytest

from smarkmeet.domain.models import (
    ActionItem,
    AgendaSection,
    CriticismFollowup,
    CriticismNote,
    Goal,
    Lead,
    LeadFeedback,
    Meeting,
    Person,
)
from smarkmeet.store.errors import DamagedLogError, NewerLogError, NotALogError
from smarkmeet.store.log import open_log
from smarkmeet.store.migrations import SCHEMA_VERSION

TABLES = {
    "people", "meetings", "attendance", "agenda_sections", "goals", "goal_checkins", "leads", "lead_feedback",
    "criticism_notes", "criticism_followups", "action_items", "action_carries", "glossary_terms",
    "glossary_revisions", "ratings", "changes", "settings", "meta",
}


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_log_has_the_documented_tables_and_is_private(tmp_path, clock):
    path = tmp_path / "sub" / "team.db"
    log = open_log(path, clock)
    names = set(log.db.table_names())
    assert TABLES <= names
    assert log.meta()["schema_version"] == str(SCHEMA_VERSION)
    assert log.db.journal_mode == "wal"
    assert log.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert log.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    log.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_reopening_applies_nothing_twice(tmp_path, clock):
    path = tmp_path / "team.db"
    open_log(path, clock).close()
    log = open_log(path, clock)
    assert log.db["_sqlite_migrations"].count == SCHEMA_VERSION
    log.close()


def _person(handle="dana", side="marketing"):
    return Person(name=handle.title(), handle=handle, side=side)


def test_round_trip_every_table(log, clock):
    now = clock.now()
    person = log.people.add(_person())
    assert log.people.get(person.id) == person
    meeting = Meeting(title="Weekly", scheduled_for=clock.today(), facilitator_id=person.id)
    section = AgendaSection(meeting_id=meeting.id, position=0, kind="checkin", title="Check-in", timebox_minutes=3)
    log.meetings.create(meeting, [section])
    assert log.meetings.get(meeting.id) == meeting
    assert log.meetings.sections(meeting.id) == [section]
    log.people.set_attendance(meeting.id, person.id, True)
    log.people.set_attendance(meeting.id, person.id, False)
    assert log.people.attendance(meeting.id) == {person.id: False}
    log.people.rate(meeting.id, person.id, 8)
    assert log.people.ratings(meeting.id) == {person.id: 8}
    goal = log.goals.add(Goal(name="MQLs", metric="mqls", target=20, created_at=now))
    assert log.goals.get(goal.id) == goal
    log.goals.check_in(goal, clock.today(), 15, meeting_id=meeting.id)
    log.goals.check_in(goal, clock.today(), 18, meeting_id=meeting.id)  # same period: replaced
    assert [c.actual for c in log.goals.checkins(goal.id)] == [18]
    lead = log.leads.add(Lead(crm_id="CRM-1", source="Webinar", created_at=now))
    assert log.leads.get(lead.id) == lead
    assert log.leads.by_crm_id("CRM-1") == lead
    verdict = log.leads.give_feedback(
        LeadFeedback(lead_id=lead.id, verdict="rejected", reason="no budget", given_at=now, meeting_id=meeting.id)
    )
    assert log.leads.feedback(lead.id) == [verdict]
    item = log.actions.add(ActionItem(title="Send list", owner_id=person.id, created_at=now, due_date=clock.today()))
    assert log.actions.get(item.id) == item
    log.actions.carry(item, clock.today() + timedelta(days=7), meeting_id=meeting.id)
    assert log.actions.get(item.id).carry_count == 1
    assert [c.new_due for c in log.actions.carries(item.id)] == [clock.today() + timedelta(days=7)]
    note = log.notes.add(
        CriticismNote(from_side="sales", to_side="marketing", observation="late lists", created_at=now,
                      action_item_id=item.id, meeting_id=meeting.id)
    )
    assert log.notes.get(note.id) == note
    followup = log.notes.add_followup(CriticismFollowup(note_id=note.id, comment="still late", created_at=now))
    assert log.notes.followups(note.id) == [followup]
    term = log.glossary.define("MQL", "Marketing-qualified lead")
    log.glossary.define("mql", "A lead marketing hands to sales")
    assert log.glossary.get("MQL").revision == 2
    assert [r.definition for r in log.glossary.revisions(term.id)] == [
        "Marketing-qualified lead", "A lead marketing hands to sales",
    ]


def test_every_write_is_recorded_in_changes(log, clock):
    person = log.people.add(_person())
    meeting = Meeting(title="Weekly", scheduled_for=clock.today())
    log.meetings.create(meeting, [])
    log.people.set_attendance(meeting.id, person.id, True)
    log.meetings.update(meeting.id, {"status": "in_progress"})
    changes = log.changes()
    assert [(c["table_name"], c["action"]) for c in changes] == [
        ("people", "insert"), ("meetings", "insert"), ("attendance", "insert"), ("meetings", "update"),
    ]
    assert changes[0]["data"]["handle"] == "dana"
    assert changes[2]["meeting_id"] == meeting.id
    assert changes[3]["data"] == {"status": "in_progress"}
    assert changes[3]["meeting_id"] == meeting.id
    assert all(c["at"] == clock.now().isoformat(timespec="seconds") for c in changes)


@pytest.mark.parametrize("offset_hours", [0, 1])
def test_moments_are_written_alike_by_inserts_updates_and_changes(tmp_path, offset_hours):
    """Inserted rows had pydantic's moments (`2026-12-06T04:21:17.995142Z`) where updates and
    `changes` have the README's (`2026-12-06T04:21:17+00:00`): one log, two ways to read a time."""
    from datetime import datetime, timezone

    from smarkmeet.clock import FixedClock

    zone = timezone(timedelta(hours=offset_hours))
    clock = FixedClock(datetime(2026, 12, 7, 9, 30, 12, 995142, tzinfo=zone))  # a system clock has microseconds
    log = open_log(tmp_path / "team.db", clock)
    item = log.actions.add(ActionItem(title="Send the list", created_at=clock.now()))
    log.actions.update(item.id, {"done_at": clock.now(), "status": "done"})
    row = log.db.execute("SELECT created_at, done_at FROM action_items").fetchone()
    written = {row[0], row[1], *(c["at"] for c in log.changes()), log.changes()[0]["data"]["created_at"]}
    offset = "+00:00" if offset_hours == 0 else "+01:00"
    assert written == {f"2026-12-07T09:30:12{offset}"}
    log.close()


def test_multi_step_write_is_all_or_nothing(log, clock):
    meeting = Meeting(title="Weekly", scheduled_for=clock.today())
    good = AgendaSection(meeting_id=meeting.id, position=0, kind="checkin", title="A", timebox_minutes=3)
    clash = AgendaSection(meeting_id=meeting.id, position=0, kind="wrapup", title="B", timebox_minutes=3)
    with pytest.raises(sqlite3.IntegrityError):
        log.meetings.create(meeting, [good, clash])
    assert log.db["meetings"].count == 0
    assert log.db["agenda_sections"].count == 0
    assert log.db["changes"].count == 0


def test_foreign_keys_are_enforced(log, clock):
    with pytest.raises(sqlite3.IntegrityError):
        log.actions.add(ActionItem(title="x", owner_id="nobody", created_at=clock.now()))


def test_each_write_is_committed_at_once(tmp_path, clock):
    path = tmp_path / "team.db"
    log = open_log(path, clock)
    log.people.add(_person())
    other = sqlite3.connect(path)  # a second reader sees it before anything is closed
    assert other.execute("SELECT handle FROM people").fetchall() == [("dana",)]
    other.close()
    log.close()


def _log_locked_by_another(tmp_path, clock, *, busy_timeout_ms):
    """A log, and another connection to it holding the write lock."""
    path = tmp_path / "team.db"
    log = open_log(path, clock)
    log.db.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return log, other


def test_a_write_waits_for_the_lock_trying_every_few_milliseconds(tmp_path, clock, monkeypatch):
    """Another program holds the write lock for a while, letting go only between its parts. The
    write takes the lock as soon as it is free: it tries again after pauses no longer than
    LOCK_POLL_S (SQLite's own handler sleeps up to 100 ms and can miss short gaps), and the
    connection's busy timeout is as it was afterwards."""
    from smarkmeet.store import log as log_module

    log, other = _log_locked_by_another(tmp_path, clock, busy_timeout_ms=1000)
    pauses = []

    def sleep(seconds):  # the other program lets go during the writer's fifth pause
        pauses.append(seconds)
        if len(pauses) == 5:
            other.execute("COMMIT")

    monkeypatch.setattr(log_module.time, "sleep", sleep)
    log.people.add(_person())
    assert len(pauses) == 5
    assert max(pauses) <= log_module.LOCK_POLL_S
    assert log.db.execute("PRAGMA busy_timeout").fetchone()[0] == 1000
    assert [row["handle"] for row in log.query("SELECT handle FROM people")] == ["dana"]
    other.close()
    log.close()


def test_a_write_still_refused_after_the_busy_timeout_says_so_and_leaves_no_transaction(tmp_path, clock):
    from smarkmeet.store.errors import LogWriteError

    log, other = _log_locked_by_another(tmp_path, clock, busy_timeout_ms=50)
    with pytest.raises(LogWriteError, match="busy in another program; nothing was written"):
        log.people.add(_person())
    assert not log.conn.in_transaction
    assert log.db.execute("PRAGMA busy_timeout").fetchone()[0] == 50
    other.execute("COMMIT")
    log.people.add(_person())  # once free, the same connection writes
    assert [person.handle for person in log.people.all()] == ["dana"]
    other.close()
    log.close()


def test_an_interrupt_just_after_the_lock_is_taken_leaves_no_transaction_open(tmp_path, clock):
    """Ctrl+C (or any error) the moment BEGIN IMMEDIATE is through, as the busy timeout is put
    back: the transaction is rolled back, so the log is not left locked for other programs and
    later writes are not folded into a transaction that is never committed."""
    log = open_log(tmp_path / "team.db", clock)
    real = log.conn

    class InterruptedAfterBegin:
        def __getattr__(self, name):
            return getattr(real, name)

        def execute(self, sql, *args):
            if real.in_transaction and sql.startswith("PRAGMA busy_timeout ="):
                raise KeyboardInterrupt
            return real.execute(sql, *args)

    log.conn = InterruptedAfterBegin()
    with pytest.raises(KeyboardInterrupt):
        log.people.add(_person())
    log.conn = real
    assert not real.in_transaction
    other = sqlite3.connect(tmp_path / "team.db", isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # the lock is free
    other.execute("ROLLBACK")
    other.close()
    log.people.add(_person())
    assert [person.handle for person in log.people.all()] == ["dana"]
    log.close()


def test_newer_log_refused_naming_both_versions(tmp_path, clock):
    path = tmp_path / "team.db"
    log = open_log(path, clock)
    log.db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    log.db.execute("UPDATE meta SET value = '9.0.0' WHERE key = 'written_by'")
    log.close()
    before = digest(path)
    with pytest.raises(NewerLogError) as caught:
        open_log(path, clock)
    message = str(caught.value)
    assert "9.0.0" in message and "log format 99" in message and f"log format {SCHEMA_VERSION}" in message
    assert digest(path) == before


def test_random_bytes_refused_untouched(tmp_path, clock):
    path = tmp_path / "noise.db"
    path.write_bytes(os.urandom(4096))
    before = digest(path)
    with pytest.raises(NotALogError):
        open_log(path, clock)
    assert digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["noise.db"]  # no -wal or -shm created beside it


def test_truncated_log_refused_untouched(tmp_path, clock, sample_log):
    path = tmp_path / "full.db"
    log = open_log(path, clock)
    from smarkmeet.services.sample import load_sample

    load_sample(log)
    log.close()
    cut = tmp_path / "cut.db"
    cut.write_bytes(path.read_bytes()[: 3 * 4096])
    before = digest(cut)
    with pytest.raises(DamagedLogError) as caught:
        open_log(cut, clock)
    assert "damaged" in str(caught.value)
    assert digest(cut) == before
    assert not (tmp_path / "cut.db-wal").exists()


def test_foreign_sqlite_database_refused_untouched(tmp_path, clock):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotALogError) as caught:
        open_log(path, clock)
    assert "not a smarkmeet log" in str(caught.value)
    assert digest(path) == before


def test_empty_file_becomes_a_log(tmp_path, clock):
    path = tmp_path / "empty.db"
    path.touch()
    open_log(path, clock).close()
    assert open_log(path, clock).is_empty()


def test_action_filters(sample_log, clock):
    from smarkmeet.store.actions import ActionFilter

    today = clock.today()
    every = sample_log.actions.list(ActionFilter(status=None))
    overdue = sample_log.actions.list(ActionFilter(overdue_on=today))
    assert {a.id for a in overdue} == {a.id for a in every if a.status.value == "open" and a.due_date < today}
    counts = sample_log.actions.counts(today)
    assert counts.overdue == len(overdue)
    assert counts.open == sum(1 for a in every if a.status.value == "open")
    often = sample_log.actions.list(ActionFilter(min_carries=3))
    assert often and all(a.carry_count >= 3 for a in often)
    dues = [a.due_date for a in sample_log.actions.list()]
    assert dues == sorted(dues)


def test_overdue_uses_dates_not_times(log, clock):
    person = log.people.add(_person())
    log.actions.add(ActionItem(title="due today", owner_id=person.id, due_date=clock.today(), created_at=clock.now()))
    log.actions.add(ActionItem(title="due yesterday", owner_id=person.id, due_date=clock.today() - timedelta(days=1),
                               created_at=clock.now()))
    assert log.actions.counts(clock.today()).overdue == 1


def test_a_statement_that_returns_no_rows_is_refused_by_query_and_leaves_no_transaction(tmp_path, clock):
    """Reads run on the connection itself: a write passed to ``query`` must not open a transaction
    that would swallow every later write until the log is closed."""
    path = tmp_path / "team.db"
    log = open_log(path, clock)
    with pytest.raises(ValueError, match="not a query that returns rows"):
        log.rows("UPDATE meta SET value = value WHERE key = 'x'")
    assert not log.conn.in_transaction
    log.set_setting("team_name", "Acme")
    other = sqlite3.connect(path)
    assert other.execute("SELECT count(*) FROM settings WHERE key = 'team_name'").fetchone()[0] == 1
    other.close()
    assert log.one("SELECT 1 AS id, 2 AS id, 3 AS id") == {"id": 1, "id_2": 2, "id_3": 3}  # no column lost
    log.close()


def test_overdue_items_snoozed_past_today_are_counted_apart(log, clock):
    """The action review hides an item snoozed past today: home says how many of its overdue are."""
    person = log.people.add(_person())
    yesterday, today = clock.today() - timedelta(days=1), clock.today()
    for title, snoozed in (("snoozed on", today + timedelta(days=3)), ("snooze over", today), ("never", None)):
        log.actions.add(ActionItem(title=title, owner_id=person.id, due_date=yesterday, created_at=clock.now(),
                                   snoozed_until=snoozed))
    counts = log.actions.counts(today)
    assert (counts.overdue, counts.overdue_snoozed) == (3, 1)


def _as_before_m008(path) -> None:
    """Make a log file what format 7 left: lead_feedback.via takes meeting, import or cli only."""
    from smarkmeet.store.migrations import VIA_BEFORE, VIA_NOW

    conn = sqlite3.connect(path)
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE name = 'lead_feedback'", [VIA_NOW, VIA_BEFORE])
    conn.execute(f"PRAGMA schema_version = {version + 1}")
    conn.execute("PRAGMA writable_schema = OFF")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm008_verdicts_from_the_app'")
    conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()


def test_a_log_of_format_7_takes_verdicts_from_the_app_once_opened(tmp_path, clock, sample_log):
    """m008 widens lead_feedback.via's CHECK in place (no copy of the table): every verdict is
    still there, the file is sound, "app" is taken and a value outside the list still refused."""
    path = tmp_path / "team.db"
    with sqlite3.connect(path) as copy:
        sample_log.conn.backup(copy)
    _as_before_m008(path)
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT count(*), group_concat(id) FROM lead_feedback").fetchone()
        with pytest.raises(sqlite3.IntegrityError):  # the format-7 log refuses "app" itself
            conn.execute("UPDATE lead_feedback SET via = 'app' WHERE rowid = 1")
    log = open_log(path, clock)
    try:
        assert log.meta()["schema_version"] == str(SCHEMA_VERSION)
        assert log.one("PRAGMA integrity_check")["integrity_check"] == "ok"
        assert tuple(log.one("SELECT count(*) AS n, group_concat(id) AS ids FROM lead_feedback").values()) == before
        lead = log.one("SELECT id FROM leads WHERE verdict IS NULL LIMIT 1")["id"]
        log.leads.give_feedback(LeadFeedback(lead_id=lead, verdict="accepted", given_at=clock.now(), via="app"))
        assert log.one("SELECT via FROM lead_feedback WHERE lead_id = ?", [lead])["via"] == "app"
        with pytest.raises(sqlite3.IntegrityError):
            log.conn.execute("UPDATE lead_feedback SET via = 'email' WHERE lead_id = ?", [lead])
    finally:
        log.close()
