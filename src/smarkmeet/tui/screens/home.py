"""The home screen: what is next, what is owed, how the goals stand, what happened lately."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from smarkmeet.domain.enums import MeetingStatus
from smarkmeet.services.home import HomeOverview, home_overview
from smarkmeet.store.overview import meeting_in_progress
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.format import day, facts_line, fit
from smarkmeet.tui.widgets.fitted import Fitted
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.history import MeetingHistoryTable
from smarkmeet.tui.widgets.scorecard import GoalScorecard

GROW_AFTER = 0.15  # seconds a window made taller keeps its size before more recent meetings are read


class HomeScreen(Screen):
    _read_on_mount = False
    _overview: HomeOverview | None = None  # as last read: the card is redrawn from it on resize
    _recent = 0  # how many recent meetings were last read
    _grow_timer = None  # reads more of them once a window made taller stops growing
    BINDINGS = [
        Binding("s", "start_or_resume", "Start/resume", id="home.start",
                tooltip="Resume the meeting in progress, or start one from a template"),
        Binding("a", "action_items", "Actions", id="home.actions",
                tooltip="Every action item: filter, sort, close, reassign; completion rates"),
        Binding("h", "history", "History", id="home.history",
                tooltip="Every meeting: reread its minutes, items, notes and verdicts"),
        Binding("c", "criticism", "Criticism", id="home.criticism",
                tooltip="The criticism log: both directions, open and resolved, with follow-ups"),
        Binding("t", "trends", "Trends", id="home.trends",
                tooltip="Goals, conversion, completion, ratings, week by week"),
        Binding("slash", "search", "Search", id="home.search",
                tooltip="Items, criticism, summaries, lead comments, glossary"),
        Binding("l", "lead_report", "Leads", id="home.leads",
                tooltip="Lead sources, rejection reasons, SLAs; CRM import"),
        Binding("g", "manage_goals", "Goals", id="home.goals", tooltip="Add, edit and retire goals; their funnel"),
        # not in the footer (a team changes rarely; Quit must keep its place at 120 columns): the keys
        # panel (?) and the palette ("team") name it
        Binding("p", "team", "Team", id="home.team", show=False,
                tooltip="Who is on the team: add, edit, someone leaving"),
        Binding("d", "glossary", "Glossary", id="home.glossary", show=False,
                tooltip="The team's agreed terms and their history"),
        Binding("o", "settings", "Settings", id="home.settings", show=False,
                tooltip="Lead target, SLAs, rejection reasons, currency"),
        Binding("b", "back_up", "Back up", id="home.backup", show=False,
                tooltip="A checked copy of the log, in the exports folder"),
        Binding("r", "refresh(True)", "Refresh", id="home.refresh", tooltip="Read the log again"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="home-top"):
            yield Static(id="next-meeting", classes="card")
            yield Fitted(id="action-counts", classes="card")
        with Vertical(id="goals-box", classes="box"):
            yield GoalScorecard(id="goals")
        with Vertical(id="recent-box", classes="box"):
            yield MeetingHistoryTable(id="recent")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#next-meeting").border_title = "Next meeting"
        self.query_one("#action-counts").border_title = "Action items & leads"
        self.query_one("#goals-box").border_title = "Scorecard — latest check-in"
        self.action_refresh()
        self._read_on_mount = True

    def action_refresh(self, said: bool = False) -> None:
        # as many recent meetings as a tall window shows (12 left 7 blank rows at 40 lines); the
        # box scrolls in a short one
        self._recent = self._recent_fitting()
        self._show(home_overview(self.app.store, recent=self._recent))
        self.app.show_team_name()  # a team name set from the command line since
        if said:  # pressed: the figures may not have moved, so say they are fresh
            self.notify(f"Read the log again at {self.app.clock.now():%H:%M}.", timeout=2)

    def _recent_fitting(self) -> int:
        return max(12, self.app.size.height - 20)

    def on_resize(self) -> None:  # (the scorecard refits itself as its own width changes)
        if self._overview is None:
            return
        if self._recent_fitting() > self._recent and len(self._overview.recent) >= self._recent:
            # taller: more recent meetings fit than were read (they left blank rows). Only they are
            # read again, once the window stops growing (a drag is a resize a row)
            if self._grow_timer is not None:
                self._grow_timer.stop()
            self._grow_timer = self.set_timer(GROW_AFTER, self._read_more_recent)
        self.query_one("#next-meeting", Static).update(self._meeting_text(self._overview))  # cut to the card

    def _read_more_recent(self) -> None:
        from dataclasses import replace

        from smarkmeet.store.overview import recent_meetings

        self._grow_timer = None
        if self._overview is None or self._recent_fitting() <= self._recent:
            return
        self._recent = self._recent_fitting()
        self._overview = replace(self._overview, recent=recent_meetings(self.app.store, self._recent))
        self.query_one(MeetingHistoryTable).show(self._overview.recent, self.app.clock.today())

    def _show(self, overview: HomeOverview) -> None:
        self._overview = overview
        today = self.app.clock.today()
        self.query_one("#next-meeting", Static).update(self._meeting_text(overview))
        self.query_one("#action-counts", Fitted).show(lambda room: self._counts_text(overview, room))
        self.query_one(GoalScorecard).show(overview.goals, width=self.size.width, currency=overview.currency)
        self.query_one(MeetingHistoryTable).show(overview.recent, today)
        # an empty box read as something failed to load
        self.query_one("#recent-box").border_title = ("Recent meetings" if overview.recent else
                                                      "Recent meetings — none has ended yet")

    @staticmethod
    def _counts_text(overview: HomeOverview, room: int) -> Text:
        """What is owed, each figure whole on a line (at 80 columns "7 overdue (1" / "snoozed)"
        pushed the card's bottom border out of sight)."""
        counts = overview.actions
        text = Text.assemble((f"{counts.open:,}", "bold"), " open")
        overdue: list = [Text.assemble((f"{counts.overdue:,}", f"bold {'red' if counts.overdue else 'green'}"),
                                       " overdue")]
        if counts.overdue_snoozed:  # the action review hides a snoozed item until its date: say why it lists fewer
            overdue.append((" ", Text(f"({counts.overdue_snoozed:,} snoozed)", style="dim")))
        facts_line(text, overdue, room)
        text.append("\n").append_text(Text.assemble((f"{counts.carried_often:,}", "bold"), " carried 3+ times"))
        waiting = overview.leads_awaiting_verdict
        text.append("\n").append_text(Text.assemble(
            (f"{waiting:,}", "bold"), f" {'lead needs' if waiting == 1 else 'leads need'} a verdict"))
        if overview.undated_awaiting_verdict:  # a CRM history imported without dates read as "0 leads need a verdict"
            text.append(f"\nand {overview.undated_awaiting_verdict:,} undated", style="dim")
        return text

    def _meeting_text(self, overview: HomeOverview) -> Text:
        """The next (or running) meeting; its title, sections and facilitator are the team's words,
        so the card is built as Text, never read as markup."""
        meeting = overview.meeting
        read_only = self.app.store.read_only  # nothing can be started here: the card does not offer it
        if meeting is None:
            if read_only:
                return Text("No meeting planned.\nThe log is read-only: meetings are run on a writable one.",
                            style="dim")
            if not overview.has_team:  # a new log: who is in the meeting comes first
                return Text.assemble("No one on the team yet: ", ("p", "bold"), " opens the team screen to add "
                                     "them (or smarkmeet team add).\n", ("s", "bold"), " plans and starts a meeting")
            return Text.assemble("No meeting planned.\n", ("s", "bold"), " plans and starts one")
        today = self.app.clock.today()
        # on one line: a long title wrapped over the card's other lines and its border (the
        # card is 2fr of the top row, inside its border and padding)
        room = max(20, self.app.size.width * 2 // 3 - 4)
        text = Text.assemble((fit(meeting.title, room), "bold"), "\n", f"{day(meeting.scheduled_for, today)} · "
                             f"{meeting.status.label}\n", f"{meeting.sections} sections, {meeting.planned_minutes} min")
        if meeting.facilitator:
            text.append(f" · facilitator {meeting.facilitator}")
        if read_only:
            text.append_text(Text("\nread-only log: run it on a writable one", style="dim"))
        elif meeting.status is MeetingStatus.IN_PROGRESS:
            if meeting.current_section:
                text.append_text(Text.assemble("\n", ("In progress", "bold yellow"),
                                               f" — at “{meeting.current_section}” · ", ("s", "bold"), " resumes"))
        else:
            text.append_text(Text.assemble("\n", ("s", "bold"), " starts it"))
        return text

    def on_screen_resume(self) -> None:
        if self._read_on_mount:  # the resume that follows mounting: read a moment ago
            self._read_on_mount = False
            return
        self.action_refresh()

    def on_data_table_row_selected(self, event: MeetingHistoryTable.RowSelected) -> None:
        """Enter on a recent meeting rereads it."""
        if event.data_table.id == "recent" and event.row_key.value:
            self.app.open_meeting_record(event.row_key.value)

    # -- starting and resuming ------------------------------------------------

    def action_start_or_resume(self) -> None:
        meeting = meeting_in_progress(self.app.store)
        if meeting is not None:
            self.app.open_meeting(meeting.id)
        else:
            self.action_start("weekly")

    def action_start(self, kind: str) -> None:
        from smarkmeet.tui.screens.start import StartMeetingDialog

        if self.app.refuse_meeting_if_read_only():  # before asking for a title it could not save
            return
        if meeting_in_progress(self.app.store) is not None:
            self.notify("A meeting is already in progress: resume it first (s).", severity="warning")
            return
        from smarkmeet.services.meeting import default_facilitator
        from smarkmeet.services.people import one_person
        from smarkmeet.tui.screens.start import Facilitators

        log = self.app.store

        def default(kind) -> str:
            person = default_facilitator(log, kind, self.app.clock.today())
            return person.name if person else ""

        templates, problems = self.app.templates()
        self.app.push_screen(
            StartMeetingDialog(templates, self.app.clock.today(), kind, [str(p) for p in problems],
                               held_on=lambda day, kind: [m.title for m in log.meetings.ended_on(day, kind)],
                               facilitators=Facilitators(default, lambda text: one_person(log, text, on_team=True).id)),
            self._start,
        )

    def _start(self, request) -> None:
        if request is None:
            return
        self.app.start_meeting(request.template, request.title, request.day, request.facilitator_id)

    def action_manage_goals(self) -> None:
        from smarkmeet.tui.screens.goals import GoalsScreen

        self.app.push_screen(GoalsScreen())

    def action_glossary(self) -> None:
        self.app.open_glossary()

    def action_back_up(self) -> None:
        self.app.back_up_now()

    def action_settings(self) -> None:
        from smarkmeet.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_team(self) -> None:
        from smarkmeet.tui.screens.team import TeamScreen

        self.app.push_screen(TeamScreen())

    def action_action_items(self, line: str = "", completion: bool = False) -> None:
        from smarkmeet.tui.screens.actions import ActionItemsScreen

        self.app.push_screen(ActionItemsScreen(line, completion=completion))

    def action_history(self) -> None:
        from smarkmeet.tui.screens.history import MeetingHistoryScreen

        self.app.push_screen(MeetingHistoryScreen())

    def action_criticism(self) -> None:
        self.app.open_criticism()

    def action_trends(self) -> None:
        from smarkmeet.tui.screens.trends import TrendsScreen

        self.app.push_screen(TrendsScreen())

    def action_search(self) -> None:
        self.app.open_search()

    def action_lead_report(self) -> None:
        from smarkmeet.tui.screens.leads import LeadReportScreen

        self.app.push_screen(LeadReportScreen())

    def action_import_leads(self) -> None:
        from smarkmeet.tui.screens.leadimport import LeadImportScreen

        self.app.push_screen(LeadImportScreen())

    def palette_commands(self) -> Iterable[PaletteCommand]:
        meeting = meeting_in_progress(self.app.store)
        if meeting is not None:
            yield PaletteCommand("meeting: Resume meeting", f"{meeting.title} — in progress",
                                 self.action_start_or_resume)
        yield PaletteCommand("meeting: Start weekly meeting", "From the weekly team template",
                             lambda: self.action_start("weekly"))
        yield PaletteCommand("meeting: Start monthly meeting", "From the monthly managers' template",
                             lambda: self.action_start("monthly"))
        yield PaletteCommand("home: Refresh", "Read the log again", self.action_refresh)
        yield PaletteCommand("team: Open the team", "Who is on it: add, edit, someone leaving or back",
                             self.action_team)
        yield PaletteCommand("settings: Open settings", "o — lead target, SLA window and target, reasons, currency…",
                             self.action_settings)
        yield PaletteCommand("actions: Browse action items", "Every item: filter, sort, close, reassign",
                             self.action_action_items)
        yield PaletteCommand("actions: Overdue items", "Open items past their due date",
                             lambda: self.action_action_items("overdue"))
        # (searched for from home as "completion" and not found: it was on the action items' screen only)
        yield PaletteCommand("actions: Completion rate", "Items done by their due date ÷ due, by side and owner",
                             lambda: self.action_action_items(completion=True))
        yield PaletteCommand("history: Meeting history", "Every meeting; reread its minutes, items, notes, verdicts",
                             self.action_history)
        # searched for as "minutes" and not found (the palette matches titles)
        yield PaletteCommand("history: Reread a meeting's minutes", "h — every meeting, its minutes one Enter away",
                             self.action_history)
        yield PaletteCommand("trends: Open trends", "Goals, lead conversion, completion, ratings, overrun by week",
                             self.action_trends)
        yield PaletteCommand("criticism: Criticism log", "Notes both ways, open and resolved, with follow-ups",
                             self.action_criticism)
        yield PaletteCommand("leads: Lead sources report", "Which sources convert, why leads are rejected, both SLAs",
                             self.action_lead_report)
        yield PaletteCommand("leads: Import CRM export", "Import a CSV of leads from the CRM", self.action_import_leads)
        yield PaletteCommand("goals: Manage goals", "Add, edit and retire the shared goals; see their funnel",
                             self.action_manage_goals)
