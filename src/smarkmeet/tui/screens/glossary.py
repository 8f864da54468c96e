"""The glossary: the team's agreed terms, filtered as you type, each with its revision history."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from smarkmeet.domain.errors import describe
from smarkmeet.domain.models import GlossaryTerm
from smarkmeet.services import glossary
from smarkmeet.store.errors import LogError
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import facts_line
from smarkmeet.tui.widgets.fields import FilterLine
from smarkmeet.tui.widgets.fitted import Fitted
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.glossary_editor import DefinitionEditor

STAMP = "%a %d %b %Y %H:%M"


class GlossaryScreen(Screen):
    DEFINE_PLACE = "in the definition shown"  # what F2 reads here (glossary_text), as its popup says
    AUTO_FOCUS = "#glossary-terms"  # the list from the first moment: a "/" typed straight away filters
    BINDINGS = [
        Binding("escape", "back", "Back", id="glossary.back",
                tooltip="Clear the filter, else go back to where you were"),
        Binding("slash", "focus_filter", "Filter", id="glossary.filter", tooltip="Type to filter the terms"),
        Binding("n", "new_term", "New term", id="glossary.new", tooltip="Add a term to the glossary"),
        Binding("e", "edit_definition", "Edit", id="glossary.edit",
                tooltip="Write a new definition of the selected term (kept as a new revision)"),
    ]

    def __init__(self, term: str | None = None) -> None:
        super().__init__()
        self._wanted = term
        self._terms: list[GlossaryTerm] = []
        self._shown: list[GlossaryTerm] = []
        self._detail_text = ""
        self._filtered_by = ""  # the filter line as the terms shown read it

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="glossary-body"):
            with Vertical(id="glossary-index"):
                yield FilterLine(id="glossary-filter", placeholder="/ to filter", entered=self._filter_entered)
                yield OptionList(id="glossary-terms")
            with Vertical(id="glossary-detail"):
                with VerticalScroll(id="glossary-entry"):
                    yield Fitted(id="glossary-definition")
                    yield Static(id="glossary-history")
                yield DefinitionEditor(id="glossary-editor")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Glossary"
        self.query_one("#glossary-index").border_title = "Terms"
        self.query_one("#glossary-detail").border_title = "Definition"
        self.reload(select=self._wanted)
        self.query_one("#glossary-terms").focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    # -- showing --------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the glossary again and show it through the filter, keeping or moving the selection."""
        self._terms = glossary.all_terms(self.store)
        self._show_terms(select or self._selected_term())

    def _show_terms(self, select: str | None) -> None:
        query = self._filtered_by = self.query_one("#glossary-filter", Input).value
        self._shown = glossary.filter_terms(self._terms, query)
        terms = self.query_one("#glossary-terms", OptionList)
        # an option reads a str as markup: a term (“[bold]x[/]”) is shown as typed
        terms.set_options([Option(Text(entry.term), id=entry.id) for entry in self._shown])
        wanted = (select or "").lower()
        index = next((i for i, entry in enumerate(self._shown) if entry.term.lower() == wanted), 0)
        terms.highlighted = index if self._shown else None
        self._show_detail(self._shown[index] if self._shown else None)

    def _selected(self) -> GlossaryTerm | None:
        option = self.query_one("#glossary-terms", OptionList).highlighted_option
        return next((entry for entry in self._shown if option and entry.id == option.id), None)

    def _selected_term(self) -> str | None:
        entry = self._selected()
        return entry.term if entry else None

    def select_term(self, term: str | None) -> None:
        """Show ``term`` (any case), clearing the filter if it hides it."""
        if term and all(entry.term.lower() != term.lower() for entry in self._shown):
            self.query_one("#glossary-filter", Input).value = ""
            self._shown = self._terms
        self._show_terms(term)
        self.query_one("#glossary-terms").focus()

    def _show_detail(self, entry: GlossaryTerm | None) -> None:
        definition = self.query_one("#glossary-definition", Fitted)
        past = self.query_one("#glossary-history", Static)
        if entry is None:
            empty = not self._terms
            definition.update("No term has been defined yet." if empty else "No term matches the filter.")
            past.update(Text("Press n to add a term." if empty else "Esc clears the filter; / changes it.",
                             style="dim"))
            self._detail_text = ""
            return

        def head(room: int) -> Text:  # the term's line breaks between its facts, never inside the date
            line = facts_line(Text(entry.term, style="bold"), [f"revision {entry.revision}",
                                                               f"{entry.updated_at:{STAMP}}"], room, style="dim")
            return line.append("\n\n").append(entry.definition)

        definition.show(head)
        lines = glossary.history(self.store, entry)
        story = Text("History, newest first", style="bold")
        for line in lines:
            credit = " · ".join(part for part in (line.changed_by, line.meeting) if part)
            story.append(f"\nrev {line.revision} · {line.changed_at:{STAMP}}", style="bold")
            story.append(f" · {credit}" if credit else "", style="dim")
            if line.revision == entry.revision:
                story.append("  (current)\n", style="dim italic")
            else:
                story.append(f"\n{line.definition}\n", style="dim")
        past.update(story)
        self._detail_text = f"{head(1000).plain}\n{story.plain}"

    def glossary_text(self) -> str:
        """What F2 looks at here: the definition and history on show (terms used to define terms)."""
        return self._detail_text

    @on(OptionList.OptionHighlighted, "#glossary-terms")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail(self._selected())

    @on(OptionList.OptionSelected, "#glossary-terms")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_edit_definition()

    @on(Input.Changed, "#glossary-filter")
    def _filtered(self) -> None:
        self._apply_filter()

    def _apply_filter(self) -> None:
        """The terms the filter finds, as it reads now (a change already shown reads nothing again)."""
        if self.query_one("#glossary-filter", Input).value != self._filtered_by:
            self._show_terms(self._selected_term())

    def _filter_entered(self) -> None:
        """The filter's Enter: its terms shown, then the list, before the key typed next ("/icp⏎e")."""
        self._apply_filter()
        self.set_focus(self.query_one("#glossary-terms"))

    # -- actions --------------------------------------------------------------

    @property
    def editor(self) -> DefinitionEditor:
        return self.query_one(DefinitionEditor)

    def action_back(self) -> None:
        field = self.query_one("#glossary-filter", Input)
        if self.editor.is_open:
            self.editor.action_cancel()
        elif field.value or self.focused is field:  # the filter cleared first, as the other lists do:
            field.value = ""  # Esc kept "zzqx" and "No term matches", and the next Esc left the screen
            self._apply_filter()
            self.set_focus(self.query_one("#glossary-terms"))  # at once: the keys typed next are the list's
        else:
            self.dismiss()

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#glossary-filter"))  # at once: the words typed after / are its

    def action_new_term(self) -> None:
        if not self.app.refuses_changes():  # type: ignore[attr-defined]
            self.editor.open_new()

    def action_edit_definition(self) -> None:
        entry = self._selected()
        if entry is None:
            self.notify("Select a term to edit first (or press n to add one).", severity="warning")
            return
        if self.app.refuses_changes():  # type: ignore[attr-defined]
            return
        self.editor.open_edit(entry.term, entry.definition, entry.revision)

    @on(DefinitionEditor.DefinitionSubmitted)
    def _save(self, event: DefinitionEditor.DefinitionSubmitted) -> None:
        try:
            outcome = glossary.define_term(self.store, event.term, event.definition, adding=event.adding)
        except (glossary.GlossaryError, LogError) as error:
            self.editor.show_error(str(error))
            return
        except ValidationError as error:  # the log's own rules, should the service's checks ever miss one
            self.editor.show_error(describe(error))
            return
        self.editor.close()
        self._terms = glossary.all_terms(self.store)
        self.select_term(outcome.term.term)
        self.notify(outcome.describe(), severity="information" if outcome.changed else "warning", timeout=4, markup=False)

    @on(DefinitionEditor.EditCancelled)
    def _cancelled(self) -> None:
        self.query_one("#glossary-terms").focus()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("glossary: New term", "n — add a term and its definition", self.action_new_term)
        yield PaletteCommand("glossary: Edit definition", "e — a new revision of the selected term",
                             self.action_edit_definition)
        yield PaletteCommand("glossary: Filter terms", "/ — type to narrow the list", self.action_focus_filter)
        yield PaletteCommand("glossary: Back", "Esc — leave the glossary", self.dismiss)
