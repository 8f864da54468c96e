"""CRM import: mapping, re-import by CRM id, partial files, and bad input reported by row, log untouched."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from smarkmeet.cli import cli
from smarkmeet.domain.enums import DEFAULT_REJECTION_REASONS
from smarkmeet.clock import FixedClock, SystemClock
from smarkmeet.services.crmmapping import MappingError, load_mapping, preset
from smarkmeet.services.leadimport import LeadImportError, import_leads, preview_import
from smarkmeet.store.log import open_log
from tests.conftest import FIXED_NOW

HUBSPOT_HEADER = "Record ID,First Name,Last Name,Email,Company Name,Original Source,Create Date,Lead Status,Lifecycle Stage"


def write(path: Path, text: str, *, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


@pytest.fixture
def file_log(tmp_path, clock):
    log = open_log(tmp_path / "team.db", clock)
    yield log
    log.close()


def snapshot(log) -> list[str]:
    """Everything in the log, to prove a failed import altered nothing."""
    return list(log.db.conn.iterdump())


def hubspot_file(tmp_path, rows: list[str], **kwargs) -> Path:
    return write(tmp_path / "export.csv", "\n".join([HUBSPOT_HEADER, *rows]) + "\n", **kwargs)


ROWS = [
    "101,Ada,Lovelace,ada@example.com,Analytical,Paid Search,2026-11-16 10:00,New,Marketing Qualified Lead",
    "102,Grace,Hopper,grace@example.com,Navy,paid search,2026-11-17 11:30,In Progress,Sales Qualified Lead",
    "103,Alan,Turing,alan@example.com,Bletchley,Organic Search,2026-11-18 09:15,Unqualified,Lead",
]


def test_hubspot_export_is_imported_with_verdicts_stages_and_merged_sources(tmp_path, file_log):
    report = import_leads(file_log, hubspot_file(tmp_path, ROWS), preset("hubspot"))
    assert (report.new, report.updated, report.unchanged, report.rejected) == (3, 0, 0, [])
    assert report.merged_sources == {"Paid Search": ["paid search"]}
    leads = {row["crm_id"]: row for row in file_log.rows("SELECT * FROM leads")}
    assert leads["101"]["name"] == "Ada Lovelace" and leads["101"]["verdict"] is None
    assert leads["102"]["source"] == "Paid Search" and leads["102"]["verdict"] == "accepted"
    assert leads["102"]["stage"] == "sql"
    assert (leads["103"]["verdict"], leads["103"]["reason"]) == ("rejected", "not a fit")
    # a date without an offset is local time on that date, wherever the tests run
    assert datetime.fromisoformat(leads["101"]["created_at"]) == datetime(2026, 11, 16, 10, 0).astimezone()
    feedback = file_log.rows("SELECT * FROM lead_feedback")
    assert {row["via"] for row in feedback} == {"import"} and all(row["timed"] == 0 for row in feedback)
    assert file_log.rows("SELECT new, updated, rejected FROM lead_imports") == [{"new": 3, "updated": 0, "rejected": 0}]
    assert len(file_log.changes(table="leads")) == 3
    assert "sources merged: 'paid search' → 'Paid Search'" in report.summary()
    # the same file again writes nothing, so it merges nothing: not said as though it had
    again = import_leads(file_log, hubspot_file(tmp_path, ROWS), preset("hubspot"))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert "sources merged" not in again.summary()


def test_a_lifecycle_stage_of_customer_is_a_conversion_as_the_funnel_counts_it(tmp_path, file_log, clock):
    """A HubSpot export has no converted column: its customers kept whatever verdict their lead
    status gave (or none), so the report said 0% converted while the funnel counted them all."""
    rows = [*ROWS, "104,Edsger,Dijkstra,ed@example.com,TU,Paid Search,2026-11-18 10:00,,Customer",
            "105,Barbara,Liskov,bl@example.com,MIT,Paid Search,2026-11-18 11:00,Unqualified,Evangelist"]
    path = hubspot_file(tmp_path, rows)
    preview = preview_import(path, preset("hubspot"), clock.now())
    shown = {row.crm_id: row for row in preview.rows}
    assert shown["104"].verdict == "converted" and shown["105"].verdict == "converted"
    assert "stage customer" in shown["105"].note  # over what its status says
    report = import_leads(file_log, path, preset("hubspot"))
    leads = {row["crm_id"]: row for row in file_log.rows("SELECT * FROM leads")}
    assert [leads[crm_id]["verdict"] for crm_id in ("104", "105")] == ["converted", "converted"]
    converted = file_log.one("SELECT count(*) AS n FROM leads WHERE verdict = 'converted'")["n"]
    customers = file_log.one("SELECT count(*) AS n FROM leads WHERE stage = 'customer'")["n"]
    assert converted == customers == 2 and report.verdicts == 4

    # a later export: 101 became a customer; the others, unchanged, are left as they are
    clock.advance(days=1)
    again = import_leads(file_log, hubspot_file(tmp_path, [ROWS[0].replace("Marketing Qualified Lead", "Customer"),
                                                           *rows[1:]]), preset("hubspot"))
    assert (again.updated, again.verdicts) == (1, 1)
    assert file_log.leads.by_crm_id("101").verdict.value == "converted"
    assert import_leads(file_log, hubspot_file(tmp_path, [ROWS[0].replace("Marketing Qualified Lead", "Customer"),
                                                          *rows[1:]]), preset("hubspot")).verdicts == 0


def test_a_crm_reason_is_stored_in_the_teams_spelling_so_the_mix_counts_it_once(tmp_path, file_log):
    """A CRM's "No Budget" beside the team's "no budget" (given in a meeting or with `leads
    verdict`) made two rows of the rejection mix, each half of what it was."""
    from smarkmeet.services.leadreport import lead_report

    team = "no budget"
    assert team in file_log.setting("rejection_reasons", list(DEFAULT_REJECTION_REASONS))
    header = HUBSPOT_HEADER + ",Lead Status Reason"
    rows = [ROWS[2] + ",No Budget", ROWS[0].replace(",New,", ",Unqualified,") + ",NO BUDGET",
            ROWS[1].replace(",In Progress,", ",Unqualified,") + ",Went Dark"]
    import_leads(file_log, write(tmp_path / "reasons.csv", "\n".join([header, *rows]) + "\n"), preset("hubspot"))
    stored = {row["crm_id"]: row["reason"] for row in file_log.rows("SELECT crm_id, reason FROM leads")}
    assert stored == {"103": team, "101": team, "102": "Went Dark"}  # a reason the team has not listed, as written
    assert {row.reason: row.rejections for row in lead_report(file_log, by="reason").reasons} == {team: 2, "Went Dark": 1}


def test_reimporting_the_same_export_changes_nothing(tmp_path, file_log):
    path = hubspot_file(tmp_path, ROWS)
    import_leads(file_log, path, preset("hubspot"))
    before = file_log.rows("SELECT count(*) AS n FROM lead_feedback")
    again = import_leads(file_log, path, preset("hubspot"))
    assert (again.new, again.updated, again.unchanged, again.verdicts) == (0, 0, 3, 0)
    assert file_log.rows("SELECT count(*) AS n FROM lead_feedback") == before
    assert file_log.leads.count() == 3


def test_a_later_export_updates_by_crm_id_and_keeps_the_verdict_history(tmp_path, file_log, clock):
    import_leads(file_log, hubspot_file(tmp_path, ROWS), preset("hubspot"))
    clock.advance(days=2)
    later = [ROWS[0].replace(",New,", ",Bad Timing,"), *ROWS[1:]]
    report = import_leads(file_log, hubspot_file(tmp_path, later), preset("hubspot"))
    assert (report.new, report.updated, report.unchanged, report.verdicts) == (0, 1, 2, 1)
    lead = file_log.leads.by_crm_id("101")
    assert lead.verdict.value == "nurture" and lead.crm_status == "Bad Timing"


def test_a_file_with_only_id_and_status_updates_only_the_status(tmp_path, file_log):
    import_leads(file_log, hubspot_file(tmp_path, ROWS), preset("hubspot"))
    partial = write(tmp_path / "status.csv", "Record ID,Lead Status\n101,Connected\n102,In Progress\n")
    report = import_leads(file_log, partial, preset("hubspot"))
    assert (report.updated, report.unchanged) == (1, 1)
    assert set(report.skipped_fields) >= {"email", "source", "created"}
    generic = import_leads(file_log, write(tmp_path / "plain.csv", "crm_id,status\n101,won\n"), preset("generic"),
                           dry_run=True)
    assert "created" in generic.skipped_fields and "created_known" not in generic.skipped_fields  # no field of its own
    lead = file_log.leads.by_crm_id("101")
    assert (lead.verdict.value, lead.name, lead.email, lead.source) == ("accepted", "Ada Lovelace",
                                                                         "ada@example.com", "Paid Search")


def test_a_meeting_verdict_is_not_overwritten_by_reimporting_an_unchanged_export(tmp_path, file_log, clock):
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.domain.models import LeadFeedback

    path = hubspot_file(tmp_path, ROWS)
    import_leads(file_log, path, preset("hubspot"))
    lead = file_log.leads.by_crm_id("101")
    clock.advance(hours=1)
    file_log.leads.give_feedback(LeadFeedback(lead_id=lead.id, verdict=Verdict.ACCEPTED, given_at=clock.now()))
    import_leads(file_log, path, preset("hubspot"))
    assert file_log.leads.by_crm_id("101").verdict is Verdict.ACCEPTED


@pytest.mark.parametrize("encoding, newline, delimiter, bom, trailing", [
    ("utf-8", "\r\n", ",", True, False),
    ("utf-8", "\n", ";", False, True),
    ("utf-8", "\r\n", ";", True, True),
    ("utf-16", "\r\n", ",", False, False),
])
def test_the_file_shapes_crms_write(tmp_path, file_log, encoding, newline, delimiter, bom, trailing):
    lines = ["crm_id,name,source,created_at,status", "A-1,Zoë Ünal,Webinar,2026-11-20,accepted",
             'A-2,"Smith, Jo",Webinar,2026-11-21,"rejected"']
    if delimiter == ";":
        lines = [line.replace(",", ";").replace('"Smith; Jo"', '"Smith, Jo"') for line in lines]
    if trailing:
        lines = [line + delimiter for line in lines]
    text = ("\ufeff" if bom else "") + "\n".join(lines) + "\n"
    report = import_leads(file_log, write(tmp_path / "x.csv", text, encoding=encoding, newline=newline),
                          preset("generic"))
    assert (report.new, report.rejected) == (2, [])
    names = {row["crm_id"]: row["name"] for row in file_log.rows("SELECT crm_id, name FROM leads")}
    assert names == {"A-1": "Zoë Ünal", "A-2": "Smith, Jo"}
    assert file_log.leads.by_crm_id("A-2").reason == "(no reason given)"


@pytest.mark.parametrize("given", ["utf-16", "utf-16-le", "UTF-32"])
def test_a_utf8_file_read_as_utf16_is_refused_for_its_encoding_not_its_quotes(tmp_path, file_log, given):
    """`--encoding utf-16` on a UTF-8 file decoded without an error, into one line of CJK
    characters, and was refused as "a cell of more than 1,000,000 characters… a quote opened and
    never closed"."""
    path = write(tmp_path / "x.csv", "crm_id,name,source\nA-1,Ada,Web\n")
    with pytest.raises(LeadImportError) as said:
        import_leads(file_log, path, preset("generic"), encoding=given)
    assert "is not UTF-" in str(said.value) and "is it UTF-8?" in str(said.value) and "quote" not in str(said.value)
    assert not file_log.rows("SELECT 1 FROM leads")


