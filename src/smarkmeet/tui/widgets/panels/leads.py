"""Lead feedback: a verdict per lead with one key (two for a rejection), a per-source tally beside."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from smarkmeet.domain.enums import Verdict
from smarkmeet.domain.metrics import percent
from smarkmeet.services.leadreview import LeadUnderReview, SourceTally
from smarkmeet.tui.format import fit
from smarkmeet.tui.widgets.panels import SectionPanel
from smarkmeet.tui.widgets.table import PlainTable

VERDICT_STYLE = {
    Verdict.ACCEPTED: "bold green", Verdict.REJECTED: "bold red", Verdict.NURTURE: "bold cyan",
    Verdict.CONVERTED: "bold magenta",
}


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
    ]

    @dataclass
    class HistoryAsked(Message):
        lead: LeadUnderReview

    @dataclass
    class VerdictGiven(Message):
        lead: LeadUnderReview
        verdict: Verdict

    def compose(self) -> ComposeResult:
        yield Static(id="leads-summary", classes="panel-help")
        yield PlainTable(id="leads-table", cursor_type="row", zebra_stripes=True)
        yield PlainTable(id="sources-table", cursor_type="none")

    def on_mount(self) -> None:
        self.query_one("#leads-table", DataTable).add_columns("Source", "Lead", "Verdict", "Waiting", "Owner")
        self.query_one("#sources-table", DataTable).add_columns("Source", "Leads", "Acc", "Rej", "Nur", "Won", "Open")
        self._rows: list[LeadUnderReview] = []

    def show(self, rows: list[LeadUnderReview], tallies: list[SourceTally], sla_hours: int) -> None:
        self.remember(rows, tallies, sla_hours)
        self._rows = rows
        table = self.query_one("#leads-table", DataTable)
        cursor = table.cursor_row
        table.clear()
        previous_source = None
        lead_width = max(16, min(32, self.size.width - 62))  # the verdict must stay on screen at 80 columns
        for row in rows:
            lead = row.lead
            source = lead.source if lead.source != previous_source else ""
            previous_source = lead.source
            who = fit(f"{lead.name} · {lead.company}" if lead.company else lead.name or lead.crm_id, lead_width)
            wait = Text(f"⚠ {waited(row.hours_waiting)}", style="bold red") if row.past_sla else \
                Text(waited(row.hours_waiting), style="dim")
            if row.verdict is None:
                verdict = Text("—", style="dim")
            else:
                verdict = Text(row.verdict.verdict.value, style=VERDICT_STYLE[row.verdict.verdict])
                if row.verdict.reason:
                    verdict.append(f": {row.verdict.reason}", style="red")
            table.add_row(Text(source, style="bold"), who, verdict, wait, lead.owner, key=lead.id)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        sources = self.query_one("#sources-table", DataTable)
        sources.clear()
        for t in tallies:
            sources.add_row(
                t.source, str(t.delivered), str(t.counts[Verdict.ACCEPTED]), str(t.counts[Verdict.REJECTED]),
                str(t.counts[Verdict.NURTURE]), str(t.counts[Verdict.CONVERTED]),
                Text(f"{t.no_verdict}" + (f" ⚠{t.past_sla}" if t.past_sla else ""),
                     style="bold red" if t.past_sla else ""),
            )
        total = len(rows)
        judged = sum(1 for r in rows if r.verdict is not None)
        late = sum(1 for r in rows if r.past_sla)
        self.query_one("#leads-summary", Static).update(
            f"Since the last meeting: [b]{total}[/b] leads · [b]{judged}[/b] with a verdict · "
            f"[b red]{late}[/] past the {sla_hours} h window ({percent(late / total if total else None)})"
        )

    def action_verdict(self, verdict: str) -> None:
        lead = self.under_cursor(self.query_one("#leads-table", DataTable), self._rows)
        if lead is not None:
            self.post_message(self.VerdictGiven(lead, Verdict(verdict)))

    def action_history(self) -> None:
        lead = self.under_cursor(self.query_one("#leads-table", DataTable), self._rows)
        if lead is not None:
            self.post_message(self.HistoryAsked(lead))

    def advance(self) -> None:
        self.query_one("#leads-table", DataTable).action_cursor_down()
