"""The F2 popup: what the glossary terms on screen mean, one key away."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from smarkmeet.domain.models import GlossaryTerm


class DefinePopup(ModalScreen[str | None]):
    """Definitions of ``terms``; dismisses with the term to open in the glossary ("" for none), or None."""

    BINDINGS = [
        Binding("escape,f2", "close", "Close", id="define.close", tooltip="Close the definitions"),
        Binding("o", "open_glossary", "Open in glossary", id="define.open",
                tooltip="Open the full glossary at the highlighted term (also Enter)"),
    ]

    def __init__(self, terms: list[GlossaryTerm], *, on_screen: bool, place: str = "on this screen") -> None:
        super().__init__()
        self.terms = terms
        self.on_screen = on_screen
        self.place = place  # where the terms were found ("in the definition shown", on the glossary screen)

    def compose(self) -> ComposeResult:
        with Vertical(id="define-box"):
            yield Label(self._title(), id="define-title")
            if self.terms:
                options: list[Option | None] = []
                for entry in self.terms:
                    options.extend([self._option(entry), None])  # None: a separator line
                yield OptionList(*options[:-1], id="define-terms")
            yield Label(self._hint(), id="define-hint")

    def on_mount(self) -> None:
        self.query_one("#define-box").border_title = "Glossary"

    def _title(self) -> str:
        if not self.terms:
            return "The glossary is empty: no term has been defined yet."
        if self.on_screen:
            count = len(self.terms)
            return f"{count} defined term{'s' if count != 1 else ''} {self.place}"
        return f"No defined term {self.place} — the whole glossary:"

    def _hint(self) -> str:
        if not self.terms:
            return "o opens the glossary, where n adds a term · Esc closes"
        return "↑/↓ · Enter or o opens the glossary at the term · Esc closes"

    @staticmethod
    def _option(entry: GlossaryTerm) -> Option:
        prompt = Text.assemble((entry.term, "bold"), "\n", entry.definition)
        return Option(prompt, id=entry.id)

    def _highlighted(self) -> str:
        options = self.query(OptionList)
        if not options:
            return ""
        option = options.first().highlighted_option
        return next((entry.term for entry in self.terms if option and entry.id == option.id), "")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(next(entry.term for entry in self.terms if entry.id == event.option.id))

    def action_open_glossary(self) -> None:
        self.dismiss(self._highlighted())

    def action_close(self) -> None:
        self.dismiss(None)
