"""The home screen driven through Textual's Pilot."""

import gc
import re
from datetime import timedelta

import pytest

from textual.widgets import HelpPanel

from smarkmeet.domain.enums import MeetingKind
from smarkmeet.store.actions import ActionFilter
from smarkmeet.tui.app import FULL_COLLECTION_EVERY, make_app
from smarkmeet.tui.widgets.history import MeetingHistoryTable
from tests.ui.palette import palette_offers
from tests.ui.screenshot_text import shown


def text_of(app, selector: str) -> str:
    rendered = app.screen.query_one(selector).render()  # (the counts are made for the card's width)
    return str(getattr(rendered, "plain", rendered))


async def test_home_shows_what_the_log_holds(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)):
        counts = sample_log.actions.counts(clock.today())
        owed = text_of(app, "#action-counts")
        assert f"{counts.open} open" in owed and f"{counts.overdue} overdue" in owed
        assert "Weekly smarketing meeting" in text_of(app, "#next-meeting")
        screen = shown(app)
        assert all(goal.name in screen for goal in sample_log.goals.active())
        assert app.focused is app.screen.query_one(MeetingHistoryTable)  # Enter opens a meeting at once
        ended = sample_log.one("SELECT count(*) AS n FROM meetings WHERE status = 'ended'")["n"]
        assert app.screen.query_one(MeetingHistoryTable).row_count == min(max(12, 40 - 20), ended)  # as the window holds


