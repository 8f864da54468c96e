"""The command palette: one provider, titles of the form ``category: Action``.

Screens (and the app) offer their commands through ``palette_commands()``; the
provider simply lists what the active screen and the app offer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class PaletteCommand:
    title: str  # e.g. "meeting: Next section" — stable, users learn it
    help: str
    run: Callable[[], object]


class SmarkmeetCommands(Provider):
    def _commands(self) -> Iterable[PaletteCommand]:
        screen_commands = getattr(self.screen, "palette_commands", None)
        if screen_commands is not None:
            yield from screen_commands()
        yield from getattr(self.app, "palette_commands", lambda: [])()

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, partial(command.run), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), partial(command.run), help=command.help)


class SearchCommands(Provider):
    """Typing three or more characters in the palette also searches the log; picking a hit opens it."""

    async def search(self, query: str) -> Hits:
        if len(query.strip()) < 3:
            return
        from rich.text import Text
        from textual.markup import escape

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
            # the palette reads help as markup: the team's words are escaped
            yield Hit(0.5 - rank / 1000, title, partial(open_hit, self.app, hit),
                      help=escape(hit.context) if hit.context else None)
