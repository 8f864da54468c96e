"""Meeting history, a meeting's record and the criticism log, driven through Textual's Pilot.

Expected values come from the log with SQL, never typed in.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from textual.widgets import DataTable, Markdown, Static, TabbedContent

from smarkmeet.domain.enums import MeetingStatus, SectionKind, Side
from smarkmeet.domain.models import AgendaSection, CriticismNote, Meeting
from smarkmeet.paths import exports_dir
from smarkmeet.services.export import render_minutes_json
from smarkmeet.services.leadreview import describe_verdict, verdict_history
from smarkmeet.services.minutes import render_minutes
from smarkmeet.store.meetings import HISTORY_PAGE
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.criticism import CriticismLogScreen
from smarkmeet.tui.screens.history import MeetingDetailScreen, MeetingHistoryScreen
from smarkmeet.tui.widgets.dialogs import ChoiceDialog, NoticeDialog
from tests.ui.screenshot_text import drawn, shown

SIZE = (120, 40)


def row_keys(table: DataTable) -> list[str]:
    return [row.key.value for row in table.ordered_rows]


def cell_text(table: DataTable, row: int, column: str) -> str:
    return str(table.get_cell_at((row, table.get_column_index(column))))


async def open_history(app, pilot) -> DataTable:
    app.push_screen(MeetingHistoryScreen())
    await pilot.pause()
    return app.screen.query_one("#history-table", DataTable)


async def open_record(app, pilot, meeting_id: str) -> MeetingDetailScreen:
    app.open_meeting_record(meeting_id)
    await pilot.pause()
    assert isinstance(app.screen, MeetingDetailScreen)
    return app.screen


# -- meeting history ------------------------------------------------------------------


async def test_history_lists_every_meeting_newest_first_and_cycles_kind(sample_log, clock):
    log = sample_log
    app = make_app(log, clock)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_history(app, pilot)
        expected = [r["id"] for r in log.rows("SELECT id FROM meetings ORDER BY scheduled_for DESC, id DESC")]
        assert row_keys(table) == expected

        # attendance, time against plan (overrun marked) and rating, as the log has them
        summary = log.one(
            "SELECT m.id, (SELECT sum(seconds_spent) FROM agenda_sections s WHERE s.meeting_id = m.id) AS spent, "
            "(SELECT sum(timebox_minutes) FROM agenda_sections s WHERE s.meeting_id = m.id) AS planned, "
            "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.present) AS present, "
            "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) AS invited, "
            "(SELECT avg(score) FROM ratings r WHERE r.meeting_id = m.id) AS rating FROM meetings m "
            "WHERE m.status = 'ended' AND (SELECT sum(seconds_spent) FROM agenda_sections s WHERE s.meeting_id = m.id)"
            " > 60 * (SELECT sum(timebox_minutes) + 1 FROM agenda_sections s WHERE s.meeting_id = m.id) "
            "ORDER BY m.scheduled_for DESC LIMIT 1"
        )
        row = table.get_row_index(summary["id"])
        over = round(summary["spent"] / 60) - summary["planned"]
        time_cell = table.get_cell_at((row, table.get_column_index("time")))
        assert f"(+{over})" in time_cell.plain and "red" in str(time_cell.style)
        assert cell_text(table, row, "present") == f"{summary['present']}/{summary['invited']}"
        assert cell_text(table, row, "rating") == f"{summary['rating']:.1f}"

        for kind in ("weekly", "monthly"):
            await pilot.press("k")
            ids = [r["id"] for r in log.rows("SELECT id FROM meetings WHERE kind = ? "
                                             "ORDER BY scheduled_for DESC, id DESC", [kind])]
            assert row_keys(table) == ids
            assert kind in str(app.screen.query_one("#history-filter", Static).content)
        await pilot.press("k")
        assert table.row_count == len(expected)
        await pilot.press("escape")
        assert not isinstance(app.screen, MeetingHistoryScreen)


async def test_history_loads_a_long_log_a_page_at_a_time(log, clock):
    day = date(2020, 1, 6)
    with log.transaction():
        for week in range(HISTORY_PAGE * 2 + 50):
            meeting = Meeting(title=f"Week {week}", scheduled_for=day + timedelta(weeks=week), status="ended")
            log.meetings.create(meeting, [AgendaSection(meeting_id=meeting.id, position=0, kind=SectionKind.CHECKIN,
                                                        title="Check-in", timebox_minutes=3, seconds_spent=200)])
    total = log.one("SELECT count(*) AS n FROM meetings")["n"]
    app = make_app(log, clock)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_history(app, pilot)
        assert table.row_count == HISTORY_PAGE
        assert f"{HISTORY_PAGE} of {total:,} shown" in str(app.screen.query_one("#history-filter", Static).content)
        await pilot.press("m")
        assert table.row_count == 2 * HISTORY_PAGE
        table.move_cursor(row=table.row_count - 1)  # reaching the last row loads the rest
        await pilot.pause()
        assert table.row_count == total
        newest_first = [r["id"] for r in log.rows("SELECT id FROM meetings ORDER BY scheduled_for DESC, id DESC")]
        assert row_keys(table) == newest_first


# -- a meeting's record ---------------------------------------------------------------


def meeting_with_followup(log) -> str:
    return log.one("SELECT f.meeting_id FROM criticism_followups f JOIN meetings m ON m.id = f.meeting_id "
                   "ORDER BY m.scheduled_for DESC LIMIT 1")["meeting_id"]


async def test_open_a_meeting_from_history_and_read_every_tab(sample_log, clock):
    log = sample_log
    meeting_id = meeting_with_followup(log)
    app = make_app(log, clock)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_history(app, pilot)
        table.move_cursor(row=table.get_row_index(meeting_id))
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingDetailScreen) and screen.meeting_id == meeting_id
        meeting = log.meetings.get(meeting_id)
        assert screen.query_one(Markdown).source == render_minutes(log, meeting)

        tabs = screen.query_one(TabbedContent)
        items = log.one(
            "SELECT (SELECT count(*) FROM action_items WHERE origin_meeting_id = :m) + "
            "(SELECT count(*) FROM action_items WHERE closed_in_meeting_id = :m) + "
            "(SELECT count(DISTINCT action_item_id) FROM action_carries WHERE meeting_id = :m) AS n", {"m": meeting_id}
        )["n"]
        await pilot.press("2")
        assert tabs.active == "record-actions"
        assert screen.query_one("#record-actions-table", DataTable).row_count == items
        assert app.focused is screen.query_one("#record-actions-table")

        notes = log.one(
            "SELECT (SELECT count(*) FROM criticism_notes WHERE meeting_id = :m) + "
            "(SELECT count(*) FROM criticism_followups WHERE meeting_id = :m) + "
            "(SELECT count(*) FROM criticism_notes WHERE resolved_in_meeting_id = :m AND meeting_id <> :m) AS n",
            {"m": meeting_id},
        )["n"]
        await pilot.press("3")
        assert tabs.active == "record-notes"
        notes_table = screen.query_one("#record-notes-table", DataTable)
        assert notes_table.row_count == notes
        # a note turned into an action item says so
        with_item = {row["id"] for row in log.rows("SELECT id FROM criticism_notes WHERE meeting_id = ? "
                                                    "AND action_item_id IS NOT NULL", [meeting_id])}
        said = [str(notes_table.get_row_at(n)[0]) for n in range(notes_table.row_count)]
        assert with_item and said.count("raised → item") == len(with_item), said

        verdicts = log.rows(
            "SELECT l.name FROM lead_feedback f JOIN leads l ON l.id = f.lead_id WHERE f.meeting_id = ? "
            "ORDER BY f.given_at, f.rowid", [meeting_id])
        await pilot.press("4")
        assert tabs.active == "record-verdicts"
        verdict_table = screen.query_one("#record-verdicts-table", DataTable)
        assert [cell_text(verdict_table, i, "Lead") for i in range(verdict_table.row_count)] == \
            [v["name"] for v in verdicts]

        # Enter on a verdict: that lead's whole verdict history
        crm_id = log.one("SELECT l.crm_id FROM lead_feedback f JOIN leads l ON l.id = f.lead_id "
                         "WHERE f.meeting_id = ? ORDER BY f.given_at, f.rowid LIMIT 1", [meeting_id])["crm_id"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoticeDialog)
        _, history = verdict_history(log, crm_id)
        assert app.screen.body == "\n".join(describe_verdict(entry) for entry in history)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_a_records_verdicts_show_a_reason_column_only_with_a_reason_to_show(sample_log, clock):
    """At 80 columns an empty "Reason / comment" column took 18 cells beside "Organic…" and
    "Tomás R…", in a meeting whose verdicts had no reason or comment."""
    from textual.widgets import DataTable

    with_why = sample_log.one("SELECT meeting_id FROM lead_feedback WHERE meeting_id IS NOT NULL "
                              "GROUP BY meeting_id HAVING max(reason <> '' OR comment <> '') = 1 LIMIT 1")
    without = sample_log.one("SELECT meeting_id FROM lead_feedback WHERE meeting_id IS NOT NULL "
                             "GROUP BY meeting_id HAVING max(reason <> '' OR comment <> '') = 0 "
                             "AND count(*) = count(DISTINCT lead_id) LIMIT 1")
    assert with_why and without
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for meeting_id, column in ((with_why["meeting_id"], True), (without["meeting_id"], False)):
            screen = await open_record(app, pilot, meeting_id)
            await pilot.press("4")
            table = screen.query_one("#record-verdicts-table", DataTable)
            labels = [str(c.label) for c in table.columns.values()]
            assert ("Reason / comment" in labels) is column, labels
            await pilot.press("escape")
            await pilot.pause()


async def test_enter_on_a_note_opens_the_criticism_log_at_it(sample_log, clock):
    log = sample_log
    meeting_id = meeting_with_followup(log)
    followed = log.one("SELECT note_id FROM criticism_followups WHERE meeting_id = ?", [meeting_id])["note_id"]
    app = make_app(log, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_record(app, pilot, meeting_id)
        await pilot.press("3")
        notes = screen.query_one("#record-notes-table", DataTable)
        row = next(i for i in range(notes.row_count) if cell_text(notes, i, "Here") == "followed up")
        notes.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CriticismLogScreen)
        table = app.screen.query_one("#criticism-table", DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == followed
        comments = [r["comment"] for r in log.rows("SELECT comment FROM criticism_followups WHERE note_id = ?",
                                                   [followed])]
        assert all(comment in shown(app) for comment in comments)


async def test_at_80_columns_the_criticism_log_gives_the_words_the_room(sample_log, clock):
    """At 80x24 a note read "Webinar follow-up …" and "Send the at…": a Status column said "open"
    on every row of a list of open notes (said above it). It shows only where the list mixes them."""
    from textual.widgets import DataTable

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        table = app.screen.query_one("#criticism-table", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert "Status" not in labels and table.columns["observation"].width >= 24, labels
        await pilot.press("o", "o")  # any status: the column is back
        await pilot.pause()
        assert "Status" in [str(column.label) for column in table.columns.values()]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_criticism_log_says_how_each_notes_action_item_stands(sample_log, clock, size):
    """A note whose action item was dropped read "yes" in the Action column, as if acted on."""
    from textual.widgets import DataTable

    from smarkmeet.domain.enums import ActionStatus
    from smarkmeet.services import actions as items

    noted = sample_log.rows("SELECT id, action_item_id FROM criticism_notes WHERE action_item_id IS NOT NULL")
    assert len(noted) >= 2
    items.set_status(sample_log, noted[0]["action_item_id"], ActionStatus.DROPPED)
    items.set_status(sample_log, noted[1]["action_item_id"], ActionStatus.OPEN)
    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("o", "o")  # every status
        await pilot.pause()
        table = app.screen.query_one("#criticism-table", DataTable)
        cells = {row.key.value: str(table.get_cell(row.key, "action")) for row in table.ordered_rows}
        assert cells[noted[0]["id"]] == ("drop" if size[0] < 100 else "dropped")
        assert cells[noted[1]["id"]] == "open"
        plain = sample_log.one("SELECT id FROM criticism_notes WHERE action_item_id IS NULL")
        assert plain is not None and cells[plain["id"]] == "—"


async def test_a_resolved_note_opens_with_the_filters_that_show_it(sample_log, clock):
    log = sample_log
    resolved = log.one("SELECT id FROM criticism_notes WHERE status = 'resolved' ORDER BY created_at LIMIT 1")["id"]
    app = make_app(log, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.open_criticism(resolved)
        await pilot.pause()
        table = app.screen.query_one("#criticism-table", DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == resolved
        assert "any status" in str(app.screen.query_one("#criticism-filter", Static).content)


async def test_enter_on_an_action_item_opens_it(sample_log, clock, monkeypatch):
    log = sample_log
    meeting_id = meeting_with_followup(log)
    first_new = log.one("SELECT id FROM action_items WHERE origin_meeting_id = ? ORDER BY created_at, id LIMIT 1",
                        [meeting_id])["id"]
    app = make_app(log, clock)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_action", opened.append)
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, meeting_id)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert opened == [first_new]


async def test_export_minutes_as_markdown_then_json_never_overwrites(sample_log, clock):
    log = sample_log
    meeting = log.meetings.get(meeting_with_followup(log))
    app = make_app(log, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_record(app, pilot, meeting.id)
        stem = exports_dir() / f"minutes-{meeting.scheduled_for.isoformat()}-{meeting.kind.value}"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("1")  # Markdown
        await pilot.pause()
        first = stem.with_name(stem.name + ".md")
        assert first.read_text(encoding="utf-8") == render_minutes(log, meeting)
        assert str(first) in str(screen.query_one("#record-export", Static).content)
        assert any(str(first) in notice.message for notice in app._notifications)

        await pilot.press("e", "1")
        await pilot.pause()
        second = stem.with_name(stem.name + "-2.md")
        assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
        assert str(second) in str(screen.query_one("#record-export", Static).content)

        await pilot.press("e", "2")  # JSON
        await pilot.pause()
        as_json = stem.with_name(stem.name + ".json")
        assert as_json.read_text(encoding="utf-8") == render_minutes_json(log, meeting)


async def test_an_export_that_cannot_be_written_is_explained(sample_log, clock):
    exports = exports_dir()
    exports.parent.mkdir(parents=True, exist_ok=True)
    exports.write_text("a file where the folder should be", encoding="utf-8")
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_record(app, pilot, meeting_with_followup(sample_log))
        await pilot.press("e", "1")
        await pilot.pause()
        message = str(screen.query_one("#record-export", Static).content)
        assert "Minutes not exported" in message and str(exports) in message
        assert app.screen is screen  # no traceback, no crash


async def test_a_meeting_in_progress_shows_its_minutes_so_far(sample_log, clock):
    log = sample_log
    planned = log.meetings.next_planned()
    log.meetings.update(planned.id, {"status": "in_progress", "started_at": clock.now()})
    app = make_app(log, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.pop_screen()  # the resume offer
        screen = await open_record(app, pilot, planned.id)
        assert "in progress" in str(screen.query_one("#record-facts", Static).content)
        assert screen.query_one(Markdown).source == render_minutes(log, log.meetings.get(planned.id))


async def test_a_meeting_not_started_has_no_minutes_to_export(sample_log, clock):
    """`e` on the planned meeting wrote minutes with every section at 0:00; the command line
    refuses them ("only an ended meeting has minutes")."""
    planned = sample_log.meetings.next_planned()
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_record(app, pilot, planned.id)
        # nor offered: the line under the minutes says so, and e is not live in the footer
        said = str(screen.query_one("#record-export").content)
        assert "Not started yet" in said and "exports these minutes" not in said
        assert screen.check_action("export", ()) is False  # not offered (shown disabled, it read as a key)
        assert "Export" not in shown(app).splitlines()[-1]
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is screen  # no format asked: nothing to write
    assert not exports_dir().exists() or not list(exports_dir().glob("minutes-*"))


# -- the criticism log ------------------------------------------------------------------


async def test_criticism_log_filters_by_direction_and_status(sample_log, clock, monkeypatch):
    log = sample_log
    app = make_app(log, clock)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_action", opened.append)

    def ids(where: str = "1", params=()) -> list[str]:
        return [r["id"] for r in log.rows(f"SELECT id FROM criticism_notes WHERE {where} "
                                          "ORDER BY created_at DESC, id DESC", list(params))]

    async with app.run_test(size=SIZE) as pilot:
        app.open_criticism()
        await pilot.pause()
        table = app.screen.query_one("#criticism-table", DataTable)
        assert row_keys(table) == ids("status = 'open'")
        await pilot.press("d")
        assert row_keys(table) == ids("status = 'open' AND from_side = 'sales'")
        await pilot.press("d")
        assert row_keys(table) == ids("status = 'open' AND from_side = 'marketing'")
        await pilot.press("d", "o")
        assert row_keys(table) == ids("status = 'resolved'")
        await pilot.press("o")
        assert row_keys(table) == ids()

        linked = log.one("SELECT id, action_item_id FROM criticism_notes WHERE action_item_id IS NOT NULL "
                         "ORDER BY created_at DESC, id DESC LIMIT 1")
        table.move_cursor(row=table.get_row_index(linked["id"]))
        await pilot.press("enter")
        await pilot.press("a")
        assert opened == [linked["action_item_id"]] * 2
        followups = log.one("SELECT count(*) AS n FROM criticism_followups WHERE note_id = ?", [linked["id"]])["n"]
        assert cell_text(table, table.cursor_row, "followups") == (str(followups) if followups else "—")

        await pilot.press("g")
        await pilot.pause()
        raised_in = log.notes.get(linked["id"]).meeting_id
        assert isinstance(app.screen, MeetingDetailScreen) and app.screen.meeting_id == raised_in


async def test_changing_a_criticism_filter_keeps_the_cursor_on_the_same_note(sample_log, clock):
    """Narrowing to one direction left the cursor at the same row number, so the detail below
    jumped to whichever note now sat there."""
    log = sample_log
    listed = log.rows("SELECT id, from_side FROM criticism_notes WHERE status = 'open' "
                      "ORDER BY created_at DESC, id DESC")
    # a note whose row number changes when only its direction is shown, and not the last of them
    # (the old code kept the row number, clamped to the new list's length)
    note = next(row for index, row in enumerate(listed)
                if index != [r["id"] for r in listed if r["from_side"] == row["from_side"]].index(row["id"])
                and row["id"] != [r["id"] for r in listed if r["from_side"] == row["from_side"]][-1])
    presses = ["d"] if note["from_side"] == Side.SALES.value else ["d", "d"]
    app = make_app(log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_criticism()
        await pilot.pause()
        table = app.screen.query_one("#criticism-table", DataTable)
        table.move_cursor(row=table.get_row_index(note["id"]))
        await pilot.press(*presses)
        await pilot.pause()
        assert app.screen.selected().id == note["id"]
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == note["id"]
        # the list is only as tall as its notes, so the note below gets the rest of the screen
        box = app.screen.query_one("#criticism-table-box")
        assert box.size.height == table.row_count + 1  # rows and the header, inside the border
        assert log.notes.get(note["id"]).observation in shown(app)


async def test_the_teams_words_show_as_typed_never_as_markup(sample_log, clock):
    log = sample_log
    meeting = log.meetings.last_ended()
    log.meetings.update(meeting.id, {"title": "[red]Budget[/] week"})
    log.notes.add(CriticismNote(
        meeting_id=meeting.id, from_side=Side.SALES, to_side=Side.MARKETING, observation="[bold]x[/]",
        impact="[/]", request="[link=http://x]click[/link]", created_at=clock.now(),
    ))
    app = make_app(log, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.open_criticism()
        await pilot.pause()
        text = shown(app)
        assert "[bold]x[/]" in text  # in the table and in the detail pane
        assert text.count("[bold]x[/]") >= 2
        assert "[link=http://x]click[/link]" in text
        assert "[red]Budget[/] week" in text  # the meeting it was raised in

        await pilot.press("g")
        await pilot.pause()
        assert "[red]Budget[/] week" in shown(app)
        await pilot.press("3")
        assert "[bold]x[/]" in shown(app)

        app.push_screen(MeetingHistoryScreen())
        await pilot.pause()
        assert "[red]Budget[/] week" in shown(app)


async def test_the_records_keys_panel_starts_with_its_own_keys(sample_log, clock):
    """The keys panel on a meeting's record listed "↑ Scroll Up, ↓ Scroll Down, … ^pgdn" before
    esc Back and e Export minutes; the scrolling keys still scroll."""
    from textual.widgets._key_panel import BindingsTable

    meeting = sample_log.one("SELECT id FROM meetings WHERE status = 'ended' ORDER BY scheduled_for DESC LIMIT 1")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_record(app, pilot, meeting["id"])
        scroll = app.focused
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        table = app.screen.query_one(BindingsTable)
        lines = drawn(table)
        assert not any("Scroll" in line for line in lines), lines[:10]
        assert any(line.startswith("e ") and "Export" in line for line in lines), lines[:10]
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.focused is scroll
        await pilot.press("down", "down")
        await pilot.pause()
        assert scroll.scroll_y > 0


async def test_a_record_tab_with_nothing_in_it_says_so_in_full(sample_log, clock):
    planned = sample_log.meetings.next_planned()  # nothing done in it yet
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_record(app, pilot, planned.id)
        for tab, sentence in (("2", "No action item was created or reviewed in this meeting."),
                              ("3", "No criticism note was raised, followed up or resolved in this meeting."),
                              ("4", "No lead was given a verdict in this meeting.")):
            await pilot.press(tab)
            await pilot.pause()
            assert sentence in shown(app)


def test_a_column_needing_less_than_its_share_gives_the_rest_to_the_others():
    """At 120 columns the verdicts tab cut "Organic Sear…" beside an empty comment column."""
    from smarkmeet.tui.widgets.history import column_widths

    free = 120 - 9 - 2 * 6 - 2
    even = column_widths(120, [9], [3, 3, 2, 4, 2])
    assert sum(even) <= free
    fitted = column_widths(120, [9], [3, 3, 2, 4, 2], needs=[12, 14, 14, 16, 11])
    assert fitted == [12, 14, 14, 16, 11]  # all fit whole
    squeezed = column_widths(120, [9], [3, 3, 2, 4, 2], needs=[80, 14, 14, 60, 11])
    assert squeezed[1:3] == [14, 14] and squeezed[4] == 11  # the short ones whole
    assert squeezed[0] > even[0] and squeezed[3] > even[3] and sum(squeezed) <= free  # the long ones share the rest


async def test_two_meetings_the_same_day_are_told_apart_by_their_start(sample_log, clock):
    """A dry run and the real meeting read as two identical rows on home and in the history."""
    from smarkmeet.domain.agenda import WEEKLY
    from smarkmeet.services.meeting import MeetingRunner, plan_meeting
    from smarkmeet.tui.widgets.history import MeetingHistoryTable

    first = MeetingRunner(sample_log, sample_log.meetings.next_planned().id)
    first.start()
    first.end()
    clock.advance(minutes=50)
    second = MeetingRunner(sample_log, plan_meeting(sample_log, WEEKLY, first.meeting.scheduled_for).id)
    second.start()
    second.end()
    starts = {m.id: f"{sample_log.meetings.get(m.id).started_at:%H:%M}" for m in (first.meeting, second.meeting)}
    assert len(set(starts.values())) == 2
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen.query_one(MeetingHistoryTable)
        keys = row_keys(home)
        for meeting_id, start in starts.items():
            assert str(home.get_row_at(keys.index(meeting_id))[0]).endswith(f" · {start}")
        earlier = next(key for key in keys if key not in starts)
        assert "·" not in str(home.get_row_at(keys.index(earlier))[0])  # a day with one meeting: no time
        table = await open_history(app, pilot)
        keys = row_keys(table)
        for meeting_id, start in starts.items():
            assert f" · {start}" in str(table.get_row_at(keys.index(meeting_id))[2])


async def test_the_record_lists_an_item_given_to_someone_else_in_the_meeting(sample_log, clock):
    """A reassignment made in a meeting was in none of its records."""
    from smarkmeet.tui.widgets.history import RecordItemsTable

    log = sample_log
    meeting = next(log.meetings.get(row["meeting_id"]) for row in log.rows(
        "SELECT DISTINCT c.meeting_id FROM action_carries c JOIN meetings m ON m.id = c.meeting_id"
        " WHERE m.ended_at IS NOT NULL ORDER BY m.scheduled_for DESC"))
    item = next(row for row in log.actions.carried_in(meeting.id) if row.owner_id)
    other = next(p for p in log.people.team() if p.id != item.owner_id)
    with log.transaction():  # as the meeting's reassign wrote it, at its end
        log.actions.update(item.id, {"owner_id": other.id}, meeting_id=meeting.id)
    app = make_app(log, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, meeting.id)
        table = app.screen.query_one(RecordItemsTable)
        rows = [(cell_text(table, n, "Here"), cell_text(table, n, "Item")) for n in range(table.row_count)]
        assert any(here == "reassigned" and item.title.startswith(title.rstrip("…")) for here, title in rows), rows


async def test_a_verdict_replaced_in_the_meeting_is_marked_so_in_its_record(sample_log, clock):
    """Accepted, then rejected in the same meeting: the record listed both as if current."""
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.services.leadreview import give_verdict

    log = sample_log
    meeting = log.meetings.last_ended(kind="weekly")
    given = log.meetings.lead_verdicts(meeting.id)
    assert given
    first = given[0]
    give_verdict(log, first["lead_id"], Verdict.NURTURE if first["verdict"] != "nurture" else Verdict.ACCEPTED,
                 meeting)  # (given now: after the meeting's others)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_record(app, pilot, meeting.id)
        await pilot.press("4")
        table = screen.query_one("#record-verdicts-table", DataTable)
        rows = log.meetings.lead_verdicts(meeting.id)
        marks = [cell_text(table, n, "Reason / comment").startswith("replaced below") for n in range(table.row_count)]
        assert marks == [row["lead_id"] == first["lead_id"] and n != len(rows) - 1 for n, row in enumerate(rows)]
        assert marks.count(True) == 1


async def test_at_80_columns_a_records_items_keep_their_titles_and_owners(sample_log, clock):
    """At 80 columns titles were cut to 22 cells and owners to "Jordan …" beside a Carried column
    mostly blank: the carries join the status and the due date is short."""
    log = sample_log
    meeting_id = log.one("SELECT meeting_id FROM action_carries ORDER BY carried_at DESC LIMIT 1")["meeting_id"]
    items = log.actions.reviewed_in(meeting_id)
    app = make_app(log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_record(app, pilot, meeting_id)
        await pilot.press("2")
        table = screen.query_one("#record-actions-table", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert "Carried" not in labels
        statuses = [cell_text(table, n, "Status") for n in range(table.row_count)]
        assert any(status.endswith(f"{row.carry_count}×") for row in items.carried for status in statuses)
        owners = [cell_text(table, n, "Owner") for n in range(table.row_count)]
        assert not any(owner.endswith("…") and len(owner) < 9 for owner in owners), owners
        # the demo's names are short: whole ("Jordan Bla…" gave the title one cell), and the
        # titles keep at least 30
        every = {row.owner_name for group in (items.created, items.closed, items.carried) for row in group}
        assert set(owners) <= every | {"—"}, owners
        assert next(column.width for column in table.columns.values() if str(column.label) == "Item") >= 30


async def test_enter_typed_straight_after_a_tab_number_acts_on_that_tab(sample_log, clock, monkeypatch):
    """On the notes tab, "2⏎" typed fast opened the criticism log (the notes tab's Enter): the
    focus moved to the items tab only after the Enter typed behind the digit had been handled."""
    from tests.ui.typing_ahead import burst, settle

    log = sample_log
    meeting_id = meeting_with_followup(log)
    first_new = log.one("SELECT id FROM action_items WHERE origin_meeting_id = ? ORDER BY created_at, id LIMIT 1",
                        [meeting_id])["id"]
    app = make_app(log, clock)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_action", opened.append)
    monkeypatch.setattr(app, "open_criticism", lambda note_id: opened.append(f"note {note_id}"))
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, meeting_id)
        await pilot.press("3")
        await pilot.pause()
        burst(app, "2\n")
        await settle(pilot)
        assert opened == [first_new]


async def test_at_80_columns_a_records_highlighted_row_is_said_whole_below_its_tab(sample_log, clock):
    """Record tabs cut a note to "Webinar follow-up li…" and its request likewise, with no way to
    read either whole, though every other list says its highlighted row below it."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = next(m for m in sample_log.meetings.history()
                       if m.status is MeetingStatus.ENDED and sample_log.notes.in_meeting(m.id))
        note = sample_log.notes.in_meeting(meeting.id)[0]
        screen = await open_record(app, pilot, meeting.id)
        await pilot.press("3")
        await pilot.pause()
        table = screen.query_one("#record-notes-table", DataTable)
        assert note.observation not in cell_text(table, 0, "Observation") or len(note.observation) < 20
        detail = " ".join(str(screen.query_one("#record-notes-detail").render()).split())
        assert note.observation in detail and (note.request or "none") in detail


