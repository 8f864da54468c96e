"""An inline prompt: a label, an input, and a line for what is wrong. Text is kept on error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.keys import _character_to_key
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from smarkmeet.tui.widgets.fields import LineInput

# Returns None when the answer was taken, else a sentence saying what is wrong.
Answer = Callable[[str], str | None]

# what a prompt says when the log refused its answer (the notice says why): the typed text stays
NOT_SAVED = "Not saved (the notice says why); change it and press Enter again, or Esc to leave it."
NONE_PICKED = "Nothing picked; change it and press Enter again, or Esc to leave it."


class Waiting(str):
    """What is shown while a dialog asks which answer was meant: a note, not an error."""


PICKING = Waiting("Pick which one you meant…")


class PromptBar(Vertical):
    """Ask one question in place; Escape cancels, Enter answers.

    Keys typed ahead of the app keep their place: the field takes them from the moment a key
    asks (``ask``, or ``expect`` when the question comes back from the screen in a message), an
    Enter typed before the question was up answers it, and what was typed after the answer's
    Enter goes on to the screen the prompt closes onto."""

    DEFAULT_CSS = """
    PromptBar { height: auto; display: none; padding: 0 1; border-top: solid $accent; }
    PromptBar.-open { display: block; }
    PromptBar #prompt-label { color: $text-accent; }
    PromptBar #prompt-error { color: $error; height: auto; }
    PromptBar #prompt-error.-note { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    class Expected(Message):
        """Posted behind a message the screen answers by asking (see :meth:`expect`); the
        screen calls :meth:`release` on it, which ends the wait if nothing was asked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._answer: Answer | None = None
        self._return_focus = None
        self._shown_error = ""
        self._expecting = False
        self._early: str | None = None  # a line sent with Enter before its question was up

    def compose(self) -> ComposeResult:
        yield Label(id="prompt-label")
        yield LineInput(id="prompt-input")
        yield Static(id="prompt-error")

    def expect(self) -> None:
        """A question is on its way (a panel asked the screen, which will ``ask``): the hidden
        field takes the keys typed from now on, to start the answer with."""
        if self.is_open or self._expecting:
            return
        self._expecting, self._early = True, None
        self._return_focus = self.app.focused
        field = self.query_one("#prompt-input", LineInput)
        field.value = ""
        self.screen.set_focus(field)

    def release(self) -> None:
        """The screen is done with what :meth:`expect` waited on: if it asked nothing (nothing
        under the cursor), the keys typed meanwhile go where they were headed."""
        if not self._expecting:
            return
        self._expecting = False
        early, self._early = self._early, None
        self._hand_on("" if early is None else early + "\n")

    def ask(self, label: str, answer: Answer, *, value: str = "", placeholder: str = "",
            select: bool = True) -> None:
        """``value`` is shown selected, to be typed over (a date to change); with ``select=False``
        the cursor waits at its end, to go on typing (a title started for you)."""
        field = self.query_one("#prompt-input", LineInput)
        typed, early = "", None
        if self._expecting:  # keys typed since the question was asked for start the answer
            typed, early = field.value, self._early
            self._expecting, self._early = False, None
        elif not self.is_open:  # a question asked over another goes back where the first would
            self._return_focus = self.app.focused
        self._answer = answer
        self.query_one("#prompt-label", Label).update(Text(label))
        self.show_error("")
        start = typed if early is None else early
        field.value = (start or value) if select else value + start
        field.select_on_focus = select
        field.cursor_position = len(field.value)
        field.placeholder = placeholder
        self.add_class("-open")
        if self.app.focused is field:
            if select and not start:
                field.select_all()
        else:
            # at once, not a moment later: the answer typed straight after the key that asked
            # (a fast typist, a busy moment) goes into the field, not to the screen's keys
            self.screen.set_focus(field)
        if early is not None:  # answered before it was asked: what came after the Enter waits
            line, field.value = field.value, typed
            self._take(line)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def typed(self) -> str:
        """The answer typed in the open prompt, not yet given ("" when it is closed)."""
        return self.query_one("#prompt-input", LineInput).value.strip() if self.is_open else ""

    def show_error(self, message: str) -> None:
        self._shown_error = message
        line = self.query_one("#prompt-error", Static)
        line.set_class(isinstance(message, Waiting), "-note")  # waiting on a dialog is not an error: not in red
        # the message often quotes what was typed: shown as text, never read as markup
        line.update(Text(message))

    def _settle(self, problem: str | None) -> None:
        """Close once the answer is taken; else say what stands in the way, keeping the text."""
        if problem:
            self.show_error(problem)
        else:
            self.close()

    def choose(self, question: str, choices: list[tuple[str, Any]], save: Callable[[Any], str | None],
               waiting: str = PICKING) -> Waiting:
        """Ask in a dialog which of ``choices`` the typed answer meant (an ambiguous date, two
        people), then ``save`` it. The prompt stays open with its text until the chosen answer is
        saved: a choice the log refuses, or Esc on the dialog, leaves it to be changed. Returns
        what the prompt shows meanwhile (an answer function returns it)."""
        from smarkmeet.tui.widgets.dialogs import ChoiceDialog

        asked = self._answer  # the choice settles this question only, not one asked since

        def settle(problem: str | None) -> None:
            if self._answer is asked:
                self._settle(problem)  # a Waiting problem: another dialog follows

        self.app.push_screen(ChoiceDialog(question, choices),
                             lambda value: settle(NONE_PICKED if value is None else save(value)))
        return Waiting(waiting)

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._answer is None:
            if self._expecting and self._early is None:  # the question is not up yet: answers it
                self._early = event.value
            return
        self._take(event.value)

    def _take(self, line: str) -> None:
        """Answer with ``line``; the field holds only what was typed after it."""
        assert self._answer is not None
        field = self.query_one("#prompt-input", LineInput)
        problem = self._answer(line)
        if problem:  # the answer left the field as it was sent: back to be changed (or while a dialog asks)
            field.put_back(line)
            self._settle(problem)
            return
        self._settle(None)
        if not self.is_open:  # what the field holds was typed after the Enter: for the screen
            self._hand_on()

    def _hand_on(self, before: str = "") -> None:
        """Focus back where it was, and the keys typed into the field meanwhile (after ``before``)
        sent there: taken in the field's own queue, after the keys on their way to it."""
        field = self.query_one("#prompt-input", LineInput)
        if self._return_focus is not None and self._return_focus.is_attached:
            self.screen.set_focus(self._return_focus)  # the keys typed from now on go there

        def send() -> None:
            keys, field.value = before + field.value, ""
            for character in keys:
                if character == "\n":
                    self.app.post_message(events.Key("enter", None))
                elif character.isprintable():
                    self.app.post_message(events.Key(_character_to_key(character), character))

        field.call_later(send)

    @on(Input.Changed, "#prompt-input")
    def _cleared(self, event: Input.Changed) -> None:
        if not event.value.strip() and not isinstance(self._shown_error, Waiting):
            self.show_error("")  # the answer it was about is gone: so is what was said about it

    def action_cancel(self) -> None:
        self.close()

    def close(self) -> None:
        self._answer = None
        self._expecting, self._early = False, None
        self.remove_class("-open")
        if self._return_focus is not None and self._return_focus.is_attached:
            self.screen.set_focus(self._return_focus)  # at once: the keys typed next are for it
