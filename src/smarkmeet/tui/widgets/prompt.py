"""An inline prompt: a label, an input, and a line for what is wrong. Text is kept on error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
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
    """Ask one question in place; Escape cancels, Enter answers."""

    DEFAULT_CSS = """
    PromptBar { height: auto; display: none; padding: 0 1; border-top: solid $accent; }
    PromptBar.-open { display: block; }
    PromptBar #prompt-label { color: $text-accent; }
    PromptBar #prompt-error { color: $error; height: auto; }
    PromptBar #prompt-error.-note { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._answer: Answer | None = None
        self._return_focus = None
        self._shown_error = ""

    def compose(self) -> ComposeResult:
        yield Label(id="prompt-label")
        yield LineInput(id="prompt-input")
        yield Static(id="prompt-error")

    def ask(self, label: str, answer: Answer, *, value: str = "", placeholder: str = "",
            select: bool = True) -> None:
        """``value`` is shown selected, to be typed over (a date to change); with ``select=False``
        the cursor waits at its end, to go on typing (a title started for you)."""
        self._answer = answer
        self._return_focus = self.app.focused
        self.query_one("#prompt-label", Label).update(Text(label))
        self.query_one("#prompt-error", Static).update("")
        field = self.query_one("#prompt-input", Input)
        field.value = value
        field.select_on_focus = select
        field.cursor_position = len(value)
        field.placeholder = placeholder
        self.add_class("-open")
        field.focus()

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

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
            return
        problem = self._answer(event.value)
        if problem:  # the answer left the field as it was sent: back to be changed (or while a dialog asks)
            self.query_one("#prompt-input", LineInput).put_back(event.value)
        self._settle(problem)

    @on(Input.Changed, "#prompt-input")
    def _cleared(self, event: Input.Changed) -> None:
        if not event.value.strip() and not isinstance(self._shown_error, Waiting):
            self.show_error("")  # the answer it was about is gone: so is what was said about it

    def action_cancel(self) -> None:
        self.close()

    def close(self) -> None:
        self._answer = None
        self.remove_class("-open")
        if self._return_focus is not None and self._return_focus.is_attached:
            self._return_focus.focus()
