"""Faults a user's machine can throw at the log: a read-only file, a full disk. The log stays
intact and the user is told in words; nothing half-written."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
from contextlib import contextmanager

import pytest

from smarkmeet.cli import cli
from smarkmeet.domain.enums import Side
from smarkmeet.domain.models import ActionItem, Person
from smarkmeet.services.sample import load_sample
from smarkmeet.store.errors import LogError, LogWriteError
from smarkmeet.store.log import open_log


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def read_only_log(tmp_path, clock):
    path = tmp_path / "team.db"
    log = open_log(path, clock)
    load_sample(log)
    log.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log.close()
    os.chmod(path, 0o444)
    yield path
    os.chmod(path, 0o600)


def test_a_read_only_file_opens_for_reading_and_refuses_every_write(read_only_log, clock):
    before = digest(read_only_log)
    log = open_log(read_only_log, clock)
    try:
        assert log.read_only
        assert log.actions.count() > 0 and log.leads.count() > 0  # everything can be read
        with pytest.raises(LogWriteError, match="read-only; nothing was written"):
            log.actions.add(ActionItem(title="x", created_at=clock.now()))
        with pytest.raises(LogWriteError, match="read-only"):
            log.set_setting("team_name", "x")
    finally:
        log.close()
    assert digest(read_only_log) == before


def test_a_log_on_a_read_only_file_system_opens_for_reading(read_only_log, clock, monkeypatch):
    """On a read-only mount SQLite cannot make a WAL log's -shm index, and refuses mode=ro with
    "unable to open database file" (seen on a real read-only bind mount). That was reported as a
    damaged log; it opens for reading, as it stands. The mount is simulated: SQLite's own refusal
    is raised for every mode=ro connection that is not immutable."""
    import smarkmeet.store.log as log_module

    real_connect = sqlite3.connect

    class NoShmConnection(sqlite3.Connection):
        def execute(self, *args, **kwargs):
            error = sqlite3.OperationalError("unable to open database file")
            error.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN
            raise error

    def connect(database, *args, **kwargs):
        if isinstance(database, str) and "mode=ro" in database and "immutable=1" not in database:
            return real_connect(database, *args, factory=NoShmConnection, **kwargs)
        return real_connect(database, *args, **kwargs)

    # a log whose latest entries are still in its -wal, copied as a crash left it (no -shm)
    os.chmod(read_only_log, 0o600)
    source = open_log(read_only_log, clock)
    source.db.execute("PRAGMA wal_autocheckpoint = 0")
    source.people.add(Person(name="Only In The Wal", handle="walonly", side=Side.SALES))
    crashed = read_only_log.parent / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy(f"{read_only_log}{suffix}", crashed / f"team.db{suffix}")
    source.close()
    os.chmod(crashed / "team.db", 0o444)
    os.chmod(read_only_log, 0o444)

    monkeypatch.setattr(log_module.sqlite3, "connect", connect)
    before = digest(read_only_log)
    log = open_log(read_only_log, clock)
    try:
        assert log.read_only
        assert log.one("SELECT count(*) AS n FROM people")["n"] > 0
    finally:
        log.close()
    assert digest(read_only_log) == before
    # read as it stands, it would be shown without the entry in its -wal: refused in words instead
    before = digest(crashed / "team.db"), digest(crashed / "team.db-wal")
    with pytest.raises(LogError, match="latest entries are still in team.db-wal"):
        open_log(crashed / "team.db", clock)
    assert (digest(crashed / "team.db"), digest(crashed / "team.db-wal")) == before


def test_a_read_only_log_is_read_without_making_files_beside_it(read_only_log, clock, runner):
    """Reading it (the app, or a command) left an empty -wal and a -shm beside it, read-only like
    the file: once the file was made writable again, that -shm kept every write from it
    ("attempt to write a readonly database")."""
    beside = lambda: sorted(path.name for path in read_only_log.parent.iterdir())  # noqa: E731
    there = beside()
    log = open_log(read_only_log, clock)
    assert log.read_only and log.one("SELECT count(*) AS n FROM people")["n"] > 0
    log.close()
    assert runner.invoke(cli, ["actions", "--db", str(read_only_log)]).exit_code == 0
    assert beside() == there
    os.chmod(read_only_log, 0o600)
    log = open_log(read_only_log, clock)  # writable again: written
    try:
        assert not log.read_only
        log.people.add(Person(name="Back In Business", handle="back", side=Side.SALES))
    finally:
        log.close()


def test_a_log_only_this_user_may_not_write_shows_its_owners_writes(tmp_path, clock, monkeypatch):
    """A colleague's log on a shared folder (this user may not write it, its owner may) must be
    read as it is now, not as a copy frozen when it was opened."""
    path = tmp_path / "team.db"
    load_sample(owner := open_log(path, clock))
    owner.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every entry in the file when it is opened
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)
    reader = open_log(path, clock)
    try:
        assert reader.read_only
        before = reader.one("SELECT count(*) AS n FROM people")["n"]
        owner.people.add(Person(name="Written Meanwhile", handle="meanwhile", side=Side.SALES))
        assert reader.one("SELECT count(*) AS n FROM people")["n"] == before + 1
    finally:
        reader.close()
        owner.close()


def test_a_log_only_this_user_may_not_write_is_read_without_making_files_beside_it(tmp_path, clock, monkeypatch,
                                                                                 runner):
    """Read with nobody else having it open, a colleague's log on a shared folder got a -wal and a
    -shm owned by the reader: its owner's every write was then refused ("attempt to write a
    readonly database", seen with two users)."""
    path = tmp_path / "team.db"
    log = open_log(path, clock)
    load_sample(log)
    log.close()  # its owner's last connection closed: SQLite took its -wal and -shm away
    there = sorted(p.name for p in tmp_path.iterdir())
    assert there == ["team.db"]
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)
    reader = open_log(path, clock)
    assert reader.read_only and reader.one("SELECT count(*) AS n FROM people")["n"] > 0
    reader.close()
    assert runner.invoke(cli, ["actions", "--db", str(path)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == there


def test_read_only_is_detected_when_this_user_may_not_write(tmp_path, clock, monkeypatch):
    path = tmp_path / "team.db"
    open_log(path, clock).close()
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)
    log = open_log(path, clock)
    assert log.read_only
    log.close()


def test_the_cli_reads_and_exports_a_read_only_log_and_refuses_writes_in_words(runner, read_only_log):
    before = digest(read_only_log)
    listed = runner.invoke(cli, ["actions", "--db", str(read_only_log), "--json"])
    assert listed.exit_code == 0, listed.output
    exported = runner.invoke(cli, ["export", "leads", "--db", str(read_only_log)])
    assert exported.exit_code == 0
    refused = runner.invoke(cli, ["settings", "--db", str(read_only_log), "team_name", "X"])
    assert refused.exit_code != 0 and "read-only" in refused.output
    assert "Traceback" not in refused.output
    assert digest(read_only_log) == before


@pytest.mark.parametrize("command", [
    ["settings", "team_name", "Written"],
    ["team", "add", "Kai Nine", "--side", "sales"],
    ["glossary", "define", "SQL", "Sales qualified lead"],
    ["goals", "retire", "New customers"],
    ["leads", "import", "LEADS"],
])
def test_read_only_asked_for_before_any_command_writes_nothing(runner, tmp_path, clock, command):
    """`smarkmeet --read-only …` is a promise for every command, not only the app."""
    path = tmp_path / "team.db"
    log = open_log(path, clock)
    load_sample(log)
    log.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log.close()
    before = digest(path)
    leads = tmp_path / "leads.csv"
    leads.write_text("crm_id,name,source\nL1,Ann,Webinar\n", encoding="utf-8")
    command = [str(leads) if part == "LEADS" else part for part in command]
    refused = runner.invoke(cli, ["--db", str(path), "--read-only", *command])
    assert refused.exit_code == 2, refused.output
    assert "read-only" in refused.output and "Traceback" not in refused.output
    assert digest(path) == before
    listed = runner.invoke(cli, ["--db", str(path), "--read-only", "team", "list"])
    assert listed.exit_code == 0 and "Sam" in listed.output, listed.output
    missing = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "--read-only", "init"])
    assert missing.exit_code == 2 and "no log at" in missing.output
    assert not (tmp_path / "none.db").exists()


