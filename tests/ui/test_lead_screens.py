"""The lead report and the CRM import screens, driven through Textual's Pilot."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textual.widgets import DataTable, Input, ProgressBar, Select, Static

from smarkmeet.services.sample import load_sample
from smarkmeet.store.log import open_log
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.leadimport import MAPPING_FILE, LeadImportScreen
from smarkmeet.tui.screens.leads import LeadReportScreen
from tests.ui.screenshot_text import drawn


async def test_report_lists_every_source_of_the_period_and_cycles_grouping(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        since = (clock.now() - timedelta(days=28)).isoformat(timespec="seconds")
        sources = sample_log.rows("SELECT DISTINCT source FROM leads WHERE created_at >= ?", [since])
        table = app.screen.query_one("#leads-table", DataTable)
        assert table.row_count == len(sources) + 1  # and the "All leads" row
        await pilot.press("b")
        owners = sample_log.rows("SELECT DISTINCT owner FROM leads WHERE created_at >= ?", [since])
        assert table.row_count == len(owners) + 1
        shown = {str(table.get_row_at(n)[0]) for n in range(table.row_count - 1)}
        named = [sample_log.people.named_exactly(row["owner"]) for row in owners if row["owner"]]
        firsts = {person.name.split(" ")[0] for person in named if person}
        assert firsts and firsts <= shown, (firsts, shown)  # the CRM's "tomas" shown as Tomás
        await pilot.press("b")
        reasons = sample_log.rows("SELECT DISTINCT reason FROM leads WHERE verdict = 'rejected' AND created_at >= ?",
                                  [since])
        assert table.row_count == len(reasons)
        await pilot.press("p")
        assert "last 12 weeks" in str(app.screen.query_one("#leads-period", Static).content)
        await pilot.press("escape")
        assert not isinstance(app.screen, LeadReportScreen)


async def test_both_slas_with_their_notes_fit_their_box_at_80_columns(sample_log, clock, tmp_path):
    """With undated leads imported, the SLA box's last line ("… with no wait to count (the import")
    ran under the footer at 80×24, its bottom border gone."""
    from smarkmeet.services.crmmapping import preset
    from smarkmeet.services.leadimport import import_leads
    from smarkmeet.tui.screens.leads import PERIODS

    export = tmp_path / "undated.csv"
    export.write_text("crm_id,source,status\n" + "".join(f"U{n},Web,won\n" for n in range(30)), encoding="utf-8")
    import_leads(sample_log, export, preset("generic"))
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LeadReportScreen(period=[label for label, _ in PERIODS].index("all time")))
        await pilot.pause()
        box = app.screen.query_one("#leads-sla-box")
        note = app.screen.query_one("#leads-sla-sales-note")
        assert "with no wait to count" in str(note.render())
        assert note.region.bottom <= box.region.bottom - 1  # inside the box, above its bottom border
        assert box.region.bottom <= app.size.height - 1  # above the footer


async def test_import_previews_then_imports_and_reports(tmp_path, clock):
    log = open_log(tmp_path / "team.db", clock)
    load_sample(log)
    before = log.leads.count()
    export = tmp_path / "export.csv"
    export.write_text("crm_id,name,source,created_at,status\nN-1,Ada,Webinar,2026-11-20,accepted\n"
                      "N-2,Bo,Webinar,2026-11-21,lost\nN-3,Cy,Webinar,someday,open\n", encoding="utf-8")
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.push_screen(LeadImportScreen())
        await pilot.pause()
        app.screen.query_one("#import-file", Input).value = str(tmp_path / "missing.csv")
        await pilot.press("ctrl+r")
        assert "no file at" in str(app.screen.query_one("#import-status", Static).content)
        app.screen.query_one("#import-file", Input).value = str(export)
        await pilot.press("ctrl+r")
        preview = app.screen.query_one("#import-preview", DataTable)
        assert preview.row_count == 2
        assert "1 rows would be rejected" in str(app.screen.query_one("#import-status", Static).content)
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert log.leads.count() == before
        await pilot.press("ctrl+y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert log.leads.count() == before + 2
        bar = app.screen.query_one("#import-progress", ProgressBar)
        assert (bar.total, bar.progress) == (len(export.read_text().splitlines()) - 1, 2)  # 3 rows; 2 written
        report = "\n".join(str(line.renderable) for line in app.screen.query_one("#import-report", Static).content.renderables)
        assert "row 4:" in report and "someday" in report
        # a row rejected is a warning, not the plain notice of a clean import
        notice = next(n for n in app._notifications if str(n.title).startswith("Leads imported"))
        assert (notice.severity, notice.title) == ("warning", "Leads imported, some rows rejected")
    assert log.leads.by_crm_id("N-2").reason == "(no reason given)"
    log.close()


async def import_screen_at_the_mapping(pilot) -> LeadImportScreen:
    """The import screen, the cursor in its mapping file's field."""
    pilot.app.push_screen(LeadImportScreen())
    await pilot.pause()
    pilot.app.screen.query_one("#import-mapping", Input).focus()
    await pilot.pause()
    return pilot.app.screen


async def test_ctrl_r_straight_after_a_mapping_path_previews_with_that_mapping(tmp_path, clock):
    """A mapping path typed and ctrl+r pressed within half a second showed "Changed: ctrl+r (or
    Enter) previews it." instead of a preview: the preview had read the preset from before the
    path picked "mapping file…", and was then said to be out of date."""
    from smarkmeet.services.crmmapping import preset_text
    from tests.ui.typing_ahead import burst, settle

    export = tmp_path / "export.csv"
    export.write_text("crm_id,name,source\nN-1,Ann,Web\n", encoding="utf-8")
    mapping = tmp_path / "mine.toml"
    mapping.write_text(preset_text("generic"), encoding="utf-8")
    log = open_log(tmp_path / "team.db", clock)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await import_screen_at_the_mapping(pilot)
        screen.query_one("#import-file", Input).value = str(export)
        burst(app, str(mapping))
        await pilot.press("ctrl+r")
        await settle(pilot, 6)
        status = str(screen.query_one("#import-status", Static).content)
        assert "Changed" not in status and screen.query_one("#import-preview", DataTable).row_count == 1, status
        assert screen.query_one("#import-preset", Select).value == MAPPING_FILE
    log.close()


