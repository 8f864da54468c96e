"""The command line through click's CliRunner: results, and one-line errors with exit code 2."""

import json
import os
import random
import shlex
import stat
from collections import Counter
from pathlib import Path

import pytest

from smarkmeet.cli import cli, main
from smarkmeet.clock import SystemClock
from smarkmeet.store.log import open_log


def test_version(runner):
    from smarkmeet import __version__

    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_where_follows_the_overrides(runner, tmp_path, monkeypatch, isolated_home):
    assert runner.invoke(cli, ["where"]).output.strip() == str(isolated_home / "smarkmeet.db")
    monkeypatch.setenv("SMARKMEET_DB", str(tmp_path / "env.db"))
    assert runner.invoke(cli, ["where"]).output.strip() == str(tmp_path / "env.db")
    assert runner.invoke(cli, ["where", "--db", str(tmp_path / "flag.db")]).output.strip() == str(tmp_path / "flag.db")
    assert runner.invoke(cli, ["--db", str(tmp_path / "g.db"), "where"]).output.strip() == str(tmp_path / "g.db")
    monkeypatch.chdir(tmp_path)  # a relative --db is said in full: where the file is, from anywhere
    assert runner.invoke(cli, ["where", "--db", "rel.db"]).output.strip() == str((tmp_path / "rel.db").resolve())
    assert not isolated_home.exists()  # asking where creates nothing


def test_init_creates_a_private_log(runner, tmp_path):
    path = tmp_path / "new" / "team.db"
    result = runner.invoke(cli, ["init", "--db", str(path)])
    assert result.exit_code == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_load_sample_refuses_a_log_with_data(runner, sample_db):
    result = runner.invoke(cli, ["load-sample", "--db", str(sample_db)])
    assert result.exit_code == 2
    assert "already holds data" in result.output


def test_load_sample_takes_the_log_named_before_the_command_and_never_the_default(runner, tmp_path, isolated_home):
    """`smarkmeet --db PATH load-sample` said "Missing option '--db'"."""
    path = tmp_path / "demo.db"
    result = runner.invoke(cli, ["--db", str(path), "load-sample"])
    assert result.exit_code == 0, result.output
    assert path.exists() and "Loaded the demo team" in result.output
    result = runner.invoke(cli, ["load-sample"])  # the team's own log is never filled with the demo by default
    assert result.exit_code == 2 and "--db" in result.output
    assert not isolated_home.exists()


def test_demo_refuses_a_log_with_data_before_opening_anything(runner, sample_db):
    result = runner.invoke(cli, ["demo", "--db", str(sample_db)])
    assert result.exit_code == 2
    assert "already holds data" in result.output


@pytest.mark.parametrize(("given", "home_set"), [(False, False), (False, True), (True, False), (True, True)])
def test_the_demo_keeps_its_minutes_and_exports_beside_its_own_log(runner, monkeypatch, isolated_home, tmp_path,
                                                                  given, home_set):
    """Ending a demo meeting wrote the demo team's minutes among the user's own (the data
    directory), though the demo's log is a temporary file; with --db too (a relative one), and
    with SMARKMEET_HOME set to the team's own folder."""
    import tempfile

    from smarkmeet import cli as cli_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    from smarkmeet.paths import exports_dir, minutes_dir

    seen = {}

    def run_app(path, *, read_only=False):
        seen.update(log=path, minutes=minutes_dir(), exports=exports_dir())

    monkeypatch.setattr(cli_module, "run_app", run_app)
    if not home_set:
        monkeypatch.delenv("SMARKMEET_HOME", raising=False)  # none set by the user: where the demo puts them
    mine = tmp_path / "mine" / "demo.db"
    mine.parent.mkdir()
    monkeypatch.chdir(mine.parent)
    result = runner.invoke(cli, ["demo", *(("--db", "demo.db") if given else ())])
    assert result.exit_code == 0, result.output
    assert seen["log"].exists() and (seen["log"] == mine) == given
    assert seen["minutes"] == seen["log"].parent / "minutes" and seen["exports"] == seen["log"].parent / "exports"
    assert not seen["minutes"].is_relative_to(isolated_home)
    # and when the demo is carried on with as it says, later (a new process, no demo's setting):
    # carried on with --db alone, its minutes went among the user's own
    monkeypatch.delenv("SMARKMEET_HOME", raising=False)
    said = result.output.split("To carry on with it:\n", 1)[1].split("\n(or read it", 1)[0]
    assert "\n" not in said  # the command alone on its line
    *settings, command, option, log = shlex.split(said)
    assert (command, option, Path(log)) == ("smarkmeet", "--db", seen["log"])
    for setting in settings:
        name, value = setting.split("=", 1)
        monkeypatch.setenv(name, value)
    assert minutes_dir() == seen["minutes"] and exports_dir() == seen["exports"]


