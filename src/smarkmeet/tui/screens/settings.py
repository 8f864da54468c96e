"""The team's settings in the app: what the team agreed (the weekly lead target behind the
marketing SLA, the sales SLA's window, the rejection reasons…), what each one means, changed in
place (Enter) or set back to its default (d) — as ``smarkmeet settings`` does, recorded in
``changes`` the same way."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from smarkmeet.services.goals import currency
from smarkmeet.services.settings import SETTINGS, SettingError, change, currency_note, current, reset, shown
from smarkmeet.store.errors import LogError
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import fit
from smarkmeet.tui.typing_guard import TypingGuard
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.prompt import PromptBar
from smarkmeet.tui.widgets.table import PlainTable


TYPING_HINT = ("Typing reached the list of settings, where letters act on the highlighted one (e changes it, "
               "d sets it back): Enter opens its value to type over.")


class SettingsScreen(Screen):
    BINDINGS = [
        Binding("e", "change", "Change", id="settings.change", tooltip="Change the highlighted setting (Enter too)"),
        Binding("d", "default", "Default", id="settings.default",
                tooltip="Set the highlighted setting back to its default"),
        Binding("ctrl+z", "undo", "Undo", id="settings.undo",
                tooltip="Put back the value a change made here replaced (then the one before)"),
        Binding("escape", "back", "Back", id="settings.back", tooltip="Back to the previous screen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # (a setting changed here, its value before and the value written: None = unset)
        self._undo: list[tuple[str, object, object]] = []
        self._typing = TypingGuard()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield PlainTable(id="settings-list", classes="box", cursor_type="row", zebra_stripes=True)
        yield Static(id="settings-meaning", classes="box")
        yield PromptBar(id="settings-prompt")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Settings"
        table = self.query_one("#settings-list", PlainTable)
        table.border_title = "What the team agreed — Enter or e changes one · d back to its default"
        self.query_one("#settings-meaning").border_title = "Meaning"
        self.show_settings()
        table.focus()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.show_settings()

    def on_screen_resume(self) -> None:
        self.show_settings()  # (changed from the command line meanwhile, say)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("change", "default", "undo"):
            if self.app.store.read_only:  # type: ignore[attr-defined]
                return False  # not offered where nothing can be changed
            if action == "undo" and self.query_one(PromptBar).is_open:
                return False  # ctrl+z while a value is typed undid an earlier setting
        return True

    def swallows_key(self, event) -> bool:
        """Words typed onto the list by mistake act through none of its letters (d set a setting
        back to its default, e opened the next prompt): asked by the app before the keys run."""
        if self.query_one(PromptBar).is_open or not isinstance(self.focused, DataTable):
            return False
        return self._typing.swallows(event, self.app.active_bindings, TYPING_HINT,
                                     lambda said: self.notify(said, severity="warning", timeout=5, markup=False))

    def _currency(self) -> str:
        return currency(self.app.store)

    def show_settings(self, select: str | None = None) -> None:
        """Read the settings again; the cursor stays on ``select`` or the same setting."""
        table = self.query_one("#settings-list", PlainTable)
        key = select or self._selected()
        table.clear(columns=True)
        width = max(20, self.size.width - 40)  # the value takes the room the key, the mark and the borders leave
        table.add_column("Setting", key="key")
        table.add_column("Value", key="value")
        table.add_column("", key="default")
        currency = self._currency()
        for setting, value, is_default in current(self.app.store):
            table.add_row(setting.key, fit(shown(value, setting.key, currency), width),
                          Text("default", style="dim") if is_default else "", key=setting.key)
        if key in SETTINGS:
            table.move_cursor(row=list(SETTINGS).index(key), animate=False)
        self._show_meaning()

    def _selected(self) -> str | None:
        table = self.query_one("#settings-list", PlainTable)
        if not table.row_count:
            return None
        keys = list(SETTINGS)
        return keys[table.cursor_row] if 0 <= table.cursor_row < len(keys) else None

    def _show_meaning(self) -> None:
        key = self._selected()
        meaning = self.query_one("#settings-meaning", Static)
        if key is None:
            meaning.update("")
            return
        setting = SETTINGS[key]
        value = self.app.store.setting(key, None)
        default = shown(setting.default, key, self._currency())
        meaning.update(Text.assemble(
            (key, "bold"), f" — {setting.meaning}.\n",
            ("Its value in full: ", "dim"), shown(setting.default if value is None else value, key, self._currency()),
            ("\nDefault: ", "dim"), default,
            ("\nAlso from the command line: ", "dim"), f"smarkmeet settings {key} VALUE",
        ))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_meaning()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_change()

    def action_change(self) -> None:
        key = self._selected()
        if key is None or self.app.refuses_changes():  # type: ignore[attr-defined]
            return
        was = self.app.store.setting(key, None)
        before = shown(SETTINGS[key].default if was is None else was, key, self._currency())

        def answer(text: str) -> str | None:
            if not text.strip():
                return f"type a value (d sets {key} back to its default)"
            try:
                stored = change(self.app.store, key, text)
            except (SettingError, LogError) as error:
                return str(error)
            if self.app.store.setting(key, None) != was:  # the same value again writes nothing, and is no step to undo
                self._undo.append((key, was, self.app.store.setting(key, None)))
            self._changed(key, before, stored, was=was)
            return None

        value = "" if before == "none" else before
        # the meaning whole (the panel that shows it gives way to the question at 80×24: "lead revi…"),
        # after a dash, not in brackets around its own brackets
        self.query_one(PromptBar).ask(f"{key} — {SETTINGS[key].meaning}:", answer, value=value)

    def action_default(self) -> None:
        key = self._selected()
        if key is None or self.app.refuses_changes():  # type: ignore[attr-defined]
            return
        if self.app.store.setting(key, None) is None:
            self.notify(f"{key} is at its default already.", timeout=3, markup=False)
            return
        was = self.app.store.setting(key)
        before = shown(was, key, self._currency())
        default = shown(SETTINGS[key].default, key, self._currency())

        def answered(back: bool | None) -> None:
            if not back:
                return
            try:
                stored = reset(self.app.store, key)
            except LogError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self._undo.append((key, was, None))
            self._changed(key, before, stored, default=True, was=was)

        from smarkmeet.tui.widgets.dialogs import ChoiceDialog

        # asked, keeping it first: a d in words typed by mistake (or its Enter) changed nothing then
        self.app.push_screen(ChoiceDialog(
            f"Set {key} back to its default ({fit(default, 40)})? It is {fit(before, 40)} now.",
            [(f"Keep {fit(before, 30)}", False), (f"Set back to {fit(default, 30)}", True)]), answered)

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("No setting changed here to put back.", timeout=3)
            return
        key, was, wrote = self._undo.pop()
        now = self.app.store.setting(key, None)
        before = shown(SETTINGS[key].default if now is None else now, key, self._currency())
        if now != wrote:  # changed since, elsewhere (the command line, another laptop): left as it is
            self.show_settings(select=key)
            self.notify(f"{key} was changed since, elsewhere: left as it is ({fit(before, 40)}).",
                        severity="warning", timeout=6, markup=False)
            return
        try:
            if was is None:
                reset(self.app.store, key)
            else:
                self.app.store.set_setting(key, was)  # (recorded in changes, as every write is)
        except LogError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        # what the change said (its currency warning too) is no longer so: not left above "Put back"
        self.app.drop_notices_saying(f"{key} = ", warnings=True)  # type: ignore[attr-defined]
        self._changed(key, before, SETTINGS[key].default if was is None else was, default=was is None, undone=True,
                      was=now)

    def _changed(self, key: str, before: str, stored: object, *, default: bool = False, undone: bool = False,
                 was: object = None) -> None:
        """Say what changed (``before``, as shown; ``was``, as the log held it: None for the default)."""
        now = shown(stored, key, self._currency())
        if key == "team_name":
            self.app.show_team_name()  # type: ignore[attr-defined]
        self.show_settings(select=key)
        said = (("Put back: " if undone else "") + f"{key} = {fit(now, 40)}" + (" (its default)" if default else "")
                + f", was {fit(before, 30)}" + ("" if undone else " (ctrl+z undoes)"))
        note = currency_note(self.app.store, SETTINGS[key].default if was is None else was, stored) \
            if key == "currency" else ""
        if note:  # the amounts already in the log now read in another currency: said for longer
            self.notify(f"{said}. Note: {note}.", severity="warning", timeout=10, markup=False)
            return
        self.notify(said if now != before else f"{key} unchanged: {fit(now, 40)}", timeout=5, markup=False)

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("settings: Change setting", "Enter — the highlighted one", self.action_change)
        yield PaletteCommand("settings: Back to default", "d — the highlighted one", self.action_default)
        yield PaletteCommand("settings: Undo", "ctrl+z — put back what a change here replaced", self.action_undo)
        yield PaletteCommand("settings: Back", "Esc — back to the previous screen", self.action_back)
