"""The team's words — typed, imported, or read from their own files — are shown as typed on every screen.

A Static, a Label, an option, a border title or a palette entry reads a plain ``str`` as Textual
markup: a value like ``[/]`` crashed the app (MarkupError), ``[bold]x[/]`` restyled itself, and
``[EMEA] webinar`` lost its first word even through ``textual.markup.escape`` (which leaves tags
starting with a capital alone). Each test puts such a value where the team can put it — the log,
a template file, a setting, a CSV export, the home folder — and opens the screen that shows it.
"""

from __future__ import annotations

import pytest
from textual.command import CommandList
from textual.widgets import Input, Select

from smarkmeet.domain.enums import SectionKind
from smarkmeet.paths import templates_dir
from smarkmeet.services.funnel import DEFAULT_RATES_SETTING
from smarkmeet.services.glossary import define_term
from smarkmeet.services.meeting import MeetingRunner
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.glossary import GlossaryScreen
from smarkmeet.tui.screens.goals import GoalsScreen
from smarkmeet.tui.screens.home import HomeScreen
from smarkmeet.tui.screens.leadimport import LeadImportScreen
from smarkmeet.tui.screens.meeting import MeetingScreen
from smarkmeet.tui.screens.minutes import MinutesScreen
from smarkmeet.tui.screens.start import StartMeetingDialog
from smarkmeet.tui.widgets.goalform import GoalForm
from tests.ui.screenshot_text import shown

SIZE = (120, 40)
# one value for the three ways markup goes wrong: "[/]" crashes (MarkupError), "[b]x[/]" restyles
# itself, "[EMEA]" is lost even through textual.markup.escape; each test checks the words shown exactly
HOSTILE = ["[EMEA][b]x[/][/]"]
hostile = pytest.mark.parametrize("words", HOSTILE)


def rendered(app, selector: str) -> str:
    """What a Static or Label shows (markup applied), whether it was given a str or Text."""
    return str(app.screen.query_one(selector).render())


async def palette(pilot, query: str) -> list[str]:
    """The palette's entries for ``query``: each title with its help, as shown."""
    await pilot.press("ctrl+p")
    await pilot.press(*query)
    await pilot.pause(0.4)
    options = pilot.app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def start_dialog(pilot) -> StartMeetingDialog:
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StartMeetingDialog)
    return pilot.app.screen


# -- starting a meeting: the date typed, the template files ---------------------------


@hostile
async def test_a_date_that_looks_like_markup_is_answered_in_words(sample_log, clock, words):
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await start_dialog(pilot)
        dialog.query_one("#start-date", Input).value = words
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # still asking, nothing started
        assert f'can\'t read "{words}" as a date' in rendered(app, "#start-error")
    assert sample_log.meetings.in_progress() is None


@hostile
async def test_template_files_are_shown_as_typed(sample_log, clock, isolated_home, words):
    folder = templates_dir()
    folder.mkdir(parents=True)
    (folder / "team.toml").write_text(
        f'name = "team"\ntitle = "Sync {words}"\n'
        f'[[sections]]\nkind = "checkin"\ntitle = "Hello {words}"\nminutes = 5\n'
        '[[sections]]\nkind = "wrapup"\ntitle = "Bye"\nminutes = 5\n', encoding="utf-8")
    broken = words.replace("/", "")  # a file's name cannot hold a slash
    (folder / f"{broken}.toml").write_text("sections = 1\n", encoding="utf-8")
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await start_dialog(pilot)
        assert f"{broken}.toml: " in rendered(app, "#start-error")  # the problem names the file as it is
        dialog.query_one("#start-template", Select).value = "team"
        await pilot.pause()
        assert rendered(app, "#start-agenda") == f"10 min: Hello {words} 5′ · Bye 5′"
        assert dialog.query_one("#start-title", Input).value == f"Sync {words}"
        assert f"Sync {words}" in shown(app)  # the template picked, in the select
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    assert sample_log.meetings.in_progress().title == f"Sync {words}"


# -- home and the command palette --------------------------------------------------------


@hostile
async def test_home_shows_the_meeting_its_section_and_facilitator_as_typed(sample_log, clock, words):
    planned = sample_log.meetings.next_planned()
    sample_log.meetings.update(planned.id, {"title": f"Weekly {words}"})
    sample_log.db.execute("UPDATE people SET name = ? WHERE id = ?", [f"Dana {words}", planned.facilitator_id])
    first = sample_log.meetings.sections(planned.id)[0]
    sample_log.meetings.update_section(first, {"title": f"Check-in {words}"})
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        card = rendered(app, "#next-meeting")
        assert card.startswith(f"Weekly {words}\n") and f"facilitator Dana {words}" in card
        MeetingRunner(sample_log, planned.id).start()
        await pilot.press("r")
        await pilot.pause()
        assert f"In progress — at “Check-in {words}” · s resumes" in rendered(app, "#next-meeting")
        assert f"meeting: Resume meeting\nWeekly {words} — in progress" in await palette(pilot, "resume")