async def test_a_preset_chosen_and_previewed_at_once_is_not_turned_back_by_the_path_left_in_the_field(
        tmp_path, clock):
    """A preview asked from the preset list straight after choosing a preset, before the list's
    change had cleared the mapping field, took the path still there as the choice."""
    export = tmp_path / "export.csv"
    export.write_text("crm_id,name,source\nN-1,Ann,Web\n", encoding="utf-8")
    log = open_log(tmp_path / "team.db", clock)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await import_screen_at_the_mapping(pilot)
        screen.query_one("#import-file", Input).value = str(export)
        screen.query_one("#import-mapping", Input).value = str(tmp_path / "no-such-mapping.toml")
        await pilot.pause()
        preset = screen.query_one("#import-preset", Select)
        assert preset.value == MAPPING_FILE
        preset.focus()
        await pilot.pause()
        preset.value = "generic"  # chosen; its change not yet handled when the preview is asked
        screen.action_preview()
        assert preset.value == "generic" and screen.query_one("#import-preview", DataTable).row_count == 1
    log.close()


async def test_a_mapping_path_typed_straight_away_picks_the_mapping_file(tmp_path, clock):
    """The mapping field was switched on only once "mapping file…" had been chosen: a path typed
    straight after (Down, Enter, Tab, the path) was dropped, keys and all. The field is always
    open, and a path typed in it picks "mapping file…"; a preset chosen after leaves it unused."""
    from tests.ui.typing_ahead import burst, settle

    log = open_log(tmp_path / "team.db", clock)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await import_screen_at_the_mapping(pilot)
        burst(app, "~/crm/mapping.toml")
        await settle(pilot, 4)
        assert screen.query_one("#import-mapping", Input).value == "~/crm/mapping.toml"
        assert screen.query_one("#import-preset", Select).value == MAPPING_FILE
        screen.query_one("#import-preset", Select).value = "hubspot"
        await pilot.pause()
        assert screen.query_one("#import-mapping", Input).value == ""
        # the form reopens as last used, its mapping path too (the list's own first "generic" came
        # after the form was filled, and cleared it)
        app.last_import_form = ("leads.csv", MAPPING_FILE, "~/crm/mapping.toml", "")
        await pilot.press("escape")
        app.push_screen(LeadImportScreen())
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#import-preset", Select).value == MAPPING_FILE
        assert app.screen.query_one("#import-mapping", Input).value == "~/crm/mapping.toml"
    log.close()


async def test_a_file_in_another_encoding_is_read_through_the_screens_encoding_field(tmp_path, clock):
    """A cp1252 export (Excel on Windows) was refused with "name its encoding with --encoding",
    an option the import screen did not have: its encoding field takes it."""
    log = open_log(tmp_path / "team.db", clock)
    load_sample(log)
    export = tmp_path / "excel.csv"
    export.write_bytes("crm_id,name,source,created_at\nE-1,Zoë Müller,Salon,2026-11-20\n".encode("cp1252"))
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadImportScreen())
        await pilot.pause()
        app.screen.query_one("#import-file", Input).value = str(export)
        await pilot.press("ctrl+r")
        status = str(app.screen.query_one("#import-status", Static).content)
        assert "is not UTF-8 text" in status and "encoding field" in status
        assert app.screen.query_one("#import-preview", DataTable).row_count == 0
        app.screen.query_one("#import-encoding", Input).value = "cp1252"
        await pilot.press("ctrl+r")
        assert app.screen.query_one("#import-preview", DataTable).row_count == 1
        await pilot.press("ctrl+y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(LeadImportScreen())  # the next import starts from the form as last used
        await pilot.pause()
        assert app.screen.query_one("#import-file", Input).value == str(export)
        assert app.screen.query_one("#import-encoding", Input).value == "cp1252"
    assert log.leads.by_crm_id("E-1").name == "Zoë Müller"
    log.close()


@pytest.mark.parametrize(("typed", "says"), [
    ("~/exports/x-education.toml", "looks like a file's path"),
    ("klingon", "not an encoding the import knows"),
])
async def test_an_encoding_it_does_not_know_is_refused_before_the_file_is_read(tmp_path, clock, typed, says):
    """A mapping file's path typed into the encoding field (Tab from the preset had passed the
    mapping field) was answered "unknown encoding '/…/x-education.toml'"."""
    log = open_log(tmp_path / "team.db", clock)
    export = tmp_path / "leads.csv"
    export.write_text("crm_id,name,source,created_at\nE-1,Zoe,Salon,2026-11-20\n")
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadImportScreen())
        await pilot.pause()
        app.screen.query_one("#import-file", Input).value = str(export)
        app.screen.query_one("#import-preset", Select).value = MAPPING_FILE  # its field left empty
        await pilot.pause()
        app.screen.query_one("#import-encoding", Input).value = typed
        await pilot.press("ctrl+r")
        await pilot.pause()
        status = str(app.screen.query_one("#import-status", Static).content)
        assert says in status and typed in status, status
        assert app.focused is app.screen.query_one("#import-encoding", Input)
        assert app.screen.query_one("#import-preview", DataTable).row_count == 0
    log.close()


