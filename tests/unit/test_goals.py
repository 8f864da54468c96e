"""Goals: create, edit, retire, list and find them — through the services and through `smarkmeet goals`."""

import json
from datetime import date

import pytest

from smarkmeet.cli import cli, main
from smarkmeet.clock import SystemClock
from smarkmeet.domain.models import Goal
from smarkmeet.services import funnel
from smarkmeet.domain.enums import Unit
from smarkmeet.domain.metrics import amount
from smarkmeet.services.goals import (
    GoalError,
    create_goal,
    edit_goal,
    find_goal,
    list_goals,
    parse_actual,
    retire_goal,
)
from smarkmeet.store.log import open_log
from tests.unit.logfile import in_log


def new_goal(log, name="Revenue won", **fields):
    return create_goal(log, name=name, **{"metric": "revenue", "target": 50000, "unit": "currency", **fields})


def test_create_writes_the_goal_and_a_change(log):
    goal = new_goal(log, owner_side="sales", amber_threshold=0.7, description="Closed-won value")
    stored = log.goals.get(goal.id)
    assert (stored.name, stored.target, stored.owner_side.value, stored.amber_threshold) == (
        "Revenue won", 50000, "sales", 0.7)
    assert stored.created_at == log.clock.now()
    assert [change["action"] for change in log.changes(table="goals", row_id=goal.id)] == ["insert"]


@pytest.mark.parametrize("fields, words", [
    ({"name": "  "}, "name must not be empty"),
    ({"target": 0}, "target must be greater than 0"),
    ({"target": -5}, "target must be greater than 0"),
    ({"target": "lots"}, "target must be a number"),
    ({"amber_threshold": 0}, "amber threshold must be greater than 0"),
    ({"amber_threshold": 1.2}, "amber threshold must be at most 1"),
    ({"owner_side": "finance"}, "owner side must be one of 'sales', 'marketing' or 'shared'"),
    ({"period": "daily"}, "period must be one of 'weekly' or 'monthly'"),
    ({"unit": "kg"}, "unit must be one of"),
])
def test_bad_input_is_an_error_in_words_and_writes_nothing(log, fields, words):
    with pytest.raises(GoalError, match=words):
        new_goal(log, **fields)
    assert log.goals.all() == []


def test_a_second_active_goal_cannot_share_a_name(log):
    new_goal(log)
    with pytest.raises(GoalError, match="already a goal named"):
        new_goal(log, name="revenue WON")


def test_a_new_target_applies_to_future_checkins_only(log, clock):
    goal = new_goal(log)
    log.goals.check_in(goal, date(2026, 11, 16), 42000)
    edited = edit_goal(log, goal.id, {"target": 60000, "description": "Closed-won value"})
    log.goals.check_in(edited, date(2026, 11, 23), 61000)
    assert [(c.actual, c.target) for c in log.goals.checkins(goal.id)] == [(42000, 50000), (61000, 60000)]
    update = log.changes(table="goals", row_id=goal.id)[-1]
    assert update["action"] == "update" and update["data"] == {"target": 60000, "description": "Closed-won value"}


def test_edit_validates_and_names_unknown_fields(log):
    goal = new_goal(log)
    new_goal(log, name="New customers", metric="customers", unit="count", target=3)
    for changes, words in [({"target": 0}, "greater than 0"), ({"colour": "red"}, "no field colour"),
                           ({"name": "new customers"}, "already a goal named")]:
        with pytest.raises(GoalError, match=words):
            edit_goal(log, goal.id, changes)
    assert log.goals.get(goal.id).target == 50000
    with pytest.raises(GoalError, match="no goal with id"):
        edit_goal(log, "nope", {"target": 1})