def test_bad_rows_are_reported_by_row_number_and_the_rest_imported(tmp_path, file_log):
    text = ("crm_id,source,created_at,converted\n"
            "1,Web,2026-11-20,0\n"
            ",Web,2026-11-20,0\n"
            "3,Web,31/31/2026,0\n"
            "1,Web,2026-11-21,1\n"
            "5,Web,2026-11-20,maybe\n"
            "6,Web,2026-11-20,yes\n")
    report = import_leads(file_log, write(tmp_path / "bad.csv", text), preset("generic"))
    assert report.new == 2
    reasons = {row.row: row.reason for row in report.rejected}
    assert set(reasons) == {3, 4, 5, 6}
    assert "no CRM id" in reasons[3]
    assert "'31/31/2026' is not a date" in reasons[4]
    assert "already on row 2" in reasons[5]
    assert "'maybe' is neither yes nor no" in reasons[6]
    assert file_log.leads.by_crm_id("6").verdict.value == "converted"


def test_a_creation_date_no_crm_gave_is_a_bad_row_not_a_lead_delivered_then(tmp_path, file_log, clock):
    """1800-01-01 made the marketing SLA ask for 25 leads a week since 1800 (0 % met); a lead
    dated 2030 waited inside the sales SLA's window for years. Both are bad rows, by number."""
    today = clock.now().date()
    ahead = today + timedelta(days=3)
    text = ("crm_id,source,created_at,converted_at\n"
            f"1,Web,{today},\n"
            "2,Web,1800-01-01,\n"
            f"3,Web,{ahead},\n"
            f"4,Web,{today},{ahead}\n"
            f"5,Web,{today - timedelta(days=400)},{today}\n")
    report = import_leads(file_log, write(tmp_path / "dates.csv", text), preset("generic"))
    reasons = {row.row: row.reason for row in report.rejected}
    assert set(reasons) == {3, 4, 5}
    assert "'1800-01-01' is before 1990" in reasons[3]
    assert f"'{ahead}' is in the future (today is {today})" in reasons[4] and "in the future" in reasons[5]
    assert {lead["crm_id"] for lead in file_log.rows("SELECT crm_id FROM leads")} == {"1", "5"}


