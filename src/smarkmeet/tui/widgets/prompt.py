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

from smarkmeet.tui.format import facts_line, fit
from smarkmeet.tui.widgets.fields import LineInput

# Returns None when the answer was taken, else a sentence saying what is wrong.
Answer = Callable[[str], str | None]

# what a prompt says when the log refused its answer (the notice says why): the typed text stays
NOT_SAVED = "Not saved (the notice says why); change it and press Enter again, or Esc to leave it."
NONE_PICKED = "Nothing picked; change it and press Enter again, or Esc to leave it."


class Waiting(str):
    """What is shown while a dialog asks which answer was meant: a note, not an error."""


PICKING = Waiting("Pick which one you meant…")


class AnswerInput(LineInput):
    """The prompt's field. Its Enter holds the keys typed after it (``App.hold_keys``) until the
    answer is taken: they go on to the list the prompt closes onto, or stay in the field after the
    line put back to be changed — in the order they were typed, arrows and Esc too."""

    hold = 0  # the keys held since the last Enter

    def action_submit_line(self) -> None:
        self.hold = self.app.hold_keys()  # type: ignore[attr-defined]
        super().action_submit_line()


class PromptBar(Vertical):
    """Ask one question in place; Escape cancels, Enter answers.

    Keys typed ahead of the app keep their place: a key that asks takes focus into the field at
    once (a panel's question, which comes back from the screen in a message, holds the keys typed
    meanwhile: ``SectionPanel.post_asking``), and the keys typed after the answer's Enter go where
    the answer leaves the focus."""

    DEFAULT_CSS = """
    PromptBar { height: auto; display: none; padding: 0 1; border-top: solid $accent; }
    PromptBar.-open { display: block; }
    PromptBar #prompt-label { color: $text-accent; width: 100%; }  /* a long question wraps, never cut */
    PromptBar #prompt-error { color: $error; height: auto; }
    PromptBar #prompt-error.-note { color: $text-muted; }
    """
    # priority: Esc closes the prompt as it arrives, so the keys typed straight after it reach
    # the list it closes onto, not the field it leaves
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel", priority=True)]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._answer: Answer | None = None
        self._return_focus = None
        self._shown_error = ""

    def compose(self) -> ComposeResult:
        yield Label(id="prompt-label")
        yield AnswerInput(id="prompt-input")
        yield Static(id="prompt-error")

    def naming(self, before: str, name: str, after: str, *, quoted: bool = True) -> str:
        """A question that names what it is about (an item, a note, a goal: the list may scroll, or
        the cursor be on another), the name cut to what the question's own line leaves it."""
        name = " ".join(name.split())
        # no other cap: at 120 columns a cap of 50 cut titles the line had room for
        room = max(12, self._width() - len(before) - len(after) - (2 if quoted else 0) - 4)
        return f"{before}“{fit(name, room)}”{after}" if quoted else f"{before}{fit(name, room)}{after}"

    def facts(self, parts: list[str]) -> str:
        """``parts`` a `` · `` apart, on lines of the question's width broken between parts, never
        inside one (at 120 columns "the week before:" ended a line and "22" began the next)."""
        if not parts:
            return ""
        return facts_line(Text(parts[0]), parts[1:], max(12, self._width() - 4)).plain

    def _width(self) -> int:
        """The question's width (hidden until asked: the bar's width may be its parent's)."""
        return self.size.width or (self.parent.size.width if self.parent else 0) or self.app.size.width

    def ask(self, label: str, answer: Answer, *, value: str = "", placeholder: str = "",
            select: bool = True) -> None:
        """``value`` is shown selected, to be typed over (a date to change); with ``select=False``
        the cursor waits at its end, to go on typing (a title started for you)."""
        field = self.query_one("#prompt-input", AnswerInput)
        if self.app.focused is not field:  # asked over an open question: its answer goes back there
            self._return_focus = self.app.focused
        self._answer = answer
        self.query_one("#prompt-label", Label).update(Text(label))
        self.show_error("")
        field.value = value
        field.select_on_focus = select
        field.cursor_position = len(value)
        field.placeholder = placeholder
        self.add_class("-open")
        if self.app.focused is field:
            if select:
                field.select_all()
        else:
            # at once, not a moment later: the answer typed straight after the key that asked
            # (a fast typist, a busy moment) goes into the field, not to the screen's keys
            self.screen.set_focus(field)

    def return_to(self, widget) -> None:
        """Once answered (or left with Esc), the focus goes to ``widget`` (the section now shown)."""
        self._return_focus = widget

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def typed(self) -> str:
        """The answer typed in the open prompt, not yet given ("" when it is closed)."""
        return self.query_one("#prompt-input", LineInput).value.strip() if self.is_open else ""

    @property
    def question(self) -> str:
        """The open prompt's question, its first line ("" when it is closed)."""
        if not self.is_open:
            return ""
        label = self.query_one("#prompt-label", Label).render()
        return str(label).split("\n", 1)[0].strip()

    def show_error(self, message: str) -> None:
        if message == NOT_SAVED and getattr(getattr(self.app, "store", None), "read_only", False):
            message = "Not saved: the log is open read-only, so nothing can be changed. Esc to leave it."
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
        try:
            if self._answer is None:
                return
            problem = self._answer(event.value)
            if problem:  # the answer left the field as it was sent: back to be changed (or while a dialog asks)
                self.query_one("#prompt-input", AnswerInput).put_back(event.value)
            self._settle(problem)
        finally:  # the keys typed after the Enter go on, to wherever the answer left the focus
            self.app.release_keys(self.query_one("#prompt-input", AnswerInput).hold)  # type: ignore[attr-defined]

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
            self.screen.set_focus(self._return_focus)  # at once: the keys typed next are for it