def test_a_goals_unit_cannot_change_under_its_check_ins(log):
    """`goals edit … --unit percent` turned a 60,000 € target and its history into 60000 %."""
    goal = new_goal(log)
    # nothing recorded yet: free to change, with the target said in the new unit (60,000 would read 60000 %)
    with pytest.raises(GoalError, match="give the target in percent with the new unit"):
        edit_goal(log, goal.id, {"unit": "percent"})
    assert log.goals.get(goal.id) == goal
    assert edit_goal(log, goal.id, {"unit": "count", "target": 60_000}).unit is Unit.COUNT
    log.goals.check_in(log.goals.get(goal.id), date(2026, 11, 16), 42)
    with pytest.raises(GoalError, match="check-ins recorded in count .* cannot change under them. Retire it"):
        edit_goal(log, goal.id, {"unit": "percent", "target": 90})
    assert log.goals.get(goal.id).unit is Unit.COUNT
    assert edit_goal(log, goal.id, {"unit": "count", "target": 60}).target == 60  # the same unit: not a change


def test_a_target_in_another_unit_says_the_goals_unit_could_change_but_an_actual_does_not(log):
    from smarkmeet.services.goals import parse_actual, parse_target

    with pytest.raises(GoalError, match=r"but this goal is a count: type the number, e.g. 22, or make it a currency goal"):
        parse_target("€60,000", Unit.COUNT)
    with pytest.raises(GoalError, match=r"e\.g\. 22$"):
        parse_actual("€60,000", Unit.COUNT)


def test_a_goals_name_is_written_single_spaced_and_found_in_any_spacing(log):
    goal = new_goal(log, name="  New   customers ")
    assert log.goals.get(goal.id).name == "New customers"
    with pytest.raises(GoalError, match="already a goal named"):
        new_goal(log, name="new customers")
    assert find_goal(log, "new  CUSTOMERS").id == goal.id


def test_a_goal_is_found_by_the_start_of_the_short_id_lists_show(log):
    from smarkmeet.domain.ids import short_id

    goal, other = new_goal(log), new_goal(log, name="Pipeline")
    shown = short_id(goal.id)
    found = {find_goal(log, shown[:n]).id for n in range(4, 9) if short_id(other.id)[:n] != shown[:n]}
    assert found == {goal.id}


def test_retire_keeps_checkins_and_leaves_the_scorecard(log, clock):
    goal = new_goal(log)
    log.goals.check_in(goal, date(2026, 11, 16), 42000)
    retired = retire_goal(log, goal.id)
    assert retired.retired_at == clock.now() == log.goals.get(goal.id).retired_at
    assert log.goals.active() == [] and [s.goal.id for s in log.goals.statuses()] == []
    assert len(log.goals.checkins(goal.id)) == 1
    assert [s.goal.id for s in list_goals(log, include_retired=True)] == [goal.id]
    with pytest.raises(GoalError, match="already retired on 2026-11-23"):
        retire_goal(log, goal.id)
    new_goal(log)  # the name is free again


def test_find_by_id_prefix_or_name(log):
    first = log.goals.add(Goal(id="abcd1111-0000", name="MQLs delivered", metric="mqls", target=25,
                               created_at=log.clock.now()))
    second = log.goals.add(Goal(id="abcd2222-0000", name="New customers", metric="customers", target=3,
                                created_at=log.clock.now()))
    assert find_goal(log, "abcd1111-0000") == first
    assert find_goal(log, "abcd2") == second
    assert find_goal(log, "  new CUSTOMERS ") == second
    for ref, words in [("abcd", "more than one goal"), ("abc", "at least 4 characters"),
                       ("pipeline", "no goal matches 'pipeline'"), ("", "say which goal")]:
        with pytest.raises(GoalError, match=words):
            find_goal(log, ref)


def test_a_name_shared_with_a_retired_goal_finds_the_active_one(log):
    old = new_goal(log)
    retire_goal(log, old.id)
    current = new_goal(log)
    assert find_goal(log, "Revenue won") == current


# -- the command line -----------------------------------------------------------------------


def run(runner, db, *args):
    return runner.invoke(cli, ["goals", *args, "--db", str(db)])


