"""``smarkmeet backup PATH``: an online copy that is a sound log, even while another connection writes."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading

from pathlib import Path

import pytest

from smarkmeet.cli import cli, main
from smarkmeet.clock import SystemClock
from smarkmeet.domain.models import ActionItem
from smarkmeet.store.log import open_log


def _integrity(path) -> list:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def _count(path, table: str) -> int:
    log = open_log(path, SystemClock())  # also proves the file opens as a smarkmeet log
    try:
        return log.one(f"SELECT count(*) AS n FROM {table}")["n"]
    finally:
        log.close()


def test_backup_while_another_connection_writes(runner, sample_db, tmp_path):
    writes = 0
    failures: list[BaseException] = []
    stop = threading.Event()
    started = threading.Event()

    def write_items() -> None:  # the app, mid-meeting: one committed entry after another
        nonlocal writes
        log = open_log(sample_db, SystemClock())
        try:
            while not stop.is_set():
                with log.transaction():  # a multi-step write, so a copy could only catch half of it
                    log.actions.add(ActionItem(title=f"Entry {writes}", created_at=log.clock.now()))
                    log.set_setting("last_entry", writes)
                writes += 1
                started.set()
        except BaseException as error:  # noqa: BLE001 — reported by the test below
            failures.append(error)
        finally:
            log.close()

    before = _count(sample_db, "action_items")
    writer = threading.Thread(target=write_items)
    writer.start()
    try:
        assert started.wait(10)
        copies = []
        for n in range(3):
            written_before = writes
            target = tmp_path / f"copy-{n}.db"
            result = runner.invoke(cli, ["backup", str(target), "--db", str(sample_db)])
            assert result.exit_code == 0, result.output
            assert writes > written_before  # the writer was not held up by the backup
            copies.append((target, written_before))
    finally:
        stop.set()
        writer.join(10)
    assert not failures, failures
    assert writes > 3
    after = _count(sample_db, "action_items")
    for target, written_before in copies:
        assert _integrity(target) == [("ok",)]
        items = _count(target, "action_items")
        assert before + written_before <= items <= after
        log = open_log(target, SystemClock())
        try:  # each entry's two writes are both in the copy, or neither is
            assert log.setting("last_entry") == items - before - 1
        finally:
            log.close()
        assert not [name for name in os.listdir(tmp_path) if name.endswith((".part", "-wal", "-journal"))]


def test_backup_says_where_and_how_big(runner, sample_db, tmp_path):
    target = tmp_path / "backups" / "team.db"
    target.parent.mkdir()
    result = runner.invoke(cli, ["backup", str(target), "--db", str(sample_db)])
    assert result.exit_code == 0, result.output
    size = target.stat().st_size
    assert str(target) in result.stdout and f"{size:,} bytes" in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # it holds the same data as the log
    assert os.listdir(target.parent) == ["team.db"]
    assert _count(target, "people") == _count(sample_db, "people")


def test_a_backup_to_a_folder_goes_in_it_named_for_the_moment(runner, sample_db, tmp_path, clock):
    """`smarkmeet backup /some/folder` was refused ("File '/some/folder' is a directory"): a copy is
    now written in it, named as the app's b names one, and a second never replaces the first."""
    folder = tmp_path / "backups"
    folder.mkdir()
    first = runner.invoke(cli, ["backup", str(folder), "--db", str(sample_db)])
    second = runner.invoke(cli, ["backup", str(folder), "--db", str(sample_db)])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    made = sorted(folder.iterdir())
    assert len(made) == 2 and all(path.name.startswith("smarkmeet-backup-") for path in made), made
    assert all(str(path) in first.stdout + second.stdout for path in made)
    assert all(_count(path, "people") == _count(sample_db, "people") for path in made)