async def _import_on_the_screen(app, pilot, export, *, preview=False) -> None:
    """Open the import screen, name ``export``, (preview it,) import it and wait for the report."""
    app.push_screen(LeadImportScreen())
    await pilot.pause()
    app.screen.query_one("#import-file", Input).value = str(export)
    if preview:
        await pilot.press("ctrl+r")
    await pilot.press("ctrl+y")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_import_writes_through_its_own_connection(tmp_path, clock, monkeypatch):
    """The meeting goes on while an import runs in its thread. Had the import shared the app's
    connection, an entry made meanwhile would land inside the import part's transaction (and go
    if that part failed); with a connection of its own, each waits for the other's lock."""
    import sqlite3

    import pytest

    import smarkmeet.services.leadimport as leadimport

    log = open_log(tmp_path / "team.db", clock)
    export = tmp_path / "export.csv"
    export.write_text("crm_id,name,source,created_at,status\nN-1,Ada,Webinar,2026-11-20,accepted\n", encoding="utf-8")
    used = []
    real = leadimport.import_leads
    monkeypatch.setattr(leadimport, "import_leads", lambda target, *a, **k: used.append(target) or real(target, *a, **k))
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await _import_on_the_screen(app, pilot, export)
        assert "Imported: 1 new" in str(app.screen.query_one("#import-status", Static).content)
    (target,) = used
    assert target is not log and target.path == log.path
    with pytest.raises(sqlite3.ProgrammingError):  # closed once the import is over
        target.conn.execute("SELECT 1")
    assert log.leads.by_crm_id("N-1").name == "Ada"  # and the app's own connection sees what it wrote
    log.close()


async def test_markup_in_crm_text_is_shown_as_typed(tmp_path, clock):
    log = open_log(tmp_path / "team.db", clock)
    load_sample(log)
    export = tmp_path / "hostile.csv"
    export.write_text('crm_id,name,source,created_at,owner,status\n'
                      '"[/]X-1","Smith [/] & [bold]Co","[red]Web[/red] [/]",2026-11-22,"[link=x]me",rejected\n',
                      encoding="utf-8")
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await _import_on_the_screen(app, pilot, export, preview=True)
        await pilot.press("escape")
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        table = app.screen.query_one("#leads-table", DataTable)
        assert any(str(table.get_row_at(i)[0]).strip() == "[red]Web[/red] [/]" for i in range(table.row_count))
        await pilot.press("b")
        await pilot.pause()
    assert log.leads.by_crm_id("[/]X-1").name == "Smith [/] & [bold]Co"
    log.close()


async def test_sources_named_like_the_total_row_do_not_clash(log, clock):
    from smarkmeet.domain.models import Lead

    for n, source in enumerate(["total", "all", "(no source)", "", "total "]):
        log.leads.add(Lead(crm_id=f"S{n}", source=source, created_at=clock.now(), owner="total"))
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        sources = log.rows("SELECT DISTINCT source FROM leads")
        assert app.screen.query_one("#leads-table", DataTable).row_count == len(sources) + 1
        await pilot.press("b")
        await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_rejection_mix_says_how_many_reasons_it_leaves_out(sample_log, clock, size):
    """After a CRM import with many rejection reasons the box showed six and dropped the rest
    without a word."""
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.domain.models import Lead, LeadFeedback
    from smarkmeet.services.leadreport import lead_report
    from smarkmeet.tui.screens.leads import MIX_LINES

    for n in range(MIX_LINES + 2):
        lead = sample_log.leads.add(Lead(crm_id=f"R{n}", source="Web", created_at=clock.now() - timedelta(days=2)))
        sample_log.leads.give_feedback(LeadFeedback(lead_id=lead.id, verdict=Verdict.REJECTED,
                                                    reason=f"reason number {n}", given_at=clock.now()))
    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        reasons = lead_report(sample_log, since=clock.now() - timedelta(days=28), until=clock.now()).reasons
        assert len(reasons) > MIX_LINES
        mix = str(app.screen.query_one("#leads-mix", Static).content).splitlines()
        rest = reasons[MIX_LINES - 1:]
        assert len(mix) == MIX_LINES
        # (said shorter where the long form would take two lines, still naming what each count is)
        hidden = sum(r.rejections for r in rest)
        assert mix[-1].startswith((f"… {len(rest)} more reasons ({hidden:,} rejections)",
                                   f"… {len(rest)} more reasons, {hidden:,} rejections: b")), mix[-1]


async def test_the_import_reports_rejected_rows_can_be_read_in_the_app(tmp_path, clock):
    """The report box was cut off at its foot: 'Rejected rows (…):' and then the border, the rows
    themselves and their reasons out of reach (the CLI printed them)."""
    from tests.ui.screenshot_text import shown

    log = open_log(tmp_path / "team.db", clock)
    load_sample(log)
    columns = ["crm_id", "name", "company", "email", "source", "created_at", "owner", "status", "reason", "stage"]
    rows = [",".join(columns)] + [f"R-{n},Name {n},Co {n},r{n}@x.io,Src{n % 9},2026-11-2{n % 9},rep{n},"
                                  f"Weird status {n},,mql" for n in range(1, 30)]
    rows.insert(5, ",Nobody,,,,,,,,")  # no CRM id: rejected
    export = tmp_path / "export.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadImportScreen())
        await pilot.pause()
        app.screen.query_one("#import-file", Input).value = str(export)
        await pilot.press("ctrl+r")
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert "row 6: no CRM id" in shown(app)
    log.close()


async def test_enter_on_a_source_lists_its_leads_and_v_and_words_narrow_them(sample_log, clock):
    """After a CRM import a team lead could not answer "which Webinar leads are still not worked?"
    in the app: the lead report only counts them."""
    from smarkmeet.tui.screens.leadlist import LeadListScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        screen = app.screen
        row = screen._labels.index("Webinar")
        screen.query_one("#leads-table", DataTable).move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LeadListScreen)
        since, until = app.screen.listing.since, app.screen.listing.until
        expected = sample_log.rows(
            "SELECT id FROM leads WHERE source = 'Webinar' AND created_known = 1 AND julianday(created_at) >= julianday(?) "
            "AND julianday(created_at) < julianday(?) ORDER BY julianday(created_at) DESC, crm_id",
            [since.isoformat(), until.isoformat()])
        assert [r["id"] for r in app.screen._rows] == [r["id"] for r in expected] and expected
        await pilot.press("v")  # no verdict yet
        await pilot.pause()
        waiting = {r["id"] for r in app.screen._rows}
        assert waiting and waiting == {r["id"] for r in expected
                                       if sample_log.one("SELECT verdict FROM leads WHERE id = ?", [r["id"]])["verdict"] is None}
        name = app.screen._rows[0]["name"]
        await pilot.press("slash", *name.split(" ")[0].lower(), "enter")
        await pilot.pause()
        assert app.screen._rows and all(name.split(" ")[0] in r["name"] + " " + r["company"] for r in app.screen._rows)
        narrowed = len(app.screen._rows)
        await pilot.press("slash", "ctrl+u", "percent_sign", "enter")  # no word in it: not a filter, and said so
        await pilot.pause()
        assert len(app.screen._rows) == len(waiting) > narrowed
        assert "“%” (no letters or digits: not a filter)" in str(app.screen.query_one("#leadlist-status").render())
        await pilot.press("slash", "ctrl+u", *name.split(" ")[0].lower(), "enter")
        await pilot.pause()
        await pilot.press("enter")  # its verdict history
        await pilot.pause()
        from smarkmeet.tui.widgets.dialogs import NoticeDialog

        assert isinstance(app.screen, NoticeDialog)
        assert app.screen.title_text.startswith(f"{name} (") and app.screen.title_text.endswith("— verdicts")


