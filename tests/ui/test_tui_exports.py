"""Exports and backups made from the TUI land in the exports folder, never overwrite, and say where."""

from __future__ import annotations

import csv
import itertools
import sqlite3
import threading
from types import SimpleNamespace

import pytest

import smarkmeet.services.export as export
from smarkmeet.services.sample import load_sample
from smarkmeet.store.log import open_log
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.leads import LeadReportScreen


async def finished(app, pilot) -> None:
    """Wait for the background exports, then for the notice they send to the app's loop."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot, check, seconds: float = 5) -> None:
    """Let the app run until ``check()`` holds (a thread's progress, the app quitting)."""
    for _ in range(int(seconds / 0.01)):
        if check():
            return
        await pilot.pause(0.01)


@pytest.fixture
def team_log(tmp_path, clock):
    """The demo team in a log file: only a file can be reopened by an export's own thread."""
    log = open_log(tmp_path / "team.db", clock)
    load_sample(log)
    yield log
    log.close()


@pytest.fixture
def held_export(monkeypatch):
    """Exports' writer held until ``release`` is set: ``started`` once it runs, ``threads`` it ran on."""
    held = SimpleNamespace(release=threading.Event(), started=threading.Event(), threads=[])
    real = export.write_records

    def slow_write(records, columns, fmt, out):
        held.threads.append(threading.current_thread())
        held.started.set()
        held.release.wait(10)
        return real(records, columns, fmt, out)

    monkeypatch.setattr(export, "write_records", slow_write)
    return held


def said_where(written, message: str) -> bool:
    """The notice names the file, then its folder on a line of its own (a long path broke mid-name)."""
    return f"{written.name}\nin {written.parent}" in message


async def export_actions(app, pilot) -> None:
    """The action items screen, opened from home, writing its list as CSV."""
    from smarkmeet.tui.screens.actions import ActionItemsScreen

    await pilot.press("a")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ActionItemsScreen)
    screen._export("csv")


async def test_lead_export_from_the_report_screen(sample_log, clock, isolated_home):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        (written,) = (isolated_home / "exports").glob("leads-*.csv")
        with written.open(encoding="utf-8", newline="") as handle:
            crm_ids = [row["crm_id"] for row in csv.DictReader(handle)]
        assert sorted(crm_ids) == sorted(row["crm_id"] for row in sample_log.rows("SELECT crm_id FROM leads"))
        assert any(said_where(written, str(n.message)) for n in app._notifications)


async def test_backup_while_another_connection_writes(team_log, clock, isolated_home):
    log, path = team_log, team_log.path
    stop = threading.Event()
    written = []

    def writer():
        conn = sqlite3.connect(path, timeout=5)
        n = 0
        while not stop.is_set():
            conn.execute("INSERT INTO settings (key, value) VALUES (?, '1')", [f"k{n}"])
            conn.commit()
            written.append(n)
            n += 1
        conn.close()

    thread = threading.Thread(target=writer)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        thread.start()
        try:
            while len(written) < 20:
                await pilot.pause(0.01)
            app.back_up_now()  # in a thread, on its own connection
            await finished(app, pilot)
        finally:
            stop.set()
            thread.join()
        (backup,) = (isolated_home / "exports").glob("smarkmeet-backup-*.db")
        copy = sqlite3.connect(backup)
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM action_items").fetchone()[0] == log.actions.count()
        assert copy.execute("SELECT count(*) FROM settings WHERE key LIKE 'k%'").fetchone()[0] >= 20
        copy.close()
        notices = [str(n.message) for n in app._notifications if "checked" in str(n.message)]
        size = backup.stat().st_size / 1_048_576  # in MiB, as `smarkmeet backup` says it
        assert notices and said_where(backup, notices[-1]) and f"({size:,.1f} MiB, checked)" in notices[-1]
        await pilot.press("b")  # from the home screen, a second backup the same minute gets its own name
        await finished(app, pilot)
        assert len(list((isolated_home / "exports").glob("smarkmeet-backup-*.db"))) == 2


async def test_a_long_export_runs_beside_the_meeting(team_log, clock, isolated_home, held_export):
    """An export from a log file is written in a thread on its own connection: the app keeps
    answering keys meanwhile, and says where the file went when it is done."""
    log = team_log
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.export_leads("csv")
        await until(pilot, held_export.started.is_set)
        assert held_export.started.is_set()
        await pilot.press("a")  # the action-items screen opens while the export is still writing
        await pilot.pause()
        assert type(app.screen).__name__ == "ActionItemsScreen" and not held_export.release.is_set()
        await pilot.pause(0.6)  # still writing after half a second: the app says it carries on behind
        assert any("in the background" in str(n.message) for n in app._notifications)
        held_export.release.set()
        await finished(app, pilot)
        (written,) = (isolated_home / "exports").glob("leads-*.csv")
        with written.open(encoding="utf-8", newline="") as handle:
            assert len(list(csv.DictReader(handle))) == log.one("SELECT count(*) AS n FROM leads")["n"]
        assert held_export.threads and held_export.threads[0] is not threading.main_thread()
        assert any(said_where(written, str(n.message)) for n in app._notifications)


