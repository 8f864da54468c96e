"""Keys as a terminal delivers them to a busy app: all queued before any is handled."""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key


def burst(app, text: str) -> None:
    """Queue ``text`` as key presses at once; a newline is Enter."""
    for char in text:
        if char == "\n":
            app.post_message(events.Key("enter", None))
        else:
            app.post_message(events.Key(_character_to_key(char), char))