async def test_refresh_reads_new_entries(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        item = sample_log.actions.list(ActionFilter(overdue_on=clock.today()))[0]
        sample_log.actions.update(item.id, {"status": "done", "done_at": clock.now()})
        await pilot.press("r")
        counts = sample_log.actions.counts(clock.today())
        assert f"{counts.overdue} overdue" in text_of(app, "#action-counts")
        # said: the figures may not have moved
        assert [str(n.message) for n in app._notifications] == [f"Read the log again at {clock.now():%H:%M}."]


async def test_question_mark_toggles_the_keys_panel(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(160, 60)) as pilot:  # every key in one page
        await pilot.press("question_mark")
        assert app.screen.query(HelpPanel)
        await pilot.press("question_mark")
        assert not app.screen.query(HelpPanel)


@pytest.mark.parametrize("screen_key", [None, "a"])
async def test_question_mark_pages_through_keys_the_window_cannot_hold(sample_log, clock, screen_key):
    """At 80×24 the home screen's keys run past the panel, which nothing can focus and scroll:
    ? says "More keys" and shows the next page, and at the last one hides the panel. Each page
    opens at the start of a key's entry, not with the rest of the words of one cut off before;
    on the action items screen the last page opened two lines into f2's entry (the ? entry above
    it had shrunk as "More keys" turned "Keys"), and f2 was on no page."""
    from textual.widgets import KeyPanel
    from textual.widgets._key_panel import BindingsTable

    from smarkmeet.tui.widgets.keys import entry_starts

    def footer_label() -> str:
        return app.screen.active_bindings["question_mark"].binding.description

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        if screen_key:
            await pilot.press(screen_key)
            await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        keys = app.screen.query_one(KeyPanel)
        shown_keys: set[str] = set()
        assert keys.max_scroll_y > 0 and footer_label() == "More keys"
        tops = [keys.scroll_y]
        while app.screen.query(HelpPanel) and len(tops) < 10:
            await pilot.press("question_mark")
            await pilot.pause()
            if app.screen.query(HelpPanel):
                tops.append(keys.scroll_y)
                table = keys.query_one(BindingsTable)
                lines, page = table.size.height, keys.scrollable_content_region.height
                assert keys.scroll_y in entry_starts(table), keys.scroll_y
                text = [strip.text for strip in table.render_lines(table.region.reset_offset)]
                if screen_key is None:
                    assert text[int(keys.scroll_y)].split()[0] in {"/", "l", "g", "p", "d", "o", "b", "r", "^q", "f2"}
                await pilot.pause()  # the panel as it stands once the keys are announced again
                text = [strip.text for strip in table.render_lines(table.region.reset_offset)]
                assert int(keys.scroll_y) in entry_starts(table), text[int(keys.scroll_y):][:2]
                shown_keys |= {line.split()[0] for line in text[int(keys.scroll_y):int(keys.scroll_y) + page]
                               if line.strip() and line.split()[0] in {"f2", "^p", "^q"}}
        assert not app.screen.query(HelpPanel), "the last page's ? hides the panel"
        assert len(tops) > 1 and tops == sorted(set(tops)) and tops[-1] + page >= lines
        assert footer_label() == "Keys"
        if screen_key:
            assert {"f2", "^p"} <= shown_keys, shown_keys  # the last keys each on a page


async def test_palette_lists_our_commands(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        prompts = await palette_offers(app, pilot, "refresh")
        assert any("home: Refresh" in prompt for prompt in prompts)


async def test_the_completion_rate_is_found_from_home_in_the_palette(sample_log, clock):
    """ctrl+p, "completion" on the home screen: "No matches found" (the README: everything used
    between meetings is in the palette). It opens the action items with the completion panel."""
    from smarkmeet.tui.screens.actions import ActionItemsScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        prompts = await palette_offers(app, pilot, "completion")
        assert any("actions: Completion rate" in prompt for prompt in prompts), prompts
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ActionItemsScreen)
        assert app.screen.query_one("#actions-completion").display


async def test_empty_log_home_says_what_to_do(log, clock):
    app = make_app(log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        card = text_of(app, "#next-meeting")
        # no one on the team yet: how to add them first (p is not in the footer)
        assert "No one on the team yet" in card and "p opens the team screen" in card
        assert "s plans and starts a meeting" in card
        assert app.screen.query_one("#recent-box").border_title == "Recent meetings — none has ended yet"
        await pilot.press("s")  # the key the card names opens the start dialog
        await pilot.pause()
        from smarkmeet.tui.screens.start import StartMeetingDialog

        assert isinstance(app.screen, StartMeetingDialog)


async def test_the_start_dialog_fits_a_small_terminal(sample_log, clock):
    """At 80×24 the start dialog drops its blank lines so its buttons are on screen; taller, it keeps them."""
    from smarkmeet.tui.screens.start import StartMeetingDialog

    for size, short in (((80, 24), True), ((120, 40), False)):
        app = make_app(sample_log, clock)
        async with app.run_test(size=size) as pilot:
            await pilot.press("s")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, StartMeetingDialog)
            button = dialog.query_one("#start-go").region
            assert button.height and button.bottom <= size[1], (size, button)
            assert dialog.has_class("-short") is short


async def test_enter_on_the_template_opens_its_list_and_enter_there_picks_one(sample_log, clock):
    """Shift+Tab to the template, then Enter, started the weekly meeting at once (the one shown),
    where the facilitator meant to open the list and choose the monthly one."""
    from textual.widgets import Select

    from smarkmeet.tui.screens.start import StartMeetingDialog

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("shift+tab")
        await pilot.pause()
        assert isinstance(app.focused, Select)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and app.focused is not None
        select = dialog.query_one("#start-template", Select)
        assert select.expanded  # the list is open, nothing started
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartMeetingDialog) and not select.expanded
        assert select.value != "weekly"
    assert sample_log.one("SELECT count(*) AS n FROM meetings WHERE status = 'in_progress'")["n"] == 0


async def test_the_cycle_collector_is_back_on_once_the_first_frame_is_shown(sample_log, clock):
    """The CLI switches it off for start-up (SmarkmeetApp.on_ready); a meeting must not run without it."""
    app = make_app(sample_log, clock)
    app.settle_gc_when_ready = True
    thresholds = gc.get_threshold()
    gc.disable()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # what start-up made is left out of later collections
            # full collections (a scan of all the app holds) a tenth as often; young ones as before
            assert gc.get_threshold() == (thresholds[0], thresholds[1], FULL_COLLECTION_EVERY)
    finally:
        gc.enable()
        gc.unfreeze()
        gc.set_threshold(*thresholds)


