"""The person form: add someone to the team or put right how they are written. It hands the
fields to ``save`` and stays open with the typed text and the problem in words until ``save``
takes them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from smarkmeet.domain.enums import Side
from smarkmeet.domain.models import Person
from smarkmeet.tui.widgets.dialogs import DEFINE_IN_A_DIALOG
from smarkmeet.tui.widgets.fields import ChoiceField, EnterField, MouseButton

# Takes the form's fields; returns None once saved, else a sentence saying what is wrong.
Save = Callable[[dict[str, Any]], str | None]

_FIELD_OF_PROBLEM = {"handle": "#person-handle", "role": "#person-role", "email": "#person-email"}
_KINDS = [("team member", "member"), ("guest (not on every check-in)", "guest")]


class PersonForm(ModalScreen[bool]):
    """Dismisses with True once saved, False when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="personform.cancel", tooltip="Close the form without saving"),
        Binding("ctrl+s", "save", "Save", id="personform.save", tooltip="Save (Enter in a field too)"),
        DEFINE_IN_A_DIALOG,
    ]

    def __init__(self, title: str, save: Save, person: Person | None = None) -> None:
        super().__init__()
        self.form_title = title
        self.save = save
        self.person = person
        self._problem_field: Input | None = None  # the field the problem shown is about

    def compose(self) -> ComposeResult:
        person = self.person
        with Vertical(id="person-form", classes="form"):
            yield Static(Text(self.form_title, style="bold"), id="person-form-title")  # a name: never markup
            with Grid(id="person-form-grid", classes="form-grid"):
                yield Label("Name")
                yield self._field(person.name if person else "", "person-name", "e.g. Mei Chen")
                yield Label("Handle")
                yield self._field(person.handle if person else "", "person-handle",
                                  "for @handle in quick-add lines; empty: the first name")
                yield Label("Side")
                yield ChoiceField([(side.value, side.value) for side in Side], id="person-side",
                                  value=(person.side if person else Side.SALES).value, entered=self.action_save)
                yield Label("Role")
                yield self._field(person.role if person else "", "person-role", "e.g. SDR, content lead")
                yield Label("Email")
                yield self._field(person.email if person else "", "person-email", "optional")
                yield Label("As")
                yield ChoiceField(_KINDS, id="person-kind", value="guest" if person and person.guest else "member",
                                  entered=self.action_save)
            yield Static(id="person-form-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield MouseButton("Save", variant="primary", id="person-form-save", compact=True)
                yield MouseButton("Cancel", id="person-form-cancel", compact=True)
                yield Static("Enter saves · Esc cancels", classes="hint")

    def _field(self, value: str, id: str, placeholder: str) -> EnterField:
        return EnterField(value, entered=self.action_save, id=id, compact=True, placeholder=placeholder)

    def on_mount(self) -> None:
        self.query_one("#person-name", Input).focus()

    def fields(self) -> dict[str, Any]:
        """What was typed, as a person's fields (the service checks them)."""
        value = lambda selector: self.query_one(selector, Input).value  # noqa: E731
        return {
            "name": value("#person-name"), "handle": value("#person-handle").strip() or None,
            "side": self.query_one("#person-side", ChoiceField).value, "role": value("#person-role"),
            "email": value("#person-email"), "guest": self.query_one("#person-kind", ChoiceField).value == "guest",
        }

    def show_problem(self, problem: str) -> None:
        """Say what is wrong and put the cursor in the field it is about; the typed text stays."""
        self.query_one("#person-form-error", Static).update(Text(f"⚠ {problem[:1].upper() + problem[1:]}"))
        for field in self.query(Input):
            field.remove_class("-invalid")
        lowered = problem.lower()
        selector = next((sel for start, sel in _FIELD_OF_PROBLEM.items() if lowered.startswith(start)), "#person-name")
        field = self.query_one(selector, Input)
        field.add_class("-invalid")
        self._problem_field = field
        field.focus()

    @on(Input.Changed)
    def _put_right(self, event: Input.Changed) -> None:
        """The field a problem was about, changed: the problem no longer stands as said ("⚠ Mei
        Chen is on the team already" stayed under a name typed anew); saving checks it again."""
        if event.input is self._problem_field:  # (Input's own -invalid class is redrawn on change)
            self._problem_field = None
            event.input.remove_class("-invalid")
            self.query_one("#person-form-error", Static).update("")

    @on(Button.Pressed, "#person-form-save")
    def action_save(self) -> None:
        problem = self.save(self.fields())
        if problem:
            self.show_problem(problem)
        else:
            self.dismiss(True)

    @on(Button.Pressed, "#person-form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
