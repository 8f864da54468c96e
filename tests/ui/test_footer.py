"""The footer rebuilds its keys only when the keys shown change (start-up cost, issue 6)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input
from textual.widgets._footer import FooterKey

from smarkmeet.tui.widgets.footer import Footer


class Shown(Button):
    BINDINGS = [Binding("f6", "press", "Press it")]


class FooterApp(App[None]):
    BINDINGS = [Binding("f5", "bell", "Ring")]

    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")
        yield Shown("go", id="three")
        yield Footer()


async def test_footer_keeps_its_keys_when_focus_moves_between_like_widgets() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        before = list(app.query(FooterKey))
        assert "Ring" in [key.description for key in before]
        app.query_one("#two").focus()
        await pilot.pause()
        await pilot.pause()
        assert list(app.query(FooterKey)) == before  # the same widgets: not rebuilt


async def test_footer_rebuilds_when_the_keys_shown_change() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        assert "Press it" not in [key.description for key in app.query(FooterKey)]
        app.query_one("#three").focus()
        await pilot.pause()
        await pilot.pause()
        assert "Press it" in [key.description for key in app.query(FooterKey)]
        app.query_one("#one").focus()
        await pilot.pause()
        await pilot.pause()
        assert "Press it" not in [key.description for key in app.query(FooterKey)]