async def test_home_reads_the_log_once_when_it_opens(sample_log, clock, monkeypatch):
    import smarkmeet.tui.screens.home as home

    reads = []
    real = home.home_overview
    monkeypatch.setattr(home, "home_overview", lambda log, **kw: reads.append(1) or real(log, **kw))
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(reads) == 1
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(reads) == 2  # coming back reads it again


async def test_scorecard_drops_owner_and_period_when_narrow(sample_log, clock):
    app = make_app(sample_log, clock)
    goals = sample_log.goals.active()

    def scorecard() -> list[str]:
        """The scorecard's header and goal lines, as shown."""
        return [line for line in shown(app).splitlines()
                if "Target" in line or any(goal.name[:12] in line for goal in goals)]

    async with app.run_test(size=(120, 40)) as pilot:
        wide = scorecard()
        assert len(wide) == 1 + len(goals) and "Owner" in wide[0] and "Period" in wide[0]
        assert all(goal.period.value in line for goal, line in zip(goals, wide[1:], strict=True))
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        narrow = scorecard()
        assert len(narrow) == 1 + len(goals) and "Owner" not in narrow[0] and "Period" not in narrow[0]
        assert not any(goal.period.value in line for goal, line in zip(goals, narrow[1:], strict=True))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert scorecard() == wide


async def test_scorecard_counts_the_goals_it_has_no_room_for(sample_log, clock):
    from smarkmeet.domain.models import Goal
    from smarkmeet.tui.widgets.scorecard import SHOWN

    extra = SHOWN + 2 - len(sample_log.goals.active())
    for n in range(extra):
        sample_log.goals.add(Goal(name=f"Extra goal {n} [b]", metric="count", target=5, created_at=clock.now()))
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)):
        screen = shown(app)
        assert f"Extra goal {extra - 3} [b]" in screen and f"Extra goal {extra - 2} [b]" not in screen
        assert "… and 2 more: g lists every goal" in screen


async def test_counts_in_the_thousands_are_grouped(sample_log, clock):
    from smarkmeet.clock import timestamp
    from smarkmeet.domain.ids import new_id

    with sample_log.transaction():
        sample_log.insert_rows("leads", [
            {"id": new_id(), "crm_id": f"BULK{n}", "created_at": timestamp(clock.now()), "source": "Webinar"}
            for n in range(1200)])
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)):
        found = re.search(r"([\d,]+) leads need a verdict", shown(app))
        assert found and re.fullmatch(r"\d{1,3}(,\d{3})+", found[1]), found
        assert int(found[1].replace(",", "")) > 1200


async def test_other_screens_styles_are_read_when_one_first_opens(sample_log, clock):
    """The home screen paints without parsing every other screen's styles (start-up, issue 6);
    they are in place before the first other screen is styled, dialogs and the switch to the
    minutes included."""
    from smarkmeet.tui.app import SCREEN_STYLES
    from smarkmeet.tui.screens.actions import ActionItemsScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.stylesheet.has_source(SCREEN_STYLES)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionItemsScreen) and app.stylesheet.has_source(SCREEN_STYLES)
        assert app.screen.query_one("#actions-status").styles.padding.left == 1  # as screens.tcss has it


async def open_start_dialog(pilot):
    """``s`` on the home screen, and the start dialog it opens."""
    from smarkmeet.tui.screens.start import StartMeetingDialog

    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StartMeetingDialog)
    return pilot.app.screen


