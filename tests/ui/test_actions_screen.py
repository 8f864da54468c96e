"""The action-items screen and an item's detail, driven through Textual's Pilot on the demo log."""

from __future__ import annotations

import csv
import os
import sqlite3
from datetime import timedelta

import pytest
from textual.widgets import Input, Static

from smarkmeet.domain.enums import ActionStatus
from smarkmeet.store.actions import ActionFilter
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.actions import ActionDetailScreen, ActionItemsScreen, _rate_text
from smarkmeet.tui.widgets.table import PlainTable
from tests.ui.screenshot_text import drawn, shown
from tests.ui.typing_ahead import burst, settle


def table(app) -> PlainTable:
    return app.screen.query_one("#actions-table", PlainTable)


def shown_ids(app) -> list[str]:
    return [row.key.value for row in table(app).ordered_rows]


def status_line(app) -> str:
    return str(app.screen.query_one("#actions-status", Static).render())  # (made for its width)


async def open_screen(pilot):
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ActionItemsScreen)


async def test_filter_as_you_type_and_by_tokens(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        open_items = sample_log.rows("SELECT id FROM action_items WHERE status = 'open'")
        assert sorted(shown_ids(app)) == sorted(row["id"] for row in open_items)
        await pilot.press("slash", *"lead")
        await pilot.pause()
        expected = [row.id for row in sample_log.actions.list(ActionFilter(words=("lead",)))]
        assert shown_ids(app) == expected and expected
        assert f"of {len(expected)}" in status_line(app) or f"1–{len(expected)}" in status_line(app)
        app.screen.query_one("#actions-filter", Input).value = "@nobody"
        await pilot.pause()
        assert "no one on the team matches" in status_line(app)
        app.screen.query_one("#actions-filter", Input).value = "carried:3"
        await pilot.pause()
        carried = sample_log.rows("SELECT id FROM action_items WHERE status = 'open' AND carry_count >= 3")
        assert sorted(shown_ids(app)) == sorted(row["id"] for row in carried)
        await pilot.press("escape")  # leaves the filter
        await pilot.press("escape")  # clears it
        await pilot.pause()
        assert app.screen.query_one("#actions-filter", Input).value == ""
        await pilot.press("t")  # status: done
        await pilot.pause()
        done = sample_log.rows("SELECT id FROM action_items WHERE status = 'done'")
        assert sorted(shown_ids(app)) == sorted(row["id"] for row in done)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 45)])
async def test_the_filter_line_shows_a_hint_that_fits(sample_log, clock, size):
    """The filter's hint, every token written out, was cut at "due:2026-11-01..20" at 80
    columns: it shows the longest of its hints that fits."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await open_screen(pilot)
        line = app.screen.query_one("#actions-filter", Input)
        assert len(line.placeholder) < line.content_region.width, line.placeholder
        assert line.placeholder.startswith("Filter")


@pytest.mark.parametrize("opened_by_burst", [False, True])
async def test_a_filter_typed_fast_then_a_key_acts_on_the_item_it_found(sample_log, clock, opened_by_burst):
    """Typed in one go, "/pricing⏎d" left "pricingd" in the filter (its Enter moved on after
    the d), and once marked done an item the filter had left out (the d ran on the rows shown
    before the filter was read); "a/" from home put a "/" in the filter (it had the focus first)."""
    def done() -> set[str]:
        return {row["id"] for row in sample_log.rows("SELECT id FROM action_items WHERE status = 'done'")}

    app = make_app(sample_log, clock)
    target = sample_log.actions.list(ActionFilter(words=("pricing",)))[0]
    done_before = done()
    async with app.run_test(size=(120, 40)) as pilot:
        if opened_by_burst:
            burst(app, "a/pricing\nd")
        else:
            await open_screen(pilot)
            burst(app, "/pricing\nd")
        await settle(pilot, 6)
        assert isinstance(app.screen, ActionItemsScreen)
        assert app.screen.query_one("#actions-filter", Input).value == "pricing"
        assert app.focused is table(app)
    assert done() == done_before | {target.id}


async def test_at_120_columns_titles_get_the_room_the_other_columns_do_not_need(sample_log, clock):
    """At 120 columns titles were cut at 34 characters while the owner column kept 18 for names
    of 12 and the side column repeated what the owner's name says."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        widths = {column.key.value: column.width for column in table(app).columns.values()}
        longest = max(len(person.name) for person in sample_log.people.all(include_inactive=True))
        assert "side" not in widths and widths["owner"] == max(longest, len("Owner"))
        assert widths["title"] >= 48


