"""The smarkmeet Textual app."""

from __future__ import annotations

import gc
import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import Notify
from textual.widgets import DataTable, Input, OptionList  # all loaded with textual.app already

from smarkmeet.clock import Clock
from smarkmeet.store.log import Log
from smarkmeet.tui.commands import PaletteCommand, SearchCommands, SmarkmeetCommands

if TYPE_CHECKING:
    from textual.app import SystemCommand
    from textual.screen import Screen

    from smarkmeet.domain.summaries import NextMeeting

BACKGROUND_NOTICE_AFTER = 0.5  # seconds an export or backup runs before the app says it carries on behind
HOLD_KEYS_AT_MOST = 1.0  # seconds keys wait while a question is put (a busy log): then they go on as they are
# seconds the keys typed while the meeting screen opens wait for its first section (a first run,
# nothing compiled yet, took over a second): then they go on as they are
MEETING_OPENS_AT_MOST = 10.0
MIN_WIDTH, MIN_HEIGHT = 80, 24  # the smallest terminal the screens are laid out for
FULL_COLLECTION_EVERY = 100  # generation-1 collections between full ones (Python: 10)
# Notices: in a window shorter than this, a new one replaces the passing notices still shown
# (three ctrl+z notices at 80×24 covered most of a list; two, the wrap-up's rating rows)...
FEW_NOTICES_BELOW = 32
# ...and on another screen, a passing notice (this long at most) said this long ago is gone:
# an undo's notice still covered the rows of the screens opened after it
PASSING_NOTICE, NOTICE_STAYS_ON_SCREEN_CHANGE = 10.0, 1.5
# Every screen's styles but the home screen's: parsing them before the first paint cost ~17 ms
# of the ~450 ms a start takes (bench/RESULTS.md); they are read when another screen first opens.
SCREEN_STYLES = os.path.abspath(os.path.join(os.path.dirname(__file__), "screens.tcss"))


