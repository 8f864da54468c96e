"""The minutes of a meeting just ended, rendered, with the path of the file written."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown, Static

from smarkmeet.tui.widgets.footer import Footer


class MinutesScreen(Screen):
    BINDINGS = [Binding("escape,q", "close", "Home", id="minutes.close", tooltip="Back to the home screen")]

    def __init__(self, markdown: str, path: Path | None, problem: str | None = None) -> None:
        super().__init__()
        self.markdown = markdown
        self.path = path
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        # the path is under $SMARKMEET_HOME, any folder a user names: shown as text, never as markup
        note = Text(self.problem) if self.problem else Text.assemble("Minutes written to ", (str(self.path), "bold"))
        yield Static(note, id="minutes-path", classes="panel-help")
        with VerticalScroll(id="minutes-scroll"):
            yield Markdown(self.markdown, id="minutes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#minutes-scroll").focus()

    def action_close(self) -> None:
        from smarkmeet.tui.screens.home import HomeScreen

        self.app.switch_screen(HomeScreen())