@pytest.mark.parametrize("dry_run", [True, False])
def test_new_leads_with_an_empty_date_cell_are_said_to_be_in_no_week(tmp_path, file_log, dry_run):
    """A blank date in a dated file made an undated lead without a word (a file with no date
    column at all is said to)."""
    text = "crm_id,source,created_at\n1,Web,2026-11-02\n2,Web,\n3,Web,\n"
    report = import_leads(file_log, write(tmp_path / "blank.csv", text), preset("generic"), dry_run=dry_run)
    assert report.undated_new == 2 and report.new == 3
    assert "2 new lead(s) with no creation date ('created_at' empty" in report.summary()
    if not dry_run:
        assert file_log.one("SELECT count(*) AS n FROM leads WHERE created_known = 0")["n"] == 2
    again = import_leads(file_log, tmp_path / "blank.csv", preset("generic"), dry_run=dry_run)
    assert again.undated_new == (2 if dry_run else 0) and ("no creation date" in again.summary()) is dry_run


def test_a_date_in_the_crms_own_form_points_to_the_mappings_format(tmp_path, file_log):
    """12/01/2026 was refused as "not a date written as expected" with no word of created_format,
    the mapping's key that reads it; where a format is given, the formats it reads are said."""
    text = "crm_id,source,created_at,converted_at\n1,Web,12/01/2026,\n2,Web,2026-11-02,11/20/2026\n"
    report = import_leads(file_log, write(tmp_path / "us.csv", text), preset("generic"))
    reasons = {row.row: row.reason for row in report.rejected}
    assert "created_format in a mapping file reads other forms" in reasons[2]
    assert "converted_date_format in a mapping file reads other forms" in reasons[3]
    dated = preset("generic").model_copy(update={"created_format": ["%d.%m.%Y"]})
    reasons = {row.row: row.reason for row in import_leads(file_log, tmp_path / "us.csv", dated).rejected}
    assert "(like 30.11.2026)" in reasons[2] and "mapping file" not in reasons[2]


def test_values_the_mapping_does_not_know_are_said_with_what_became_of_them(tmp_path, file_log):
    """An unknown stage was said to be "kept as raw CRM stage", which no column holds: the lead is
    at mql (new) or keeps its stage (known). An unknown status is kept as written, in crm_status."""
    import_leads(file_log, hubspot_file(tmp_path, ROWS), preset("hubspot"))
    rows = [ROWS[1].replace("Sales Qualified Lead", "Wizard"), "104,X,Y,,,Web,2026-11-18 10:00,Gone Fishing,Wizard"]
    summary = import_leads(file_log, hubspot_file(tmp_path, rows), preset("hubspot")).summary()
    stage_line = next(line for line in summary.splitlines() if line.strip().startswith("stage values"))
    status_line = next(line for line in summary.splitlines() if line.strip().startswith("status values"))
    assert "'Wizard' (2)" in stage_line and "raw" not in stage_line
    assert [file_log.leads.by_crm_id(crm_id).stage.value for crm_id in ("102", "104")] == ["sql", "mql"]
    assert "a new lead at mql, a known one at its stage" in stage_line
    assert "'Gone Fishing' (1)" in status_line and "kept as raw CRM status" in status_line
    assert file_log.leads.by_crm_id("104").crm_status == "Gone Fishing"


def test_the_sales_sla_says_a_verdict_taken_from_the_crm_has_no_wait_to_count(tmp_path, file_log):
    """Leads with creation dates, verdicts from their CRM status (no time of their own): the SLA
    line blamed the leads ("imported without a date"), which had dates."""
    from smarkmeet.cli import cli

    import_leads(file_log, hubspot_file(tmp_path, ROWS), preset("hubspot"))
    assert file_log.one("SELECT count(*) AS n FROM leads WHERE created_known = 0")["n"] == 0
    untimed = file_log.one("SELECT count(*) AS n FROM leads WHERE first_verdict_timed = 0")["n"]
    said = CliRunner().invoke(cli, ["leads", "report", "--db", str(file_log.path)]).output
    assert f"{untimed} with no wait to count (no dates)" in said


def test_strict_and_dry_run_write_nothing(tmp_path, file_log):
    import_leads(file_log, hubspot_file(tmp_path, ROWS[:1]), preset("hubspot"))
    before = snapshot(file_log)
    bad = hubspot_file(tmp_path, [*ROWS, "104,X,Y,,,Web,not a date,New,Lead"])
    strict = import_leads(file_log, bad, preset("hubspot"), strict=True)
    assert strict.rejected and not strict.written and snapshot(file_log) == before
    said = strict.summary()  # what it would have done, not "recorded": nothing was
    assert "rows, as they would have been imported:" in said and "verdicts that would be recorded" in said
    dry = import_leads(file_log, bad, preset("hubspot"), dry_run=True)
    assert (dry.new, dry.unchanged, len(dry.rejected), dry.written) == (2, 1, 1, False)
    assert snapshot(file_log) == before
    assert "verdicts that would be recorded from CRM status" in dry.summary()  # none were
    assert "verdicts recorded from CRM status" in import_leads(file_log, bad, preset("hubspot")).summary()