def is_damage(error: BaseException) -> bool:
    """Whether SQLite says the log's file itself is damaged (not busy, full or read-only)."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return isinstance(error, sqlite3.DatabaseError) and code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


# keys a text area handles itself, not through bindings (a line break, an indent)
TEXT_AREA_OWN_KEYS = frozenset({"enter", "tab", "escape"})


def _edits_through_bindings(focused: object, key: events.Key) -> bool:
    """True when ``key`` (not text) acts on the field ``focused`` through bindings: a field's
    editing keys (backspace, ctrl+u, ←), Tab, Esc, ↓."""
    if key.is_printable:
        return False
    if isinstance(focused, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")  # none is shown before it is loaded
    return (text_area is not None and isinstance(focused, text_area.TextArea)
            and key.key not in TEXT_AREA_OWN_KEYS)


QUIT_AGAIN_SECONDS = 4  # ctrl+q mid-meeting quits when pressed again within this


def _again(key: events.Key) -> events.Key:
    """A held key sent on, as a new event (see ``_send_held_keys``) that keeps when it was typed:
    how close together keys were typed tells typing from commands (``tui.typing_guard``)."""
    again = events.Key(key.key, key.character)
    again.time = key.time
    return again


class SmarkmeetApp(App[None]):
    """Drives the meeting; every screen reads and writes the log it is given."""

    CSS_PATH = "smarkmeet.tcss"
    TITLE = "smarkmeet"
    COMMANDS = {SmarkmeetCommands, SearchCommands}  # (Textual's own commands are listed by the first, last)
    BINDINGS = [
        # (system: not listed in the keys panel it opens, which the footer names. Listed, its entry
        # changed height as "More keys" turned "Keys" at the last page, and that page opened a line
        # or two into the entry it was paged to: the key itself on no page)
        Binding("question_mark", "toggle_help", "Keys", id="app.keys", system=True),
        # the same key while the panel holds more keys than it shows (a small window): the next page
        Binding("question_mark", "more_keys", "More keys", id="app.more_keys", system=True),
        # f1 does the same where ? is typed as text (a field has the focus): the footer then
        # shows "f1 Keys", not nothing (system: the keys panel lists ? alone, as wide as before)
        Binding("f1", "toggle_help", "Keys", id="app.keys_f1", system=True),
        Binding("f1", "more_keys", "More keys", id="app.more_keys_f1", system=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit smarkmeet (everything is saved)"),
        Binding("f2", "define", "Define", id="app.define",
                tooltip="Show what the glossary terms on this screen mean"),
    ]

    def __init__(self, log: Log, clock: Clock) -> None:
        super().__init__()
        self.store = log
        self.clock = clock
        # exports and backups being written in the background, by what they write: two lead
        # exports at once are two jobs, and the first to finish must not hide the second
        self._running_jobs: Counter[str] = Counter()
        self._quit_when_done = False
        self._quit_asked_at = -1e9  # when ctrl+q was last pressed mid-meeting (monotonic seconds)
        self._summary_refused = False  # the summary typed could not be saved on the way out: said once
        self.settle_gc_when_ready = False  # set by the CLI, which turns the cycle collector off for start-up
        # verdicts given in the lead list between meetings, the latest last: its ctrl+z takes them
        # back, also after the list was left and opened again (leadreview.GivenVerdict)
        self.lead_list_verdicts: list = []
        # the import screen's form as last used (file, preset, mapping file, encoding): the next
        # import in this session — the same CRM's next export — starts from it
        self.last_import_form: tuple[str, str, str, str] | None = None
        self._held_keys: list[events.Key] | None = None  # see hold_keys
        self._holds = 0
        self._releasing = False  # a hold ended, its keys not yet sent on (release_keys)

    # -- keys typed while what they are for is set up ---------------------------------

    def hold_keys(self, at_most: float = HOLD_KEYS_AT_MOST) -> int:
        """Keep the keys that arrive from now on, until :meth:`release_keys` sends them on in
        order. A key that asks a question (a guest's name, an answer's Enter) holds them while
        the question is put (or taken): the keys typed straight after it then reach the prompt
        (or the list it closes onto) as if typed once it was there, never the widget before it.
        Released within ``at_most`` seconds whatever happens, so no key waits for long. Returns
        the hold, for ``release_keys`` (inside a hold already: that one)."""
        if self._held_keys is None or self._releasing:  # (a hold ending, its keys not sent yet: they wait on)
            if self._held_keys is None:
                self._held_keys = []
            self._releasing = False
            self._holds += 1
            hold = self._holds
            self.set_timer(at_most, lambda: self.release_keys(hold))
        return self._holds

    def release_keys(self, hold: int) -> None:
        """End ``hold`` (if it is still the one holding: a late release ends no later hold). The
        keys are sent on from the app's queue; until then the keys still arriving join them, in
        order: released as a screen opened (before the app had read the rest of a burst from its
        queue), "ppa" was sent on as "pap", the held p behind the two read later."""
        if self._held_keys is not None and hold == self._holds and not self._releasing:
            self._releasing = True
            self.call_later(self._send_held_keys)

    async def _send_held_keys(self) -> None:
        """Handled here, one by one, in the app's own queue: the keys typed meanwhile wait behind
        them, and if one of them holds again (a g that asks), the rest join that hold. (A key
        made here comes from the app, as a typed one does: made in a screen's handler, it
        stopped bubbling below the screen, short of the bindings.)"""
        if not self._releasing:  # a hold taken since the release: the keys wait for it
            return
        held, self._held_keys, self._releasing = self._held_keys or [], None, False
        for index, key in enumerate(held):
            if self._held_keys is not None:
                self._held_keys[:0] = [_again(k) for k in held[index:]]
                return
            await self.on_event(_again(key))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
            focused = self.focused
            if self.screen.maximized is None and (isinstance(focused, (DataTable, OptionList))
                                                  or getattr(focused, "KEYS_AS_THEY_ARRIVE", False)):
                # A list takes every key through bindings (its cursor's, its panel's, its
                # screen's). Textual runs those only once the key has passed through the list
                # and back up, after the keys typed behind it have been handed on, while a
                # priority key (ctrl+n) runs as it arrives: typed fast, "↓d" marked the row
                # before the ↓, and the answer typed after w went to the list as commands. Run
                # here, as the key arrives, they keep the order they were typed in.
                self.app_focus = True
                if await self._check_bindings(event.key, priority=True):
                    return
                swallows_key = getattr(self.screen, "swallows_key", None)  # typing, not the list's keys
                if swallows_key is not None and swallows_key(event):
                    return
                if await self._check_bindings(event.key):
                    return
                take_key = getattr(focused, "take_key", None)  # a choice's letter: as it arrives too
                if take_key is not None and take_key(event):
                    return
            elif self.screen.maximized is None and _edits_through_bindings(focused, event):
                # A field's editing keys are bindings too, run only once the key has passed
                # through the field and back up, after the text typed behind it: typed fast,
                # "abd⌫c" read "abd", and ctrl+u emptied the field of the line typed after it.
                # Such a key runs in the field's own turn, after the text typed before it; the
                # keys typed after it wait until it has (Tab may have moved the focus).
                self.app_focus = True
                if await self._check_bindings(event.key, priority=True):
                    return
                hold = self.hold_keys()
                if focused.call_later(self._key_in_turn, events.Key(event.key, event.character), hold):
                    return
                self.release_keys(hold)  # the field is going (its screen closing): the key goes on as any other
        await super().on_event(event)

    async def _key_in_turn(self, key: events.Key, hold: int) -> None:
        """A field's editing key, in the field's turn; then the keys held behind it go on. (The
        hold lasts while the key's action runs: a message the action posts — a plain Input's
        Submitted — is handled after the keys behind it, which is why the fields that move on
        at Enter do so in the action itself: FilterLine, TermField, NoteField, LineInput. An
        action run here that holds keys itself shares this hold, ended when it returns.)"""
        try:
            if not await self._check_bindings(key.key):
                await super().on_event(key)  # no binding: as Textual hands any other key on
        finally:
            self.release_keys(hold)

    def refuses_changes(self) -> bool:
        """True, having said so, when the log is read-only: a form or prompt that could only be
        refused on saving is not opened (a whole goal form was filled, then refused)."""
        if self.store.read_only:
            self.notify("The log is read-only: nothing can be changed here (open a writable log to change it).",
                        severity="warning", markup=False)
        return self.store.read_only

    def push_screen(self, screen, *args, **kwargs):  # type: ignore[override]
        self._read_screen_styles(screen)
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen):  # type: ignore[override]
        self._read_screen_styles(screen)
        return super().switch_screen(screen)

    def _read_screen_styles(self, screen: object) -> None:
        """Add screens.tcss to the stylesheet before the first screen other than home opens. Only
        it is parsed then (Textual keeps what it parsed before); the home screen, the only one
        shown, matches none of its rules, so nothing on it is restyled."""
        from smarkmeet.tui.screens.home import HomeScreen

        if not isinstance(screen, HomeScreen) and not self.stylesheet.has_source(SCREEN_STYLES):
            self.stylesheet.read(SCREEN_STYLES)

    def _handle_exception(self, error: Exception) -> None:
        """A log found damaged while the app reads or writes it (a page SQLite cannot read; its
        header was fine when it was opened) stops the app in words, as the command line refuses
        it, instead of a traceback; anything else is a bug, reported as Textual reports it."""
        if not is_damage(error):
            super()._handle_exception(error)
            return
        if self._exit:  # already stopping for it: what the damage broke next says nothing new
            return
        from rich.text import Text

        path = self.store.path or "in memory"
        self.exit(return_code=2, message=Text(
            f"smarkmeet: error: the log {path} is damaged ({error}); smarkmeet stopped so as not to write more to it. "
            f"Keep a copy of the file as it is: `sqlite3 {path} .recover` can usually save what it still holds."
        ))

    def on_ready(self) -> None:
        """The first frame is on screen: what start-up made lives as long as the app."""
        if self.settle_gc_when_ready:
            # Later collections skip them (shorter pauses during the meeting). The ~0.5 MB of
            # cyclic garbage start-up left is frozen with them, once: collecting it first would
            # cost ~60 ms right after the first frame, when the facilitator starts typing.
            gc.freeze()
            # A full collection scans every object the app holds: ~100–150 ms once a review
            # of thousands of leads is on screen, and with the default thresholds filling that
            # review set off two or three of them. Full collections now come a tenth as often
            # (young objects are still collected as before, and most cyclic garbage dies young).
            gc.set_threshold(gc.get_threshold()[0], gc.get_threshold()[1], FULL_COLLECTION_EVERY)
            gc.enable()

    def on_resize(self, event: events.Resize) -> None:
        self.cover_if_too_small(event.size)  # (self.size follows a moment later)

    def cover_if_too_small(self, size=None) -> None:
        """Under 80×24 the app is covered by a notice until the window is larger again: the
        lists gave way to their headers, and keys typed at them acted on rows nobody could see."""
        if not self.screen_stack:
            return
        width, height = size or self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        covers = self.covers()
        if small and not covers and len(self.screen_stack) > 1:
            from smarkmeet.tui.screens.toosmall import TooSmallScreen

            self.push_screen(TooSmallScreen())
        elif covers and not small and self.screen is covers[-1]:  # nothing opens over it: see check_action
            self.pop_screen()

    def covers(self) -> list:
        return [screen for screen in self.screen_stack if type(screen).__name__ == "TooSmallScreen"]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command_palette" and self.covers():  # nothing runs on screens nobody can see
            return False
        if action in ("toggle_help", "more_keys"):  # one of the two, as the keys panel stands
            return (action == "more_keys") == self._keys_panel_has_more()
        return super().check_action(action, parameters)

    def on_notify(self, event: Notify) -> None:
        """A notice said (Textual's own handler shows it): in a short window, it replaces the
        passing notices still shown (a warning or an error stays until its time is up)."""
        if self.size.height < FEW_NOTICES_BELOW:
            self._drop_notices([n for n in self._notifications if self._passing(n) and n is not event.notification])

    def _passing(self, notification) -> bool:
        """A notice that only says what was done: not a warning or an error, nor one with a
        title (an export's or a backup's, which says where the file went)."""
        return (notification.severity == "information" and not notification.title
                and notification.timeout <= PASSING_NOTICE)

    def _screen_changed(self, screen) -> None:
        self.drop_stale_notices()

    def drop_stale_notices(self) -> None:
        """What is shown has changed (another screen, the meeting's next section): the passing
        notices said more than a moment ago go, rather than cover the rows of what follows (a
        guest's "Checked in" over the action review at 80×24)."""
        import time

        self._drop_notices([n for n in self._notifications
                            if self._passing(n) and time.time() - n.raised_at > NOTICE_STAYS_ON_SCREEN_CHANGE])

    def drop_undone_notices(self, about: str = "") -> None:
        """The passing notices of changes ctrl+z could undo ("Now owned by Leo (ctrl+z undoes)"),
        and those naming ``about`` (the lead whose verdict is taken back): once one is undone they
        no longer say what is so, and stayed beside "Undone…"."""
        self._drop_notices([n for n in self._notifications if self._passing(n) and (
            "ctrl+z" in str(n.message) or (about and about in str(n.message)))])

    def drop_notices_saying(self, words: str, *, warnings: bool = False) -> None:
        """The passing notices with ``words`` in them (``warnings`` too): what they said is no longer so."""
        self._drop_notices([n for n in self._notifications if (self._passing(n) or warnings and n.severity == "warning")
                            and words in str(n.message)])

    def _drop_notices(self, notices: list) -> None:
        for notification in notices:
            self._unnotify(notification, refresh=False)
        if notices:
            self._refresh_notifications()

    def show_team_name(self) -> None:
        """The header's subtitle: the team's name (the log's file name until one is set), and
        READ-ONLY on a log that is. Read again with the home screen (a name set from the CLI)."""
        name = self.store.setting("team_name", "") or (self.store.path.name if self.store.path else "")
        from smarkmeet.domain.metrics import fit

        # the mark is never the part cut off: a 60-character team name pushed it out of an 80-column header
        self.sub_title = f"{fit(name, 28)} · READ-ONLY" if self.store.read_only else name

    def on_mount(self) -> None:
        from smarkmeet.tui.screens.home import HomeScreen

        self.screen_change_signal.subscribe(self, self._screen_changed)

        self.show_team_name()
        self.push_screen(HomeScreen())
        self.call_after_refresh(self.cover_if_too_small)  # started in a small window: said at once
        if self.store.read_only:
            from smarkmeet.store.log import is_read_only

            if self.store.path is not None and not is_read_only(self.store.path):  # --read-only, by choice
                said = (f"{self.store.path} is opened read-only: look, search and export as you like; nothing is "
                        "changed (or run). Open it without --read-only to make changes.")
            else:
                said = (f"{self.store.path} is read-only: look, search and export as you like; nothing can be "
                        "changed (or run) until the file is writable.")
            self.notify(said, title="Read-only log", severity="warning", timeout=30, markup=False)
            return
        from smarkmeet.store.overview import meeting_in_progress

        meeting = meeting_in_progress(self.store)
        if meeting is not None:
            self.offer_resume(meeting)

    def offer_resume(self, meeting: NextMeeting) -> None:
        """After a crash or a quit mid-meeting, offer to carry on exactly where it was."""
        from smarkmeet.tui.widgets.dialogs import ConfirmDialog

        where = f" at “{meeting.current_section}”" if meeting.current_section else ""
        question = f"“{meeting.title}” of {meeting.scheduled_for:%a %d %b} is in progress{where}. Resume it?"
        self.push_screen(ConfirmDialog(question, "Resume the meeting", "Not now"),
                         lambda yes: yes and self.open_meeting(meeting.id))

    def open_meeting(self, meeting_id: str) -> None:
        from smarkmeet.tui.screens.meeting import MeetingScreen

        if self.refuse_meeting_if_read_only():
            self.release_keys(self._holds)  # nothing opens: keys held for the meeting go on
            return
        # the attendance typed straight after Enter is for the check-in, once the screen is up
        self.push_screen(MeetingScreen(meeting_id, hold=self.hold_keys(at_most=MEETING_OPENS_AT_MOST)))

    def refuse_meeting_if_read_only(self) -> bool:
        """On a read-only log, say that no meeting can be run (running one writes at once: its
        clock, the section it is at) and return True."""
        if self.store.read_only:
            self.notify("This log is read-only, so a meeting cannot be started or resumed from it. What it holds "
                        "so far can be read in the history (h).", title="Read-only log", severity="warning",
                        markup=False)
        return self.store.read_only

    # -- between meetings: where a search result or a link jumps ------------

    def open_action(self, item_id: str) -> None:
        """Show one action item: its carry history, origin and linked criticism; act on it."""
        from smarkmeet.tui.screens.actions import ActionDetailScreen

        self.push_screen(ActionDetailScreen(item_id))

    def open_meeting_record(self, meeting_id: str) -> None:
        """Reread a meeting: its minutes, items, notes and verdicts."""
        from smarkmeet.tui.screens.history import MeetingDetailScreen

        self.push_screen(MeetingDetailScreen(meeting_id))

    def open_criticism(self, note_id: str | None = None) -> None:
        """The criticism log, at ``note_id`` if given."""
        from smarkmeet.tui.screens.criticism import CriticismLogScreen

        self.push_screen(CriticismLogScreen(note_id))

    def show_lead_history(self, crm_id: str) -> None:
        """Every verdict a lead was given: who, when, in which meeting."""
        from smarkmeet.services.leadreview import describe_verdict, verdict_history
        from smarkmeet.tui.widgets.dialogs import NoticeDialog

        found = verdict_history(self.store, crm_id)
        if found is None:
            self.notify("That lead is no longer in the log.", severity="warning")
            return
        lead, history = found
        lines = [describe_verdict(entry) for entry in history] or ["No verdict yet (not worked)."]
        where = f" · {lead.source}" if lead.source else ""
        company = f" ({lead.company})" if lead.company else ""
        self.push_screen(NoticeDialog(f"{lead.name or lead.crm_id}{company}{where} — verdicts", "\n".join(lines)))

    # -- exports and backups from the TUI: always into the exports folder, path shown --
    #
    # They run in a thread on a connection of their own (read-only), so the meeting goes on
    # while 100,000 items are written out; a log in memory (tests) has no file to reopen,
    # so there the work runs at once.

    def in_background(self, work, done, *, what: str) -> None:
        """Run ``work(log)`` on its own read-only connection to the log, then ``done(result, error)``
        on the app's loop; ``error`` is a user-facing message (the result is then None)."""
        from smarkmeet.services.backup import BackupError
        from smarkmeet.services.export import ExportError
        from smarkmeet.store.errors import LogError
        from smarkmeet.store.log import open_log

        def run(log):
            try:
                return work(log), None
            except (ExportError, BackupError, LogError) as error:
                return None, str(error)
            except OSError as error:
                return None, f"cannot write the file: {error.strerror or error}"
            except sqlite3.Error as error:
                return None, f"the log could not be read ({error})"
            except Exception as error:  # noqa: BLE001 -- in a thread nothing else would ever say it failed
                self.log.error(f"{what} failed", error)
                return None, f"it failed unexpectedly ({type(error).__name__}: {error})"

        if self.store.path is None:
            done(*run(self.store))
            return

        def job() -> None:
            try:
                log = open_log(self.store.path, self.clock, read_only=True)
            except LogError as error:
                outcome = None, str(error)
            else:
                try:
                    outcome = run(log)
                finally:
                    log.close()
            if self.is_running:  # quit meanwhile: the file is finished, there is no one left to tell
                self.call_from_thread(finished, *outcome)

        def finished(result, error: str | None) -> None:
            announce.stop()
            self._running_jobs[what] -= 1
            self._running_jobs += Counter()  # drops the kinds no longer running
            done(result, error)
            if self._quit_when_done and not self._running_jobs:
                self._leave()

        # said only of a job still running after half a second: a small export just says where it went
        self._running_jobs[what] += 1
        announce = self.set_timer(BACKGROUND_NOTICE_AFTER, lambda: self.notify(
            f"Writing {what} in the background; carry on.", timeout=4, markup=False))
        self.run_worker(job, thread=True, group="exports", exit_on_error=False)

    def export_new(self, name: str, write, *, bom: bool = False, what: str = "", done=None,
                   said_by_caller: bool = False) -> None:
        """Write a new file into the exports folder with ``write(log, stream)``; say where (or why not),
        and pass the message to ``done`` (None if nothing was written). ``said_by_caller``: the
        screen says where the file went itself (its status line), so no notice covers its rows."""
        from smarkmeet.paths import exports_dir
        from smarkmeet.services.export import export_new_file

        directory = exports_dir()

        def finished(result, error: str | None) -> None:
            if error is not None:
                self.notify(f"Nothing written: {error}", severity="error", timeout=10, markup=False)
                message = None
            else:
                path, count = result
                message = f"{count:,} {what} written to {path}" if isinstance(count, int) else f"Written to {path}"
                # the file's name, then its folder, each on a line: a long path was broken mid-name
                written = f"{count:,} {what} written to" if isinstance(count, int) else "Written to"
                if not said_by_caller:
                    self.notify(f"{written} {Path(path).name}\nin {Path(path).parent}", title="Exported",
                                timeout=10, markup=False)
            if done is not None:
                done(message)

        self.in_background(lambda log: export_new_file(directory, name, lambda out: write(log, out), bom=bom),
                           finished, what=what or "the export")

    def back_up_now(self) -> None:
        """Back up the log into the exports folder while it stays open (SQLite's online backup)."""
        from smarkmeet.paths import exports_dir
        from smarkmeet.services.backup import back_up_into

        if self.store.path is None:
            self.notify("This log lives in memory; there is no file to back up.", severity="warning")
            return
        if "the backup" in self._running_jobs:  # two at once would race for the same minute's name
            self.notify("A backup is already being written; its path is shown when it is done.", timeout=5)
            return
        directory = exports_dir()

        def finished(result, error: str | None) -> None:
            if error is not None:
                self.notify(f"No backup made: {error}", severity="error", timeout=10, markup=False)
            else:
                # the size as the command line says it; the file's name, then its folder on a line of its own
                self.notify(f"Backup ({result.size / 1_048_576:,.1f} MiB, checked): {result.path.name}\n"
                            f"in {result.path.parent}", title="Backed up", timeout=12, markup=False)

        self.in_background(lambda log: back_up_into(log, directory), finished, what="the backup")

    def export_leads(self, fmt: str) -> None:
        from smarkmeet.services.export import lead_records, write_records
        from smarkmeet.store.exports import LEAD_COLUMNS

        self.export_new(f"leads-{self.clock.today().isoformat()}.{fmt}",
                        lambda log, out: write_records(lead_records(log), LEAD_COLUMNS, fmt, out), what="leads")

    def templates(self):
        from smarkmeet.paths import templates_dir
        from smarkmeet.services.templates import load_templates

        return load_templates(templates_dir())

    def start_meeting(self, template, title: str, day, facilitator_id: str | None | EllipsisType = ...) -> None:
        """Start the planned meeting of that kind and day if there is one, else plan one now,
        run by ``facilitator_id`` (None: no one; left out: as planned, or the last meeting's).

        The title (typed, or the template's) is held to the rules of ``Meeting.title``; one they
        refuse is told in words and nothing is started."""
        from pydantic import ValidationError

        from smarkmeet.services.meeting import plan_meeting
        from smarkmeet.store.errors import LogError
        from smarkmeet.tui.errors import tell

        try:
            planned = self.store.meetings.next_planned()
            if planned is not None and planned.scheduled_for == day and planned.template == template.name:
                changed = {"title": title} if planned.title != title else {}
                if facilitator_id is not ... and facilitator_id != planned.facilitator_id:
                    changed["facilitator_id"] = facilitator_id
                if changed:
                    self.store.meetings.update(planned.id, changed)
                meeting_id = planned.id
            else:
                meeting_id = plan_meeting(self.store, template, day, title=title, facilitator_id=facilitator_id).id
        except (LogError, ValidationError) as error:
            tell(self, error)
            self.release_keys(self._holds)  # nothing opens: keys held for the meeting go on
            return
        self.open_meeting(meeting_id)

    def action_quit(self) -> None:
        """Quit; mid-meeting, asked once first (what is typed and not saved is named); an export
        or backup still being written is finished first, and the app says so (else the terminal
        would look hung while it completes)."""
        # (the meeting's screen may be under a dialog: ctrl+g's "Go to", a verdict's reason)
        meeting = self._running_meeting()
        if meeting is not None and not self._quit_when_done:
            # one stray key in front of the room left the meeting's screen for the shell: asked once
            import time

            now = time.monotonic()
            if now - self._quit_asked_at > QUIT_AGAIN_SECONDS:
                self._quit_asked_at = now
                self._summary_refused = False
                # "everything is saved" was said over a summary and an observation typed, never sent
                unsent = meeting.unsent_typing()
                if unsent:
                    said = (f"The meeting is still running, and this is typed, not saved: {'; '.join(unsent)}. "
                            "ctrl+q again quits without it (save it first to keep it); everything else is saved.")
                else:
                    said = ("The meeting is still running: ctrl+q again quits (everything is saved; "
                            "open smarkmeet again to resume it).")
                self.notify(said, severity="warning", timeout=QUIT_AGAIN_SECONDS, markup=False)
                return
        if self._running_jobs and not self._quit_when_done:
            self._quit_when_done = True
            self.notify(f"Finishing {' and '.join(sorted(self._running_jobs))} first; smarkmeet quits as soon "
                        "as it is written (ctrl+q again quits now, and it is finished on the way out).",
                        timeout=30, markup=False)
            return
        self._leave()

    def _running_meeting(self):
        """The meeting screen of a meeting running on a writable log, if any (under dialogs too)."""
        if self.store.read_only:
            return None
        return next((screen for screen in self.screen_stack if getattr(screen, "meeting_running", False)), None)

    def _leave(self) -> None:
        """Exit; the wrap-up's summary typed is kept first, as ending the meeting keeps it (if it
        cannot be saved, the notice says why and ctrl+q once more quits without it)."""
        meeting = self._running_meeting()
        if meeting is not None and not meeting.save_summary_typed() and not self._summary_refused:
            self._summary_refused = True
            return
        self.exit()

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_show_help_panel(self) -> None:
        from smarkmeet.tui.widgets.keys import KeysPanel

        if not self.screen.query("HelpPanel"):
            self.screen.mount(KeysPanel())

    def action_more_keys(self) -> None:
        from smarkmeet.tui.widgets.keys import KeysPanel

        for panel in self.screen.query(KeysPanel):
            panel.next_page()

    def _keys_panel_has_more(self) -> bool:
        panels = self.screen.query("KeysPanel")
        return bool(panels) and panels.first().has_more

    # -- the glossary ---------------------------------------------------------

    def action_define(self) -> None:
        """Pop up the definitions of the terms on screen (the whole glossary when there are none)."""
        from smarkmeet.services.glossary import all_terms, terms_in_text
        from smarkmeet.tui.visible_text import screen_text
        from smarkmeet.tui.widgets.define import DefinePopup

        found = terms_in_text(self.store, screen_text(self.screen))
        terms = found or all_terms(self.store)
        # (the glossary screen reads its definition only: "2 defined terms on this screen" beside a list of 8)
        place = getattr(self.screen, "DEFINE_PLACE", "on this screen")
        self.push_screen(DefinePopup(terms, on_screen=bool(found), place=place),
                         lambda term: term is not None and self.open_glossary(term))

    def open_glossary(self, term: str | None = None) -> None:
        """Show the glossary, at ``term`` if given."""
        from smarkmeet.tui.screens.glossary import GlossaryScreen

        if isinstance(self.screen, GlossaryScreen):
            self.screen.select_term(term)
        else:
            self.push_screen(GlossaryScreen(term))

    def open_search(self, text: str = "") -> None:
        from smarkmeet.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(text))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette commands but Quit and Keys: "app: Quit" and "app: Show keys"
        (smarkmeet's list of keys, as `?` shows it) are offered instead, not beside them."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("search: Search everything", "Items, criticism, summaries, lead comments, glossary",
                             self.open_search)
        yield PaletteCommand("glossary: Open glossary", "The team's agreed terms, with their history",
                             self.open_glossary)
        yield PaletteCommand("glossary: Define terms on this screen", "F2 — what the terms on screen mean",
                             self.action_define)
        yield PaletteCommand("log: Back up the log now", "A checked copy in the exports folder, safe mid-meeting",
                             self.back_up_now)
        yield PaletteCommand("leads: Export every lead as CSV", "With its current verdict, into the exports folder",
                             lambda: self.export_leads("csv"))
        yield PaletteCommand("leads: Export every lead as JSON", "With its current verdict, into the exports folder",
                             lambda: self.export_leads("json"))
        yield PaletteCommand("app: Show keys", "List every key of this screen", self.action_toggle_help)
        yield PaletteCommand("app: Quit", "Quit smarkmeet (everything is already saved)", self.action_quit)


def make_app(log: Log, clock: Clock | None = None) -> SmarkmeetApp:
    """The app on ``log``; used by the CLI and by the tests."""
    return SmarkmeetApp(log, clock or log.clock)
