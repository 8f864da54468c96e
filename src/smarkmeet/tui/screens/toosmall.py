"""Said instead of a screen the terminal is too small to show: keys typed at a list that is not
on screen would act on rows nobody in the room can see."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Static

from smarkmeet.tui.app import MIN_HEIGHT, MIN_WIDTH


class TooSmallScreen(ModalScreen[None]):
    """Covers the app while the terminal is under 80×24; goes once it is made larger again.
    Nothing underneath is changed or lost; the meeting's clock runs on."""

    DEFAULT_CSS = """
    TooSmallScreen { background: $background; }
    TooSmallScreen Static { width: auto; max-width: 100%; text-align: center; }
    """
    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", priority=True)]

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(id="too-small")

    def on_mount(self) -> None:
        self.say()

    def on_resize(self) -> None:
        self.say()

    def say(self) -> None:
        width, height = self.app.size
        self.query_one("#too-small", Static).update(
            f"The terminal is {width}×{height}; smarkmeet needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
            "Make the window larger to carry on: nothing is lost; until then keys do nothing.\n"
            "(ctrl+q quits)")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action == "quit"  # no key reaches the screens underneath while they cannot be seen