@pytest.mark.parametrize("content, message", [
    (b"crm_id,source\n1,\xff\xfeWeb\n", "is not UTF-8 text (byte 0xff on line 2)"),
    # said where the quote opened, not at the file's end ("at line 4: unexpected end of data")
    (b'crm_id,source\n1,"Web\n2,Ads\n', "is not valid CSV: a quote opened on line 2 is never closed"),
    (b'crm_id,source\n1,Web\n2,"Ads\n3,Web\n4,Web\n', "a quote opened on line 3 is never closed"),
    (b"", "is empty"),
    (b"PK\x03\x04\x00\x00binary", "is an Excel workbook (or another zip file), not a CSV export: open it in Excel"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "is a PNG image, not a CSV export"),  # not told to try another encoding
    (b"crm_id\x00,source\n1,Web\n", "NUL byte"),
    # a program: told it is no text file, not to try another encoding (which could not help)
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\n\xd0\x81\xff", "holds a NUL byte on line 1: it is not a text CSV file"),
    (b"id;name\n1;x\n", "not in the file"),
    # a cell past csv's limit: said as what it most likely is, not as csv's "field larger than field limit"
    (b'crm_id,source\n1,Web\n2,"' + b"x" * 1_000_001 + b'"\n', "has a cell of more than 1,000,000 characters by line 3"),
])
def test_unreadable_files_are_refused_in_words_and_change_nothing(tmp_path, file_log, content, message):
    import_leads(file_log, hubspot_file(tmp_path, ROWS), preset("hubspot"))
    before = snapshot(file_log)
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    mapping = load_mapping(write(tmp_path / "m.toml", '[columns]\ncrm_id = "crm_id"\nsource = "source"\n'))
    with pytest.raises(LeadImportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_leads(file_log, path, mapping)
    assert snapshot(file_log) == before


def test_a_mapping_names_its_problems(tmp_path):
    with pytest.raises(MappingError, match="unknown field"):
        load_mapping(write(tmp_path / "a.toml", '[columns]\ncrm_id = "Id"\ncolour = "C"\n'))
    with pytest.raises(MappingError, match="crm_id must name"):
        load_mapping(write(tmp_path / "b.toml", '[columns]\nsource = "S"\n'))
    with pytest.raises(MappingError, match="is not a verdict"):
        load_mapping(write(tmp_path / "c.toml", '[columns]\ncrm_id = "Id"\n[status]\n"Won" = "hooray"\n'))
    with pytest.raises(MappingError, match="line 2"):
        load_mapping(write(tmp_path / "d.toml", "[columns]\ncrm_id = Id\n"))
    # a value of the wrong kind is said in the file's own words, not pydantic's ("Input should be a valid list")
    for name, text, said in [
        ("e", "[columns]\ncrm_id = 5\n", 'crm_id: give a column name in quotes, or a list of them'),
        ("f", 'fold_source_case = "maybe"\n[columns]\ncrm_id = "Id"\n', "fold_source_case must be true or false"),
        ("g", 'missing_columns = "maybe"\n[columns]\ncrm_id = "Id"\n', "missing_columns must be one of 'error' or 'skip'"),
        ("h", 'colour = 1\n[columns]\ncrm_id = "Id"\n', "colour is not a setting this file can have"),
    ]:
        with pytest.raises(MappingError) as raised:
            load_mapping(write(tmp_path / f"{name}.toml", text))
        assert said in str(raised.value) and "Input should" not in str(raised.value), str(raised.value)


# -- the command line ---------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_cli_exit_codes(tmp_path):
    db = str(tmp_path / "team.db")
    good = hubspot_file(tmp_path, ROWS)
    result = run("leads", "import", str(good), "--preset", "hubspot", "--db", db)
    assert result.exit_code == 0, result.output
    assert "new               3" in result.output
    partly = write(tmp_path / "partly.csv", "crm_id,created_at\n9,2026-11-20\n10,yesterday-ish\n")
    result = run("leads", "import", str(partly), "--db", db)
    assert result.exit_code == 1 and "row 3:" in result.output
    nothing = write(tmp_path / "nothing.csv", "crm_id,created_at\n,2026-11-20\n")
    result = run("leads", "import", str(nothing), "--db", db, "--json")
    assert result.exit_code == 2 and json.loads(result.stdout)["rejected"][0]["row"] == 2  # (the reason: stderr)
    result = run("leads", "import", str(tmp_path / "missing.csv"), "--db", db)
    assert result.exit_code == 2 and "no file at" in result.output and "Traceback" not in result.output
    result = run("leads", "import", str(good), "--preset", "hubspot", "--mapping", "x.toml", "--db", db)
    assert result.exit_code == 2


def test_a_wrong_delimiter_is_named_not_answered_with_the_whole_header(tmp_path):
    """--delimiter ';' on a comma-separated file listed its whole header as one column name."""
    db = str(tmp_path / "team.db")
    good = hubspot_file(tmp_path, ROWS)
    result = run("leads", "import", str(good), "--preset", "hubspot", "--delimiter", ";", "--db", db)
    assert result.exit_code == 2
    assert "header reads as one column split on ';', and looks ','-separated: give --delimiter ','" in result.output
    wide = write(tmp_path / "wide.csv", ",".join(f"col{n}" for n in range(30)) + "\n1," + ",".join("x" * 29) + "\n")
    result = run("leads", "import", str(wide), "--db", db)
    from smarkmeet.services.leadmapping import SAID_COLUMNS

    last, more = f"'col{SAID_COLUMNS - 1}'", 30 - SAID_COLUMNS
    assert result.exit_code == 2 and f"{last} and {more} more" in result.output
    assert f"'col{SAID_COLUMNS}'" not in result.output
    colons = write(tmp_path / "colon.csv", "crm_id:name:source\nA-1:Ann:Web\n")  # a separator never guessed
    result = run("leads", "import", str(colons), "--db", db)
    assert result.exit_code == 2 and "looks ':'-separated, which an import does not read" in result.output, \
        result.output


def test_rows_with_more_or_fewer_cells_than_the_header_are_said(tmp_path, file_log):
    """"2,Bob" under a three-column header and "3,Cy,Bing,extra,cols" were imported without a
    word (a quoting mistake in the export, often): they are read as before, and named."""
    ragged = write(tmp_path / "ragged.csv", "crm_id,name,source\n1,Ada,Web\n2,Bob\n3,Cy,Bing,extra,cols\n4,Di,Web,\n")
    report = import_leads(file_log, ragged, preset("generic"))
    assert report.ragged_rows == [3, 4]  # a trailing empty cell (row 5) is no mistake
    assert "2 row(s) with more or fewer cells than the header (row 3, 4)" in report.summary()
    assert (file_log.leads.by_crm_id("2").source, file_log.leads.by_crm_id("3").source) == ("", "Bing")


def test_a_byte_order_mark_is_skipped_when_utf_8_is_named(tmp_path, file_log):
    """Naming the encoding "utf-8" (the import screen's hint) kept the mark in the first header:
    "\ufeffcrm_id" was then a missing column."""
    marked = tmp_path / "bom.csv"
    marked.write_bytes("crm_id,name\nB-1,Bea\n".encode("utf-8-sig"))
    report = import_leads(file_log, marked, preset("generic"), encoding="utf-8")
    assert report.new == 1 and file_log.leads.by_crm_id("B-1").name == "Bea"


def test_cli_prints_a_preset_that_loads_back(tmp_path):
    result = run("leads", "mapping", "salesforce")
    assert result.exit_code == 0
    mapping = load_mapping(write(tmp_path / "sf.toml", result.output))
    assert mapping.name == "salesforce" and "crm_id" in mapping.columns
    result = run("leads", "mapping", "pipedrive")  # named as the help names it, not as a brace list
    assert result.exit_code == 2 and "Invalid value for 'PRESET': 'pipedrive'" in result.output


def test_clock_is_used_for_leads_without_a_created_date(tmp_path, file_log):
    import_leads(file_log, write(tmp_path / "ids.csv", "crm_id\nQ-1\n"), preset("generic"))
    lead = file_log.leads.by_crm_id("Q-1")
    assert lead.created_at == FIXED_NOW and lead.created_known is False
    assert isinstance(file_log.clock, FixedClock)


def test_a_file_without_creation_dates_is_said_to_count_in_no_week(tmp_path, file_log):
    """A whole CRM history with no creation date column read as this week's leads everywhere but
    the marketing SLA, unannounced: the preview and the import's report now say where they count."""
    from smarkmeet.services.leadimport import UNDATED_NOTE, preview_import

    undated = write(tmp_path / "ids.csv", "crm_id\nQ-1\nQ-2\n")
    dated = write(tmp_path / "dated.csv", "crm_id,created\nQ-3,2026-11-20\n")
    assert "created" not in preview_import(undated, preset("generic"), FIXED_NOW).columns
    assert "created" in preview_import(dated, preset("generic"), FIXED_NOW).columns
    assert UNDATED_NOTE in import_leads(file_log, undated, preset("generic")).summary()
    assert UNDATED_NOTE not in import_leads(file_log, dated, preset("generic")).summary()
    assert UNDATED_NOTE not in import_leads(file_log, undated, preset("generic")).summary()  # nothing new


def test_cli_shows_a_leads_verdict_history(tmp_path, clock):
    db = tmp_path / "team.db"
    first = hubspot_file(tmp_path, ROWS)
    assert run("leads", "import", str(first), "--preset", "hubspot", "--db", str(db)).exit_code == 0
    later = write(tmp_path / "later.csv", "Record ID,Lead Status\n101,Bad Timing\n")
    assert run("leads", "import", str(later), "--preset", "hubspot", "--db", str(db)).exit_code == 0
    result = run("leads", "show", "101", "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert [v["verdict"] for v in shown["verdicts"]] == ["nurture"]
    assert shown["verdicts"][0]["via"] == "import" and shown["lead"]["crm_status"] == "Bad Timing"
    result = run("leads", "show", "nope", "--db", str(db))
    assert result.exit_code == 2 and "no lead with CRM id 'nope'" in result.output


def test_huge_fields_header_only_files_and_control_characters(tmp_path, file_log):
    huge = write(tmp_path / "huge.csv", "crm_id,name\n1," + "x" * 1_100_000 + "\n")
    with pytest.raises(LeadImportError, match="has a cell of more than 1,000,000 characters by line 2"):
        import_leads(file_log, huge, preset("generic"))
    header_only = write(tmp_path / "header.csv", "crm_id,name\n")
    assert import_leads(file_log, header_only, preset("generic")).rows == 0
    result = run("leads", "import", str(header_only), "--db", str(file_log.path))
    assert result.exit_code == 2 and "no data rows" in result.output
    assert "new" not in result.stdout  # the error alone, not first a report of zeros
    odd = write(tmp_path / "odd.csv", "crm_id,name\n\x1b[31mA\x07,Zed\x1b]0;pwned\x07\n")
    report = import_leads(file_log, odd, preset("generic"))
    assert report.new == 1 and file_log.leads.count() == 1


# -- regressions found in review ---------------------------------------------------------

SF_HEADER = "Lead ID,Company,Lead Source,Create Date,Lead Status,Unqualified Reason,Converted,Converted Date"


def test_a_dated_crm_conversion_imported_later_becomes_the_current_verdict(tmp_path, file_log, clock):
    first = write(tmp_path / "sf1.csv", f"{SF_HEADER}\n00Q1,Acme,Web,1/05/2026,Working - Contacted,,false,\n")
    import_leads(file_log, first, preset("salesforce"))
    clock.advance(days=30)
    later = write(tmp_path / "sf2.csv", f"{SF_HEADER}\n00Q1,Acme,Web,1/05/2026,Closed - Converted,,true,1/20/2026\n")
    report = import_leads(file_log, later, preset("salesforce"))
    assert report.rejected == [] and report.updated == 1
    lead = file_log.leads.by_crm_id("00Q1")
    assert (lead.verdict.value, lead.stage.value) == ("converted", "customer")


def test_the_rows_own_rejection_reason_wins_over_the_presets(tmp_path, file_log):
    path = write(tmp_path / "sf.csv", f"{SF_HEADER}\n00Q2,B,Web,1/05/2026,Unqualified,No Budget,false,\n"
                                      "00Q3,C,Web,1/05/2026,Unqualified,,false,\n")
    import_leads(file_log, path, preset("salesforce"))
    assert file_log.leads.by_crm_id("00Q2").reason == "no budget"  # the row's, as the team writes it
    assert file_log.leads.by_crm_id("00Q3").reason == "not a fit"


def test_reimporting_after_the_clocks_change_changes_nothing(tmp_path, file_log, clock):
    path = hubspot_file(tmp_path, ROWS)
    import_leads(file_log, path, preset("hubspot"))
    clock.set(clock.now().astimezone(timezone(timedelta(hours=2))) + timedelta(days=200))
    again = import_leads(file_log, path, preset("hubspot"))
    assert (again.updated, again.unchanged) == (0, 3)


def test_an_unchanged_status_never_overrides_a_meeting_verdict(tmp_path, file_log, clock):
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.domain.models import LeadFeedback

    import_leads(file_log, write(tmp_path / "a.csv", "id,status\nB,working\n"), preset("generic"))
    lead = file_log.leads.by_crm_id("B")
    clock.advance(hours=2)
    file_log.leads.give_feedback(LeadFeedback(lead_id=lead.id, verdict=Verdict.REJECTED, reason="no budget",
                                              given_at=clock.now()))
    for text in ("id,status,converted\nB,working,0\n", "id,status\nB,accepted\n"):  # converted seen; a relabel
        clock.advance(hours=1)
        import_leads(file_log, write(tmp_path / "b.csv", text), preset("generic"))
        assert file_log.leads.by_crm_id("B").verdict is Verdict.REJECTED


@pytest.mark.parametrize("row, reason", [("B,rejected,", "not a buyer"), ("B,rejected,no budget", "no budget")])
def test_a_crm_rejection_without_a_reason_keeps_the_reason_sales_gave(tmp_path, file_log, clock, row, reason):
    """Sales rejected a lead in the meeting ("not a buyer"); the CRM then said "rejected" with no
    reason, and the import recorded a new rejection "(no reason given)" over it. A reason the CRM
    does give is news, and is recorded."""
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.domain.models import LeadFeedback

    import_leads(file_log, write(tmp_path / "a.csv", "id,status\nB,\n"), preset("generic"))
    lead = file_log.leads.by_crm_id("B")
    clock.advance(hours=2)
    file_log.leads.give_feedback(LeadFeedback(lead_id=lead.id, verdict=Verdict.REJECTED, reason="not a buyer",
                                              given_at=clock.now()))
    clock.advance(hours=1)
    import_leads(file_log, write(tmp_path / "b.csv", f"id,status,reason\n{row}\n"), preset("generic"))
    assert (file_log.leads.by_crm_id("B").verdict, file_log.leads.by_crm_id("B").reason) == (Verdict.REJECTED, reason)
    given = file_log.db.execute("SELECT count(*) FROM lead_feedback WHERE lead_id = ?", [lead.id]).fetchone()[0]
    assert given == (1 if reason == "not a buyer" else 2)


def test_blank_cells_leave_what_the_log_has(tmp_path, file_log):
    import_leads(file_log, write(tmp_path / "a.csv", "id,name,source,owner\n1,Ada,Webinar,mei\n"), preset("generic"))
    report = import_leads(file_log, write(tmp_path / "b.csv", "id,name,source,owner,status\n1,,,,accepted\n"),
                          preset("generic"))
    lead = file_log.leads.by_crm_id("1")
    assert (lead.name, lead.source, lead.owner, lead.verdict.value) == ("Ada", "Webinar", "mei", "accepted")
    assert report.updated == 1


@pytest.mark.parametrize("content, args", [
    (None, []), ("", []), ("id,status\n", []), ("id,status\nA,accepted\n,accepted\n", ["--strict"]),
])
def test_an_import_that_writes_nothing_creates_no_log(tmp_path, isolated_home, content, args):
    """A missing, empty, header-only or --strict-refused file left a new empty log at --db."""
    source = tmp_path / "export.csv"
    if content is not None:
        source.write_text(content)
    db = tmp_path / "new.db"
    result = CliRunner().invoke(cli, ["leads", "import", str(source), "--db", str(db), *args])
    assert result.exit_code == 2, result.output
    assert not db.exists() and not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()
    assert CliRunner().invoke(cli, ["leads", "import", str(source), "--db", str(db), *args]).exit_code == 2
    if content and not args:
        return
    (tmp_path / "good.csv").write_text("id,status\nA,accepted\n")  # a log that is there stays, whatever follows
    assert CliRunner().invoke(cli, ["leads", "import", str(tmp_path / "good.csv"), "--db", str(db)]).exit_code == 0
    CliRunner().invoke(cli, ["leads", "import", str(source), "--db", str(db), *args])
    assert db.exists()


def test_a_dry_run_on_a_new_log_creates_no_file(tmp_path):
    db = tmp_path / "new.db"
    result = run("leads", "import", str(hubspot_file(tmp_path, ROWS)), "--preset", "hubspot", "--dry-run",
                 "--db", str(db))
    assert result.exit_code == 0 and "Dry run" in result.output and not db.exists()


def test_a_dry_run_on_an_empty_file_leaves_it_empty(tmp_path):
    """An empty file (a path typed wrong, a file just touched) is no log: a dry run checks the
    CSV against an empty log in memory, as for no file, and writes nothing into it."""
    db = tmp_path / "typo.txt"
    db.touch()
    result = run("leads", "import", str(hubspot_file(tmp_path, ROWS)), "--preset", "hubspot", "--dry-run",
                 "--db", str(db))
    assert result.exit_code == 0 and "Dry run" in result.output
    assert db.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["export.csv", "typo.txt"]


def test_a_bad_byte_after_a_byte_order_mark_is_named(tmp_path, file_log):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfcrm_id,name\n1,Zo\xe9\n")
    with pytest.raises(LeadImportError, match="byte 0xe9 on line 2"):
        import_leads(file_log, path, preset("generic"))


def test_a_file_not_in_the_encoding_named_is_not_told_to_use_that_encoding(tmp_path, file_log):
    """`--encoding cp1252` on a file with a byte cp1252 lacks said "give its encoding (e.g. cp1252 …)"."""
    path = tmp_path / "odd.csv"
    path.write_bytes(b"id,name\n1,A\x81b\n")
    with pytest.raises(LeadImportError) as caught:
        import_leads(file_log, path, preset("generic"), encoding="cp1252")
    said = str(caught.value)
    assert "is not CP1252 text (byte 0x81 on line 2)" in said and "cp1252" not in said.split(";", 1)[1]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "latin-1"])
