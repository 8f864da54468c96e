"""The command palette: one provider, titles of the form ``category: Action``.

Screens (and the app) offer their commands through ``palette_commands()``; the
provider simply lists what the active screen and the app offer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content


@dataclass(frozen=True)
class PaletteCommand:
    title: str  # e.g. "meeting: Next section" — stable, users learn it
    help: str
    run: Callable[[], object]


def as_typed(help: str | None) -> Any:
    """Help text the palette shows as typed: it reads a ``str`` as markup and passes ``Content`` through."""
    return Content(help) if help else None


def highlighted(matcher: Matcher, title: str) -> Content:
    """``title`` as typed, the letters the query matched highlighted (``Matcher.highlight`` would
    read the title as markup: a section or meeting title is the team's words)."""
    content = Content(title)
    _, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class SmarkmeetCommands(Provider):
    """Titles and help may name the team's meetings and sections: both are shown as typed, never as markup."""

    def _commands(self) -> Iterable[PaletteCommand]:
        screen_commands = getattr(self.screen, "palette_commands", None)
        if screen_commands is not None:
            yield from screen_commands()
        yield from getattr(self.app, "palette_commands", lambda: [])()
        # Textual's own (theme, screenshot, maximize) last: from their own provider they were
        # listed above the meeting's commands when the palette opened
        for command in self.app.get_system_commands(self.screen):
            if command.discover:
                yield PaletteCommand(f"app: {command.title}", command.help, command.callback)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(Content(command.title), partial(command.run), text=command.title,
                               help=as_typed(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, highlighted(matcher, command.title), partial(command.run), text=command.title,
                          help=as_typed(command.help))


class SearchCommands(Provider):
    """Typing three or more characters in the palette also searches the log; picking a hit opens it."""

    async def search(self, query: str) -> Hits:
        if len(query.strip()) < 3:
            return
        from rich.text import Text

        from smarkmeet.services.search import plain, search
        from smarkmeet.store.errors import LogError
        from smarkmeet.store.search import KINDS
        from smarkmeet.tui.screens.search import open_hit

        try:
            found = search(self.app.store, query, per_kind=3)
        except LogError:
            return
        for rank, hit in enumerate(found.hits):
            title = Text(f"find: {KINDS[hit.kind]}: ", style="dim") + Text(plain(hit.title or hit.snippet))
            # below the screen's own commands, best hits first
            yield Hit(0.5 - rank / 1000, title, partial(open_hit, self.app, hit), help=as_typed(hit.context))
