"""Inputs that keep what is typed ahead of the app in its place.

A key reaches the focused input at once, but an input's own Enter binding runs only once the key
has bubbled up to the app, after the keys typed behind it: a fast typist (or a busy moment) got
the next line's first words submitted with this one. These inputs take Enter as a priority
binding, which runs as the key arrives, and read their value in their own queue of keys: after
every key typed before the Enter, before any typed after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Input


# The characters of the keys Textual does not name by their character: its key_to_character looks
# "slash" up as a Unicode name, which is SOLIDUS. A field takes these as typed text all the same,
# but the footer and the keys panel went on offering the screen's key ("/ Filter" under a question).
TYPED_AS = {"plus": "+", "minus": "-", "slash": "/", "at": "@", "backslash": "\\", "underscore": "_"}


def typed_character(key: str, character: str | None) -> str | None:
    """The character a key types, where Textual did not find it (see ``TYPED_AS``)."""
    return character if character is not None else TYPED_AS.get(key)


class QuietInput(Input, inherit_bindings=False):
    """An input whose editing keys (←, ctrl+a, shift+ctrl+←, …) work as ever but are left out of the
    keys panel (f1 in a field): listed first, they pushed the screen's own keys (ctrl+n, ctrl+f) to
    its third page at 80x24."""

    BINDINGS = [replace(binding, system=True)
                for bindings in Input._merged_bindings.key_to_bindings.values() for binding in bindings]
    BINDING_GROUP_TITLE = None  # (a heading over none of its keys)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return super().check_consume_key(key, typed_character(key, character))


class HintedInput(QuietInput):
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


class ChoiceField(Widget, can_focus=True):
    """One of a few fixed choices on one line, picked from the keyboard without a pop-up: ←/→ or
    space step through them, a letter picks the next one starting with it (s: sales, m: marketing),
    Enter calls ``entered`` like an :class:`EnterField`.

    Textual's Select opens a list to choose from; in a form typed at speed, the keys typed just
    after tabbing out of one went to it, not to the field Tab led to, so a role and an email typed
    after the side never reached their fields. Here Tab runs as it arrives (see
    ``SmarkmeetApp.on_event``), and the keys behind it reach the next field.
    """

    DEFAULT_CSS = """
    ChoiceField {
        height: 1;
        width: 1fr;
        padding: 0 0;
        background: $boost;
        color: $text;
    }
    ChoiceField:focus {
        background: $accent 40%;
        text-style: bold;
    }
    """
    KEYS_AS_THEY_ARRIVE = True  # Tab and the arrows run as they arrive: the keys typed after go where they lead
    BINDINGS = [
        Binding("right,space", "step(1)", "Next choice", show=False),
        Binding("left", "step(-1)", "Previous choice", show=False),
        Binding("enter", "submit", "Enter", show=False, priority=True),
    ]

    value: reactive[str] = reactive("", init=False)

    class Changed(Message):
        def __init__(self, field: ChoiceField, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> ChoiceField:
            return self.field

    def __init__(self, options: Sequence[tuple[str, str]], *, value: str, entered: Callable[[], None] | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.options = tuple(options)
        if value not in self._values:
            raise ValueError(f"{value!r} is not one of {', '.join(self._values)}")
        self.set_reactive(ChoiceField.value, value)
        self._entered = entered

    @property
    def _values(self) -> list[str]:
        return [choice for _, choice in self.options]

    def validate_value(self, value: str) -> str:
        if value not in self._values:
            raise ValueError(f"{value!r} is not one of {', '.join(self._values)}")
        return value

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def render(self) -> Text:
        label = dict((choice, shown) for shown, choice in self.options)[self.value]
        return Text.assemble(label, ("   ←/→ or its first letter" if self.has_focus else "  ◂▸", "dim"))

    def action_step(self, by: int) -> None:
        values = self._values
        self.value = values[(values.index(self.value) + by) % len(values)]

    def action_submit(self) -> None:
        if self._entered is not None:
            self._entered()

    def take_key(self, event: events.Key) -> bool:
        """A letter picks the next choice starting with it (again: the one after). Called as the
        key arrives (``SmarkmeetApp.on_event``), like the field's bindings, so a letter and the
        Enter or arrow typed straight after it are taken in the order typed."""
        if not event.is_printable or not event.character or event.character == " ":
            return False
        letter = event.character.casefold()
        values = self._values
        start = values.index(self.value)
        for step in range(1, len(values) + 1):
            shown, choice = self.options[(start + step) % len(values)]
            if shown.casefold().startswith(letter):
                self.value = choice
                break
        else:
            self.app.bell()
        return True

    def on_key(self, event: events.Key) -> None:  # a key handed on the usual way (the app did not take it)
        if self.take_key(event):
            event.stop()
            event.prevent_default()

    def on_click(self, event: events.Click) -> None:
        """A click on the choice shown only focuses the field; a click after it (on ◂▸) steps on."""
        shown = dict((choice, label) for label, choice in self.options)[self.value]
        if event.x > len(shown):
            self.action_step(1)


class MouseButton(Button, can_focus=False):
    """A form's Save or Cancel, for the mouse: the keyboard has Enter and Esc, and Tab never lands
    here (Shift+Tab from the first field wrapped onto Cancel, and the Enter meant to save threw
    the whole form away)."""
