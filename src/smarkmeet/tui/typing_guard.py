"""Words typed onto a list by mistake: taken as typing, not as the list's one-key commands.

In the meeting the lists act on one key (``v`` resolves a note, ``a`` accepts a lead, ``d`` marks
an item done), so words meant for a field elsewhere — "leads are very late" — acted through
their letters: the ``v`` of "very" resolved the highlighted note. A letter none of the list's
keys use shows it is typing: it and the keys that follow it in the same burst act on nothing,
and a notice says where words go.
"""

from __future__ import annotations

from textual import events

TYPING_PAUSE = 0.6  # seconds: keys this close after a letter the list does not use are typing
SAID_EVERY = 5.0  # seconds: the notice is not repeated sooner


class TypingGuard:
    def __init__(self) -> None:
        self._typing_until = -1e9  # monotonic seconds: printable keys before then are typing
        self._said_at = -1e9

    def swallows(self, event: events.Key, bound: set[str] | dict, hint: str, notify) -> bool:
        """True when ``event`` is typing: a letter no binding in ``bound`` takes, or a printable
        key (or Enter) straight after one. ``notify(hint)`` is called at most every ``SAID_EVERY`` seconds."""
        now = event.time  # when it was typed (a key held while a screen opened is handled later)
        typed = bool(event.character) and event.is_printable
        if (typed or event.key == "enter") and now < self._typing_until:  # the rest of a word or
            self._typing_until = now + TYPING_PAUSE  # sentence, and the Enter that ends it
            return True
        if not (typed and event.character.isalpha() and event.key not in bound):
            return False
        self._typing_until = now + TYPING_PAUSE
        if now - self._said_at > SAID_EVERY:
            self._said_at = now
            notify(hint)
        return True

    def forget(self) -> None:
        """A new section: no burst carries over into it."""
        self._typing_until = -1e9
