"""The lead report: which sources turn into customers, why leads are rejected, and both SLAs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from smarkmeet.domain.enums import Rag, Unit
from smarkmeet.domain.metrics import amount, percent
from smarkmeet.services.leadreport import LeadReport, SlaStatus, lead_report, marketing_note
from smarkmeet.services.leadreview import owner_label, owner_labels
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import RAG_STYLE, fit
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.table import PlainTable

PERIODS: tuple[tuple[str, int | None], ...] = (
    ("last 4 weeks", 28), ("last 12 weeks", 84), ("this week", 0), ("all time", None),
)
GROUPINGS = ("source", "owner", "reason")
# How each share is drawn in the mix bar, best outcome first.
SEGMENTS = (("converted", "green"), ("accepted", "dodger_blue2"), ("nurture", "yellow"),
            ("rejected", "red"), ("not_worked", "grey50"))
BAR_WIDTH = 24


def mix_bar(row, width: int = BAR_WIDTH) -> Text:
    """A stacked bar of the row's verdict shares: converted, accepted, nurture, rejected, not worked."""
    bar = Text()
    if not row.leads:
        return bar
    # largest remainders: every row's bar is the whole width (rounding each share alone gave
    # one row 8 cells of 10 and another 11, though each stands for all its leads)
    exact = [getattr(row, name) / row.leads * width for name, _ in SEGMENTS]
    cells = [int(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda n: exact[n] - cells[n], reverse=True)
    for n in by_remainder[:width - sum(cells)]:
        cells[n] += 1
    for (_, colour), count in zip(SEGMENTS, cells, strict=True):
        bar.append("█" * count, style=colour)
    return bar


def share_bar(share: float | None, width: int, style: str = "red") -> Text:
    filled = round((share or 0) * width)
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="grey35")


def sla_text(sla: SlaStatus) -> tuple[Text, Text]:
    """Each side's line of the SLA panel: its figure against the target, and its status."""
    def status(rag: Rag | None) -> Text:
        return Text(" no data ", style="dim") if rag is None else Text(f" {rag.value.upper()} ", style=f"reverse {RAG_STYLE[rag]}")

    target = amount(sla.target, Unit.COUNT) if sla.target else "—"
    # with no target agreed there is no "of" to say ("1,000,000 of — qualified leads —")
    # "88 of 101 qualified leads" read as 101 leads delivered: the 101 is the number agreed
    of = f" leads of {target} agreed  " if sla.target else " qualified leads  "
    marketing = Text.assemble(
        "Marketing delivered  ", (f"{sla.qualified:,}", "bold"), of,
        (percent(sla.marketing) if sla.target else "", "bold"), "  " if sla.target else "", status(sla.marketing_rag),
    )
    sales = Text.assemble(
        "Sales gave a verdict within ", f"{sla.hours:g} h to ", (f"{sla.within:,}", "bold"), f" of {sla.judged:,}  ",
        # (no break inside the brackets: "36% (target" / "90%)" read as two figures)
        (percent(sla.sales, against=sla.sales_target), "bold"), f" (target\u00a0{percent(sla.sales_target)})  ",
        status(sla.sales_rag),
    )
    return marketing, sales


def sla_notes(sla: SlaStatus) -> tuple[str, str]:
    """What each side's figure leaves out, or why it has none; "" when there is nothing to say."""
    notes = []
    if sla.pending:
        notes.append(f"{sla.pending:,} still inside the window")
    if sla.unknown:
        # (imported without a delivery date, or with a verdict the CRM gave no time for: the wait unknown)
        notes.append(f"{sla.unknown:,} with no wait to count (no dates)")
    return marketing_note(sla), "; ".join(notes)


MIX_LINES = 6  # lines of the rejection mix box; past them, the last says how many more


