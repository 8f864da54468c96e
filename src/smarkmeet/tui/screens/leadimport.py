"""Importing a CRM export from the app: pick the file and mapping, preview the rows as mapped, import, read the report."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import (
    DataTable,
    Header,
    Input,
    Label,
    ProgressBar,
    Select,
    Static,
)

from smarkmeet.services.crmmapping import PRESETS
from smarkmeet.services.csvfile import row_estimate
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import fit
from smarkmeet.tui.widgets.fields import QuietInput
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.table import PlainTable

MAPPING_FILE = "mapping file…"


class PathSuggester(Suggester):
    """Completes a file path from what is on disk, like a shell's tab completion."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, stem = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir() if p.name.startswith(stem))
        except OSError:
            return None
        names = [n for n in names if not n.startswith(".") or stem.startswith(".")]
        return value + names[0][len(stem):] if names else None


def _unknown_encoding(encoding: str) -> str | None:
    """What is wrong with ``encoding`` as the encoding field's text, or None if Python knows it."""
    import codecs

    try:
        codecs.lookup(encoding)
        return None
    except LookupError:
        pass
    if "/" in encoding or "\\" in encoding or encoding.lower().endswith((".toml", ".csv")):
        return (f"“{encoding}” looks like a file's path, in the encoding field: a mapping file's path goes "
                "in the field before it (with “mapping file…” chosen); the encoding is e.g. cp1252")
    return f"“{encoding}” is not an encoding the import knows: e.g. utf-8, cp1252, latin-1, utf-16"


