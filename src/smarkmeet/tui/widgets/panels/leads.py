"""Lead feedback: a verdict per lead with one key (two for a rejection), a per-source tally beside."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from smarkmeet.domain.enums import Verdict
from smarkmeet.domain.metrics import percent
from smarkmeet.services.leadreport import NO_LABEL
from smarkmeet.services.leadreview import LeadUnderReview, SourceTally, owner_label
from smarkmeet.tui.format import facts_line
from smarkmeet.tui.widgets.fitted import Fitted
from smarkmeet.tui.widgets.panels import RowDetail, SectionPanel
from smarkmeet.tui.widgets.table import SCROLLBAR, PlainTable

VERDICT_STYLE = {
    Verdict.ACCEPTED: "bold green", Verdict.REJECTED: "bold red", Verdict.NURTURE: "bold cyan",
    Verdict.CONVERTED: "bold magenta",
}


LEAD_ROOM = 16  # cells a lead's name keeps before a rejection's reason is shown beside it
# the verdict column's most (a rejection is said by its reason after a ✗, "✗ no authority"): one
# rejection "went to a competitor" took 30 cells from every lead's name in the review
VERDICT_ROOM = 22


def _cut(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells with an ellipsis, keeping its styles."""
    cut = text.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut


CARRIED = "↻ "  # heads the groups of leads from before the last meeting without a verdict then


def _heads_group(rows: list[LeadUnderReview], n: int) -> bool:
    """Whether row ``n`` starts a group: the earlier weeks' leads, then this week's, each by source."""
    return n == 0 or (rows[n].carried, rows[n].lead.source) != (rows[n - 1].carried, rows[n - 1].lead.source)


REJECTED_SAID = "rejected: "  # how a rejection and its reason start in the verdict column


def _verdict_width(row: LeadUnderReview) -> int:
    """The cells the row's verdict takes at most (``rejected: no budget``, as _cells says it): a
    rejection is said by its reason after a ✗ (see _fitted); "—" for none. From its
    words alone: a refit asks it of thousands."""
    if row.verdict is None:
        return 1
    said = cell_len(row.verdict.value + (f": {row.reason}" if row.reason else ""))
    if row.verdict is Verdict.REJECTED and row.reason:  # "✗ reason", in every row (see _fitted)
        return min(VERDICT_ROOM, said - len(REJECTED_SAID) + 2)
    return min(VERDICT_ROOM, said)


def waited(hours: float) -> str:
    return f"{hours:.0f}h" if hours < 48 else f"{hours / 24:.0f}d"


