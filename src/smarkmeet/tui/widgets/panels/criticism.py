"""Criticism notes: a new note (direction, observation, impact, request) and follow-up of open ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from smarkmeet.domain.enums import ActionStatus, NoteStatus, Side
from smarkmeet.domain.models import CriticismNote
from smarkmeet.tui.format import day_in_year, fit
from smarkmeet.tui.widgets.fields import HintedInput
from smarkmeet.tui.widgets.panels import RowDetail, SectionPanel
from smarkmeet.tui.widgets.table import SCROLLBAR, PlainTable


NOTE_FIELDS = ("observation", "impact", "request")  # the note form's fields, in order
OBSERVATION_AT_LEAST = 30  # cells the list of notes keeps for the observation before a column gives way
ITEM_SAID = {ActionStatus.OPEN: ("→ open", ""), ActionStatus.DONE: ("✓ done", "green"),
             ActionStatus.DROPPED: ("✗ dropped", "dim")}


def _item(note: CriticismNote, item_status: dict[str, ActionStatus]) -> Text | str:
    """The Action column: the state of the item the note became ("✓ linked" hid a dropped one)."""
    if not note.action_item_id:
        return ""
    status = item_status.get(note.action_item_id)
    if status is None:
        return "✓ linked"
    said, style = ITEM_SAID[status]
    return Text(said, style=style)


class NotesTable(PlainTable):
    BINDINGS = [
        Binding("v", "act('resolve')", "Resolve", id="notes.resolve"),
        Binding("f", "act('follow_up')", "Follow up…", id="notes.follow_up"),
        Binding("t", "act('to_action')", "To action…", id="notes.to_action"),
        Binding("o", "act('reopen')", "Reopen", id="notes.reopen"),
        Binding("e", "act('edit')", "Edit", id="notes.edit",
                tooltip="Put right a note raised in this meeting: its direction and words"),
        Binding("ctrl+z", "screen.undo_note", "Undo", id="notes.undo", show=False,  # in the keys panel (?)
                tooltip="Put back the last note resolved or reopened here"),
    ]

    def action_act(self, action: str) -> None:
        panel = self.screen.query_one(CriticismPanel)
        panel.act_on_selected(action)


class DirectionToggle(Widget, can_focus=True):
    """Which way a note goes: two choices, flipped in one key (Space, ← or →), or named (s,
    m); Enter moves on to the observation, ↓ to the list of notes as from the note's fields. Its keys run as they arrive (``SmarkmeetApp.on_event``):
    a drop-down here, chosen fast ("⏎↓⏎⇥" and the note), showed one way and saved the other, and
    left the focus on itself, so the next note typed went nowhere."""

    KEYS_AS_THEY_ARRIVE = True
    BINDINGS = [
        Binding("space,left,right", "flip", "Flip", id="note-direction.flip",
                tooltip="Sales → Marketing or Marketing → Sales"),
        Binding("down", "to_list", "To the list", show=False),  # as from the note's fields
        Binding("s", "choose('sales')", "Sales → Marketing", show=False),
        Binding("m", "choose('marketing')", "Marketing → Sales", show=False),
        Binding("enter", "next_field", "Observation", show=False),
        Binding("escape", "cancel_edit", "Cancel the change", show=False),
    ]
    LABELS = {Side.SALES: "Sales → Marketing", Side.MARKETING: "Marketing → Sales"}

    from_side: reactive[Side] = reactive(Side.SALES)

    def render(self) -> Text:
        return Text.assemble(self.LABELS[self.from_side], ("  ⇄", "dim"))

    def action_flip(self) -> None:
        self.from_side = Side.MARKETING if self.from_side is Side.SALES else Side.SALES

    def action_choose(self, side: str) -> None:
        self.from_side = Side(side)

    def action_next_field(self) -> None:
        self.screen.set_focus(self.query_ancestor(CriticismPanel).query_one("#note-observation", Input))

    def action_to_list(self) -> None:
        self.screen.set_focus(self.query_ancestor(CriticismPanel).query_one(NotesTable))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "cancel_edit" or self.query_ancestor(CriticismPanel).editing is not None

    def action_cancel_edit(self) -> None:
        self.query_ancestor(CriticismPanel).cancel_edit()

    def take_key(self, event: events.Key) -> bool:
        """Text typed here (other than ``s`` and ``m``, which name a side) is the observation's:
        it starts the observation, and what is typed after it follows it there. (Shift+Tab from
        the observation lands here: the words typed next were silently dropped.) Called as the
        key arrives, like the bindings (``SmarkmeetApp.on_event``)."""
        if not event.is_printable or not event.character:
            return False
        observation = self.query_ancestor(CriticismPanel).query_one("#note-observation", Input)
        selects, observation.select_on_focus = observation.select_on_focus, False  # or the next key replaces it
        self.screen.set_focus(observation)
        observation.call_later(setattr, observation, "select_on_focus", selects)  # once it has the focus
        observation.insert_text_at_cursor(event.character)
        return True

    def on_key(self, event: events.Key) -> None:  # a key handed on the usual way (the app did not take it)
        if self.take_key(event):
            event.stop()


class NoteField(HintedInput):
    """A field of the note form. Enter moves on (or adds the note) while the key is handled, not
    a moment later: keys typed straight after it — a fast typist while the log is busy — go to
    the next field, not onto the end of this one."""

    BINDINGS = [
        Binding("enter", "next_field", "Next field", show=False, priority=True),
        Binding("down", "to_list", "To the list", id="note.to_list", tooltip="The open notes: resolve, follow up"),
        Binding("escape", "cancel_edit", "Cancel the change", id="note.cancel_edit",
                tooltip="Stop changing the note: it stays as it was"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "cancel_edit" or self.query_ancestor(CriticismPanel).editing is not None

    def action_cancel_edit(self) -> None:
        self.query_ancestor(CriticismPanel).cancel_edit()

    def action_next_field(self) -> None:
        self.query_ancestor(CriticismPanel).field_done(self)

    def on_focus(self) -> None:
        if self.query_ancestor(CriticismPanel).editing is not None:  # on to the end of the note's words
            self.cursor_position = len(self.value)

    def action_to_list(self) -> None:
        self.screen.set_focus(self.query_ancestor(CriticismPanel).query_one(NotesTable))


class CriticismPanel(SectionPanel):
    _meeting_id = ""

    @dataclass
    class NoteSubmitted(Message):
        from_side: Side
        observation: str
        impact: str
        request: str
        editing: CriticismNote | None = None  # the note put right, as it was loaded; None for a new one

    @dataclass
    class NoteActed(Message):
        note: CriticismNote
        action: str  # resolve, follow_up, to_action, reopen, edit

    def compose(self) -> ComposeResult:
        with Horizontal(id="note-form"):
            yield DirectionToggle(id="note-direction")
            yield NoteField(hints=("Observation: what is not working", "Observation"), id="note-observation")
        with Horizontal(id="note-form-2"):
            yield NoteField(hints=("Impact: what it costs", "Impact"), id="note-impact")
            yield NoteField(hints=("Request: the concrete ask (Enter adds the note)", "Request: the ask (Enter adds it)",
                                   "Request (Enter adds)"), id="note-request")
        yield Static(id="note-error", classes="error-line")
        yield Static(id="notes-summary", classes="panel-help")
        yield NotesTable(id="notes-table", cursor_type="row", zebra_stripes=True)
        yield RowDetail(id="note-detail")

    def on_mount(self) -> None:
        self._rows: list[CriticismNote] = []
        self._item_status: dict[str, ActionStatus] = {}
        self._items: dict[str, tuple] = {}
        self._layout: tuple | None = None
        self.editing: CriticismNote | None = None  # the note the form is putting right, if any
        self._direction_before = Side.SALES  # the form's direction for new notes, while one is edited

    def show_note(self, note_id: str) -> None:
        """The cursor on that note, if listed."""
        index = next((n for n, note in enumerate(self._rows) if note.id == note_id), None)
        if index is not None:
            self.query_one(NotesTable).move_cursor(row=index)

    def show(self, notes: list[CriticismNote], meeting_id: str, followups: dict[str, int],
             earlier_open: int | None = None, item_status: dict[str, ActionStatus] | None = None,
             items: dict[str, tuple] | None = None) -> None:
        """``earlier_open``: how many notes are still open from earlier meetings in all, when only
        the newest of them are among ``notes``; ``item_status``: the linked action items' statuses;
        ``items``: their title, owner's name and due date."""
        self._rows, self._meeting_id = notes, meeting_id
        item_status = self._item_status = item_status or {}
        self._items = items or {}
        table = self.query_one(NotesTable)
        if not self.remember(notes, meeting_id, followups, earlier_open, item_status, self._items):
            table.clear()  # nothing under the cursor but what is shown; filled once laid out
            return
        cursor = table.cursor_row
        # Narrow (an 80-column terminal leaves the panel ~56): when raised and whether an action
        # item is linked give way, so the observation, request and status stay on screen.
        # Wider, with the agenda beside it (120 columns), the observation got fewer cells than at 80
        # columns (26 against 36): there the raised day gives way first, then the action column.
        options = [(False, ("Way", "Observation", "Request", "Status", "Raised", "Action")),
                   (False, ("Way", "Observation", "Request", "Status", "Action")),
                   (True, ("Way", "Observation", "Request", "Status"))]
        for compact, labels in options[2:] if self.narrow else options:
            fixed = {"Way": 3, "Status": 8 if compact else 13, "Raised": 6, "Action": 9}  # "12 follow-ups"
            others = sum(fixed[label] for label in labels if label in fixed) + 2 * len(labels) + SCROLLBAR
            room = max(24, self.size.width - others)
            if room * 3 // 5 >= OBSERVATION_AT_LEAST:
                break
        # the observation is what the room reads first: three parts of the room to the request's two
        width, request_width = max(12, room * 3 // 5), max(12, room - room * 3 // 5)
        layout = (labels, width, request_width)
        if layout != self._layout:  # explicit widths: auto widths shrink to the headers when rebuilt
            self._layout = layout
            table.clear(columns=True)
            for label in labels:
                table.add_column(label, width=fixed.get(label, request_width if label == "Request" else width),
                                 key=label)
        else:
            table.clear()
        for note in notes:
            way = "S→M" if note.from_side is Side.SALES else "M→S"
            request = Text(note.request) if note.constructive else Text("⚠ no request: not yet constructive",
                                                                        style="yellow")
            if note.status is NoteStatus.OPEN:
                # open, and followed up n times: "resolved" says the other
                count = followups.get(note.id, 0)
                said = f"{count} f/u" if compact else f"{count} follow-up{'s' if count > 1 else ''}"
                # "new": raised in this meeting, so e can change it (at 80 columns no Raised column says so)
                # (raised here it stays "new", followed up or not: e can still change it; the
                # follow-up is said below the list)
                status = Text("new" if note.meeting_id == meeting_id else said if count else "open", style="bold")
            else:
                status = Text("resolved", style="green")
            status.truncate(fixed["Status"], overflow="ellipsis")
            # raised in this meeting: its day in bold ("this meeting" took 6 cells from the note's text)
            raised = Text(note.created_at.strftime("%d %b"), style="bold" if note.meeting_id == meeting_id else "")
            request.truncate(request_width, overflow="ellipsis")
            cells = {"Way": way, "Observation": fit(note.observation, width), "Request": request, "Status": status,
                     "Raised": raised, "Action": _item(note, item_status)}
            table.add_row(*(cells[label] for label in labels), key=note.id)
        if notes:
            table.move_cursor(row=min(cursor, len(notes) - 1))
        self.show_detail()
        open_count = sum(1 for n in notes if n.status is NoteStatus.OPEN)
        listed_earlier = sum(1 for n in notes if n.status is NoteStatus.OPEN and n.meeting_id != meeting_id)
        more = 0 if earlier_open is None else earlier_open - listed_earlier
        older = f" (older {more:,}: the criticism log)" if more > 0 else ""
        self.query_one("#notes-summary", Static).update(
            f"[b]{open_count + max(more, 0):,}[/b] open note(s){older}   "
            "[dim]↓ the list: v resolve · f follow up · t action item · e edit[/dim]"
        )

    def detail(self) -> Text | None:
        note = self.under_cursor(self.query_one(NotesTable), self._rows)
        if note is None:
            return None
        way = "S→M" if note.from_side is Side.SALES else "M→S"
        text = Text.assemble((f"{way} ", "dim"), (note.observation, "bold"))
        if note.impact:
            text.append(" · Impact: ", style="dim")
            text.append(note.impact)
        text.append(" · Request: ", style="dim")
        text.append(note.request) if note.request else text.append("none yet", style="yellow")
        latest = getattr(self, "latest_followups", {}).get(note.id)  # (set by the screen with the notes)
        if latest is not None:  # what was said of it last (a follow-up just given was seen nowhere)
            here = latest["meeting_id"] == self._meeting_id
            when = "here" if here else datetime.fromisoformat(latest["created_at"]).strftime("%d %b")
            text.append(f" · Followed up {when}: ", style="dim")
            text.append(latest["comment"])
        if note.action_item_id:  # said here too: at 80 columns the list has no Action column
            text.append(" · Action item: ", style="dim")
            text.append(_item(note, self._item_status))
            if note.action_item_id in self._items:  # which item, whose, when: "→ open" alone said none of it
                title, owner, due = self._items[note.action_item_id]
                # whose and when first: at 80 columns a long title pushed them out of the box
                today = self.app.clock.today()  # type: ignore[attr-defined]
                said = [part for part in (owner, f"due {day_in_year(due, today)}" if due else "") if part]
                if said:
                    text.append(f" {', '.join(said)}:")
                text.append(f" “{title}”")
        return text

    def field_done(self, field: Input) -> None:
        """Enter in a field of the form: on to the next one, or add the note from the request.

        Runs as the key is handled, ahead of the keys typed after it: the focus moves at once
        (``set_focus``; ``focus()`` would wait its turn behind them), so they go to the next
        field. A field's own keys are still queued to it, so the note is taken from each field
        in its own queue, after the keys typed into it and before any typed for the next note."""
        names = NOTE_FIELDS
        fields = [self.query_one(f"#note-{name}", Input) for name in names]
        if field is not fields[-1]:
            following = fields[fields.index(field) + 1]
            self.screen.set_focus(following)
            if field is fields[0]:  # checked after the keys queued to it, typed before the Enter
                field.call_later(self._observation_first, field, following)
            return
        self.screen.set_focus(fields[0])  # the next note starts at once
        taken: dict[str, str] = {}
        direction = self.query_one(DirectionToggle).from_side

        def take(name: str, field: Input) -> None:
            taken[name] = field.value.strip()
            field.value = ""
            if len(taken) == len(names):
                self._send(direction, taken)

        for name, each in zip(names, fields, strict=True):
            each.call_later(take, name, each)

    def _observation_first(self, observation: Input, following: Input) -> None:
        """Enter on an empty observation stays there: the words typed next (the observation, as
        the room says it) went to the impact, and each answer was saved one field late."""
        if observation.value.strip() or following.value.strip() or self.screen.focused is not following:
            return
        self.screen.set_focus(observation)
        self.show_error("A note starts with its observation: what is not working?")

    def _send(self, direction: Side, taken: dict[str, str]) -> None:
        note = self.NoteSubmitted(direction, taken["observation"], taken["impact"], taken["request"],
                                  editing=self.editing)
        if not note.observation:
            self.put_back(note)
            self.show_error("A note needs an observation: what is not working?")
            return
        self.show_error("")
        self.post_message(note)

    def put_back(self, note: "CriticismPanel.NoteSubmitted") -> None:
        """A note not added (refused by the log, or with no observation), back in the form, each
        part at the start of its field: before anything typed there since, which stays."""
        for name, value in (("observation", note.observation), ("impact", note.impact), ("request", note.request)):
            field = self.query_one(f"#note-{name}", Input)
            field.value = " ".join(part for part in (value, field.value) if part)
            field.cursor_position = len(field.value)

    def begin_edit(self, note: CriticismNote) -> None:
        """The note in the form, to be put right: Enter on the request saves it, Esc leaves it."""
        if self.editing is not None:
            self.show_error("A note is being changed: Enter on the request saves it, Esc leaves it; then e again.")
            return
        if self.unsent_note():
            self.show_error("A note is being typed: add it (Enter on the request) or clear it, then e again.")
            return
        self.editing = note
        toggle = self.query_one(DirectionToggle)
        self._direction_before, toggle.from_side = toggle.from_side, note.from_side
        for field, name in zip(self._fields(), NOTE_FIELDS, strict=True):
            field.value = getattr(note, name)
            # none of the words selected (a key typed to fix a typo replaced them all); each field
            # shows its words from the start until it is reached, then its cursor goes to their end
            field.cursor_position, field.select_on_focus = 0, False
        self._say_editing()
        # a note without a request is the usual reason for e (its row says "⚠ no request: not yet
        # constructive"): the request is where typing goes then, not onto the end of the observation
        self.screen.set_focus(self.query_one("#note-observation" if note.request.strip() else "#note-request", Input))
        self.screen.refresh_bindings()  # Esc cancels the change now

    def _say_editing(self) -> None:
        rest = " — Enter on the request saves it · Esc leaves it as it was"
        room = max(12, (self.size.width or 80) - len("Changing “”") - len(rest) - 2)  # on one line where it fits
        self.query_one("#note-error", Static).update(Text.assemble(
            ("Changing ", "bold yellow"), (f"“{fit(self.editing.observation, room)}”", "bold"), (rest, "yellow")))

    def end_edit(self) -> None:
        """The note put right is saved: the form is for new notes again, in the direction it had."""
        self.editing = None
        self.query_one(DirectionToggle).from_side = self._direction_before
        for field in self._fields():
            field.select_on_focus = True
        self.show_error("")
        self.screen.refresh_bindings()

    def cancel_edit(self) -> None:
        """Leave the note as it was: the form emptied, the cursor back on the note."""
        note = self.editing
        self.end_edit()
        for field in self._fields():
            field.value = ""
        if note is not None:
            self.show_note(note.id)
            self.screen.set_focus(self.query_one(NotesTable))

    def _fields(self) -> list[Input]:
        """The form's observation, impact and request fields."""
        return [self.query_one(f"#note-{name}", Input) for name in NOTE_FIELDS]

    def unsent_change(self) -> tuple[str, str]:
        """What the form holds and would be lost: ("a note", its start) typed and not added, or
        ("a change to the note", its observation) not saved; ("", "") for nothing."""
        if self.editing is not None:
            return "a change to the note", self.editing.observation
        typed = self.unsent_note()
        return ("a note", typed) if typed else ("", "")

    def unsent_note(self) -> str:
        """The start of a note typed in the form and not yet added ("" if the form is empty)."""
        parts = [field.value.strip() for field in self._fields()]
        return next((part for part in parts if part), "")

    def show_error(self, message: str) -> None:
        if not message and self.editing is not None:
            self._say_editing()  # no error: the line says again which note is being changed
            return
        # shown as text, never read as markup: a message may quote what was typed
        self.query_one("#note-error", Static).update(Text(message))

    def act_on_selected(self, action: str) -> None:
        note = self.under_cursor(self.query_one(NotesTable), self._rows)
        if note is not None and self.editing is not None and note.id == self.editing.id:
            # resolved or turned into an item from its words as they were, while being changed
            self.show_error("This note is being changed: Enter on the request saves it, Esc leaves it as it was.")
            return
        if note is not None:
            message = self.NoteActed(note, action)
            if action in ("follow_up", "to_action"):
                self.post_asking(message)
            else:
                self.post_message(message)
