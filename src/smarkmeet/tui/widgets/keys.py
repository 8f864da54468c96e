"""The keys panel (``?``), paged by its own key: a screen with more keys than a small window
holds (the home screen at 80×24) shows the rest a page at a time, since nothing in it can
be focused and scrolled by keyboard."""

from __future__ import annotations

from textual.widgets import HelpPanel, KeyPanel


class KeysPanel(HelpPanel):
    def on_mount(self) -> None:
        super().on_mount()
        keys = self.query_one(KeyPanel)
        # the footer names ? "More keys" while some are below: told when that may have changed
        for attribute in ("virtual_size", "scroll_y"):
            self.watch(keys, attribute, lambda _value: self.app.refresh_bindings(), init=False)

    def on_resize(self) -> None:
        self.app.refresh_bindings()

    @property
    def has_more(self) -> bool:
        """Keys below the panel's last line."""
        keys = self.query_one(KeyPanel)
        return keys.scroll_y < keys.max_scroll_y

    def next_page(self) -> None:
        self.query_one(KeyPanel).scroll_page_down(animate=False)