async def test_the_apps_period_counts_the_leads_the_command_line_counts_for_it(sample_log, clock, tmp_path, monkeypatch):
    """Both said "since Sun 08 Nov", but the app counted from this time of day 28 days back and
    `leads report --since 4w` from that day's start: 93 leads against 97, SLAs and medians apart."""
    import json

    from click.testing import CliRunner

    from smarkmeet.cli import cli
    from smarkmeet.clock import FixedClock

    from smarkmeet.domain.models import Lead

    path = tmp_path / "same.db"
    log = open_log(path, clock)
    load_sample(log)
    for weeks in (4, 12):  # delivered on the first day of the period, before this time of day
        first_day = (clock.now() - timedelta(weeks=weeks)).replace(hour=0, minute=30, second=0, microsecond=0)
        log.leads.add(Lead(crm_id=f"EARLY-{weeks}", source="Early", created_at=first_day))
    monkeypatch.setattr("smarkmeet.clock.SystemClock", lambda: FixedClock(clock.now()))
    for weeks, presses in ((4, 0), (12, 1)):
        result = CliRunner().invoke(cli, ["leads", "report", "--since", f"{weeks}w", "--json", "--db", str(path)])
        assert result.exit_code == 0, result.output
        said = json.loads(result.stdout)
        app = make_app(log, clock)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(LeadReportScreen())
            await pilot.pause()
            for _ in range(presses):
                await pilot.press("p")
            since, _ = app.screen.window()
            table = app.screen.query_one("#leads-table", DataTable)
            total = str(table.get_row_at(table.row_count - 1)[1])
        day_start = (clock.now() - timedelta(weeks=weeks)).replace(hour=0, minute=0, second=0, microsecond=0)
        assert since == day_start
        assert int(total.replace(",", "")) == sum(row["leads"] for row in said["groups"]), (weeks, total)
    log.close()


def test_a_rejection_is_shown_by_its_reason_alike_in_every_row():
    """At 80 columns "rejected: not…" could be "not a fit" or "not a buyer"; and cut to ✗ only
    where too long, one column read "✗ bad contact data" beside "rejected: not a fit"."""
    from smarkmeet.tui.screens.leadlist import LeadListScreen

    cell = LeadListScreen._verdict_cell
    for width in (14, 22):
        assert cell({"verdict": "rejected", "reason": "not a fit"}, width).plain == "✗ not a fit"
        assert cell({"verdict": "rejected", "reason": "bad contact data"}, width).plain.startswith("✗ bad contact")
    assert cell({"verdict": "rejected", "reason": ""}, 14).plain == "rejected"
    assert cell({"verdict": "accepted", "reason": ""}, 14).plain == "accepted"


async def test_leads_imported_without_dates_are_said_where_a_period_shows_none(log, clock, tmp_path):
    """After importing a CRM export with no created date, the report read "No leads in this
    perio" for every period but all time, and home "0 leads need a verdict"."""
    from smarkmeet.services.crmmapping import preset
    from smarkmeet.services.leadimport import import_leads

    export = tmp_path / "undated.csv"
    export.write_text("crm_id,name,source\nA1,Ann,Web\nA2,Bob,Web\nA3,Cy,Ads\n", encoding="utf-8")
    import_leads(log, export, preset("generic"))
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "and 3 undated" in str(app.screen.query_one("#action-counts").render())
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        table = app.screen.query_one("#leads-table", DataTable)
        assert str(table.get_row_at(0)[0]) == "None delivered in this period; 3 have no delivery date — p ×3: all time"
        await pilot.press("p", "p", "p")  # all time
        await pilot.pause()
        assert table.row_count == 3  # Web, Ads and All leads


async def test_a_words_filter_is_looked_up_while_the_screen_still_answers(tmp_path, clock, monkeypatch):
    """Over all of a 10-year log a words filter reads every lead (1-2 s over 1M): it ran on the
    UI thread, so the screen froze until it was done and Escape could not stop it."""
    import threading

    from smarkmeet.store.leads import LeadStore
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    log = open_log(tmp_path / "team.db", clock)
    load_sample(log)
    listing = LeadStore.listing
    held, release, threads = threading.Event(), threading.Event(), []

    def slow_listing(store, *args, **kwargs):
        if kwargs.get("words", "").strip():
            threads.append(threading.current_thread())
            held.set()
            release.wait(10)
        return listing(store, *args, **kwargs)

    monkeypatch.setattr(LeadStore, "listing", slow_listing)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time")))
        await pilot.pause()
        await app.workers.wait_for_complete()  # read in the background too
        await pilot.pause()
        screen = app.screen
        everyone = [row["id"] for row in screen._rows]
        assert len(everyone) == min(log.leads.count(), 500)
        name = log.one("SELECT name FROM leads WHERE name <> '' ORDER BY name LIMIT 1")["name"].split(" ")[0]
        await pilot.press("slash", *name.lower(), "enter")
        assert held.wait(5)
        await pilot.pause(0.3)  # the screen answers while the lookup is held
        status = str(screen.query_one("#leadlist-status", Static).render())
        assert f"Looking for “{name.lower()}”" in status and threads[0] is not threading.main_thread()
        assert [row["id"] for row in screen._rows] == everyone  # nothing half-shown
        await pilot.press("escape")  # stops it: the whole list again, and the late result is dropped
        await pilot.pause()
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [row["id"] for row in screen._rows] == everyone
        assert "Looking" not in str(screen.query_one("#leadlist-status", Static).render())
        field = screen.query_one("#leadlist-filter", Input)
        field.value = name.lower()
        field.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        matched = [row["id"] for row in screen._rows]
        assert matched and set(matched) < set(everyone)
        assert all(name.lower() in f"{r['name']} {r['company']}".lower() for r in screen._rows)
        assert f"words “{name.lower()}”" in str(screen.query_one("#leadlist-status", Static).render())
    log.close()


