"""Writing a definition in place: a term, its definition, and a line saying what is wrong."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static, TextArea

from smarkmeet.tui.widgets.fields import QuietInput, typed_character


class DefinitionArea(TextArea):
    """A wrapping text area where Enter saves: a definition is one paragraph."""

    @dataclass
    class Submitted(Message):
        text: str

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return super().check_consume_key(key, typed_character(key, character))

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()  # the base class would insert a line break
            self.post_message(self.Submitted(self.text))


class TermField(QuietInput):
    """The new term's field. Enter moves on to the definition while the key is handled: the
    definition typed straight after it goes there, not onto the end of the term."""

    BINDINGS = [Binding("enter", "to_definition", "Definition", show=False, priority=True)]

    def action_to_definition(self) -> None:
        # on to the definition at once (the words typed after Enter are its); the term is read in
        # the field's own turn, after the keys typed before Enter: read as Enter arrived, a burst
        # ("Lead⏎") was read before its letters were in, and an existing term went unsaid
        self.screen.set_focus(self.query_ancestor(DefinitionEditor).query_one(DefinitionArea))
        self.call_later(self._check_term)

    def _check_term(self) -> None:
        editor = self.query_ancestor(DefinitionEditor)
        if editor.adding and (said := editor.term_taken(self.value)):  # said now, not after the definition
            editor.show_error(said)  # was typed: the term stays, to put right
            self.screen.set_focus(self)
            return
        editor.show_error("")


class DefinitionEditor(Vertical):
    """Add a term or write a new definition; the text stays when the screen reports a problem."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="glossary-editor.cancel",
                tooltip="Close the editor without saving"),
        Binding("ctrl+s", "save", "Save", id="glossary-editor.save", tooltip="Save the definition (also Enter)"),
    ]

    @dataclass
    class DefinitionSubmitted(Message):
        term: str
        definition: str
        adding: bool  # True for a new term, False for a new definition of ``term``

    class EditCancelled(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.adding = True

    def compose(self) -> ComposeResult:
        yield Label(id="editor-title")
        yield TermField(id="editor-term", placeholder="Term, e.g. MQL")
        yield DefinitionArea(id="editor-definition", soft_wrap=True, show_line_numbers=False,
                             tab_behavior="focus")
        yield Static(id="editor-error")
        yield Label("Enter saves · Esc cancels", id="editor-hint")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open_new(self, term: str = "") -> None:
        self.adding = True
        self._open("New term", term, "")
        self.screen.set_focus(self.query_one("#editor-term", Input))  # at once: the term typed after n is its

    def open_edit(self, term: str, definition: str, revision: int) -> None:
        self.adding = False
        self._open(f"New definition of “{term}” — will be revision {revision + 1}", term, definition)
        area = self.query_one(DefinitionArea)
        self.screen.set_focus(area)  # at once: the words typed after e go on the definition
        area.move_cursor(area.document.end)

    def _open(self, title: str, term: str, definition: str) -> None:
        self.query_one("#editor-title", Label).update(Text(title))  # quotes the term: never markup
        field = self.query_one("#editor-term", Input)
        field.value = term
        field.display = self.adding
        # Enter in the term goes on to the definition (the footer's ^s saves from either)
        self.query_one("#editor-hint", Label).update(
            "Enter: on to the definition, then saves · Esc cancels" if self.adding else "Enter saves · Esc cancels")
        self.query_one(DefinitionArea).text = definition
        self.show_error("")
        self.add_class("-open")

    def term_taken(self, typed: str) -> str:
        """What to say of a new term already in the glossary ("" when it is new, or unreadable:
        the save says what is wrong with that)."""
        from smarkmeet.services.glossary import GlossaryError, clean_term

        try:
            existing = self.app.store.glossary.get(clean_term(typed))  # type: ignore[attr-defined]
        except GlossaryError:
            return ""
        if existing is None:
            return ""
        return f"“{existing.term}” is already defined: Esc, then e on it, writes a new definition."

    def show_error(self, message: str) -> None:
        # the message often quotes the typed term (“[/]” has no letter…): shown as text, never markup
        self.query_one("#editor-error", Static).update(Text(message))

    def close(self) -> None:
        self.remove_class("-open")

    @on(DefinitionArea.Submitted)
    def _definition_entered(self, event: DefinitionArea.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        term = self.query_one("#editor-term", Input).value
        self.post_message(self.DefinitionSubmitted(term, self.query_one(DefinitionArea).text, self.adding))

    def action_cancel(self) -> None:
        self.close()
        self.post_message(self.EditCancelled())