async def test_a_meeting_dated_another_day_is_asked_once_before_it_starts(sample_log, clock):
    """A slip of the start dialog's date (a past week that already had its meeting) started a
    second meeting there without a word, and the next meeting's lead review lost a week of leads."""
    from textual.widgets import Input

    from smarkmeet.tui.screens.meeting import MeetingScreen

    held = sample_log.one("SELECT scheduled_for, title FROM meetings WHERE status = 'ended' AND kind = 'weekly' "
                          "ORDER BY scheduled_for DESC LIMIT 1")
    meetings = sample_log.one("SELECT count(*) AS n FROM meetings")["n"]
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_start_dialog(pilot)
        dialog.query_one("#start-date", Input).value = held["scheduled_for"]
        await pilot.press("enter")
        await pilot.pause()
        said = str(dialog.query_one("#start-error").render())
        assert app.screen is dialog and held["title"] in said and "Enter again" in said
        assert sample_log.one("SELECT count(*) AS n FROM meetings")["n"] == meetings
        await pilot.press("enter")  # the same request again: started, as asked
        await pilot.pause(0.3)
        assert isinstance(app.screen, MeetingScreen)
        started = sample_log.meetings.in_progress()
        assert started is not None and started.scheduled_for.isoformat() == held["scheduled_for"]


async def test_a_title_too_long_is_refused_in_words_not_cut(sample_log, clock):
    """A pasted 680-character title was cut at 120 characters, mid-word and without a word, and
    the cut title went into the minutes, the history and search."""
    from textual.widgets import Input

    from smarkmeet.tui.screens.meeting import MeetingScreen
    from smarkmeet.tui.screens.start import MAX_TITLE

    meetings = sample_log.one("SELECT count(*) AS n FROM meetings")["n"]
    long_title = " ".join(["Weekly alignment"] * 40)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_start_dialog(pilot)
        title = dialog.query_one("#start-title", Input)
        title.value = ""
        title.focus()
        await pilot.pause()
        title.insert_text_at_cursor(long_title)  # as a paste lands
        await pilot.pause()
        assert title.value == long_title
        await pilot.press("enter")
        await pilot.pause()
        said = str(dialog.query_one("#start-error").render())
        assert app.screen is dialog and f"{MAX_TITLE} characters at most" in said and str(len(long_title)) in said
        assert sample_log.one("SELECT count(*) AS n FROM meetings")["n"] == meetings
        title.value = long_title[:MAX_TITLE].strip()
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.runner.meeting.title == long_title[:MAX_TITLE].strip()


async def test_todays_meeting_starts_at_the_first_enter(sample_log, clock):
    from smarkmeet.tui.screens.meeting import MeetingScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, MeetingScreen)
        assert sample_log.meetings.in_progress().scheduled_for == clock.today()


async def test_a_date_typed_fast_into_the_start_dialog_is_read_whole(sample_log, clock):
    """"⌃u2026-11-29⏎" typed in one burst read the date field before its keys had reached it:
    "no date given", with the date shown in the field."""
    from datetime import timedelta

    from tests.ui.typing_ahead import burst, settle

    tomorrow = clock.today() + timedelta(days=1)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_start_dialog(pilot)
        await pilot.press("tab")  # title → date
        burst(app, f"⌃{tomorrow.isoformat()}\n")
        await settle(pilot, 6)
        said = str(dialog.query_one("#start-error").render())
        assert app.screen is dialog and "is not today" in said, said  # the date typed was read, and asked about


async def test_started_in_a_small_window_the_app_says_so_until_it_is_larger(sample_log, clock):
    from smarkmeet.tui.screens.home import HomeScreen
    from smarkmeet.tui.screens.toosmall import TooSmallScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("s")  # no start dialog behind the notice
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.covers()) == 0


