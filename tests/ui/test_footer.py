"""The footer: one line, drawn again only when the keys shown change (start-up cost, issue 6)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input

from smarkmeet.tui.widgets.footer import Footer
from tests.ui.screenshot_text import drawn, shown


class Shown(Button):
    BINDINGS = [Binding("f6", "press", "Press it")]


class FooterApp(App[None]):
    BINDINGS = [Binding("f5,f9", "ring", "Ring"), Binding("f7", "later", "Not yet"),
                Binding("f8", "far", "A key far along the line"), Binding("question_mark", "keys", "Keys")]

    def __init__(self) -> None:
        super().__init__()
        self.rang = 0

    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")
        yield Shown("go", id="three")
        yield Footer()

    def action_ring(self) -> None:
        self.rang += 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "later" else True  # shown, but not available now


def footer_line(app: App) -> str:
    return shown(app).splitlines()[-1]


async def test_the_footer_shows_the_focused_widgets_keys_and_the_palettes() -> None:
    app = FooterApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert "f5 Ring" in line and "f7 Not yet" in line and line.rstrip().endswith("^p palette")
        assert "f9" not in line  # an action's first key only, as Textual's footer shows it
        assert "Press it" not in line
        app.query_one("#three").focus()
        await pilot.pause()
        assert "f6 Press it" in footer_line(app)
        app.query_one("#one").focus()
        await pilot.pause()
        assert "Press it" not in footer_line(app)


async def test_the_footer_is_not_redrawn_when_focus_moves_between_like_widgets(monkeypatch) -> None:
    app = FooterApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        redrawn = []
        monkeypatch.setattr(footer, "refresh", lambda *args, **kwargs: redrawn.append(1))
        app.query_one("#two").focus()
        await pilot.pause()
        assert redrawn == []  # the same keys
        app.query_one("#three").focus()
        await pilot.pause()
        assert redrawn  # a key more


async def test_keys_that_do_not_fit_are_left_out_whole_but_the_keys_panel_stays() -> None:
    """At 80 columns the home screen's footer ended at "t Trends": no "? Keys", which lists the
    keys left out. Keys are drawn closer first (no padding around the key), then left out whole,
    the keys panel's kept."""
    app = FooterApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        assert " f5 Ring  f7 Not yet " in footer_line(app)  # room for all: drawn as Textual draws them
    app = FooterApp()
    async with app.run_test(size=(60, 10)) as pilot:
        app.query_one("#three").focus()  # not a field: "?" is a key, not text to type
        await pilot.pause()
        line = footer_line(app)
        assert "f5 Ring f7 Not yet ? Keys" in line and line.rstrip().endswith("^p palette")
        assert "f8" not in line and "far" not in line  # not "f8 A key fa"


async def test_the_kept_keys_panel_never_runs_into_the_key_before_it() -> None:
    """Where the last key shown only fitted without its closing space, "? Keys" was drawn
    against it: "^r Action item? Keys" in the meeting's check-in at 120 columns."""
    for width in range(44, 100):
        app = FooterApp()
        async with app.run_test(size=(width, 10)) as pilot:
            app.query_one("#three").focus()
            await pilot.pause()
            line = footer_line(app)
            assert "? Keys" in line, (width, line)
            assert line[line.index("? Keys") - 1] == " ", (width, line)


async def test_a_click_on_a_key_presses_it_and_an_unavailable_one_only_rings() -> None:
    app = FooterApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        await pilot.click(Footer, offset=(line.index("Ring"), 0))
        await pilot.pause()
        assert app.rang == 1
        bells = []
        app.bell = lambda: bells.append(1)
        await pilot.click(Footer, offset=(line.index("Not yet"), 0))
        await pilot.pause()
        assert app.rang == 1 and bells == [1]


async def test_in_a_text_field_the_footer_names_f1_for_the_keys_and_f1_shows_them(sample_log, clock) -> None:
    """In a field ? is typed as text, so the footer dropped "? Keys" and named no way to see every
    key. f1 does what ? does, and the footer shows it there; elsewhere it shows ? as before."""
    from smarkmeet.tui.app import make_app

    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert "? Keys" in footer_line(app) and "f1" not in footer_line(app)
        await pilot.press("slash")  # the filter field
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert "f1 Keys" in footer_line(app), footer_line(app)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.query("KeysPanel")
        assert app.focused.value == ""  # nothing typed
        # the screen's own keys first, not the field's editing keys (← "Move cursor left", …)
        from textual.widgets._key_panel import BindingsTable

        table = app.screen.query_one(BindingsTable)
        lines = drawn(table)
        assert not any("Move cursor" in line for line in lines), lines[:8]
        # the screen's first key that the field does not type (/ is typed: "/ Filter" was offered in it)
        assert next(line for line in lines if line).startswith("^z Undo"), lines[:8]
        assert not any(line.startswith("/ ") for line in lines), lines


