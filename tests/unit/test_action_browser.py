"""The action-items browser's queries: the filter line, paging and sorting in SQL, completion
rates, and the CLI filters. Expected sets are computed from the log's rows in Python."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarkmeet.cli import cli
from smarkmeet.domain.enums import ActionStatus
from smarkmeet.domain.models import ActionItem
from smarkmeet.services import actions as items
from smarkmeet.store.actions import SORTS, ActionFilter, fts_words


def every_item(log) -> list[dict]:
    return log.rows("SELECT a.*, p.name AS owner_name, p.handle FROM action_items a "
                    "LEFT JOIN people p ON p.id = a.owner_id")


def ids(rows) -> list[str]:
    return [row.id if hasattr(row, "id") else row["id"] for row in rows]


def read(log, line, status=ActionStatus.OPEN):
    reading = items.read_filter_line(log, line, status=status)
    assert not reading.problems, reading.problems
    return reading.criteria


def matching(log, line, status=ActionStatus.OPEN) -> set[str]:
    return set(ids(log.actions.page(read(log, line, status), limit=10_000)))


def test_words_match_the_starts_of_title_words(sample_log):
    rows = every_item(sample_log)
    for word in ("web", "lead", "the", "sh", "trade-show"):
        wanted = fts_words(word)
        expected = {row["id"] for row in rows
                    if all(any(w.startswith(part) for w in fts_words(row["title"])) for part in wanted)}
        assert matching(sample_log, word, None) == expected, word
        assert sample_log.actions.count(read(sample_log, word, None)) == len(expected)


def test_tokens_filter_by_owner_side_status_overdue_carries_and_due_range(sample_log):
    today = sample_log.clock.today()
    rows = every_item(sample_log)
    handle = next(row["handle"] for row in rows if row["handle"])
    cases = {
        f"@{handle}": lambda r: r["status"] == "open" and r["handle"] == handle,
        "side:sales": lambda r: r["status"] == "open" and r["side"] == "sales",
        "status:done": lambda r: r["status"] == "done",
        "status:all carried:2": lambda r: r["carry_count"] >= 2,
        "overdue": lambda r: r["status"] == "open" and r["due_date"] and r["due_date"] < today.isoformat(),
        f"status:all due:{today - timedelta(days=14)}..{today}":
            lambda r: r["due_date"] and (today - timedelta(days=14)).isoformat() <= r["due_date"] <= today.isoformat(),
        f"status:all due:..{today}": lambda r: r["due_date"] and r["due_date"] <= today.isoformat(),
        # days from today, as the CLI's --due-from tomorrow reads them
        "status:all due:-2w..yesterday": lambda r: r["due_date"] and (
            (today - timedelta(weeks=2)).isoformat() <= r["due_date"] <= (today - timedelta(days=1)).isoformat()),
        "status:all due:tomorrow..+3w": lambda r: r["due_date"] and (
            (today + timedelta(days=1)).isoformat() <= r["due_date"] <= (today + timedelta(weeks=3)).isoformat()),
    }
    for line, wanted in cases.items():
        expected = {row["id"] for row in rows if wanted(row)}
        assert expected, f"the demo should have items for {line}"
        assert matching(sample_log, line) == expected, line


@pytest.mark.parametrize(("line", "problem"), [
    ("@nobody", "no one on the team matches"),
    ("side:finance", "side:sales or side:marketing"),
    ("status:maybe", "open, done, dropped or all"),
    ("carried:lots", "give a number"),
    ("due:31/31/2026", "YYYY-MM-DD"),
    ("due:2026-12-31..2026-01-01", "after the second"),
])
def test_what_cannot_be_read_is_named_and_the_rest_still_filters(sample_log, line, problem):
    reading = items.read_filter_line(sample_log, f"{line} lead", status=ActionStatus.OPEN)
    assert any(problem in text for text in reading.problems)
    assert reading.criteria.words == ("lead",)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))  # read-only: the shared log is never changed
def test_any_typed_line_reads_and_queries_without_error(sample_log, line):
    reading = items.read_filter_line(sample_log, line, status=None)
    sample_log.actions.page(reading.criteria, limit=5)
    sample_log.actions.count(reading.criteria)


@pytest.mark.parametrize("sort", list(SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_pages_follow_the_sort_and_cover_every_item_once(sample_log, sort, descending):
    criteria = ActionFilter(status=None)
    total = sample_log.actions.count(criteria)
    seen = []
    for offset in range(0, total, 7):
        seen += sample_log.actions.page(criteria, sort=sort, descending=descending, offset=offset, limit=7)
    assert len(seen) == total == len(set(ids(seen)))
    key = {"due": lambda r: r.due_date, "status": lambda r: ["open", "done", "dropped"].index(r.status.value), "side": lambda r: r.side and r.side.value,
           "owner": lambda r: r.owner_name and r.owner_name.casefold(), "carried": lambda r: r.carry_count,
           "from": lambda r: r.origin_meeting_date, "title": lambda r: r.title.casefold(),
           "created": lambda r: r.created_at}[sort]
    values = [key(row) for row in seen]
    present = [value for value in values if value is not None]
    assert values == present + [None] * (len(values) - len(present)), "items without the value come last"
    assert present == sorted(present, reverse=descending)
    for value in set(present):  # ties by due date, soonest first (every open item under "status")
        dues = [row.due_date for row in seen if key(row) == value and row.due_date is not None]
        assert dues == sorted(dues), (sort, value)


def add_item(log, title, due, *, status="open", done_on=None, owner=None, side="sales"):
    item = ActionItem(title=title, due_date=due, owner_id=owner, side=side, created_at=log.clock.now())
    log.actions.add(item)
    if status != "open":
        log.actions.update(item.id, {"status": status, "done_at": f"{done_on}T15:00:00+01:00" if done_on else None})
    return item


def test_completion_rate_counts_items_done_by_their_due_date(log):
    today = log.clock.today()
    due = today - timedelta(days=3)
    add_item(log, "on time", due, status="done", done_on=due)
    add_item(log, "early", due, status="done", done_on=due - timedelta(days=2))
    add_item(log, "late", due, status="done", done_on=due + timedelta(days=1))
    add_item(log, "missed", due)
    add_item(log, "dropped", due, status="dropped")
    add_item(log, "not due yet", today + timedelta(days=2))
    add_item(log, "due today, still open", today)
    add_item(log, "marketing on time", due, status="done", done_on=due, side="marketing")
    add_item(log, "before the window", today - timedelta(days=60), status="done", done_on=today)
    rows = {row.group: row for row in log.actions.completion(today - timedelta(weeks=4), today, today, by="side")}
    assert (rows["sales"].due, rows["sales"].done_on_time, rows["sales"].done_late) == (4, 2, 1)
    assert rows["sales"].rate == pytest.approx(2 / 4)
    assert rows["marketing"].rate == 1.0


def test_status_changes_between_meetings_are_recorded_and_undoable(sample_log):
    item = sample_log.actions.list(ActionFilter())[0]
    items.set_status(sample_log, item.id, ActionStatus.DONE)
    done = sample_log.actions.get(item.id)
    assert done.status is ActionStatus.DONE and done.done_at == sample_log.clock.now()
    assert done.closed_in_meeting_id is None
    items.set_status(sample_log, item.id, ActionStatus.OPEN)
    assert sample_log.actions.get(item.id).done_at is None
    changes = sample_log.changes(table="action_items", row_id=item.id)
    assert [c["data"].get("status") for c in changes[-2:]] == ["done", "open"]


def test_reassigning_takes_the_persons_side(sample_log):
    item = sample_log.actions.list(ActionFilter(side=None))[0]
    other_side = "marketing" if item.side and item.side.value == "sales" else "sales"
    person = next(p for p in sample_log.people.all() if p.side.value == other_side)
    items.reassign(sample_log, item.id, person.handle)
    moved = sample_log.actions.get(item.id)
    assert (moved.owner_id, moved.side.value) == (person.id, other_side)
    with pytest.raises(items.ActionQueryError, match="no one on the team"):
        items.reassign(sample_log, item.id, "nobody-at-all")


def test_the_search_index_follows_renames_and_deletes(log):
    item = add_item(log, "Call the webinar crowd", date(2026, 12, 1))
    assert matching(log, "webin") == {item.id}
    log.actions.update(item.id, {"title": "Call the conference crowd"})
    assert matching(log, "webin") == set()
    assert matching(log, "confer") == {item.id}
    assert log.one("SELECT count(*) AS n FROM search_refs WHERE ref_id = ?", [item.id])["n"] == 1


def test_cli_filters_match_the_screens(runner, sample_db):
    from smarkmeet.clock import FixedClock
    from smarkmeet.store.log import open_log
    from tests.conftest import FIXED_NOW

    result = runner.invoke(cli, ["actions", "--db", str(sample_db), "--json", "--status", "all", "--carried", "2",
                                 "--text", "lead"])
    assert result.exit_code == 0, result.output
    log = open_log(sample_db, FixedClock(FIXED_NOW))
    try:
        expected = matching(log, "status:all carried:2 lead")
    finally:
        log.close()
    assert {record["id"] for record in json.loads(result.output)} == expected
    bad = runner.invoke(cli, ["actions", "--db", str(sample_db), "--due-from", "2026-12-01", "--due-to", "2026-11-01"])
    assert bad.exit_code == 2 and "is after" in bad.output


@pytest.mark.parametrize("typed", ["fri", "next week", "eom", "12/31", "in 2 weeks"])
def test_a_filter_takes_the_dates_a_quick_add_line_takes(typed):
    """`due:..fri` was refused in the action-items filter, though `due:fri` is how items are added."""
    from smarkmeet.domain.dates import read_date

    today = date(2026, 12, 7)
    meant = read_date(typed, today)
    assert meant.value is not None
    assert items.read_day(typed, today) == meant.value


@pytest.mark.parametrize("typed, meant", [("1 dec", date(2026, 12, 1)), ("nov 1", date(2026, 11, 1)),
                                           ("30/11", date(2026, 11, 30)), ("yesterday", date(2026, 12, 5))])
def test_a_filter_takes_a_day_gone_by_that_a_due_date_would_refuse(typed, meant):
    """`due:1 nov..` and `--due-from "1 dec"`: a filter looks back; the quick-add reader refuses a
    recent day and month as a due date ("was Tue 01 Dec, which has passed")."""
    assert items.read_day(typed, date(2026, 12, 6)) == meant


@pytest.mark.parametrize("line", ["due:1 nov..30 nov status:all", 'due:"1 nov".."30 nov" status:all',
                                  "status:all due:nov 1..nov 30"])
def test_the_filter_line_reads_a_date_of_several_words_quoted_or_not(sample_log, line):
    """`due:1 nov..30 nov` was refused ("due:1 — dates are …") though its message names "1 dec"
    as a date, and the left-over words became title words, emptying the list; quotes did not help."""
    reading = items.read_filter_line(sample_log, line, status=None)
    today = sample_log.clock.today()
    assert not reading.problems
    assert (reading.criteria.due_from, reading.criteria.due_to) == (items.read_day("1 nov", today),
                                                                      items.read_day("30 nov", today))
    assert reading.criteria.words == ()


def test_a_filter_date_that_reads_two_ways_names_both(sample_log):
    """`due:11/1` was answered with the general help on dates, not its two readings."""
    reading = items.read_filter_line(sample_log, "due:11/1", status=None)
    assert len(reading.problems) == 1 and "'11/1' could mean" in reading.problems[0]


def test_a_filter_date_that_reads_alone_keeps_the_next_word_a_title_word(sample_log):
    reading = items.read_filter_line(sample_log, "due:fri budget", status=None)
    assert reading.criteria.words == ("budget",) and not reading.problems


def test_a_filter_date_a_quick_add_line_would_ask_about_is_refused_with_its_readings():
    with pytest.raises(items.ActionQueryError, match=r"'next fri' could mean Fri 11 Dec .* or Fri 18 Dec .*; type the date"):
        items.read_day("next fri", date(2026, 12, 7))


def test_cli_due_dates_read_as_the_filter_line_reads_them(runner, sample_db):
    """--due-from/--due-to take YYYY-MM-DD, today, tomorrow, +3d…, like due: on the screen; anything else is
    refused in words, for the listing and the export alike."""
    from smarkmeet.clock import SystemClock
    from smarkmeet.store.log import open_log

    result = runner.invoke(cli, ["actions", "--db", str(sample_db), "--json", "--status", "all", "--due-from", "today"])
    assert result.exit_code == 0, result.output
    log = open_log(sample_db, SystemClock())  # the CLI's clock
    try:
        expected = matching(log, "status:all due:today..")
    finally:
        log.close()
    assert {record["id"] for record in json.loads(result.output)} == expected
    for command in (["actions"], ["export", "actions", "--format", "csv"]):
        bad = runner.invoke(cli, [*command, "--db", str(sample_db), "--due-to", "blursday"])
        assert bad.exit_code == 2, bad.output
        assert "can't read 'blursday' as a date: dates are YYYY-MM-DD, today, tomorrow" in bad.output
        assert "Traceback" not in bad.output and "%Y" not in bad.output


@pytest.mark.parametrize("text", ["web", "lead", "the", "sh", "trade-show", "cafe", "ÉTÉ", "a b", "list",
                                  "script", "deploy_script", "2026", "init", "case", "finance", "ﬁnance", "x2"])
def test_the_index_and_the_row_by_row_check_agree(sample_log, monkeypatch, text):
    """Few candidates are checked row by row, many through the FTS index: same answer either way
    (the index splits words at "_" and keeps compatibility characters like "ﬁ" and "²" as they are)."""
    import smarkmeet.store.actions as store_actions

    for title in ("Relancer le café de l'été", "Update deploy_script for prod", "Q4_2026 budget",
                  "__init__ cleanup", "Fix snake_case names", "ﬁnance report", "x² plan"):
        sample_log.actions.add(ActionItem(title=title, created_at=sample_log.clock.now()))
    criteria = ActionFilter(status=None, words=fts_words(text))
    by_row = set(ids(sample_log.actions.page(criteria, limit=10_000)))
    monkeypatch.setattr(store_actions, "WORDS_BY_ROW_BELOW", 0)
    sample_log.actions._words_by_row.clear()  # the plan is remembered per filter: plan again
    by_index = set(ids(sample_log.actions.page(criteria, limit=10_000)))
    assert by_row == by_index
    if text in ("cafe", "ÉTÉ"):
        assert by_row  # accents and case are ignored both ways


def test_marking_a_done_item_done_again_keeps_its_done_date(sample_log, clock):
    item = sample_log.actions.list(ActionFilter(status=ActionStatus.DONE))[0]
    items.set_status(sample_log, item.id, ActionStatus.DONE)
    assert sample_log.actions.get(item.id).done_at == item.done_at


def test_an_absurd_carry_count_is_named_not_crashed_on(sample_log, runner, sample_db):
    reading = items.read_filter_line(sample_log, "carried:99999999999999999999", status=None)
    assert reading.problems and reading.criteria.min_carries == 0
    result = runner.invoke(cli, ["actions", "--db", str(sample_db), "--carried", "99999999999999999999"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_snoozed_overdue_item_says_it_is_snoozed_wherever_it_is_listed(sample_log):
    """Snoozed to a coming day, an item past its due date read OVERDUE in the browser and on the
    command line (the meeting's review said "snoozed to"): the snooze, the team's decision, is
    what is said; the due date still shows it is late."""
    from smarkmeet.tui.screens.actions import status_text

    today = sample_log.clock.today()
    overdue = [row for row in sample_log.actions.list(ActionFilter()) if row.is_overdue(today)]
    snoozed, other = overdue[0], overdue[1]
    wake = today + timedelta(days=3)
    items.set_snooze(sample_log, snoozed.id, wake)
    rows = {row.id: row for row in sample_log.actions.list(ActionFilter())}
    assert status_text(rows[snoozed.id], today).plain == f"snoozed {wake:%d %b}"
    assert status_text(rows[other.id], today).plain == "overdue"
    table = items.render_actions_table([rows[snoozed.id], rows[other.id]], today).splitlines()
    assert f"snoozed to {wake.isoformat()}" in table[2] and "OVERDUE" in table[3]


def test_the_command_lines_table_underlines_each_column_to_its_widest_cell(sample_log):
    """The Title column's rule was as long as the word "Title"."""
    today = sample_log.clock.today()
    rows = sample_log.actions.list(ActionFilter())
    header, rule, *_ = items.render_actions_table(rows, today).splitlines()
    assert len(rule) == max(len(line) for line in items.render_actions_table(rows, today).splitlines()[2:len(rows) + 2])


def test_an_owner_typed_with_the_whole_name_is_the_owner_not_words(sample_log):
    """`@Mei Chen` read "chen" as a word of the title: no item matched."""
    mei = sample_log.people.by_handle("mei")
    assert mei.name == "Mei Chen"
    owned = matching(sample_log, "@mei")
    assert owned
    for line in ("@Mei Chen", "@mei chen", "owner:Mei Chen", "@Mei Chen overdue"):
        reading = items.read_filter_line(sample_log, line, status=ActionStatus.OPEN)
        assert not reading.problems and reading.criteria.owner_ids == (mei.id,) and reading.criteria.words == (), line
    assert matching(sample_log, "@Mei Chen") == owned
    # a word after the name is still a word
    assert read(sample_log, "@Mei Chen deck").words == ("deck",)
    assert read(sample_log, "@mei deck").words == ("deck",)

    # where the first name alone is two people (or a handle of one of them), the whole name decides
    from smarkmeet.domain.enums import Side
    from smarkmeet.services.team import add_member

    lin = add_member(sample_log, name="Mei Lin", side=Side.SALES)
    reading = items.read_filter_line(sample_log, "@Mei Lin", status=ActionStatus.OPEN)
    assert not reading.problems and reading.criteria.owner_ids == (lin.id,) and reading.criteria.words == ()
    reading = items.read_filter_line(sample_log, "@Mei Chen overdue", status=ActionStatus.OPEN)
    assert not reading.problems and reading.criteria.owner_ids == (mei.id,) and reading.criteria.words == ()


def test_two_owners_list_the_items_either_owns(sample_log):
    """`@mei @dana` said "owner Mei Chen · owner Dana Okafor" and listed Dana's items alone."""
    mei, dana = sample_log.people.by_handle("mei"), sample_log.people.by_handle("dana")
    expected = {row["id"] for row in sample_log.rows(
        "SELECT id FROM action_items WHERE status = 'open' AND owner_id IN (?, ?)", [mei.id, dana.id])}
    assert matching(sample_log, "@mei") and matching(sample_log, "@dana")
    for line in ("@mei @dana", "@dana @mei", "owner:mei @dana @mei"):
        assert matching(sample_log, line) == expected, line
    reading = items.read_filter_line(sample_log, "@mei @dana", status=ActionStatus.OPEN)
    assert "owner Mei Chen or Dana Okafor" in reading.described


def test_overdue_with_a_status_that_cannot_be_overdue_is_said(log):
    """`overdue status:done` listed the open overdue items and said nothing of status:done."""
    for line, said in (("overdue status:done", True), ("status:dropped overdue", True),
                       ("overdue status:open", False), ("overdue status:all", False), ("overdue", False)):
        reading = items.read_filter_line(log, line, status=ActionStatus.OPEN)
        assert reading.criteria.status is ActionStatus.OPEN and reading.criteria.overdue_on is not None
        assert bool(reading.problems) is said, (line, reading.problems)


def test_in_a_terminal_a_long_title_is_cut_to_its_width_and_piped_it_stays_whole(sample_log):
    """A 640-character title made every row of `smarkmeet actions` wrap, its rule too."""
    today = sample_log.clock.today()
    item = sample_log.actions.list(ActionFilter())[0]
    long_title = "Rewrite the onboarding sequence " * 20
    sample_log.actions.update(item.id, {"title": long_title})
    rows = sample_log.actions.list(ActionFilter())
    in_terminal = items.render_actions_table(rows, today, width=100).splitlines()
    assert all(len(line) < 100 for line in in_terminal)
    assert any(line.endswith("…") and "Rewrite the onboarding" in line for line in in_terminal)
    piped = items.render_actions_table(rows, today)
    assert long_title.strip() in piped  # for scripts: whole


def test_in_a_terminal_of_80_or_100_columns_no_row_is_wider_than_it(sample_log):
    """At 100 columns and less every row wrapped: the title kept 20 cells whatever was left."""
    today = sample_log.clock.today()
    rows = sample_log.actions.list(ActionFilter(status=None))
    for width in (80, 100, 120):
        table = items.render_actions_table(rows, today, width=width).splitlines()
        assert all(len(line) < width for line in table), (width, max(table, key=len))
        assert "Title" in table[0] and "Owner" in table[0]
    assert "Side" not in items.render_actions_table(rows, today, width=80).splitlines()[0]  # gave way to titles


def test_the_status_sort_lists_open_then_done_then_dropped_from_its_index(sample_log):
    """Sorted by the word, status read "done, dropped, open": the items still to do came last, and
    every item of the log was sorted for the first page. Open items lead now (the overdue first),
    then done, then dropped, read in that order from an index."""
    from smarkmeet.store.actions import _order

    seen = sample_log.actions.page(ActionFilter(status=None), sort="status", limit=1000)
    statuses = [row.status.value for row in seen]
    assert statuses == sorted(statuses, key=["open", "done", "dropped"].index)
    assert {"open", "done", "dropped"} <= set(statuses)
    plan = " ".join(row["detail"] for row in sample_log.rows(
        f"EXPLAIN QUERY PLAN SELECT a.rowid FROM action_items a{_order('status', False)} LIMIT 100"))
    assert "action_items_by_status_order" in plan and "TEMP B-TREE" not in plan, plan
