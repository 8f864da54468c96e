"""Inputs that keep what is typed ahead of the app in its place.

A key reaches the focused input at once, but an input's own Enter binding runs only once the key
has bubbled up to the app, after the keys typed behind it: a fast typist (or a busy moment) got
the next line's first words submitted with this one. These inputs take Enter as a priority
binding, which runs as the key arrives, and read their value in their own queue of keys: after
every key typed before the Enter, before any typed after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.binding import Binding
from textual.widgets import Input


class HintedInput(Input):
    """An input whose placeholder is the longest of its ``hints`` (longest first) that fits its
    width: at 80 columns a field shows a shorter hint, never one cut off in mid-word."""

    def __init__(self, value: str | None = None, *, hints: Sequence[str] = (), **kwargs) -> None:
        if hints:
            kwargs["placeholder"] = hints[0]
        super().__init__(value, **kwargs)
        self._hints = tuple(hints)

    def on_resize(self) -> None:
        if self._hints:
            room = self.content_region.width
            self.placeholder = next((hint for hint in self._hints if len(hint) < room), self._hints[-1])


class LineInput(HintedInput):
    """An input whose Enter submits exactly the line typed before it and empties the field for the
    next line at once; ``put_back`` returns a line that was not taken (a problem to fix)."""

    BINDINGS = [Binding("enter", "submit_line", "Submit", show=False, priority=True)]

    def action_submit_line(self) -> None:
        self.call_later(self._submit_in_order)

    def _submit_in_order(self) -> None:
        line = self.value
        self.value = ""
        self.post_message(self.Submitted(self, line))

    def put_back(self, line: str) -> None:
        """``line`` back at the start of the field, before anything typed since it was sent (a
        space apart, so the two read as typed)."""
        self.value = line + (" " if self.value and line and not line.endswith(" ") else "") + self.value
        self.cursor_position = len(self.value)


class EnterField(HintedInput):
    """A field whose Enter calls ``entered`` at once, in the field's own turn (after the text typed
    before it: ``SmarkmeetApp.on_event``) rather than through a Submitted message handled after the
    keys typed behind it: what ``entered`` does (a form saved and closed, the cursor moved to the
    field a problem is about) is done before the next key arrives, which goes where it leads."""

    def __init__(self, value: str | None = None, *, entered: Callable[[], None], **kwargs) -> None:
        super().__init__(value, **kwargs)
        self._entered = entered

    async def action_submit(self) -> None:
        self._entered()


class FilterLine(EnterField):
    """A screen's filter line, filtering as it is typed. Its Enter calls ``entered`` at once,
    which shows what the line finds and moves to the list: "/pricing⏎d" then acts on the first
    item found, never on a row shown before the filter was read, nor types a d on the filter."""
