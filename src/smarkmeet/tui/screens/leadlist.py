"""The leads themselves: one group of the lead report (a source, an owner, a rejection reason), or
all of its period, newest first — filtered by words and by current verdict, each lead's verdict
history one key away. "Which Google leads are still not worked?" without leaving the app."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from smarkmeet.domain.enums import Verdict
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import facts_line, fit
from smarkmeet.tui.widgets.fields import FilterLine
from smarkmeet.tui.widgets.fitted import Fitted
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.table import PlainTable

if TYPE_CHECKING:
    from smarkmeet.services.leadreview import GivenVerdict

SHOWN = 500  # the newest this many; the count says how many match in all
# v cycles the verdict shown: every lead, then those still waiting, then each verdict
VERDICTS: tuple[tuple[str | None, str], ...] = (
    (None, "any verdict"), ("none", "no verdict yet"), *((v.value, v.value) for v in Verdict),
)
VERDICT_STYLE = {"accepted": "dodger_blue2", "rejected": "red", "nurture": "yellow", "converted": "green"}


@dataclass(frozen=True)
class LeadListing:
    """Which leads: the lead report's period and, optionally, one of its groups."""

    since: datetime | None
    until: datetime | None
    period: str  # "last 4 weeks", as the report says it
    by: str | None = None  # source, owner or reason
    group: str | tuple[str, ...] | None = None  # a reason, or the log's values of a source or owner
    group_label: str | None = None  # the group as the report shows it (an owner by name)