class LeadFeedbackPanel(SectionPanel):
    BINDINGS = [
        Binding("a", "verdict('accepted')", "Accept", id="leads.accept"),
        Binding("r", "verdict('rejected')", "Reject…", id="leads.reject"),
        Binding("n", "verdict('nurture')", "Nurture", id="leads.nurture"),
        Binding("c", "verdict('converted')", "Converted", id="leads.converted"),
        Binding("h", "history", "History", id="leads.history",
                tooltip="Every verdict the lead was given: who, when, in which meeting or import"),
        Binding("m", "comment", "Comment…", id="leads.comment", show=False,  # in the keys panel (?)
                tooltip="Say why, in words, with the verdict just given (kept with it in the log)"),
        Binding("ctrl+z", "take_back", "Undo verdict", id="leads.undo", show=False,  # in the keys panel (?)
                tooltip="Take back the last verdict given here (a key pressed on the wrong lead)"),
        Binding("v", "waiting_only", "Waiting only", id="leads.waiting", show=False,  # said on the summary line
                tooltip="Show only the leads still without a verdict (and those given one here), or all"),
    ]

    waiting_only = False  # hide the leads that had a verdict before this meeting (v)
    judged_here: frozenset[str] = frozenset()  # leads given a verdict in this meeting: shown with it under v

    class WaitingOnlyToggled(Message):
        pass

    @dataclass
    class HistoryAsked(Message):
        lead: LeadUnderReview

    @dataclass
    class VerdictGiven(Message):
        lead: LeadUnderReview
        verdict: Verdict

    def compose(self) -> ComposeResult:
        yield Fitted(id="leads-summary", classes="panel-help")
        yield PlainTable(id="leads-table", cursor_type="row", zebra_stripes=True)
        yield RowDetail(id="lead-detail")
        yield PlainTable(id="sources-table", cursor_type="none")

    def on_mount(self) -> None:
        self.query_one("#sources-table", DataTable).add_columns("Source", "Leads", "Acc", "Rej", "Nur", "Won", "Open")
        self._rows: list[LeadUnderReview] = []  # as listed (under v, those still waiting or judged here)
        self._every: list[LeadUnderReview] = []  # the whole review: the totals and the summary count these
        self._widths: dict[str, int] = {}  # column → width, as last fitted
        self.owner_labels: dict[str, str] = {}  # a CRM owner → the team member's name (leadreview.owner_labels)
        self.comments: dict[str, str] = {}  # a lead → the comment on its verdict in this meeting (m)

    first_review = False  # no meeting before this one: the review looks back seven days
    undated_waiting = 0  # leads imported without a delivery date and no verdict: in no review
    _sla_hours: float = float("inf")  # the agreed window, as last shown

    def _listed(self, rows: list[LeadUnderReview]) -> list[LeadUnderReview]:
        if not self.waiting_only:
            return rows
        return [row for row in rows if row.verdict is None or row.lead.id in self.judged_here]

    def show(self, every: list[LeadUnderReview], tallies: list[SourceTally], sla_hours: int) -> None:
        self._sla_hours = sla_hours
        listed_before = (bool(self._rows), bool(self._every))
        self._every = every
        self._rows = rows = self._listed(every)
        if (bool(rows), bool(every)) != listed_before:
            self.screen.refresh_bindings()  # the verdict keys are offered only with a lead to give one
        table = self.query_one("#leads-table", PlainTable)
        if not self.remember(every, tallies, sla_hours):
            table.clear()  # nothing under the cursor but what is shown; filled once laid out
            return
        cursor = table.cursor_row
        narrow = self.narrow  # an 80-column terminal: the owner goes, so the verdict stays in sight
        labels = ("Source", "Lead", "Verdict", "Wait", *(() if narrow else ("Owner",)))
        cells = [self._cells(row, first=_heads_group(rows, n)) for n, row in enumerate(rows)]
        widths = [max([cell_len(label), *(cell[n].cell_len for cell in cells)]) for n, label in enumerate(labels)]
        # Explicit widths, fitted to the panel (a CRM's long sources and reasons pushed the
        # verdict off an 80-column screen). In order: the verdict keeps its word ("converted", the
        # longest), the source what names a group (up to 18 cells: "↻ Organic Search"), the lead
        # LEAD_ROOM cells to call it out by; then a rejection's reason (up to VERDICT_ROOM), then
        # the lead's name and company whatever is left. One rejection at 80 columns cut every
        # source to "↻ Organic…" for the few cells of its reason.
        if not narrow:
            widths[4] = min(widths[4], 12)
        room = self.size.width - 2 * len(labels) - SCROLLBAR - sum(widths[3:])
        # a rejection is said "✗ reason" (see _fitted): as wide as that
        verdict_full = max([cell_len(labels[2]), *(_verdict_width(row) for row in rows)])
        lead_full = widths[1]
        widths[2] = min(verdict_full, 9)
        lead_keeps = min(LEAD_ROOM, lead_full)
        widths[0] = max(min(widths[0], 10), min(widths[0], 18, room - widths[2] - lead_keeps))
        widths[2] = max(widths[2], min(verdict_full, room - widths[0] - lead_keeps))
        widths[1] = max(8, min(lead_full, room - widths[0] - widths[2]))
        self._widths = dict(zip(labels, widths, strict=True))
        table.clear(columns=True)
        for label, width in self._widths.items():
            table.add_column(label, width=width, key=label)
        table.add_rows([self._fitted(row_cells) for row_cells in cells], keys=[row.lead.id for row in rows])
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        self._show_totals(tallies, sla_hours)

    def update_lead(self, row: LeadUnderReview, tallies: list[SourceTally], sla_hours: int) -> None:
        """Redraw one lead (just given a verdict) and the totals, not every lead: a review of
        thousands (a first CRM import) took seconds a keystroke. A verdict wider than its column
        refits the whole table once, from the rows already read."""
        index = next((n for n, shown in enumerate(self._rows) if shown.lead.id == row.lead.id), None)
        # the verdict as shown before (the listed rows may be the very list of every row)
        was = _verdict_width(self._rows[index]) if index is not None else 0
        whole = next((n for n, shown in enumerate(self._every) if shown.lead.id == row.lead.id), None)
        if whole is not None:
            self._every[whole] = row
        if self.waiting_only and (row.verdict is None or row.lead.id in self.judged_here) != any(
                shown.lead.id == row.lead.id for shown in self._rows):
            self.show(self._every, tallies, sla_hours)  # it joins or leaves the list (a verdict taken back)
            return
        if index is None:
            return
        self._rows[index] = row
        self.remember(self._every, tallies, sla_hours)
        cells = self._cells(row, first=_heads_group(self._rows, index))
        if (was > _verdict_width(row) and was >= self._widths["Verdict"] > 9
                and max(_verdict_width(shown) for shown in self._rows) < self._widths["Verdict"]):
            self.show(self._every, tallies, sla_hours)  # its reason was what widened the column: refit
            return
        if _verdict_width(row) > self._widths["Verdict"] and self._verdict_could_widen():
            self.show(self._every, tallies, sla_hours)  # room to show more of the verdict
            return
        if cells[3].cell_len > self._widths["Wait"]:  # "16h" waited is "in 16h" once judged: "in 1…"
            self.show(self._every, tallies, sla_hours)
            return
        table = self.query_one("#leads-table", DataTable)
        for label, cell in zip(self._widths, self._fitted(cells), strict=True):
            table.update_cell(row.lead.id, label, cell)
        self._show_totals(tallies, sla_hours)

    def _verdict_could_widen(self) -> bool:
        """Whether a refit would give the verdict more room: the lead has more than it keeps, or
        the panel has cells no column uses (short names leave the verdict its word alone)."""
        if self._widths["Verdict"] >= VERDICT_ROOM:
            return False
        spare = self.size.width - 2 * len(self._widths) - SCROLLBAR - sum(self._widths.values())
        return self._widths["Lead"] > LEAD_ROOM or spare > 0

    def _fitted(self, cells: list[Text]) -> list[Text]:
        """A row's cells for the columns shown, each cut to its column's width; a rejection says
        its reason after a ✗ ("rejected: no …" hid which "no")."""
        fitted = []
        for label, cell, width in zip(self._widths, cells, self._widths.values(), strict=False):
            # every rejection so, not only one too wide: "✗ bad contact data" beside "rejected: not
            # a fit" read as two kinds of verdict
            if label == "Verdict" and cell.plain.startswith(REJECTED_SAID):
                cell = Text("✗ " + cell.plain[len(REJECTED_SAID):], style="red")
            fitted.append(cell if cell.cell_len <= width else _cut(cell, width))
        return fitted

    def detail(self) -> Text | None:
        row = self.under_cursor(self.query_one("#leads-table", DataTable), self._rows)
        if row is None:
            return None
        lead = row.lead
        text = Text.assemble((lead.name or lead.crm_id, "bold"), f" · {lead.company}" if lead.company else "",
                             f" — {lead.source or NO_LABEL['source']}", f" · owner {self.owner(lead)}" if lead.owner else "",
                             f" · CRM id {lead.crm_id}", f" · delivered {lead.created_at:%a %d %b %H:%M}", " · ")
        if row.verdict is None:
            text.append(f"no verdict yet, waiting {waited(row.hours_waiting)}",
                        style="bold red" if row.past_sla else "dim")
        else:
            text.append(row.verdict.value, style=VERDICT_STYLE[row.verdict])
            if row.reason:
                text.append(f": {row.reason}", style="red")
            text.append(f" · first verdict after {waited(row.hours_waiting)}" if row.hours_waiting is not None
                        else " · first verdict imported with no date: how long it took is not known", style="dim")
            if comment := self.comments.get(lead.id):
                text.append(f" · “{comment}”", style="italic")
        return text

    def _show_totals(self, tallies: list[SourceTally], sla_hours: int) -> None:
        self.show_detail()  # the lead under the cursor may be the one just given a verdict
        rows = self._every  # the whole review, whatever v lists
        sources = self.query_one("#sources-table", DataTable)
        sources.clear()
        if carried := [r for r in rows if r.carried]:  # first, as in the review: their verdicts move the tally too
            given = {verdict: sum(1 for r in carried if r.verdict is verdict) for verdict in Verdict}
            open_, overdue = sum(1 for r in carried if r.verdict is None), sum(1 for r in carried if r.past_sla)
            sources.add_row(
                Text(f"{CARRIED}carried", style="yellow"), str(len(carried)),
                *(str(given[v]) for v in (Verdict.ACCEPTED, Verdict.REJECTED, Verdict.NURTURE, Verdict.CONVERTED)),
                Text(f"{open_}" + (f" ⚠{overdue}" if overdue else ""), style="bold red" if overdue else ""),
            )
        for t in tallies:
            sources.add_row(
                t.source, str(t.delivered), str(t.counts[Verdict.ACCEPTED]), str(t.counts[Verdict.REJECTED]),
                str(t.counts[Verdict.NURTURE]), str(t.counts[Verdict.CONVERTED]),
                Text(f"{t.no_verdict}" + (f" ⚠{t.past_sla}" if t.past_sla else ""),
                     style="bold red" if t.past_sla else ""),
            )
        fresh = [r for r in rows if not r.carried]
        total = len(fresh)
        judged = sum(1 for r in fresh if r.verdict is not None)
        late = sum(1 for r in fresh if r.past_sla)
        hidden = len(self._every) - len(self._rows)
        # each line a list of facts (markup of figures and fixed words only), broken between facts,
        # never inside one: at 80 columns "(68%)" and "them" (of "v: only them") stood on lines alone
        lines: list[list[str]] = []
        if self.waiting_only:
            lines.append([f"[b]v[/b] shows all: [b]{hidden:,}[/b] with an earlier verdict hidden"])
        # "New": the carried leads below are counted apart (two 17s side by side read as one figure)
        since = "New in the last 7 days" if self.first_review else "New since last meeting"
        lines.append([f"{since}: [b]{total:,}[/b] {'lead' if total == 1 else 'leads'}", f"[b]{judged:,}[/b] with a verdict",
                      f"[b red]{late:,}[/] waiting past {sla_hours} h ({percent(late / total if total else None)})"])
        if carried:
            waiting = sum(1 for r in carried if r.verdict is None)
            # "from earlier weeks" was wrong for a lead delivered this morning, before a dry run
            before = "the weeks before" if self.first_review else "before the last meeting"
            lines.append([f"[b yellow]{CARRIED}[/]first: [b]{len(carried):,}[/b] carried from {before}",
                          f"[b red]{waiting:,}[/] still waiting"]
                         + ([] if self.waiting_only or waiting == len(carried) else ["[dim]v: only them[/dim]"]))
        elif not self.waiting_only and any(r.verdict is not None and r.lead.id not in self.judged_here for r in rows):
            lines[-1].append("[dim]v: waiting only[/dim]")  # the key is said somewhere (it is not in the footer)
        if not self._every and self.undated_waiting:  # a CRM history imported without dates: why the list is empty
            leads = "lead imported without a delivery date has" if self.undated_waiting == 1 else \
                "leads imported without a delivery date have"
            lines.append([f"[yellow]{self.undated_waiting:,} {leads} no verdict: "
                          "they are in no week's review (the lead report, l on the home screen, lists them "
                          "under all time, and there a, r, n, c give each its verdict; or the CRM's next "
                          "export brings them).[/yellow]"])

        def summary(room: int) -> Text:
            text = Text()
            for n, (first, *more) in enumerate(lines):
                text.append("\n" if n else "").append_text(
                    facts_line(Text.from_markup(first), [Text.from_markup(fact) for fact in more], room))
            return text

        self.query_one("#leads-summary", Fitted).show(summary)
        self.call_after_refresh(self._say_rows_left_out)

    def _say_rows_left_out(self) -> None:
        """The tally's rows that its height leaves out (3 of 8 at 80×24), said on its top line."""
        sources = self.query_one("#sources-table", DataTable)
        room = sources.scrollable_content_region.height - 1  # the header takes a line
        rows = sources.row_count
        sources.border_title = f"{room} of {rows} rows shown · Tab, ↓: the rest" if 0 < room < rows else None

    def owner(self, lead) -> str:
        """The lead's owner as the team says it: "Tomás" for the CRM's "tomas"."""
        return owner_label(self.owner_labels, lead.owner)

    def _cells(self, row: LeadUnderReview, *, first: bool) -> list[Text]:
        """Source (heading its group), lead, verdict, waiting, owner: as shown, before fitting."""
        lead = row.lead
        who = f"{lead.name} · {lead.company}" if lead.company else lead.name or lead.crm_id
        # waiting so far, or how long the first verdict took ("in 35d"): "Waiting 35d" read as
        # still waiting beside a verdict
        if row.hours_waiting is None:  # a verdict imported with no date: how long it took is not known
            wait = Text("—", style="dim")
        elif row.past_sla:
            wait = Text(f"⚠ {waited(row.hours_waiting)}", style="bold red")
        else:
            # a verdict given after the agreed window: late, as the sales SLA counts it
            late = row.verdict is not None and row.hours_waiting > self._sla_hours
            wait = Text(("in " if row.verdict is not None else "") + waited(row.hours_waiting),
                        style="red" if late else "dim")
        if row.verdict is None:
            verdict = Text("—", style="dim")
        else:
            verdict = Text(row.verdict.value, style=VERDICT_STYLE[row.verdict])
            if row.reason:
                verdict.append(f": {row.reason}", style="red")
        if not first:  # the source heads its group only
            source = Text("")
        elif lead.source:
            source = Text(lead.source, style="bold")
        else:
            source = Text(NO_LABEL["source"], style="dim")  # as the tally below names it
        if first and row.carried:
            source = Text.assemble((CARRIED, "bold yellow"), source)
        return [source, Text(who), verdict, wait, Text(self.owner(lead))]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # an empty review: "a Accept r Reject… n Nurture c Converted h History" did nothing at all
        if action in ("verdict", "history", "comment"):
            return bool(getattr(self, "_rows", None))
        if action == "waiting_only":  # (v shows the leads again once it has hidden them all)
            return bool(getattr(self, "_every", None))
        return True

    def action_verdict(self, verdict: str) -> None:
        lead = self.under_cursor(self.query_one("#leads-table", DataTable), self._rows)
        if lead is not None:
            # held until the screen has saved it and moved on: "aan" gives three leads a verdict
            # each, not the first lead three (the cursor moves only once the verdict is in)
            self.post_asking(self.VerdictGiven(lead, Verdict(verdict)))

    class TakeBackAsked(Message):
        pass

    @dataclass
    class CommentAsked(Message):
        lead: LeadUnderReview

    def action_comment(self) -> None:
        lead = self.under_cursor(self.query_one("#leads-table", DataTable), self._rows)
        if lead is not None:
            self.post_asking(self.CommentAsked(lead))

    def action_waiting_only(self) -> None:
        self.post_message(self.WaitingOnlyToggled())

    def action_take_back(self) -> None:
        self.post_asking(self.TakeBackAsked())

    def show_lead(self, lead_id: str) -> None:
        """Put the cursor on that lead (one whose verdict was just taken back, to give the right
        one), or, when it is not listed (v), on the next one listed after it."""
        listed = {shown.lead.id: n for n, shown in enumerate(self._rows)}
        order = [shown.lead.id for shown in self._every]
        after = order[order.index(lead_id):] if lead_id in order else [lead_id]
        index = next((listed[lead] for lead in after if lead in listed), None)
        if index is not None:
            self.query_one("#leads-table", DataTable).move_cursor(row=index)

    def lead_under_cursor(self) -> str | None:
        row = self.under_cursor(self.query_one("#leads-table", DataTable), self._rows)
        return None if row is None else row.lead.id

    def action_history(self) -> None:
        lead = self.under_cursor(self.query_one("#leads-table", DataTable), self._rows)
        if lead is not None:
            self.post_asking(self.HistoryAsked(lead))  # the keys typed next are for the history shown

    def advance(self) -> str | None:
        """On to the next lead still without a verdict (typing "aanr" fast must not run over
        verdicts sales gave between meetings); down one row when none below is waiting. The
        lead the cursor is on then, if any."""
        table = self.query_one("#leads-table", DataTable)
        rows, here = self._rows, table.cursor_row
        waiting = next((n for n in range(here + 1, len(rows)) if rows[n].verdict is None), None)
        if waiting is None:
            table.move_cursor(row=min(here + 1, len(rows) - 1))
        else:
            table.move_cursor(row=waiting)
        landed = self.under_cursor(table, rows)
        return None if landed is None else landed.lead.id

    def moved_by_hand(self) -> int:
        """How often the facilitator has moved the list's cursor (see PlainTable.moved_by_hand)."""
        return self.query_one("#leads-table", PlainTable).moved_by_hand