def test_cli_list_json_matches_the_log(runner, sample_db):
    result = run(runner, sample_db, "list", "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    active = in_log(sample_db, "SELECT id FROM goals WHERE retired_at IS NULL ORDER BY created_at")
    assert [goal["id"] for goal in listed] == [row["id"] for row in active]
    assert {"name", "target", "latest", "attainment", "rag", "retired_at"} <= set(listed[0])


def test_cli_add_edit_retire(runner, sample_db):
    added = run(runner, sample_db, "add", "Revenue won", "--metric", "revenue", "--target", "40000",
                "--unit", "currency", "--owner", "sales", "--amber", "0.7")
    assert added.exit_code == 0, added.output
    [row] = in_log(sample_db, "SELECT * FROM goals WHERE name = 'Revenue won'")
    assert (row["target"], row["unit"], row["owner_side"], row["amber_threshold"]) == (40000, "currency", "sales", 0.7)

    edited = run(runner, sample_db, "edit", row["id"][:6], "--target", "45000", "--period", "monthly")
    assert edited.exit_code == 0, edited.output
    assert "target 40,000 → 45,000" in edited.output
    amber = run(runner, sample_db, "edit", row["id"][:6], "--amber", "80%", "--owner", "marketing")
    assert "amber from 70% → 80%; owner sales → marketing" in amber.output, amber.output
    [row] = in_log(sample_db, "SELECT * FROM goals WHERE id = ?", [row["id"]])
    assert (row["target"], row["period"]) == (45000, "monthly")

    retired = run(runner, sample_db, "retire", "revenue won")
    assert retired.exit_code == 0, retired.output
    assert in_log(sample_db, "SELECT retired_at FROM goals WHERE id = ?", [row["id"]])[0]["retired_at"]
    assert "Revenue won" not in run(runner, sample_db, "list").output
    assert "retired" in run(runner, sample_db, "list", "--all").output


def test_cli_funnel_reports_rates_with_their_counts(runner, sample_db):
    result = run(runner, sample_db, "funnel", "New customers", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    window = record["window"]
    stages = [row["stage"] for row in in_log(
        sample_db, "SELECT stage FROM leads WHERE julianday(created_at) BETWEEN julianday(?) AND julianday(?)",
        [window["since"], window["until"]])]
    assert window["leads"] == len(stages)
    mql = record["rates"][0]
    assert (mql["entered"], mql["reached"]) == (len(stages), sum(s in ("sal", "sql", "opportunity", "customer")
                                                                 for s in stages))
    assert mql["source"] == f"measured from {mql['reached']} of {mql['entered']} leads"
    assert record["derived"] and record["needed_per_period"]["customers"] == 3
    text = run(runner, sample_db, "funnel", "new customers", "--weeks", "4").output
    assert "Needed per week" in text and "measured from" in text and "(4 weeks;" in text


def test_cli_funnel_says_money_with_the_teams_currency(runner, sample_db):
    """`goals list` showed €150,000 while `goals funnel` printed "target 150,000 revenue a month"."""
    assert runner.invoke(cli, ["settings", "currency", "€", "--db", str(sample_db)]).exit_code == 0
    assert runner.invoke(cli, ["settings", "average_deal_size", "12000", "--db", str(sample_db)]).exit_code == 0
    added = run(runner, sample_db, "add", "Revenue won", "--metric", "revenue", "--target", "150000",
                "--unit", "currency", "--period", "monthly")
    assert added.exit_code == 0, added.output
    text = run(runner, sample_db, "funnel", "Revenue won").output
    assert "Revenue won — target €150,000 a month (metric revenue)" in text
    assert "target €150,000 ÷ average deal size €12,000" in text


def test_cli_funnel_of_a_goal_without_one_says_why(runner, sample_db):
    result = run(runner, sample_db, "funnel", "MQLs delivered")
    assert result.exit_code == 0
    assert "No funnel-derived targets" in result.output and "'mqls'" in result.output


def test_cli_funnel_without_a_deal_size_says_so(runner, tmp_path):
    db = tmp_path / "empty.db"
    runner.invoke(cli, ["init", "--db", str(db)])
    run(runner, db, "add", "Revenue", "--metric", "revenue", "--target", "10000", "--unit", "currency")
    result = run(runner, db, "funnel", "revenue")
    assert "no average deal size is set (setting average_deal_size)" in result.output
    assert result.output.count("default (0 leads entered") == 3


@pytest.mark.parametrize("args, words", [
    (["add", "X", "--metric", "m", "--target", "0"], "--target “0”: a target is above 0"),
    (["add", "X", "--metric", "m", "--target", "5", "--amber", "2"], "--amber “2” reads two ways: type it as 2% or as a share"),
    (["add", "MQLs delivered", "--metric", "mqls", "--target", "5"], "already a goal named"),
    (["add", "X", "--metric", "m", "--target", "5", "--owner", "finance"], "'finance' is not one of"),
    (["edit", "New customers"], "say what to change"),
    (["edit", "nobody", "--target", "3"], "no goal matches 'nobody'"),
    (["retire", "zzzz"], "no goal matches"),
    (["funnel", "New customers", "--weeks", "0"], "--weeks"),
])
def test_cli_errors_are_one_line_with_exit_code_2(monkeypatch, capsys, sample_db, args, words):
    monkeypatch.setattr("sys.argv", ["smarkmeet", "goals", *args, "--db", str(sample_db)])
    with pytest.raises(SystemExit) as caught:
        main()
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert err.startswith("smarkmeet: error: ") and err.count("\n") == 1 and words in err


def test_cli_retiring_twice_is_an_error(runner, sample_db):
    assert run(runner, sample_db, "retire", "New customers").exit_code == 0
    again = run(runner, sample_db, "retire", "New customers")
    assert again.exit_code == 2 and "already retired" in again.output


def test_cli_missing_log_is_an_error_not_a_new_file(runner, tmp_path):
    result = run(runner, tmp_path / "none.db", "list")
    assert result.exit_code == 2 and "no log at" in result.output
    assert not (tmp_path / "none.db").exists()


def test_funnel_cli_and_service_agree(runner, sample_db):
    record = json.loads(run(runner, sample_db, "funnel", "New customers", "--json").output)
    log = open_log(sample_db, SystemClock())
    try:
        worked, _ = funnel.funnel_for_goal(log, find_goal(log, "New customers"))
    finally:
        log.close()
    assert record["needed_per_period_rounded_up"] == {s.stage: funnel.round_up(s.needed) for s in worked.steps}


@pytest.mark.parametrize(("typed", "unit", "value"), [
    ("22", Unit.COUNT, 22), (" 1,200 ", Unit.COUNT, 1200), ("64%", Unit.PERCENT, 64), ("64", Unit.PERCENT, 64),
    ("€72,500", Unit.CURRENCY, 72500), ("$60000.50", Unit.CURRENCY, 60000.5), ("0", Unit.COUNT, 0),
    ("1,234,567.5", Unit.CURRENCY, 1234567.5), ("12 %", Unit.PERCENT, 12),
    ("0.125", Unit.PERCENT, 0.125), ("1.5", Unit.COUNT, 1.5), ("1.2345", Unit.COUNT, 1.2345), (".5", Unit.COUNT, 0.5),
    # thousands and millions as sales says them ("72k" was "not a number")
    ("72k", Unit.CURRENCY, 72_000), ("€1.5m", Unit.CURRENCY, 1_500_000), ("1.1M", Unit.CURRENCY, 1_100_000),
    ("2.5K", Unit.COUNT, 2_500), ("1,200k", Unit.CURRENCY, 1_200_000),
])
def test_an_actual_is_read_as_its_goal_counts(typed, unit, value):
    assert parse_actual(typed, unit) == value


@pytest.mark.parametrize(("typed", "unit", "says"), [
    ("64%", Unit.COUNT, "is a percentage, but this goal is a count: type the number, e.g. 22"),
    ("64%", Unit.CURRENCY, "is a percentage, but this goal is an amount of money: type the number, e.g. 60,000"),
    ("€500", Unit.COUNT, "is an amount of money, but this goal is a count"),
    ("1,2", Unit.COUNT, "commas only group thousands"),
    ("1.000,50", Unit.CURRENCY, "commas only group thousands"),
    ("-5", Unit.COUNT, "is below zero"),
    ("lots", Unit.PERCENT, "is not a number; type the actual, e.g. 64%"),
    ("nan", Unit.COUNT, "is not a number; type the actual"),
    ("1e400", Unit.COUNT, "is not a number; type the actual"),
    ("1" + "0" * 20, Unit.COUNT, "is not a number the scorecard can show"),
    ("", Unit.COUNT, "is not a number"),
    # a point grouping thousands, as many countries write them: 55 or 55,000? asked, not read as 55
    ("€55.000", Unit.CURRENCY, r"reads two ways: 55 or 55,000; type 55 or 55000"),
    ("1.200", Unit.COUNT, r"reads two ways: 1.2 or 1,200"),
    ("12.500.000", Unit.CURRENCY, r"a point is a decimal point here; type 12,500,000 or 12500000"),
    # not figures at all (1e3 was read as 1,000; a letter O typed for a zero)
    ("1e3", Unit.COUNT, "is not a number"),
    ("7O,000", Unit.CURRENCY, "is not a number"),
    ("k", Unit.CURRENCY, "is not a number"), ("5k%", Unit.PERCENT, "is not a number"), ("-3k", Unit.COUNT, "below zero"),
])
def test_an_actual_that_does_not_fit_its_goal_is_refused_in_words(typed, unit, says):
    with pytest.raises(GoalError, match=says):
        parse_actual(typed, unit)


@pytest.mark.parametrize(("typed", "currency", "value", "says"), [
    ("INR 3,000,000", "INR", 3_000_000, None), ("3,000,000 inr", "INR", 3_000_000, None),
    ("₹60,000", "₹", 60_000, None), ("CHF 1,200.50", "CHF", 1200.5, None), ("60,000", "INR", 60_000, None),
    ("€5,000,000", "", 5_000_000, None), ("$500", "$", 500, None),
    # another sign than the team's: refused, not shown relabelled (€5,000,000 read "INR 5,000,000")
    ("€5,000,000", "INR", None, "is in €, but the team's currency is INR .*: type INR 5,000,000 or 5,000,000"),
    ("£20", "€", None, "is in £, but the team's currency is €"),
    ("INR 3,000", "", None, "is not a number"),  # no currency set: a code is not a figure
])
def test_money_is_read_in_the_teams_currency(typed, currency, value, says):
    """`settings currency INR`, then `goals add --target 'INR 3,000,000'` was refused ("not a
    number") though the scorecard shows INR 3,000,000, and '€5,000,000' was taken and shown as INR."""
    from smarkmeet.services.goals import implied_unit, parse_target

    if says:
        with pytest.raises(GoalError, match=says):
            parse_target(typed, Unit.CURRENCY, currency=currency)
        return
    assert parse_target(typed, Unit.CURRENCY, currency=currency) == parse_actual(typed, Unit.CURRENCY,
                                                                                currency=currency) == value
    signed = not typed[0].isdigit() or bool(currency) and typed.casefold().endswith(currency.casefold())
    assert implied_unit(typed, currency=currency) is (Unit.CURRENCY if signed else None)
    if currency:
        with pytest.raises(GoalError, match="is an amount of money, but this goal is a count"):
            parse_actual(typed if typed[0] != "6" else f"{currency} {typed}", Unit.COUNT, currency=currency)


def test_the_command_line_takes_money_in_the_teams_currency(tmp_path):
    from click.testing import CliRunner

    from smarkmeet.cli import cli

    db = str(tmp_path / "team.db")
    invoke = CliRunner().invoke
    assert invoke(cli, ["init", "--db", db]).exit_code == 0
    assert invoke(cli, ["settings", "currency", "INR", "--db", db]).exit_code == 0
    said = invoke(cli, ["goals", "add", "Revenue", "--metric", "revenue", "--target", "INR 3,000,000", "--db", db])
    assert said.exit_code == 0 and "target INR 3,000,000 a week" in said.output, said.output
    said = invoke(cli, ["settings", "average_deal_size", "INR 60,000", "--db", db])
    assert said.exit_code == 0 and "average_deal_size = INR 60,000" in said.output, said.output
    said = invoke(cli, ["settings", "average_deal_size", "€60,000", "--db", db])
    assert said.exit_code == 2 and "the team's currency is INR" in said.output, said.output


@pytest.mark.parametrize(("args", "stored", "problem"), [
    (["--target", "60,000", "--amber", "80%"], (60000, 0.8), None),
    (["--target", "90%", "--unit", "percent"], (90, 0.8), None),
    (["--target", "€60,000", "--unit", "currency"], (60000, 0.8), None),
    (["--target", "€60,000", "--unit", "count"], None,
     "--target “€60,000” is an amount of money, but this goal is a count"),
    (["--target", "nan"], None, "--target “nan” is not a number"),
    (["--target", "0"], None, "a target is above 0"),
    (["--target", "5", "--amber", "120%"], None, "--amber “120%” is not a share of the target"),
    # a whole percentage without its sign, as the form shows it (80%): not refused as "not a share"
    (["--target", "5", "--amber", "80"], (5, 0.8), None),
    (["--target", "5", "--amber", "1.2"], None, "--amber “1.2” reads two ways"),  # as a setting's share would
])
def test_the_command_line_reads_a_target_and_amber_as_the_goal_form_does(tmp_path, args, stored, problem):
    """`goals add --target 60,000` was refused ("not a valid float") though the app takes it;
    `--target nan` answered in the validator's words."""
    from click.testing import CliRunner

    from smarkmeet.cli import cli
    from smarkmeet.clock import SystemClock
    from smarkmeet.store.log import open_log

    db = tmp_path / "team.db"
    assert CliRunner().invoke(cli, ["init", "--db", str(db)]).exit_code == 0
    result = CliRunner().invoke(cli, ["goals", "add", "Won", "--db", str(db), "--metric", "customers", *args])
    if problem is None:
        assert result.exit_code == 0, result.output
        log = open_log(db, SystemClock())
        goal = log.goals.active()[0]
        assert (goal.target, goal.amber_threshold) == stored
        log.close()
        # as the scorecard shows it: "60,000", not "60000 customers weekly, owned by shared"
        assert f": target {amount(goal.target, goal.unit)} a week (metric customers), shared by both sides" in result.output
    else:
        assert result.exit_code == 2 and problem in result.output, result.output
        assert "Traceback" not in result.output


def test_cli_list_says_which_target_a_check_in_was_measured_by(runner, sample_db):
    """After `goals edit … --target 4`, the list read "Target 4 · Latest 1 · Attained 33%": the
    33% is of the check-in's own target, 3, which it did not show."""
    [goal] = in_log(sample_db, "SELECT g.id, c.actual, c.target FROM goals g JOIN goal_checkins c ON c.goal_id = g.id "
                               "WHERE g.name = 'New customers' ORDER BY c.period_start DESC LIMIT 1")
    assert run(runner, sample_db, "edit", goal["id"][:8], "--target", str(int(goal["target"]) + 1)).exit_code == 0
    listed = run(runner, sample_db, "list").output
    row = next(line for line in listed.splitlines() if "New customers" in line)
    assert f"{goal['actual']:g} of {goal['target']:g}" in row
    assert f"{goal['actual'] / goal['target']:.0%}" in row
    assert "target then in force" in listed
    untouched = next(line for line in listed.splitlines() if "MQLs delivered" in line)
    assert " of " not in untouched


def test_money_goals_are_shown_with_the_teams_currency(runner, sample_db):
    """"€60,000" typed, and every screen, list and minutes said "60,000"."""
    from smarkmeet.cli import cli

    listed = runner.invoke(cli, ["goals", "list", "--db", str(sample_db)]).output
    assert "€" not in listed
    assert runner.invoke(cli, ["settings", "currency", "€", "--db", str(sample_db)]).exit_code == 0
    listed = runner.invoke(cli, ["goals", "list", "--db", str(sample_db)]).output
    pipeline = next(line for line in listed.splitlines() if "Pipeline" in line)
    assert "€60,000" in pipeline
    said = runner.invoke(cli, ["settings", "currency", "1 2", "--db", str(sample_db)])
    assert said.exit_code == 2 and "up to 5 characters" in said.output


@pytest.mark.parametrize("width", [60, 80, 100, None])
def test_goals_list_fits_a_terminal_leaving_out_id_metric_and_period_first(sample_log, width):
    """`goals list` was 103 columns wide (113 with a currency code): at 80 every row wrapped in two
    ("… CHF 60,0" / "00  CHF 72,500"). The id, metric and period give way, then names are cut."""
    from smarkmeet.cli_goals import render_goals_table
    from smarkmeet.services.goals import list_goals

    sample_log.set_setting("currency", "CHF")
    statuses = list_goals(sample_log)
    lines = render_goals_table(statuses, "CHF", width=width).splitlines()
    table = lines[:len(statuses) + 2]
    whole = render_goals_table(statuses, "CHF").splitlines()[:len(statuses) + 2]
    if width is None:
        assert table == whole and table[0].startswith("Id")
        return
    assert all(len(line) <= width for line in table), table
    if max(len(line) for line in whole) <= width:
        assert table == whole
    header = table[0].split()
    assert {"Goal", "Target", "Latest", "Attained", "Status"} <= set(header)
    assert ("Owner" in header) == (width >= 80)  # the owner kept until names would be cut below 20
    for status in statuses:  # each goal on its own line, named (whole, or its start and …)
        row = next(line for line in table if line.startswith(status.goal.name[:8]))
        shown = row.split("  ")[0]
        assert shown == status.goal.name or (shown.endswith("…") and status.goal.name.startswith(shown[:-1]))


@pytest.mark.parametrize("metric, target, unit", [
    ("revenue", "€50,000", "currency"), ("revenue", "$1,200", "currency"), ("sales_sla", "90%", "percent"),
    ("customers", "25", "count"),
    ("revenue", "72k", "currency"), ("pipeline", "60,000", "currency"),  # money metrics: saved as counts before
])
def test_a_target_typed_with_its_sign_gives_a_new_goal_its_unit(runner, tmp_path, metric, target, unit):
    """The README shows `--target €60,000` (a currency goal), but with no --unit it was refused as
    "an amount of money, but this goal is a count". The sign says the unit; a sign unlike an
    explicit --unit is still refused, naming the option."""
    from smarkmeet.clock import SystemClock
    from smarkmeet.store.log import open_log

    db = tmp_path / "team.db"
    assert runner.invoke(cli, ["init", "--db", str(db)]).exit_code == 0
    result = run(runner, db, "add", "Revenue", "--metric", metric, "--target", target)
    assert result.exit_code == 0, result.output
    log = open_log(db, SystemClock())
    [goal] = log.goals.active()
    log.close()
    assert goal.unit.value == unit
    assert ("smarkmeet settings currency" in result.output) == (unit == "currency")  # no sign set yet
    refused = run(runner, db, "add", "Other", "--metric", "revenue", "--target", "€5", "--unit", "count")
    assert refused.exit_code == 2 and "(--unit currency)" in refused.output, refused.output


def test_editing_a_retired_goal_says_it_is_retired(runner, sample_db):
    """`goals edit` on a retired goal said "Edited …" as of any other: it is not on the scorecard."""
    goal = json.loads(run(runner, sample_db, "list", "--json").output)[0]
    assert run(runner, sample_db, "retire", goal["id"]).exit_code == 0
    result = run(runner, sample_db, "edit", goal["id"], "--description", "kept for the record")
    assert result.exit_code == 0, result.output
    assert "a goal retired on" in result.output and "not on the scorecard" in result.output
    other = json.loads(run(runner, sample_db, "list", "--json").output)[0]
    result = run(runner, sample_db, "edit", other["id"], "--description", "still counted")
    assert "retired" not in result.output


def test_a_measured_metric_in_another_unit_is_said_on_adding(tmp_path):
    """`goals add Y --metric sales_sla --target 25` made a count goal the log never measures
    (it measures the SLA as a percentage), without a word."""
    from click.testing import CliRunner

    from smarkmeet.cli import cli

    db = str(tmp_path / "team.db")
    assert CliRunner().invoke(cli, ["init", "--db", db]).exit_code == 0
    said = CliRunner().invoke(cli, ["goals", "add", "Y", "--metric", "sales_sla", "--target", "25", "--db", db])
    assert said.exit_code == 0 and "the log measures sales_sla as a percentage, and this goal is a count" in said.output
    said = CliRunner().invoke(cli, ["goals", "add", "Z", "--metric", "sales_sla", "--target", "90%", "--db", db])
    assert said.exit_code == 0 and "Note:" not in said.output
    said = CliRunner().invoke(cli, ["goals", "add", "R", "--metric", "revenue", "--target", "9", "--db", db])
    assert said.exit_code == 0 and "Note:" not in said.output  # a metric the log does not measure
