"""The smarkmeet Textual app."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App
from textual.binding import Binding

from smarkmeet.clock import Clock
from smarkmeet.store.log import Log
from smarkmeet.tui.commands import PaletteCommand, SmarkmeetCommands


class SmarkmeetApp(App[None]):
    """Drives the meeting; every screen reads and writes the log it is given."""

    CSS_PATH = "smarkmeet.tcss"
    TITLE = "smarkmeet"
    COMMANDS = App.COMMANDS | {SmarkmeetCommands}
    BINDINGS = [
        Binding("question_mark", "toggle_help", "Keys", id="app.keys", tooltip="Show or hide every key of this screen"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit smarkmeet (everything is saved)"),
    ]

    def __init__(self, log: Log, clock: Clock) -> None:
        super().__init__()
        self.store = log
        self.clock = clock

    def on_mount(self) -> None:
        from smarkmeet.tui.screens.home import HomeScreen

        self.sub_title = self.store.setting("team_name", "") or (self.store.path.name if self.store.path else "")
        self.push_screen(HomeScreen())

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("app: Show keys", "List every key of this screen", self.action_toggle_help)
        yield PaletteCommand("app: Quit", "Quit smarkmeet (everything is already saved)", self.exit)


def make_app(log: Log, clock: Clock | None = None) -> SmarkmeetApp:
    """The app on ``log``; used by the CLI and by the tests."""
    return SmarkmeetApp(log, clock or log.clock)