class LeadImportScreen(Screen):
    BINDINGS = [
        Binding("ctrl+r", "preview", "Preview", id="import.preview", tooltip="Read the file and show the rows as mapped"),
        Binding("ctrl+y", "run_import", "Import", id="import.run", tooltip="Import the file into the log"),
        Binding("ctrl+t", "dry_run", "Dry run", id="import.dry_run", tooltip="Check the whole file; write nothing"),
        Binding("escape", "app.pop_screen", "Back", id="import.back", tooltip="Back to the previous screen"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(id="import-form"):
            yield Label("CSV export from the CRM (→ accepts the suggested path; Enter previews):")
            yield QuietInput(placeholder="e.g. ~/Downloads/leads.csv", id="import-file", suggester=PathSuggester())
            with Horizontal(id="import-mapping-row"):
                yield Select([(name, name) for name in (*PRESETS, MAPPING_FILE)], value="generic", allow_blank=False,
                             id="import-preset")
                # always open: typing a path here picks "mapping file…" (enabled only once the
                # choice was made, it dropped a path typed straight after Tab)
                # (23 characters: whole in the room left at 80 columns beside the preset and the encoding)
                yield QuietInput(placeholder="or a .toml mapping file", id="import-mapping",
                                 suggester=PathSuggester())
                # a file saved by Excel on Windows is often cp1252: said here, as --encoding on the CLI
                yield QuietInput(placeholder="encoding (utf-8)", id="import-encoding")
        yield Static(id="import-status")
        yield ProgressBar(id="import-progress", show_eta=False)
        yield PlainTable(id="import-preview", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="import-report-box"):  # a long report (rejected rows last) scrolls, never cut off
            yield Static(id="import-report")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Import leads"
        self.query_one("#import-progress").display = False
        self.query_one("#import-report-box").display = False
        self._status("Pick a file, choose the CRM's preset or a mapping file, then preview (ctrl+r).", "dim")
        if self.app.last_import_form is not None:  # type: ignore[attr-defined]
            file, preset, mapping, encoding = self.app.last_import_form  # type: ignore[attr-defined]
            self.query_one("#import-file", Input).value = file
            self.query_one("#import-preset", Select).value = preset
            self.query_one("#import-mapping", Input).value = mapping if preset == MAPPING_FILE else ""
            self.query_one("#import-encoding", Input).value = encoding

    # -- the form -------------------------------------------------------------

    @on(Select.Changed, "#import-preset")
    def _preset_changed(self, event: Select.Changed) -> None:
        if event.value != event.select.value:  # stale: the list's own first "generic", after the form
            return                             # was restored as last used (its mapping path kept)
        mapping_input = self.query_one("#import-mapping", Input)
        if event.value != MAPPING_FILE and mapping_input.value:  # a preset chosen: the file typed is not used
            mapping_input.value = ""
        self._form_changed()

    @on(Input.Changed, "#import-mapping")
    def _mapping_typed(self, event: Input.Changed) -> None:
        self._mapping_file_chosen()

    def _mapping_file_chosen(self) -> None:
        """A mapping file typed chooses "mapping file" as the preset. Done again as a preview or
        an import is asked from the mapping field: ctrl+r pressed straight after the path came
        before the field's change was handled, so the preview read the preset before, and was
        then said to be out of date."""
        preset = self.query_one("#import-preset", Select)
        if self.query_one("#import-mapping", Input).value.strip() and preset.value != MAPPING_FILE:
            preset.value = MAPPING_FILE

    @on(Input.Changed)
    def _field_changed(self) -> None:
        self._form_changed()

    def _form(self) -> tuple:
        return (self.query_one("#import-file", Input).value, self.query_one("#import-preset", Select).value,
                self.query_one("#import-mapping", Input).value, self.query_one("#import-encoding", Input).value)

    def _form_changed(self) -> None:
        """Another file, preset, mapping or encoding: what was said of the one before (an error, its
        preview, its report) is not about this one, and goes."""
        if self._said_for is None or self._form() == self._said_for:
            return
        if self.query_one("#import-progress").display:  # an import running says how it goes, to its end
            return
        self._said_for = None
        self.query_one("#import-preview", DataTable).clear(columns=True)
        self.query_one("#import-report-box").display = False
        self._status("Changed: ctrl+r (or Enter) previews it.", "dim")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_preview()

    def _request(self):
        """The file and mapping asked for, or None after saying what is missing."""
        from smarkmeet.services.leadimport import LeadImportError, mapping_for, refuse_the_log

        if self.focused is self.query_one("#import-mapping", Input):  # (asked from the preset list, the preset
            self._mapping_file_chosen()                                 # just chosen stands, its field not cleared yet)
        text = self.query_one("#import-file", Input).value.strip()
        if not text:
            self._status("Type the path of the CSV file first.", "bold red")
            self.query_one("#import-file", Input).focus()
            return None
        encoding_field = self.query_one("#import-encoding", Input)
        encoding = encoding_field.value.strip()
        if encoding and (problem := _unknown_encoding(encoding)):  # before the mapping: a path typed here
            self._status(problem, "bold red")                       # belongs there
            encoding_field.focus()
            return None
        preset = self.query_one("#import-preset", Select).value
        mapping_text = self.query_one("#import-mapping", Input).value.strip()
        if preset == MAPPING_FILE and not mapping_text:
            self._status("Type the path of the mapping file, or choose a preset.", "bold red")
            return None
        path = Path(text).expanduser()
        try:
            refuse_the_log(path, self.app.store.path)  # before anything reads the file
            mapping = mapping_for(None if preset == MAPPING_FILE else str(preset),
                                  Path(mapping_text).expanduser() if preset == MAPPING_FILE else None)
        except LeadImportError as error:
            self._status(str(error), "bold red")
            return None
        self._encoding = encoding or "utf-8-sig"
        self.app.last_import_form = (text, str(preset), mapping_text, encoding)  # type: ignore[attr-defined]
        return path, mapping

    _said_for: tuple | None = None  # the form as it was when the status and preview were last said

    def _status(self, message: str, style: str = "") -> None:
        self.query_one("#import-status", Static).update(Text(message, style=style))

    # -- preview --------------------------------------------------------------

    def action_preview(self) -> None:
        from smarkmeet.services.leadimport import LeadImportError, preview_import

        request = self._request()
        self._said_for = self._form()
        if request is None:
            return
        path, mapping = request
        table = self.query_one("#import-preview", DataTable)
        table.clear(columns=True)  # a file refused shows no rows of the one previewed before
        try:
            preview = preview_import(path, mapping, self.app.clock.now(), encoding=self._encoding)
        except LeadImportError as error:
            self._status(str(error), "bold red")
            return
        columns = [("Row", lambda r: str(r.row)), ("CRM id", lambda r: fit(r.crm_id, 20)),
                   ("Name", lambda r: fit(r.name, 24)), ("Source", lambda r: fit(r.source, 20)),
                   ("Created", lambda r: r.created), ("CRM status", lambda r: fit(r.status, 30)),
                   ("Verdict it implies", lambda r: Text.assemble(
                       (r.verdict or "—", "" if r.verdict else "dim"), (f" ({r.note})" if r.note else "", "yellow")))]
        # a column the file does not fill is left out, so the verdicts stay on screen
        shown = [(title, cell) for title, cell in columns
                 if title in ("Row", "CRM id", "Verdict it implies") or any(str(cell(r)).strip() for r in preview.rows)]
        cells = [[cell(row) for _, cell in shown] for row in preview.rows]
        widths = [max([len(title), *(Text(str(c)).cell_len if not isinstance(c, Text) else c.cell_len
                                     for c in (line[n] for line in cells))]) for n, (title, _) in enumerate(shown)]
        # the verdict it implies whole, the others giving way, widest first: at 100 columns the
        # verdict ran off the right edge ("rejecte", "(converted flag)" out of sight)
        room = (table.size.width or self.size.width) - 2 * len(shown) - 2
        titles = [title for title, _ in shown]
        while sum(widths) > room:
            shrinkable = [n for n, title in enumerate(titles) if title not in ("Row", "Verdict it implies")
                          and widths[n] > max(8, len(title))]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda n: widths[n])
            widths[widest] -= 1
        for (title, _), width in zip(shown, widths, strict=True):
            table.add_column(title, width=width)
        for line in cells:
            table.add_row(*(c if title in ("Row", "Verdict it implies") else fit(str(c), width)
                            for c, title, width in zip(line, titles, widths, strict=True)))
        self.query_one("#import-report-box").display = False
        # the mapping's name, the file's column names and a rejection quoting a cell are the files' words:
        # the status is built as Text, never read as markup
        used = ", ".join(f"{name} ← {column}" for name, column in preview.columns.items())
        shown_rows = ("all" if len(preview.rows) == preview.total else f"the first {len(preview.rows)}"
                      if preview.rows else "none")
        status = Text.assemble(f"{preview.total:,} row{'' if preview.total == 1 else 's'}, {shown_rows} shown "
                               "as mapped by ", (mapping.name, "bold"))
        if preview.rejected:
            status.append("; ")
            status.append(f"{len(preview.rejected):,} rows would be rejected", "bold red")
            status.append(f" (first: row {preview.rejected[0].row}: {preview.rejected[0].reason})")
        status.append(".\n")
        if "created" not in preview.columns:
            from smarkmeet.services.leadimport import UNDATED_NOTE

            status.append(UNDATED_NOTE + "\n", "yellow")
        status.append(f"Columns: {used}", "dim")
        status.append("\nctrl+y imports · ctrl+t dry run (checks every row, writes nothing)")
        self.query_one("#import-status", Static).update(status)

    # -- import ---------------------------------------------------------------

    def action_dry_run(self) -> None:
        self._start(dry_run=True)

    def action_run_import(self) -> None:
        self._start(dry_run=False)

    def _start(self, *, dry_run: bool) -> None:
        request = self._request()
        self._said_for = self._form()
        if request is None:
            return
        path, mapping = request
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._status("Checking every row…" if dry_run else "Importing…", "bold")
        if self.app.store.path is None:  # an in-memory log cannot be shared with a thread
            bar.update(total=row_estimate(path) or None)
            self._import(self.app.store, path, mapping, dry_run, bar.advance, lambda f, *a: f(*a))
        else:
            self._import_in_thread(path, mapping, dry_run)

    @work(thread=True, exclusive=True, group="import")
    def _import_in_thread(self, path: Path, mapping, dry_run: bool) -> None:
        """The import writes through a connection of its own, as another program would: the
        meeting carries on meanwhile, and its entries are committed on their own, never folded
        into the transaction of the import's part being written at that moment."""
        from smarkmeet.store.errors import LogError
        from smarkmeet.store.log import open_log

        store = self.app.store
        call = self.app.call_from_thread
        try:
            log = open_log(store.path, self.app.clock, read_only=True if store.read_only else None)
        except LogError as error:
            call(self._failed, str(error))
            return
        bar = self.query_one("#import-progress", ProgressBar)
        call(bar.update, total=row_estimate(path) or None)  # a count of lines: read in this thread
        try:
            self._import(log, path, mapping, dry_run, lambda n: call(bar.advance, n), call)
        finally:
            log.close()

    def _import(self, log, path: Path, mapping, dry_run: bool, progress, call) -> None:
        from smarkmeet.services.leadimport import LeadImportError, import_leads
        from smarkmeet.store.errors import LogError

        try:
            report = import_leads(log, path, mapping, dry_run=dry_run, progress=progress, encoding=self._encoding)
        except (LeadImportError, LogError) as error:
            call(self._failed, str(error))
            return
        call(self._finished, report)

    def _failed(self, message: str) -> None:
        self.app.notify(message, title="Import failed", severity="error", markup=False)  # seen even after leaving the screen
        self.query_one("#import-progress").display = False
        self._status(message, "bold red")

    def _finished(self, report) -> None:
        if report.written:  # seen even after leaving the screen
            # rows left out are said as a warning: the same plain notice as a clean import hid them
            rejected = len(report.rejected)
            self.app.notify(f"{report.new:,} new, {report.updated:,} updated, {rejected:,} rejected"
                            + (" (the report below says which and why)" if rejected else ""),
                            title="Leads imported" if not rejected else "Leads imported, some rows rejected",
                            severity="warning" if rejected else "information")
        self.query_one("#import-progress").display = False
        from smarkmeet.tui.format import hanging

        self.query_one("#import-report", Static).update(hanging(report.summary(shown_rejections=50)))
        box = self.query_one("#import-report-box", VerticalScroll)
        box.display = True
        box.scroll_home(animate=False)
        if report.rejected:  # the rows to put right are at its foot: ↓/PgDn reach them from here
            box.focus()
        if report.written:
            self._status(f"Imported: {report.new:,} new, {report.updated:,} updated, {report.unchanged:,} unchanged, "
                         f"{len(report.rejected):,} rejected.", "bold green")
        elif report.dry_run:
            self._status("Dry run finished — nothing was written.", "bold")
        else:
            self._status("Nothing was written (see below).", "bold red")

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("import: Preview", "Show the first rows as mapped", self.action_preview)
        yield PaletteCommand("import: Dry run", "Check every row; write nothing", self.action_dry_run)
        yield PaletteCommand("import: Import", "Import the file into the log", self.action_run_import)
