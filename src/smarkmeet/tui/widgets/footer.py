"""The footer: the keys the focused screen answers, drawn as one line by one widget.

Textual's Footer mounts a widget per key and rebuilds them all whenever a screen's bindings
are announced as updated (on mount, on every focus change). On the home screen that was
~35 ms of the ~450 ms to the first paint (twelve keys, each mounted and styled: measured by
starting the app with and without them, bench/RESULTS.md). This footer draws the same line —
same theme colours, same spacing, the palette key on the right — and draws it again only
when the keys shown change. Keys that do not fit are left out whole rather than cut mid-word.
A click on a key presses it, as in Textual's (not the keys of a dialog shown here: the dialog
takes the mouse); hovering shows no tooltip (the keys panel, ``?``, describes every key).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import ModalScreen, Screen
from textual.widget import Widget


HELP_KEYS = ("question_mark", "f1")  # the keys panel: kept when other keys must be left out


class Footer(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--separator"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple = ()
        self._spans: list[tuple[int, int, str, bool]] = []  # (first cell, end, key, enabled) of each key drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)

    def _answering(self) -> Screen:
        """The screen whose keys are shown: this footer's, or a dialog over it with no footer of its
        own (the start dialog showed the home screen's "s Start · a Actions", letters it types)."""
        top = self.app.screen
        if top is not self.screen and isinstance(top, ModalScreen) and not top.query(Footer):
            return top
        return self.screen

    def _screen_changed(self, screen: Screen) -> None:
        if isinstance(screen, ModalScreen) and self._answering() is screen:
            # once: a dialog on top again (a terminal made too small and back) had it subscribed twice
            screen.bindings_updated_signal.unsubscribe(self)
            screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        seen = self.screen is self.app.screen or self._answering() is not self.screen  # (not one under others)
        if seen and self._keys_to_show() != self._shown:
            self.refresh()

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self._answering() and self._keys_to_show() != self._shown:
            self.refresh()

    def _keys_to_show(self) -> tuple:
        """(key, as shown, description, enabled) for each action, in order (its first key, as
        Textual's footer shows ``escape,q`` as esc), less those the screen's ``key_offered``
        leaves out for now; the palette's last."""
        app = self.app
        keys = []
        actions: set[str] = set()
        palette = None
        screen = self._answering()
        offered = getattr(screen, "key_offered", None)  # a key that works but means nothing here now
        for _, binding, enabled, _tooltip in screen.active_bindings.values():
            entry = (binding.key, app.get_key_display(binding), binding.description, enabled)
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = entry
            elif offered is not None and not offered(binding.action.rpartition(".")[2]):
                continue
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(entry)
        return (*keys, palette)

    def render(self) -> Text:
        shown = self._shown = self._keys_to_show()
        *keys, palette = shown
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        right = Text()
        if palette is not None:  # as Textual draws it: docked right, compact, after a thin rule
            _, palette_display, palette_description, _ = palette
            right.append("▏", self.get_component_rich_style("footer--separator"))
            right.append(palette_display, key_style)
            right.append(f" {palette_description} ", description_style)
        room = self.size.width - right.cell_len
        parts = self._parts(keys, key_style, description_style, compact=False)
        if sum(part.cell_len for _, part, _ in parts) - 1 > room:  # not all fit: keys drawn closer
            parts = self._parts(keys, key_style, description_style, compact=True)
        # where keys must still be left out, the keys panel (?) stays: it lists every one of them
        keep = next((entry for entry in parts if entry[0] in HELP_KEYS), None)
        if keep is not None and sum(part.cell_len for _, part, _ in parts) - 1 > room:
            parts = [entry for entry in parts if entry is not keep]
            room -= keep[1].cell_len
        else:
            keep = None
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        crop = 0 if keep is not None else 1  # the last key's closing space may go, unless "? Keys" follows it
        for key, part, enabled in parts:
            if line.cell_len + part.cell_len - crop > room:
                break  # whole keys only
            self._append(line, key, part, enabled, room)
        if keep is not None:
            room += keep[1].cell_len
            self._append(line, *keep, room)
        if palette is not None:
            line.append(" " * max(0, room - line.cell_len))
            self._spans.append((line.cell_len, line.cell_len + right.cell_len, palette[0], palette[3]))
            line.append_text(right)
        return line

    @staticmethod
    def _parts(keys: list, key_style, description_style, *, compact: bool) -> list[tuple[str, Text, bool]]:
        """Each key as drawn: `` s Start `` as Textual draws it, or ``s Start `` when compact."""
        parts = []
        for key, display, description, enabled in keys:
            shown_key = display if compact else f" {display} "
            part = Text.assemble((shown_key, key_style), (f"{' ' if compact else ''}{description} ",
                                                          description_style)) if description \
                else Text(display, key_style)
            parts.append((key, part, enabled))
        return parts

    def _append(self, line: Text, key: str, part: Text, enabled: bool, room: int) -> None:
        part = part.copy()
        if line.cell_len + part.cell_len > room:
            part.right_crop(1)
        if not enabled:
            part.stylize("dim")
        self._spans.append((line.cell_len, line.cell_len + part.cell_len, key, enabled))
        line.append_text(part)

    def on_click(self, event: events.Click) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                event.stop()
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