@pytest.mark.parametrize("width", [120, 80])
async def test_a_million_leads_are_counted_in_full(sample_log, clock, monkeypatch, width):
    """On the 10-year log the total row read "1,000,0": the Leads column held seven characters."""
    from dataclasses import replace

    from tests.ui.screenshot_text import shown

    import smarkmeet.tui.screens.leads as screen_module

    real = screen_module.lead_report

    def ten_years(*args, **kwargs):
        report = real(*args, **kwargs)
        return replace(report, total=replace(report.total, leads=1_234_567, not_worked=123_456_789))

    monkeypatch.setattr(screen_module, "lead_report", ten_years)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(width, 40)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        total = next(line for line in shown(app).splitlines() if "All leads" in line)
        assert "1,234,567" in total and "123,456,789" in total


def test_with_no_lead_target_marketing_is_said_without_an_of():
    """With no weekly lead target agreed the panel read "Marketing delivered 1,000,000 of —
    qualified leads —"."""
    from smarkmeet.services.leadreport import SlaStatus
    from smarkmeet.tui.screens.leads import sla_text

    sla = SlaStatus(delivered=1_000_000, qualified=1_000_000, target=None, marketing=None, within=5, judged=9,
                    pending=0, unknown=0, sales=5 / 9, sales_target=0.9, hours=48)
    marketing, _ = sla_text(sla)
    assert marketing.plain.startswith("Marketing delivered  1,000,000 qualified leads   no data ")
    with_target, _ = sla_text(SlaStatus(**{**sla.__dict__, "target": 100.4, "marketing": 88 / 100.4, "qualified": 88}))
    assert with_target.plain.startswith("Marketing delivered  88 leads of 100.4 agreed  88%")


async def test_an_sla_note_sits_indented_under_its_sides_line(log, clock):
    """At 80 columns the marketing note wrapped to the box's edge ("(smarkmeet settings" /
    "weekly_lead_target N)" under "Marketing"), read as a third line of its own."""
    app = make_app(log, clock)  # a new log: no weekly lead target agreed
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        line = app.screen.query_one("#leads-sla-marketing", Static)
        note = app.screen.query_one("#leads-sla-marketing-note", Static)
        report_sla = app.screen.query_one("#leads-sla-box")
        assert note.display and str(note.content).startswith("no lead target agreed yet")
        assert note.content_region.height > 1  # it wraps at this width
        assert note.content_region.x == line.content_region.x + 2
        assert report_sla.region.contains_region(note.region)
        assert not app.screen.query_one("#leads-sla-sales-note", Static).display  # nothing to say: no line


@given(st.lists(st.integers(min_value=0, max_value=5000), min_size=5, max_size=5).filter(any),
       st.integers(min_value=5, max_value=40))
def test_every_mix_bar_is_the_whole_width(counts, width):
    """Each row's shares add up to all its leads, yet rounding each alone drew Referral 8 cells of 10."""
    from types import SimpleNamespace

    from smarkmeet.tui.screens.leads import SEGMENTS, mix_bar

    row = SimpleNamespace(leads=sum(counts), **{name: count for (name, _), count in zip(SEGMENTS, counts, strict=True)})
    bar = mix_bar(row, width)
    assert bar.cell_len == width
    drawn = {str(span.style): span.end - span.start for span in bar.spans}
    for (_, colour), count in zip(SEGMENTS, counts, strict=True):
        assert abs(drawn.get(colour, 0) - count / row.leads * width) < 1  # each share within a cell


async def test_an_owner_the_crm_wrote_two_ways_is_one_row_and_enter_lists_all_their_leads(sample_log, clock):
    """After a HubSpot import naming owners in full ("Tomás Ruiz") the report by owner showed two
    "Tomás" rows, the demo's "tomas" and the import's, each listing half of his leads."""
    from smarkmeet.domain.models import Lead
    from smarkmeet.tui.screens.leadlist import LeadListScreen

    for n in range(3):
        sample_log.leads.add(Lead(crm_id=f"HS-{n}", source="Web", owner="Tomás Ruiz",
                                  created_at=clock.now() - timedelta(days=2, hours=n)))
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        await pilot.press("b")  # by owner
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#leads-table", DataTable)
        shown_owners = [str(table.get_row_at(i)[0]).strip() for i in range(table.row_count)]
        assert shown_owners.count("Tomás") == 1, shown_owners
        row = shown_owners.index("Tomás")
        leads_shown = int(str(table.get_row_at(row)[1]).replace(",", ""))
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LeadListScreen)
        since, until = app.screen.listing.since, app.screen.listing.until
        expected = sample_log.rows(
            "SELECT owner FROM leads WHERE lower(owner) IN ('tomas', 'tomás ruiz') AND created_known = 1 "
            "AND julianday(created_at) >= julianday(?) AND julianday(created_at) < julianday(?)",
            [since.isoformat(), until.isoformat()])
        assert {r["owner"] for r in expected} == {"tomas", "Tomás Ruiz"}
        assert app.screen._total == len(expected) == leads_shown


