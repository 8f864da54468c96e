"""Team settings: read in words, refused in words, used by the reports."""

import pytest
from click.testing import CliRunner

from smarkmeet.cli import cli
from smarkmeet.services.settings import SettingError, change, current, reset


@pytest.mark.parametrize("key, text, stored", [
    ("weekly_lead_target", "25", 25.0),
    ("sales_sla_hours", "24", 24),
    ("sales_sla_hours", "24h", 24),  # with its unit, as people write hours ("'24h' is not a whole number")
    ("sales_sla_hours", "36 hours", 36),
    ("sales_sla_target", "95%", 0.95),
    ("sales_sla_target", "0.8", 0.8),
    ("rejection_reasons", "not a fit, no budget ,duplicate", ["not a fit", "no budget", "duplicate"]),
    ("lead_carry_weeks", "0", 0),
    ("lead_carry_weeks", "6", 6),
    ("average_deal_size", "€12,000", 12000.0),  # as a goal's amount is typed
    ("average_deal_size", "12,500.50", 12500.5),
    # control characters are stored made visible, as everywhere: the name is in the title bar
    ("team_name", "Evil\x1b[31mRED", "Evil␛[31mRED"),
    ("rejection_reasons", "bad\x07data, ok", ["bad␇data", "ok"]),
])
def test_values_are_read_as_meant(log, key, text, stored):
    assert change(log, key, text) == stored
    assert log.setting(key) == stored
    assert log.changes(table="settings")[-1]["row_id"] == key


@pytest.mark.parametrize("key, text, message", [
    ("weekly_lead_target", "lots", "is not a number"),
    ("sales_sla_hours", "0", "greater than 0"),
    ("sales_sla_hours", "1.5", "whole number"),
    ("sales_sla_target", "150%", "above 0% and at most 100%"),
    ("sales_sla_target", "0", "above 0% and at most 100%"),
    ("weekly_lead_target", "1e400", "is not a number"),
    ("average_deal_size", "€55.000", "reads two ways: 55 or 55,000"),  # as a goal's figure is
    ("average_deal_size", "1,2", "commas only group thousands"),
    ("average_deal_size", "€-5", "is below zero; it must be above 0"),  # not "a target is above 0"
    ("goal_review_period", "previous", "not one of last or current"),
    ("team_name", "N" * 61, "at most 60 characters; this one has 61"),
    ("weekly_lead_target", "25 leads", "is not a number"),
    ("sales_sla_target", "1.5", "reads two ways"),  # stored 1.5%, and the SLA went green
    ("sales_sla_target", "2", "reads two ways"),
    ("rejection_reasons", " , ", "at least one reason"),
    ("rejection_reasons", "dup, Dup", "listed twice: “dup” and “Dup”"),
    ("rejection_reasons", "a, b, a", "listed twice: “a”$"),
    ("average_deal_size", "80%", "is a percentage, but this setting is an amount of money"),  # not "this goal"
    ("average_deal_size", "12.345", "type 12.3450 or 12345"),  # not "type 12.345", refused again
    ("lead_carry_weeks", "-1", "between 0 and 520"),
    ("lead_carry_weeks", "2.5", "whole number of weeks"),
    ("colour", "red", "no setting 'colour'"),
])
def test_bad_values_are_refused_and_nothing_is_written(log, key, text, message):
    with pytest.raises(SettingError, match=message):
        change(log, key, text)
    assert log.changes(table="settings") == []


def test_defaults_are_marked(log):
    assert all(is_default for _, _, is_default in current(log))


def test_cli_sets_and_the_report_uses_it(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "team.db")
    assert runner.invoke(cli, ["init", "--db", db]).exit_code == 0
    result = runner.invoke(cli, ["settings", "sales_sla_hours", "12", "--db", db])
    assert result.exit_code == 0 and "sales_sla_hours = 12" in result.output
    assert "within 12 h" in runner.invoke(cli, ["leads", "report", "--db", db]).output
    result = runner.invoke(cli, ["settings", "sales_sla_hours", "soon", "--db", db])
    assert result.exit_code == 2 and "not a whole number" in result.output
    for typed in (["-5", "--db", db], ["-5h", "--db", db], ["--db", db, "-5h"]):  # not "No such option '-5'",
        result = runner.invoke(cli, ["settings", "sales_sla_hours", *typed])  # nor -5h read as -h (the help)
        assert result.exit_code == 2 and "sales_sla_hours: must be a number greater than 0" in result.output, typed
    assert "sales_sla_hours = 12" in runner.invoke(cli, ["settings", "sales_sla_hours", "--db", db]).output