async def test_a_question_does_not_offer_the_keys_its_field_types(sample_log, clock) -> None:
    """Textual names "/" (and + - @ \\ _) by no character, so a field was not seen to take it:
    under the snooze question the footer offered "/ Filter", and / typed a slash."""
    from smarkmeet.tui.app import make_app

    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert "/ Filter" in footer_line(app)
        await pilot.press("z")  # snooze: a question about the date
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert "/" not in footer_line(app).split("▏")[0], footer_line(app)
        assert "slash" not in app.screen.active_bindings


async def test_a_dialog_without_a_footer_of_its_own_has_its_keys_shown_not_the_screens_below(sample_log, clock) -> None:
    """The start dialog showed the home screen's footer, "s Start/resume a Actions h History",
    while those letters went into its fields."""
    from smarkmeet.tui.app import make_app
    from smarkmeet.tui.screens.start import StartMeetingDialog

    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 24)) as pilot:
        assert "a Actions" in footer_line(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StartMeetingDialog)
        assert "esc Cancel" in footer_line(app) and "Actions" not in footer_line(app), footer_line(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "a Actions" in footer_line(app)


async def test_an_items_keys_are_offered_as_it_stands_on_the_list_and_in_the_wrapup(sample_log, clock) -> None:
    """On a dropped item the footer went on offering "x Drop", and in the wrap-up not the u that
    reopens it (it was in the line below the list only)."""
    from smarkmeet.tui.app import make_app
    from smarkmeet.tui.screens.actions import ActionItemsScreen
    from tests.ui.test_meeting import go_to_wrapup, type_line
    from tests.ui.typing_ahead import settle

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionItemsScreen)
        assert "x Drop" in footer_line(app) and "u Reopen" not in footer_line(app)
        await pilot.press("x")  # the first open item: dropped, and still listed (status:all)
        await pilot.pause()
        app.screen.query_one("#actions-filter", Input).value = "status:all"
        await settle(pilot)
        rows = app.screen._rows
        table = app.screen.query_one("#actions-table")
        table.focus()
        for status in ("dropped", "done", "open"):
            table.move_cursor(row=next(i for i, row in enumerate(rows) if row.status.value == status))
            await pilot.pause()
            line = footer_line(app)
            assert ("x Drop" in line) is (status != "dropped") and ("u Reopen" in line) is (status != "open"), line
            assert ("d Done" in line) is (status != "done"), line

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        await type_line(pilot, "A thing @sam due:fri")
        table = app.screen.query_one("#new-items")
        table.focus()
        await settle(pilot)
        assert "x Drop" in footer_line(app) and "u Reopen" not in footer_line(app)
        await pilot.press("x")
        await settle(pilot)
        assert "x Drop" not in footer_line(app) and "u Reopen" in footer_line(app), footer_line(app)
        await pilot.press("u")
        await settle(pilot)
        assert "x Drop" in footer_line(app) and "u Reopen" not in footer_line(app), footer_line(app)


async def test_the_action_reviews_keys_are_offered_as_the_item_stands(sample_log, clock) -> None:
    """In the action review a done item was still offered d Done, c Carry and z Snooze (which
    refuse a closed item), and an open one o Reopen."""
    from smarkmeet.tui.app import make_app
    from tests.ui.test_meeting import go_to
    from tests.ui.typing_ahead import settle

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "action_review")
        line = footer_line(app)
        assert "d Done" in line and "c Carry" in line and "o Reopen" not in line, line
        await pilot.press("d")  # done; the cursor moves on to the next
        await settle(pilot)
        await pilot.press("up")
        await settle(pilot)
        line = footer_line(app)
        assert "o Reopen" in line and not any(key in line for key in ("d Done", "c Carry", "z Snooze")), line


async def test_an_empty_wrapup_list_offers_no_reopen_and_a_dialog_is_subscribed_to_once(sample_log, clock) -> None:
    """The wrap-up's empty list of new items offered u Reopen; and each time the start dialog
    came back on top (a window made too small and back) the footer subscribed to it again."""
    from smarkmeet.tui.app import make_app
    from smarkmeet.tui.screens.start import StartMeetingDialog
    from smarkmeet.tui.widgets.footer import Footer
    from tests.ui.test_meeting import go_to_wrapup
    from tests.ui.typing_ahead import settle

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        footer = app.screen.query_one(Footer)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StartMeetingDialog)
        for _ in range(3):
            await pilot.resize_terminal(30, 8)
            await pilot.pause()
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
        assert app.screen is dialog and len(dialog.bindings_updated_signal._subscriptions.get(footer, [])) == 1
        await pilot.press("escape")
        await pilot.pause()
        await go_to_wrapup(pilot)
        app.screen.query_one("#new-items").focus()
        await settle(pilot)
        assert "u Reopen" not in footer_line(app) and "x Drop" in footer_line(app), footer_line(app)