def test_backup_refuses_to_overwrite_without_force(runner, sample_db, tmp_path):
    target = tmp_path / "team-backup.db"
    target.write_bytes(b"yesterday's backup")
    result = runner.invoke(cli, ["backup", str(target), "--db", str(sample_db)])
    assert result.exit_code == 2 and "already exists; add --force" in result.output
    assert target.read_bytes() == b"yesterday's backup"
    result = runner.invoke(cli, ["backup", str(target), "--force", "--db", str(sample_db)])
    assert result.exit_code == 0, result.output
    assert _integrity(target) == [("ok",)] and _count(target, "meetings") == _count(sample_db, "meetings")


def test_backup_never_replaces_the_log_itself(runner, sample_db):
    before = sample_db.read_bytes()
    result = runner.invoke(cli, ["backup", str(sample_db), "--force", "--db", str(sample_db)])
    assert result.exit_code == 2 and "is the log itself" in result.output
    assert sample_db.read_bytes() == before


def test_backup_leaves_a_target_in_use_alone(runner, sample_db, tmp_path):
    target = tmp_path / "open.db"
    target.write_bytes(b"in use")
    (tmp_path / "open.db-wal").write_bytes(b"frames")
    result = runner.invoke(cli, ["backup", str(target), "--force", "--db", str(sample_db)])
    assert result.exit_code == 2 and "looks in use" in result.output
    assert target.read_bytes() == b"in use"


def test_backup_refuses_a_new_name_with_a_stray_wal_beside_it(runner, sample_db, tmp_path):
    """A `PATH-wal` left by another database was read into the new copy when it was opened:
    "Backed up … integrity check ok", then "not a smarkmeet log"."""
    import shutil
    import sqlite3

    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    shutil.copy(f"{other}-wal", tmp_path / "bk.db-wal")
    conn.close()
    result = runner.invoke(cli, ["backup", str(tmp_path / "bk.db"), "--db", str(sample_db)])
    assert result.exit_code == 2 and "bk.db-wal" in result.output, result.output
    assert not (tmp_path / "bk.db").exists()


def test_a_copy_failing_its_check_is_not_kept(runner, sample_db, tmp_path, monkeypatch):
    monkeypatch.setattr("smarkmeet.services.backup.integrity_problems", lambda path: ["page 7: btree broken"])
    result = runner.invoke(cli, ["backup", str(tmp_path / "copy.db"), "--db", str(sample_db)])
    assert result.exit_code == 2 and "failed its integrity check (page 7: btree broken)" in result.output
    assert os.listdir(tmp_path) == [sample_db.name]


def test_a_copy_stopped_by_a_full_disk_leaves_nothing_behind(runner, sample_db, tmp_path, monkeypatch):
    """SQLite writes the copy with a rollback journal beside it: on a full disk the copy was
    removed, but its `-journal` stayed (`.copy.db.x1y2.part-journal`)."""
    import sqlite3

    def full(log, temp):
        Path(f"{temp}-journal").write_bytes(b"\0" * 512)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("smarkmeet.services.backup.copy_log", full)
    result = runner.invoke(cli, ["backup", str(tmp_path / "copy.db"), "--db", str(sample_db)])
    assert result.exit_code == 2 and "disk is full" in result.output, result.output
    assert os.listdir(tmp_path) == [sample_db.name]


@pytest.mark.parametrize("args, message", [
    (["backup", "{tmp}/copy.db", "--db", "{tmp}/none.db"], "no log at"),
    (["backup", "{tmp}/no/such/dir/copy.db"], "does not exist"),
    (["backup"], "Missing argument 'PATH'"),
])
def test_backup_errors_are_one_line_with_exit_code_2(monkeypatch, capsys, sample_db, tmp_path, args, message):
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    if "--db" not in args:
        args += ["--db", str(sample_db)]
    monkeypatch.setattr("sys.argv", ["smarkmeet", *args])
    with pytest.raises(SystemExit) as caught:
        main()
    out = capsys.readouterr()
    assert caught.value.code == 2
    assert out.err.startswith("smarkmeet: error: ") and out.err.count("\n") == 1 and message in out.err
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "copy.db").exists()
