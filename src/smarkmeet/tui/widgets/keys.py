"""The keys panel (``?``), paged by its own key: a screen with more keys than a small window
holds (the home screen at 80×24) shows the rest a page at a time, since nothing in it can
be focused and scrolled by keyboard. Each page opens at the start of a key's entry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.geometry import Region
from textual.widgets import HelpPanel, KeyPanel, Markdown, Static
from textual.widgets._key_panel import BindingsTable


class PagedKeyPanel(KeyPanel):
    """Textual's key panel with blank room below its last key once paged, so the last page too
    can open at the start of an entry (it is rebuilt each time the keys change: the room is kept)."""

    room = 0

    def compose(self) -> ComposeResult:
        yield from super().compose()
        room = Static(id="keys-room")
        room.styles.height = self.room
        yield room

    def make_room(self, lines: int) -> None:
        self.room = lines
        self.query_one("#keys-room").styles.height = lines


class KeysPanel(HelpPanel):
    def compose(self) -> ComposeResult:
        yield Markdown(id="widget-help")
        yield PagedKeyPanel(id="keys-help")

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
        """Keys below the panel's last line (none while the panel is being taken away: the
        footer asked in between, ? pressed again, and the query's NoMatches stopped the app)."""
        keys = next(iter(self.query(PagedKeyPanel)), None)
        if keys is None:
            return False
        page = keys.scrollable_content_region.height
        # the panel's size, not its table's: the table is rebuilt (size 0 until laid out) as keys change
        return round(keys.scroll_y) + page < keys.virtual_size.height - keys.room

    def next_page(self) -> None:
        """Down a page, to the start of the key the last page cut off, so no page opens mid-entry
        (the rest of one key's words under another's)."""
        keys = self.query_one(PagedKeyPanel)
        top = round(keys.scroll_y)
        page = keys.scrollable_content_region.height
        starts = [line for line in entry_starts(keys.query_one(BindingsTable)) if top < line <= top + page]
        target = starts[-1] if starts else top + page  # else one key longer than the whole panel
        if keys.room < page:
            keys.make_room(page)
            self.call_after_refresh(keys.scroll_to, y=target, animate=False)
        else:
            keys.scroll_to(y=target, animate=False)


def entry_starts(table: BindingsTable) -> list[int]:
    """The lines where a key's entry begins: its key, right-aligned, shows before the column its
    words wrap to; a blank or rule line (between groups) counts as a start too."""
    width, height = table.size
    lines = [strip.text for strip in table.render_lines(Region(0, 0, width, height))]
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    deepest = max(indents, default=0)  # the words' column: the lines that go on an entry
    return [n for n, line in enumerate(lines)
            if not line.strip() or not line.strip(" ─━") or len(line) - len(line.lstrip()) < deepest]
