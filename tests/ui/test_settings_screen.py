"""The settings screen, driven through Textual's Pilot: what the team agreed, changed in place,
set back to its default, put back with ctrl+z; nothing written on a read-only log."""

from __future__ import annotations

from textual.widgets import Input, Static

from smarkmeet.services.settings import SETTINGS, current, shown
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.settings import SettingsScreen
from smarkmeet.tui.widgets.table import PlainTable


async def open_settings(pilot, key: str) -> SettingsScreen:
    await pilot.press("o")  # from home
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    screen.query_one(PlainTable).move_cursor(row=list(SETTINGS).index(key))
    await pilot.pause()
    return screen


def cell(screen: SettingsScreen, key: str, column: int) -> str:
    return str(screen.query_one(PlainTable).get_row(key)[column])


async def test_every_setting_is_listed_with_its_value_and_its_meaning(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot, "sales_sla_hours")
        table = screen.query_one(PlainTable)
        assert [str(table.get_row_at(n)[0]) for n in range(table.row_count)] == list(SETTINGS)
        currency = str(sample_log.setting("currency", "") or "")
        for setting, value, is_default in current(sample_log):
            said, whole = cell(screen, setting.key, 1), shown(value, setting.key, currency)
            assert said == whole or (said.endswith("…") and whole.startswith(said[:-1])), (said, whole)  # cut to fit
            assert (cell(screen, setting.key, 2) == "default") is is_default
        meaning = str(screen.query_one("#settings-meaning", Static).render())
        assert SETTINGS["sales_sla_hours"].meaning in meaning


async def test_the_question_says_the_settings_whole_meaning_at_80x24(sample_log, clock):
    """The question cut the meaning ("lead_carry_weeks (Weeks a lead … lead revi…):") while the
    panel that shows it whole gives way to the question at 80×24."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("lead_carry_weeks", "goal_review_period"):
            screen = await open_settings(pilot, key)
            await pilot.press("enter")
            await pilot.pause()
            asked = " ".join(str(screen.query_one("#prompt-label", Static).render()).split())
            assert asked == f"{key} — {SETTINGS[key].meaning}:", asked
            await pilot.press("escape", "escape")
            await pilot.pause()


async def test_a_setting_is_changed_in_place_refused_in_words_set_back_and_put_back(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        before = sample_log.setting("weekly_lead_target")
        screen = await open_settings(pilot, "weekly_lead_target")
        field = screen.query_one("#prompt-input", Input)
        await pilot.press("enter")
        await pilot.pause()
        assert field.value == shown(before, "weekly_lead_target")  # the value now, to type over
        changes = len(sample_log.changes(table="settings"))
        field.value = "lots"
        await pilot.press("enter")
        await pilot.pause()
        assert "is not a number" in str(screen.query_one("#prompt-error", Static).render())
        assert sample_log.setting("weekly_lead_target") == before and len(sample_log.changes(table="settings")) == changes

        field.value = str(int(before) + 5)
        await pilot.press("enter")
        await pilot.pause()
        assert sample_log.setting("weekly_lead_target") == before + 5
        assert cell(screen, "weekly_lead_target", 1) == str(int(before) + 5)
        assert sample_log.changes(table="settings")[-1]["row_id"] == "weekly_lead_target"
        assert any(f"weekly_lead_target = {int(before) + 5}, was {int(before)}" in str(n.message)
                   for n in app._notifications)

        await pilot.press("d")  # asked, keeping it first (Enter keeps it)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert sample_log.setting("weekly_lead_target") == before + 5
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("2")  # back to its default (no target): the row leaves settings
        await pilot.pause()
        assert sample_log.setting("weekly_lead_target", None) is None
        assert cell(screen, "weekly_lead_target", 2) == "default"

        await pilot.press("ctrl+z")  # puts back the value d replaced, then the one before it
        await pilot.pause()
        assert sample_log.setting("weekly_lead_target") == before + 5
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sample_log.setting("weekly_lead_target") == before
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "No setting changed here to put back." in [str(n.message) for n in app._notifications]


async def test_the_team_name_changed_here_is_in_the_title_bar_at_once(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot, "team_name")
        await pilot.press("enter")
        screen.query_one("#prompt-input", Input).value = "Acme revenue team"
        await pilot.press("enter")
        await pilot.pause()
        assert app.sub_title == "Acme revenue team"


async def test_nothing_is_changed_on_a_read_only_log(read_only_sample_log, clock):
    app = make_app(read_only_sample_log, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        changes = len(read_only_sample_log.changes())
        screen = await open_settings(pilot, "weekly_lead_target")
        await pilot.press("enter", "d")
        await pilot.pause()
        assert not screen.query_one("#settings-prompt").has_class("-open") and app.screen is screen
        assert not {"e", "d", "ctrl+z"} & set(screen.active_bindings)  # not offered where nothing can change
        assert len(read_only_sample_log.changes()) == changes
        assert any("read-only" in str(n.message) for n in app._notifications)


async def test_words_typed_onto_the_list_change_no_setting(sample_log, clock):
    """"good" typed onto the list: its d set the highlighted setting back to its default (the
    marketing SLA switched off), and "budget"'s e opened a prompt the rest of the words went into."""
    from tests.ui.typing_ahead import burst, settle

    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_settings(pilot, "weekly_lead_target")
        before = [dict(row) for row in sample_log.rows("SELECT * FROM settings ORDER BY key")]
        burst(app, "good budget\n")
        await settle(pilot, 8)
        assert [dict(row) for row in sample_log.rows("SELECT * FROM settings ORDER BY key")] == before
        assert any(str(n.message).startswith("Typing reached the list of settings") for n in app._notifications)


