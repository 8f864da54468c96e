"""``smarkmeet export …``: exports read back with csv and json and checked against the log's rows,
spreadsheet-safe CSV, golden minutes, atomic --out files, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import tracemalloc
from datetime import timedelta
from pathlib import Path

import pytest

from smarkmeet.cli import cli, main
from smarkmeet.clock import FixedClock
from smarkmeet.domain.models import ActionItem, Meeting
from smarkmeet.services.export import (
    ACTION_COLUMNS,
    DAYS_DECIMALS,
    csv_cell,
    find_ended_meeting,
    lead_records,
    spreadsheet_safe,
    write_records,
)
from smarkmeet.services.sample import load_sample
from smarkmeet.store.exports import LEAD_COLUMNS
from smarkmeet.store.log import open_log
from tests.conftest import FIXED_NOW

GOLDEN = Path(__file__).parent / "golden"
WEEKLY_ID = "f0ab25b2-cc80-53d1-8d6d-8c8c5bebb23b"  # the demo's last weekly meeting (a week before "today")
PLANNED_ID = "6c465547-1de4-579e-aa38-699c1c4d1ca4"  # the demo's meeting planned for today


@pytest.fixture
def fixed_db(tmp_path, monkeypatch):
    """The demo team in a log file, loaded and exported with the fixed clock (stable output)."""
    path = tmp_path / "fixed.db"
    log = open_log(path, FixedClock(FIXED_NOW))
    load_sample(log)
    log.close()
    monkeypatch.setattr("smarkmeet.clock.SystemClock", lambda: FixedClock(FIXED_NOW))
    return path


def export(runner, db, *args):
    result = runner.invoke(cli, ["export", *args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _run_main(monkeypatch, capsys, args):
    monkeypatch.setattr("sys.argv", ["smarkmeet", *args])
    with pytest.raises(SystemExit) as caught:
        main()
    return caught.value.code, capsys.readouterr()


# -- the spreadsheet-safety rule -----------------------------------------------------


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "=1+1", "+44 20 7946 0000", "-2+3", "@SUM(A1)",
                                  "\tcmd", "\rcmd", "=", "-", "-1e3", "-42,5", "+1-1"])
def test_cells_a_spreadsheet_would_run_are_neutralised(text):
    assert spreadsheet_safe(text) == "'" + text
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["", "plain", "a=b", " =1", "'=already quoted", "2026-11-23", "Tomás", "x-y",
                                  "-42", "-3", "+7", "-0.5"])  # a plain number runs nothing (README: "-3 stays")
def test_other_text_is_left_alone(text):
    assert spreadsheet_safe(text) == text


def test_cells_of_other_types():
    assert [csv_cell(v) for v in (None, True, False, 3, -2, -1.5, 0.25)] == ["", "true", "false", "3", "-2", "-1.5",
                                                                            "0.25"]


def test_an_action_titled_as_a_formula_is_exported_as_text(runner, sample_db, tmp_path):
    from smarkmeet.clock import SystemClock

    log = open_log(sample_db, SystemClock())
    item = log.actions.add(ActionItem(title='=HYPERLINK("x")', created_at=log.clock.now()))
    log.close()
    out = tmp_path / "actions.csv"
    export(runner, sample_db, "actions", "--status", "all", "--out", str(out))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows[item.id]["title"] == '\'=HYPERLINK("x")'
    as_json = json.loads(export(runner, sample_db, "actions", "--status", "all", "--format", "json").stdout)
    assert [r["title"] for r in as_json if r["id"] == item.id] == ['=HYPERLINK("x")']  # JSON keeps it as typed


# -- action items ------------------------------------------------------------------------


_ACTIONS_SQL = """
SELECT a.id, a.title, a.status, a.due_date, a.carry_count, p.name AS owner, a.side FROM action_items a
LEFT JOIN people p ON p.id = a.owner_id WHERE {where}
ORDER BY a.due_date IS NULL, a.due_date, a.created_at, a.id
"""


@pytest.mark.parametrize("args, where", [
    ([], "a.status = 'open'"),
    (["--status", "all"], "1"),
    (["--status", "done", "--side", "marketing"], "a.status = 'done' AND a.side = 'marketing'"),
    (["--overdue"], "a.status = 'open' AND a.due_date < :today"),
    (["--owner", "mei", "--status", "all"], "p.handle = 'mei'"),
])
def test_action_exports_hold_the_logs_rows(runner, fixed_db, args, where):
    log = open_log(fixed_db, FixedClock(FIXED_NOW))
    expected = log.rows(_ACTIONS_SQL.format(where=where), {"today": FIXED_NOW.date().isoformat()})
    log.close()
    assert expected
    rows = read_csv(export(runner, fixed_db, "actions", *args).stdout)
    assert list(rows[0]) == list(ACTION_COLUMNS)
    assert [(r["id"], r["title"], r["status"], r["due_date"], int(r["carry_count"]), r["owner"], r["side"])
            for r in rows] == [tuple(e.values()) for e in expected]
    records = json.loads(export(runner, fixed_db, "actions", "--format", "json", *args).stdout)
    assert records == json.loads(runner.invoke(cli, ["actions", "--json", *args, "--db", str(fixed_db)]).stdout)
    assert [r["id"] for r in records] == [e["id"] for e in expected]


def test_an_unknown_owner_writes_nothing(runner, sample_db, tmp_path):
    result = runner.invoke(cli, ["export", "actions", "--owner", "zed", "--out", str(tmp_path / "a.csv"),
                                 "--db", str(sample_db)])
    assert result.exit_code == 2 and "no one on the team matches 'zed'" in result.output
    assert os.listdir(tmp_path) == [sample_db.name]


# -- leads ----------------------------------------------------------------------------------


def test_lead_exports_hold_every_lead_in_order(runner, fixed_db):
    log = open_log(fixed_db, FixedClock(FIXED_NOW))
    expected = log.rows(f"SELECT {', '.join(LEAD_COLUMNS)} FROM leads "
                        "ORDER BY julianday(created_at), created_at, crm_id")
    log.close()
    assert len(expected) > 200
    rows = read_csv(export(runner, fixed_db, "leads").stdout)
    assert list(rows[0]) == list(LEAD_COLUMNS)
    assert [r["crm_id"] for r in rows] == [e["crm_id"] for e in expected]
    for row, want in zip(rows, expected, strict=True):
        assert row["verdict"] == (want["verdict"] or "") and row["reason"] == want["reason"]
        assert row["first_verdict_days"] == ("" if want["first_verdict_days"] is None
                                             else str(round(want["first_verdict_days"], DAYS_DECIMALS)))
        assert row["created_known"] == ("true" if want["created_known"] else "false")
    records = json.loads(export(runner, fixed_db, "leads", "--format", "json").stdout)
    assert [r["crm_id"] for r in records] == [e["crm_id"] for e in expected]
    flags = ("created_known", "crm_converted")
    assert any(len(str(e["first_verdict_days"])) > 8 for e in expected)  # there is something to round
    rounded = [{**{k: None if v == "" else v for k, v in e.items()},  # empty text is null, as README says
                "first_verdict_days": None if e["first_verdict_days"] is None
                else round(e["first_verdict_days"], DAYS_DECIMALS)} for e in expected]
    assert any(e["reason"] == "" for e in expected) and all(r["reason"] is None or r["reason"] for r in records)
    assert [{k: v for k, v in r.items() if k not in flags} for r in records] == \
           [{k: v for k, v in e.items() if k not in flags} for e in rounded]
    assert all(r["created_known"] is bool(e["created_known"]) for r, e in zip(records, expected, strict=True))


def test_a_lead_export_imports_back_as_the_same_text(runner, tmp_path):
    """A CRM id "-42" was exported as "'-42" and imported back as a second lead "'-42"."""
    source = tmp_path / "crm.csv"
    source.write_text('crm_id,name,company,source\n-42,Ann,"=HYPERLINK(""x"")",Web\n7,Bo,@corp,-3\n')
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert runner.invoke(cli, ["leads", "import", str(source), "--db", str(one)]).exit_code == 0
    exported = export(runner, one, "leads").output
    rows = read_csv(exported)
    assert [r["crm_id"] for r in rows] == ["-42", "7"] and rows[0]["company"] == "'=HYPERLINK(\"x\")"
    back = tmp_path / "back.csv"
    back.write_text(exported)
    assert runner.invoke(cli, ["leads", "import", str(back), "--db", str(two)]).exit_code == 0
    for db in (one, two):
        assert runner.invoke(cli, ["leads", "import", str(back), "--db", str(db)]).exit_code == 0  # again: updates
    read = [sqlite3.connect(db).execute("SELECT crm_id, company, source FROM leads ORDER BY crm_id").fetchall()
            for db in (one, two)]
    assert read[0] == read[1] == [("-42", '=HYPERLINK("x")', "Web"), ("7", "@corp", "-3")]


def test_a_lead_export_imported_again_changes_nothing_and_keeps_undated_leads_undated(runner, tmp_path, fixed_db):
    """Re-importing smarkmeet's own export (generic preset) read its `verdict` column as the CRM
    status, overwriting `crm_status` ("Ringing" → "accepted"), and gave every undated lead the
    import's time as a real date, so a whole CRM history read as this week's leads."""
    crm = tmp_path / "crm.csv"  # the demo's dated leads, plus a CRM history with no dates
    crm.write_text("Prospect ID,Lead Source,Converted,Tags\nX1,Google,0,Ringing\nX2,google,1,Ringing\n"
                   "X3,Reference,0,Interested in other courses\nX4,Olark Chat,0,\n", encoding="utf-8")
    mapping = Path(__file__).parents[2] / "sample_data" / "mappings" / "x-education.toml"
    assert runner.invoke(cli, ["leads", "import", str(crm), "--mapping", str(mapping), "--db", str(fixed_db)]
                         ).exit_code == 0

    def leads(db) -> list[tuple]:
        with sqlite3.connect(db) as conn:
            return conn.execute(f"SELECT {', '.join(LEAD_COLUMNS)} FROM leads ORDER BY crm_id").fetchall()

    def entries(db) -> int:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM changes").fetchone()[0]

    before, written = leads(fixed_db), entries(fixed_db)
    undated = sum(1 for row in before if not row[LEAD_COLUMNS.index("created_known")])
    assert undated == 4
    back = tmp_path / "back.csv"
    back.write_text(export(runner, fixed_db, "leads").output, encoding="utf-8")
    again = runner.invoke(cli, ["leads", "import", str(back), "--json", "--db", str(fixed_db)])
    assert again.exit_code == 0, again.output
    report = json.loads(again.stdout)
    assert (report["new"], report["updated"], report["verdicts"]) == (0, 0, 0)
    assert report["unchanged"] == len(before)
    assert leads(fixed_db) == before
    assert entries(fixed_db) == written + 1  # the import's own record, nothing else

    fresh = tmp_path / "fresh.db"  # another log: the CRM's words and the undated leads come across as they were
    assert runner.invoke(cli, ["leads", "import", str(back), "--db", str(fresh)]).exit_code == 0
    kept = ("crm_id", "source", "created_known", "crm_status", "crm_converted", "stage")
    picked = [LEAD_COLUMNS.index(name) for name in kept]
    assert [[row[i] for i in picked] for row in leads(fresh)] == [[row[i] for i in picked] for row in before]


def test_an_empty_log_exports_a_header_or_an_empty_array(runner, tmp_path):
    db = tmp_path / "empty.db"
    assert runner.invoke(cli, ["init", "--db", str(db)]).exit_code == 0
    assert export(runner, db, "leads").stdout_bytes == (",".join(LEAD_COLUMNS) + "\r\n").encode()
    assert json.loads(export(runner, db, "leads", "--format", "json").stdout) == []


class _Sink(io.TextIOBase):
    """A stream that counts what it is given and keeps none of it."""

    written = 0

    def write(self, text: str) -> int:
        self.written += len(text)
        return len(text)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_lead_export_streams(tmp_path, clock, fmt):
    """20,000 leads are written holding a few rows at a time, not the whole table."""
    log = open_log(tmp_path / "many.db", clock)
    leads = 20_000
    with log.transaction():
        log.db.conn.executemany(
            "INSERT INTO leads (id, crm_id, name, company, email, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(f"id-{n:06}", f"CRM-{n:06}", f"Lead number {n}", "Some Company Ltd", f"lead{n}@example.com",
              "Webinar", f"2026-{1 + n % 12:02}-01T09:00:00+01:00") for n in range(leads)],
        )
    sink = _Sink()
    tracemalloc.start()
    try:
        count = write_records(lead_records(log), LEAD_COLUMNS, fmt, sink)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        log.close()
    assert count == leads and sink.written > 100 * leads
    assert peak < 2_000_000, f"peak {peak:,} bytes: the export held rows it had already written"


# -- minutes --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, golden", [("md", "minutes-weekly.md"), ("json", "minutes-weekly.json")])
def test_minutes_match_the_golden_files(runner, fixed_db, fmt, golden):
    """To accept a deliberate change: SMARKMEET_UPDATE_GOLDEN=1 pytest tests/unit/test_export.py, then review."""
    text = export(runner, fixed_db, "minutes", WEEKLY_ID[-8:], "--format", fmt).stdout
    path = GOLDEN / golden
    if os.environ.get("SMARKMEET_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_json_minutes_hold_the_logs_rows(runner, fixed_db):
    minutes = json.loads(export(runner, fixed_db, "minutes", WEEKLY_ID, "--format", "json").stdout)
    log = open_log(fixed_db, FixedClock(FIXED_NOW))
    q = lambda sql: log.rows(sql, [WEEKLY_ID])
    assert minutes["meeting"]["id"] == WEEKLY_ID and minutes["meeting"]["status"] == "ended"
    sections = q("SELECT title, timebox_minutes, seconds_spent FROM agenda_sections WHERE meeting_id = ? "
                 "ORDER BY position")
    assert [(s["title"], s["planned_seconds"], s["spent_seconds"]) for s in minutes["sections"]] == \
           [(s["title"], s["timebox_minutes"] * 60, s["seconds_spent"]) for s in sections]
    assert minutes["timing"]["spent_seconds"] == sum(s["seconds_spent"] for s in sections)
    present = q("SELECT p.name FROM attendance a JOIN people p ON p.id = a.person_id "
                "WHERE a.meeting_id = ? AND a.present = 1")
    assert {a["name"] for a in minutes["attendance"] if a["present"]} == {p["name"] for p in present}
    created = q("SELECT id FROM action_items WHERE origin_meeting_id = ? ORDER BY created_at, id")
    assert [a["id"] for a in minutes["action_items_created"]] == [c["id"] for c in created]
    verdicts = q("SELECT verdict, count(*) AS n FROM lead_feedback WHERE meeting_id = ? GROUP BY verdict")
    assert sum(v["count"] for v in minutes["verdicts"]) == sum(v["n"] for v in verdicts) > 0
    notes = q("SELECT id FROM criticism_notes WHERE meeting_id = ? ORDER BY created_at, id")
    assert [n["id"] for n in minutes["criticism_notes"]] == [n["id"] for n in notes]
    scores = sorted(r["score"] for r in q("SELECT score FROM ratings WHERE meeting_id = ?"))
    assert minutes["rating"]["scores"] == scores
    assert minutes["rating"]["average"] == round(sum(scores) / len(scores), 2)
    log.close()


def test_a_meeting_is_found_by_id_short_id_or_latest(sample_log):
    latest = sample_log.meetings.last_ended()
    assert find_ended_meeting(sample_log, "latest").id == latest.id
    assert find_ended_meeting(sample_log, "LATEST").id == latest.id
    assert find_ended_meeting(sample_log, WEEKLY_ID).id == WEEKLY_ID
    assert find_ended_meeting(sample_log, WEEKLY_ID[-8:].upper()).id == WEEKLY_ID


def test_a_meeting_is_found_by_the_day_it_was_held(sample_log):
    """History shows meetings by date, not id: `export minutes 2026-12-07` said "no meeting with id"."""
    from smarkmeet.domain.enums import MeetingStatus
    from smarkmeet.services.export import ExportError

    weekly = sample_log.meetings.get(WEEKLY_ID)
    assert find_ended_meeting(sample_log, weekly.scheduled_for.isoformat()).id == WEEKLY_ID
    ended = {row["scheduled_for"] for row in sample_log.rows("SELECT scheduled_for FROM meetings WHERE status = 'ended'")}
    free = next(weekly.scheduled_for + timedelta(days=n) for n in range(1, 30)
                if (weekly.scheduled_for + timedelta(days=n)).isoformat() not in ended)
    with pytest.raises(ExportError, match=f"no meeting ended on {free.isoformat()}"):
        find_ended_meeting(sample_log, free.isoformat())
    twin = Meeting(title="Second weekly", scheduled_for=weekly.scheduled_for, status=MeetingStatus.ENDED,
                   started_at=weekly.started_at + timedelta(hours=3), ended_at=weekly.ended_at + timedelta(hours=3))
    sample_log.meetings.create(twin, [])
    with pytest.raises(ExportError, match=f"2 meetings ended on {weekly.scheduled_for.isoformat()}: "
                                          f"{WEEKLY_ID[-8:]} .*, {twin.id[-8:]} .*give one's id"):
        find_ended_meeting(sample_log, weekly.scheduled_for.isoformat())


def test_a_meeting_is_found_by_its_day_in_other_words(sample_log):
    """`export minutes 14/12` was refused ("its date as YYYY-MM-DD") though the start dialog takes
    14/12: the day is read as a report reads one, looking back."""
    from smarkmeet.services.export import ExportError

    weekly = sample_log.meetings.get(WEEKLY_ID)
    day = weekly.scheduled_for
    assert find_ended_meeting(sample_log, f"{day.day} {day:%b}".lower()).id == WEEKLY_ID
    back = (sample_log.clock.today() - day).days
    assert find_ended_meeting(sample_log, f"{back} days ago").id == WEEKLY_ID
    with pytest.raises(ExportError, match="no meeting with id 'zzz' .*2 dec, last wednesday"):
        find_ended_meeting(sample_log, "zzz")
    # a meeting dated ahead (run early) is found by its day too, though a day is read looking back
    ahead = sample_log.clock.today() + timedelta(days=7)
    early = Meeting(title="Run early", scheduled_for=ahead, status="ended", started_at=sample_log.clock.now(),
                    ended_at=sample_log.clock.now())
    sample_log.meetings.create(early, [])
    assert find_ended_meeting(sample_log, f"{ahead.day} {ahead:%b}".lower()).id == early.id


def test_markdown_minutes_escape_what_would_break_them(runner, fixed_db):
    log = open_log(fixed_db, FixedClock(FIXED_NOW))
    log.actions.add(ActionItem(title="Fix | the *table* <b>\n# now", origin_meeting_id=WEEKLY_ID,
                               created_at=FIXED_NOW))
    log.close()
    text = export(runner, fixed_db, "minutes", WEEKLY_ID).stdout
    assert r"| Fix \| the \*table\* \<b\> # now | — | — |" in text.splitlines()  # one line: "#" mid-line is text


@pytest.mark.parametrize("ref, message", [
    ("nope", "no meeting with id 'nope'"),
    ("2026-13-45", "'2026-13-45' is not a real date"),  # said to be an unknown id
    (PLANNED_ID[-8:], "has not ended (it is planned)"),
    (PLANNED_ID, "has not ended (it is planned)"),
    ("deadbeef", "is the end of 2 meetings' ids"),
])
def test_a_meeting_that_cannot_be_exported_is_a_one_line_error(monkeypatch, capsys, fixed_db, ref, message):
    log = open_log(fixed_db, FixedClock(FIXED_NOW))
    for n in (1, 2):
        log.meetings.create(Meeting(id=f"twin-{n}-deadbeef", title="Twin", scheduled_for=FIXED_NOW.date()), [])
    log.close()
    code, out = _run_main(monkeypatch, capsys, ["export", "minutes", ref, "--db", str(fixed_db)])
    assert code == 2 and out.out == ""
    assert out.err.startswith("smarkmeet: error: ") and out.err.count("\n") == 1 and message in out.err


def test_no_ended_meeting_yet(runner, tmp_path):
    db = tmp_path / "empty.db"
    runner.invoke(cli, ["init", "--db", str(db)])
    result = runner.invoke(cli, ["export", "minutes", "latest", "--db", str(db)])
    assert result.exit_code == 2 and "no ended meeting yet" in result.output


# -- files, stdout and errors ------------------------------------------------------------------


def test_out_writes_a_private_file_atomically_and_says_where(runner, sample_db, tmp_path):
    out = tmp_path / "exports" / "leads.csv"
    out.parent.mkdir()
    result = export(runner, sample_db, "leads", "--out", str(out))
    assert result.stdout == "" and result.stderr.strip() == f"Wrote 278 lead(s) to {out}"
    assert out.read_bytes().startswith(b"crm_id,")  # no BOM unless asked: csv.DictReader gets clean names
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert os.listdir(out.parent) == ["leads.csv"]  # no temporary file left behind


def test_out_naming_a_folder_writes_into_it_under_the_apps_name(runner, sample_db, tmp_path):
    """`--out out/` wrote a file called "out"; an existing folder was refused as "a directory"
    (`backup` takes a folder). Into the folder, under the name the app's exports take."""
    from smarkmeet.clock import SystemClock

    log = open_log(sample_db, FixedClock(FIXED_NOW))
    latest = log.meetings.last_ended()
    log.close()
    today = SystemClock().today()  # (the command's own clock names the file)
    made = tmp_path / "made"
    result = export(runner, sample_db, "minutes", "latest", "--out", f"{made}/")
    minutes = made / f"minutes-{latest.scheduled_for.isoformat()}-{latest.kind.value}.md"
    assert minutes.read_text().startswith("# ") and result.stderr.strip().endswith(f"to {minutes}")
    existing = tmp_path / "existing"
    existing.mkdir()
    export(runner, sample_db, "leads", "--out", str(existing))
    export(runner, sample_db, "actions", "--format", "json", "--out", str(existing))
    assert sorted(os.listdir(existing)) == [f"actions-{today.isoformat()}.json", f"leads-{today.isoformat()}.csv"]
    again = export(runner, sample_db, "leads", "--out", str(existing))  # a name taken: the next one, as the app
    assert again.stderr.strip().endswith(f"leads-{today.isoformat()}-2.csv")