def test_a_binary_file_is_called_no_text_file_whatever_encoding_is_given(encoding):
    """An ELF binary was told it "is not UTF-8 text … give its encoding (e.g. cp1252)"; doing so
    then said it "is not CP1252 text": only latin-1 reached the NUL byte that says what it is."""
    from smarkmeet.services.csvfile import CsvFileError, parse_csv

    with pytest.raises(CsvFileError, match="holds a NUL byte on line 1: it is not a text CSV file"):
        parse_csv(b"\x7fELF\x02\x01\x01\x00\x00\x00\n\xd0\x81\xff", name="a.out", encoding=encoding)


def test_import_problems_say_what_to_do_next(tmp_path, file_log):
    """A file with another CRM's columns, a mapping file that is no TOML, and a bad date were told
    in the parser's words ("Expected '=' after a key…", "(%Y-%m-%d %H:%M:%S or %m/%d/%Y)")."""
    from smarkmeet.services.leadmapping import parse_moment

    with pytest.raises(MappingError, match="is not a TOML mapping file .*smarkmeet leads mapping generic"):
        load_mapping(write(tmp_path / "notes.toml", "these are my notes\n"))
    with pytest.raises(ValueError) as said:
        parse_moment("31.11.2026", ["%m/%d/%Y", "%Y-%m-%d %H:%M:%S"], datetime(2026, 12, 1), "created")
    assert "%" not in str(said.value) and "11/30/2026" in str(said.value) and "2026-11-30 14:05:00" in str(said.value)
    other_crm = tmp_path / "other.csv"
    other_crm.write_text("Lead Number,Lead Source\n1,Web\n", encoding="utf-8")
    mapping = load_mapping(write(tmp_path / "m.toml", '[columns]\ncrm_id = "crm_id"\nsource = "source"\n'))
    with pytest.raises(LeadImportError, match="its columns are: .*smarkmeet leads mapping generic"):
        import_leads(file_log, other_crm, mapping)