async def test_ctrl_z_leaves_a_setting_changed_elsewhere_since_and_not_while_typing(sample_log, clock):
    from smarkmeet.services.settings import change

    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_settings(pilot, "sales_sla_hours")
        field = screen.query_one("#prompt-input", Input)
        await pilot.press("enter")
        field.value = "36"
        await pilot.press("enter")
        await pilot.pause()
        assert sample_log.setting("sales_sla_hours") == 36
        await pilot.press("enter")  # a prompt open: ctrl+z there does not undo the 36
        field.value = "0"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sample_log.setting("sales_sla_hours") == 36
        await pilot.press("escape")
        change(sample_log, "sales_sla_hours", "30")  # the command line, meanwhile
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sample_log.setting("sales_sla_hours") == 30  # left as it is, and said so
        assert any("was changed since, elsewhere: left as it is (30)" in str(n.message) for n in app._notifications)
        assert cell(screen, "sales_sla_hours", 1) == "30"


async def test_the_same_value_again_writes_nothing(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot, "sales_sla_hours")
        assert {"e", "d", "ctrl+z"} <= set(screen.active_bindings)  # (offered on a writable log)
        changes = len(sample_log.changes(table="settings"))
        await pilot.press("enter")
        screen.query_one("#prompt-input", Input).value = str(sample_log.setting("sales_sla_hours"))
        await pilot.press("enter")
        await pilot.pause()
        assert len(sample_log.changes(table="settings")) == changes
        assert screen._undo == []


async def test_a_new_currency_warns_that_the_amounts_in_the_log_now_read_in_it(sample_log, clock):
    from smarkmeet.services.settings import currency_note

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        was = sample_log.setting("currency", "")
        screen = await open_settings(pilot, "currency")
        await pilot.press("enter")
        screen.query_one("#prompt-input", Input).value = "CHF"
        await pilot.press("enter")
        await pilot.pause()
        note = currency_note(sample_log, was, "CHF")
        assert note.startswith("amounts are not converted") and note.endswith("now read in CHF")
        warned = [n for n in app._notifications if note in str(n.message)]
        assert warned and warned[0].severity == "warning"
        await pilot.press("ctrl+z")  # put back: they read in the old currency again, and it says so
        await pilot.pause()
        assert sample_log.setting("currency", "") == was
        assert any(currency_note(sample_log, "CHF", was) in str(n.message) for n in app._notifications)
        # the change's own warning, no longer so, is gone: not left above "Put back: currency = …"
        assert not any("currency = CHF" in str(n.message) for n in app._notifications)