def test_money_prints_as_it_is_typed_in_the_teams_currency(tmp_path):
    """A money setting prints as a goal's money does, in the team's currency, and what it prints
    can be typed back to the same value (not ``12000.5`` beside goals shown as ``€12,000``)."""
    runner = CliRunner()
    db = str(tmp_path / "team.db")
    assert runner.invoke(cli, ["init", "--db", db]).exit_code == 0
    for currency, typed in (("", "12500.5"), ("€", "12,500.50"), ("CHF", "CHF 12,500.5")):
        if currency:
            assert runner.invoke(cli, ["settings", "currency", currency, "--db", db]).exit_code == 0
        said = runner.invoke(cli, ["settings", "average_deal_size", typed, "--db", db])
        printed = said.output.split(" = ", 1)[1].strip()
        assert said.exit_code == 0 and printed == f"{currency}{' ' * (len(currency) > 1)}12,500.5", said.output
        listed = runner.invoke(cli, ["settings", "--db", db]).output
        assert f"average_deal_size = {printed}\n" in listed
        again = runner.invoke(cli, ["settings", "average_deal_size", printed, "--db", db])
        assert again.exit_code == 0 and again.output.split(" = ", 1)[1].strip() == printed


@pytest.mark.parametrize("key, text", [
    ("sales_sla_hours", "100000000"), ("weekly_lead_target", "nan"), ("weekly_lead_target", "inf"),
    ("average_deal_size", "1e300"), ("sales_sla_target", "nan"),
    ("funnel_default_rates", "0.3"), ("funnel_default_rates", '{"sql_to_won": 0.3}'),
    ("funnel_default_rates", '{"sql_to_customer": 1.5}'),
])
def test_absurd_values_are_refused(log, key, text):
    with pytest.raises(SettingError):
        change(log, key, text)


def test_funnel_default_rates_can_be_set(log):
    assert change(log, "funnel_default_rates", '{"sql_to_customer": 0.3}') == {"sql_to_customer": 0.3}


def test_a_setting_goes_back_to_its_default(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "team.db")
    assert runner.invoke(cli, ["init", "--db", db]).exit_code == 0
    assert runner.invoke(cli, ["settings", "weekly_lead_target", "25", "--db", db]).exit_code == 0
    # (its default typed: it stays the default, and says so)
    assert runner.invoke(cli, ["settings", "sales_sla_target", "90", "--db", db]).output.strip() == \
        "sales_sla_target = 90%  (default)"
    result = runner.invoke(cli, ["settings", "weekly_lead_target", "--default", "--db", db])
    assert result.exit_code == 0 and "weekly_lead_target = none  (default)" in result.output
    assert "(default)" in runner.invoke(cli, ["settings", "weekly_lead_target", "--db", db]).output
    assert "no lead target agreed yet" in runner.invoke(cli, ["leads", "report", "--db", db]).output
    result = runner.invoke(cli, ["settings", "weekly_lead_target", "3", "--default", "--db", db])
    assert result.exit_code == 2 and "--default takes a KEY and no VALUE" in result.output


def test_settings_print_as_typed_not_as_floats_or_json_null(runner, tmp_path):
    db = tmp_path / "team.db"
    assert runner.invoke(cli, ["init", "--db", str(db)]).exit_code == 0
    said = runner.invoke(cli, ["settings", "weekly_lead_target", "40", "--db", str(db)])
    assert said.output == "weekly_lead_target = 40\n", said.output
    said = runner.invoke(cli, ["settings", "sales_sla_target", "92.5%", "--db", str(db)])
    assert said.output == "sales_sla_target = 92.5%\n", said.output
    listed = runner.invoke(cli, ["settings", "--db", str(db)]).output
    assert "weekly_lead_target = 40\n" in listed and "average_deal_size = none  (default)" in listed
    assert "null" not in listed
    assert 'team_name = none  (default)' in listed  # not team_name = ""
    # a list as it is typed, comma-separated, so the line copies back (JSON read as one reason '["not a fit"')
    reasons = next(line for line in listed.splitlines() if line.startswith("rejection_reasons = "))
    typed = reasons.removeprefix("rejection_reasons = ").removesuffix("  (default)")
    assert runner.invoke(cli, ["settings", "rejection_reasons", typed, "--db", str(db)]).exit_code == 0
    assert runner.invoke(cli, ["settings", "rejection_reasons", "--db", str(db)]).output.startswith(
        f"rejection_reasons = {typed}  (default)\n")  # the default typed back: still the default, unwritten
    assert "[" not in typed
    runner.invoke(cli, ["settings", "team_name", "Northwind", "--db", str(db)])
    assert runner.invoke(cli, ["settings", "team_name", "--db", str(db)]).output.startswith("team_name = Northwind\n")