@hostile
async def test_the_palette_lists_sections_and_search_hits_as_typed(sample_log, clock, words):
    planned = sample_log.meetings.next_planned()
    goals = next(s for s in sample_log.meetings.sections(planned.id) if s.kind is SectionKind.GOAL_REVIEW)
    sample_log.meetings.update_section(goals, {"title": f"Goals {words}"})
    define_term(sample_log, "Webinar", f"A talk {words}")
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        entries = await palette(pilot, "go to goals")
        assert f"meeting: Go to Goals {words}\n{goals.timebox_minutes} min" in entries
        await pilot.press("escape")
        await pilot.pause()
        entries = await palette(pilot, "webinar")  # the glossary hit: its definition is the help line
        assert any(entry.endswith(f"Webinar\nA talk {words}") for entry in entries), entries


# -- glossary, goals, the meeting's goal review ------------------------------------------


@hostile
async def test_the_glossary_lists_terms_as_typed(sample_log, clock, words):
    define_term(sample_log, f"MQL {words}", "A lead marketing has qualified.")
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.open_glossary(f"MQL {words}")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        assert shown(app).count(f"MQL {words}") >= 2  # in the list of terms and over the definition


@hostile
async def test_the_goals_screen_and_form_show_goal_names_as_typed(sample_log, clock, words):
    goal = next(g for g in sample_log.goals.active() if g.metric == "customers")
    other = next(g for g in sample_log.goals.active() if g.metric == "mqls")
    sample_log.goals.update(goal.id, {"name": f"Customers {words}"})
    sample_log.goals.update(other.id, {"name": f"MQLs {words}"})
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GoalsScreen)
        table = screen.query_one("#goals-list")
        table.move_cursor(row=table.get_row_index(goal.id))
        await pilot.pause()
        assert f"Funnel-derived targets — Customers {words}" in shown(app)  # the panel's border
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, GoalForm)
        assert rendered(app, "#goal-form-title").startswith(f"Edit “Customers {words}” — ")
        app.screen.query_one("#goal-name", Input).value = f"MQLs {words}"  # taken: refused, quoted
        await pilot.press("enter")
        await pilot.pause()
        assert f"There is already a goal named “MQLs {words}”" in rendered(app, "#goal-form-error")
    assert sample_log.goals.get(goal.id).name == f"Customers {words}"


@hostile
async def test_funnel_problems_and_goal_names_are_shown_as_typed_in_both_places(sample_log, clock, words):
    goal = next(g for g in sample_log.goals.active() if g.metric == "customers")
    sample_log.goals.update(goal.id, {"name": f"Cust {words}"})
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        for _ in range(2):  # check-in, action review, then goals
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert app.screen.runner.current.kind is SectionKind.GOAL_REVIEW
        assert f" Cust {words}" in rendered(app, "#goals-funnel")  # the derived targets, by goal
        sample_log.set_setting(DEFAULT_RATES_SETTING, {f"stage {words}": 0.5})
        app.screen.refresh_panel()
        await pilot.pause()
        assert f"names an unknown stage 'stage {words}'" in rendered(app, "#goals-funnel")
        app.push_screen(GoalsScreen())
        await pilot.pause()
        assert f"names an unknown stage 'stage {words}'" in rendered(app, "#goal-funnel-needs")


# -- files: a CRM export, the minutes' folder ---------------------------------------------


@hostile
async def test_the_import_preview_quotes_a_rejected_cell_as_typed(sample_log, clock, tmp_path, words):
    export = tmp_path / "export.csv"
    export.write_text(f'crm_id,name,source,created_at,status\nN-1,Ada,Webinar,2026-11-20,open\n'
                      f'N-2,Bo,Webinar,"{words}",open\n', encoding="utf-8")
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(LeadImportScreen())
        await pilot.pause()
        app.screen.query_one("#import-file", Input).value = str(export)
        await pilot.press("ctrl+r")
        await pilot.pause()
        status = rendered(app, "#import-status")
        assert "1 rows would be rejected (first: row 3: " in status and words in status, status


@pytest.mark.parametrize("folder", ["[bold]x", "[EMEA] team"])
async def test_the_minutes_screen_shows_where_they_were_written_as_typed(sample_log, clock, tmp_path,
                                                                         monkeypatch, folder):
    monkeypatch.setenv("SMARKMEET_HOME", str(tmp_path / folder))
    app = make_app(sample_log, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("1")  # end the meeting
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        path = app.screen.path
        assert path is not None and path.is_file() and folder in str(path)
        assert rendered(app, "#minutes-path") == f"Minutes written to {path}"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