def test_a_file_the_shipped_mapping_fits_is_pointed_to_it(tmp_path, file_log):
    """The X Education export imported with no mapping, or a CRM's preset, said to choose a preset
    or write a mapping, never that the one for exactly this file comes with smarkmeet."""
    import shlex

    from smarkmeet.services.crmmapping import preset
    from smarkmeet.services.sample import sample_dir

    shipped = sample_dir() / "mappings" / "x-education.toml"
    columns = [c for candidates in load_mapping(shipped).columns.values() for c in candidates[:1]]
    export = tmp_path / "Leads.csv"
    export.write_text(",".join(["Lead Number", *columns]) + "\n" + ",".join(["1", *("x" * len(columns))]) + "\n",
                      encoding="utf-8")
    for mapping in (preset("generic"), preset("hubspot")):
        with pytest.raises(LeadImportError) as said:
            import_leads(file_log, export, mapping)
        assert f"give it as the mapping file: {shlex.quote(str(shipped))}" in str(said.value)
    export.write_text(",".join(["Lead Number", *columns[1:]]) + "\n1" + ",x" * (len(columns) - 1) + "\n",
                      encoding="utf-8")  # without its id column: not that export
    with pytest.raises(LeadImportError) as said:
        import_leads(file_log, export, preset("generic"))
    assert "give it as" not in str(said.value) and "smarkmeet leads mapping generic" in str(said.value)


