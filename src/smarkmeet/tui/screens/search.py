"""Search everything the team wrote; Enter opens the thing found."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from smarkmeet.services.search import marked_spans, search, search_words, snippet_shown
from smarkmeet.store.errors import LogError
from smarkmeet.store.search import KINDS, SearchHit
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.widgets.fields import FilterLine
from smarkmeet.tui.widgets.footer import Footer

PER_KIND = 25


def marked_text(marked: str, style: str = "") -> Text:
    """A marked title or snippet as Text, the matched words highlighted; never read as markup."""
    text = Text(style=style)
    for piece, matched in marked_spans(marked):
        text.append(piece, style="bold reverse" if matched else "")
    return text


def hit_label(hit: SearchHit) -> Text:
    label = Text("  ", no_wrap=True, overflow="ellipsis")  # one line each: the list stays scannable
    label.append_text(marked_text(hit.title or hit.snippet))
    details = [Text(hit.context, style="dim")] if hit.context else []
    if snippet_shown(hit):
        details.append(marked_text(hit.snippet, style="dim"))
    if details:
        label.append("\n    ")
        label.append_text(Text(" · ", style="dim").join(details))
    return label


def open_hit(app, hit: SearchHit) -> None:
    """Jump to what a hit is about: the item, the note, the meeting, the lead's history, the term."""
    if hit.kind == "action":
        app.open_action(hit.target)
    elif hit.kind in ("note", "followup"):
        app.open_criticism(hit.target)
    elif hit.kind == "meeting":
        app.open_meeting_record(hit.target)
    elif hit.kind == "glossary":
        app.open_glossary(hit.target)
    elif hit.kind == "verdict":
        app.show_lead_history(hit.target)


class SearchScreen(Screen):
    """Type words; results come grouped by kind, best first; Enter opens one."""

    BINDINGS = [
        Binding("slash", "focus_query", "Search", id="search.focus", tooltip="Type the words to find"),
        Binding("down", "to_results", "Results", id="search.results", show=False,
                tooltip="From the words to the results, to pick one"),
        Binding("escape", "back", "Back", id="search.back", tooltip="Leave the results, then go back"),
    ]

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._text = text
        self._hits: dict[str, SearchHit] = {}
        self._suggestion: str | None = None  # the words put right, when nothing matches those typed

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield FilterLine(self._text, id="search-query", entered=self._open_first, hints=(
            "Words to find in items, criticism, summaries, lead comments and the glossary", "Words to find"))
        yield Static(id="search-status")
        yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Search"
        self.show(self._text)
        self.query_one("#search-query").focus()

    @on(Input.Changed, "#search-query")
    def _typed(self) -> None:
        self._typed_now()

    def _open_first(self) -> None:
        """Enter on the words: the results for them as typed, then the highlighted one (else the
        first) opened — "icp⏎" opens the glossary's ICP."""
        self._typed_now()
        results = self.query_one("#search-results", OptionList)
        option = results.highlighted_option
        hit = self._hits.get(option.id or "") if option is not None else None
        if hit is None and self._hits:
            hit = next(iter(self._hits.values()))
        if hit is not None:
            open_hit(self.app, hit)
        elif self._suggestion is not None:  # nothing found, and a word the team wrote is close: "did you mean"
            query = self.query_one("#search-query", Input)
            query.value = self._suggestion
            query.cursor_position = len(query.value)  # what is typed next goes after it
            self._typed_now()

    def action_to_results(self) -> None:
        """↓ from the words: onto the results, the first one highlighted, to pick another."""
        self._typed_now()
        results = self.query_one("#search-results", OptionList)
        if self._hits and self.focused is not results:
            self.set_focus(results)  # at once: the ↓ and Enter typed next are the list's
            if results.highlighted is None:
                results.highlighted = next(index for index, option in enumerate(results._options)
                                           if not option.disabled)

    def _typed_now(self) -> None:
        """The results for the words as they read now (a change event may still be on its way)."""
        text = self.query_one("#search-query", Input).value
        if text != self._text:
            self.show(text)

    def show(self, text: str) -> None:
        self._text = text
        results = self.query_one("#search-results", OptionList)
        status = self.query_one("#search-status", Static)
        results.clear_options()
        self._hits, self._suggestion = {}, None
        try:
            found = search(self.app.store, text, per_kind=PER_KIND)
        except LogError as error:
            status.update(Text(f"⚠ {error}", style="red"))
            return
        if not search_words(text):
            status.update(Text("Each word of two letters or more matches the start of a word; "
                               "case and accents are ignored.", style="dim"))
            return
        if not found.total:
            from smarkmeet.services.search import did_you_mean, nothing_found

            self._suggestion = did_you_mean(self.app.store, text)
            status.update(Text(nothing_found(self.app.store, text, app=True, suggestion=self._suggestion),
                               style="yellow"))
            return
        kinds = ", ".join(f"{KINDS[kind].lower()} {count:,}" for kind, count in found.counts.items())
        total = f"more than {found.total:,} found" if found.capped else f"{found.total:,} found"
        order = " The newest are shown first: add a word to narrow." if found.capped else ""
        status.update(Text.assemble((total, "bold"), f" — {kinds}.{order} ",
                                    ("Enter opens the first, ↓ picks another.", "dim")))
        options: list[Option] = []
        for kind, label in KINDS.items():
            hits = [hit for hit in found.hits if hit.kind == kind]
            if not hits:
                continue
            count = found.counts[kind]
            best = "newest" if found.capped else "best"
            more = f" — {best} {len(hits)} shown; add a word to narrow" if count > len(hits) else ""
            options.append(Option(Text(f"{label} ({count:,}){more}", style="bold $accent"), disabled=True))
            for number, hit in enumerate(hits):
                option_id = f"{kind}-{number}"
                self._hits[option_id] = hit
                options.append(Option(hit_label(hit), id=option_id))
        results.add_options(options)

    @on(OptionList.OptionSelected, "#search-results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        hit = self._hits.get(event.option.id or "")
        if hit is not None:
            open_hit(self.app, hit)

    def action_focus_query(self) -> None:
        self.set_focus(self.query_one("#search-query"))  # at once: the words typed straight after / are the query's

    def action_back(self) -> None:
        if self.focused is not self.query_one("#search-query"):
            self.action_focus_query()
        else:
            self.app.pop_screen()

    def on_screen_resume(self) -> None:
        self.show(self._text)  # what was opened may have changed

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("search: New search", "Clear the words and type new ones",
                             lambda: self.query_one("#search-query", Input).clear())
