"""Keys as a terminal delivers them to a busy app: all queued before any is handled."""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key

# keys without a character, written as one: "e1200\n↓e900\n" is e, 1, 2, 0, 0, Enter, Down, …
NAMED = {"\n": "enter", "↓": "down", "↑": "up", "→": "right", "←": "left", "⎋": "escape", "⌫": "backspace", "⇥": "tab", "⇤": "shift+tab", "⌃": "ctrl+u"}


def burst(app, text: str) -> None:
    """Queue ``text`` as key presses at once; a newline is Enter, ↓ ↑ → ← the arrows, ⎋ Esc, ⌫
    backspace, ⇥ Tab, ⇤ shift+Tab, ⌃ ctrl+u (delete to the start of the line)."""
    for char in text:
        if char in NAMED:
            app.post_message(events.Key(NAMED[char], None))
        else:
            app.post_message(events.Key(_character_to_key(char), char))


async def settle(pilot, rounds: int = 4) -> None:
    """Let a burst be handled: each key can take a round (a question asked, keys held and sent on)."""
    for _ in range(rounds):
        await pilot.pause()