class LeadListScreen(Screen):
    AUTO_FOCUS = "#leadlist-table"

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="leadlist.filter", tooltip="Words in a name, company, email or CRM id"),
        Binding("v", "next_verdict", "Verdict", id="leadlist.verdict",
                tooltip="Show any verdict, none yet, or one verdict"),
        Binding("h", "history", "History", id="leadlist.history",
                tooltip="Every verdict the lead was given: who, when, in which meeting or import"),
        # a seller reporting back between meetings, or a lead imported without a date (in no week's
        # review): the meeting's keys, recorded with via "app" and no meeting
        Binding("a", "verdict('accepted')", "Accept", id="leadlist.accept", tooltip="Accepted (given between meetings)"),
        Binding("r", "verdict('rejected')", "Reject…", id="leadlist.reject",
                tooltip="Rejected, with one of the team's reasons (given between meetings)"),
        Binding("n", "verdict('nurture')", "Nurture", id="leadlist.nurture", show=False,  # in the keys panel (?)
                tooltip="Nurture (given between meetings)"),
        Binding("c", "verdict('converted')", "Converted", id="leadlist.converted", show=False,  # in the keys panel (?)
                tooltip="Converted (given between meetings)"),
        Binding("ctrl+z", "take_back", "Undo verdict", id="leadlist.undo", show=False,  # in the keys panel (?)
                tooltip="Take back the last verdict given here (a key pressed on the wrong lead)"),
        Binding("escape", "back", "Back", id="leadlist.back", tooltip="Clear the filter, then go back"),
        Binding("right_square_bracket", "page(1)", "Next page", id="leadlist.next_page",
                tooltip=f"The next {SHOWN} leads (older)"),
        Binding("left_square_bracket", "page(-1)", "Previous page", id="leadlist.prev_page",
                tooltip=f"The {SHOWN} leads before (newer)"),
    ]

    def __init__(self, listing: LeadListing, *, verdict: str | None = None) -> None:
        super().__init__()
        self.listing = listing
        self._verdict = next((n for n, (value, _) in enumerate(VERDICTS) if value == verdict), 0)
        self._offset = 0  # the page shown: the leads from this one on (] and [)
        self._rows: list[dict] = []
        self._total, self._words = 0, ""  # how many leads match in all, and the words they were filtered by
        self._failed = False  # the last reading failed (said on the status line)
        # the verdict the leads shown were read for: its value ("none": none yet) and its words
        self._read_verdict, self._shown_verdict = VERDICTS[self._verdict]
        self._saying_looking = False  # the status line says a reading is going on
        self._looking = 0  # each reading in the background gets the next number: a late one is dropped
        self._stopper: Callable[[], None] | None = None  # stops the one still running

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        # (Enter at once, in the line's own turn: "/swift⏎" typed in one burst was lost, the
        # line not yet focused when its words arrived, and its Enter after the keys behind it)
        yield FilterLine(id="leadlist-filter", entered=self._filter_entered,
                         hints=("Filter: words in a name, company, email or CRM id (Enter)", "Filter: words (Enter)"))
        yield Fitted(id="leadlist-status", classes="panel-help")
        yield PlainTable(id="leadlist-table", cursor_type="row", zebra_stripes=True)
        yield Fitted(id="leadlist-detail", classes="panel-help")
        yield Footer()

    def on_mount(self) -> None:
        from smarkmeet.services.leadreview import owner_labels

        self._owners = owner_labels(self.app.store)  # the CRM's "tomas" as the team says it: Tomás
        what = self.listing.group_label or self.listing.group
        self.title = f"Leads — {self.listing.by} {what}" if what is not None else "Leads"
        self.refresh_rows()

    def refresh_rows(self, *, page: int = 0) -> None:
        """Read the leads again from the first page (what is asked of them has changed), or ``page``
        pages on from the one shown (] and [)."""
        listing = self.listing
        # a page on: the words the list was read with (not words typed since and not applied)
        words = self._words if page else self.query_one("#leadlist-filter", Input).value
        # the page shown once read (_show); a page on starts after the last lead shown, less those a
        # verdict given here took out of the list ("no verdict yet": four verdicts on page 1, and
        # page 2 began four leads late, those four never shown)
        offset = max(0, self._offset + page * SHOWN - (self._gone_from_page() if page > 0 else 0)) if page else 0
        query = dict(since=listing.since, until=listing.until, by=listing.by, group=listing.group,
                     verdict=VERDICTS[self._verdict][0], words=words, limit=SHOWN, offset=offset)
        self._stop_looking()
        if self.app.store.path is None:  # a log in memory (tests) is read where it is
            self._show(*self.app.store.leads.listing(**query), words, offset=offset)
        else:
            self._look_up(query)

    def _look_up(self, query: dict) -> None:
        """Read the leads in a thread of its own, on a read-only connection of its own: over all of
        a large log, a words filter reads every lead (~2 s over 1M) and the leads not worked yet
        ~1 s, and the screen must answer meanwhile. A newer reading, Escape or leaving the screen
        stops it."""
        import threading

        from smarkmeet.store.log import open_log

        self._looking += 1
        ticket, path, clock, app = self._looking, self.app.store.path, self.app.clock, self.app
        stopped = threading.Event()

        def job() -> None:
            try:
                log = open_log(path, clock, read_only=True)
                try:
                    # SQLite asks every few thousand steps whether to go on: a stop lands even between
                    # the statements of the reading, or before the first one has started
                    log.conn.set_progress_handler(stopped.is_set, 5_000)
                    outcome = log.leads.listing(**query), None
                finally:
                    log.close()
            except Exception as error:  # noqa: BLE001 -- stopped (interrupted), or a read that failed: said in words
                outcome = None, str(error)
            try:
                app.call_from_thread(found, *outcome)
            except RuntimeError:  # the app has quit meanwhile: no one is left to show it to
                pass

        def found(result, error: str | None) -> None:
            said.stop()
            if ticket != self._looking or not self.is_mounted:
                return  # stopped, or overtaken by a newer reading
            self._stopper = None
            if result is None:
                self._failed = True  # a resize must not show the rows of before under this reading's heading
                self._status(Text(f"The leads could not be read: {error}", style="red"))
                return
            self._show(*result, query["words"], offset=query["offset"])

        def stop() -> None:
            said.stop()
            stopped.set()
            if self._saying_looking:  # the leads shown are said again (a next reading is said after 0.2 s)
                self._say_shown()

        self._stopper = stop
        words = query["words"].strip()

        def say_looking() -> None:
            self._status(Text.assemble((f"Looking for “{fit(words, 40)}”…" if words else "Reading the leads…", "bold"),
                                       ("   Esc clears the words" if words else "", "dim")))
            self._saying_looking = True

        said = self.set_timer(0.2, say_looking)
        self.run_worker(job, thread=True, group="leadlist", exit_on_error=False)

    def _stop_looking(self) -> None:
        """Forget (and stop) a reading still going on."""
        self._looking += 1
        if self._stopper is not None:
            self._stopper()
            self._stopper = None

    def _status(self, text: Text) -> None:
        self._saying_looking = False
        self.query_one("#leadlist-status", Static).update(text)

    def _show(self, rows: list[dict], total: int, words: str, *, offset: int | None = None) -> None:
        listing = self.listing
        self._read_verdict, self._shown_verdict = VERDICTS[self._verdict]
        self._rows, self._total, self._words, self._failed = rows, total, words, False
        if offset is not None:
            self._offset = offset
        self.refresh_bindings()  # the page keys are shown only where there is a page that way
        table = self.query_one("#leadlist-table", DataTable)
        width = self.size.width or 120
        narrow = width < 100
        # the group listed is said above: its column would repeat it on every row
        widths = {"Delivered": 10, "Source": 12 if narrow else 16, "Owner": 10, "Verdict": 14 if narrow else 22}
        if listing.group is not None and listing.by in ("source", "owner"):
            del widths[listing.by.capitalize()]
        lead_width = max(16, width - sum(widths.values()) - 2 * (len(widths) + 1) - 3)
        table.clear(columns=True)
        for label in ("Delivered", "Lead", "Source", "Owner", "Verdict"):
            if label == "Lead" or label in widths:
                table.add_column(label, width=lead_width if label == "Lead" else widths[label], key=label)
        cells = {
            "Delivered": self._delivered,
            "Lead": lambda row: fit(" · ".join(part for part in (row["name"] or row["crm_id"], row["company"]) if part),
                                    lead_width),
            "Source": lambda row: fit(row["source"] or "—", widths["Source"]),
            "Owner": lambda row: fit(self._owner(row), widths["Owner"]),
            "Verdict": lambda row: self._verdict_cell(row, widths["Verdict"]),
        }
        columns = [str(column.key.value) for column in table.ordered_columns]
        table.add_rows([[cells[column](row) for column in columns] for row in self._rows],
                       keys=[row["id"] for row in self._rows])
        self._say_shown()
        if not self._rows:
            table.add_row(*[Text("No lead matches", style="dim") if column == "Lead" else "" for column in columns])
        self.show_detail()

    def _gone_from_page(self) -> int:
        """The leads shown that a verdict given here has taken out of the list as it was read."""
        wanted = self._read_verdict
        reason = self.listing.group if self.listing.by == "reason" and self.listing.group is not None else None

        def listed(row: dict) -> bool:
            if reason is not None and (row["verdict"], row["reason"]) != ("rejected", reason):
                return False
            return wanted is None or (row["verdict"] is None if wanted == "none" else row["verdict"] == wanted)

        return sum(1 for row in self._rows if not listed(row))

    def _say_shown(self) -> None:
        """The status line for the leads shown: how many of how many, the period, group, verdict and words."""
        listing, total, words = self.listing, self._total, self._words
        if self._offset or total > len(self._rows):  # a page of them: which, and how to see the others
            last = self._offset + len(self._rows)
            # ("1–500 of 743, newest first lead(s)" read as a sentence cut short)
            shown = f"Leads {self._offset + 1:,}–{last:,} of {total:,}, newest first"
            pages = "] next page · " if last < total else ""
            pages += "[ previous · " if self._offset else ""
        else:
            shown, pages = f"{total:,} lead{'' if total == 1 else 's'}", ""
        where = f" · {listing.by} {listing.group_label or listing.group}" if listing.group is not None else ""
        # cut as the action items' line cuts it: 60 words typed took 8 rows of the list at 120×40
        typed = f" · words “{fit(' '.join(words.split()), 40)}”" if words.strip() else ""
        from smarkmeet.store.actions import folded_words

        if typed and not folded_words(words):  # "%" or "—": no word to look for, so every lead is listed
            typed += " (no letters or digits: not a filter)"
        verdicts = "" if self.app.store.read_only else "a r n c give a verdict · "
        keys = f"{pages}{verdicts}{'' if self._of_one_reason() else 'v shows one · '}h history"
        if not total:  # nothing to give a verdict to; the verdict shown may be what hides the lead looked
            # for (a CRM id whose lead has one, under "no verdict yet"): said, with the key that shows the others
            keys = "v shows the other verdicts" if self._read_verdict is not None and not self._of_one_reason() \
                else ("Esc clears the words" if words.strip() else "")
        head = Text.assemble((shown, "bold"), f" · {listing.period}{where} · ", (self._shown_verdict, "bold"), typed)
        parts: list = [part for part in keys.split(" · ") if part]
        parts[:1] = [("   ", part) for part in parts[:1]]  # the keys a little apart from what is listed
        self._saying_looking = False
        # the keys broken between them ("a r n c give a" / "verdict" at 80 columns)
        self.query_one("#leadlist-status", Fitted).show(lambda room: facts_line(head.copy(), parts, room, style="dim"))

    def _owner(self, row: dict) -> str:
        from smarkmeet.services.leadreview import owner_label

        return owner_label(self._owners, row["owner"]) if row["owner"] else "—"

    @staticmethod
    def _delivered(row: dict) -> Text:
        if not row["created_known"]:
            return Text("undated", style="dim")
        return Text(datetime.fromisoformat(row["created_at"]).strftime("%d %b ’%y"))

    @staticmethod
    def _verdict_cell(row: dict, width: int = 60) -> Text:
        if row["verdict"] is None:
            return Text("—", style="dim")
        # a rejection by its reason, always so: "rejected: not…" hid which "not", and cut only where
        # too long, one column read "✗ bad contact data" beside "rejected: not a fit"
        if row["verdict"] == "rejected" and row["reason"]:
            said = f"✗ {row['reason']}"
        else:
            said = f"{row['verdict']}: {row['reason']}" if row["reason"] else row["verdict"]
        return Text(fit(said, width), style=VERDICT_STYLE.get(row["verdict"], ""))

    def _selected(self) -> dict | None:
        table = self.query_one("#leadlist-table", DataTable)
        if not self._rows or not 0 <= table.cursor_row < len(self._rows):
            return None
        return self._rows[table.cursor_row]

    def show_detail(self) -> None:
        row = self._selected()
        detail = self.query_one("#leadlist-detail", Fitted)
        if row is None:
            detail.update("")
            return
        delivered = (f"delivered {datetime.fromisoformat(row['created_at']):%a %d %b %Y %H:%M}" if row["created_known"]
                     else "imported without a creation date")
        head = Text.assemble((row["name"] or row["crm_id"], "bold"), f" · {row['company']}" if row["company"] else "",
                             f" — {row['source'] or 'no source'}")
        facts: list = [f"owner {self._owner(row)}", *([f"CRM id {row['crm_id']}"] if row["name"] else []),  # (else its name)
                 delivered, self._verdict_cell(row) if row["verdict"] else Text("no verdict yet", style="dim")]

        facts.append(("   ", Text("Enter or h: its verdict history", style="dim")))
        detail.show(lambda room: facts_line(head.copy(), facts, room))  # ("its verdict" / "history" at 80 columns)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_history()

    def _filter_entered(self) -> None:
        self.refresh_rows()
        self.set_focus(self.query_one("#leadlist-table", DataTable))  # at once: the keys typed next are the list's

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#leadlist-filter", Input))  # at once: the words typed after / are its

    def action_next_verdict(self) -> None:
        if self._of_one_reason():  # (from the palette)
            self.notify("These leads are all rejected, for this reason: no other verdict to show.", timeout=3)
            return
        self._verdict = (self._verdict + 1) % len(VERDICTS)
        self.refresh_rows()

    @property
    def _given(self) -> list[GivenVerdict]:
        """The verdicts given in the lead list since the app started, the latest last: ctrl+z takes it
        back, also after leaving the list and opening it again (it said "No verdict given here")."""
        return self.app.lead_list_verdicts  # type: ignore[attr-defined]

    def _of_one_reason(self) -> bool:
        """A rejection reason's leads: rejected all, so another verdict shown (v) lists none."""
        return self.listing.by == "reason" and self.listing.group is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("verdict", "take_back") and self.app.store.read_only:
            return False  # not offered where they can only be refused (a read-only log)
        if action == "next_verdict":
            return not self._of_one_reason()
        if action == "page":  # "] Next page" in the footer of a list that has one page only
            if int(parameters[0]) < 0:  # type: ignore[call-overload]
                return self._offset > 0
            return self._offset + SHOWN < self._total
        return True

    def action_page(self, step: int) -> None:
        offset = self._offset + step * SHOWN
        if step < 0 and self._offset > 0:  # (a page on after verdicts began less than a page on)
            offset = max(0, offset)
        if offset < 0 or offset >= self._total:
            self.notify("No more pages that way.", severity="information", timeout=2)
            return
        self.refresh_rows(page=step)
        table = self.query_one("#leadlist-table", DataTable)
        table.move_cursor(row=0)

    def action_verdict(self, verdict: str) -> None:
        """A verdict for the lead under the cursor, given between meetings (a rejection asks why,
        from the team's reasons); the cursor then moves on to the next lead below still without one."""
        row = self._selected()
        if row is None or self.app.refuses_changes():  # type: ignore[attr-defined]
            return
        if verdict != "rejected":
            self._give(row, Verdict(verdict))
            return
        from smarkmeet.services.leadreview import rejection_reasons
        from smarkmeet.tui.widgets.dialogs import ChoiceDialog

        reasons = rejection_reasons(self.app.store)
        self.app.push_screen(ChoiceDialog(f"Why is {row['name'] or row['crm_id']} rejected?", [(r, r) for r in reasons]),
                             lambda reason: reason and self._give(row, Verdict.REJECTED, reason))

    def _give(self, row: dict, verdict: Verdict, reason: str = "") -> None:
        from pydantic import ValidationError

        from smarkmeet.domain.enums import FeedbackVia
        from smarkmeet.domain.errors import RefusedInWords
        from smarkmeet.services.leadreview import give_verdict_between_meetings
        from smarkmeet.store.errors import LogError
        from smarkmeet.tui.errors import tell

        try:
            given = give_verdict_between_meetings(self.app.store, row["id"], verdict, reason=reason, via=FeedbackVia.APP)
        except (LogError, ValidationError, RefusedInWords) as error:
            tell(self, error)
            return
        self._given.append(given)
        # what it replaced as the log had it (another laptop, the command line), not as the row was read:
        # the lead as the write read it, under its lock
        was = given.changed["verdict"][0]
        before = None if was is None else Verdict(was).value
        name = row["name"] or row["crm_id"]
        said = f"{verdict.value}: {reason}" if reason else verdict.value
        self.app.drop_notices_saying(f"Taken back: {name} — ")  # type: ignore[attr-defined]
        replaced = f" (was {before})" if before is not None and before != verdict.value else ""
        self.notify(f"{name} — {said}{replaced}, given between meetings (ctrl+z takes it back)", timeout=4,
                    markup=False)
        self._redraw(row)
        table = self.query_one("#leadlist-table", DataTable)
        here = table.cursor_row
        waiting = next((n for n in range(here + 1, len(self._rows)) if self._rows[n]["verdict"] is None), None)
        table.move_cursor(row=waiting if waiting is not None else min(here + 1, len(self._rows) - 1))

    def _redraw(self, row: dict) -> None:
        """The lead's verdict as the log now holds it, in its row and the line below the list."""
        now = self.app.store.one("SELECT verdict, reason FROM leads WHERE id = ?", [row["id"]])
        if now is not None:
            row.update(verdict=now["verdict"], reason=now["reason"])
        table = self.query_one("#leadlist-table", DataTable)
        column = next((column for column in table.ordered_columns if column.key.value == "Verdict"), None)
        if column is not None and row["id"] in table.rows:
            table.update_cell(row["id"], "Verdict", self._verdict_cell(row, column.width))
        self.show_detail()

    def action_take_back(self) -> None:
        from smarkmeet.services.leadreview import take_back
        from smarkmeet.store.errors import LogError
        from smarkmeet.tui.errors import tell

        if not self._given:
            self.notify("No verdict given here to take back (a verdict given in a meeting is taken back there, "
                        "or replaced by another: a, r, n or c).", timeout=5, markup=False)
            return
        given = self._given.pop()
        lead = self.app.store.leads.get(given.feedback.lead_id)
        name = lead.name or lead.crm_id
        try:
            taken = take_back(self.app.store, given)
        except LogError as error:
            self._given.append(given)
            tell(self, error)
            return
        shown = next((n for n, row in enumerate(self._rows) if row["id"] == lead.id), None)
        if not taken:
            if shown is not None:  # the row says the verdict it has now, not the one refused to be taken back
                self._redraw(self._rows[shown])
            self.notify(f"{name} has had another verdict since ({given.feedback.verdict.value} is no longer its "
                        "latest); h shows its history", severity="warning", timeout=5, markup=False)
            return
        if shown is not None:
            self._redraw(self._rows[shown])
            self.query_one("#leadlist-table", DataTable).move_cursor(row=shown)
        else:  # read again since (v: "no verdict yet"), the list left it out: read again, it may be back
            self.refresh_rows()
        self.app.drop_undone_notices(about=name)  # type: ignore[attr-defined]
        self.notify(f"Taken back: {name} — {given.feedback.verdict.value}; the lead is as it was", timeout=4,
                    markup=False)

    def action_history(self) -> None:
        row = self._selected()
        if row is not None:
            self.app.show_lead_history(row["crm_id"])

    def action_back(self) -> None:
        field = self.query_one("#leadlist-filter", Input)
        if field.value:
            field.value = ""
            self.refresh_rows()
            self.set_focus(self.query_one("#leadlist-table", DataTable))
            return
        self.app.pop_screen()

    def on_resize(self) -> None:
        # a reading still going on is laid out when it is done; one that failed stays said
        if self.is_mounted and self._stopper is None and not self._failed:
            self._show(self._rows, self._total, self._words)  # (the page it shows)

    def on_unmount(self) -> None:
        self._stop_looking()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("leads: Next verdict shown", "Any verdict, none yet, or one verdict", self.action_next_verdict)
        yield PaletteCommand("leads: Filter by words", "A name, company, email or CRM id", self.action_focus_filter)
