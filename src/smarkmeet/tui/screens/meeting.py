"""The meeting screen: agenda and countdown always visible, one working panel per section."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Static

from smarkmeet.domain.enums import ActionStatus, MeetingStatus, SectionKind, SectionStatus, Side, Unit, Verdict
from smarkmeet.domain.errors import RefusedInWords, describe
from smarkmeet.domain.periods import period_start, reviewed_start
from smarkmeet.domain.quickadd import as_handle
from smarkmeet.services import attendance, criticism, leadreview, review, wrapup
from smarkmeet.services.goals import currency, goals_reviewed
from smarkmeet.services.meeting import CHECKPOINT_SECONDS, MeetingError, MeetingRunner
from smarkmeet.services.people import close_to, example_owner
from smarkmeet.store.errors import LogError
from smarkmeet.tui.commands import PaletteCommand
from smarkmeet.tui.screens.actions import DATE_HINT, ItemCommands, item_state
from smarkmeet.tui.errors import tell
from smarkmeet.tui.format import added_due, amount, day_month, fit, minutes_seconds
from smarkmeet.tui.typing_guard import TypingGuard
from smarkmeet.tui.widgets.agenda import AgendaSidebar, ClockBar
from smarkmeet.tui.widgets.dialogs import ChoiceDialog, ConfirmDialog
from smarkmeet.tui.widgets.footer import Footer
from smarkmeet.tui.widgets.panels import SectionPanel
from smarkmeet.tui.widgets.panels.checkin import CheckinPanel
from smarkmeet.tui.widgets.panels.criticism import CriticismPanel
from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel, checkin_of
from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel
from smarkmeet.tui.widgets.panels.review import ActionReviewPanel
from smarkmeet.tui.widgets.panels.wrapup import WrapupPanel
from smarkmeet.tui.widgets.prompt import NONE_PICKED, NOT_SAVED, PromptBar, Waiting

AGENDA_MIN_WIDTH = 100  # narrower, the agenda gives its columns to the section (ctrl+o brings it back)

PANEL_IDS = {
    SectionKind.CHECKIN: "panel-checkin", SectionKind.ACTION_REVIEW: "panel-review",
    SectionKind.GOAL_REVIEW: "panel-goals", SectionKind.LEAD_FEEDBACK: "panel-leads",
    SectionKind.CRITICISM: "panel-criticism", SectionKind.WRAPUP: "panel-wrapup",
    SectionKind.DISCUSSION: "panel-discussion",
}


IMPLAUSIBLE_TIMES = 10  # an actual more than this many times its goal's target is asked about once


@dataclass(frozen=True)
class _ActualEntered:
    """An actual entered in the goal review, and the check-in it replaced (None: none), for ctrl+z."""
    goal_id: str
    goal_name: str
    entered: dict
    before: dict | None


# what a section's list says when words typed onto it are taken as typing (tui.typing_guard)
TYPING_HINTS = {
    SectionKind.CRITICISM: "Typing reached the list of notes, where letters act on the highlighted note (v resolves, "
                           "o reopens; ctrl+z undoes): shift+Tab goes back to the note's fields.",
    SectionKind.ACTION_REVIEW: "Typing reached the list of items, where letters act on the highlighted item (d done, "
                               "x drop; ctrl+z undoes): ctrl+r adds an action item.",
    SectionKind.LEAD_FEEDBACK: "Typing reached the list of leads, where letters give verdicts (a, r, n, c; ctrl+z "
                               "takes one back): m says why in words.",
    SectionKind.GOAL_REVIEW: "Typing reached the list of goals, where a figure is the highlighted goal's actual "
                             "(22, 64%, €72,500, 72k) and Enter opens it: letters do nothing here.",
    SectionKind.WRAPUP: "Typing reached the list of items, where letters act on the highlighted item (x drop, "
                        "w reassign, e due date): shift+Tab goes back to the quick-add line.",
}
# the wrap-up's other list: shift+Tab from it goes to the items, not to a line ("the line above")
RATINGS_TYPING_HINT = ("Typing reached the ratings, where a figure rates the highlighted attendee (1–9, 0 for 10): "
                       "Tab goes on to the summary line.")


@dataclass(frozen=True)
class _NoteChanged:
    """A note resolved or reopened here, its status before and after, for ctrl+z."""
    note_id: str
    what: str  # "resolved", "reopened"
    before: dict
    after: dict


# the palette's word for each section's own commands ("goals: Undo actual")
SECTION_AREA = {SectionKind.CHECKIN: "check-in", SectionKind.ACTION_REVIEW: "review", SectionKind.GOAL_REVIEW: "goals",
                SectionKind.LEAD_FEEDBACK: "leads", SectionKind.CRITICISM: "criticism", SectionKind.WRAPUP: "wrap-up"}


class MeetingScreen(ItemCommands, Screen):
    BINDINGS = [
        Binding("ctrl+n", "next_section", "Next", id="meeting.next", priority=True,
                tooltip="Go to the next section"),
        Binding("ctrl+b", "previous_section", "Back", id="meeting.previous", priority=True,
                tooltip="Go back to the previous section"),
        Binding("ctrl+g", "go_to_section", "Go to…", id="meeting.goto", priority=True,
                tooltip="Jump to any section"),
        # one of the two, as the clock stands: the footer and the keys panel say which ctrl+t does
        Binding("ctrl+t", "toggle_pause('pause')", "Pause", id="meeting.pause", priority=True,
                tooltip="Pause the clock (the time paused is not counted)"),
        Binding("ctrl+t", "toggle_pause('resume')", "Resume", id="meeting.resume", priority=True,
                tooltip="Start the clock again"),
        Binding("ctrl+r", "add_action_item", "Action item", id="meeting.add_action", priority=True,
                tooltip="Add an action item from any section"),
        Binding("ctrl+f", "end_meeting", "End", id="meeting.end", priority=True,
                tooltip="End the meeting and write the minutes"),
        Binding("ctrl+o", "toggle_agenda", "Agenda", id="meeting.agenda", priority=True, show=False,
                tooltip="Show or hide the agenda beside the section"),
        # where no list of the section undoes (the check-in, the ratings, a text field): said, not silent
        Binding("ctrl+z", "nothing_to_undo", "Undo", id="meeting.undo", show=False, system=True),
    ]

    def __init__(self, meeting_id: str, *, hold: int | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self._hold = hold  # the keys typed while this screen opens (App.open_meeting): sent on once it is up
        self._ticks = 0
        self._show_hidden_items = False
        self._verdicts_given: list[leadreview.GivenVerdict] = []  # in this sitting, newest last: ctrl+z
        self._actuals_entered: list[_ActualEntered] = []  # in this sitting, newest last: ctrl+z
        self._notes_changed: list[_NoteChanged] = []  # in this sitting, newest last: ctrl+z
        self._typing = TypingGuard()
        self._measured: tuple[dict, dict] | None = None  # the goal review's figures counted from the log, and for what
        self._implausible: tuple[str, str] | None = None  # an actual far off its target, said once (goal, typed)
        self._alike_said: str | None = None  # the new item the wrap-up said reads like an open one (x drops it)
        self._moved_on_to: tuple[str | None, int] | None = None  # where a verdict moved the cursor, and when
        self._agenda_wanted: bool | None = None  # ctrl+o's choice; None: shown when the window is wide enough

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="meeting-body"):
            yield AgendaSidebar(id="agenda")
            with Vertical(id="stage"):
                yield ClockBar(id="clock-bar")
                with ContentSwitcher(id="panels"):
                    yield CheckinPanel(id=PANEL_IDS[SectionKind.CHECKIN])
                    yield ActionReviewPanel(id=PANEL_IDS[SectionKind.ACTION_REVIEW])
                    yield GoalReviewPanel(id=PANEL_IDS[SectionKind.GOAL_REVIEW])
                    yield LeadFeedbackPanel(id=PANEL_IDS[SectionKind.LEAD_FEEDBACK])
                    yield CriticismPanel(id=PANEL_IDS[SectionKind.CRITICISM])
                    wrapup_panel = WrapupPanel(id=PANEL_IDS[SectionKind.WRAPUP])
                    wrapup_panel.example_handle = example_owner(self.store)[0]
                    yield wrapup_panel
                    yield Static("Open discussion. ctrl+r adds an action item at any time.",
                                 id=PANEL_IDS[SectionKind.DISCUSSION], classes="panel-help")
                yield PromptBar(id="prompt")
        yield Footer()

    def on_mount(self) -> None:
        try:
            runner = self.guard(lambda: MeetingRunner(self.store, self.meeting_id))
            if runner is None or self.guard(runner.start) is None:  # a full disk, say: told in words, back home
                self.app.call_later(self._leave)
                return
            self.runner = runner
            self.query_one("#agenda").border_title = "Agenda"
            self.sub_title = f"{self.runner.meeting.title} · {self.runner.meeting.scheduled_for:%a %d %b}"
            self.show_section()
            self.set_interval(1.0, self.tick)
        finally:  # its first section has the focus (or the screen is leaving): the keys typed meanwhile go on
            if self._hold is not None:
                self.app.release_keys(self._hold)

    def _leave(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")
        self._place_agenda()

    def swallows_key(self, event: events.Key) -> bool:
        """A key typed onto the section's list that is typing, not a command (see
        ``tui.typing_guard``); asked by ``SmarkmeetApp.on_event`` before the list's keys run."""
        from textual.widgets import DataTable

        hint = TYPING_HINTS.get(self.runner.current.kind)
        if self.focused is not None and self.focused.id == "ratings":
            hint = RATINGS_TYPING_HINT
        if hint is None or self.prompt.is_open or not isinstance(self.focused, DataTable):
            return False
        return self._typing.swallows(event, self.app.active_bindings, hint,
                                     lambda said: self.notify(said, severity="warning", timeout=5, markup=False))

    @property
    def meeting_running(self) -> bool:
        """True while the meeting is in progress (ctrl+q asks before leaving it)."""
        runner = getattr(self, "runner", None)  # (none until the meeting is read, as the screen mounts)
        return runner is not None and runner.meeting.status is MeetingStatus.IN_PROGRESS

    @property
    def agenda_shown(self) -> bool:
        if self._agenda_wanted is not None:
            return self._agenda_wanted
        return self.size.width >= AGENDA_MIN_WIDTH

    def _place_agenda(self) -> None:
        hidden = not self.agenda_shown
        if hidden != self.has_class("-no-agenda"):
            self.set_class(hidden, "-no-agenda")
            if hasattr(self, "runner"):
                self.show_clock()  # the countdown bar carries the meeting's total while the agenda is away

    def action_toggle_agenda(self) -> None:
        self._agenda_wanted = not self.agenda_shown
        self._place_agenda()

    # -- the clock --------------------------------------------------------------

    def tick(self) -> None:
        self._ticks += 1
        if self._ticks % CHECKPOINT_SECONDS == 0:
            self.guard(self.runner.checkpoint)
        self.show_clock()

    def show_clock(self) -> None:
        runner = self.runner
        clocks = [runner.clock(section) for section in runner.sections]
        self.query_one(AgendaSidebar).show(clocks, runner.current.id, runner.total_elapsed(),
                                           runner.planned_seconds, runner.paused)
        total = None if self.agenda_shown else (runner.total_elapsed(), runner.planned_seconds)
        self.query_one(ClockBar).show(runner.position, len(runner.sections), runner.clock(), runner.paused,
                                      total=total)

    # -- sections ---------------------------------------------------------------

    def show_section(self) -> None:
        kind = self.runner.current.kind
        self.query_one(ContentSwitcher).current = PANEL_IDS[kind]
        self.app.drop_stale_notices()  # type: ignore[attr-defined]
        # "Resolved: … (ctrl+z undoes)" carried into the wrap-up, where ctrl+z undoes its own items
        self.app.drop_undone_notices()  # type: ignore[attr-defined]
        self._measured = None  # counted again on entering the goal review: verdicts may be new since
        self._typing.forget()
        self.refresh_panel()
        self.show_clock()
        self._focus_panel(self.query_one(f"#{PANEL_IDS[kind]}"))

    def _focus_panel(self, panel) -> None:
        """Focus the panel's first field or table, where the facilitator starts typing: at once,
        so the keys typed straight after ctrl+n are for it, not for the section left (hidden).
        A question still open keeps the focus until it is answered or left; then it goes there."""
        widget = next((widget for widget in panel.query("DataTable, Input") if widget.focusable), None)
        if widget is None:
            return
        if self.prompt.is_open:
            self.prompt.return_to(widget)
            if self.focused is self.prompt.query_one("#prompt-input"):
                return
        self.set_focus(widget, scroll_visible=False)

    # -- the wrap-up's new items, put right as in the action-item browser (ItemCommands) --

    def item_id(self) -> str | None:
        """The item under the cursor of the wrap-up's new items or of the action review."""
        kind = self.runner.current.kind
        if kind is SectionKind.WRAPUP:
            return self.query_one(WrapupPanel).selected_item_id()
        if kind is SectionKind.ACTION_REVIEW:
            return self.query_one(ActionReviewPanel).selected_item_id()
        return None

    def shown(self) -> None:
        self.refresh_panel()
        said = self._alike_said
        row = self.store.one("SELECT status FROM action_items WHERE id = ?", [said]) if said is not None else None
        if said is not None and (row is None or row["status"] != ActionStatus.OPEN.value):
            # "Already open: … x on the new one drops it" stayed below the list once it was dropped
            self._alike_said = None
            if self.runner.current.kind is SectionKind.WRAPUP:
                self.query_one(WrapupPanel).show_error("")

    def undo_place(self) -> object:
        return self.runner.current.id

    def show_item(self, item_id: str) -> None:
        kind = self.runner.current.kind
        if kind is SectionKind.WRAPUP:
            self.query_one(WrapupPanel).show_item(item_id)
        elif kind is SectionKind.ACTION_REVIEW:
            self.query_one(ActionReviewPanel).show_item(item_id)

    def refresh_panel(self) -> None:
        log, meeting = self.store, self.runner.meeting
        kind = self.runner.current.kind
        if kind is SectionKind.CHECKIN:
            self.query_one(CheckinPanel).show(attendance.attendance_rows(log, meeting))
        elif kind is SectionKind.ACTION_REVIEW:
            rows = review.items_for_review(log, meeting, show_snoozed=self._show_hidden_items,
                                           show_closed=self._show_hidden_items)
            # judged on the meeting's day when it is dated ahead, as its list (snoozes) and its carry are
            self.query_one(ActionReviewPanel).show(rows, wrapup.counting_day(meeting, log.clock.today()),
                                                   review.carried_earlier_today(log, meeting))
        elif kind is SectionKind.GOAL_REVIEW:
            from smarkmeet.services import funnel

            from smarkmeet.services.measures import measured_all

            statuses = log.goals.statuses(last=8)
            try:
                funnels = funnel.funnels_for(log, [status.goal for status in statuses])
            except funnel.FunnelError as error:
                funnels = error
            panel = self.query_one(GoalReviewPanel)
            panel.currency = currency(log)
            panel.reviewed = goals_reviewed(log)
            starts = {status.goal.id: reviewed_start(status.goal.period, meeting.scheduled_for, panel.reviewed)
                      for status in statuses}
            asked = {status.goal.id: (status.goal, starts[status.goal.id]) for status in statuses}
            if self._measured is None or self._measured[0] != asked:  # not again for each actual entered
                self._measured = (asked, measured_all(log, asked))
            panel.show(statuses, starts, funnels, self._measured[1])
        elif kind is SectionKind.LEAD_FEEDBACK:
            rows = leadreview.leads_for_review(log, meeting)
            panel = self.query_one(LeadFeedbackPanel)
            panel.judged_here = self._judged_here()
            panel.owner_labels = leadreview.owner_labels(log)
            panel.comments = leadreview.comments_in(log, meeting)
            panel.first_review = leadreview.is_first_review(log, meeting)
            panel.undated_waiting = leadreview.undated_waiting(log)
            panel.show(rows, leadreview.tally_by_source(log, meeting), leadreview.sla_hours(log))
        elif kind is SectionKind.CRITICISM:
            found = criticism.notes_for_meeting(log, meeting)
            ids = [note.id for note in found.notes]
            followups = log.notes.followup_counts(ids)
            panel = self.query_one(CriticismPanel)
            panel.latest_followups = log.notes.latest_followups(ids)
            panel.show(found.notes, meeting.id, followups, earlier_open=found.earlier_open,
                       item_status=found.item_status, items=found.items)
        elif kind is SectionKind.WRAPUP:
            self.query_one(WrapupPanel).show(
                wrapup.items_added_in(log, meeting), attendance.present_people(log, meeting),
                log.people.ratings(meeting.id), log.meetings.get(meeting.id).summary,
            )

    def action_next_section(self) -> None:
        if self.runner.position == len(self.runner.sections) - 1:  # said with the key that does end it
            self.notify("This is the last section: ctrl+f ends the meeting and writes the minutes.", timeout=4)
            return
        if self.guard(self.runner.next_section):
            self.show_section()

    def action_previous_section(self) -> None:
        if self.guard(self.runner.previous_section):
            self.show_section()

    def action_go_to_section(self) -> None:
        """Each section marked as the agenda marks it (✓ done, ▶ current) with its time so far:
        narrower than 100 columns the agenda is hidden, and this is where the sections are seen."""
        runner = self.runner
        choices = []
        for section in runner.sections:
            mark = "▶" if section.id == runner.current.id else "✓" if section.status is SectionStatus.DONE else " "
            spent = runner.clock(section).elapsed
            time = f"{minutes_seconds(spent)} / {section.timebox_minutes} min" if spent else \
                f"{section.timebox_minutes} min"
            choices.append((f"{mark} {section.title}  ({time})", section.id))
        after = min(runner.position + 1, len(choices) - 1)  # the next section, as ctrl+n would go
        self.app.push_screen(ChoiceDialog("Go to which section?", choices, highlighted=after), self._go_to)

    def _go_to(self, section_id: str | None) -> None:
        if section_id and self.guard(lambda: self.runner.go_to(section_id)):
            self.show_section()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_pause" and parameters:  # ctrl+t's pause while running, its resume while paused
            runner = getattr(self, "runner", None)  # (asked before the meeting is read, as the screen mounts)
            paused = bool(runner is not None and runner.meeting.paused)
            return (parameters[0] == "resume") is paused
        return True

    def action_toggle_pause(self, which: str = "") -> None:
        if which and (which == "pause") is bool(self.runner.meeting.paused):  # already so: the keys said
            self.refresh_bindings()  # otherwise (a stale footer): nothing to toggle
            return
        paused = self.guard(self.runner.toggle_pause)
        self.show_clock()
        self.refresh_bindings()  # the footer's and keys panel's ctrl+t says the other now
        if paused is not None:
            self.notify("Clock paused — ctrl+t resumes" if paused else "Clock running", timeout=3)

    # -- errors -----------------------------------------------------------------

    def guard(self, work: Callable[[], object]) -> object | None:
        """Run a write; show what went wrong in words instead of failing."""
        try:
            result = work()
        except (MeetingError, LogError, ValidationError, RefusedInWords) as error:
            tell(self, error)
            return None
        return True if result is None else result

    def prompt_entry(self, work: Callable[[], object]) -> str | None:
        """A prompt's answer as an entry: None once it is in the log, else what keeps the prompt
        open with the typed text (the notice says why)."""
        return None if self.entry(work) else NOT_SAVED

    def entry(self, work: Callable[[], object]) -> bool:
        """Make an entry, then show it."""
        ok = self.guard(work) is not None
        self.refresh_panel()
        self.show_clock()
        return ok

    @property
    def prompt(self) -> PromptBar:
        return self.query_one(PromptBar)

    @on(SectionPanel.Asked)
    def _asked(self, event: SectionPanel.Asked) -> None:
        self.app.release_keys(event.hold)  # a panel's question is up (or there was none): the keys held go on

    def ask_date(self, label: str, apply: Callable[[date], object], value: str = "", *, snooze: bool = False) -> None:
        """Ask for a carry's due date or a snooze's end: never a day gone by, nor today for a
        snooze (it would hide nothing: the item stayed listed, was carried, and the minutes
        called it both)."""
        from smarkmeet.domain.dates import describe_choice, example_days, read_date

        real_today = self.store.clock.today()
        today = wrapup.counting_day(self.runner.meeting, real_today)  # a meeting dated ahead counts from its day

        def take(day: date) -> str | None:
            if day < real_today:  # a carried or snoozed item's date is never behind the meeting
                return f"{day:%a %d %b %Y} has passed; type today or a later day"
            ahead = today != real_today  # a meeting dated ahead: its own day is the first a carry may take
            if day < today:
                later = "a later day" if snooze else "that day or a later one"
                return f"{day:%a %d %b} is before this meeting's day ({today:%a %d %b}); type {later}"
            if snooze and day == today:
                when = f"{day:%a %d %b}, the meeting's day" if ahead else "today"
                return f"{when}: a snooze hides the item until a later day; type one (tomorrow, fri, +3d)"
            return self.prompt_entry(lambda: apply(day))

        def answer(text: str) -> str | None:
            reading = read_date(text, today, future_only=True)
            if reading.error:
                return reading.error
            if reading.ambiguous:  # (said from the real today: "today" for the meeting's day misled)
                choices = [(describe_choice(day, real_today), day) for day in reading.candidates]
                return self.prompt.choose(f"“{text.strip()}” could mean:", choices, take)
            return take(reading.value)

        self.prompt.ask(label, answer, value=value, placeholder=DATE_HINT.format(**example_days(self.app.clock.today())))

    # -- check-in -------------------------------------------------------------

    @on(CheckinPanel.AttendanceMarked)
    def _attendance(self, event: CheckinPanel.AttendanceMarked) -> None:
        self.entry(lambda: attendance.set_present(self.store, self.runner.meeting, event.person_id, event.present))

    @on(CheckinPanel.GuestRequested)
    def _guest(self) -> None:
        def answer(name: str) -> str | None:
            if not name.strip():
                return "Type the guest's name."
            typed = name.strip().lstrip("@")
            if len(typed) == 1 and typed.isascii() and self.store.people.by_handle(typed) is None:
                # "m" had checked in Mei Chen ("李" may be a whole name)
                return "Type the guest's name: one letter names no one."
            checked_in: list[tuple] = []  # (the person, whether added), once written

            def check_in() -> bool:
                checked_in.append(attendance.check_in_guest(self.store, self.runner.meeting, name.strip()))
                return True

            said = self.prompt_entry(check_in)
            if checked_in and not checked_in[0][1]:  # "Mei Chen" typed as a guest: Mei, checked in
                person = checked_in[0][0]
                # ("@sam" names the handle: no guest is called that)
                first = person.name.split()[0]
                other = "" if attendance.is_whole_name(person, name) or name.strip().startswith("@") else (
                    f" Meant a guest called {name.strip()}? Mark {first} absent (a) if not here, then g and "
                    "the guest's full name.")
                self.notify(f"Checked in {person.name} ({'a guest already known' if person.guest else 'on the team'})"
                            f" as present.{other}", timeout=5 if not other else 10, markup=False)
            return said

        self.prompt.ask("Guest's name (checked in as present):", answer)

    # -- action review ----------------------------------------------------------

    @on(ActionReviewPanel.ItemActed)
    def _item_acted(self, event: ActionReviewPanel.ItemActed) -> None:
        log, meeting, item = self.store, self.runner.meeting, event.item

        def as_listed() -> None:
            """Refuse a change to an item changed elsewhere since the list was read (the command
            line, another window): a drop pressed on "OVERDUE" silently replaced the done given
            there. Checked as the key is pressed, and again as a question about it is answered."""
            if item_state(log.actions.get(item.id)) != item_state(item):
                raise RefusedInWords(f"“{fit(item.title, 50)}” was changed elsewhere meanwhile; the list now shows "
                                     "it as it is. Press the key again if it still applies.")

        try:
            as_listed()
        except RefusedInWords as error:
            self.refresh_panel()
            tell(self, error)
            return

        def undoable(what: str, work: Callable[[], object]) -> Callable[[], object]:
            """The entry, made the one ctrl+z undoes (a key pressed on the wrong item)."""
            def run() -> None:
                before = log.actions.get(item.id)
                work()
                self.remember_undo(before, what)
            return run

        def carry(day: date) -> None:
            as_listed()
            before, earlier = log.actions.get(item.id), log.actions.carry_in(item.id, meeting.id)
            review.carry(log, item.id, day, meeting)
            if (log.actions.get(item.id), log.actions.carry_in(item.id, meeting.id)) != (before, earlier):
                self.keep_undo(item.id, lambda: log.actions.take_back_carry(before, earlier, meeting_id=meeting.id),
                               "Carried")  # (carried again to the day it has: nothing to undo)
            self.notify(f"Carried to {day:%a %d %b}: {fit(item.title, 40)}  (ctrl+z undoes)", timeout=4, markup=False)

        def snooze(day: date) -> None:
            as_listed()
            undoable("Snoozed", lambda: review.snooze(log, item.id, day, meeting))()
            # hidden from the list until then (h shows it): said, or it just vanished
            self.notify(f"Snoozed until {day:%a %d %b}: {fit(item.title, 40)}  (h shows it · ctrl+z undoes)",
                        timeout=4, markup=False)

        if event.action == "done":
            self.entry(undoable("Done", lambda: review.mark_done(log, item.id, meeting)))
        elif event.action == "drop":
            self.entry(undoable("Dropped", lambda: review.drop(log, item.id, meeting)))
        elif event.action == "reopen":
            self.entry(undoable("Reopened", lambda: review.reopen(log, item.id, meeting)))
        elif event.action == "carry":
            if item.status.value != "open":
                self.notify("Only an open item can be carried; press o to reopen it first.", severity="warning")
                return
            # the question first, the title cut: at 80 columns a long title hid what was asked
            # (cut to what the question's line leaves: 28 cells cut titles at 120 columns too)
            self.ask_date(self.prompt.naming("New due date for ", item.title, ":"), carry,
                          value=wrapup.next_meeting_day(meeting).isoformat())
        elif event.action == "snooze":
            self.ask_date(self.prompt.naming("Snooze until (", item.title, "):"), snooze, snooze=True)

    @on(ActionReviewPanel.HiddenToggled)
    def _hidden(self, event: ActionReviewPanel.HiddenToggled) -> None:
        panel = self.query_one(ActionReviewPanel)
        selected = panel.selected_item_id()
        self._show_hidden_items = event.show_hidden
        self.refresh_panel()
        if selected is not None:  # the rows shown or hidden shift the others: the cursor stays on its item
            panel.show_item(selected)

    # -- goals ----------------------------------------------------------------

    def _doubtful_actual(self, goal, typed: str, value: float, before: dict | None, *, from_log: bool) -> str:
        """Why an actual as typed is likely not what was meant, or "": far off the target (2000
        typed for 20), a share over 100%, a percentage typed as a fraction (0.5 for 50%), a count
        that is not a whole number; or it replaces an actual entered in another meeting (a figure
        typed onto the wrong row ran over last week's, unsaid) — all of it in one question, asked
        once (the next Enter saved 2.5 customers, said only to replace 3.5, without a word of the half)."""
        shown = amount(value, goal.unit, currency(self.store))
        doubt = "" if from_log else self._doubtful_figure(goal, typed, value)  # (the log's own figure is not asked about)
        if before is not None and before["actual"] != value and before["meeting_id"] != self.runner.meeting.id:
            was = amount(before["actual"], goal.unit, currency(self.store))
            met = self.store.meetings.get(before["meeting_id"]) if before["meeting_id"] else None
            # the meeting's start as well as its day: an earlier meeting the same day reads as this one
            started = f", started {met.started_at.astimezone():%H:%M}" if met is not None and met.started_at else ""
            when = f" in the meeting of {met.scheduled_for:%a %d %b}{started}" if met is not None else ""
            return (f"This period already has {was}, entered{when}" + (f"; and {doubt}" if doubt else "")
                    + f": Enter again replaces it with {shown}, Esc keeps it")
        return f"{doubt}: Enter again keeps it, or type another figure" if doubt else ""

    def _doubtful_figure(self, goal, typed: str, value: float) -> str:
        """What makes a figure as typed likely not the one meant, or ""."""
        shown = amount(value, goal.unit, currency(self.store))
        if goal.unit is Unit.PERCENT and 0 < value <= 1 and "%" not in typed and goal.target > 1:
            return f"“{typed.strip()}” is read as {shown} — for {value * 100:g}% type {value * 100:g}"
        if goal.unit is Unit.PERCENT and value > 100 >= goal.target:  # (a goal of 300% coverage is not asked)
            return f"{shown} is over 100%, more than all of them"
        if goal.unit is Unit.COUNT and value != int(value) and goal.target == int(goal.target):
            return f"{goal.name} counts whole ones, and {value:g} is not a whole number"
        if goal.target and value > IMPLAUSIBLE_TIMES * goal.target:
            return (f"{shown} is {value / goal.target:,.0f}× the target of "
                    f"{amount(goal.target, goal.unit, currency(self.store))}")
        return ""

    @on(GoalReviewPanel.ActualRequested)
    def _actual(self, event: GoalReviewPanel.ActualRequested) -> None:
        goal = event.status.goal

        def answer(text: str) -> str | None:
            from smarkmeet.services.goals import GoalError, parse_actual

            try:
                value = parse_actual(text, goal.unit, currency=currency(self.store))
            except GoalError as error:
                return str(error)
            from_log = logged is not None and text.strip() == f"{logged.value:.15g}"
            before = self.store.goals.checkin_for(goal.id, event.period_start)
            if self._implausible != (goal.id, text) and (
                    doubt := self._doubtful_actual(goal, text, value, before, from_log=from_log)):
                self._implausible = (goal.id, text)  # said once: Enter again keeps it
                return doubt
            problem = self.prompt_entry(lambda: self.store.goals.check_in(goal, event.period_start, value,
                                                                        meeting_id=self.runner.meeting.id))
            if problem is None:
                entered = self.store.goals.checkin_for(goal.id, event.period_start)
                figures = ("actual", "target", "meeting_id")  # (its time is written anew each time)
                if before is None or any(entered[key] != before[key] for key in figures):  # the same actual again:
                    # the last change stays ctrl+z's
                    self._actuals_entered.append(_ActualEntered(goal.id, goal.name, entered, before))
                self.query_one(GoalReviewPanel).advance()
            return problem

        checkin = checkin_of(event.status, event.period_start)
        entered = f"{checkin.actual:.15g}" if checkin else ""
        logged = event.measured if event.measured is not None and event.measured.value is not None else None
        if not entered and logged is not None:  # the log's own figure, Enter takes it
            entered = f"{logged.value:.15g}"
        # a digit typed onto the list starts the answer; Enter or e shows the actual in (or the
        # log's figure), to type over; the period and target first: at 80 columns the end of a
        # long question is cut off
        period = (f"{event.period_start:%B %Y}" if goal.period.value == "monthly"
                  else f"week of {event.period_start:%a %d %b}")
        target = amount(goal.target, goal.unit, currency(self.store))
        # the period before's actual, in figures: the trend beside the list scales each goal to its
        # own range, so "the week before: 22" could be read out nowhere
        earlier = self.store.goals.checkin_for(goal.id, period_start(goal.period, event.period_start - timedelta(days=1)))
        before = "" if earlier is None else (
            f"the {'month' if goal.period.value == 'monthly' else 'week'} before: "
            f"{amount(earlier['actual'], goal.unit, currency(self.store))}")
        asked = self.prompt.naming(f"Actual, {period} (target {target}) — ", goal.name, ":", quoted=False)
        # on a line of their own: the goal's name is not cut for them
        # (Enter takes the log's figure only where none is entered: else the field holds the one entered)
        said = [f"log: {event.measured.says}" + (" — Enter takes it" if logged and checkin is None else "")
                ] if event.measured else []
        if checkin is not None:
            # what a figure typed replaces, said before it is typed over (entered in this morning's
            # meeting, between meetings, or here a moment ago), beside the log's own figure
            where = ("here" if checkin.meeting_id == self.runner.meeting.id else
                     "in an earlier meeting" if checkin.meeting_id else "outside a meeting")
            said.insert(0, f"already entered {where}: {amount(checkin.actual, goal.unit, currency(self.store))}")
        if said or before:
            asked += "\n" + self.prompt.facts([*said, *([before] if before else [])])
        self.prompt.ask(asked, answer, value=event.typed or entered,
                        select=not event.typed)

    def action_nothing_to_undo(self) -> None:
        """ctrl+z where nothing of the section's is undone: how a slip is put right there."""
        kind = self.runner.current.kind
        said = {
            SectionKind.CHECKIN: "Nothing to undo at the check-in: p, a or space on a person puts their mark right.",
            SectionKind.WRAPUP: "A rating is put right by rating again (Enter, or 1–9 and 0 for 10); ctrl+z on "
                                "the list of new items undoes a change to one.",
            # (a change made with e is not one ctrl+z undoes: "the last change made there" sent
            # people to the list, where ctrl+z said nothing to undo)
            SectionKind.CRITICISM: "ctrl+z on the list of notes (Tab to it) undoes the last note resolved or "
                                   "reopened; a note raised here is put right with e on it.",
        }.get(kind, "ctrl+z undoes on the section's list (Tab to it): the last change made there.")
        self.notify(said, severity="information", timeout=4, markup=False)

    def _put_back_latest(self, done: list, nothing_said: str,
                         put_back: Callable[[Any], object]) -> tuple[Any, bool] | None:
        """ctrl+z in a section: the latest of ``done`` (its changes in this sitting, newest last)
        put back. Returns it with True, or with False when it was changed since (the older ones
        are then dropped: older still); None when there was nothing to undo (said so) or the log
        did not take it (said so, and it stays the one ctrl+z undoes)."""
        if not done:
            self.notify(nothing_said, severity="information", timeout=3)
            return None
        last = done[-1]
        result = self.guard(lambda: put_back(last))
        if result is None:
            return None
        done.pop()
        if result is False:
            done.clear()
        return last, result is not False

    def action_undo_note(self) -> None:
        """ctrl+z on the criticism notes: the last note resolved or reopened here goes back."""
        undone = self._put_back_latest(
            self._notes_changed, "No note resolved or reopened here to undo.",
            lambda last: criticism.put_back_status(self.store, last.note_id, last.before, last.after,
                                                   self.runner.meeting))
        if undone is None:
            return
        last, put_back = undone
        observation = fit(self.store.notes.get(last.note_id).observation, 50)
        self.app.drop_undone_notices()  # type: ignore[attr-defined]
        if not put_back:
            self.notify(f"Not undone: “{observation}” has been changed since.", severity="warning", timeout=5,
                        markup=False)
        else:
            more = "  (ctrl+z again undoes the one before)" if self._notes_changed else ""
            self.notify(f"Undone ({last.what}): {observation}{more}", timeout=3, markup=False)
        self.refresh_panel()
        self.query_one(CriticismPanel).show_note(last.note_id)

    @on(GoalReviewPanel.TakeBackAsked)
    def _take_back_actual(self, event: GoalReviewPanel.TakeBackAsked) -> None:
        undone = self._put_back_latest(
            self._actuals_entered, "No actual entered here to undo.",
            lambda last: self.store.goals.put_back(last.entered, last.before, meeting_id=self.runner.meeting.id))
        if undone is None:
            return
        last, put_back = undone
        name = fit(last.goal_name, 40)
        if not put_back:
            self.notify(f"Not undone: the actual of {name} has been changed since.", severity="warning",
                        timeout=5, markup=False)
            self.refresh_panel()
            return
        goal = self.store.goals.get(last.goal_id)
        was = (f"back to {amount(last.before['actual'], goal.unit, currency(self.store))}" if last.before
               else "no actual entered")
        self.refresh_panel()
        self.query_one(GoalReviewPanel).show_goal(last.goal_id)
        self.app.drop_undone_notices(about=last.goal_name)
        self.notify(f"Undone: {name} — {was}", timeout=4, markup=False)

    # -- leads ----------------------------------------------------------------

    @on(LeadFeedbackPanel.VerdictGiven)
    def _verdict(self, event: LeadFeedbackPanel.VerdictGiven) -> None:
        panel = self.query_one(LeadFeedbackPanel)
        lead = event.lead.lead

        before = event.lead.verdict

        def give(reason: str = "") -> None:
            log, meeting = self.store, self.runner.meeting
            given = self.guard(lambda: leadreview.give_verdict_undoably(log, lead.id, event.verdict, meeting,
                                                                        reason=reason))
            if given:
                self._verdicts_given.append(given)  # ctrl+z takes the latest back
                panel.judged_here = panel.judged_here | {lead.id}
                # "Taken back: Diego — nurture; the lead is as it was" no longer says what is so
                self.app.drop_notices_saying(f"Taken back: {lead.name or lead.crm_id} — ")  # type: ignore[attr-defined]
                if before is not None and before is not event.verdict:  # said: it runs over a verdict given before
                    self.notify(f"{lead.name or lead.crm_id}: {before.value} → {event.verdict.value} "
                                f"(replaces the verdict it had; h shows its history)", timeout=5, markup=False)
                self._redraw_lead(lead.id)
                self.show_clock()
                # m there, the cursor not moved by hand since: a comment on this verdict (the table's
                # own highlights, as it refits, say nothing of who moved it)
                self._moved_on_to = (panel.advance(), panel.moved_by_hand())

        if event.verdict is Verdict.REJECTED:
            reasons = leadreview.rejection_reasons(self.store)
            self.app.push_screen(
                ChoiceDialog(f"Why is {lead.name or lead.crm_id} rejected?", [(r, r) for r in reasons]),
                lambda reason: reason and give(reason),
            )
        else:
            give()

    def _judged_here(self) -> frozenset[str]:
        """The leads given a verdict in this meeting: under v they stay listed, with it."""
        return frozenset(row["lead_id"] for row in self.store.rows(
            "SELECT DISTINCT lead_id FROM lead_feedback WHERE meeting_id = ?", [self.runner.meeting.id]))

    def _redraw_lead(self, lead_id: str) -> None:
        """This lead's row and the totals, not the whole review again (thousands after an import)."""
        log, meeting = self.store, self.runner.meeting
        panel = self.query_one(LeadFeedbackPanel)
        for row in leadreview.leads_for_review(log, meeting, lead_id=lead_id):
            panel.update_lead(row, leadreview.tally_by_source(log, meeting), leadreview.sla_hours(log))

    @on(LeadFeedbackPanel.TakeBackAsked)
    def _take_back_verdict(self, event: LeadFeedbackPanel.TakeBackAsked) -> None:
        log, meeting = self.store, self.runner.meeting
        undone = self._put_back_latest(self._verdicts_given, "No verdict given here to take back.",
                                       lambda given: leadreview.take_back(log, given))
        if undone is None:
            return
        given, taken = undone
        lead = log.leads.get(given.feedback.lead_id)
        name = lead.name or lead.crm_id
        self._moved_on_to = None
        if not taken:  # only the latest can be taken back
            self.notify(f"{name} has had another verdict since ({given.feedback.verdict.value} is no longer its "
                        "latest); h shows its history", severity="warning", timeout=5, markup=False)
            return
        panel = self.query_one(LeadFeedbackPanel)
        panel.comments = leadreview.comments_in(log, meeting)  # a comment goes with its verdict
        panel.judged_here = self._judged_here()  # back to an earlier verdict, it leaves a list of those waiting (v)
        self._redraw_lead(lead.id)
        panel.show_lead(lead.id)
        self.app.drop_undone_notices(about=name)
        self.notify(f"Taken back: {name} — {given.feedback.verdict.value}; the lead is as it was", timeout=4,
                    markup=False)

    @on(LeadFeedbackPanel.WaitingOnlyToggled)
    def _waiting_only(self, event: LeadFeedbackPanel.WaitingOnlyToggled) -> None:
        panel = self.query_one(LeadFeedbackPanel)
        here = panel.lead_under_cursor()
        panel.waiting_only = not panel.waiting_only
        self.refresh_panel()
        if here is not None:  # the same lead (or the next one listed), not the same row number
            panel.show_lead(here)

    @on(LeadFeedbackPanel.CommentAsked)
    def _verdict_comment(self, event: LeadFeedbackPanel.CommentAsked) -> None:
        log, meeting = self.store, self.runner.meeting
        panel = self.query_one(LeadFeedbackPanel)
        given_here = log.one("SELECT verdict FROM lead_feedback WHERE lead_id = ? AND meeting_id = ? "
                             "ORDER BY rowid DESC LIMIT 1", [event.lead.lead.id, meeting.id])
        if given_here is not None:  # the lead under the cursor
            lead_id, name, verdict = event.lead.lead.id, event.lead.lead.name or event.lead.lead.crm_id, given_here["verdict"]
        elif self._verdicts_given and self._moved_on_to == (event.lead.lead.id, panel.moved_by_hand()):
            # "a" then "m": the cursor has moved on by itself, the comment is for the verdict just given
            # (moved on further by hand, m is about the lead highlighted, which has no verdict yet)
            last = self._verdicts_given[-1].feedback
            lead = log.leads.get(last.lead_id)
            lead_id, name, verdict = lead.id, lead.name or lead.crm_id, last.verdict.value
        else:  # asked all the same: a comment typed straight after m lands here, not on the list as verdict keys
            name = event.lead.lead.name or event.lead.lead.crm_id
            # short: at 80 columns the end of the line is cut, and it says how to get out
            # a verdict from before (an import, an earlier meeting) is not this meeting's to comment on
            first = f"No verdict given here yet: Esc, then a, r, n or c for {name}"

            def not_saved(text: str) -> None:
                # Enter closes it (left open, it kept the focus through ctrl+n and took the wrap-up's
                # lines too); what was typed is said, not lost unseen
                if text.strip():
                    self.notify(f"Not saved — {name} has no verdict given here (a, r, n or c, then m): “{text.strip()}”",
                                severity="warning", timeout=10, markup=False)
                return None

            self.prompt.ask(f"A comment on {fit(name, 30)}'s verdict:", not_saved)
            self.prompt.show_error(first)
            return

        def answer(text: str) -> str | None:
            if self.guard(lambda: leadreview.comment_on_verdict(log, meeting, lead_id, text)) is None:
                return NOT_SAVED
            panel.comments = leadreview.comments_in(log, meeting)
            panel.show_detail()
            if lead_id != event.lead.lead.id:  # not the lead on screen below the list: said
                self.notify(f"Comment kept with {name}'s verdict", timeout=3, markup=False)
            return None

        self.prompt.ask(f"Why {verdict}? A comment on {fit(name, 30)}'s verdict (empty: none):",
                        answer, value=panel.comments.get(lead_id, ""))

    @on(LeadFeedbackPanel.HistoryAsked)
    def _lead_history(self, event: LeadFeedbackPanel.HistoryAsked) -> None:
        self.app.show_lead_history(event.lead.lead.crm_id)

    # -- criticism --------------------------------------------------------------

    @on(CriticismPanel.NoteSubmitted)
    def _note(self, event: CriticismPanel.NoteSubmitted) -> None:
        panel = self.query_one(CriticismPanel)
        added: list = []
        if event.editing is not None:
            if not self.entry(lambda: added.append(criticism.edit_note(
                    self.store, event.editing, self.runner.meeting, from_side=event.from_side,
                    observation=event.observation, impact=event.impact, request=event.request))):
                panel.put_back(event)  # still being changed: Enter saves it, Esc leaves it as it was
                return
            panel.end_edit()
            panel.show_note(event.editing.id)
            if added[0] == event.editing:
                self.notify(f"Note unchanged: {fit(event.observation, 60)}", timeout=3, markup=False)
            else:
                self.notify(f"Note changed: {fit(event.observation, 60)}" + (
                    "" if event.request else " — without a request it is marked not yet constructive."),
                    severity="information" if event.request else "warning", timeout=4, markup=False)
            return
        if not self.entry(lambda: added.append(criticism.add_note(
                self.store, self.runner.meeting, from_side=event.from_side, observation=event.observation,
                impact=event.impact, request=event.request))):
            panel.put_back(event)  # the form was emptied as the note was sent
            return
        panel.show_note(added[0].id)  # shown whole below the list: the note just added, not the one highlighted
        if not event.request:
            self.notify("Note added without a request: it is marked not yet constructive.", severity="warning")

    @on(CriticismPanel.NoteActed)
    def _note_acted(self, event: CriticismPanel.NoteActed) -> None:
        log, meeting, note = self.store, self.runner.meeting, event.note
        if event.action in ("resolve", "reopen"):
            before = criticism.status_of(log, note.id)
            act = criticism.resolve if event.action == "resolve" else criticism.reopen
            if self.entry(lambda: act(log, note.id, meeting)):
                after = criticism.status_of(log, note.id)
                if after != before:  # (resolved again: no change to undo)
                    what = "resolved" if event.action == "resolve" else "reopened"
                    self._notes_changed.append(_NoteChanged(note.id, what, before, after))
                    # said, with the way back: a letter typed onto the list by mistake acts too
                    self.notify(f"{what.capitalize()}: {fit(note.observation, 50)}  (ctrl+z undoes)", timeout=4,
                                markup=False)
        elif event.action == "edit":
            if note.meeting_id != meeting.id:
                self.notify("Raised in an earlier meeting, this note stays as it was said; f adds a follow-up.",
                            severity="warning", timeout=5)
                return
            self.query_one(CriticismPanel).begin_edit(log.notes.get(note.id))
        elif event.action == "follow_up":
            def answer(text: str) -> str | None:
                if not text.strip():
                    return "Type where it stands, e.g. “draft shared, review next week”."
                return self.prompt_entry(lambda: criticism.follow_up(log, note.id, text.strip(), meeting))

            self.prompt.ask(self.prompt.naming("Follow-up on ", note.observation, " (the note stays open):"), answer)
        elif event.action == "to_action":
            if note.action_item_id:
                self.notify("This note already has an action item.", severity="warning")
                return
            section = next((s.id for s in self.runner.sections if s.kind is SectionKind.CRITICISM), None)
            owner_side = "sales" if note.to_side is Side.SALES else "marketing"
            self.ask_quick_add(
                f"Action item for this note ({owner_side} owns it? add @name and due:):",
                section, value=f"{note.request or note.observation} @",
                linked=lambda item_id: criticism.link_action(log, note.id, item_id, meeting),
            )

    # -- wrap-up ----------------------------------------------------------------

    def action_add_action_item(self) -> None:
        self.ask_quick_add("New action item — Title @owner due:fri", self.runner.current.id)

    def ask_quick_add(self, label: str, section_id: str | None, value: str = "",
                      linked: Callable[[str], object] | None = None) -> None:
        def answer(line: str) -> str | None:
            return self.quick_add(line, section_id, linked=linked)

        self.prompt.ask(label, answer, value=value, select=False,  # a title started for you: go on typing
                        placeholder=f"Send the deck @{example_owner(self.store)[0]} due:fri")

    @on(WrapupPanel.QuickAddSubmitted)
    def _quick_add_line(self, event: WrapupPanel.QuickAddSubmitted) -> None:
        panel = self.query_one(WrapupPanel)
        problem = self.quick_add(event.line, self.runner.current.id, done=lambda: panel.quick_add_done(event.line))
        if problem:  # to fix, or a dialog asks what was meant: the line stays in sight meanwhile
            panel.quick_add_kept(event.line, problem)

    def quick_add(self, line: str, section_id: str | None, *, owner_id: str | None = None, due: date | None = None,
                  done: Callable[[], object] | None = None, linked: Callable[[str], object] | None = None) -> str | None:
        """Try to add the item; ask about anything ambiguous. Returns a problem to show, or None."""
        log, meeting = self.store, self.runner.meeting
        try:
            outcome = wrapup.add_from_line(log, meeting, line, section_id=section_id, owner_id=owner_id, due=due)
        except (LogError, ValidationError) as error:
            return describe(error) if isinstance(error, ValidationError) else str(error)
        again = lambda **kw: self.quick_add(line, section_id, owner_id=kw.get("owner_id", owner_id),  # noqa: E731
                                            due=kw.get("due", due), done=done, linked=linked)
        if outcome.problems:
            return "; ".join(outcome.problems)
        if outcome.owner_choices:
            choices = [(f"{p.name} (@{p.handle}, {'guest' if p.guest else p.side.value})", p.id)
                       for p in outcome.owner_choices]
            return self._choose("Who owns it?", choices, lambda pid: again(owner_id=pid), "Pick the owner…")
        if outcome.unknown_owner:
            typed = outcome.unknown_owner  # as typed, accents and all ("@zoë")
            name = wrapup.name_from_handle(typed)  # Zoë, whose handle is zoe
            outcome = replace(outcome, unknown_owner=as_handle(typed))
            # a typo (@jrdan) is offered as who it likely meant, first: Enter by reflex must not
            # add a made-up person to the team; nor, with no near miss, put one on it (a guest
            # owns the item and is not listed at every check-in: the least to put right)
            meant = [(f"{p.name} (@{p.handle}) — meant them?", p) for p in close_to(log, outcome.unknown_owner)]
            # "@Kwame Mensah": offered under the whole name first (the surname then leaves the
            # title), under the first name alone last ("Mensah" staying in the title)
            whole = outcome.unknown_name or name
            choices = [*meant,
                       (f"Add {whole} (@{outcome.unknown_owner}) as a guest", (Side.OTHER, whole)),
                       (f"Add {whole} (@{outcome.unknown_owner}) to sales", (Side.SALES, whole)),
                       (f"Add {whole} (@{outcome.unknown_owner}) to marketing", (Side.MARKETING, whole))]
            if outcome.unknown_name:
                surname = outcome.unknown_name.split()[-1]
                choices.append((f"Add {name} (@{outcome.unknown_owner}) as a guest — “{surname}” stays in the title",
                                (Side.OTHER, name)))
            elif outcome.maybe_name:  # "@lena park": the word may be her surname, offered last
                surname = outcome.maybe_name.split()[-1].lower()
                choices.append((f"Add {outcome.maybe_name} (@{outcome.unknown_owner}) as a guest — “{surname}” "
                                "leaves the title", (Side.OTHER, outcome.maybe_name)))

            def add_person(picked: tuple[Side, str] | Any) -> str | None:  # a guest owns items, not a place on every check-in
                if not isinstance(picked, tuple):  # someone on the team, meant
                    return again(owner_id=picked.id)
                side, called = picked
                person = self.guard(lambda: attendance.add_team_member(log, called, side, outcome.unknown_owner,
                                                                       guest=side is Side.OTHER))
                return again(owner_id=person.id) if person else NOT_SAVED

            return self._choose(f"Nobody on the team is @{typed}.", choices, add_person,
                                f"@{typed} is not on the team yet…")
        if outcome.date_choices:
            from smarkmeet.domain.dates import describe_choice

            # said from the real today: in a meeting dated ahead, "today" named the meeting's day
            choices = [(describe_choice(day, log.clock.today()), day) for day in outcome.date_choices]
            return self._choose("Which due date?", choices, lambda day: again(due=day), "Pick the due date…")
        item = outcome.item
        assert item is not None
        if linked:
            self.guard(lambda: linked(item.id))
        if done:
            done()
        if self.prompt.is_open:
            self.prompt.close()
        self.refresh_panel()
        alike = log.actions.open_alike(item)
        in_wrapup = self.runner.current.kind is SectionKind.WRAPUP
        if alike:  # added all the same (two items may read alike), but said: x drops it in the wrap-up
            # short: at 80 columns a longer line pushed the list's due dates out of sight
            first = alike[0]
            owner = (first.owner_name or "no owner").split(" ")[0]
            due = f", due {first.due_date:%a %d %b}" if first.due_date else ""
            since = f" (from {day_month(first.origin_meeting_date, self.app.clock.today())})" \
                if first.origin_meeting_date else ""
            said = f"Already open: “{fit(first.title, 30)}” — {owner}{due}{since}. "
            if in_wrapup:
                self.query_one(WrapupPanel).show_error(said + "Tab, then x on the new one, drops it.")
                self._alike_said = item.id
            else:
                self.notify(said + "The wrap-up lists the new one (x drops it).", severity="warning", timeout=8,
                            markup=False)
            return None
        if in_wrapup and not self.query_one("#new-items").has_focus:
            # the new item is listed, and said whole (owner, due date) on the line below the list:
            # a notice as well covered that list, and the ratings, at 80x24
            return None
        owner = log.actions.row(item.id).owner_name or "no owner"  # a partial @name could have been anyone
        today = log.clock.today()
        due = added_due(item.due_date, today)
        meeting_day = wrapup.counting_day(self.runner.meeting, today)
        if item.due_date and today <= item.due_date < meeting_day:  # a meeting dated ahead
            due += f" — before this meeting's day ({meeting_day:%a %d %b})"
        self.notify(f"Added: {item.title} — {owner}, {due}",
                    timeout=4, markup=False)
        return None

    def _choose(self, question: str, choices: list, pick: Callable[[Any], str | None], waiting: str) -> Waiting:
        """Ask in a dialog what a quick-add line meant, then ``pick`` (which tries the line again).
        What was typed stays, in the prompt or the wrap-up line, until the item is added: Esc on
        the dialog, or a choice the log refuses, says so there."""
        if self.prompt.is_open:
            return self.prompt.choose(question, choices, pick, waiting)
        panel = self.query_one(WrapupPanel)
        dialog = ChoiceDialog(question, choices, keeps_typing=True)

        def picked(value: Any) -> None:
            panel.show_error((NONE_PICKED if value is None else pick(value)) or "")
            if dialog.typed_aside.strip():  # the next line, typed on without seeing the question: back in the field
                panel.take_typed(dialog.typed_aside.strip())

        self.app.push_screen(dialog, picked)
        return Waiting(waiting)

    @on(WrapupPanel.RatingRequested)
    def _rating(self, event: WrapupPanel.RatingRequested) -> None:
        log, meeting = self.store, self.runner.meeting
        if event.score is not None:
            self.entry(lambda: wrapup.rate(log, meeting, event.person.id, str(event.score)))
            return

        def answer(text: str) -> str | None:
            try:
                wrapup.rate(log, meeting, event.person.id, text)
            except wrapup.RatingError as error:
                return str(error)
            except (LogError, ValidationError) as error:  # the log refused it (busy, read-only, full disk)
                tell(self, error)
                return NOT_SAVED
            self.refresh_panel()
            self.query_one(WrapupPanel).move_past(event.person)  # on to the next, as a digit does
            return None

        self.prompt.ask(f"{event.person.name}'s rating of this meeting (1–10):", answer)

    @on(WrapupPanel.SummarySubmitted)
    def _summary(self, event: WrapupPanel.SummarySubmitted) -> None:
        if self.entry(lambda: wrapup.set_summary(self.store, self.runner.meeting, event.summary)):
            self.notify("Summary saved", timeout=2)

    # -- ending -----------------------------------------------------------------

    def action_end_meeting(self) -> None:
        question = (f"End “{self.runner.meeting.title}” and write the minutes? "
                    + review.end_question(self.store, self.runner.meeting))
        if self.store.people.attendance(self.meeting_id):  # attendance was taken: say who was missed
            unmarked = sorted((person.name for person in attendance.not_checked_in(self.store, self.runner.meeting)),
                              key=str.casefold)
            if unmarked:
                question += (f" Not checked in (marked neither present nor absent): {', '.join(unmarked)} "
                             "(Cancel to mark them at the check-in first).")
        elif any(section.kind is SectionKind.CHECKIN for section in self.runner.sections):
            question += (" No one was checked in: the minutes will name no one present, and no one rates the "
                         "meeting (Cancel, then ctrl+g to go to the check-in).")
        skipped = [section.title for section in self.runner.sections
                   if section.status is SectionStatus.PENDING and section.id != self.runner.current.id]
        if skipped:  # jumped over (ctrl+g): ending leaves them not done, so the question says so
            question += (f" Not opened in this meeting: {', '.join(skipped)} "
                         "(Cancel, then ctrl+g to go to one).")
        wrap = self.query_one(WrapupPanel)
        if wrap.unsaved_summary():
            question += " The summary typed is saved with it."
        present = attendance.present_people(self.store, self.runner.meeting)
        ratings = self.store.people.ratings(self.meeting_id)
        if present and not ratings:  # the trend of ratings would miss it
            question += " No one has rated the meeting (Cancel, then rate it in the wrap-up: 1–9, 0 for 10)."
        elif unrated := [person.name for person in present if person.id not in ratings]:
            question += f" Not rated yet: {', '.join(sorted(unrated, key=str.casefold))}."
        unsent = self.unsent_typing()
        if unsent:  # typed, never sent: ending drops it, so the question says so
            question += (f" Still typed, not saved: {'; '.join(unsent)}. "
                         f"Cancel to save {'it' if len(unsent) == 1 else 'them'} first.")
        self.app.push_screen(ConfirmDialog(question, "End the meeting"), self._end)

    def unsent_typing(self) -> list[str]:
        """What is typed and would be lost, each said with where it is ("the action item line
        “Send the deck…”"): never sent with Enter, so neither ending nor quitting can keep it."""
        # the prompt named by its question ("the prompt" said not which note a follow-up was for)
        asked = f"the answer to “{fit(self.prompt.question.rstrip(':'), 50)}”" if self.prompt.question else "the prompt"
        return [f"{where} “{fit(text, 40)}”" for where, text in (
            ("the action item line", self.query_one(WrapupPanel).unsent_line()),
            self.query_one(CriticismPanel).unsent_change(), (asked, self.prompt.typed),
        ) if text]

    def save_summary_typed(self) -> bool:
        """Save the wrap-up's summary as typed (no Enter yet); False if it could not be saved."""
        summary = self.query_one(WrapupPanel).unsaved_summary()
        return not summary or bool(self.entry(lambda: wrapup.set_summary(self.store, self.runner.meeting, summary)))

    def _end(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        if not self.save_summary_typed():
            return  # not saved (the notice says why): the meeting stays open with the summary typed
        from smarkmeet.paths import minutes_dir
        from smarkmeet.services.export import ExportError
        from smarkmeet.services.minutes import render_minutes, write_minutes

        written: dict[str, object] = {"path": None, "problem": None}

        def minutes(meeting) -> None:  # within the end's transaction: ended with its minutes, or not at all
            try:
                written["path"] = write_minutes(self.store, meeting, minutes_dir())
            except (OSError, ExportError) as error:  # the meeting ends all the same; the minutes are shown here
                cause = error.strerror if isinstance(error, OSError) else error
                written["problem"] = f"The minutes could not be written ({cause}); they are shown here."

        if self.guard(lambda: self.runner.end(then=minutes)) is None:
            return
        from smarkmeet.tui.screens.minutes import MinutesScreen

        meeting = self.store.meetings.get(self.meeting_id)
        self.app.switch_screen(MinutesScreen(render_minutes(self.store, meeting), written["path"], written["problem"]))

    def palette_commands(self) -> Iterable[PaletteCommand]:
        paused = self.runner.paused
        yield PaletteCommand("meeting: Next section", "ctrl+n", self.action_next_section)
        yield PaletteCommand("meeting: Previous section", "ctrl+b", self.action_previous_section)
        yield PaletteCommand("meeting: Go to section…", "ctrl+g", self.action_go_to_section)
        yield PaletteCommand("meeting: Resume clock" if paused else "meeting: Pause clock", "ctrl+t",
                             self.action_toggle_pause)
        yield PaletteCommand("meeting: Hide agenda" if self.agenda_shown else "meeting: Show agenda", "ctrl+o",
                             self.action_toggle_agenda)
        yield PaletteCommand("meeting: Add action item", "ctrl+r — Title @owner due:fri", self.action_add_action_item)
        yield PaletteCommand("meeting: Add guest", "Check in someone from outside the two teams", self._guest)
        yield PaletteCommand("meeting: End meeting", "ctrl+f — write the minutes", self.action_end_meeting)
        yield from self._section_commands()
        for section in self.runner.sections:
            yield PaletteCommand(f"meeting: Go to {section.title}", f"{section.timebox_minutes} min",
                                 lambda sid=section.id: self._go_to(sid))

    def _section_commands(self) -> Iterable[PaletteCommand]:
        """The keys the current section answers where the cursor is (its list's, its form's), as
        commands: searching the palette for "undo" or "actual" in the goal review found nothing."""
        area = SECTION_AREA.get(self.runner.current.kind, "section")
        said: set[str] = set()
        for node, binding, enabled, tooltip in self.active_bindings.values():
            if node is self or node is self.app or binding.system or not binding.description or not enabled:
                continue
            if binding.description in said:
                continue
            said.add(binding.description)
            key = self.app.get_key_display(binding)
            yield PaletteCommand(f"{area}: {binding.description}", f"{key}" + (f" — {tooltip}" if tooltip else ""),
                                 lambda action=binding.action, node=node: self.app.run_action(action, node))