async def test_sort_cycles_columns_and_reverses(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        await pilot.press("o")  # due → status
        await pilot.press("o")  # → owner
        await pilot.pause()
        assert "sorted by owner ▲" in status_line(app)
        names = [sample_log.actions.row(item_id).owner_name for item_id in shown_ids(app)]
        assert names == sorted(names, key=str.casefold)
        await pilot.press("O")
        await pilot.pause()
        names = [sample_log.actions.row(item_id).owner_name for item_id in shown_ids(app)]
        assert names == sorted(names, key=str.casefold, reverse=True)


async def test_mark_done_then_undo(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        first = shown_ids(app)[0]
        await pilot.press("d")
        await pilot.pause()
        assert sample_log.actions.get(first).status is ActionStatus.DONE
        assert first not in shown_ids(app)  # the open list no longer shows it
        await pilot.press("ctrl+z")
        await pilot.pause()
        item = sample_log.actions.get(first)
        assert item.status is ActionStatus.OPEN and item.done_at is None
        assert shown_ids(app)[0] == first
        # the cursor is back on it: after `d` it had moved on, and a second `d` closed another item
        second = shown_ids(app)[2]
        table = app.screen.query_one("#actions-table")
        table.move_cursor(row=2)
        await pilot.press("d", "ctrl+z")
        await pilot.pause()
        assert app.screen.item_id() == second
        await pilot.press("d")
        await pilot.pause()
        assert sample_log.actions.get(second).status is ActionStatus.DONE
        assert sample_log.actions.get(shown_ids(app)[2]).status is ActionStatus.OPEN


async def test_a_reassign_is_undone_by_ctrl_z(sample_log, clock):
    """The README promises ctrl+z undoes the last change; after `w` it said "Nothing to undo"."""
    from smarkmeet.domain.enums import Side

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        first = shown_ids(app)[0]
        before = sample_log.actions.get(first)
        other = next(p for p in sample_log.people.team() if p.id != before.owner_id and p.side is not before.side)
        assert other.side in (Side.SALES, Side.MARKETING)
        await pilot.press("w", *other.handle, "enter")
        await pilot.pause()
        assert (sample_log.actions.get(first).owner_id, sample_log.actions.get(first).side) == (other.id, other.side)
        await pilot.press("ctrl+z")
        await pilot.pause()
    after = sample_log.actions.get(first)
    assert (after.owner_id, after.side) == (before.owner_id, before.side)


async def test_the_cursor_follows_an_item_whose_due_date_moves_it_and_moves_on_after_done(sample_log, clock):
    """Sorted by due date, an item given a later date moved down the list while the cursor kept
    its row: the next key acted on the item that came under it."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        first, second = shown_ids(app)[:2]
        await pilot.press("e")
        app.screen.query_one("#prompt-input", Input).value = "2030-01-31"  # the latest of all
        await pilot.press("enter")
        await pilot.pause()
        assert shown_ids(app)[-1] == first and app.screen.item_id() == first
        table(app).move_cursor(row=0)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.item_id() == shown_ids(app)[0] and second not in shown_ids(app)


async def test_a_snooze_to_a_day_gone_by_is_refused_in_place(sample_log, clock):
    """"yesterday" was refused with "type it as 2026-11-22 if you really mean it", and typed so
    it snoozed the item until a day already gone: hidden from nothing, said "Snoozed"."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        first = shown_ids(app)[0]
        await pilot.press("z")
        app.screen.query_one("#prompt-input", Input).value = "yesterday"
        await pilot.press("enter")
        await pilot.pause()
        said = str(app.screen.query_one("#prompt-error", Static).content)
        assert "has passed" in said and "type it as" not in said  # typed so, it was refused as well
        yesterday = clock.today() - timedelta(days=1)
        app.screen.query_one("#prompt-input", Input).value = yesterday.isoformat()
        await pilot.press("enter")
        await pilot.pause()
        assert "has passed" in str(app.screen.query_one("#prompt-error", Static).content)
        app.screen.query_one("#prompt-input", Input).value = "today"  # hidden until today: from nothing
        await pilot.press("enter")
        await pilot.pause()
        assert "until a later day" in str(app.screen.query_one("#prompt-error", Static).content)
        assert sample_log.actions.get(first).snoozed_until is None
        app.screen.query_one("#prompt-input", Input).value = "+3d"
        await pilot.press("enter")
        await pilot.pause()
    assert sample_log.actions.get(first).snoozed_until == clock.today() + timedelta(days=3)


async def test_clearing_the_prompt_clears_its_problem(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        await pilot.press("w", "m", "enter")  # more than one person (a name nobody has is offered to be added)
        await pilot.pause()
        error = app.screen.query_one("#prompt-error", Static)
        assert "matches more than one person" in str(error.content)
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert str(error.content) == ""


async def test_reassign_and_due_date_through_the_prompt(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        first = shown_ids(app)[0]
        people = len(sample_log.people.all(include_inactive=True))
        await pilot.press("w", *"nobody", "enter")
        await pilot.pause()
        # someone new: offered to be added, as a quick-add line's owner is; Esc leaves the name typed
        assert app.screen.question == "Nobody on the team is “nobody”."
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#prompt-input", Input).value == "nobody"
        grace = sample_log.people.by_handle("grace")
        # a typo: who it likely meant is offered first, as @jrdan's is in the meeting ("did you
        # mean Grace?" asked to type it all again), Enter giving it to her
        app.screen.query_one("#prompt-input", Input).value = "grce"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.question == "Nobody on the team is “grce”."
        assert app.screen.choices[0] == (f"{grace.name} (@grace) — meant them?", "@grace")
        # (or a new person called so, after her: named as a quick-add line's @grce would be)
        assert "Add Grce as a guest" in app.screen.choices[1][0]
        await pilot.press("enter")
        await pilot.pause()
        assert sample_log.actions.get(first).owner_id == grace.id
        assert len(sample_log.people.all(include_inactive=True)) == people  # nobody made up
        await pilot.press("w")
        person = sample_log.people.all()[-1]
        app.screen.query_one("#prompt-input", Input).value = person.handle
        await pilot.press("enter")
        await pilot.pause()
        assert sample_log.actions.get(first).owner_id == person.id
        await pilot.press("e")
        app.screen.query_one("#prompt-input", Input).value = "2027-01-15"
        await pilot.press("enter")
        await pilot.pause()
        assert str(sample_log.actions.get(first).due_date) == "2027-01-15"


async def test_a_date_change_says_the_day_it_set_and_its_undo_names_it_too(sample_log, clock):
    """"Due date moved: Send the deck" did not say to when: a day typed as "fri" or "+3d" was
    only checked by finding the row again. The notice and the undo's name the day."""
    from smarkmeet.tui.format import added_due

    app = make_app(sample_log, clock)
    today = clock.today()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        first = shown_ids(app)[0]
        before = sample_log.actions.get(first).due_date
        await pilot.press("e")
        app.screen.query_one("#prompt-input", Input).value = "+9d"
        await pilot.press("enter")
        await pilot.pause()
        moved = sample_log.actions.get(first).due_date
        assert moved == today + timedelta(days=9)
        day = added_due(moved, today).removeprefix("due ")
        said = [str(notice.message) for notice in app._notifications]
        assert any(line.startswith(f"Due date moved to {day}: ") for line in said), said
        await pilot.press("ctrl+z")
        await pilot.pause()
        said = [str(notice.message) for notice in app._notifications]
        assert any(line.startswith(f"Undone (due date moved to {day}): ") for line in said), said
        assert sample_log.actions.get(first).due_date == before
        await pilot.press("z")
        app.screen.query_one("#prompt-input", Input).value = "2027-03-01"
        await pilot.press("enter")
        await pilot.pause()
        said = [str(notice.message) for notice in app._notifications]
        snoozed = [line for line in said if line.startswith("Snoozed until ")]
        assert snoozed and snoozed[-1].startswith("Snoozed until Mon 01 Mar 2027: "), said
        # a day gone by, typed in full, is taken and said past (it read as any other move)
        await pilot.press("e")
        app.screen.query_one("#prompt-input", Input).value = "2020-01-01"
        await pilot.press("enter")
        await pilot.pause()
        said = [str(notice.message) for notice in app._notifications]
        assert any(line.startswith("Due date moved to Wed 01 Jan 2020 — already past") for line in said), said


async def test_a_change_that_changes_nothing_says_so_and_leaves_no_entry(sample_log, clock):
    """Enter on the due date offered logged "due → 2026-10-06" on an item already due that day
    and said "Due date moved"; giving an item to its owner said "Now owned by …", reopening an
    open one "Reopened". Each now says the item already was so, and writes nothing."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        first = shown_ids(app)[0]
        item = sample_log.actions.get(first)
        owner = sample_log.people.get(item.owner_id)
        entries = len(sample_log.changes(table="action_items", row_id=first))
        await pilot.press("e", "enter")  # the due date it has, offered
        await pilot.pause()
        await pilot.press("u")  # it is open
        await pilot.pause()
        await pilot.press("w", *owner.handle, "enter")
        await pilot.pause()
        said = [str(notice.message) for notice in app._notifications]
        assert any(line.startswith("Due date unchanged:") for line in said), said
        assert any(line.startswith("Already open:") for line in said), said
        assert f"Already owned by {owner.name}" in said, said
        assert not any(line.startswith(("Due date moved", "Reopened", "Now owned")) for line in said), said
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Nothing to undo." in [str(notice.message) for notice in app._notifications]
    assert len(sample_log.changes(table="action_items", row_id=first)) == entries
    assert sample_log.actions.get(first) == item


async def test_a_notice_stands_clear_of_the_prompt_being_typed_in(sample_log, clock):
    """A notice ("Due date moved: …", "Added: …") was drawn over the foot of the screen for
    seconds: over the prompt or the field the next answer was being typed in."""
    from textual.widgets._toast import Toast

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_screen(pilot)
        await pilot.press("e")
        app.screen.query_one("#prompt-input", Input).value = "2027-01-15"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "e")  # the next item's due date, while the notice is up
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        field = app.screen.query_one("#prompt-input", Input)
        assert toasts and app.focused is field
        assert all(not toast.region.overlaps(field.region) for toast in toasts)


async def test_notices_at_80_columns_take_no_more_rows_than_their_words(sample_log, clock):
    """At 80x24 three notices in a row (d, then ctrl+z twice) covered most of the list: each had
    a blank line above and below its words and took half the screen's width."""
    from textual.widgets._toast import Toast

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_screen(pilot)
        said = "Undone (dropped): Write a one-page ideal customer profile both teams sign"  # 73 characters
        app.notify(said, markup=False)
        await pilot.pause()
        toast = app.screen.query_one(Toast)
        assert toast.region.height <= 2 and toast.region.width >= 44, toast.region


async def test_giving_an_item_to_its_owner_whose_side_changed_is_a_change(sample_log, clock):
    """Reassigning to the same owner also sets the item's side to theirs: when that side differed,
    the browser said "Already owned by …" though the side was written."""
    from smarkmeet.domain.enums import Side

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        first = shown_ids(app)[0]
        owner = sample_log.people.get(sample_log.actions.get(first).owner_id)
        other = Side.SALES if owner.side is Side.MARKETING else Side.MARKETING
        sample_log.actions.update(first, {"side": other})
        await pilot.press("w", *owner.handle, "enter")
        await pilot.pause()
        said = [str(notice.message) for notice in app._notifications]
        assert any(line.startswith(f"Now owned by {owner.name}") for line in said)
        assert not any(line.startswith("Already") for line in said)
    assert sample_log.actions.get(first).side is owner.side


async def test_at_80_columns_an_items_changes_name_their_meetings_within_the_box(sample_log, clock):
    """The Every change list ran off its box at 80 columns, the meeting cut mid-word with nothing
    to say so ("2026-10-19 Weekly smarke"): it is cut to fit, with …, its date whole."""
    carried = sample_log.one("SELECT id FROM action_items WHERE carry_count >= 2 LIMIT 1")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_action(carried["id"])
        await pilot.pause()
        await pilot.pause()
        history = app.screen.query_one("#action-history", PlainTable)
        assert history.virtual_size.width <= history.scrollable_content_region.width
        meetings = [str(history.get_cell_at((n, 2))) for n in range(history.row_count)]
        assert any(meeting.endswith("…") for meeting in meetings), meetings
        assert all(meeting == "—" or meeting[:10].count("-") == 2 for meeting in meetings), meetings


async def test_detail_shows_carries_origin_and_history(sample_log, clock):
    carried = sample_log.one("SELECT id, title, carry_count FROM action_items WHERE carry_count >= 2 LIMIT 1")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_action(carried["id"])
        await pilot.pause()
        assert isinstance(app.screen, ActionDetailScreen)
        assert carried["title"] in shown(app)
        carries = app.screen.query_one("#action-carries", PlainTable)
        assert carries.row_count == len(sample_log.actions.carries(carried["id"]))
        await pilot.press("d")
        await pilot.pause()
        assert sample_log.actions.get(carried["id"]).status is ActionStatus.DONE
        history = app.screen.query_one("#action-history", PlainTable)
        assert history.row_count == len(sample_log.changes(table="action_items", row_id=carried["id"]))
        # a new owner is named, not "owner → changed"
        other = next(p for p in sample_log.people.team() if p.id != sample_log.actions.get(carried["id"]).owner_id)
        sample_log.actions.update(carried["id"], {"owner_id": other.id})
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_action(carried["id"])
        await pilot.pause()
        history = app.screen.query_one("#action-history", PlainTable)
        whats = [str(history.get_row_at(n)[1]) for n in range(history.row_count)]
        assert f"owner → {other.name}" in whats[-1], whats
        # the day it was done, as the screens write a time ("done at → 2026-11-14T16:00:00+00:00" was the log's)
        done = sample_log.actions.get(carried["id"]).done_at
        assert any(f"done at → {done:%a %d %b %Y %H:%M}" in what for what in whats), whats
        assert not any("T" in what.split("done at → ", 1)[-1][:12] for what in whats if "done at" in what), whats


async def test_export_writes_the_matching_items_and_shows_the_path(sample_log, clock, isolated_home):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        app.screen.query_one("#actions-filter", Input).value = "status:all"
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("1")  # CSV
        await pilot.pause()
        written = list((isolated_home / "exports").glob("actions-*.csv"))
        assert len(written) == 1
        assert str(written[0]) in status_line(app)
        with written[0].open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert sorted(row["id"] for row in rows) == sorted(r["id"] for r in sample_log.rows("SELECT id FROM action_items"))
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert len(list((isolated_home / "exports").glob("actions-*.csv"))) == 2  # never overwrites


async def test_completion_panel_by_side_and_owner(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        await pilot.press("c")
        await pilot.pause()
        today = clock.today()
        from datetime import timedelta

        sides = sample_log.actions.completion(today - timedelta(weeks=12), today, today, by="side")
        side_table = app.screen.query_one("#completion-side", PlainTable)
        assert side_table.row_count == (len(sides) + 1 if sides else 1)
        # each row adds up: on time + late + not done yet = due ("Due 16 · On time 7 · Late 2" did not)
        labels = [str(column.label) for column in side_table.columns.values()]
        assert labels == ["Side", "Rate", "Due", "On time", "Late", "Not done"]
        for n in range(side_table.row_count):
            due, on_time, late, not_done = (int(str(cell).replace(",", "")) for cell in side_table.get_row_at(n)[2:])
            assert on_time + late + not_done == due
        await pilot.press("p", "p")  # 12 → 26 → 52 weeks: a range across a year says its years
        await pilot.pause()
        start = today - timedelta(weeks=52)
        title = str(app.screen.query_one("#actions-completion").border_title)
        assert f"items due {start:%d %b %Y} – {today:%d %b %Y} (52 weeks" in title, title


async def test_at_80_columns_the_completion_panel_says_its_window_and_key_whole(sample_log, clock):
    """At 80 columns the panel's title ended "…07 Dec 2026 (… ─": the weeks and "p changes" were cut."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot)
        await pilot.press("c")
        await pilot.pause()
        line = next(line for line in shown(app).splitlines() if "Completion" in line)
        assert "(12 weeks · p changes)" in line, line
        # and the list keeps rows beside it (at 24 rows the panel's 16 left it its header alone)
        listed = app.screen.query_one("#actions-table", PlainTable)
        assert listed.size.height >= 4, listed.size


async def test_the_completion_panel_keeps_its_total_in_sight_and_follows_a_resize(sample_log, clock):
    """At 80x24 the owners' table stopped at its fifth owner: three more and the "All" row were
    below the panel's fold, out of reach of any key, with no word of them. Opened narrow then
    widened, it kept its narrow columns (Late and Not done missing at 170 columns)."""
    from datetime import timedelta

    today = clock.today()
    owners = sample_log.actions.completion(today - timedelta(weeks=12), today, today, by="owner")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot)
        await pilot.press("c")
        await pilot.pause(0.2)
        owner_table = app.screen.query_one("#completion-owner", PlainTable)
        assert str(owner_table.get_row_at(0)[0]) == "All"  # the total first
        shown_rows = owner_table.size.height - 1
        assert shown_rows < len(owners) + 1
        more = len(owners) + 1 - shown_rows
        assert str(app.screen.query_one("#actions-completion").border_subtitle).startswith(
            f"{more} owners more, at higher rates")
        # the lowest rates first: those left below the fold are the ones doing best
        rates = [row.rate for row in owners]
        by_rate = sorted(rates, key=lambda rate: (rate is None, rate or 0.0))
        assert [str(owner_table.get_row_at(n)[1]) for n in range(1, owner_table.row_count)] == \
            [str(_rate_text(rate)) for rate in by_rate]
        await pilot.resize_terminal(170, 40)
        await pilot.pause(0.3)
        labels = [str(column.label) for column in owner_table.columns.values()]
        assert labels == ["Owner", "Rate", "Due", "On time", "Late", "Not done"]
        assert not app.screen.query_one("#actions-completion").border_subtitle  # all shown


async def test_titles_show_as_typed(log, clock):
    from smarkmeet.domain.models import ActionItem

    log.actions.add(ActionItem(title="[bold]Fix[/] the [/] list", created_at=clock.now()))
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        cell = table(app).get_row_at(0)[-1]
        assert str(cell) == "[bold]Fix[/] the [/] list"


async def test_hostile_titles_show_as_typed_in_the_detail(log, clock):
    from smarkmeet.domain.models import ActionItem
    from smarkmeet.tui.visible_text import screen_text

    title = "[bold]Fix[/] the [ list[/dim] \\[x]"
    item = log.actions.add(ActionItem(title=title, created_at=clock.now()))
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_action(item.id)
        await pilot.pause()
        assert title in screen_text(app.screen)


async def test_hostile_text_in_notices_and_prompt_errors_does_not_crash(log, clock):
    """A title or a typed answer like ``[/]`` reaches toasts and the prompt's error line as text."""
    from smarkmeet.domain.models import ActionItem

    title = "[/] [bold]Fix[/] the list"
    log.actions.add(ActionItem(title=title, created_at=clock.now()))
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        await pilot.press("d")
        await pilot.pause(0.3)  # the toast is rendered
        await pilot.press("ctrl+z")
        await pilot.pause(0.3)
        await pilot.press("w", "[", "/", "]", "enter")
        await pilot.pause(0.3)
        assert "[/]" in str(app.screen.query_one("#prompt-error", Static).render())
        app.screen.query_one("#prompt-input", Input).value = "fri [/]"
        await pilot.press("escape", "e")
        app.screen.query_one("#prompt-input", Input).value = "fri [/]"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.is_running


async def test_a_long_match_is_counted_after_the_table_is_shown(log, clock):
    """A keystroke waits only for the page; the count of a long match follows the repaint,
    and a count for a filter typed over is dropped, not shown."""
    from smarkmeet.domain.models import ActionItem
    from smarkmeet.tui.screens.actions import PAGE_SIZE

    for n in range(PAGE_SIZE * 3 + 7):
        log.actions.add(ActionItem(title=f"{'Webinar' if n % 3 else 'Deck'} follow-up {n}", created_at=clock.now()))
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        screen = app.screen
        expected = log.actions.count(ActionFilter(words=("webinar",)))
        screen._line = "webinar"
        screen.reload()  # as a keystroke does: the table is filled, the count not yet
        assert len(shown_ids(app)) == PAGE_SIZE and f"1–{PAGE_SIZE} of …" in status_line(app)
        await pilot.pause()
        await pilot.pause()
        assert f"1–{PAGE_SIZE} of {expected:,}" in status_line(app)
        screen._line = "webinar fol"
        screen.reload()
        stale = screen._generation
        screen._line = "deck"
        screen.reload()
        screen._count(stale, None)  # the count for "webinar fol" arrives late: dropped
        assert "of …" in status_line(app)
        await pilot.pause()
        await pilot.pause()
        assert f"1–{PAGE_SIZE} of {log.actions.count(ActionFilter(words=('deck',))):,}" in status_line(app)
        await pilot.press("right_square_bracket")  # the next page knows the count
        await pilot.pause()
        assert f"{PAGE_SIZE + 1}–" in status_line(app)


async def test_a_read_the_log_refuses_is_said_not_a_crash(sample_log, clock, monkeypatch):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        shown = len(shown_ids(app))

        def failing(*args, **kwargs):
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(sample_log.actions, "page", failing)
        await pilot.press("slash", *"lead")
        await pilot.pause()
        assert isinstance(app.screen, ActionItemsScreen)
        assert "the log could not be read (disk I/O error)" in status_line(app)
        assert shown_ids(app) == []
        monkeypatch.undo()

        import smarkmeet.services.actions as items

        monkeypatch.setattr(items, "one_person", failing)  # @owner is read from the people table
        await pilot.press("space", "@", "d")
        await pilot.pause()
        assert isinstance(app.screen, ActionItemsScreen)
        assert "the log could not be read (disk I/O error)" in status_line(app)
        monkeypatch.undo()
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.pause()
        monkeypatch.setattr(sample_log.actions, "count", failing)
        screen = app.screen
        await pilot.press(*["backspace"] * 4)
        await pilot.pause()
        screen._total = None  # as when the first page is full and the count follows the repaint
        assert screen.total == len(shown_ids(app)) == shown


async def test_an_ambiguous_due_date_the_log_refuses_stays_typed(sample_log, clock, monkeypatch):
    from smarkmeet.domain.dates import read_date
    from smarkmeet.services import actions as items
    from smarkmeet.store.errors import LogWriteError

    meant = read_date("12/1", clock.today()).candidates[1]
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        item_id = shown_ids(app)[0]
        real = items.set_due

        def busy(*args, **kwargs):
            raise LogWriteError("the log is busy in another program; nothing was written — try again")

        monkeypatch.setattr(items, "set_due", busy)
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#prompt-input", Input)
        field.value = "12/1"
        await pilot.press("enter", "2")
        await pilot.pause()
        assert isinstance(app.screen, ActionItemsScreen)
        assert field.value == "12/1" and app.screen.query_one("PromptBar").is_open
        assert "Not saved" in str(app.screen.query_one("#prompt-error").render())

        monkeypatch.setattr(items, "set_due", real)
        await pilot.press("enter", "2")
        await pilot.pause()
        assert not app.screen.query_one("PromptBar").is_open
    assert sample_log.actions.get(item_id).due_date == meant


async def test_at_100_columns_the_title_has_room_and_nothing_runs_off_the_screen(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_screen(pilot)
        columns = {column.key.value: column.width for column in table(app).columns.values()}
        assert columns["title"] >= 40  # the side and origin columns give way to it
        assert sum(width + 2 for width in columns.values()) <= 100  # each cell has one space each side


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_highlighted_item_is_shown_whole_below_the_list(sample_log, clock, size):
    """The title column is cut to fit; the line under the list gives the item whole."""
    from smarkmeet.tui.widgets.panels import RowDetail

    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await open_screen(pilot)
        await pilot.press("down")
        await pilot.pause()
        item = sample_log.actions.row(shown_ids(app)[1])
        detail = app.screen.query_one("#actions-detail", RowDetail)
        text = str(detail.render())
        assert detail.display and " ".join(item.title.split()) in " ".join(text.split()), text
        assert item.owner_name in text and f"{item.due_date:%d %b %Y}" in text
        await pilot.press("slash", *"zzzznothing")
        await pilot.pause()
        assert not detail.display  # nothing matches: nothing to show


async def test_a_prompts_answer_is_what_was_typed_before_its_enter(sample_log, clock):
    """Keys typed straight after Enter were added to the answer before it was read ("dana" +
    what came next), as an input's Enter runs only once the key has passed up to the app."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        first = shown_ids(app)[0]
        await pilot.press("w")
        await pilot.pause()
        burst(app, "dana\nzz")
        await pilot.pause()
        await pilot.pause()
    assert sample_log.actions.get(first).owner_id == sample_log.people.by_handle("dana").id


async def test_a_prompt_opened_and_answered_in_one_burst(sample_log, clock):
    """w asked a moment after its key was read: "dana" typed straight after it ran as the
    screen's keys (d marked the item done) and Enter opened the item instead."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        first = shown_ids(app)[0]
        burst(app, "wdana\n")
        await settle(pilot, 3)
        assert isinstance(app.screen, ActionItemsScreen) and not app.screen.query_one("PromptBar").is_open
    item = sample_log.actions.get(first)
    assert item.status is ActionStatus.OPEN
    assert item.owner_id == sample_log.people.by_handle("dana").id


async def test_keys_typed_after_a_prompts_enter_reach_the_list(sample_log, clock):
    """Typed after the answer's Enter, before the prompt closed: they went into the hidden
    field and were lost. Here e (due date) follows the reassignment."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        await pilot.press("w")
        await pilot.pause()
        burst(app, "dana\ne")
        await settle(pilot, 3)
        prompt = app.screen.query_one("PromptBar")
        assert prompt.is_open and "due" in str(prompt.query_one("#prompt-label").render()).lower()



@pytest.mark.parametrize("line, said", [("status:done", "status:done decides"),
                                        ("overdue", "overdue shows open items only")])
async def test_the_status_key_says_when_the_filter_line_decides_the_status(sample_log, clock, line, said):
    """With "status:done" (or "overdue", open items only) in the filter, t cycled a toggle the
    line overrides: nothing changed on screen and nothing said why."""
    from tests.ui.typing_ahead import burst, settle

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_screen(pilot)
        burst(app, f"/{line}\n")
        await settle(pilot)
        before = shown_ids(app)
        status = app.screen._status_index
        await pilot.press("t")
        await pilot.pause()
        assert shown_ids(app) == before and app.screen._status_index == status
        assert any(said in notice.message for notice in app._notifications)


async def test_the_sort_key_cycles_through_the_columns_shown_only(sample_log, clock):
    """Under 140 columns the side is not shown, yet o sorted by it: the list in no visible order."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        shown = [str(column.key.value) for column in table(app).columns.values()]
        assert "side" not in shown
        sorts = []
        for _ in range(len(shown) + 1):
            await pilot.press("o")
            await pilot.pause()
            sorts.append(app.screen._sort)
        assert set(sorts) == set(shown)


async def test_the_status_column_is_as_wide_as_the_page_needs_and_titles_get_the_rest(sample_log, clock):
    """The status column kept 14 cells for "snoozed 12 Dec" on every page: "overdue" beside 7 blank
    cells while titles were cut ("…both teams…"). It is as wide as the page's widest status."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot)
        widths = {str(column.key.value): column.width for column in table(app).columns.values()}
        statuses = [str(table(app).get_cell(row_key, "status")) for row_key in shown_ids(app)]
        assert widths["status"] == max(8, *(len(status) for status in statuses)), (widths, statuses)
        if not any(status.startswith("snoozed") for status in statuses):  # the demo's open items
            assert widths["status"] <= 8


async def test_someone_taken_off_the_team_owning_nothing_leaves_the_owner_column_as_it_was(sample_log, clock):
    """A near-duplicate added by mistake and taken off the team ("Jordan Blak (left)") widened the
    owner column for good, and every title was cut shorter for a name no item carries."""
    from smarkmeet.services.team import add_member, leave

    async def owner_width() -> int:
        app = make_app(sample_log, clock)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(ActionItemsScreen())
            await settle(pilot, 4)
            return next(column.width for column in table(app).columns.values() if str(column.label) == "Owner")

    before = await owner_width()
    mistake = add_member(sample_log, name="Jordan Blakeley-Whitfield", side="sales")
    leave(sample_log, mistake.id)
    assert await owner_width() == before
    sample_log.update("action_items", sample_log.one("SELECT id FROM action_items LIMIT 1")["id"],
                      {"owner_id": mistake.id})  # one who left and owns an item keeps the room for their name
    assert await owner_width() > before


async def test_at_80_columns_a_fact_that_wraps_stays_under_its_value(sample_log, clock):
    """The item's "From" line wrapped "(m rereads it)" back to the dialog's edge, under the labels."""
    from rich.console import Console

    row = sample_log.one("SELECT a.id FROM action_items a JOIN agenda_sections s ON s.id = a.origin_section_id "
                         "ORDER BY length(s.title) DESC LIMIT 1")  # the longest section title: the likeliest to wrap
    app = make_app(sample_log, clock)
    async with app.run_test(size=(60, 24)) as pilot:
        app.open_action(row["id"])
        await pilot.pause()
        facts = app.screen.query_one("#action-facts", Static)
        console = Console(width=facts.content_region.width, record=True, file=open(os.devnull, "w"))
        console.print(facts.content)
        lines = console.export_text().splitlines()
        start = next(n for n, line in enumerate(lines) if line.startswith("From"))
        value_at = len(lines[start]) - len(lines[start][4:].lstrip())
        assert lines[start + 1].startswith(" " * value_at) and lines[start + 1].strip(), lines[start:start + 2]


async def test_a_pasted_page_in_the_filter_is_cut_in_the_status_line(sample_log, clock):
    """3,000 characters pasted in the filter were echoed whole by the line above the list
    ("No items match · open · words xxxx…" over twenty lines), pushing the list off the screen."""
    from smarkmeet.services.actions import WORDS_SHOWN

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot)
        app.screen.query_one("#actions-filter", Input).value = "x" * 3000
        await settle(pilot)
        said = status_line(app)
        assert said.startswith("No items match") and "words " in said and len(said) < 120 + WORDS_SHOWN, said
        assert len(said.splitlines()) <= 2  # (broken between its facts at 80 columns)
        assert table(app).region.height > 5  # the list still in sight


async def test_the_line_above_the_list_breaks_between_its_facts_at_80_columns(sample_log, clock):
    """"… · overdue · carried 2+ times · sorted by due" / "▲" at 80 columns."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot)
        app.screen.query_one("#actions-filter", Input).value = "side:marketing overdue carried:2"
        await settle(pilot)
        status = app.screen.query_one("#actions-status")
        lines = drawn(status)
        assert any("sorted by due ▲" in line for line in lines), lines
        assert not any(line.endswith("·") or line.startswith("·") for line in lines), lines