def test_actions_json_matches_the_log(runner, sample_db):
    result = runner.invoke(cli, ["actions", "--db", str(sample_db), "--overdue", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    log = open_log(sample_db, SystemClock())
    today = log.clock.today().isoformat()
    expected = {
        row["id"]
        for row in log.rows("SELECT id FROM action_items WHERE status = 'open' AND due_date < ?", [today])
    }
    log.close()
    assert expected and {item["id"] for item in listed} == expected
    assert all(item["overdue"] and item["status"] == "open" for item in listed)
    first = listed[0]
    assert {"title", "owner", "due_date", "status", "carry_count", "origin_meeting_date"} <= set(first)


def test_actions_filters(runner, sample_db):
    def listed(*args):
        result = runner.invoke(cli, ["actions", "--db", str(sample_db), "--json", *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    everything = listed("--status", "all")
    assert {item["status"] for item in everything} == {"open", "done", "dropped"}
    assert all(item["owner_handle"] == "mei" for item in listed("--owner", "Mei", "--status", "all"))
    assert all(item["side"] == "sales" for item in listed("--side", "sales"))
    assert {item["status"] for item in listed("--status", "done")} == {"done"}
    assert len(listed()) == sum(1 for item in everything if item["status"] == "open")


def test_actions_table_is_readable(runner, sample_db):
    result = runner.invoke(cli, ["actions", "--db", str(sample_db)])
    assert result.exit_code == 0
    assert "OVERDUE" in result.output and "Owner" in result.output
    listed = json.loads(runner.invoke(cli, ["actions", "--db", str(sample_db), "--json"]).output)
    overdue = sum(1 for item in listed if item["overdue"])
    assert result.output.splitlines()[-1] == f"{len(listed)} item(s): {len(listed)} open ({overdue} overdue)"


def test_the_actions_tally_says_how_many_overdue_items_are_snoozed(runner, sample_db):
    """`actions --overdue` ended "7 open (7 overdue)" while home said "7 overdue (1 snoozed)"."""
    import sqlite3
    from datetime import date, timedelta

    listed = json.loads(runner.invoke(cli, ["actions", "--overdue", "--db", str(sample_db), "--json"]).output)
    with sqlite3.connect(sample_db) as conn:  # (the command's clock is the system's)
        conn.execute("UPDATE action_items SET snoozed_until = ? WHERE id = ?",
                     [(date.today() + timedelta(days=5)).isoformat(), listed[0]["id"]])
    result = runner.invoke(cli, ["actions", "--overdue", "--db", str(sample_db)])
    assert result.output.splitlines()[-1] == \
        f"{len(listed)} item(s): {len(listed)} open ({len(listed)} overdue, 1 of them snoozed)", result.output


def test_the_actions_tally_names_every_status_listed(runner, sample_db):
    """`--status all` summed up as "3 item(s): 2 open, 1 overdue": the done item went unsaid."""
    result = runner.invoke(cli, ["actions", "--db", str(sample_db), "--status", "all"])
    listed = json.loads(runner.invoke(cli, ["actions", "--db", str(sample_db), "--status", "all", "--json"]).output)
    counts = Counter(item["status"] for item in listed)
    overdue = sum(1 for item in listed if item["overdue"])
    assert result.output.splitlines()[-1] == (f"{len(listed)} item(s): {counts['open']} open ({overdue} overdue), "
                                              f"{counts['done']} done, {counts['dropped']} dropped")


@pytest.mark.parametrize(
    "args, message",
    [
        (["actions", "--owner", "zed"], "no one on the team matches 'zed'"),
        (["actions", "--owner", "m"], "matches more than one person"),
        # open items only: with done it printed "No action items match." and exited 0
        (["actions", "--overdue", "--status", "done"], "--overdue lists open items only"),
        (["export", "actions", "--overdue", "--status", "dropped"], "--overdue lists open items only"),
        # a --text with no word in it listed every item, as if no filter had been given
        (["actions", "--text", '"'], "has no word to look for"),
    ],
)
def test_actions_bad_owner(runner, sample_db, args, message):
    result = runner.invoke(cli, [*args, "--db", str(sample_db)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def _run_main(monkeypatch, capsys, args):
    monkeypatch.setattr("sys.argv", ["smarkmeet", *args])
    with pytest.raises(SystemExit) as caught:
        main()
    return caught.value.code, capsys.readouterr()


@pytest.mark.parametrize("content", [random.Random(7).randbytes(3000), b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 200],
                         ids=["random-bytes", "truncated-header"])
def test_bad_log_files_are_one_line_errors(monkeypatch, capsys, tmp_path, content):
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    code, out = _run_main(monkeypatch, capsys, ["actions", "--db", str(path)])
    assert code == 2
    assert out.err.startswith("smarkmeet: error: ") and out.err.count("\n") == 1
    assert path.read_bytes() == content


def test_missing_log_is_an_error_not_a_new_file(monkeypatch, capsys, tmp_path):
    code, out = _run_main(monkeypatch, capsys, ["actions", "--db", str(tmp_path / "none.db")])
    assert code == 2 and "no log at" in out.err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("args", [
    ["actions"], ["leads", "report"], ["leads", "show", "X-1"], ["search", "webinar"], ["goals", "list"],
    ["settings"], ["settings", "team_name", "Us"], ["glossary", "list"], ["export", "leads"], ["backup", "{tmp}/copy.db"],
])
def test_an_empty_file_is_not_made_into_a_log_by_a_command_that_needs_one(monkeypatch, capsys, tmp_path, args):
    path = tmp_path / "typo.txt"
    path.touch()
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    code, out = _run_main(monkeypatch, capsys, [*args, "--db", str(path)])
    assert code == 2 and out.err.count("\n") == 1
    assert f"{path} is an empty file, not a smarkmeet log" in out.err and "smarkmeet init --db" in out.err
    assert path.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["typo.txt"]


@pytest.mark.parametrize("args", [
    ["--db", "", "actions"], ["team", "list", "--db", ""], ["goals", "--db", "", "list"], ["--db", "", "init"],
    ["backup", ""], ["export", "leads", "--out", ""], ["leads", "import", ""],
    ["leads", "import", "{csv}", "--mapping", ""],
])
def test_an_empty_path_is_refused_in_words(monkeypatch, capsys, tmp_path, sample_db, args):
    """`--db ""` was read as "." (the folder the command ran in): `team list` ended in a traceback
    and `backup ""` wrote a copy of the log into the current folder."""
    csv = tmp_path / "leads.csv"
    csv.write_text("id,status\n1,New\n")
    monkeypatch.chdir(tmp_path)
    if "--db" not in args:
        args = [*args, "--db", str(sample_db)]
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out = _run_main(monkeypatch, capsys, [arg.replace("{csv}", str(csv)) for arg in args])
    assert code == 2 and out.err.count("\n") == 1
    assert "needs a name; an empty one was given" in out.err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_empty_file_opened_read_only_is_said_to_be_empty(monkeypatch, capsys, tmp_path):
    """It was called a log "written by an older smarkmeet"; nothing may be written read-only."""
    path = tmp_path / "typo.txt"
    path.touch()
    code, out = _run_main(monkeypatch, capsys, ["--read-only", "--db", str(path)])
    assert code == 2 and out.err.count("\n") == 1
    assert f"{path} is an empty file, not a smarkmeet log" in out.err
    assert path.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["typo.txt"]


@pytest.mark.parametrize("args", [["actions", "--side", "finance"], ["nonsense"], ["actions", "--status", "x"]])
def test_bad_arguments_are_one_line_errors(monkeypatch, capsys, args):
    code, out = _run_main(monkeypatch, capsys, args)
    assert code == 2
    assert out.err.startswith("smarkmeet: error: ") and out.err.count("\n") == 1


@pytest.mark.parametrize("typed, meant", [("glosary", "glossary"), ("serach", "search"), ("actoins", "actions")])
def test_a_mistyped_command_is_answered_with_the_close_one(monkeypatch, capsys, typed, meant):
    """Also for the command groups loaded only when asked for (cli.LAZY_COMMANDS)."""
    code, out = _run_main(monkeypatch, capsys, [typed])
    assert code == 2
    assert out.err.startswith(f"smarkmeet: error: No such command {typed!r}. Did you mean {meant!r}?")


def test_a_command_unlike_any_gets_no_suggestion(monkeypatch, capsys):
    code, out = _run_main(monkeypatch, capsys, ["zzz"])
    assert code == 2 and "Did you mean" not in out.err and "No such command 'zzz'" in out.err


@pytest.mark.parametrize("args", [["export"], ["goals"], ["leads"], ["glossary"]])
def test_a_command_group_alone_prints_what_it_offers(args, capsys, monkeypatch, isolated_home):
    """`smarkmeet export` printed its whole help as "smarkmeet: error: Usage: …", exit 2."""
    from smarkmeet.cli import main

    monkeypatch.setattr("sys.argv", ["smarkmeet", *args])
    with pytest.raises(SystemExit) as leaving:
        main()
    out, err = capsys.readouterr()
    assert leaving.value.code == 0 and err == ""
    assert out.startswith(f"Usage: smarkmeet {args[0]}") and "Commands:" in out


def test_a_usage_error_is_one_line(capsys, monkeypatch, isolated_home):
    from smarkmeet.cli import main

    monkeypatch.setattr("sys.argv", ["smarkmeet", "leads", "mapping"])
    with pytest.raises(SystemExit) as leaving:
        main()
    err = capsys.readouterr().err
    assert leaving.value.code == 2 and err.count("\n") == 1 and "hubspot" in err, err


@pytest.mark.parametrize("args, said", [
    (["actions", "--owner", ""], "--owner is empty"),
    (["export", "actions", "--due-to", " "], "--due-to is empty"),
    (["leads", "report", "--since", ""], "--since needs a day"),
    (["export", "leads", "--force"], "--force replaces the --out file"),
    (["export", "leads", "--format", "json", "--bom"], "--bom is for CSV only"),
    (["actions", "--text", ""], "--text is empty: give words"),  # it listed every item
    (["actions", "--due-from", "zz"], "--due-from: can't read 'zz' as a date"),  # which option was not said
    (["export", "actions", "--due-to", "12/01"], "--due-to: '12/01' could mean"),
    (["leads", "verdict", "10275", "maybe"], "Invalid value for 'VERDICT': 'maybe'"),  # not '{accepted|…}'
    (["leads", "show", ""], "give a lead's CRM id (an empty one was given)"),
])
def test_an_option_given_in_a_way_that_would_be_ignored_is_refused_in_words(runner, sample_db, args, said):
    """An empty --owner listed every item and an empty --since meant all time; --force without
    --out and --bom on JSON were silently ignored."""
    result = runner.invoke(cli, [*args, "--db", str(sample_db)])
    assert result.exit_code == 2 and said in result.output, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [["goals", "--db", "{db}", "list"], ["team", "--db", "{db}", "list"],
                                  ["leads", "--db", "{db}", "report"], ["export", "--db", "{db}", "actions"],
                                  ["glossary", "--db", "{db}", "list"]])
def test_db_may_follow_a_command_group_as_well_as_its_command(runner, sample_db, args):
    """`smarkmeet goals --db X list` was refused with "No such option '--db'", though every
    command takes --db."""
    at_the_end = [arg for arg in args if arg not in ("--db", "{db}")] + ["--db", str(sample_db)]
    expected = runner.invoke(cli, at_the_end)
    result = runner.invoke(cli, [arg.replace("{db}", str(sample_db)) for arg in args])
    assert result.exit_code == 0 == expected.exit_code, result.output
    assert result.output == expected.output


def test_long_lines_for_a_terminal_wrap_at_words_and_piped_ones_stay_whole():
    """At 80 columns the lead report's SLA lines broke mid-word ("[r" / "ed]", "12 disqu" /
    "alified"): a terminal cuts where it ends. Lines wider than the terminal wrap at words,
    indented under their first; piped output (no width) is left whole for the program reading it."""
    from smarkmeet.cli_text import wrapped

    line = ("Sales SLA: 47 of 116 leads got a first verdict within 48 h → 41% (target 90%) [red]; "
            "5 still inside the window")
    text = f"Title\n    {line}\nshort"
    out = wrapped(text, 80).splitlines()
    assert out[0] == "Title" and out[-1] == "short"
    body = out[1:-1]
    assert len(body) == 2 and all(len(part) <= 80 for part in body)
    assert body[0].startswith("    Sales") and body[1].startswith("      ")  # indented under the first
    assert " ".join(part.strip() for part in body) == line  # every word, none split
    assert wrapped(text, None) == text


def test_quitting_mid_meeting_says_it_is_kept_and_how_to_resume(sample_log, capsys):
    """ctrl+q mid-meeting left the shell with nothing said, as if the meeting were lost."""
    from smarkmeet.cli import _say_meeting_left_open
    from smarkmeet.services.meeting import MeetingRunner

    _say_meeting_left_open(sample_log)
    assert capsys.readouterr().out == ""  # no meeting running: nothing to say
    meeting = sample_log.meetings.next_planned()
    runner = MeetingRunner(sample_log, meeting.id)
    runner.start()
    runner.next_section()
    _say_meeting_left_open(sample_log)
    said = capsys.readouterr().out
    assert f"“{meeting.title}”" in said and "still in progress" in said and "resume" in said
    assert f"at “{runner.current.title}”" in said
    sample_log.read_only = True  # opened read-only: it cannot be resumed from there, so not told to
    _say_meeting_left_open(sample_log)
    assert capsys.readouterr().out == ""
    sample_log.read_only = False


def test_no_commands_summary_is_cut_in_the_help(runner):
    """`smarkmeet leads --help` listed "report   Per source (or owner): leads,...": click cuts a
    first sentence too long for an 80-column help at "..."; each command says its own short one."""
    import click

    def groups(group: click.Group, ctx: click.Context):
        yield group
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, click.Group):
                yield from groups(command, ctx)

    with click.Context(cli) as ctx:
        for group in groups(cli, ctx):
            for name in group.list_commands(ctx):
                command = group.get_command(ctx, name)
                limit = 80 - 6 - max(len(each) for each in group.list_commands(ctx))
                summary = command.get_short_help_str(limit)
                assert not summary.endswith("..."), (group.name, name, summary)