async def test_the_keys_panel_starts_with_the_screens_own_keys(sample_log, clock):
    """The list's thirteen movement keys came first: the screen's own keys (p for the team, which
    the footer leaves out) were below the fold."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        text = shown(app)
        assert "Team Who is on the" in text and "Cursor up" not in text
        table = app.focused
        row = table.cursor_row
        await pilot.press("question_mark", "down")  # the list's keys still work
        await pilot.pause()
        assert table.cursor_row == row + 1


def test_a_day_with_two_ended_meetings_says_how_many():
    """"already has an ended meeting (Weekly smarketing meeting) and more." gave no count."""
    from datetime import date

    from smarkmeet.domain.agenda import WEEKLY
    from smarkmeet.domain.enums import MeetingKind
    from smarkmeet.tui.screens.start import StartMeetingDialog

    day = date(2026, 12, 7)
    titles = {1: ["Dry run"], 2: ["Dry run", "Weekly smarketing meeting"]}
    for count, held in titles.items():
        dialog = StartMeetingDialog({"weekly": WEEKLY}, day, "weekly", [], held_on=lambda _day, _kind, held=held: held)
        said = dialog._doubt(day, MeetingKind.WEEKLY)
        assert said == ("Today, Mon 07 Dec already has an ended meeting (Dry run)." if count == 1 else
                        "Today, Mon 07 Dec already has 2 ended meetings (the last: Weekly smarketing meeting)."), said


async def test_home_says_how_many_overdue_items_are_snoozed(sample_log, clock):
    item = sample_log.actions.list(ActionFilter(overdue_on=clock.today()))[0]
    sample_log.actions.update(item.id, {"snoozed_until": clock.today() + timedelta(days=7)})
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        counts = sample_log.actions.counts(clock.today())
        assert counts.overdue_snoozed == 1
        assert re.search(rf"{counts.overdue}\s*overdue\s*\(1 snoozed\)", shown(app))
        # at 80 columns the card read "7 overdue (1" / "snoozed)", and its bottom border went out of sight
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        lines = text_of(app, "#action-counts").splitlines()
        assert "(1 snoozed)" in lines or any(line.endswith(" (1 snoozed)") for line in lines), lines
        card = app.screen.query_one("#action-counts")
        assert card.region.bottom <= app.screen.query_one("#home-top").region.bottom
        assert card.content_region.height >= len(lines)  # every line inside its border


async def test_the_start_dialog_names_the_facilitator_and_takes_another(sample_log, clock):
    """A team starting from nothing could never have a facilitator: nothing set one, and each
    meeting took the last one's (none). The dialog shows who facilitates and takes a name or @handle."""
    from textual.widgets import Input

    from smarkmeet.services.meeting import default_facilitator
    from smarkmeet.tui.screens.meeting import MeetingScreen

    last = default_facilitator(sample_log, MeetingKind.WEEKLY)
    other = next(p for p in sample_log.people.team() if last is None or p.id != last.id)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_start_dialog(pilot)
        field = dialog.query_one("#start-facilitator", Input)
        assert field.value == (last.name if last else "")
        field.value = "nobody-of-that-name"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "Facilitator: no one on the team matches" in str(dialog.query_one("#start-error").content)
        field.value = other.handle[:-1] + "x"  # a slip: "did you mean …?", not "…?."
        await pilot.press("enter")
        await pilot.pause()
        said = str(dialog.query_one("#start-error").content)
        assert "did you mean" in said and said.endswith("?"), said
        field.value = f"@{other.handle}"
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, MeetingScreen)
        meeting = app.screen.runner.meeting
    assert sample_log.meetings.get(meeting.id).facilitator_id == other.id