async def test_a_quick_export_only_says_where_it_went(team_log, clock, isolated_home):
    app = make_app(team_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.export_leads("json")
        await finished(app, pilot)
        (written,) = (isolated_home / "exports").glob("leads-*.json")
        messages = [str(n.message) for n in app._notifications]
        assert any(said_where(written, message) for message in messages)
        assert not any("in the background" in message for message in messages)


async def test_an_unexpected_failure_in_the_background_is_said(team_log, clock, isolated_home, monkeypatch):
    """A read error (or any other) in the export thread ends in words, not in silence."""

    def failing_write(records, columns, fmt, out):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(export, "write_records", failing_write)
    app = make_app(team_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.export_leads("csv")
        await finished(app, pilot)
        assert any("Nothing written" in str(n.message) and "disk I/O error" in str(n.message)
                   for n in app._notifications)
        assert not list((isolated_home / "exports").glob("leads-*"))


async def test_one_backup_at_a_time(team_log, clock, isolated_home, monkeypatch):
    """A second backup asked for while one is written is refused in words (the two would race for
    the same minute's name); after it, a new backup gets its own name."""
    import smarkmeet.services.backup as backup

    release = threading.Event()
    real = backup.copy_log

    def slow_copy(source, target):
        release.wait(10)
        return real(source, target)

    monkeypatch.setattr(backup, "copy_log", slow_copy)
    app = make_app(team_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.back_up_now()
        await pilot.pause()
        app.back_up_now()
        await pilot.pause()
        assert any("already being written" in str(n.message) for n in app._notifications)
        release.set()
        await finished(app, pilot)
        app.back_up_now()
        await finished(app, pilot)
        assert len(list((isolated_home / "exports").glob("smarkmeet-backup-*.db"))) == 2
        assert not any("No backup made" in str(n.message) for n in app._notifications)


async def test_quitting_during_an_export_finishes_it_first_and_says_so(team_log, clock, isolated_home,
                                                                      held_export):
    app = make_app(team_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.export_leads("csv")
        await until(pilot, held_export.started.is_set)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None  # still running: the export is finished first
        assert any("Finishing leads first" in str(n.message) for n in app._notifications)
        held_export.release.set()
        await until(pilot, lambda: app.return_code is not None)
        assert app.return_code == 0  # quit once it was written
        assert list((isolated_home / "exports").glob("leads-*.csv"))


async def test_quitting_waits_for_the_second_of_two_exports_of_a_kind(team_log, clock, isolated_home, monkeypatch):
    """The first of two lead exports finishing must not let ctrl+q quit while the second is written."""
    releases, turns = [threading.Event(), threading.Event()], itertools.count()
    started: list[int] = []
    real = export.write_records

    def held_in_turn(records, columns, fmt, out):
        turn = next(turns)
        started.append(turn)
        if turn < len(releases):  # a retry under the next free name (both chose one name) runs at once
            releases[turn].wait(10)
        return real(records, columns, fmt, out)

    monkeypatch.setattr(export, "write_records", held_in_turn)
    app = make_app(team_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.export_leads("csv")
        app.export_leads("csv")
        await until(pilot, lambda: len(started) == 2)
        releases[0].set()
        await until(pilot, lambda: any("leads written to" in str(n.message) for n in app._notifications))
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None  # the second is still being written
        assert any("Finishing leads first" in str(n.message) for n in app._notifications)
        releases[1].set()
        await until(pilot, lambda: app.return_code is not None)
        assert app.return_code == 0
        assert len(list((isolated_home / "exports").glob("leads-*.csv"))) == 2


async def test_the_action_items_export_keeps_the_order_shown(team_log, clock, isolated_home):
    """Sorted by title on screen, the export came out by due date."""
    from smarkmeet.tui.screens.actions import ActionItemsScreen

    app = make_app(team_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionItemsScreen)
        screen._sort, screen._descending = "title", True
        screen.reload()
        await pilot.pause()
        screen._export("csv")
        await finished(app, pilot)
        (written,) = (isolated_home / "exports").glob("actions-*.csv")
        with written.open(encoding="utf-8-sig", newline="") as handle:
            titles = [row["title"] for row in csv.DictReader(handle)]
        expected = [row.title for row in team_log.actions.page(screen._criteria, sort="title", descending=True,
                                                               limit=len(titles))]
        assert titles == expected and titles != sorted(titles)


async def test_the_action_items_export_is_said_on_the_status_line_only_while_that_list_is_shown(
        team_log, clock, isolated_home):
    """At 80×24 two "Exported" notices covered the owners and titles of 8 of 11 rows for seconds,
    though the status line said the same; and "11 action items written to …" stayed under the
    list of done items shown next, which it was not about."""
    from textual.widgets import Static

    def status() -> str:
        return str(app.screen.query_one("#actions-status", Static).render())

    app = make_app(team_log, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await export_actions(app, pilot)
        await finished(app, pilot)
        await until(pilot, lambda: "written to" in status())
        (written,) = (isolated_home / "exports").glob("actions-*.csv")
        assert str(written) in status().replace("\n", "")
        assert not any("written to" in str(n.message) for n in app._notifications)  # said once, not over the rows
        await pilot.press("t")  # another status shown: another list
        await pilot.pause()
        assert "written to" not in status()
        for _ in range(3):  # round to the list exported (open) again
            await pilot.press("t")
            await pilot.pause()
        assert "written to" in status()


async def test_an_export_finished_after_leaving_its_list_still_says_where_it_went(team_log, clock, isolated_home,
                                                                                 held_export):
    """Said only on the list's status line, an export finished after Esc left the screen said nothing."""
    from smarkmeet.tui.screens.actions import ActionItemsScreen

    app = make_app(team_log, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await export_actions(app, pilot)
        await until(pilot, held_export.started.is_set)
        await pilot.press("escape")  # back home while the file is being written
        await pilot.pause()
        assert not isinstance(app.screen, ActionItemsScreen)
        held_export.release.set()
        await finished(app, pilot)
        await until(pilot, lambda: any("written to" in str(n.message) for n in app._notifications))
        assert any("written to" in str(n.message) for n in app._notifications)
