"""A Footer that rebuilds its keys only when the keys it shows have changed.

Textual's Footer recomposes every time a screen's bindings are announced as updated —
on mount, on every focus change — even when the keys shown are the same. Each rebuild
mounts and styles a widget per key; at start-up that was three identical rebuilds of
twelve keys, about a third of the time to the first paint (bench/RESULTS.md). Each key is
also built as it will be shown (not compact), so mounting it styles it once.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    _shown: tuple | None = None

    def _keys_to_show(self) -> tuple:
        """Everything the footer's keys are built from, in order."""
        return tuple(
            (binding.key, binding.description, binding.action, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_to_show()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # A FooterKey starts compact and is then bound to the footer's, which is not:
                # each key was restyled twice on mounting (~20 ms of start-up for 12 keys).
                # (The palette key is not bound: it stays compact.)
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if self._bindings_ready and self.is_attached and screen is self.screen and self._keys_to_show() == self._shown:
            return
        super().bindings_changed(screen)
