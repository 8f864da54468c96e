"""Start a meeting: pick a template; title and date come prefilled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.actions import SkipAction
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from smarkmeet.domain.agenda import MeetingTemplate
from smarkmeet.domain.enums import MeetingKind
from smarkmeet.tui.widgets.dialogs import DEFINE_IN_A_DIALOG
from smarkmeet.tui.widgets.fields import MouseButton, QuietInput


@dataclass(frozen=True)
class StartRequest:
    template: MeetingTemplate
    title: str
    day: date
    facilitator_id: str | None = None  # who runs it, as the dialog names them (None: no one named)


class Facilitators:
    """Who facilitates by default (the last meeting of a kind's, still on the team), and who a
    name typed in the dialog is: given by the home screen, so the dialog reads no log itself."""

    def __init__(self, default: Callable[[MeetingKind], str], find: Callable[[str], str]) -> None:
        self.default = default  # the name shown for a kind ("" for no one)
        self.find = find  # the person id a name or @handle is; raises ValueError in words



def _no_one(text: str) -> str:
    raise ValueError("no team to look the name up in")


SHORT_BELOW = 32  # terminal rows under which the dialog drops its blank lines
MAX_TITLE = 120  # characters of a meeting's title typed in the dialog


class StartMeetingDialog(ModalScreen[StartRequest | None]):
    DEFAULT_CSS = """
    StartMeetingDialog { align: center middle; }
    StartMeetingDialog > Vertical { width: 76; max-width: 96%; height: auto; border: thick $accent;
                                    padding: 1 2; background: $surface; }
    StartMeetingDialog Label { margin-top: 1; }
    StartMeetingDialog #start-error { color: $error; height: auto; }
    StartMeetingDialog #start-agenda { color: $text-muted; }
    StartMeetingDialog Horizontal { height: auto; margin-top: 1; }
    StartMeetingDialog #start-when { margin-top: 0; }
    StartMeetingDialog #start-when > Vertical { height: auto; width: 1fr; }
    StartMeetingDialog #start-when > Vertical#start-day { width: 26; margin-right: 2; }
    StartMeetingDialog > Vertical { max-height: 100%; overflow-y: auto; }
    /* a short terminal (80×24): no blank lines, so the buttons stay on screen */
    StartMeetingDialog.-short > Vertical { padding: 0 2; }
    StartMeetingDialog.-short Label, StartMeetingDialog.-short Horizontal { margin-top: 0; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="start.cancel"),
        # as the key arrives, in any field: the attendance typed straight after Enter waits for
        # the meeting's check-in instead of going into the title or to the home screen
        Binding("enter", "go", "Start", id="start.go", show=False, priority=True),
        DEFINE_IN_A_DIALOG,
    ]

    def __init__(self, templates: dict[str, MeetingTemplate], today: date, kind: str = "weekly",
                 problems: list[str] | None = None,
                 held_on: Callable[[date, MeetingKind], list[str]] | None = None,
                 facilitators: Facilitators | None = None) -> None:
        super().__init__()
        self.templates = templates
        self.today = today
        self.initial = kind if kind in templates else next(iter(templates))
        self.problems = problems or []
        self.held_on = held_on or (lambda day, kind: [])  # titles of the meetings of a kind held that day
        self._doubted: StartRequest | None = None  # the request a second Enter starts anyway
        self.facilitators = facilitators or Facilitators(lambda kind: "", _no_one)
        self._default_facilitator = self.facilitators.default(self.templates[self.initial].kind)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Start a meeting[/b]")
            yield Label("Template")
            # template titles, section titles and problems come from the team's TOML files (and quote
            # their paths), the date error quotes what was typed: all shown as text, never as markup
            yield Select([(Text(t.title), name) for name, t in self.templates.items()], value=self.initial,
                         allow_blank=False, id="start-template")
            yield Static(id="start-agenda")
            yield Label("Title")
            # a title is read across the room on the card and in the minutes: a line, not a paragraph
            # (no max_length: a pasted title was cut at it without a word, mid-word; it is refused, said)
            yield QuietInput(self.templates[self.initial].title, id="start-title")
            with Horizontal(id="start-when"):
                with Vertical(id="start-day"):
                    yield Label("Date")
                    yield QuietInput(self.today.isoformat(), id="start-date", placeholder="today, mon, YYYY-MM-DD")
                with Vertical():
                    yield Label("Facilitator")
                    yield QuietInput(self._default_facilitator, id="start-facilitator",
                                placeholder="a name or @handle (or none)")
            yield Static(Text("\n".join(f"⚠ {p}" for p in self.problems)), id="start-error")
            with Horizontal():
                yield MouseButton("Start (Enter)", variant="primary", id="start-go")
                yield MouseButton("Cancel (Esc)", id="start-cancel")

    def on_mount(self) -> None:
        self.on_resize()
        self._describe(self.templates[self.initial])
        self.query_one("#start-title", Input).focus()

    def on_resize(self, event=None) -> None:
        self.set_class(self.app.size.height < SHORT_BELOW, "-short")

    def _describe(self, template: MeetingTemplate) -> None:
        agenda = " · ".join(f"{s.title} {s.minutes}′" for s in template.sections)
        self.query_one("#start-agenda", Static).update(Text(f"{template.planned_minutes} min: {agenda}"))

    @on(Select.Changed, "#start-template")
    def _template(self, event: Select.Changed) -> None:
        template = self.templates[str(event.value)]
        self.query_one("#start-title", Input).value = template.title
        self._describe(template)
        facilitator = self.query_one("#start-facilitator", Input)
        if facilitator.value == self._default_facilitator:  # not typed over: this kind's
            self._default_facilitator = facilitator.value = self.facilitators.default(template.kind)

    def action_go(self) -> None:
        if any(select.expanded for select in self.query(Select)):
            raise SkipAction()  # Enter picks the template in the open list
        if isinstance(self.focused, Select):  # Enter on the template (Shift+Tab to it) opens its list:
            self.focused.action_show_overlay()  # it started the meeting of the template shown
            return
        from smarkmeet.tui.app import MEETING_OPENS_AT_MOST

        hold = self.app.hold_keys(at_most=MEETING_OPENS_AT_MOST)  # released by the meeting screen, up

        def go() -> None:
            if not self._go():  # not started (a title or date to put right): the keys go on here
                self.app.release_keys(hold)

        field = self.focused
        if isinstance(field, Input):
            # in the field's own turn, after the keys typed into it before this Enter: typed fast,
            # "⌃u2026-11-29⏎" read the field while it was still empty ("no date given")
            field.call_later(go)
        else:
            go()

    @on(Button.Pressed, "#start-go")
    def _go(self) -> bool:
        """Start the meeting asked for (True), or say what stands in the way (False)."""
        from smarkmeet.domain.dates import read_date

        template = self.templates[str(self.query_one("#start-template", Select).value)]
        title = self.query_one("#start-title", Input).value.strip()
        text = self.query_one("#start-date", Input).value
        error = self.query_one("#start-error", Static)
        if not title:
            error.update(Text("The meeting needs a title."))
            return False
        if len(title) > MAX_TITLE:
            error.update(Text(f"A title is {MAX_TITLE} characters at most; this one has {len(title)}."))
            return False
        reading = read_date(text, self.today) if text.strip().lower() != "today" else None
        if reading is not None and not reading.ok:
            error.update(Text(reading.error or "That date reads two ways; type it as YYYY-MM-DD."))
            return False
        who = self.query_one("#start-facilitator", Input).value.strip()
        try:
            facilitator_id = self.facilitators.find(who) if who else None
        except ValueError as problem:
            said = str(problem)
            error.update(Text(f"Facilitator: {said}" + ("" if said.endswith(("?", ".", "!")) else ".")))  # not "?."
            return False
        request = StartRequest(template, title, reading.value if reading else self.today, facilitator_id)
        doubt = self._doubt(request.day, template.kind)
        if doubt and self._doubted != request:
            # a slip of the date starts a meeting in another week: the next meeting would review
            # the leads since that one. Said once; the same request again starts it.
            self._doubted = request
            error.update(Text(f"{doubt} Enter again starts it anyway; or change the date."))
            return False
        self.dismiss(request)
        return True

    def _doubt(self, day: date, kind: MeetingKind) -> str | None:
        """Why a meeting of ``kind`` on ``day`` may not be what was meant (None: nothing to ask)."""
        from smarkmeet.tui.format import day as say_day

        said = say_day(day, self.today)
        held = self.held_on(day, kind)
        if held:
            if len(held) == 1:
                return f"{said} already has an ended meeting ({held[0]})."
            return f"{said} already has {len(held)} ended meetings (the last: {held[-1]})."
        if day < self.today:
            return f"{said} is in the past: the meeting would be dated then, and the next one reviews the weeks since it."
        if day > self.today:
            return f"{said} is not today: the meeting would start now, dated then."
        return None

    @on(Button.Pressed, "#start-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
