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