def test_the_preview_says_why_a_verdict_is_not_the_statuss(tmp_path):
    """The preview showed "Lost to EINS → converted" with no word of the converted flag that won,
    and "—" for a status the mapping does not know (only the dry run's report named it)."""
    from smarkmeet.services.leadimport import preview_import

    mapping = load_mapping(write(tmp_path / "m.toml", '[columns]\ncrm_id = "id"\nstatus = "status"\n'
                                 'converted = "converted"\n[status]\n"Lost to EINS" = "rejected"\n"Won" = "converted"\n'))
    export = tmp_path / "leads.csv"
    export.write_text("id,status,converted\n1,Lost to EINS,1\n2,Weird Status,0\n3,Won,1\n4,Lost to EINS,0\n",
                      encoding="utf-8")
    rows = {row.crm_id: row for row in preview_import(export, mapping, FIXED_NOW).rows}
    assert (rows["1"].verdict, rows["1"].note) == ("converted", "converted flag")
    assert (rows["2"].verdict, rows["2"].note) == ("", "status not in the mapping")
    assert (rows["3"].verdict, rows["3"].note) == ("converted", "")  # the status says it already
    assert rows["4"].verdict.startswith("rejected") and rows["4"].note == ""


def test_rows_rejected_for_one_reason_are_said_once_and_every_row_rejected_is_said_on_stderr(tmp_path):
    """A mapping that read a lead number as the creation date rejected all 9,240 rows: the dry run
    printed 20 lines of the same sentence, and exited 2 with nothing on stderr. Rows rejected for
    the same reason are now said once, with how many and which; one rejected for another reason
    stays on its own line; every row rejected is said on stderr."""
    from click.testing import CliRunner

    rows = ["crm_id,created_at"] + [f"L{n},{660000 + n}" for n in range(30)] + [",2026-11-20"]  # no id
    source = write(tmp_path / "export.csv", "\n".join(rows) + "\n")
    db = str(tmp_path / "team.db")
    result = CliRunner().invoke(cli, ["leads", "import", str(source), "--db", db, "--dry-run"])
    assert result.exit_code == 2
    said = [line for line in result.stdout.splitlines() if line.startswith("  ") and "row" in line]
    grouped = [line for line in said if line.startswith("  30 rows (rows 2–31), e.g. row 2: ")]
    assert len(grouped) == 1, said
    assert any(line.startswith("  row 32: ") for line in said), said
    assert "… and" not in result.stdout  # every row told
    assert "smarkmeet: error: every row was rejected (31): nothing would be imported" in result.stderr