async def test_an_error_said_of_one_file_goes_when_another_is_named(sample_log, clock, tmp_path):
    """After a broken file's error, typing another path (or choosing another preset) left the
    first file's error on screen as if it were about the new one."""
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"")
    good = tmp_path / "good.csv"
    good.write_text("crm_id,name,source,created_at,status\nN-1,Ada,Webinar,2026-11-20,accepted\n", encoding="utf-8")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadImportScreen())
        await pilot.pause()
        status = lambda: str(app.screen.query_one("#import-status", Static).render())  # noqa: E731
        app.screen.query_one("#import-file", Input).value = str(broken)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "is empty" in status()
        app.screen.query_one("#import-file", Input).value = str(good)
        await pilot.pause()
        assert "is empty" not in status() and "ctrl+r" in status()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.query_one("#import-preview", DataTable).row_count == 1
        app.screen.query_one("#import-encoding", Input).value = "latin-1"  # the preview was of the file as UTF-8
        await pilot.pause()
        assert app.screen.query_one("#import-preview", DataTable).row_count == 0


async def test_the_lead_list_pages_through_every_lead_past_its_first_page(sample_log, clock, monkeypatch):
    """After a CRM history import a source listed "newest 500 of 743 lead(s)" and End stopped at
    row 500: the other 243 could not be reached. ] and [ page through them, and the status line
    says which are shown and how to see the rest."""
    import smarkmeet.tui.screens.leadlist as leadlist
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    monkeypatch.setattr(leadlist, "SHOWN", 7)
    everyone = [row["id"] for row in sample_log.rows(
        "SELECT id FROM leads ORDER BY julianday(created_at) DESC, crm_id")]
    assert len(everyone) > 14
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time")))
        await pilot.pause()
        screen = app.screen
        seen = [row["id"] for row in screen._rows]
        status = str(screen.query_one("#leadlist-status", Static).render())
        assert f"1–7 of {len(everyone):,}" in status and "] next page" in status, status
        # the footer offers only the pages there are ("] Next page" stood under a list of one page)
        assert screen.check_action("page", (1,)) and not screen.check_action("page", (-1,))
        while len(seen) < len(everyone):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen += [row["id"] for row in screen._rows]
        assert seen == everyone  # each once, in the list's order
        status = str(screen.query_one("#leadlist-status", Static).render())
        assert "] next page" not in status and "[ previous" in status, status
        assert not screen.check_action("page", (1,)) and screen.check_action("page", (-1,))
        await pilot.press("right_square_bracket")  # no further page
        await pilot.pause()
        assert [row["id"] for row in screen._rows] == seen[-len(screen._rows):]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        first = (len(everyone) - 1) // 7 * 7 - 7
        assert [row["id"] for row in screen._rows] == everyone[first:first + 7]
        await pilot.press("v")  # another verdict shown: from its first page again
        await pilot.pause()
        assert screen._offset == 0


async def test_a_filter_typed_in_one_burst_on_the_lead_list_is_read_whole(sample_log, clock):
    """"/swift⏎" sent at once (a paste, a fast typist) left the filter empty and the list as it
    was: the line was focused only after its words had gone by, and its Enter was lost."""
    from tests.ui.typing_ahead import burst, settle
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time")))
        await settle(pilot, 4)
        word = app.screen._rows[3]["name"].split(" ")[0]
        burst(app, f"/{word.lower()}\n")
        await settle(pilot, 10)
        await app.workers.wait_for_complete()
        await settle(pilot, 4)
        assert app.screen.query_one("#leadlist-filter", Input).value == word.lower()
        assert app.screen._rows and all(word.lower() in (row["name"] + " " + row["company"]).lower()
                                        for row in app.screen._rows)
        assert app.focused.id == "leadlist-table"


async def test_a_verdict_between_meetings_is_given_and_taken_back_in_the_lead_list(sample_log, clock):
    """A seller reporting back between meetings, or a lead imported without a date (in no week's
    review), had only `leads verdict` on the command line. The lead list takes the meeting's keys:
    recorded with via "app" and no meeting, the row and its line below say it, ctrl+z takes it back."""
    from smarkmeet.services.leadreview import rejection_reasons
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen
    from smarkmeet.tui.widgets.dialogs import ChoiceDialog

    def latest(lead_id: str) -> dict | None:
        return sample_log.one("SELECT verdict, reason, via, meeting_id FROM lead_feedback WHERE lead_id = ? "
                              "ORDER BY rowid DESC LIMIT 1", [lead_id])

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time"), verdict="none"))
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#leadlist-table", DataTable)
        first, second = screen._rows[0], screen._rows[1]
        await pilot.press("a")
        await pilot.pause()
        assert latest(first["id"]) == {"verdict": "accepted", "reason": "", "via": "app", "meeting_id": None}
        assert sample_log.one("SELECT verdict FROM leads WHERE id = ?", [first["id"]])["verdict"] == "accepted"
        assert "accepted" in str(table.get_row(first["id"])[-1])  # the row says it, still listed
        assert table.cursor_row == 1  # on to the next lead waiting

        reason = rejection_reasons(sample_log)[1]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("2")
        await pilot.pause()
        assert latest(second["id"]) == {"verdict": "rejected", "reason": reason, "via": "app", "meeting_id": None}
        detail = str(screen.query_one("#leadlist-detail", Static).render())
        assert "no verdict yet" in detail  # the cursor has moved on: the line below is the next lead's

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert latest(second["id"]) is None  # the rejection has left the log
        assert sample_log.one("SELECT verdict FROM leads WHERE id = ?", [second["id"]])["verdict"] is None
        assert table.cursor_row == 1 and str(table.get_row(second["id"])[-1]) == "—"
        screen.refresh_rows()  # read again (as v does): the accepted lead is no longer "no verdict yet"
        await pilot.pause()
        assert first["id"] not in [row["id"] for row in screen._rows]
        await pilot.press("ctrl+z", "ctrl+z")  # the acceptance too, then nothing left to take back
        await pilot.pause()
        assert latest(first["id"]) is None
        assert first["id"] in [row["id"] for row in screen._rows]  # back in the list it had left
        assert any("No verdict given here to take back" in str(n.message) for n in app._notifications)