class LeadReportScreen(Screen):
    """Lead-source quality for a period, the rejection mix and the two-sided SLA panel."""

    BINDINGS = [
        Binding("p", "next_period", "Period", id="leads.period", tooltip="Cycle: 4 weeks, 12 weeks, this week, all"),
        Binding("b", "next_grouping", "By", id="leads.by", tooltip="Group by source, owner or rejection reason"),
        Binding("enter", "open_group", "Leads", id="leads.list",
                tooltip="The leads of the highlighted row (all of the period's on the total row)"),
        Binding("i", "import", "Import CSV", id="leads.import", tooltip="Import a CRM export"),
        Binding("E", "export", "Export", id="leads.export", tooltip="Write every lead with its verdict as CSV or JSON"),
        Binding("r", "refresh", "Refresh", id="leads.refresh", tooltip="Read the log again"),
        Binding("escape", "app.pop_screen", "Back", id="leads.back", tooltip="Back to the previous screen"),
    ]

    def __init__(self, period: int = 0, by: str = "source") -> None:
        super().__init__()
        self._period = period
        self._by = by
        self._owners: dict[str, str] = {}  # a CRM owner → the team member's name, when grouped by owner
        # each table row's group as the log holds it (a source's or owner's values, a reason); None: all leads
        self._groups: list[tuple[str, ...] | str | None] = []
        self._labels: list[str] = []  # each row's group as shown

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="leads-period")
        with Vertical(id="leads-table-box", classes="box"):
            yield PlainTable(id="leads-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="leads-bottom"):
            with Vertical(id="leads-mix-box", classes="box"):
                yield Static(id="leads-mix")
            with Vertical(id="leads-sla-box", classes="box"):
                yield Static(id="leads-sla-marketing")
                yield Static(id="leads-sla-marketing-note", classes="sla-note")
                yield Static(id="leads-sla-sales")
                yield Static(id="leads-sla-sales-note", classes="sla-note")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Lead sources"
        self.query_one("#leads-mix-box").border_title = "Why sales rejected leads"
        self.query_one("#leads-sla-box").border_title = "Two-sided SLA"
        self.action_refresh()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def window(self) -> tuple[datetime | None, datetime | None]:
        now = self.app.clock.now()
        days = PERIODS[self._period][1]
        if days is None:
            return None, None  # everything in the log
        if days == 0:  # this week: since Monday 00:00
            monday = now.date() - timedelta(days=now.weekday())
            return self.app.clock.start_of(monday), now + timedelta(seconds=1)
        # from the start of the day said on screen ("since Sun 08 Nov"), as `leads report --since 4w` counts
        return self.app.clock.start_of(now.date() - timedelta(days=days)), now + timedelta(seconds=1)

    def action_export(self) -> None:
        from smarkmeet.tui.widgets.dialogs import ChoiceDialog

        count = self.app.store.leads.count()
        choices = [("CSV (opens in a spreadsheet)", "csv"), ("JSON", "json")]
        self.app.push_screen(ChoiceDialog(f"Export all {count:,} leads with their current verdict?", choices),
                             lambda fmt: fmt and self.app.export_leads(fmt))

    def action_refresh(self) -> None:
        since, until = self.window()
        report = lead_report(self.app.store, by=self._by, since=since, until=until)  # type: ignore[arg-type]
        if self._by == "owner":  # the CRM's "tomas" as the team says it, as in the meeting's lead review
            self._owners = owner_labels(self.app.store)
        self._show(report)

    def action_next_period(self) -> None:
        self._period = (self._period + 1) % len(PERIODS)
        self.action_refresh()

    def action_next_grouping(self) -> None:
        self._by = GROUPINGS[(GROUPINGS.index(self._by) + 1) % len(GROUPINGS)]
        self.action_refresh()

    def action_open_group(self) -> None:
        """The leads themselves, of the highlighted group in this period (Enter)."""
        from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen

        row = self.query_one("#leads-table", DataTable).cursor_row
        if not 0 <= row < len(self._groups):
            return
        group = self._groups[row]
        since, until = self.window()
        label = None if group is None else self._group_label(self._labels[row])
        listing = LeadListing(since, until, PERIODS[self._period][0], self._by if group is not None else None,
                              group, label)
        self.app.push_screen(LeadListScreen(listing, verdict="rejected" if self._by == "reason" else None))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_group()

    def action_import(self) -> None:
        from smarkmeet.tui.screens.leadimport import LeadImportScreen

        self.app.push_screen(LeadImportScreen())

    def on_resize(self) -> None:
        if self.is_mounted:
            self.action_refresh()

    def _group_label(self, label: str) -> str:
        """A group's name as shown: an owner on the team by name, anything else as the CRM wrote it."""
        return owner_label(self._owners, label) if self._by == "owner" else label

    def _show(self, report: LeadReport) -> None:
        label, _ = PERIODS[self._period]
        since = f" (since {report.since:%a %d %b %Y})" if report.since else ""
        said = Text.assemble(("Leads delivered ", "dim"), (label, "bold"), since, ("  ·  by ", "dim"), (self._by, "bold"))
        # the keys the footer also shows give way where the line has no room for them (at 80 and
        # at 100 columns it ended "⏎ leads ·" and "b group ·")
        keys = "  ⏎ leads · p period · b group · i import"
        said.append(keys if said.cell_len + len(keys) < self.size.width else "  ⏎ leads", style="dim")
        self.query_one("#leads-period", Static).update(said)
        self.query_one("#leads-table-box").border_title = (
            "Rejections by reason" if self._by == "reason" else f"By {self._by} — current verdicts"
        )
        table = self.query_one("#leads-table", DataTable)
        table.clear(columns=True)
        if self._by == "reason":
            self._reason_table(table, report)
        else:
            self._group_table(table, report)
        self._mix(report)
        marketing, sales = sla_text(report.sla) if report.sla else (Text(""), Text(""))
        notes = sla_notes(report.sla) if report.sla else ("", "")
        for side, line, note in zip(("marketing", "sales"), (marketing, sales), notes, strict=True):
            self.query_one(f"#leads-sla-{side}", Static).update(line)
            shown_note = self.query_one(f"#leads-sla-{side}-note", Static)
            shown_note.update(Text(note))
            shown_note.display = bool(note)

    def _bar_room(self, table: DataTable) -> int:
        """The mix bar's width: what the box leaves after the other columns (each with its cell
        padding, the box's border and padding and a scrollbar's room), 10 to BAR_WIDTH cells."""
        used = sum(column.width + 2 for column in table.columns.values()) + 2 + 6
        return max(10, min(BAR_WIDTH, self.size.width - used))

    def _group_table(self, table: DataTable, report: LeadReport) -> None:
        narrow = self.size.width < 100
        # at 100 columns the wide layout ran off the box's right edge (the bars cut, a scrollbar
        # below): between 100 and 120 the names give way first, then the bars take what is left
        name_width = 14 if narrow else 22 if self.size.width >= 120 else 16
        table.add_column(self._by.capitalize(), key="group", width=name_width)
        # the total's figures are the widest: "1,000,000" was cut to "1,000,0"
        total = report.total
        table.add_column(Text("Leads", justify="right"), key="Leads",
                         width=max(6 if narrow else 7, len(f"{total.leads:,}") if total else 0))
        for title in ("Conv", "Acc", "Nur", "Rej"):
            table.add_column(Text(f"{title}%" if narrow else f"{title} %", justify="right"), key=title,
                             width=5 if narrow else 6)
        table.add_column(Text("Unworked" if narrow else "Not worked", justify="right"), key="Not worked",
                         width=max(8 if narrow else 10, len(f"{total.not_worked:,}") if total else 0))
        table.add_column(Text("Days→1st", justify="right"), key="days", width=8)
        legend = Text.assemble(("conv ", "green"), ("acc ", "dodger_blue2"), ("nur ", "yellow"),
                               ("rej ", "red"), ("none", "grey50"))
        # below 100 columns the mix bar gives way to the median days to a first verdict: the bar
        # draws the four shares the row already gives in figures, the days are said nowhere else
        bar = 0 if narrow else self._bar_room(table)
        if bar:
            table.add_column(Text("Mix") if bar < legend.cell_len else legend, key="mix", width=bar)
        self._bar = bar
        self._groups, self._labels = [], []
        if not report.rows:
            undated = self.app.store.one("SELECT count(*) AS n FROM leads WHERE created_known = 0")["n"]
            presses = (len(PERIODS) - 1 - self._period) % len(PERIODS)  # all time is the last period
            said = (f"None delivered in this period; {undated:,} have no delivery date — p ×{presses}: all time"
                    if undated and PERIODS[self._period][1] is not None else
                    "No leads in this period — import a CRM export with i")
            # said across the table: the first column alone cut it to "No leads in this perio"
            table.clear(columns=True)
            table.add_column("", key="said", width=max(20, (table.size.width or self.size.width) - 4))
            table.add_row(Text(said, style="dim"))
            return
        for row in [*report.rows, report.total]:
            if row is None:
                continue
            is_total = row is report.total
            self._groups.append(None if is_total else row.members or row.label)
            self._labels.append(row.label)
            cells = [
                Text(fit("All leads" if is_total else self._group_label(row.label), name_width),
                     style="bold" if is_total else ""),
                Text(f"{row.leads:,}", justify="right"),
                *(Text(percent(row.share(c), 1).rstrip("%"), justify="right") for c in ("converted", "accepted", "nurture", "rejected")),
                Text(f"{row.not_worked:,}", justify="right", style="bold red" if row.not_worked else ""),
            ]
            cells.append(Text("—" if row.median_days is None else f"{row.median_days:.1f} d", justify="right"))
            if self._bar:
                cells.append(mix_bar(row, self._bar))
            table.add_row(*cells)

    def _reason_table(self, table: DataTable, report: LeadReport) -> None:
        table.add_column("Reason", key="reason", width=28)
        table.add_column("Rejections", key="n")
        table.add_column("Share", key="share")
        table.add_column("", key="bar")
        self._groups = [reason.reason for reason in report.reasons]
        self._labels = list(self._groups)
        for reason in report.reasons:
            table.add_row(fit(reason.reason, 28), Text(f"{reason.rejections:,}", justify="right"),
                          Text(percent(reason.share, 1), justify="right"), share_bar(reason.share, 30))
        if not report.reasons:
            table.add_row(Text("No rejections in this period", style="dim"), "", "", "")

    def _mix(self, report: LeadReport) -> None:
        self.query_one("#leads-mix-box").display = self._by != "reason"  # the table already shows it
        narrow = self.size.width < 100
        label, bar = (14, 6) if narrow else (20, 16)
        lines = Text()
        shown = report.reasons if len(report.reasons) <= MIX_LINES else report.reasons[:MIX_LINES - 1]
        # a long reason takes the room its box has to spare ("bad contact d…" beside 7 empty cells)
        room = self.query_one("#leads-mix", Static).size.width or (self.size.width // 2 - 4)
        share_w = max([4, *(len(percent(r.share)) for r in shown)])  # "<0.1%" is five cells
        tail = max((len(f" {percent(r.share):>{share_w}} ({r.rejections:,})") for r in shown), default=0)
        # each reason on one line: at 100 columns "not a fit ███ 46%" and "(678)" took two, and the
        # box's last reasons were out of sight with no word. The bar gives way first (to 6 cells),
        # then the reason is cut.
        bar = max(6, min(bar, room - label - 1 - tail))
        label = max(min(label, room - bar - 1 - tail), min(max((len(r.reason) for r in shown), default=0),
                                                          room - bar - 1 - tail))
        label = max(8, label)
        for reason in shown:
            lines.append(f"{fit(reason.reason, label):<{label}} ")
            lines.append_text(share_bar(reason.share, bar))
            lines.append(f" {percent(reason.share):>{share_w}} ({reason.rejections:,})\n")
        if len(shown) < len(report.reasons):  # the rest named, not dropped without a word
            rest = report.reasons[len(shown):]
            n, k = len(rest), sum(r.rejections for r in rest)
            reasons, rejections = f"reason{'s' if n != 1 else ''}", f"rejection{'s' if k != 1 else ''}"
            # one line, as the reasons are (the box's height is theirs): the longest wording that fits;
            # "3 more (4)" alone read as a riddle
            more = next((text for text in (
                f"… {n} more {reasons} ({k:,} {rejections}): group by reason (b) for all",
                f"… {n} more {reasons}, {k:,} {rejections}: b shows all",
                f"… {n} more {reasons}, {k:,} {rejections}: b",
            ) if len(text) <= room), f"… {n} more {reasons}: b")
            lines.append(fit(more, room), style="dim")
        if not report.reasons:
            lines.append("No rejections in this period.", style="dim")
        self.query_one("#leads-mix", Static).update(lines)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("leads: Next period", "4 weeks, 12 weeks, this week, all time", self.action_next_period)
        yield PaletteCommand("leads: Group by source, owner or reason", "Cycle the grouping",
                             self.action_next_grouping)
        yield PaletteCommand("leads: Import CRM export", "Import a CSV of leads", self.action_import)
