"""Small modal dialogs: pick one of a few choices, confirm, or read a notice."""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option


# A digit this long after the last key put aside is an answer, not more of the words: the words
# were read in the hint ("“s” is not an answer…") and the number then chosen. A digit typed on
# within words ("Q1 plan") comes a tenth of a second after the letter before it.
ANSWER_AFTER_SECONDS = 0.5
_monotonic = time.monotonic  # (the tests move it on)


# A modal screen's keys stop Textual's chain before the app's: F2 ("what the terms on screen
# mean", on every screen) did nothing in a dialog or a form until each took it too.
DEFINE_IN_A_DIALOG = Binding("f2", "app.define", "Define", id="dialog.define", show=False,
                             tooltip="Show what the glossary terms in this dialog mean")


class ChoiceList(OptionList):
    """The dialog's choices; a key no binding takes is handed to the dialog as it arrives
    (SmarkmeetApp.on_event), before the keys typed behind it: the Enter after words typed at
    the question must find them already there."""

    def take_key(self, event) -> bool:
        return self.screen.take_key(event) if isinstance(self.screen, ChoiceDialog) else False


class ChoiceDialog(ModalScreen[Any]):
    """Ask the facilitator to choose; digits pick directly. Dismisses with the value, or None."""

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog > Vertical { width: 70; max-width: 95%; height: auto; border: thick $accent; padding: 1 2;
                              background: $surface; }
    ChoiceDialog OptionList { height: auto; max-height: 14; margin-top: 1; }
    ChoiceDialog .question { width: 100%; }
    ChoiceDialog .hint { color: $text-muted; margin-top: 1; width: 100%; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        DEFINE_IN_A_DIALOG,
        Binding("enter", "pick_highlighted", "Choose", show=False, priority=True),
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, question: str, choices: list[tuple[str, Any]], hint: str = "", *,
                 keeps_typing: bool = False, highlighted: int = 0) -> None:
        super().__init__()
        self.highlighted = highlighted  # the choice under the cursor as it opens
        self.keeps_typing = keeps_typing  # what asked gives typed_aside back (the quick-add line)
        self.question = question
        self.choices = choices
        self.hint = hint or "↑/↓ and Enter, or the number · Esc cancels"
        self._answered = False
        # words typed at the dialog by someone who had not seen it (the next quick-add line, typed
        # on): kept aside, not lost, and given back by what asked (see typed_aside)
        self.typed_aside = ""
        self._enter_held = False
        self._aside_at = 0.0  # when the last key was put aside

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question), classes="question")  # wraps: a resume question names the meeting
            yield ChoiceList(*[  # labels may be the team's own words: shown as typed, never as markup
                Option(Text(f"{i + 1}  {label}" if i < 9 else f"   {label}"), id=str(i))
                for i, (label, _) in enumerate(self.choices)
            ])
            yield Label(self.hint, classes="hint")

    def on_mount(self) -> None:
        if 0 < self.highlighted < len(self.choices):
            self.query_one(OptionList).highlighted = self.highlighted

    def answer(self, value: Any) -> None:
        """Close with ``value``. The keys typed after the answer wait until what asked has taken it
        (its callback, run in its own queue), then go on to the screen below: typed fast, the
        verdicts after a rejection's reason ("r2nn") reached the dialog as it closed, or the lead
        rejected, not the leads after it."""
        if self._answered:  # a second answer (a double click, a click and a key) closed the screen below
            return
        self._answered = True
        callbacks = self._result_callbacks
        requester = callbacks[-1].requester if callbacks and callbacks[-1].requester else self.app
        hold = self.app.hold_keys()  # type: ignore[attr-defined]
        self.dismiss(value)
        requester.call_next(self.app.release_keys, hold)  # type: ignore[attr-defined]  # after the callback

    # Run as the key arrives (bindings: SmarkmeetApp.on_event), not from a message handled after
    # the keys typed behind it.
    def action_pick(self, index: int) -> None:
        if self.typed_aside and not self._paused_after_aside():
            # a digit in words typed at the question ("Q1 plan"): part of them, no answer
            self.typed_aside += str(index + 1)
            self._aside_at = _monotonic()
            self._enter_held = False
            self._say_aside()
            return
        if index < len(self.choices):
            self.answer(self.choices[index][1])

    def action_pick_highlighted(self) -> None:
        if self.typed_aside and not self._enter_held and not self._paused_after_aside():
            # the Enter that ends words typed without seeing the question does not answer it
            self._enter_held = True
            self._say_aside()
            return
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.choices):
            self.answer(self.choices[highlighted][1])

    def _paused_after_aside(self) -> bool:
        """A pause since the last key put aside (the hint read): a digit or Enter then answers.
        Not where the words are a line being typed on without seeing the question (keeps_typing):
        a pause within "Send deck… 2 copies" is no answer."""
        return not self.keeps_typing and _monotonic() - self._aside_at >= ANSWER_AFTER_SECONDS

    def take_key(self, event) -> bool:
        """A key no binding took (a letter, a space, backspace), as it arrives: kept aside."""
        character = event.character
        if event.key == "backspace" and self.typed_aside:
            self.typed_aside = self.typed_aside[:-1]
        elif character and event.is_printable and not character.isdigit():
            self.typed_aside += character
        else:
            return False
        self._aside_at = _monotonic()
        self._enter_held = False
        self._say_aside()
        return True

    def _say_aside(self) -> None:
        kept = self.typed_aside.strip()
        quoted = f"“{kept[:40]}{'…' if len(kept) > 40 else ''}”"
        first = (f"This asks a question first — what you typed is kept: {quoted}. " if self.keeps_typing else
                 f"{quoted} is not an answer. ")
        said = f"{first}Choose with ↑/↓ and Enter, or the number · Esc cancels" if kept else self.hint
        self.query_one(".hint", Label).update(Text(said))

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:  # a click
        self.answer(self.choices[int(event.option.id)][1])

    def action_cancel(self) -> None:
        self.answer(None)


class NoticeDialog(ModalScreen[None]):
    """Something to read, then Esc or Enter. Longer than the window, it scrolls (↑/↓, PgUp/PgDn,
    Home/End), the way to close it said above it: a lead whose verdict came with a comment of
    3,000 characters ran off the screen, "Esc or Enter closes" with it."""

    DEFAULT_CSS = """
    NoticeDialog { align: center middle; }
    NoticeDialog > VerticalScroll { width: 80; max-width: 95%; height: auto; max-height: 90%; border: thick $accent;
                                    padding: 1 2; background: $surface; }
    NoticeDialog .title { text-style: bold; width: 100%; }
    NoticeDialog .body { margin-top: 1; height: auto; }
    NoticeDialog .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape,enter", "close", "Close", id="notice.close"), DEFINE_IN_A_DIALOG]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(self.title_text), classes="title")
            yield Label("Esc or Enter closes", classes="hint")
            yield Static(Text(self.body), classes="body")

    def on_mount(self) -> None:
        self.call_after_refresh(self._say_it_scrolls)

    def _say_it_scrolls(self) -> None:
        box = self.query_one(VerticalScroll)
        if box.max_scroll_y > 0:
            self.query_one(".hint", Label).update("Esc or Enter closes · ↑/↓, PgUp/PgDn read on")

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ChoiceDialog):
    def __init__(self, question: str, yes: str, no: str = "Cancel") -> None:
        super().__init__(question, [(yes, True), (no, False)])