async def test_the_detail_line_names_a_lead_once(sample_log, clock):
    """A lead without a name is called by its CRM id, which the line then did not repeat as
    "CRM-7 — Web · owner … · CRM id CRM-7"; a named lead still shows its CRM id."""
    from smarkmeet.domain.models import Lead
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    sample_log.leads.add(Lead(crm_id="NONAME-7", source="Web", created_at=clock.now()))
    sample_log.leads.add(Lead(crm_id="NAMED-8", name="Ada Lovelace", source="Web", created_at=clock.now()))
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time"), verdict="none"))
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#leadlist-table", DataTable)
        for crm_id, name in (("NONAME-7", None), ("NAMED-8", "Ada Lovelace")):
            table.move_cursor(row=[row["crm_id"] for row in screen._rows].index(crm_id))
            await pilot.pause()
            detail = str(screen.query_one("#leadlist-detail", Static).render())
            assert detail.count(crm_id) == 1, detail
            assert detail.startswith(name or crm_id) and (name is None) == ("CRM id" not in detail), detail


async def test_the_lead_list_gives_no_verdict_on_a_read_only_log(read_only_sample_log, clock):
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    before = read_only_sample_log.one("SELECT count(*) AS n FROM lead_feedback")["n"]
    app = make_app(read_only_sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time")))
        await pilot.pause()
        screen = app.screen
        # not offered: the footer and the status line name no verdict key
        assert not screen.check_action("verdict", ("accepted",)) and not screen.check_action("take_back", ())
        assert "a r n c" not in str(screen.query_one("#leadlist-status", Static).render())
        await pilot.press("a", "r", "n")
        await pilot.pause()
        assert isinstance(app.screen, LeadListScreen)  # no reason asked for
    assert read_only_sample_log.one("SELECT count(*) AS n FROM lead_feedback")["n"] == before


async def test_the_lead_lists_lines_break_between_their_facts_at_80_columns(sample_log, clock):
    """"a r n c give a" / "verdict" above the list, "Enter or h: its verdict" / "history" below it."""
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time")))
        await pilot.pause()
        await pilot.pause()

        status, detail = drawn(app.screen.query_one("#leadlist-status")), drawn(app.screen.query_one("#leadlist-detail"))
        for fact in ("a r n c give a verdict", "v shows one", "h history"):
            assert any(fact in line for line in status), status
        assert any("Enter or h: its verdict history" in line for line in detail), detail


async def test_a_long_filter_is_said_cut_on_the_lead_lists_status_line(sample_log, clock):
    """60 words typed in the filter were echoed whole on the status line: 8 rows at 120x40, half
    the screen at 80x24. Cut, as the action items' line cuts it."""
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time")))
        await pilot.pause()
        await pilot.press("slash")
        app.screen.query_one("#leadlist-filter", Input).value = " ".join(f"word{n}" for n in range(60))
        await pilot.press("enter")
        await pilot.pause()
        status = app.screen.query_one("#leadlist-status", Static)
        assert status.size.height <= 3 and "word59" not in str(status.render()) and "…" in str(status.render())


@pytest.mark.parametrize("width", [80, 100, 110, 120, 160])
async def test_the_lead_report_fits_its_window_at_every_width(sample_log, clock, width):
    """At 100 columns the wide layout ran off the box's right edge (the bars cut, a scrollbar
    below) and the line above ended "b group ·"."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(width, 40)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        table = app.screen.query_one("#leads-table", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width, (table.virtual_size, table.size)
        line = str(app.screen.query_one("#leads-period", Static).render())
        assert len(line) < width and line.rstrip().endswith(("⏎ leads", "i import")), line


async def test_a_rejection_reasons_lead_list_does_not_cycle_to_verdicts_none_of_them_has(sample_log, clock):
    """On a reason's list (all rejected), v showed accepted, nurture and converted in turn: "No
    lead matches" each time."""
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    reason = sample_log.one("SELECT reason FROM leads WHERE verdict = 'rejected' LIMIT 1")["reason"]
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time", by="reason", group=reason),
                                       verdict="rejected"))
        await pilot.pause()
        screen = app.screen
        rows = [row["id"] for row in screen._rows]
        assert rows and not screen.check_action("next_verdict", ())
        await pilot.press("v")
        await pilot.pause()
        assert [row["id"] for row in screen._rows] == rows
        assert "v shows one" not in str(screen.query_one("#leadlist-status", Static).render())