async def test_the_app_says_the_log_is_read_only_and_writes_nothing(read_only_log, clock):
    from smarkmeet.tui.app import make_app

    before = digest(read_only_log)
    log = open_log(read_only_log, clock)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "READ-ONLY" in app.sub_title
        assert any("read-only" in str(n.message) for n in app._notifications)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("d")  # mark done: refused in words
        await pilot.pause()
        assert any("nothing was written" in str(n.message) for n in app._notifications)
    log.close()
    assert digest(read_only_log) == before


async def test_a_writable_log_opened_read_only_is_not_said_to_be_a_read_only_file(tmp_path, clock):
    """`--read-only` on a writable file said the file "is read-only … until the file is writable";
    a prompt (a due date) or a whole goal form opened, to be refused only when saved."""
    from smarkmeet.tui.app import make_app
    from smarkmeet.tui.screens.goals import GoalsScreen

    path = tmp_path / "team.db"
    log = open_log(path, clock)
    load_sample(log)
    log.close()
    before = digest(path)
    log = open_log(path, clock, read_only=True)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        said = " ".join(str(n.message) for n in app._notifications)
        assert "opened read-only" in said and "until the file is writable" not in said
        await pilot.press("a")
        await pilot.pause()
        for key in ("e", "w", "z"):  # a due date, an owner, a snooze: not asked for
            await pilot.press(key)
            await pilot.pause()
            assert not app.screen.query_one("#actions-prompt").is_open
        assert any("nothing can be changed here" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        app.push_screen(GoalsScreen())
        await pilot.pause()
        await pilot.press("n")  # the goal form: not opened
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
    log.close()
    assert digest(path) == before


async def test_a_meeting_is_neither_started_nor_resumed_on_a_read_only_log(tmp_path, clock):
    """Opening the meeting screen writes at once (the clock, the section it is at): on a
    read-only log that was a traceback. It is refused in words; the file is untouched."""
    from smarkmeet.services.meeting import MeetingRunner
    from smarkmeet.tui.app import make_app
    from smarkmeet.tui.screens.home import HomeScreen

    for in_progress in (False, True):
        path = tmp_path / f"team-{in_progress}.db"
        log = open_log(path, clock)
        load_sample(log)
        if in_progress:
            MeetingRunner(log, log.meetings.next_planned().id).start()
        log.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log.close()
        os.chmod(path, 0o444)
        before = digest(path)
        log = open_log(path, clock)
        app = make_app(log, clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("s")  # resumes the meeting in progress, or asks what to start
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)  # not even the start dialog: nothing it asks could be saved
            assert any("cannot be started or resumed" in str(n.message) for n in app._notifications)
            app.open_meeting(log.meetings.next_planned().id if not in_progress else log.meetings.in_progress().id)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
        log.close()
        assert digest(path) == before
        os.chmod(path, 0o600)


def test_a_read_only_log_of_an_older_format_is_refused_untouched(read_only_log, clock):
    os.chmod(read_only_log, 0o600)
    conn = sqlite3.connect(read_only_log)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_full_text_search'")
    conn.commit()
    conn.close()
    os.chmod(read_only_log, 0o444)
    before = digest(read_only_log)
    with pytest.raises(LogError, match="older smarkmeet"):
        open_log(read_only_log, clock)
    assert digest(read_only_log) == before


def test_a_read_only_log_lacking_only_an_index_is_read_untouched(read_only_log, clock):
    """A log from before m004 (which only adds an index) reads the same without it: opened
    read-only it is read, more slowly, rather than refused as needing an upgrade."""
    from smarkmeet.services.home import home_overview

    os.chmod(read_only_log, 0o600)
    conn = sqlite3.connect(read_only_log)
    conn.execute("DROP INDEX meetings_by_status")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_meetings_by_status'")
    conn.commit()
    conn.close()
    os.chmod(read_only_log, 0o444)
    before = digest(read_only_log)
    log = open_log(read_only_log, clock)
    assert log.read_only
    overview = home_overview(log)
    assert overview.recent and overview.meeting is not None
    log.close()
    assert digest(read_only_log) == before


def test_a_read_only_log_of_format_7_is_read_untouched(read_only_log, clock):
    """m008 only lets a verdict from the app be written: a read-only log without it reads the same."""
    from smarkmeet.services.home import home_overview
    from tests.unit.test_store import _as_before_m008

    os.chmod(read_only_log, 0o600)
    _as_before_m008(read_only_log)
    os.chmod(read_only_log, 0o444)
    before = digest(read_only_log)
    log = open_log(read_only_log, clock)
    assert log.read_only and home_overview(log).recent
    log.close()
    assert digest(read_only_log) == before


class FullDisk:
    """A connection whose writes fail as SQLite does when the disk fills (reads still work)."""

    def __init__(self, conn):
        self._conn = conn

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def execute(self, sql, *args):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def executemany(self, sql, *args):
        raise sqlite3.OperationalError("database or disk is full")


@contextmanager
def full_disk(log):
    """Every write on the log's connection fails as on a full disk, whichever path it takes (the
    log's own connection for bulk writes and reads, sqlite-utils' for single writes)."""
    real = log.conn
    log.conn = log.db.conn = FullDisk(real)
    try:
        yield real
    finally:
        log.conn = log.db.conn = real


def test_a_full_disk_is_explained_and_the_log_is_intact(tmp_path, clock):
    path = tmp_path / "team.db"
    log = open_log(path, clock)
    load_sample(log)
    items = log.actions.count()
    with full_disk(log) as real:
        with pytest.raises(LogWriteError, match="disk holding the log .* is full; nothing was written"):
            log.actions.add(ActionItem(title="x", created_at=clock.now()))
    assert log.actions.count() == items
    assert not real.in_transaction
    log.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def test_a_bulk_import_on_a_full_disk_is_explained_and_writes_nothing(tmp_path, clock):
    from smarkmeet.services.crmmapping import preset
    from smarkmeet.services.leadimport import import_leads

    export = tmp_path / "leads.csv"
    export.write_text("crm_id,name,source\nL1,Ann,Webinar\nL2,Bo,Referral\n", encoding="utf-8")
    log = open_log(tmp_path / "team.db", clock)
    with full_disk(log) as real:
        with pytest.raises(LogWriteError, match="is full; nothing was written"):
            import_leads(log, export, preset("generic"))
        assert not real.in_transaction
    assert log.rows("SELECT count(*) AS n FROM leads")[0]["n"] == 0
    assert log.rows("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
    log.close()


def five_leads_in_parts_of_two(tmp_path, monkeypatch):
    """An export of five leads, imported two rows a part (three parts): somewhere to stop part-way."""
    from smarkmeet.services import leadimport

    monkeypatch.setattr(leadimport, "CHUNK", 2)
    export = tmp_path / "leads.csv"
    export.write_text("crm_id,name\nL1,Ann\nL2,Bo\nL3,Cy\nL4,Di\nL5,Ed\n", encoding="utf-8")
    return export


def test_an_import_stopped_part_way_by_a_full_disk_says_what_was_written(tmp_path, clock, monkeypatch):
    from smarkmeet.services import leadimport
    from smarkmeet.services.crmmapping import preset

    export = five_leads_in_parts_of_two(tmp_path, monkeypatch)
    log = open_log(tmp_path / "team.db", clock)
    real_write_part, parts = leadimport._write_part, []

    def disk_fills_after_the_first_part(*args, **kwargs):
        parts.append(1)
        if len(parts) == 1:
            return real_write_part(*args, **kwargs)
        with full_disk(log):
            return real_write_part(*args, **kwargs)

    monkeypatch.setattr(leadimport, "_write_part", disk_fills_after_the_first_part)
    with pytest.raises(LogWriteError) as caught:
        leadimport.import_leads(log, export, preset("generic"))
    said = str(caught.value)
    assert "is full — the import stopped after 2 of 5 rows were written" in said
    assert "nothing was written" not in said  # two rows were
    assert log.rows("SELECT count(*) AS n FROM leads")[0]["n"] == 2
    monkeypatch.setattr(leadimport, "_write_part", real_write_part)
    report = leadimport.import_leads(log, export, preset("generic"))  # as the message says: run it again
    assert (report.new, report.unchanged) == (3, 2)
    log.close()


def test_an_import_stopped_by_ctrl_c_says_what_was_written_and_records_it(tmp_path, monkeypatch, isolated_home):
    """Ctrl-C 5 s into a big import said "smarkmeet: aborted" (exit 1, the code for "some rows
    rejected"), not how many rows were written, and left those leads naming an import the log
    did not have."""
    from click.testing import CliRunner

    from smarkmeet.cli import cli
    from smarkmeet.services import leadimport

    export = five_leads_in_parts_of_two(tmp_path, monkeypatch)
    real_write_part, parts = leadimport._write_part, []

    def ctrl_c_in_the_second_part(*args, **kwargs):
        parts.append(1)
        if len(parts) == 2:
            raise KeyboardInterrupt
        return real_write_part(*args, **kwargs)

    monkeypatch.setattr(leadimport, "_write_part", ctrl_c_in_the_second_part)
    db = tmp_path / "team.db"
    result = CliRunner().invoke(cli, ["leads", "import", str(export), "--db", str(db)])
    assert result.exit_code == 130, result.output
    assert "interrupted — the import stopped after 2 of 5 rows were written" in result.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM leads").fetchone()[0] == 2
    orphans = conn.execute("SELECT count(*) FROM leads WHERE import_id NOT IN (SELECT id FROM lead_imports)")
    assert orphans.fetchone()[0] == 0
    (kept,) = conn.execute("SELECT report FROM lead_imports").fetchone()
    assert json.loads(kept)["stopped_after_rows"] == 2
    conn.close()
    monkeypatch.setattr(leadimport, "_write_part", real_write_part)
    result = CliRunner().invoke(cli, ["leads", "import", str(export), "--db", str(db)])  # again: finished
    assert result.exit_code == 0 and re.search(r"new +3\n.*\n *unchanged +2\n", result.output), result.output


@pytest.mark.parametrize("parts_before_ctrl_c", [1, 3])
def test_ctrl_c_just_after_a_part_is_committed_is_still_recorded(tmp_path, clock, monkeypatch, parts_before_ctrl_c):
    """Ctrl-C landing after a part's COMMIT, before it was counted: the first part's leads named an
    import lead_imports did not hold (nothing said); after the last part, a second record was tried."""
    from smarkmeet.services import leadimport
    from smarkmeet.services.crmmapping import preset

    export = five_leads_in_parts_of_two(tmp_path, monkeypatch)
    log = open_log(tmp_path / "team.db", clock)
    real_write_part, parts = leadimport._write_part, []

    def ctrl_c_after_the_commit(*args, **kwargs):
        real_write_part(*args, **kwargs)
        parts.append(1)
        if len(parts) == parts_before_ctrl_c:
            raise KeyboardInterrupt

    monkeypatch.setattr(leadimport, "_write_part", ctrl_c_after_the_commit)
    if parts_before_ctrl_c == 3:  # the last part: the import is whole, recorded once
        with pytest.raises(KeyboardInterrupt):
            leadimport.import_leads(log, export, preset("generic"))
        assert log.one("SELECT count(*) AS n FROM lead_imports")["n"] == 1
    else:
        with pytest.raises(leadimport.ImportInterrupted, match="stopped after 2 of 5 rows"):
            leadimport.import_leads(log, export, preset("generic"))
        assert json.loads(log.one("SELECT report FROM lead_imports")["report"])["stopped_after_rows"] == 2
    assert log.one("SELECT count(*) AS n FROM leads WHERE import_id NOT IN (SELECT id FROM lead_imports)")["n"] == 0
    log.close()


async def test_the_app_explains_a_full_disk_in_words(tmp_path, clock):
    from smarkmeet.tui.app import make_app

    path = tmp_path / "team.db"
    log = open_log(path, clock)
    load_sample(log)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        with full_disk(log):
            await pilot.press("d")
            await pilot.pause()
        assert any("is full; nothing was written" in str(n.message) for n in app._notifications)
    assert log.actions.count() == log.rows("SELECT count(*) AS n FROM action_items")[0]["n"]
    log.close()


@pytest.mark.parametrize("in_progress", [False, True])
async def test_starting_or_resuming_a_meeting_on_a_full_disk_is_told_in_words(tmp_path, clock, in_progress):
    """The meeting screen writes as it opens (the start, or the clock picked up after a stop):
    on a full disk that was a traceback. It is told in words, the app stays on the home screen,
    and later writes are not counted as that meeting's."""
    from smarkmeet.services.meeting import MeetingRunner
    from smarkmeet.tui.app import make_app
    from smarkmeet.tui.screens.home import HomeScreen

    log = open_log(tmp_path / "team.db", clock)
    load_sample(log)
    meeting = log.meetings.next_planned()
    if in_progress:
        MeetingRunner(log, meeting.id).start()
        log.active_meeting_id = None  # as a fresh start of the app finds it
    status = log.meetings.get(meeting.id).status
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        if in_progress:
            await pilot.press("escape")  # "Not now" on the resume question
            await pilot.pause()
            clock.advance(minutes=5)  # the clock picked up later: the resume has time to write
        with full_disk(log):
            app.open_meeting(meeting.id)
            await pilot.pause()
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("is full; nothing was written" in str(n.message) for n in app._notifications)
    assert log.meetings.get(meeting.id).status is status
    assert log.active_meeting_id is None
    log.close()


def test_mode_bits_mark_read_only_even_for_root(tmp_path, clock):
    path = tmp_path / "team.db"
    open_log(path, clock).close()
    os.chmod(path, stat.S_IRUSR)
    try:
        assert open_log(path, clock).read_only
    finally:
        os.chmod(path, 0o600)


def test_escape_sequences_are_made_visible_and_never_reach_a_terminal(runner, tmp_path, clock):
    """A title or a CRM field carrying terminal escape sequences is stored with them visible (␛),
    so `smarkmeet actions`, exports and `cat` on a minutes file print them inert."""
    path = tmp_path / "team.db"
    log = open_log(path, clock)
    item = log.actions.add(ActionItem(title="Call \x1b]0;pwned\x07 back\x9b2J", created_at=clock.now()))
    assert log.actions.get(item.id).title == "Call ␛]0;pwned␇ back\ufffd2J"
    log.close()
    export = tmp_path / "crm.csv"
    export.write_text("crm_id,name,source,created_at\nE-1,Eve \x1b[31mRed,Web\x1b[2J,2026-11-20\n", encoding="utf-8")
    imported = runner.invoke(cli, ["leads", "import", str(export), "--db", str(path)])
    assert imported.exit_code == 0, imported.output
    for args in (["actions", "--json"], ["actions"], ["export", "leads"], ["export", "actions", "--format", "json"],
                 ["leads", "show", "E-1"], ["search", "call"]):
        shown = runner.invoke(cli, [*args, "--db", str(path)])
        assert shown.exit_code == 0, (args, shown.output)
        assert "\x1b" not in shown.output and "\x9b" not in shown.output, args


def test_a_meeting_keeps_writing_while_a_big_import_runs(tmp_path, clock):
    """Two writers on one log: an import of 30,000 rows in one thread (its own connection), entries
    made meanwhile in another. The import writes a part at a time under short write locks, so no
    entry meets "database is locked", even with a writer that waits at most one second."""
    import threading

    from smarkmeet.services.crmmapping import preset
    from smarkmeet.services.leadimport import import_leads

    path = tmp_path / "team.db"
    open_log(path, clock).close()
    export = tmp_path / "big.csv"
    rows = ["crm_id,name,source,created_at,status"]
    rows += [f"B-{n},Lead {n},Web,2026-11-{1 + n % 20:02d},{'accepted' if n % 3 else ''}" for n in range(30_000)]
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    importer = open_log(path, clock)
    writer = open_log(path, clock)
    writer.db.execute("PRAGMA busy_timeout = 1000")  # impatient: a whole-import lock would fail it
    started, finished, failures, written = threading.Event(), threading.Event(), [], []

    def run_import():
        try:
            import_leads(importer, export, preset("generic"), progress=lambda n: started.set())
        except Exception as error:  # noqa: BLE001 — reported below
            failures.append(error)
        finally:
            started.set()
            finished.set()

    thread = threading.Thread(target=run_import)
    thread.start()
    started.wait(timeout=60)
    while not finished.is_set() or len(written) < 5:
        item = writer.actions.add(ActionItem(title=f"Entry {len(written)}", created_at=clock.now()))
        written.append(item.id)
    thread.join()
    assert not failures, failures
    assert writer.leads.count() == 30_000
    assert writer.actions.count() == len(written)
    assert writer.one("SELECT count(*) AS n FROM lead_imports")["n"] == 1
    importer.close()
    writer.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def _other_process(sql: str, path) -> str:
    """Run ``sql`` on the log in another process, as `sqlite3` or a second smarkmeet would; its
    connection is closed at the end, so SQLite checkpoints and deletes the -wal if it may."""
    import subprocess
    import sys

    script = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
              "print(c.execute(sys.argv[2]).fetchone()[0]); c.close()")
    return subprocess.run([sys.executable, "-c", script, str(path), sql], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_a_second_log_opened_and_closed_in_this_process_keeps_the_first_ones_locks(tmp_path, clock):
    """The app's exports, imports and backups open a log of their own on the same file and close
    it. Python opening and closing the file itself would give up the locks the meeting's connection
    holds: another process closing its connection then deleted the -wal from under the meeting,
    whose later entries no other process saw, and the log was malformed when both had written."""
    path = tmp_path / "team.db"
    meeting = open_log(path, clock)
    meeting.set_setting("team_name", "before")
    for read_only in (True, False):
        open_log(path, clock, read_only=read_only).close()
    assert _other_process("SELECT count(*) FROM meta", path)
    assert path.with_name("team.db-wal").exists()  # still in use by this process: not checkpointed away
    meeting.set_setting("team_name", "after")
    assert _other_process("SELECT value FROM settings WHERE key = 'team_name'", path) == '"after"'
    meeting.close()
    assert _other_process("PRAGMA integrity_check", path) == "ok"


def test_importing_the_log_itself_is_refused_in_words(runner, tmp_path, clock):
    path = tmp_path / "team.db"
    open_log(path, clock).close()
    for named in (path, tmp_path / "team.db-wal"):
        if not named.exists():
            named.write_bytes(b"")
        result = runner.invoke(cli, ["leads", "import", str(named), "--db", str(path)])
        assert result.exit_code == 2
        assert "not a CRM export; nothing was imported" in result.output
    assert _other_process("PRAGMA integrity_check", path) == "ok"


def test_a_log_cut_short_by_a_checkpoint_with_the_rest_in_its_wal_opens(tmp_path, clock):
    """A process killed mid-checkpoint (or one checkpointing right now) leaves the file shorter than
    its header says, and the -wal holding every page: SQLite reads it whole. It used to be refused
    as damaged for good, and every later command with it."""
    import signal
    import subprocess
    import sys

    path = tmp_path / "team.db"
    log = open_log(path, clock)
    load_sample(log)
    log.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log.close()
    grow = ("import os, signal, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_autocheckpoint = 0'); "
            "c.execute('CREATE TABLE scratch (x)'); "
            "c.executemany('INSERT INTO scratch VALUES (?)', [(os.urandom(500),) for _ in range(2000)]); c.commit(); "
            "os.kill(os.getpid(), signal.SIGKILL)")
    killed = subprocess.run([sys.executable, "-c", grow, str(path)], check=False)
    assert killed.returncode == -signal.SIGKILL
    page_size = int.from_bytes(path.read_bytes()[16:18], "big")
    pages = path.stat().st_size // page_size
    with path.open("r+b") as handle:  # the header as a checkpoint writes it before it extends the file
        handle.seek(28)
        handle.write((pages + 300).to_bytes(4, "big"))
    log = open_log(path, clock)
    assert log.one("SELECT count(*) AS n FROM scratch")["n"] == 2000
    assert log.one("PRAGMA integrity_check")["integrity_check"] == "ok"
    log.close()


async def test_a_page_found_damaged_while_the_app_runs_stops_it_in_words(tmp_path, clock, capsys):
    """A damaged page under a healthy header passes every check at opening: the app meets it
    when it first reads there, and stops with the command line's one line, exit code 2."""
    from smarkmeet.tui.app import make_app

    path = tmp_path / "team.db"
    log = open_log(path, clock)
    load_sample(log)
    log.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root, page_size = log.one("SELECT rootpage, (SELECT page_size FROM pragma_page_size) AS size "
                              "FROM sqlite_master WHERE name = 'action_items'").values()
    log.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes(range(256)) * (page_size // 256))
    log = open_log(path, clock)  # the header is fine: opened
    app = make_app(log, clock)
    await asyncio.wait_for(app.run_async(headless=True, size=(120, 40)), 30)  # the home screen reads there
    log.close()
    assert app.return_code == 2
    # as wrapped to the terminal's width: a path longer than a line is broken inside it ("team.d" / "b")
    said = "".join(capsys.readouterr().err.split())
    assert "".join(f"smarkmeet: error: the log {path} is damaged".split()) in said and "Traceback" not in said


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", [["team", "list"], ["actions"], ["export", "leads"], ["export", "minutes", "latest"],
                                     ["leads", "report"]])
def test_output_to_a_full_disk_is_said_in_words(tmp_path, clock, command):
    """`smarkmeet team list > file` on a full disk ended in a traceback (OSError: No space left)."""
    import subprocess
    import sys

    path = tmp_path / "team.db"
    log = open_log(path, clock)
    load_sample(log)
    log.close()
    before = digest(path)
    with open("/dev/full", "w") as full:
        ran = subprocess.run([sys.executable, "-m", "smarkmeet", "--db", str(path), *command], stdout=full,
                             stderr=subprocess.PIPE, text=True, timeout=60)
    assert ran.returncode == 1
    assert ran.stderr.strip() == "smarkmeet: error: the output could not be written (No space left on device)"
    assert digest(path) == before


@pytest.mark.parametrize("free", [0, 10 << 20])
def test_a_log_sqlite_cannot_open_for_a_disk_error_is_not_called_damaged(runner, tmp_path, clock, monkeypatch, free):
    """On a full disk SQLite cannot make a WAL log's -shm beside it and says "disk I/O error":
    that was reported as "is damaged", which could lead someone to replace a healthy log."""
    import sqlite3
    from collections import namedtuple

    path = tmp_path / "team.db"
    log = open_log(path, clock)
    load_sample(log)
    log.close()
    before = digest(path)

    def no_shm(*args, **kwargs):
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = sqlite3.SQLITE_IOERR_SHMOPEN
        raise error

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr("smarkmeet.store.log._connect_read_only", no_shm)
    monkeypatch.setattr("shutil.disk_usage", lambda where: usage(free + 1, 1, free))
    result = runner.invoke(cli, ["--db", str(path), "team", "list"])
    assert result.exit_code == 2 and "damaged" not in result.output, result.output
    assert ("is full, so it cannot be opened" in result.output) == (free == 0), result.output
    assert "left untouched" in result.output
    assert digest(path) == before


@pytest.mark.parametrize("was", ["nothing", "an empty file"])
def test_a_log_that_could_not_be_made_is_not_left_half_made(tmp_path, clock, monkeypatch, was):
    """`init` on a full disk said "nothing was written" but left a file holding only
    sqlite-utils' migrations table, refused ever after as "not a smarkmeet log"."""
    from smarkmeet.store import migrations as schema

    path = tmp_path / "team.db"
    if was == "an empty file":
        path.touch()

    def disk_full(db):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(schema, "_FUNCTIONS", [disk_full])
    with pytest.raises(LogWriteError, match="is full; nothing was written"):
        open_log(path, clock)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ([] if was == "nothing" else ["team.db"]) and (was == "nothing" or path.stat().st_size == 0)
    monkeypatch.undo()
    open_log(path, clock).close()  # tried again with room: made afresh


def test_a_log_whose_making_was_killed_before_its_first_migration_is_made_afresh(tmp_path, clock, monkeypatch):
    from smarkmeet.store import migrations as schema

    path = tmp_path / "team.db"

    def killed(db):
        raise KeyboardInterrupt  # stands for the process dying here: nothing is cleaned up

    monkeypatch.setattr(schema, "_FUNCTIONS", [killed])
    monkeypatch.setattr("smarkmeet.store.log._undo_creation", lambda path, existed: None)
    with pytest.raises(KeyboardInterrupt):
        open_log(path, clock)
    assert {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            } == {schema.MIGRATIONS_TABLE}
    monkeypatch.undo()
    log = open_log(path, clock)
    assert log.is_empty() and not schema.pending(log.conn)
    log.close()


def test_a_log_another_process_made_meanwhile_is_never_undone(tmp_path, clock, monkeypatch):
    """Two processes met at a new, empty file: the one that failed for want of room put the file
    back to empty, under the other, which had just made its log there."""
    from smarkmeet.store import migrations as schema

    path = tmp_path / "team.db"
    path.touch()

    def other_made_it_then_full(db):
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        other.execute("INSERT INTO meta VALUES ('made_by', 'the other process')")
        other.commit()
        other.close()
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(schema, "_FUNCTIONS", [other_made_it_then_full])
    with pytest.raises(LogWriteError, match="is full"):
        open_log(path, clock)
    assert sqlite3.connect(path).execute("SELECT value FROM meta").fetchall() == [("the other process",)]


def test_a_new_log_that_cannot_switch_to_wal_for_want_of_room_says_the_disk_is_full(tmp_path, clock, monkeypatch):
    """Making a log on a completely full disk said "could not be opened as a log (database or
    disk is full)", as if it were damaged."""
    from smarkmeet.store import log as store

    def full(*args, **kwargs):
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL
        raise error

    monkeypatch.setattr(store.Log, "_migrate", full)
    with pytest.raises(LogWriteError, match="disk holding the log .* is full; nothing was written"):
        open_log(tmp_path / "team.db", clock)
    assert list(tmp_path.iterdir()) == []


async def test_a_long_team_name_never_pushes_the_read_only_mark_out_of_the_header(sample_log, tmp_path, clock):
    """A team name of 60 characters (the most allowed) left "· READ-ON…" at 100 columns and no
    mark at all at 80."""
    import sqlite3

    from smarkmeet.clock import FixedClock
    from smarkmeet.tui.app import make_app
    from tests.ui.screenshot_text import shown

    sample_log.set_setting("team_name", "Northwind Traders EMEA sales and marketing alignment group 1")
    path = tmp_path / "read-only.db"
    with sqlite3.connect(path) as copy:
        sample_log.conn.backup(copy)
    log = open_log(path, FixedClock(clock.now()), read_only=True)
    app = make_app(log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = next(line for line in shown(app).splitlines() if "⭘" in line)  # the header row
        assert "READ-ONLY" in header, header
    log.close()
