"""A Footer that rebuilds its keys only when the keys it shows have changed.

Textual's Footer recomposes every time a screen's bindings are announced as updated —
on mount, on every focus change — even when the keys shown are the same. Each rebuild
mounts and styles a widget per key; at start-up that was three identical rebuilds of
twelve keys, about a third of the time to the first paint (bench/RESULTS.md).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


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
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self._bindings_ready and self.is_attached and screen is self.screen and self._keys_to_show() == self._shown:
            return
        super().bindings_changed(screen)