def test_the_value_already_held_writes_nothing(log):
    """The README promises a change to the value already held leaves no entry in `changes`;
    `settings sales_sla_hours 48` run twice wrote one each time."""
    change(log, "sales_sla_hours", "36")
    assert [c["action"] for c in log.changes(table="settings")] == ["insert"]  # its first row
    change(log, "sales_sla_hours", "36")
    change(log, "sales_sla_hours", " 36 ")  # the same number typed otherwise
    assert [c["action"] for c in log.changes(table="settings")] == ["insert"]
    change(log, "sales_sla_hours", "24")
    reset(log, "sales_sla_hours")
    change(log, "sales_sla_hours", "24")  # a row again after --default removed it
    assert [c["action"] for c in log.changes(table="settings")] == ["insert", "update", "delete", "insert"]


def test_the_default_typed_over_the_default_writes_nothing(log):
    """`sales_sla_target` at its default 90%: 90 typed said "unchanged" but wrote a row, and the
    setting was no longer marked as the default."""
    from smarkmeet.services.settings import SETTINGS

    default = SETTINGS["sales_sla_target"].default
    assert change(log, "sales_sla_target", "90") == default == 0.9
    assert log.setting("sales_sla_target", None) is None and not log.changes(table="settings")


def test_every_printed_value_copies_back(runner, tmp_path):
    """`weekly_lead_target = none` printed, yet `settings weekly_lead_target none` was refused;
    a share typed 87.5% printed as 0.875. Each value printed, typed back, prints the same."""
    db = str(tmp_path / "team.db")
    assert runner.invoke(cli, ["init", "--db", db]).exit_code == 0
    runner.invoke(cli, ["settings", "sales_sla_target", "87.5%", "--db", db])
    runner.invoke(cli, ["settings", "team_name", "Northwind", "--db", db])
    listed = runner.invoke(cli, ["settings", "--db", db]).output
    for line in listed.splitlines():
        if line.startswith(" "):
            continue  # a setting's meaning
        key, value = line.split(" = ", 1)
        value = value.removesuffix("  (default)")
        again = runner.invoke(cli, ["settings", key, value, "--db", db])
        assert again.exit_code == 0, (line, again.output)
        assert again.output.splitlines()[0].removesuffix("  (default)") == f"{key} = {value}", again.output
    assert "sales_sla_target = 87.5%" in listed
    said = runner.invoke(cli, ["settings", "sales_sla_hours", "none", "--db", db])
    assert said.exit_code == 2 and "--default" in said.output


@pytest.mark.parametrize("key, typed, printed", [
    ("average_deal_size", "0.00001", "0.00001"), ("average_deal_size", "12000.5", "12,000.5"),
    ("sales_sla_target", "0.0000001%", "0.0000001%"), ("sales_sla_target", "33.3%", "33.3%")])
def test_a_small_or_fractional_number_prints_as_typed_not_in_exponent_form(runner, tmp_path, key, typed, printed):
    """`settings average_deal_size 0.00001` printed `1e-05`."""
    db = str(tmp_path / "team.db")
    assert runner.invoke(cli, ["init", "--db", db]).exit_code == 0
    said = runner.invoke(cli, ["settings", key, typed, "--db", db])
    assert said.output == f"{key} = {printed}\n", said.output


@pytest.mark.parametrize(("typed", "kept"), [("chf", "CHF"), ("CHF", "CHF"), ("€", "€"), ("kr", "kr"), ("Fr.", "Fr.")])
def test_a_currency_code_is_kept_as_money_writes_it(log, typed, kept):
    """`settings currency chf` showed "chf 60,000" on the scorecard: a three-letter code is upper-case."""
    assert change(log, "currency", typed) == kept


def test_a_new_currency_says_the_amounts_already_in_the_log_are_not_converted(runner, sample_db):
    """Changing the currency relabelled every money goal's target and actuals (and the average
    deal size) without a word: $72,000 read as €72,000 from then on."""
    from smarkmeet.clock import SystemClock
    from smarkmeet.domain.enums import Unit
    from smarkmeet.store.log import open_log

    log = open_log(sample_db, SystemClock())
    money = sum(goal.unit is Unit.CURRENCY for goal in log.goals.all())
    assert money  # the demo has money goals
    change(log, "average_deal_size", "12000")
    assert log.setting("currency", "") != "CHF"
    log.close()
    said = runner.invoke(cli, ["settings", "currency", "CHF", "--db", str(sample_db)])
    assert said.exit_code == 0 and said.stdout == "currency = CHF\n"
    plural = "s" if money != 1 else ""
    assert said.stderr == (f"smarkmeet: note: amounts are not converted: {money} money goal{plural} "
                           f"(target{plural} and actuals) and average_deal_size now read in CHF\n")
    again = runner.invoke(cli, ["settings", "currency", "CHF", "--db", str(sample_db)])
    assert again.exit_code == 0 and again.stderr == ""  # nothing changed: nothing to say
    back = runner.invoke(cli, ["settings", "currency", "--default", "--db", str(sample_db)])
    assert "now read with no currency" in back.stderr


def test_a_new_currency_on_a_log_with_no_money_says_nothing_more(log):
    from smarkmeet.services.settings import currency_note

    assert currency_note(log, "", "€") == ""