async def test_the_import_fits_its_preview_and_report_at_100_columns(tmp_path, clock):
    """At 100x30 the preview of the X Education export cut the verdict it implies ("rejecte",
    "(converted flag)" out of sight), and the dry run's report wrapped its lines at column 0."""
    from tests.ui.screenshot_text import shown

    log = open_log(tmp_path / "team.db", clock)
    export = tmp_path / "export.csv"
    long = "Will revert after reading the email and talking it over with the whole buying committee"
    export.write_text("crm_id,name,source,status,converted\n" + "".join(
        f"7927b2df-8bba-4d29-b9a2-b6e0beafe62{n},Someone With A Long Name {n},Organic Search Campaign {n},{long},1\n"
        for n in range(5)), encoding="utf-8")
    mapping = tmp_path / "m.toml"
    mapping.write_text('name = "m"\n[columns]\ncrm_id = "crm_id"\nname = "name"\nsource = "source"\n'
                       'status = "status"\nconverted = "converted"\n', encoding="utf-8")
    app = make_app(log, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(LeadImportScreen())
        await pilot.pause()
        app.screen.query_one("#import-file", Input).value = str(export)
        app.screen.query_one("#import-mapping", Input).value = str(mapping)
        await pilot.press("ctrl+r")
        await pilot.pause()
        table = app.screen.query_one("#import-preview", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert "(converted flag)" in shown(app)
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        from rich.console import Console

        box = app.screen.query_one("#import-report", Static)
        console = Console(width=box.size.width, record=True, file=io.StringIO())
        console.print(box.content)
        lines = console.export_text().splitlines()
        counts = lines[next(n for n, line in enumerate(lines) if line.lstrip().startswith("new ")):]
        assert len(counts) > 6 and all(line.startswith("  ") for line in counts if line.strip()), lines
    log.close()


async def test_a_page_on_after_verdicts_starts_after_the_last_lead_shown(sample_log, clock, monkeypatch):
    """On "no verdict yet", four verdicts on page 1 and then ]: page 2 began four leads late, as
    if they were still in the list, and those four leads were never shown."""
    import smarkmeet.tui.screens.leadlist as leadlist
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    monkeypatch.setattr(leadlist, "SHOWN", 7)
    waiting = [row["id"] for row in sample_log.rows(
        "SELECT id FROM leads WHERE verdict IS NULL ORDER BY julianday(created_at) DESC, crm_id")]
    assert len(waiting) > 16
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time"), verdict="none"))
        await pilot.pause()
        screen = app.screen
        first_page = [row["id"] for row in screen._rows]
        assert first_page == waiting[:7]
        await pilot.press("a", "n")  # two of them leave "no verdict yet"
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert [row["id"] for row in screen._rows] == waiting[7:14]  # right after the last one shown
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert [row["id"] for row in screen._rows] == [lead for lead in waiting[:9] if lead not in first_page[:2]]


async def test_no_match_under_a_verdict_says_the_verdict_may_hide_it(sample_log, clock):
    """/CRM-… on "no verdict yet" said "No lead matches" of a lead that had a verdict: v shows it."""
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    judged = sample_log.one("SELECT crm_id FROM leads WHERE verdict IS NOT NULL LIMIT 1")["crm_id"]
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadListScreen(LeadListing(None, None, "all time"), verdict="none"))
        await pilot.pause()
        await pilot.press("slash", *judged, "enter")
        await pilot.pause()
        status = str(app.screen.query_one("#leadlist-status", Static).render())
        assert status.startswith("0 leads") and "v shows the other verdicts" in status, status
        assert "a r n c" not in status  # nothing listed to give a verdict to


async def test_the_lead_list_says_the_verdict_the_log_has_and_undoes_after_being_reopened(sample_log, clock):
    """n on a lead, then another verdict from the command line, then ctrl+z (refused): the row
    still said nurture, and c next said "(was nurture)" of the verdict the command line gave.
    And leaving the list and opening it again, ctrl+z said no verdict had been given there."""
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.services.leadreview import give_verdict_between_meetings
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

    listing = LeadListing(None, None, "all time")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.push_screen(LeadListScreen(listing, verdict="none"))
        await pilot.pause()
        screen = app.screen
        lead = screen._rows[0]
        await pilot.press("n")
        await pilot.pause()
        give_verdict_between_meetings(sample_log, lead["id"], Verdict.ACCEPTED)  # from elsewhere
        await pilot.press("ctrl+z")  # refused: it is not the latest
        await pilot.pause()
        table = screen.query_one("#leadlist-table", DataTable)
        assert "accepted" in str(table.get_row(lead["id"])[-1])
        table.move_cursor(row=0)
        await pilot.press("c")
        await pilot.pause()
        assert any("(was accepted)" in str(n.message) for n in app._notifications)
        await pilot.press("escape")  # leave the list, and open it again
        await pilot.pause()
        app.push_screen(LeadListScreen(listing))
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sample_log.one("SELECT verdict FROM leads WHERE id = ?", [lead["id"]])["verdict"] == "accepted"


@pytest.mark.parametrize("width", [80, 100, 120])
async def test_each_rejection_reason_is_one_line_of_the_mix(sample_log, clock, width):
    """At 100 columns "not a fit ███ 46%" and "(678)" took two lines each, and the box's last
    reasons were out of sight with no word of them."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(width, 30)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        await pilot.press("p", "p", "p")  # all time: every reason
        await pilot.pause()
        mix = app.screen.query_one("#leads-mix", Static)
        said = str(mix.render()).rstrip("\n").split("\n")
        shown = [line for line in said if line.endswith(")") and "%" in line]
        assert len(shown) == len(said) or said[-1].startswith("…"), said
        assert all(len(line) <= mix.size.width for line in said), (mix.size.width, said)


def test_a_verdict_between_meetings_says_where_it_was_given_in_its_history(sample_log):
    """A lead's history said "— via app": where it was given, in words."""
    from smarkmeet.domain.enums import FeedbackVia, Verdict
    from smarkmeet.services.leadreview import describe_verdict, give_verdict_between_meetings

    lead = sample_log.one("SELECT id FROM leads WHERE verdict IS NULL LIMIT 1")["id"]
    give_verdict_between_meetings(sample_log, lead, Verdict.ACCEPTED, via=FeedbackVia.APP)
    assert describe_verdict(sample_log.leads.history(lead)[-1]).endswith("— between meetings, in the lead list")


async def test_the_import_forms_hints_are_whole_at_80_columns(sample_log, clock):
    """The mapping field's hint read "or a mapping file (.toml" at 80 columns."""
    from tests.ui.screenshot_text import shown

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LeadImportScreen())
        await pilot.pause()
        screen = shown(app)
        for field in ("#import-file", "#import-mapping", "#import-encoding"):
            assert app.screen.query_one(field, Input).placeholder in screen, field


async def test_at_80_columns_the_report_gives_the_median_days_to_a_first_verdict(sample_log, clock):
    """Below 100 columns the Days→1st column was left out for the mix bar, which draws the shares
    the row already gives in figures: the median wait could not be read at all."""
    from smarkmeet.services.leadreport import lead_report

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        table = app.screen.query_one("#leads-table", DataTable)
        assert "days" in table.columns and "mix" not in table.columns
        total = lead_report(sample_log, since=clock.now() - timedelta(days=28), until=clock.now()).total
        assert str(table.get_row_at(table.row_count - 1)[-1]) == f"{total.median_days:.1f} d"