async def test_a_new_team_names_its_first_facilitator(log, clock):
    from textual.widgets import Input

    from smarkmeet.services.team import add_member

    mei = add_member(log, name="Mei Chen", side="marketing")
    app = make_app(log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_start_dialog(pilot)
        assert dialog.query_one("#start-facilitator", Input).value == ""  # no one yet
        dialog.query_one("#start-facilitator", Input).value = "mei"
        await pilot.press("enter")
        await pilot.pause(0.2)
        meeting = app.screen.runner.meeting
    assert log.meetings.get(meeting.id).facilitator_id == mei.id


async def test_the_start_dialog_keeps_the_planned_meetings_own_facilitator(sample_log, clock):
    """The dialog offered the last meeting's facilitator, and Enter replaced the one the
    planned meeting of the day already had."""
    from textual.widgets import Input

    from smarkmeet.services.meeting import default_facilitator

    planned = sample_log.meetings.next_planned()
    assert planned.scheduled_for == clock.today()
    last = default_facilitator(sample_log, planned.kind)
    chosen = next(p for p in sample_log.people.team() if last is None or p.id != last.id)
    sample_log.meetings.update(planned.id, {"facilitator_id": chosen.id})
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_start_dialog(pilot)
        assert dialog.query_one("#start-facilitator", Input).value == chosen.name
        await pilot.press("enter")
        await pilot.pause(0.2)
    assert sample_log.meetings.get(planned.id).facilitator_id == chosen.id


async def test_the_scorecard_shows_money_with_the_teams_currency(sample_log, clock):
    from smarkmeet.domain.enums import Unit
    from smarkmeet.services.minutes import render_minutes

    sample_log.set_setting("currency", "€")
    money = next(goal for goal in sample_log.goals.active() if goal.unit is Unit.CURRENCY)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)):
        assert f"€{money.target:,.0f}" in shown(app)
    ended = sample_log.meetings.last_ended(kind="weekly")
    assert any(row["unit"] == "currency" for row in sample_log.goals.checkins_in(ended.id))
    assert f"€{money.target:,.0f}" in render_minutes(sample_log, ended)  # the minutes too


@pytest.mark.parametrize("size, owner, period", [((100, 30), True, False), ((120, 40), True, True)])
async def test_the_period_gives_way_before_a_goals_name_is_cut(sample_log, clock, size, owner, period):
    """With the currency CHF at 100 columns, "Leads accepted by sales (S…" was cut beside a Period
    column reading "weekly" on every line."""
    sample_log.set_setting("currency", "CHF")
    names = [goal.name for goal in sample_log.goals.active()]
    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = shown(app)
        header = next(line for line in text.splitlines() if "Target" in line and "Actual" in line)
        assert ("Owner" in header, "Period" in header) == (owner, period), header
        assert all(name in text for name in names), text  # no name cut
        if size == (100, 30):
            await pilot.resize_terminal(120, 40)  # and laid out again for the new width
            await pilot.pause()
            assert "Period" in next(line for line in shown(app).splitlines() if "Target" in line and "Actual" in line)


async def test_a_new_logs_lists_say_there_is_nothing_yet_not_that_a_filter_hides_it(log, clock):
    """On a new log the action items said "No items match · open" and the criticism log "No note
    matches these filters — d and o change them", as if a filter hid something."""
    from smarkmeet.services.team import add_member

    add_member(log, name="Mei Chen", side="marketing")
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "No meeting planned" in text_of(app, "#next-meeting")  # a team, no meeting yet
        await pilot.press("a")
        await pilot.pause()
        assert text_of(app, "#actions-status").startswith("No action items yet: they are added in a meeting")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert text_of(app, "#criticism-detail").startswith("No criticism notes yet")