def test_out_refuses_to_overwrite_without_force(runner, sample_db, tmp_path):
    out = tmp_path / "minutes.md"
    out.write_text("keep me")
    result = runner.invoke(cli, ["export", "minutes", "latest", "--out", str(out), "--db", str(sample_db)])
    assert result.exit_code == 2 and "already exists; add --force" in result.output
    assert out.read_text() == "keep me"
    export(runner, sample_db, "minutes", "latest", "--out", str(out), "--force")
    assert out.read_text().startswith("# Monthly smarketing")
    assert sorted(os.listdir(tmp_path)) == sorted(["minutes.md", sample_db.name])


def test_out_never_replaces_the_log(runner, sample_db):
    before = sample_db.read_bytes()
    result = runner.invoke(cli, ["export", "leads", "--out", str(sample_db), "--force", "--db", str(sample_db)])
    assert result.exit_code == 2 and "is the log itself" in result.output
    assert sample_db.read_bytes() == before


def test_byte_order_mark_on_request(runner, sample_db, tmp_path):
    assert not export(runner, sample_db, "leads").stdout.startswith("\ufeff")
    assert export(runner, sample_db, "leads", "--bom").stdout.startswith("\ufeffcrm_id,")
    export(runner, sample_db, "leads", "--bom", "--out", str(tmp_path / "excel.csv"))
    assert (tmp_path / "excel.csv").read_bytes().startswith(b"\xef\xbb\xbfcrm_id,")
    export(runner, sample_db, "leads", "--format", "json", "--out", str(tmp_path / "leads.json"))
    assert json.loads((tmp_path / "leads.json").read_text(encoding="utf-8"))  # JSON never gets a BOM