async def test_a_short_due_date_of_another_year_says_its_year(sample_log, clock):
    """At 80 columns the record showed an item due next March as "04 Mar" beside "21 Nov": read
    as long overdue."""
    from datetime import date

    from smarkmeet.tui.widgets.history import RecordItemsTable

    log = sample_log
    meeting = log.meetings.last_ended(kind="weekly")
    item = log.actions.reviewed_in(meeting.id).created[0]
    next_year = date(clock.today().year + 1, 3, 4)
    with log.transaction():  # as the meeting's e wrote it (the record shows items as the meeting left them)
        log.actions.update(item.id, {"due_date": next_year}, meeting_id=meeting.id)
    app = make_app(log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_record(app, pilot, meeting.id)
        table = app.screen.query_one(RecordItemsTable)
        dues = [cell_text(table, n, "Due") for n in range(table.row_count)]
        assert f"04 Mar ’{next_year:%y}" in dues, dues
        assert not any("’" in due for due in dues if due != f"04 Mar ’{next_year:%y}")  # this year's: as before


async def test_the_records_facts_wrap_between_facts_not_inside_one(sample_log, clock):
    """At 80 columns a monthly meeting's record ended its facts line with "rating" and began the
    next with "7.3"."""
    from tests.ui.screenshot_text import shown

    meeting = sample_log.meetings.last_ended(kind="monthly")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_record(app, pilot, meeting.id)
        lines = [line.strip(" │") for line in shown(app).splitlines()[1:4]]
        for fact in (r"present \d+/\d+", r"time \d+ / \d+ min", r"rating \d+\.\d"):
            assert any(re.search(fact, line) for line in lines), (fact, lines)  # each whole on one line
        await pilot.resize_terminal(120, 40)  # and wrapped again for the new width: one line
        await pilot.pause()
        assert any(re.search(r"present .* · time .* · rating \d", line) for line in shown(app).splitlines()[:5])