async def test_a_read_only_log_offers_no_meeting_to_start(read_only_sample_log, clock):
    """With --read-only the card still said "s starts it", and s was then refused."""
    log = read_only_sample_log
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = shown(app)
        assert log.meetings.next_planned() is not None and "starts it" not in text
        assert "read-only log: run it on a writable one" in text
        await pilot.press("s")  # still refused in words
        await pilot.pause()
        assert any("read-only" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_long_meeting_title_is_cut_on_the_card_which_keeps_its_lines(sample_log, clock, size):
    """A title of ~500 characters wrapped over seven lines: the card lost its bottom border and
    the date, status and "s starts it" lines below the title."""
    planned = sample_log.meetings.next_planned()
    sample_log.meetings.update(planned.id, {"title": "Quarterly kickoff and pipeline deep dive " * 12})
    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = shown(app)
        assert "starts it" in text and "Quarterly kickoff" in text
        card = [line for line in text.splitlines() if "Quarterly kickoff" in line]
        assert len(card) == 1 and "…" in card[0]
        await pilot.resize_terminal(size[0] + 30, size[1])
        await pilot.pause()
        assert "starts it" in shown(app)


async def test_with_the_keys_panel_open_the_scorecard_gives_up_its_trend_before_the_goals_names(sample_log, clock):
    """At 80 columns with the keys panel (?) beside it, the goals' names were cut to three letters
    ("MQL…") while the trend kept its eight cells."""
    from smarkmeet.tui.widgets.scorecard import GoalScorecard

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = app.screen.query_one(GoalScorecard)
        assert "Last 8" in shown(app)
        app.action_show_help_panel()
        await pilot.pause()
        await pilot.pause()
        text = shown(app)
        assert "Last 8" not in text and "MQLs delivered" in text
        await pilot.press("r")  # read again with the panel open: laid out for its own width still
        await pilot.pause()
        assert "Last 8" not in shown(app)
        app.action_hide_help_panel()
        await pilot.pause()
        await pilot.pause()
        assert "Last 8" in shown(app) and card.size.width > 70


async def test_refresh_reads_a_team_name_set_since(log, clock):
    """The header kept "smarkmeet — team.db" after `smarkmeet settings team_name …` and r."""
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.sub_title != "Pipeline Pals"
        log.set_setting("team_name", "Pipeline Pals")
        await pilot.press("r")
        await pilot.pause()
        assert app.sub_title == "Pipeline Pals" and "Pipeline Pals" in shown(app)


async def test_a_meeting_no_one_was_checked_in_to_reads_a_dash_on_home_as_in_the_history(sample_log, clock):
    """Home said "0/0" of a meeting whose check-in was skipped, and the history "—"."""
    from smarkmeet.services.meeting import MeetingRunner

    meeting = sample_log.meetings.next_planned()
    runner = MeetingRunner(sample_log, meeting.id)
    runner.start()
    runner.end()
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(MeetingHistoryTable)
        row = table.get_row(meeting.id)
        assert str(row[2]) == "—", [str(cell) for cell in row]


async def test_the_recent_meetings_grow_with_a_taller_window(sample_log, clock):
    """Opened at 80x24 and made 120x50, home listed the 12 meetings read for the small window
    above blank rows until something read the log again."""
    ended = sample_log.one("SELECT count(*) AS n FROM meetings WHERE status = 'ended'")["n"]
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(MeetingHistoryTable)
        assert table.row_count == min(12, ended)
        assert ended > 12  # (the demo has more than a small window reads)
        import smarkmeet.tui.screens.home as home

        read_whole = []
        real = home.home_overview
        home.home_overview = lambda *args, **kwargs: read_whole.append(1) or real(*args, **kwargs)
        try:
            for height in range(25, 51):  # dragged taller, a row at a time
                await pilot.resize_terminal(120, height)
            await pilot.pause(home.GROW_AFTER * 3)
        finally:
            home.home_overview = real
        assert table.row_count == min(50 - 20, ended)
        assert not read_whole  # only the recent meetings were read again, once it stopped growing


async def test_the_keys_panel_says_nothing_more_while_it_is_being_taken_away(sample_log, clock):
    """Fresh-clone CI, once: ? pressed again removed the panel's keys while the footer asked it
    whether more keys were below; the query's NoMatches stopped the app."""
    from smarkmeet.tui.widgets.keys import KeysPanel, PagedKeyPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        panel = app.screen.query_one(KeysPanel)
        await panel.query_one(PagedKeyPanel).remove()  # as its removal leaves it, a moment
        assert panel.has_more is False
        app.refresh_bindings()  # the footer asking meanwhile
        await pilot.pause()