@pytest.mark.parametrize("args, message", [
    (["export", "minutes", "nope"], "no meeting with id 'nope'"),
    (["export", "minutes", "latest", "--format", "pdf"], "'pdf' is not one of"),
    (["export", "leads", "--format", "xlsx"], "'xlsx' is not one of"),
    (["export", "actions", "--out", "{tmp}/no/such/dir/a.csv"], "does not exist"),
    (["export", "leads", "--db", "{tmp}/none.db"], "no log at"),
    (["export", "minutes", "latest", "--db", "{tmp}/none.db"], "no log at"),
])
def test_errors_are_one_line_with_exit_code_2(monkeypatch, capsys, sample_db, tmp_path, args, message):
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    if "--db" not in args:
        args += ["--db", str(sample_db)]
    code, out = _run_main(monkeypatch, capsys, args)
    assert code == 2
    assert out.err.startswith("smarkmeet: error: ") and out.err.count("\n") == 1 and message in out.err
    assert "Traceback" not in out.err and not (tmp_path / "none.db").exists()


def test_leads_are_exported_by_the_moment_of_delivery_whatever_its_offset(runner, tmp_path):
    from smarkmeet.cli import cli

    db = tmp_path / "team.db"
    assert runner.invoke(cli, ["init", "--db", str(db)]).exit_code == 0
    log = open_log(db, FixedClock(FIXED_NOW))
    for crm_id, created in [("A", "2026-11-20T08:30:00+00:00"), ("B", "2026-11-20T09:00:00+02:00")]:
        log.conn.execute("INSERT INTO leads (id, crm_id, name, company, email, source, created_at) "
                         "VALUES (?, ?, 'x', '', '', 'web', ?)", [crm_id, crm_id, created])
    log.conn.commit()
    log.close()
    rows = read_csv(export(runner, db, "leads").stdout)
    assert [row["crm_id"] for row in rows] == ["B", "A"]  # 07:00 UTC before 08:30 UTC