def test_a_column_missing_from_a_mapping_file_says_to_put_right_that_file(tmp_path):
    """With the team's own mapping file given, a column it names that the export lacks was
    answered "Choose the preset of the CRM it came from, or a mapping file…": the mapping file was
    given. It now names the line to put right, in that file, and missing_columns = "skip"."""
    source = write(tmp_path / "export.csv", "Prospect ID,Lead Source\nA1,Google\n")
    mapping = write(tmp_path / "ours.toml", '[columns]\ncrm_id = "Prospect ID"\nsource = "Lead Source"\n'
                                            'owner = "Sales Owner"\n')
    result = run("leads", "import", str(source), "--mapping", str(mapping), "--db", str(tmp_path / "t.db"))
    assert result.exit_code == 2
    assert f"Put right `owner = …` under [columns] in {mapping}" in result.output, result.output
    assert 'missing_columns = "skip"' in result.output and "Choose the preset" not in result.output
    result = run("leads", "import", str(source), "--preset", "hubspot", "--db", str(tmp_path / "t.db"))
    assert result.exit_code == 2 and "Choose the preset" in result.output  # a preset: choose another


def test_leads_show_finds_a_crm_id_in_another_case_or_by_its_end_or_start(tmp_path):
    """`leads show crm-10003` was refused though the lead is CRM-10003 (the app's filter finds it
    by any case, or by 10003); so was `2058ef08`, the start of a UUID the import preview shows.
    An id that could be two leads names them."""
    db = tmp_path / "team.db"
    uuid = "2058ef08-2858-443e-a9b1-a9237db2f5ce"
    source = write(tmp_path / "e.csv", f"crm_id,name\nCRM-10003,Ada\nCRM-20003,Bo\nCRM-10004,Cy\n{uuid},Di\n")
    assert run("leads", "import", str(source), "--db", str(db)).exit_code == 0
    for typed, meant in (("crm-10003", "CRM-10003"), ("10003", "CRM-10003"), ("CRM-10003", "CRM-10003"),
                         ("2058ef08", uuid), ("2058EF08-2858", uuid), ("db2f5ce", uuid)):
        result = run("leads", "show", typed, "--db", str(db), "--json")
        assert result.exit_code == 0 and json.loads(result.stdout)["lead"]["crm_id"] == meant, typed
    result = run("leads", "show", "0003", "--db", str(db))
    assert result.exit_code == 2 and "could be CRM-10003, CRM-20003" in result.output, result.output
    result = run("leads", "show", "crm-1000", "--db", str(db))  # the start of two
    assert result.exit_code == 2 and "could be CRM-10003, CRM-10004" in result.output, result.output
    result = run("leads", "show", "03", "--db", str(db))  # too short to be meant: said how much is needed
    assert result.exit_code == 2 and "3 or more characters of its start or end" in result.output, result.output
    assert "characters" not in run("leads", "show", "nope", "--db", str(db)).output  # long enough: not found
    result = run("leads", "show", "1000", "--db", str(db))  # inside two ids: named, neither taken
    assert result.exit_code == 2 and "it is within CRM-10003, CRM-10004: give the whole CRM id" in result.output, \
        result.output


def test_a_verdict_between_meetings_from_the_command_line(sample_db):
    """A lead imported without a date is in no week's review, and the app gave no other way to
    record a verdict: `leads verdict` does, as any verdict (current verdict, history, reports)."""
    import sqlite3

    from smarkmeet.services.leadreview import rejection_reasons

    db = str(sample_db)
    with sqlite3.connect(db) as conn:
        crm_id, lead_id = conn.execute("SELECT crm_id, id FROM leads WHERE verdict IS NULL LIMIT 1").fetchone()
        before = conn.execute("SELECT count(*) FROM lead_feedback").fetchone()[0]
    refusals = [
        (["rejected"], "a rejection needs one of the team's reasons"),
        (["rejected", "--reason", "too small"], "'too small' is not one of the team's reasons"),
        (["accepted", "--reason", "not a fit"], "only a rejection takes a reason"),
        (["accepted", "--by", "nobody at all"], "no one on the team matches"),
        (["accepted", "--by", "leo"], "left the team"),  # taken off it below: not a verdict's giver now
    ]
    assert run("team", "leave", "leo", "--db", db).exit_code == 0
    for args, says in refusals:
        result = run("leads", "verdict", crm_id, *args, "--db", db)
        assert result.exit_code == 2 and says in result.output, (args, result.output)
    result = run("leads", "verdict", "no-such-lead", "accepted", "--db", db)
    assert result.exit_code == 2 and "no lead with CRM id" in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM lead_feedback").fetchone()[0] == before  # nothing written

    log = open_log(sample_db, SystemClock())
    reason = rejection_reasons(log)[0]
    log.close()
    result = run("leads", "verdict", crm_id, "REJECTED", "--reason", reason.upper(), "--comment", "Wrong industry",
                 "--by", "tomas", "--db", db)
    assert result.exit_code == 0, result.output
    assert f"rejected: {reason}" in result.output and "between meetings, with smarkmeet leads verdict" in result.output
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("SELECT f.*, p.handle FROM lead_feedback f LEFT JOIN people p ON p.id = f.given_by "
                           "WHERE f.lead_id = ? ORDER BY f.rowid DESC LIMIT 1", [lead_id]).fetchone()
        assert (row["verdict"], row["reason"], row["comment"], row["via"], row["meeting_id"], row["handle"]) == \
            ("rejected", reason, "Wrong industry", "cli", None, "tomas")
        assert conn.execute("SELECT verdict FROM leads WHERE id = ?", [lead_id]).fetchone()[0] == "rejected"
        assert conn.execute("SELECT count(*) FROM changes WHERE table_name = 'lead_feedback' AND row_id = ?",
                            [row["id"]]).fetchone()[0] == 1
