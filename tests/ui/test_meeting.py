"""A whole meeting driven through the keyboard, checked against the log."""

import re
from datetime import timedelta

import pytest

from smarkmeet.domain.enums import ActionStatus, MeetingStatus
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.meeting import MeetingScreen
from smarkmeet.tui.screens.minutes import MinutesScreen
from tests.ui.screenshot_text import drawn, shown
from tests.ui.typing_ahead import burst, settle


async def start(pilot) -> None:
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("enter")  # the start dialog: template, title and date are prefilled
    await pilot.pause()
    assert isinstance(pilot.app.screen, MeetingScreen)


def left_at_the_lead_review(log) -> None:
    """A meeting in progress at its lead review, as the app finds it after a stop."""
    from smarkmeet.domain.enums import SectionKind
    from smarkmeet.services.meeting import MeetingRunner

    runner = MeetingRunner(log, log.meetings.next_planned().id)
    runner.start()
    runner.go_to(next(s.id for s in runner.sections if s.kind is SectionKind.LEAD_FEEDBACK))
    log.active_meeting_id = None


async def go_to(pilot, kind: str) -> None:
    """Start the planned meeting and move on to its section of that kind, each section before it
    marked done as ctrl+n leaves it (not drawn on the way: a lead review drawn only to be left
    cost a second a test)."""
    await start(pilot)
    screen = pilot.app.screen
    runner = screen.runner
    target = next((s for s in runner.sections if s.kind.value == kind), None)
    if target is None:
        raise AssertionError(f"no {kind} section")
    while runner.current.id != target.id:
        runner.next_section()
    screen.show_section()
    await pilot.pause()
    await pilot.pause()  # the panel is filled once laid out


async def type_line(pilot, text: str) -> None:
    """Put ``text`` in the focused input and press Enter (typing key by key is slow in Pilot)."""
    pilot.app.focused.value = text
    await pilot.press("enter")
    await pilot.pause()


async def item_line_from_the_start(pilot, line: str) -> None:
    """Start the meeting and send an action item line from its first section (ctrl+r)."""
    await start(pilot)
    await pilot.press("ctrl+r")
    await type_line(pilot, line)


async def test_whole_meeting_from_the_keyboard(sample_log, clock, isolated_home):
    log = sample_log
    meeting = log.meetings.next_planned()
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        assert log.meetings.get(meeting.id).status is MeetingStatus.IN_PROGRESS

        team = len(log.people.team())
        await pilot.press(*["p"] * (team - 1), "a")  # everyone present but the last
        await pilot.press("g")
        await type_line(pilot, "Pat Product")
        clock.advance(minutes=4)  # a minute over the check-in timebox
        await pilot.press("ctrl+n")
        await pilot.pause()

        review_rows = pilot.app.screen.query_one("#review-table").row_count
        reviewed = list(pilot.app.screen.query_one("ActionReviewPanel")._rows)
        first = reviewed[0]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await type_line(pilot, "next blursday")  # refused in place, nothing written
        assert "can't read" in str(pilot.app.screen.query_one("#prompt-error").content)
        await type_line(pilot, "2026-12-04")
        await pilot.press("ctrl+n")
        await pilot.pause()

        await pilot.press("enter")
        await type_line(pilot, "abc")
        await type_line(pilot, "24")
        await pilot.press("ctrl+n")
        await pilot.pause()

        await pilot.press("a", "n", "r")
        await pilot.pause()
        await pilot.press("2")  # rejected: no budget
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()

        await pilot.press(*"Webinar", "space")  # real keys reach the observation field
        await type_line(pilot, "Webinar lists arrive late")
        await type_line(pilot, "Attendees forget us")
        await type_line(pilot, "Send lists the same day")
        await pilot.press("ctrl+n")
        await pilot.pause()

        await type_line(pilot, "Send webinar list to sales @dana due:fri")
        await pilot.press("tab", "tab", "8", "9")
        await pilot.pause()
        clock.advance(minutes=1)
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MinutesScreen)

    ended = log.meetings.get(meeting.id)
    assert ended.status is MeetingStatus.ENDED
    marks = log.people.attendance(meeting.id)
    assert sum(marks.values()) == team  # team - 1 present, plus the guest
    checkin = log.meetings.sections(meeting.id)[0]
    assert checkin.seconds_spent == 240 and checkin.overrun_seconds == 60
    assert log.actions.get(first.id).status is ActionStatus.DONE
    carried = log.rows("SELECT new_due FROM action_carries WHERE meeting_id = ? AND new_due = '2026-12-04'",
                       [meeting.id])
    assert len(carried) == 1
    assert review_rows == len(reviewed)
    # the first was marked done, the second carried by hand; of the rest, those due by the meeting's
    # day (or with no due date) were carried at its end
    due_by_then = [row for row in reviewed[2:]
                   if row.status is ActionStatus.OPEN and (row.due_date is None or row.due_date <= meeting.scheduled_for)]
    assert 0 < len(due_by_then) < len(reviewed) - 2  # the demo has both kinds
    assert log.one("SELECT count(*) AS n FROM action_carries WHERE meeting_id = ?", [meeting.id])["n"] == 1 + len(due_by_then)
    goal = log.goals.active()[0]
    assert [c.actual for c in log.goals.checkins(goal.id)][-1] == 24
    verdicts = log.rows("SELECT verdict, reason FROM lead_feedback WHERE meeting_id = ? ORDER BY rowid", [meeting.id])
    assert verdicts == [{"verdict": "accepted", "reason": ""}, {"verdict": "nurture", "reason": ""},
                        {"verdict": "rejected", "reason": "no budget"}]
    notes = log.notes.in_meeting(meeting.id)
    assert [(n.observation, n.impact, n.request) for n in notes] == [
        ("Webinar lists arrive late", "Attendees forget us", "Send lists the same day")]
    items = log.rows("SELECT title, due_date FROM action_items WHERE origin_meeting_id = ?", [meeting.id])
    assert items == [{"title": "Send webinar list to sales",
                      "due_date": (clock.today() + timedelta(days=(4 - clock.today().weekday()) % 7)).isoformat()}]
    assert sorted(log.people.ratings(meeting.id).values()) == [8, 9]
    minutes = ended.minutes_path
    assert minutes and (isolated_home / "minutes").exists()
    text = open(minutes, encoding="utf-8").read()
    assert "Send webinar list to sales" in text and "Webinar lists arrive late" in text


async def test_resume_is_offered_first_after_a_stop(sample_log, clock):
    meeting = sample_log.meetings.next_planned()
    from smarkmeet.services.meeting import MeetingRunner

    runner = MeetingRunner(sample_log, meeting.id)
    runner.start()
    runner.next_section()
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "is in progress" in str(pilot.app.screen.query_one("Label").content)
        on_screen = shown(app)  # the whole question, wrapped in the dialog, not cut off at its edge
        assert "“Action item review”. Resume it?" in on_screen
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MeetingScreen)
        assert pilot.app.screen.runner.current.title == "Action item review"


async def test_unknown_owner_is_offered_to_be_added(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await item_line_from_the_start(pilot, "Fix the signup form @zed due:tomorrow")
        await pilot.press("3")  # add Zed to marketing (1: as a guest, 2: to sales)
        await pilot.pause()
    zed = sample_log.people.by_handle("zed")
    assert zed is not None and zed.side.value == "marketing"
    item = sample_log.rows("SELECT title, owner_id FROM action_items WHERE title = 'Fix the signup form'")
    assert item == [{"title": "Fix the signup form", "owner_id": zed.id}]


KWAME = ("Book the venue @Kwame Mensah due:tomorrow", "kwame",
         ("Add Kwame Mensah (@kwame) as a guest", "Add Kwame (@kwame) as a guest — “Mensah” stays in the title"))
LENA = ("Update pricing page @lena park due:tomorrow", "lena",
        ("Add Lena (@lena) as a guest", "Add Lena Park (@lena) as a guest — “park” leaves the title"))


@pytest.mark.parametrize("typed, pick, name, title", [
    # "@Kwame Mensah" for someone new offered only "Add Kwame": the person was saved as Kwame and
    # the item's title became "Book the venue Mensah". The whole name first, its surname leaving
    # the title; the first name alone last, as the line reads word by word
    (KWAME, "1", "Kwame Mensah", "Book the venue"),
    (KWAME, "4", "Kwame", "Book the venue Mensah"),
    # "@lena park" offered only "Add Lena", the item read "Update pricing page park", and a later
    # "lena park" added a second person. In lower case the word may be the title's ("@lena
    # review"): the first name first, the whole name last
    (LENA, "1", "Lena", "Update pricing page park"),
    (LENA, "4", "Lena Park", "Update pricing page"),
])
async def test_a_new_owners_surname_is_offered(sample_log, clock, typed, pick, name, title):
    from smarkmeet.tui.widgets.dialogs import ChoiceDialog

    line, handle, (first, fourth) = typed
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await item_line_from_the_start(pilot, line)
        assert isinstance(app.screen, ChoiceDialog)
        labels = [label for label, _ in app.screen.choices]
        assert (labels[0], labels[3]) == (first, fourth)
        await pilot.press(pick)
        await pilot.pause()
    person = sample_log.people.by_handle(handle)
    assert person is not None and person.name == name and person.guest
    assert sample_log.rows("SELECT owner_id FROM action_items WHERE title = ?", [title]) == [{"owner_id": person.id}]


async def test_a_day_after_a_new_owner_is_not_taken_for_a_surname(sample_log, clock):
    from smarkmeet.tui.widgets.dialogs import ChoiceDialog

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await item_line_from_the_start(pilot, "Call the venue @Kwame Monday")
        assert isinstance(app.screen, ChoiceDialog)
        assert [label for label, _ in app.screen.choices][0] == "Add Kwame (@kwame) as a guest"


async def test_a_typo_in_the_owner_offers_who_was_meant_first(sample_log, clock):
    """"@jrdan" offered only to add a Jrdan to sales, first: Enter by reflex made up a team member."""
    from smarkmeet.tui.widgets.dialogs import ChoiceDialog

    jordan = sample_log.people.by_handle("jordan")
    team = len(sample_log.people.team())
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await item_line_from_the_start(pilot, "Re-enrich the purchased list @jrdan due:tomorrow")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first choice
        await pilot.pause()
    assert len(sample_log.people.team()) == team and sample_log.people.by_handle("jrdan") is None
    item = sample_log.rows("SELECT owner_id FROM action_items WHERE title = 'Re-enrich the purchased list'")
    assert item == [{"owner_id": jordan.id}]


async def test_an_unknown_owner_added_as_a_guest_is_not_put_on_the_team(sample_log, clock):
    """A guest owns the item; they are not listed at every check-in from then on, as a member is."""
    from smarkmeet.services import attendance

    team = len(sample_log.people.team())
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await item_line_from_the_start(pilot, "Book the venue @zoe due:tomorrow")
        await pilot.press("enter")  # the first choice, with no near miss on the team: Zoe as a guest
        await pilot.pause()
        meeting = pilot.app.screen.runner.meeting
    zoe = sample_log.people.by_handle("zoe")
    assert zoe is not None and zoe.guest and zoe.side.value == "other"
    assert len(sample_log.people.team()) == team
    assert zoe.id not in {row.person.id for row in attendance.attendance_rows(sample_log, meeting)}
    item = sample_log.rows("SELECT owner_id FROM action_items WHERE title = 'Book the venue'")
    assert item == [{"owner_id": zoe.id}]


async def test_an_unknown_owner_typed_with_accents_is_added_with_a_plain_handle(sample_log, clock):
    """"@Zoë" was refused as no handle; not on the team, she is offered as Zoë (@zoe)."""
    from smarkmeet.tui.widgets.dialogs import ChoiceDialog

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await item_line_from_the_start(pilot, "Book the venue @Zoë due:tomorrow")
        assert isinstance(app.screen, ChoiceDialog) and "Add Zoë (@zoe) as a guest" in shown(app)
        assert "Nobody on the team is @zoë" in shown(app)  # as typed, not as the handle made of it
        await pilot.press("enter")
        await pilot.pause()
    zoe = sample_log.people.by_handle("zoe")
    assert zoe is not None and zoe.name == "Zoë"
    assert sample_log.rows("SELECT owner_id FROM action_items WHERE title = 'Book the venue'") == [{"owner_id": zoe.id}]


async def test_palette_has_meeting_commands(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        titles = [command.title for command in pilot.app.screen.palette_commands()]
        for title in ("meeting: Next section", "meeting: Previous section", "meeting: Add action item",
                      "meeting: End meeting", "meeting: Pause clock"):
            assert title in titles


async def test_a_leads_verdict_history_is_one_key_away(sample_log, clock):
    from smarkmeet.tui.widgets.dialogs import NoticeDialog

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        await pilot.press("a", "up", "h")
        await pilot.pause()
        assert isinstance(app.screen, NoticeDialog)
        body = str(app.screen.body)
        meeting = sample_log.meetings.in_progress()
        assert "accepted" in body and meeting.title in body
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)


async def test_ctrl_z_takes_back_the_verdicts_given_here_newest_first(sample_log, clock):
    """A verdict keyed on the wrong lead could only be swapped for another verdict: the lead left
    the "had no verdict" carry-over and the tally counted it. ctrl+z now puts it back as it was."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one("LeadFeedbackPanel")
        waiting = [row.lead for row in panel._rows if row.verdict is None][:2]
        assert len(waiting) == 2
        table = panel.query_one("#leads-table")
        table.move_cursor(row=next(n for n, row in enumerate(panel._rows) if row.lead.id == waiting[0].id))
        await pilot.pause()
        before = {lead.id: sample_log.one("SELECT * FROM leads WHERE id = ?", [lead.id]) for lead in waiting}
        entries = sample_log.one("SELECT count(*) AS n FROM changes")["n"]
        await pilot.press("a")  # the first waiting lead, then the cursor moves on to the next waiting one
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert [sample_log.one("SELECT verdict FROM leads WHERE id = ?", [lead.id])["verdict"]
                for lead in waiting] == ["accepted", "nurture"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        for lead in waiting:
            assert sample_log.one("SELECT * FROM leads WHERE id = ?", [lead.id]) == before[lead.id]
            assert not sample_log.rows("SELECT 1 FROM lead_feedback WHERE lead_id = ? AND meeting_id = ?",
                                       [lead.id, app.screen.runner.meeting.id])
        # recorded as every write is: each verdict, its update, its withdrawal and the lead put back
        actions = [row["action"] for row in sample_log.rows("SELECT action FROM changes WHERE seq > (SELECT max(seq) "
                                                            "FROM changes) - 8 ORDER BY seq")]
        assert sample_log.one("SELECT count(*) AS n FROM changes")["n"] == entries + 8
        assert actions[-2:] == ["delete", "update"]
        assert panel._rows[table.cursor_row].lead.id == waiting[0].id  # on the lead, to give the right verdict
        assert all(row.verdict is None for row in panel._rows if row.lead.id in before)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "No verdict given here to take back." in [str(n.message) for n in app._notifications]


async def test_a_verdict_the_log_would_not_take_back_is_still_the_one_ctrl_z_takes_back(sample_log, clock, monkeypatch):
    """The verdict left the undo list before the write was tried: the log busy, the next ctrl+z
    took back an older verdict, maybe on another lead."""
    from smarkmeet.services import leadreview
    from smarkmeet.store.errors import LogWriteError

    real = leadreview.take_back
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        second = app.screen._verdicts_given[-1].feedback.lead_id

        def busy(log, given):
            raise LogWriteError("the log is busy in another program; nothing was written — try again")

        monkeypatch.setattr(leadreview, "take_back", busy)
        await pilot.press("ctrl+z")
        await pilot.pause()
        monkeypatch.setattr(leadreview, "take_back", real)
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert sample_log.one("SELECT verdict FROM leads WHERE id = ?", [second])["verdict"] is None


async def test_m_says_why_with_the_verdict_given_here(sample_log, clock):
    """The log keeps a comment with each verdict (searched with the rest), but the meeting had no
    way to type one: `r` offered only the preset reasons."""
    from smarkmeet.tui.widgets.panels import RowDetail

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one("LeadFeedbackPanel")
        table = panel.query_one("#leads-table")
        row = next(n for n, shown in enumerate(panel._rows) if shown.verdict is None)
        lead = panel._rows[row].lead
        table.move_cursor(row=row)
        await pilot.pause()
        # no verdict yet: nothing to comment on — asked all the same, so the comment typed straight
        # after m lands in the question, not on the list as verdict keys (n, c…)
        await pilot.press("m", *"nice company")
        await pilot.pause()
        assert "No verdict given here yet: Esc" in str(app.screen.prompt.query_one("#prompt-error").render())
        await pilot.press("enter")  # closes it, saying what was not saved (left open, it took the next lines typed)
        await pilot.pause()
        assert not app.screen.prompt.is_open
        assert any("Not saved" in str(n.message) and "“nice company”" in str(n.message) for n in app._notifications)
        assert not sample_log.rows("SELECT 1 FROM lead_feedback WHERE meeting_id = ?", [app.screen.runner.meeting.id])
        await pilot.press("r", "1")  # rejected; the cursor moves on to the next lead waiting
        await pilot.pause()
        assert panel._rows[table.cursor_row].lead.id != lead.id
        await pilot.press("m")  # straight after: for the verdict just given, not the lead now under the cursor
        await pilot.pause()
        asked = str(app.screen.prompt.query_one("#prompt-label").render())
        assert asked.startswith(f"Why rejected? A comment on {lead.name}'s verdict"), asked
        await type_line(pilot, "Student   list, never  a buyer")
        table.move_cursor(row=row)
        await pilot.pause()
        assert str(panel.query_one("#lead-detail", RowDetail).render()).endswith("“Student list, never a buyer”")
        assert any(f"Comment kept with {lead.name}'s verdict" == str(n.message) for n in app._notifications)
        # the cursor moved by hand to another lead still without a verdict: m is about that one, not
        # the last verdict given (the question named the last lead, and the comment went to it)
        table.move_cursor(row=next(n for n, shown in enumerate(panel._rows) if shown.verdict is None))
        await pilot.pause()
        await pilot.press("r", "1")
        await pilot.pause()
        moved_on = table.cursor_row
        later = moved_on + 1
        assert not sample_log.rows("SELECT 1 FROM lead_feedback WHERE lead_id = ? AND meeting_id = ?",
                                   [panel._rows[later].lead.id, app.screen.runner.meeting.id])
        await pilot.press("down")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert "No verdict given here yet: Esc" in str(app.screen.prompt.query_one("#prompt-error").render())
        assert panel._rows[later].lead.name in str(app.screen.prompt.query_one("#prompt-label").render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("up")  # and back by hand to where the verdict had moved it: about that lead now
        await pilot.pause()
        assert table.cursor_row == moved_on
        await pilot.press("m")
        await pilot.pause()
        assert "No verdict given here yet: Esc" in str(app.screen.prompt.query_one("#prompt-error").render())
        await pilot.press("escape")
        await pilot.pause()
    given = sample_log.one("SELECT verdict, comment FROM lead_feedback WHERE lead_id = ? ORDER BY rowid DESC LIMIT 1",
                           [lead.id])
    assert given == {"verdict": "rejected", "comment": "Student list, never a buyer"}
    found = sample_log.search.search(("buyer",), kinds=("verdict",))  # searched with everything else
    assert lead.crm_id in [hit.target for hit in found.hits], found


async def test_a_rejection_shows_its_reason_as_soon_as_it_is_given(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one("LeadFeedbackPanel")
        lead = panel._rows[0].lead
        reason = sample_log.setting("rejection_reasons")[1]
        await pilot.press("r", "2")
        await pilot.pause()
        given = sample_log.one("SELECT reason FROM lead_feedback WHERE lead_id = ? ORDER BY rowid DESC LIMIT 1",
                               [lead.id])
        assert given["reason"] == reason
        line = next(line for line in shown(app).splitlines() if (lead.name or lead.crm_id) in line)
        assert f"✗ {reason}" in line


async def test_a_verdict_redraws_its_lead_and_the_totals_not_the_whole_review(sample_log, clock, monkeypatch):
    """After a first CRM import the review holds thousands of leads: reading and redrawing them
    all took seconds a keystroke. A verdict redraws its own row, the tally and the summary."""
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one(LeadFeedbackPanel)
        n = next(i for i, row in enumerate(panel._rows) if row.verdict is None and not row.carried)
        lead = panel._rows[n].lead
        panel.query_one("#leads-table").move_cursor(row=n)
        judged = sum(row.verdict is not None for row in panel._rows if not row.carried)  # this window's
        tally = next(t for t in app.screen.query_one(LeadFeedbackPanel)._shown[1] if t.source == lead.source)
        accepted = tally.counts[Verdict.ACCEPTED]
        full_redraws = []
        monkeypatch.setattr(LeadFeedbackPanel, "show", lambda self, *a: full_redraws.append(a))
        await pilot.press("a")
        await pilot.pause()
        assert full_redraws == []
        table = panel.query_one("#leads-table")
        assert table.get_cell(lead.id, "Verdict").plain == "accepted"
        assert panel._rows[n].verdict is Verdict.ACCEPTED
        assert f"{judged + 1} with a verdict" in str(panel.query_one("#leads-summary").render())
        tally = next(t for t in panel._shown[1] if t.source == lead.source)
        assert tally.counts[Verdict.ACCEPTED] == accepted + 1
        assert table.cursor_row == n + 1  # on to the next lead


def verdict_path(rows, count: int) -> list[int]:
    """The rows a run of verdicts reaches from the first: after each, the next lead below still
    without a verdict (the next row when none is waiting)."""
    path = [0]
    while len(path) < count:
        here = path[-1]
        path.append(next((n for n in range(here + 1, len(rows)) if rows[n].verdict is None), here + 1))
    return path


async def test_verdicts_typed_in_one_burst_each_reach_their_own_lead(sample_log, clock):
    """The cursor moves on once a verdict is saved, which the screen does after the key: typed
    fast, "anr2h" gave the first lead all three verdicts and showed its history, the next
    leads none."""
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.tui.widgets.dialogs import NoticeDialog
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one(LeadFeedbackPanel)
        meeting = app.screen.runner.meeting
        leads = [panel._rows[n].lead for n in verdict_path(panel._rows, 4)]
        reason = sample_log.setting("rejection_reasons")[1]
        burst(app, "anr2h")
        await settle(pilot, 8)
        assert isinstance(app.screen, NoticeDialog)
        assert leads[3].name in app.screen.title_text  # the history of the lead the cursor is on
    given = {row["lead_id"]: (row["verdict"], row["reason"]) for row in sample_log.rows(
        "SELECT lead_id, verdict, reason FROM lead_feedback WHERE meeting_id = ? ORDER BY rowid", [meeting.id])}
    assert [given.get(lead.id) for lead in leads] == [
        (Verdict.ACCEPTED.value, ""), (Verdict.NURTURE.value, ""), (Verdict.REJECTED.value, reason), None]


@pytest.mark.parametrize("typed, expected", [
    ("ar2nnca", ["accepted", ("rejected", 1), "nurture", "nurture", "converted", "accepted"]),
    ("ar↓\nnc", ["accepted", ("rejected", 1), "nurture", "converted"]),
    ("ar⎋nc", ["accepted", "nurture", "converted"]),
])
async def test_verdicts_typed_straight_after_a_rejection_reason_reach_the_leads_after_it(
        sample_log, clock, typed, expected):
    """The reason's dialog closed at its digit (or Enter, or Esc) while the keys typed behind it
    were already being handed out: "ar4nnnnn" gave the next leads' verdicts to the dialog (lost)
    and then the same lead four times; "4ncar2" could even leave the meeting."""
    from smarkmeet.tui.screens.meeting import MeetingScreen
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one(LeadFeedbackPanel)
        meeting = app.screen.runner.meeting
        path = verdict_path(panel._rows, len(expected) + 1)
        leads = [panel._rows[n].lead for n in path]
        reasons = sample_log.setting("rejection_reasons")
        burst(app, typed)
        await settle(pilot, 12)
        assert isinstance(app.screen, MeetingScreen)
        assert panel.query_one("#leads-table").cursor_row == path[-1]
    given = {row["lead_id"]: row["verdict"] if not row["reason"] else (row["verdict"], reasons.index(row["reason"]))
             for row in sample_log.rows("SELECT lead_id, verdict, reason FROM lead_feedback WHERE meeting_id = ?",
                                        [meeting.id])}
    assert [given.get(lead.id) for lead in leads] == [*expected, None]


async def test_a_lead_with_a_verdict_says_how_long_it_took_not_that_it_is_waiting(sample_log, clock):
    """"Waiting 35d" beside "accepted" read as a lead still waiting: a verdict's row says how long
    the first verdict took ("in 35d"), a lead without one how long it has waited."""
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel, waited

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one(LeadFeedbackPanel)
        await pilot.press("a")
        await settle(pilot)
        table = panel.query_one("#leads-table")
        assert {row.verdict is None for row in panel._rows} == {True, False}
        for row in panel._rows:
            shown = table.get_cell(row.lead.id, "Wait").plain
            expected = waited(row.hours_waiting)
            assert shown == (f"⚠ {expected}" if row.past_sla else f"in {expected}" if row.verdict else expected)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_tally_says_when_its_height_leaves_rows_out(sample_log, clock, size):
    """At 80×24 the per-source tally showed 3 of its 7 rows with no word of the others (then
    with no word of how to read them)."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, "lead_feedback")
        await settle(pilot)
        tally = app.screen.query_one("#sources-table")
        room = tally.scrollable_content_region.height - 1  # below its header
        assert tally.row_count > 3
        if size == (80, 24):  # the case that was found
            assert 0 < room < tally.row_count
            assert tally.border_title == f"{room} of {tally.row_count} rows shown · Tab, ↓: the rest"
            while app.focused is not tally:  # as it says: Tab reaches it, and ↓ brings up the rest
                await pilot.press("tab")
            await pilot.press("down")
            await pilot.pause()
            assert tally.scroll_y > 0
        else:
            assert room >= tally.row_count and not tally.border_title


async def test_the_review_names_a_leads_owner_as_the_team_does(sample_log, clock):
    """The owner column showed the CRM's "tomas" beside "Leo" and "Dana" in the action review: a
    CRM owner who is on the team (handle or full name) is shown by first name, others as written."""
    from smarkmeet.domain.models import Lead
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    sample_log.leads.add(Lead(crm_id="EXT-1", name="Outside Owner", source="Web", owner="j.doe@agency.example",
                              created_at=clock.now() - timedelta(hours=3)))
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one(LeadFeedbackPanel)
        table = panel.query_one("#leads-table")
        for row in panel._rows:
            person = sample_log.people.named_exactly(row.lead.owner) if row.lead.owner else None
            expected = person.name.split(" ")[0] if person else row.lead.owner
            shown = table.get_cell(row.lead.id, "Owner").plain
            assert shown == expected or (shown.endswith("…") and expected.startswith(shown[:-1])), (shown, expected)
        assert any(sample_log.people.named_exactly(row.lead.owner) for row in panel._rows)
        assert any(row.lead.crm_id == "EXT-1" for row in panel._rows)  # an owner off the team, as written


async def test_a_verdict_on_a_carried_lead_moves_the_tally(sample_log, clock):
    """The tally counted this window's leads only: a verdict on a lead carried from earlier
    weeks changed nothing in it. They have a row of their own."""
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    def carried_row(panel) -> list[str]:
        table = panel.query_one("#sources-table")
        first = [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(0)]
        assert first[0] == "↻ carried", first  # first, as in the review
        return first

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one(LeadFeedbackPanel)
        carried = [row for row in panel._rows if row.carried]
        assert carried  # the demo has leads left without a verdict at earlier meetings
        before = carried_row(panel)
        assert before[1:6] == [str(len(carried)), *(str(sum(r.verdict is v for r in carried)) for v in (
            Verdict.ACCEPTED, Verdict.REJECTED, Verdict.NURTURE, Verdict.CONVERTED))]
        n = next(i for i, row in enumerate(panel._rows) if row.carried and row.verdict is None)
        panel.query_one("#leads-table").move_cursor(row=n)
        await pilot.press("n")  # nurture
        await pilot.pause()
        after = carried_row(panel)
        assert int(after[4]) == int(before[4]) + 1
        assert int(after[6].split()[0]) == int(before[6].split()[0]) - 1


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_verdict_stays_in_sight_beside_a_crms_long_words(sample_log, clock, size):
    """A real export's sources, names and reasons are long: the verdict must not be pushed off screen."""
    from smarkmeet.domain.models import Lead

    reason = "bad contact data: the phone number and the email address both bounce"
    sample_log.set_setting("rejection_reasons", [reason])
    lead = sample_log.leads.add(Lead(
        crm_id="LONG1", name="Maximiliana Featherstonehaugh", company="Consolidated Intercontinental Holdings",
        source="Pay per Click Ads Campaign", owner="bartholomew.longname", created_at=clock.now() - timedelta(hours=30)))
    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one("LeadFeedbackPanel")
        table = panel.query_one("#leads-table")
        table.move_cursor(row=[row.lead.id for row in panel._rows].index(lead.id))
        await pilot.press("r", "1")
        await pilot.pause()
        line = next(line for line in shown(app).splitlines() if "Maximiliana Fe" in line)  # the name kept
        assert "✗ bad contact" in line, line  # too long for "rejected: …": the reason after a ✗
        assert "30h" in line, line  # the wait is in sight too
        assert table.virtual_size.width <= table.scrollable_content_region.width  # nothing to scroll sideways to


async def test_one_long_rejection_does_not_take_the_names_of_every_lead(sample_log, clock):
    """At 120 columns a rejection "went to a competitor" widened the verdict column to 30 cells
    ("rejected: went to a competitor"), cutting every lead's name in the review to make room."""
    from smarkmeet.tui.widgets.panels.leads import VERDICT_ROOM

    sample_log.set_setting("rejection_reasons", ["went to a competitor"])
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one("LeadFeedbackPanel")
        table = panel.query_one("#leads-table")
        names = {row.lead.id: row.lead.name for row in panel._rows}
        await pilot.press("r", "1")
        await pilot.pause()
        judged = panel._rows[0].lead.id
        assert panel._widths["Verdict"] <= VERDICT_ROOM
        assert str(table.get_cell(judged, "Verdict")) == "✗ went to a competitor"
        assert names[judged] in str(table.get_cell(judged, "Lead"))


async def test_a_rejection_at_80_columns_leaves_the_sources_whole_and_its_undo_gives_the_room_back(
        sample_log, clock):
    """At 80 columns one rejection ("✗ went to competitor") widened the verdict column from 9 cells
    to 22, cutting every source heading to "↻ Organic…"; after ctrl+z took it back the column
    stayed that wide. The sources keep what names them; the reason takes what the names leave."""
    from smarkmeet.tui.widgets.panels.leads import CARRIED, LeadFeedbackPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one(LeadFeedbackPanel)
        table = panel.query_one("#leads-table")
        headings = [(CARRIED if row.carried else "") + row.lead.source
                    for n, row in enumerate(panel._rows) if n == 0 or
                    (row.carried, row.lead.source) != (panel._rows[n - 1].carried, panel._rows[n - 1].lead.source)]
        whole = [heading for heading in headings if len(heading) <= 18]
        assert any(len(heading) > 10 for heading in whole)  # a source the narrow cap cut
        before = dict(panel._widths)
        n = next(i for i, row in enumerate(panel._rows) if row.verdict is None)
        table.move_cursor(row=n)
        judged = panel._rows[n].lead
        reasons = sample_log.setting("rejection_reasons")
        longest = max(range(len(reasons)), key=lambda i: len(reasons[i]))
        await pilot.press("r", str(longest + 1))
        await pilot.pause()
        assert sample_log.leads.get(judged.id).verdict is not None
        assert panel._widths["Source"] == before["Source"] >= max(len(heading) for heading in whole)
        assert panel._widths["Lead"] >= 16
        assert panel._widths["Verdict"] > before["Verdict"]  # room was left for (some of) the reason
        shown_verdicts = [str(table.get_cell(row.lead.id, "Verdict")) for row in panel._rows]
        assert panel._widths["Verdict"] == max(len(verdict) for verdict in shown_verdicts)  # and no more
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sample_log.leads.get(judged.id).verdict is None
        assert panel._widths == before


async def test_a_new_verdict_drops_the_taken_back_notice_of_its_lead(sample_log, clock):
    """n, ctrl+z, n: "Taken back: Diego Schmidt — nurture; the lead is as it was" stayed on screen
    (over the tally) after the lead was given nurture again."""
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one(LeadFeedbackPanel)
        n = next(i for i, row in enumerate(panel._rows) if row.verdict is None)
        panel.query_one("#leads-table").move_cursor(row=n)
        name = panel._rows[n].lead.name
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(str(m.message).startswith(f"Taken back: {name} — ") for m in app._notifications)
        panel.query_one("#leads-table").move_cursor(row=n)
        await pilot.press("n")
        await pilot.pause()
        assert not any(str(m.message).startswith(f"Taken back: {name} — ") for m in app._notifications)


async def test_taking_back_one_of_two_long_rejections_keeps_the_column_without_a_refit(sample_log, clock,
                                                                                        monkeypatch):
    """Taking back a rejection refitted the whole review (seconds on a CRM import of thousands)
    even when another rejection still needed the column as wide."""
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one(LeadFeedbackPanel)
        reasons = sample_log.setting("rejection_reasons")
        longest = max(range(len(reasons)), key=lambda i: len(reasons[i]))
        for _ in range(2):
            n = next(i for i, row in enumerate(panel._rows) if row.verdict is None)
            panel.query_one("#leads-table").move_cursor(row=n)
            await pilot.press("r", str(longest + 1))
            await pilot.pause()
        wide = dict(panel._widths)
        fills = []
        original = LeadFeedbackPanel.show
        monkeypatch.setattr(LeadFeedbackPanel, "show", lambda self, *a: fills.append(1) or original(self, *a))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert panel._widths == wide and not fills


async def test_a_meeting_resumed_at_the_lead_review_fits_its_columns_to_the_screen(sample_log, clock):
    """Resumed straight into a section, its table was fitted before the panel had a size (0
    columns) and stayed so: names and verdicts cut to 8 cells on a screen with room for more."""

    left_at_the_lead_review(sample_log)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")  # resume
        await pilot.pause()
        await pilot.pause()
        panel = app.screen.query_one("LeadFeedbackPanel")
        assert panel.size.width > 40
        table = panel.query_one("#leads-table")
        widths = {str(column.label): column.width for column in table.columns.values()}
        longest = max(len(f"{row.lead.name} · {row.lead.company}") for row in panel._rows)
        assert widths["Lead"] >= min(longest, 16), widths


async def test_a_review_is_filled_once_when_opened_and_once_per_resize(sample_log, clock, monkeypatch):
    """Each fill of a big review costs seconds: filled at 0 columns, then once per Resize event,
    a resumed review of 9,240 leads was filled three times over."""
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    left_at_the_lead_review(sample_log)
    fills = []
    original = LeadFeedbackPanel.show

    def counted(self, *args):
        fills.append(self.size.width)
        original(self, *args)

    monkeypatch.setattr(LeadFeedbackPanel, "show", counted)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")  # resume
        await pilot.pause()
        await pilot.pause()
        assert len([width for width in fills if width]) == 1, fills
        fills.clear()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert len(fills) == 1 and fills[0] > 80, fills


async def test_the_criticism_section_says_how_many_older_open_notes_it_does_not_list(sample_log, clock,
                                                                                    monkeypatch):
    from smarkmeet.services import criticism

    monkeypatch.setattr(criticism, "EARLIER_SHOWN", 2)
    open_notes = len(sample_log.notes.open_notes())
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        panel = app.screen.query_one("CriticismPanel")
        assert len(panel._rows) == 2
        summary = str(panel.query_one("#notes-summary").render())
        assert f"{open_notes} open note(s) (older {open_notes - 2}: the criticism log)" in summary, summary


async def go_to_wrapup(pilot) -> None:
    await go_to(pilot, "wrapup")


async def test_a_quick_add_problem_quoting_markup_is_shown_as_typed(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        assert app.focused.id == "quick-add"
        await type_line(pilot, "Send list @dana due:[/]")  # the date problem quotes "[/]": not markup
        assert isinstance(app.screen, MeetingScreen)
        error = str(app.screen.query_one("#quick-add-error").render())
        assert "[/]" in error
        assert app.screen.query_one("#quick-add").value == "Send list @dana due:[/]"
    assert sample_log.rows("SELECT id FROM action_items WHERE title = 'Send list'") == []


async def test_a_long_new_item_says_whose_and_when_first_below_the_list(sample_log, clock):
    """A 700-character title filled the four lines below the list: its owner and due date, said
    after it, never showed."""
    from smarkmeet.tui.widgets.panels.wrapup import WrapupPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        await type_line(pilot, "Rewrite the whole nurture programme " * 20 + "@leo due:fri")
        panel = app.screen.query_one(WrapupPanel)
        said = panel.detail().plain
        assert said.startswith("Leo Martins, due "), said[:80]


async def test_clearing_the_quick_add_line_clears_its_problem(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        await type_line(pilot, "Send list due:fri")  # no owner
        error = app.screen.query_one("#quick-add-error")
        assert "who owns it" in str(error.render())
        await pilot.press("backspace")  # still the same line, near enough: the problem stays
        await pilot.pause()
        assert "who owns it" in str(error.render())
        await pilot.press("ctrl+u")  # the whole line gone (Textual's Input: delete to the start)
        await pilot.pause()
        assert app.screen.query_one("#quick-add").value == ""
        assert str(error.render()).strip() == ""


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_wrapup_keeps_a_long_items_owner_and_due_date_in_sight(sample_log, clock, size):
    title = "Call every demo request within four hours and log the outcome in the CRM the same day"
    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await go_to_wrapup(pilot)
        await type_line(pilot, f"{title} @sam due:2026-12-04")
        screen = shown(app)
        line = next(line for line in screen.splitlines() if title[:10] in line)
        owner, due = ("Sam", "04 Dec") if size[0] < 100 else ("Sam Ortega", "Fri 04 Dec")  # first names when narrow
        assert owner in line and due in line, line
        assert title not in line  # cut to fit, with an ellipsis
        assert title[:16] in line  # narrow, the ratings box gives up room (first names, a short title)
        assert "New items: 1" in screen and (" · avg " in screen and "Rated" not in screen if size[0] < 100 else "Rated 0/" in screen)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_guests_long_name_leaves_the_items_owner_and_due_date_and_the_scores_in_sight(
        sample_log, clock, size):
    from smarkmeet.services import attendance

    long_name = "Maria Fernanda de los Santos Rodriguez " * 2  # 77 characters: near the most a name may have
    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await go_to_wrapup(pilot)
        attendance.add_guest(sample_log, app.screen.runner.meeting, long_name.strip())
        await type_line(pilot, "Send the webinar list to sales @sam due:2026-12-04")
        screen = shown(app)
        line = next(line for line in screen.splitlines() if "Send the webinar" in line)
        owner, due = ("Sam", "04 Dec") if size[0] < 100 else ("Sam Ortega", "Fri 04 Dec")
        assert owner in line and due in line, line
        guest = next(line for line in screen.splitlines() if "Maria" in line)
        assert guest.rstrip(" │▊▎▌").endswith("—"), guest  # the guest's score (none yet) is on screen


@pytest.mark.parametrize("already_in", [False, True])
async def test_at_80_columns_a_guests_long_name_leaves_every_mark_whole_at_check_in(sample_log, clock,
                                                                                   already_in):
    """Checked in during the meeting, or already when it is resumed (shown once before the
    panel has its width: the name's column must not keep that first, full width)."""
    from smarkmeet.services import attendance
    from smarkmeet.services.meeting import MeetingRunner

    name = "Maria Fernanda de los Santos Rodriguez"
    if already_in:
        runner = MeetingRunner(sample_log, sample_log.meetings.next_planned().id)
        runner.start()
        attendance.add_guest(sample_log, runner.meeting, name)
        sample_log.active_meeting_id = None
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        if already_in:
            await pilot.pause()
            await pilot.press("enter")  # resume it
            await pilot.pause()
        else:
            await start(pilot)
            attendance.add_guest(sample_log, app.screen.runner.meeting, name)
            app.screen.refresh_panel()
        await pilot.pause()
        screen = shown(app)
        guest = next(line for line in screen.splitlines() if "Maria" in line)
        assert "✓ present" in guest, guest
        assert all("· not checked in" in line for line in screen.splitlines() if "Dana" in line)


def test_narrow_ratings_show_first_names_told_apart_where_two_share_one():
    from smarkmeet.domain.enums import Side
    from smarkmeet.domain.models import Person
    from smarkmeet.tui.widgets.panels.wrapup import short_names

    people = [Person(name=name, handle=f"h{n}", side=Side.SALES)
              for n, name in enumerate(["Sam Ortega", "Sam Lee", "Priya Raman", "Cher"])]
    assert list(short_names(people).values()) == ["Sam O.", "Sam L.", "Priya", "Cher"]


async def test_moving_on_to_the_next_section_drops_the_passing_notices_of_the_last(sample_log, clock):
    """At 80×24 a guest's notice from the check-in followed ctrl+n and covered the action
    review's rows for seconds. A warning stays until it times out, as on a change of screen."""
    import time

    from smarkmeet.tui.app import NOTICE_STAYS_ON_SCREEN_CHANGE

    app = make_app(sample_log, clock)
    # (a window tall enough for several notices: under 32 rows a new one replaces the last already)
    async with app.run_test(size=(80, 34), notifications=True) as pilot:
        await start(pilot)
        app.notify("Checked in: Maria (guest)")
        app.notify("the log was busy", severity="warning", timeout=10)
        await pilot.pause()
        for notification in app._notifications:
            notification.raised_at = time.time() - NOTICE_STAYS_ON_SCREEN_CHANGE - 1  # said a while ago
        app.notify("just said")
        app.notify("Resolved: lists late  (ctrl+z undoes)")  # just said too, but of an undo the next section's ctrl+z is not
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert [str(n.message) for n in app._notifications] == ["the log was busy", "just said"]


async def test_ending_names_who_was_not_checked_in(sample_log, clock):
    from smarkmeet.tui.widgets.dialogs import ConfirmDialog

    team = sample_log.people.team()
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await pilot.press("p")  # the first of the team; nobody else is marked
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        marked = sample_log.people.attendance(sample_log.meetings.in_progress().id)
        assert len(marked) == 1
        question = app.screen.question
        assert "Not checked in" in question, question
        for person in team:
            assert (person.name in question) == (person.id not in marked), person.name


async def test_ending_a_meeting_with_no_one_checked_in_says_so(sample_log, clock):
    """Jumping past the check-in and ending would write minutes naming no one: the question says so
    (and not once anyone is marked, when the names of the unmarked are given instead)."""
    from smarkmeet.tui.widgets.dialogs import ConfirmDialog

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "wrapup")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "No one was checked in" in app.screen.question, app.screen.question
        await pilot.press("escape")
        await pilot.press("ctrl+g", "1")
        await pilot.pause()
        await pilot.press("p")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "No one was checked in" not in app.screen.question
        assert "Not checked in" in app.screen.question


async def test_someone_added_during_check_in_is_listed_but_not_counted_as_missed(sample_log, clock):
    """The live count says what the end of the meeting will ask about: the team as it was at the start."""
    import re

    from smarkmeet.services.team import add_member

    team = sample_log.people.team()
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await pilot.press("p")
        clock.advance(minutes=2)
        add_member(sample_log, name="Kai Newhire", side="sales")
        app.screen.refresh_panel()
        await pilot.pause()
        screen = shown(app)
        assert "· joined later" in next(line for line in screen.splitlines() if "Kai Newhire" in line)
        count = int(re.search(r"Not checked in: (\d+)", screen).group(1))
        assert count == len(team) - 1
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "Kai Newhire" not in app.screen.question


async def test_an_over_long_summary_is_refused_in_words_and_kept(sample_log, clock):
    meeting = sample_log.meetings.next_planned()
    too_long = "Good meeting. " * 1500  # 21,000 characters: more than a summary holds
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        app.screen.query_one("#summary").focus()
        await pilot.pause()
        await type_line(pilot, too_long)
        assert isinstance(app.screen, MeetingScreen)
        assert any("Summary not saved" in str(n.message) and "20,000" in str(n.message)
                   for n in app._notifications)
        assert app.screen.query_one("#summary").value == too_long  # kept, to be shortened
        await type_line(pilot, "Short and\x1b sweet")
    assert sample_log.meetings.get(meeting.id).summary == "Short and␛ sweet"


async def test_a_typed_meeting_title_is_held_to_the_models_rules(sample_log, clock):
    from smarkmeet.tui.screens.home import HomeScreen

    planned = sample_log.meetings.next_planned()
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await type_line(pilot, "x" * 2001)  # too long to read back: refused in words, nothing started
        dialog = app.screen
        assert not isinstance(dialog, (HomeScreen, MeetingScreen))
        assert "characters at most" in str(dialog.query_one("#start-error").render())
        assert sample_log.meetings.get(planned.id).title == planned.title
        await pilot.press("ctrl+u")  # the title typed over
        await type_line(pilot, "Weekly\x1b]0;pwned\x07 sync")
        assert isinstance(app.screen, MeetingScreen)
    raw = sample_log.one("SELECT title FROM meetings WHERE id = ?", [planned.id])["title"]
    assert raw == "Weekly␛]0;pwned␇ sync"


async def test_a_refused_guest_name_stays_in_the_prompt(sample_log, clock):
    """A name the log refuses (over the 2,000 characters a name holds) is told in words and stays
    typed in the prompt, to be shortened; nothing is written until it is."""
    meeting = sample_log.meetings.next_planned()
    people_before = len(sample_log.people.team())
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await pilot.press("g")
        too_long = "Pat " * 600
        await type_line(pilot, too_long)
        prompt = app.screen.query_one("#prompt")
        assert prompt.is_open and app.screen.query_one("#prompt-input").value == too_long
        assert "Not saved" in str(app.screen.query_one("#prompt-error").render())
        assert any(n.severity == "warning" for n in app._notifications)
        await type_line(pilot, "Pat Product")
        assert not prompt.is_open
    guests = sample_log.rows("SELECT p.name FROM attendance a JOIN people p ON p.id = a.person_id "
                             "WHERE a.meeting_id = ? AND p.guest = 1", [meeting.id])
    assert [row["name"] for row in guests] == ["Pat Product"]
    assert len(sample_log.people.team()) == people_before  # a guest is not one of the team


async def test_a_rating_the_log_refuses_is_told_and_stays_typed(sample_log, clock, monkeypatch):
    """A write error on a typed rating (the log busy, read-only, full) is said in words; no crash."""
    from types import SimpleNamespace

    from smarkmeet.services import wrapup
    from smarkmeet.store.errors import LogWriteError

    person = sample_log.people.team()[0]
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)

        def busy(*args, **kwargs):
            raise LogWriteError("the log is busy in another program; nothing was written — try again")

        monkeypatch.setattr(wrapup, "rate", busy)
        app.screen._rating(SimpleNamespace(person=person, score=None))
        await pilot.pause()
        await type_line(pilot, "8")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.query_one("#prompt").is_open and app.screen.query_one("#prompt-input").value == "8"
        assert any("busy in another program" in str(n.message) for n in app._notifications)


async def ask_about_the_first_reviewed_item(pilot, key: str):
    """Start the meeting, open the action review and press ``key`` on its first item; that item."""
    await start(pilot)
    await pilot.press("ctrl+n")  # the action review
    await pilot.pause()
    item = pilot.app.screen.query_one("ActionReviewPanel")._rows[0]
    await pilot.press(key)
    await pilot.pause()
    return item


async def test_an_ambiguous_date_keeps_the_prompt_until_the_chosen_day_is_saved(sample_log, clock, monkeypatch):
    """“12/1” asks which day was meant; Esc, or a choice the log refuses, leaves the typed text in
    the prompt to be changed; a choice that is saved closes it."""
    from smarkmeet.domain.dates import read_date
    from smarkmeet.services import review
    from smarkmeet.store.errors import LogWriteError
    from smarkmeet.tui.widgets.dialogs import ChoiceDialog

    meant = read_date("12/1", clock.today()).candidates[0]
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        item = await ask_about_the_first_reviewed_item(pilot, "c")
        prompt, field = app.screen.query_one("#prompt"), app.screen.query_one("#prompt-input")
        await type_line(pilot, "12/1")
        assert isinstance(app.screen, ChoiceDialog)
        waiting = app.screen_stack[-2].query_one("#prompt-error")
        assert "Pick which one" in str(waiting.render()) and waiting.has_class("-note")  # not shown as an error
        await pilot.press("escape")
        await pilot.pause()
        assert prompt.is_open and field.value == "12/1"
        assert "Nothing picked" in str(app.screen.query_one("#prompt-error").render())
        assert not app.screen.query_one("#prompt-error").has_class("-note")

        real = review.carry

        def busy(*args, **kwargs):
            raise LogWriteError("the log is busy in another program; nothing was written — try again")

        monkeypatch.setattr(review, "carry", busy)
        await type_line(pilot, "12/1")
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert prompt.is_open and field.value == "12/1"
        assert "Not saved" in str(app.screen.query_one("#prompt-error").render())
        assert any("busy in another program" in str(n.message) for n in app._notifications)

        monkeypatch.setattr(review, "carry", real)
        await type_line(pilot, "12/1")
        await pilot.press("1")
        await pilot.pause()
        assert not prompt.is_open
    assert sample_log.actions.get(item.id).due_date == meant


@pytest.mark.parametrize("key", ["c", "z"])
async def test_a_carry_or_snooze_to_a_day_gone_by_is_refused_in_words(sample_log, clock, key):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        item = await ask_about_the_first_reviewed_item(pilot, key)
        await type_line(pilot, "2020-01-01")
        assert app.screen.query_one("#prompt").is_open
        assert "Wed 01 Jan 2020 has passed" in str(app.screen.query_one("#prompt-error").render())
    stored = sample_log.actions.get(item.id)
    assert (stored.due_date, stored.snoozed_until, stored.carry_count) == (
        item.due_date, item.snoozed_until, item.carry_count)


async def test_a_snooze_until_today_is_refused_it_would_hide_nothing(sample_log, clock):
    """"z today" was taken: the item stayed listed, overdue, was carried at the end, and the
    minutes called it both snoozed and carried. A carry to today is still a carry."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        item = await ask_about_the_first_reviewed_item(pilot, "z")
        await type_line(pilot, "today")
        assert app.screen.query_one("#prompt").is_open
        assert "a snooze hides the item until a later day" in str(app.screen.query_one("#prompt-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert sample_log.actions.get(item.id).snoozed_until == item.snoozed_until
        await pilot.press("c")  # the same item, still first
        await pilot.pause()
        app.screen.query_one("#prompt-input").value = ""
        await type_line(pilot, "today")
        assert not app.screen.query_one("#prompt").is_open
    assert sample_log.actions.get(item.id).due_date == clock.today()


async def test_a_quick_add_dialog_left_with_esc_keeps_the_line_and_says_so(sample_log, clock):
    """Both quick-add lines — the prompt (ctrl+r) and the wrap-up line — keep what was typed while a
    dialog asks (a note, not an error), and say “Nothing picked” after Esc rather than a stale wait."""
    from smarkmeet.domain.dates import read_date
    from smarkmeet.tui.widgets.dialogs import ChoiceDialog

    items_before = sample_log.actions.count()
    meant = read_date("12/1", clock.today()).candidates[0]
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        line = "Fix the signup form @zed due:tomorrow"
        await type_line(pilot, line)  # the wrap-up line: nobody is @zed
        assert isinstance(app.screen, ChoiceDialog)
        waiting = app.screen_stack[-2].query_one("#quick-add-error")
        assert "not on the team yet" in str(waiting.render()) and waiting.has_class("-note")
        await pilot.press("escape")
        await pilot.pause()
        error = app.screen.query_one("#quick-add-error")
        assert "Nothing picked" in str(error.render()) and not error.has_class("-note")
        assert app.screen.query_one("#quick-add").value == line

        await pilot.press("ctrl+r")  # the prompt: an ambiguous due date
        await pilot.pause()
        await type_line(pilot, "Send the webinar list @dana due:12/1")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await pilot.pause()
        prompt_error = app.screen.query_one("#prompt-error")
        assert "Nothing picked" in str(prompt_error.render())
        assert app.screen.query_one("#prompt-input").value == "Send the webinar list @dana due:12/1"
        assert sample_log.actions.count() == items_before  # nothing written while nothing was picked
        await type_line(pilot, "Send the webinar list @dana due:12/1")
        await pilot.press("1")
        await pilot.pause()
        assert not app.screen.query_one("#prompt").is_open
    added = sample_log.rows("SELECT due_date FROM action_items WHERE title = 'Send the webinar list'")
    assert [row["due_date"] for row in added] == [meant.isoformat()]


@pytest.mark.parametrize("typed", ["mei due:tomorrow", "@mei due:tomorrow", " @mei due:tomorrow"])
async def test_a_note_turned_into_an_action_item_keeps_its_title_as_you_type_the_owner(sample_log, clock, typed):
    """`t` starts the item's line with the note's request and "@": what is typed next goes on
    after it (it was selected, so typing the owner's name replaced the title). The owner typed
    with its own "@" (the hint says "add @name") leaves no "@" in the title."""
    from textual.widgets import DataTable

    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        table = app.screen.query_one(CriticismPanel).query_one("#notes-table", DataTable)
        table.focus()
        notes = {n.id: n for n in sample_log.notes.open_notes() if not n.action_item_id}
        row = next(i for i, key in enumerate(table.rows) if key.value in notes)
        table.move_cursor(row=row)
        await pilot.pause()
        note = notes[table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value]
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*typed)
        await pilot.press("enter")
        await pilot.pause()
    mei = sample_log.people.by_handle("mei")
    linked = sample_log.notes.get(note.id).action_item_id
    item = sample_log.actions.get(linked)
    assert (item.title, item.owner_id) == ((note.request or note.observation).strip(), mei.id)


async def test_a_follow_up_is_asked_for_by_the_notes_observation_and_recorded(sample_log, clock):
    from textual.widgets import DataTable, Label

    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        table = app.screen.query_one(CriticismPanel).query_one("#notes-table", DataTable)
        table.focus()
        notes = {n.id: n for n in sample_log.notes.open_notes()}
        table.move_cursor(row=next(i for i, key in enumerate(table.rows) if key.value in notes))
        await pilot.pause()
        note = notes[table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value]
        await pilot.press("f")
        await pilot.pause()
        label = str(app.screen.query_one("#prompt-label", Label).content)
        observation = " ".join(note.observation.split())
        assert label.startswith("Follow-up on “") and observation[:20] in label, label
        await type_line(pilot, "draft shared with sales")
    rows = sample_log.rows("SELECT comment FROM criticism_followups WHERE note_id = ?", [note.id])
    assert "draft shared with sales" in [row["comment"] for row in rows]


async def test_e_puts_right_a_note_raised_here_and_only_here(sample_log, clock):
    """A note saved with the wrong direction or a typo stayed so: the only way out was to resolve
    it and type it again, leaving both in the log. `e` loads a note raised in this meeting into
    the form; Enter on the request saves it, each change recorded; Esc leaves it as it was. An
    earlier meeting's note stays as it was said."""
    from textual.widgets import DataTable, Input

    from smarkmeet.domain.enums import Side
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel, DirectionToggle

    log = sample_log
    app = make_app(log, clock)

    def offered() -> str:
        return shown(app).splitlines()[-1]  # the footer

    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "criticism")
        panel = app.screen.query_one(CriticismPanel)
        table = panel.query_one("#notes-table", DataTable)
        assert panel.query_one(DirectionToggle).from_side is Side.SALES
        await type_line(pilot, "Leads arive without a phone nmber")
        await type_line(pilot, "")
        await type_line(pilot, "Require the phone field")
        note = next(n for n in log.notes.in_meeting(app.screen.meeting_id) if n.observation.startswith("Leads arive"))
        assert note.from_side is Side.SALES

        table.focus()
        await pilot.pause()
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == note.id
        assert str(table.get_cell(note.id, "Status")) == "new"  # raised here: e can change it
        assert {str(table.get_cell(n.id, "Status")) for n in log.notes.open_notes()
                if n.meeting_id != app.screen.meeting_id and n.id in table.rows} <= {"open"} | {
                    f"{k} follow-up{'s' if k > 1 else ''}" for k in range(1, 20)}
        await pilot.press("e")
        await pilot.pause()
        fields = {name: panel.query_one(f"#note-{name}", Input) for name in ("observation", "impact", "request")}
        assert [field.value for field in fields.values()] == [note.observation, "", note.request]
        assert app.focused is fields["observation"]
        # the field being changed at the end of its words, the others shown from their start
        assert fields["observation"].cursor_position == len(note.observation) and fields["request"].cursor_position == 0
        await pilot.press("escape")  # leaves it as it was
        await pilot.pause()
        assert log.notes.get(note.id) == note and not any(field.value for field in fields.values())
        assert app.focused is table

        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*["backspace"] * len("arive without a phone nmber"), *"arrive without a phone number")
        assert "Cancel the change" in offered()
        await pilot.press("shift+tab", "space")  # to the direction, flipped
        await pilot.pause()
        await pilot.press("enter", "enter")  # on to the observation, kept as it is
        await pilot.pause()
        await type_line(pilot, "Reps lose a day finding it")
        await pilot.press(*" today", "enter")  # added to the end of the request (its words not selected): saved
        await pilot.pause()
        edited = log.notes.get(note.id)
        assert (edited.from_side, edited.to_side) == (Side.MARKETING, Side.SALES)
        assert (edited.observation, edited.impact, edited.request) == (
            "Leads arrive without a phone number", "Reps lose a day finding it", "Require the phone field today")
        assert len([n for n in log.notes.in_meeting(app.screen.meeting_id) if n.created_at == note.created_at]) == 1
        assert fields["request"].select_on_focus  # a new note's fields select as before
        entry = log.changes(table="criticism_notes", row_id=note.id)[-1]
        assert entry["action"] == "update" and entry["meeting_id"] == app.screen.meeting_id
        assert not any(field.value for field in fields.values()) and panel.editing is None
        assert panel.query_one(DirectionToggle).from_side is Side.SALES  # the next new note's, as before
        assert "Cancel the change" not in offered()  # the footer no longer offers Esc
        assert any(str(n.message).startswith("Note changed: Leads arrive") for n in app._notifications)
        row = [str(cell) for cell in table.get_row_at(table.get_row_index(note.id))]
        assert row[0] == "M→S" and row[1].startswith("Leads arrive")

        table.focus()
        await pilot.press("e")  # changed again, then: t on it, e again, and ending are each answered
        await pilot.pause()
        table.focus()
        await pilot.press("t")
        await pilot.pause()
        assert "This note is being changed" in str(panel.query_one("#note-error").render())
        assert log.notes.get(note.id).action_item_id is None and panel.editing is not None
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "Still typed, not saved: a change to the note “Leads arrive" in app.screen.question
        await pilot.press("2")  # cancel
        await pilot.pause()
        panel.cancel_edit()
        await pilot.pause()

        earlier = next(n for n in log.notes.open_notes() if n.meeting_id != app.screen.meeting_id)
        table.focus()
        table.move_cursor(row=table.get_row_index(earlier.id))
        await pilot.press("e")
        await pilot.pause()
        assert "stays as it was said" in str(list(app._notifications)[-1].message)
        assert panel.editing is None and not fields["observation"].value
    assert log.notes.get(earlier.id) == earlier


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_goal_review_keeps_target_actual_and_status_in_sight(sample_log, clock, size):
    """Goal names are long: at 80 columns only name, owner and period were on screen, so an actual
    typed in changed nothing visible. Target, actual and status now always fit the panel; the
    period, the owner and the trend give way first, then the name is cut."""
    from textual.widgets import DataTable

    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, "goal_review")
        app.screen.query_one(GoalReviewPanel).query_one(DataTable).focus()
        await pilot.press("enter")
        await type_line(pilot, "22")
        panel = app.screen.query_one(GoalReviewPanel)
        table = panel.query_one(DataTable)
        labels = [column.label.plain for column in table.columns.values()]
        assert {"Goal", "Target", "Actual", "Status"} <= set(labels), labels
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= panel.size.width - 2
        first = sample_log.goals.statuses(last=8)[0]
        row = dict(zip(labels, (str(cell) for cell in table.get_row_at(0)), strict=True))
        assert row["Actual"].strip() == "22" and row["Status"].startswith("● ")
        assert first.goal.name.startswith(row["Goal"].rstrip("…"))


async def test_at_80_columns_the_criticism_list_fits_its_panel(sample_log, clock):
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("ctrl+g")  # go to…
        await pilot.pause()
        await pilot.press("5")  # criticism notes
        await pilot.pause()
        panel = app.screen.query_one(CriticismPanel)
        table = panel.query_one("#notes-table")
        widths = {column.label.plain: column.get_render_width(table) - 2 for column in table.columns.values()}
        assert list(widths) == ["Way", "Observation", "Request", "Status"]  # raised and action give way
        assert sum(width + 2 for width in widths.values()) <= panel.size.width
        assert "4 f/u" in shown(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 45)])
@pytest.mark.parametrize("kind", ["criticism", "wrapup"])
async def test_the_fields_hints_are_never_cut_short(sample_log, clock, size, kind):
    """At 80 columns the note form read "Observation: what is not" and "Request: the ask (Ente",
    the action-item line "…sales @dana": each field shows the longest of its hints that fits."""
    from smarkmeet.tui.widgets.fields import HintedInput
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel
    from smarkmeet.tui.widgets.panels.wrapup import WrapupPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, kind)
        panel = app.screen.query_one({"criticism": CriticismPanel, "wrapup": WrapupPanel}[kind])
        fields = list(panel.query(HintedInput))
        assert len(fields) == {"criticism": 3, "wrapup": 1}[kind]
        for field in fields:
            assert len(field.placeholder) < field.content_region.width, (field.id, field.placeholder)
        if size[0] >= 160:  # room for the whole hint
            assert [field.placeholder for field in fields] == [field._hints[0] for field in fields]


def test_goal_columns_fit_a_narrow_panel_even_with_long_figures():
    """Seven-figure money and a long name in a 56-cell panel: the name is cut further rather than
    the status going past the panel's edge."""
    from rich.text import Text

    from smarkmeet.tui.widgets.panels.goals import COLUMNS, fitted_widths

    row = dict(zip(COLUMNS, ("Pipeline created from partner referrals", "marketing", "wk of 23 Nov", "1,250,000",
                             "1,312,500", "● 105% green", "▁▂▃▄▅▆▇█"), strict=True))
    widths = fitted_widths([{label: Text(cell) for label, cell in row.items()}], 56)
    assert {"Goal", "Target", "Actual", "Status"} <= set(widths)
    assert sum(width + 2 for width in widths.values()) + 2 <= 56
    assert widths["Status"] >= len(row["Status"]) and widths["Actual"] >= len(row["Actual"])


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize("kind", ["action_review", "lead_feedback", "criticism", "wrapup"])
async def test_the_highlighted_row_is_shown_whole_below_its_table(sample_log, clock, kind, size):
    """Tables cut titles, observations and names to fit; the room reads the row under the cursor
    whole, below the table (at 120 columns the review's titles had 20 cells)."""
    from smarkmeet.tui.widgets.panels import RowDetail

    long_title = "Call every demo request within four hours and log the outcome in the CRM the same day"
    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, kind)
        if kind == "wrapup":
            await type_line(pilot, f"{long_title} @sam due:2026-12-04")
            expected = [long_title, "Sam Ortega", "Fri 04 Dec"]
            panel = app.screen.query_one("#panel-wrapup")
        else:
            panel_id, table_id = {"action_review": ("panel-review", "review-table"),
                                  "lead_feedback": ("panel-leads", "leads-table"),
                                  "criticism": ("panel-criticism", "notes-table")}[kind]
            panel = app.screen.query_one(f"#{panel_id}")
            row = panel.under_cursor(panel.query_one(f"#{table_id}"), panel._rows)
            expected = {"action_review": lambda: [row.title, row.owner_name],
                        "lead_feedback": lambda: [row.lead.name, row.lead.company, row.lead.crm_id],
                        "criticism": lambda: [row.observation, row.impact, row.request]}[kind]()
        detail = panel.query_one(RowDetail)
        text = str(detail.render())
        assert detail.display and all(part in text for part in expected), text
        # on screen, whole: inside the screen, and as tall as its wrapped text
        assert detail.region.bottom <= size[1] - 1 and detail.region.height >= 2
        words = " ".join(shown(app).split())
        assert all(word in words for part in expected for word in part.split()[-3:])


async def test_a_note_typed_ahead_lands_in_its_fields(sample_log, clock):
    """Keys arrive faster than the app moves on (a fast typist while the log is busy): Enter in a
    note's field used to move the focus a moment later, so the impact typed straight after it
    was added to the observation, and the next note's first words went into the one saved."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        assert app.focused.id == "note-observation"
        notes = app.screen.query_one("#notes-table")
        notes.move_cursor(row=notes.row_count - 1)  # an older note highlighted
        burst(app, "Lists late\nDeals stall\nSend same day\nSecond note")
        await pilot.pause()
        await pilot.pause()
        rows = sample_log.rows("SELECT observation, impact, request FROM criticism_notes WHERE observation = 'Lists late'")
        assert [tuple(row.values()) for row in rows] == [("Lists late", "Deals stall", "Send same day")]
        assert app.focused.id == "note-observation" and app.focused.value == "Second note"
        # the note just added is the one shown whole below the list, not the one highlighted before
        from smarkmeet.tui.widgets.panels import RowDetail

        await pilot.pause()
        assert "Lists late" in str(app.screen.query_one("#panel-criticism").query_one(RowDetail).render())


async def test_enter_on_an_empty_observation_stays_there(sample_log, clock):
    """Enter on the empty observation moved on to the impact: the observation typed next was saved
    as the impact, the impact as the request, each answer one field late."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        assert app.focused.id == "note-observation"
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "note-observation"
        assert "starts with its observation" in str(app.screen.query_one("#note-error").render())
        burst(app, "Leads go cold\nDeals stall\nCall within a day\n")
        await pilot.pause()
        await pilot.pause()
        rows = sample_log.rows("SELECT observation, impact, request FROM criticism_notes WHERE observation = 'Leads go cold'")
        assert [tuple(row.values()) for row in rows] == [("Leads go cold", "Deals stall", "Call within a day")]


async def test_words_typed_on_the_direction_go_to_the_observation(sample_log, clock):
    """Shift+Tab from the observation lands on the direction: the words typed next were dropped
    (but for an s or m, which flipped the direction unseen)."""
    from smarkmeet.tui.widgets.panels.criticism import DirectionToggle

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        toggle = app.screen.query_one(DirectionToggle)
        way = toggle.from_side
        burst(app, "⇤Reps lose money on late lists")
        await settle(pilot)
        assert app.focused.id == "note-observation"
        assert app.focused.value == "Reps lose money on late lists"
        assert toggle.from_side is way


@pytest.mark.parametrize("way", ["⇤ ⇥", "⇤→\n", "⇤m\n", "⇤ s\n"])
async def test_a_direction_chosen_fast_is_the_one_saved_and_the_next_note_is_kept(sample_log, clock, way):
    """A drop-down chose the direction: typed fast ("⏎↓⏎⇥" and the note) it showed one way and
    saved the other, and kept the focus, so the next note typed went nowhere."""
    from smarkmeet.tui.widgets.panels.criticism import DirectionToggle

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        meeting = app.screen.runner.meeting
        assert app.focused.id == "note-observation"
        burst(app, way + "Obs one\nImp one\nReq one\nObs two\nImp two\nReq two\n")
        await settle(pilot, 8)
        shown = app.screen.query_one(DirectionToggle).from_side
    wanted = "sales" if way.endswith("s\n") else "marketing"
    assert shown.value == wanted
    notes = sample_log.rows("SELECT observation, from_side, to_side FROM criticism_notes WHERE meeting_id = ? "
                            "ORDER BY created_at, rowid", [meeting.id])
    other = "sales" if wanted == "marketing" else "marketing"
    assert [tuple(note.values()) for note in notes] == [("Obs one", wanted, other), ("Obs two", wanted, other)]


async def test_down_on_the_direction_goes_to_the_list_as_from_the_fields(sample_log, clock):
    """↓ flipped the direction silently, where every field of the form takes ↓ to the list."""
    from smarkmeet.domain.enums import Side
    from smarkmeet.tui.widgets.panels.criticism import DirectionToggle, NotesTable

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        burst(app, "⇤↓")
        await settle(pilot)
        assert isinstance(app.focused, NotesTable)
        assert app.screen.query_one(DirectionToggle).from_side is Side.SALES


def refuse_notes(monkeypatch) -> None:
    """From now on the log refuses every note (a full disk)."""
    from smarkmeet.services import criticism
    from smarkmeet.store.errors import LogWriteError

    def refuse(*args, **kwargs):
        raise LogWriteError("the disk is full")

    monkeypatch.setattr(criticism, "add_note", refuse)


async def test_a_note_the_log_refuses_goes_back_into_the_form(sample_log, clock, monkeypatch):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        refuse_notes(monkeypatch)
        await type_line(pilot, "Lists late")
        await type_line(pilot, "Deals stall")
        await type_line(pilot, "Send same day")
        await pilot.pause()
        values = [app.screen.query_one(f"#note-{name}").value for name in ("observation", "impact", "request")]
        assert values == ["Lists late", "Deals stall", "Send same day"]
        assert any("disk is full" in str(n.message) for n in app._notifications)
        monkeypatch.undo()
        for name in ("observation", "impact", "request"):
            app.screen.query_one(f"#note-{name}").value = "" if name == "observation" else name
        app.screen.set_focus(app.screen.query_one("#note-request"))
        await pilot.press("enter")
        await pilot.pause()
        assert "needs an observation" in str(app.screen.query_one("#note-error").render())
        assert app.screen.query_one("#note-impact").value == "impact"  # kept to be finished
        assert app.focused.id == "note-observation"


@pytest.mark.parametrize("typed, left", [
    # the line was emptied once its item was written: the next item, typed straight after the
    # Enter (a fast typist while the log is busy), went with it
    ("Book room @dana due:fri\nSend deck", "Send deck"),
    # the line just added was cut from the start of the field whether or not it had been put
    # back there: a next item starting with the same words lost them
    ("Book room @dana due:fri\nBook room @dana due:fri for the offsite", "Book room @dana due:fri for the offsite"),
])
async def test_an_item_typed_ahead_on_the_quick_add_line_is_kept(sample_log, clock, typed, left):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        burst(app, typed)
        await settle(pilot, 2)
        assert app.screen.query_one("#quick-add").value == left
    assert sample_log.rows("SELECT title FROM action_items WHERE title = 'Book room'")


async def test_a_refused_note_goes_back_before_the_next_note_typed_ahead(sample_log, clock, monkeypatch):
    """The refused note went back only into fields left empty: the next note's first words,
    typed ahead into the observation, kept the refused observation out — lost."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        refuse_notes(monkeypatch)
        burst(app, "Lists late\nDeals stall\nSend same day\nSecond note")
        await pilot.pause()
        await pilot.pause()
        values = [app.screen.query_one(f"#note-{name}").value for name in ("observation", "impact", "request")]
    assert values == ["Lists late Second note", "Deals stall", "Send same day"]


async def test_a_line_added_after_a_line_with_a_problem_leaves_the_problem_in_sight(sample_log, clock):
    """The first line lacks an owner and goes back in the field with the problem; the second,
    typed ahead, was added and wiped the problem off while the first still waited to be fixed."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        burst(app, "Send list due:fri\nBook room @dana due:fri\n")
        await pilot.pause()
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#quick-add").value == "Send list due:fri"
        assert "owns it" in str(app.screen.query_one("#quick-add-error").render())
    assert sample_log.rows("SELECT id FROM action_items WHERE title = 'Book room'")


async def test_a_guest_typed_in_one_burst_is_added_and_nobody_is_marked(sample_log, clock):
    """g asks for the guest's name in a message to the screen: the name typed straight after it
    ran as check-in keys first (a marks absent, p present) before the prompt was up."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "checkin")
        meeting = app.screen.runner.meeting
        before = sample_log.people.attendance(meeting.id)
        burst(app, "gAlex Papas\n")
        await settle(pilot)
        assert not app.screen.prompt.is_open
        assert app.focused.id != "prompt-input"
        burst(app, "gMaria")  # no Enter yet: the prompt is up with the name started
        await settle(pilot)
        assert app.screen.prompt.is_open and app.focused.value == "Maria"
    guests = sample_log.rows("SELECT id FROM people WHERE name = 'Alex Papas'")
    assert len(guests) == 1
    after = sample_log.people.attendance(meeting.id)
    assert after.pop(guests[0]["id"]) is True
    assert after == before


async def test_keys_typed_after_a_key_that_asks_nothing_reach_the_list(sample_log, clock):
    """t on a note that already has its action item asks nothing: the keys typed behind it,
    held for the question, go on to the list of notes, in order (v resolves the note, ↓ moves
    on, v resolves the next)."""
    from smarkmeet.domain.enums import NoteStatus
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        panel = app.screen.query_one(CriticismPanel)
        table = panel.query_one("#notes-table")
        linked = next(n for n, note in enumerate(panel._rows) if note.action_item_id and
                      note.status is NoteStatus.OPEN)
        note, after = panel._rows[linked], panel._rows[linked + 1]
        app.screen.set_focus(table)
        table.move_cursor(row=linked)
        await pilot.pause()
        burst(app, "tv↓v")
        await settle(pilot, 6)
        assert not app.screen.prompt.is_open and app.focused is table
    assert sample_log.notes.get(note.id).status is NoteStatus.RESOLVED
    assert sample_log.notes.get(after.id).status is NoteStatus.RESOLVED


async def test_actuals_for_two_goals_typed_in_one_burst_each_reach_their_goal(sample_log, clock):
    """↓ ran once its key had passed through the list and back, after the e typed behind it had
    asked about the same goal: the second actual went to the first goal, and was lost. Enter
    asked only once the table's row-selected message came back: the actual after it was lost."""
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "goal_review")
        first, _, third = (row.goal for row in app.screen.query_one(GoalReviewPanel)._rows[:3])
        one, two = int(first.target) + 2, int(third.target) + 1  # (near their targets: saved without a question)
        burst(app, f"\n{one}\n↓e{two}\n")  # Enter asks as e does; a saved actual moves on to the next goal
        await settle(pilot, 8)
        assert not app.screen.prompt.is_open
    actuals = {status.goal.id: status.latest.actual for status in sample_log.goals.statuses(last=1) if status.latest}
    assert (actuals[first.id], actuals[third.id]) == (one, two)


async def test_actuals_are_typed_down_the_goal_list_as_in_a_spreadsheet(sample_log, clock):
    """Saving an actual left the cursor on its goal, and a digit typed on the list did nothing:
    "23⏎12⏎" (the way figures go into a spreadsheet) saved nothing, and "⏎23⏎⏎12⏎" wrote 12
    over the first goal's 23. A digit now starts the goal's answer and a saved actual moves on."""
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "goal_review")
        panel = app.screen.query_one(GoalReviewPanel)
        goals = [row.goal for row in panel._rows]
        typed = [str(index * 7 + 3) for index in range(len(goals))]
        burst(app, "".join(f"{figure}\n" for figure in typed[:2]) + f"\n{typed[2]}\n")  # Enter asks too
        await settle(pilot, 3 * len(typed[0] + typed[1] + typed[2]))
        assert not app.screen.prompt.is_open and app.focused is panel.query_one("DataTable")
        assert panel.query_one("DataTable").cursor_row == 3
    actuals = {status.goal.id: status.latest.actual for status in sample_log.goals.statuses(last=1) if status.latest}
    assert [actuals[goal.id] for goal in goals[:3]] == [float(figure) for figure in typed[:3]]


async def test_the_goal_reviews_keys_panel_lists_words_not_bare_digits(sample_log, clock):
    """? in the goal review opened on ⏎ beside e (both "Enter actual") and twelve keys, 0–9 . -,
    with no words: the first page of an 80×24 window said nothing else."""
    import re

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "goal_review")
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        panel = [line.split("▏", 1)[1] for line in shown(app).splitlines() if "▏" in line[40:]]
        assert not any(re.fullmatch(r"\s*[0-9.\-⏎]\s*", line) for line in panel), panel
        assert any(re.match(r"\s*e\s*Enter actual", line) for line in panel), panel


async def test_an_actual_far_off_its_target_is_asked_about_once_and_the_columns_stay_put(sample_log, clock):
    """2000 typed for a goal of 3 was saved at once ("2,000 ● 66667% green"); and at 80 columns the
    first actual typed widened the status column, so the owner column went: the table jumped."""
    from smarkmeet.domain.periods import reviewed_start
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "goal_review")
        panel = app.screen.query_one(GoalReviewPanel)
        table = panel.query_one("DataTable")
        labels = [str(column.label) for column in table.columns.values()]
        goal = panel._rows[0].goal
        day = reviewed_start(goal.period, app.screen.runner.meeting.scheduled_for)
        far = str(int(goal.target * 100))
        burst(app, far + "\n")
        await settle(pilot, 8)
        assert sample_log.goals.checkin_for(goal.id, day) is None  # asked, not saved
        assert app.screen.prompt.is_open and "× the target" in str(app.screen.prompt.query_one("#prompt-error").render())
        await pilot.press("enter")  # Enter again keeps it
        await settle(pilot, 4)
        assert sample_log.goals.checkin_for(goal.id, day)["actual"] == float(far)
        await pilot.press("ctrl+z")
        await pilot.pause()
        burst(app, str(int(goal.target)) + "\n")  # a figure near the target: saved at once
        await settle(pilot, 8)
        assert sample_log.goals.checkin_for(goal.id, day)["actual"] == goal.target
        assert [str(column.label) for column in table.columns.values()] == labels


@pytest.mark.parametrize(("typed", "says", "kept"), [
    ("0.5", "“0.5” is read as 0.5% — for 50% type 50", 0.5),
    ("150%", "150% is over 100%", 150.0),
    ("50", None, 50.0),
    ("0.5%", None, 0.5),
])
async def test_a_share_typed_as_a_fraction_or_over_100_percent_is_asked_about_once(sample_log, clock, typed, says,
                                                                                   kept):
    """On "Leads followed up within 48 h" (target 90%), 0.5 was saved as 0.5% (red) and 150% as
    167% of the target (green), without a word."""
    from smarkmeet.domain.enums import Unit
    from smarkmeet.domain.periods import reviewed_start
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "goal_review")
        panel = app.screen.query_one(GoalReviewPanel)
        row = next(n for n, status in enumerate(panel._rows) if status.goal.unit is Unit.PERCENT)
        goal = panel._rows[row].goal
        assert 1 < goal.target <= 100
        panel.query_one("DataTable").move_cursor(row=row)
        day = reviewed_start(goal.period, app.screen.runner.meeting.scheduled_for)
        before = sample_log.goals.checkin_for(goal.id, day)
        burst(app, typed + "\n")
        await settle(pilot, 8)
        if says:
            assert sample_log.goals.checkin_for(goal.id, day) == before  # asked, not saved
            assert says in str(app.screen.prompt.query_one("#prompt-error").render())
            await pilot.press("enter")  # Enter again keeps it
            await settle(pilot, 4)
        assert sample_log.goals.checkin_for(goal.id, day)["actual"] == kept


async def test_an_actual_entered_in_an_earlier_meeting_is_replaced_only_when_asked_twice(sample_log, clock):
    """A monthly goal's actual, entered the week before, was run over by a figure typed onto its
    row by a slip of the cursor ("0.9" for New customers: 38 → 0.9, no word). Asked once: Esc keeps
    it, Enter again replaces it. A count that is not a whole number is asked about too."""
    from smarkmeet.domain.enums import Unit
    from smarkmeet.domain.periods import reviewed_start
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "goal_review")
        panel = app.screen.query_one(GoalReviewPanel)
        row = next(n for n, status in enumerate(panel._rows) if status.goal.unit is Unit.COUNT)
        goal = panel._rows[row].goal
        day = reviewed_start(goal.period, app.screen.runner.meeting.scheduled_for)
        earlier = sample_log.meetings.last_ended()
        sample_log.goals.check_in(goal, day, goal.target + 3, meeting_id=earlier.id)
        app.screen.refresh_panel()
        await pilot.pause()
        panel.query_one("DataTable").move_cursor(row=row)
        await pilot.press("e")  # the question says so before a figure is typed over it
        await settle(pilot, 4)
        asked = str(app.screen.prompt.query_one("#prompt-label").render())
        assert f"already entered in an earlier meeting: {goal.target + 3:g}" in asked, asked
        await pilot.press("escape")
        await settle(pilot, 4)
        panel.query_one("DataTable").move_cursor(row=row)
        burst(app, f"{goal.target:g}\n")
        await settle(pilot, 8)
        error = str(app.screen.prompt.query_one("#prompt-error").render())
        assert "This period already has" in error and f"{earlier.scheduled_for:%a %d %b}" in error, error
        assert f"started {earlier.started_at.astimezone():%H:%M}" in error  # (two meetings a day: told apart)
        assert sample_log.goals.checkin_for(goal.id, day)["actual"] == goal.target + 3  # asked, not saved
        await pilot.press("escape")
        await settle(pilot, 4)
        assert sample_log.goals.checkin_for(goal.id, day)["actual"] == goal.target + 3  # Esc keeps it
        panel.query_one("DataTable").move_cursor(row=row)
        burst(app, "2.5\n")
        await settle(pilot, 8)
        asked = str(app.screen.prompt.query_one("#prompt-error").render())
        assert "already has" in asked and "not a whole number" in asked, asked  # both, in one question
        await pilot.press("enter")  # replaces it (asked once, of both)
        await settle(pilot, 4)
        assert sample_log.goals.checkin_for(goal.id, day)["actual"] == 2.5
        panel.query_one("DataTable").move_cursor(row=row)
        burst(app, "1.5\n")  # entered here now: not asked as a replacement, but as a count in halves
        await settle(pilot, 8)
        assert "is not a whole number" in str(app.screen.prompt.query_one("#prompt-error").render())
        await pilot.press("enter")
        await settle(pilot, 4)
        assert sample_log.goals.checkin_for(goal.id, day)["actual"] == 1.5
        panel.query_one("DataTable").move_cursor(row=row)
        await pilot.press("e")  # entered here a moment ago: said too, before it is typed over
        await settle(pilot, 4)
        assert "already entered here: 1.5" in str(app.screen.prompt.query_one("#prompt-label").render())


async def test_after_an_actual_the_cursor_skips_a_goal_already_entered(sample_log, clock):
    """"27⏎" moved on to a goal whose actual was already in (a monthly goal's, entered the week
    before), so the next figure typed, "92%⏎", landed on it and was refused."""
    from smarkmeet.domain.periods import reviewed_start
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "goal_review")
        panel = app.screen.query_one(GoalReviewPanel)
        table = panel.query_one("DataTable")
        meeting_day = app.screen.runner.meeting.scheduled_for
        second = panel._rows[1].goal
        sample_log.goals.check_in(second, reviewed_start(second.period, meeting_day), second.target)
        app.screen.refresh_panel()
        await pilot.pause()
        table.move_cursor(row=0)
        first = panel._rows[0].goal
        burst(app, f"{first.target:g}\n")
        await settle(pilot, 8)
        assert sample_log.goals.checkin_for(first.id, reviewed_start(first.period, meeting_day)) is not None
        assert table.cursor_row == 2


async def test_the_goal_review_offers_the_logs_own_figure_for_last_week_and_enter_takes_it(sample_log, clock):
    """A Monday meeting reviews the week just ended; a goal the log measures shows the log's
    count for it until an actual is in, and Enter, Enter enters that count."""
    from smarkmeet.domain.periods import reviewed_start
    from smarkmeet.services.measures import measured
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "goal_review")
        panel = app.screen.query_one(GoalReviewPanel)
        day = app.screen.runner.meeting.scheduled_for
        goal = panel._rows[0].goal
        start = reviewed_start(goal.period, day)
        assert start < day - timedelta(days=6)  # the week before the meeting's
        figure = measured(sample_log, goal, start)
        assert figure is not None and figure.value  # the demo's MQLs goal is measured, and had leads
        screen = shown(app)
        assert f"Actuals for last week (wk of {start:%d %b}): 0/5 entered" in screen
        row = next(line for line in screen.splitlines() if goal.name in line)
        assert f"log {figure.value:g}" in row and "%" not in row.split(f"log {figure.value:g}")[1][:8]
        await pilot.press("enter")
        await settle(pilot, 4)
        assert app.screen.prompt.query_one("Input").value == f"{figure.value:g}"
        assert f"log: {figure.says} — Enter takes it" in shown(app)
        await pilot.press("enter")
        await settle(pilot, 4)
        assert sample_log.goals.checkin_for(goal.id, start)["actual"] == figure.value
        assert sample_log.goals.checkin_for(goal.id, reviewed_start(goal.period, day, "current")) is None


async def test_with_goal_review_period_current_the_meeting_enters_its_own_weeks_actuals(sample_log, clock):
    from smarkmeet.domain.periods import period_start
    from smarkmeet.services.settings import change
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    change(sample_log, "goal_review_period", "current")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "goal_review")
        goal = app.screen.query_one(GoalReviewPanel)._rows[3].goal  # pipeline: not measured
        day = app.screen.runner.meeting.scheduled_for
        assert "Actuals for this week" in shown(app)
        app.screen.query_one(GoalReviewPanel).show_goal(goal.id)
        burst(app, "61000\n")
        await settle(pilot, 6)
        assert sample_log.goals.checkin_for(goal.id, period_start(goal.period, day))["actual"] == 61000


async def test_ctrl_z_in_the_goal_review_puts_the_last_actual_back(sample_log, clock):
    """ctrl+z in the goal review did nothing and said nothing: an actual typed on the wrong goal
    (the cursor moves on after each) could only be typed over, and one typed where there was none
    could not be taken out. It now puts back what the goal had, or removes the check-in."""
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "goal_review")
        panel = app.screen.query_one(GoalReviewPanel)
        first, second = (row.goal for row in panel._rows[:2])
        meeting = app.screen.runner.meeting
        from smarkmeet.domain.periods import reviewed_start

        start_of = {goal.id: reviewed_start(goal.period, meeting.scheduled_for) for goal in (first, second)}
        assert sample_log.goals.checkin_for(first.id, start_of[first.id]) is None
        burst(app, "41\n")
        await settle(pilot, 6)
        burst(app, "\n")  # the second goal: its actual typed over as 17
        await settle(pilot, 4)
        app.screen.prompt.query_one("Input").value = "17"
        await pilot.press("enter")
        await settle(pilot, 4)
        assert sample_log.goals.checkin_for(first.id, start_of[first.id])["actual"] == 41
        assert sample_log.goals.checkin_for(second.id, start_of[second.id])["actual"] == 17
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sample_log.goals.checkin_for(second.id, start_of[second.id]) is None
        assert panel.query_one("DataTable").cursor_row == 1  # on the goal put back
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sample_log.goals.checkin_for(first.id, start_of[first.id]) is None
        said = [str(notice.message) for notice in app._notifications]
        assert any(line.startswith(f"Undone: {first.name} — no actual entered") for line in said), said
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "No actual entered here to undo." in [str(notice.message) for notice in app._notifications]
        # an actual already in for the period goes back to it
        burst(app, "\n")
        await settle(pilot, 4)
        app.screen.prompt.query_one("Input").value = "5"
        await pilot.press("enter")
        await settle(pilot, 4)
        panel.query_one("DataTable").move_cursor(row=0)
        burst(app, "\n")
        await settle(pilot, 4)
        app.screen.prompt.query_one("Input").value = "6"
        await pilot.press("enter")
        await settle(pilot, 4)
        panel.query_one("DataTable").move_cursor(row=0)  # the same figure again: no change to undo
        burst(app, "\n")
        await settle(pilot, 4)
        app.screen.prompt.query_one("Input").value = "6"
        await pilot.press("enter")
        await settle(pilot, 4)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sample_log.goals.checkin_for(first.id, start_of[first.id])["actual"] == 5
    entries = sample_log.changes(table="goal_checkins")
    deleted = [entry for entry in entries if entry["action"] == "delete"]  # each undo recorded as a write,
    assert deleted and all(entry["data"]["actual"] in (41, 17) for entry in deleted)  # with what went


@pytest.mark.parametrize("typed", [
    "Send the deck @dana due:frj⌫i\n",  # a typo put right
    "zzz⌃Send the deck @dana due:fri\n",  # the line started again
    "Send the dekc⌫⌫ck @dana due:fri\n",
])
async def test_editing_keys_typed_fast_act_where_they_were_typed(sample_log, clock, typed):
    """A field's editing keys are bindings, which Textual ran only once the key had passed
    through the field and back, after the text typed behind it: fast, "frj⌫i" read "frji" (the
    backspace took the i), and ctrl+u emptied the field of the line typed after it."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        meeting = app.screen.runner.meeting
        await pilot.press("ctrl+r")
        await pilot.pause()
        burst(app, typed)
        await settle(pilot, 6)
        assert not app.screen.prompt.is_open, app.screen.query_one("#prompt-error").content
    items = sample_log.rows("SELECT title, due_date FROM action_items WHERE origin_meeting_id = ?", [meeting.id])
    friday = clock.today() + timedelta(days=(4 - clock.today().weekday()) % 7 or 7)
    assert items == [{"title": "Send the deck", "due_date": friday.isoformat()}]


async def test_a_rating_typed_after_tab_reaches_the_ratings(sample_log, clock):
    """Tab (a binding) moved the focus only after the keys typed behind it had gone into the
    action-item line: "⇥⇥8" typed an 8 there instead of rating the first attendee."""
    from smarkmeet.tui.widgets.panels.wrapup import WrapupPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await pilot.press("p", "p")  # two checked in: they are rated at the end
        while app.screen.runner.current.kind.value != "wrapup":
            await pilot.press("ctrl+n")
            await pilot.pause()
        meeting = app.screen.runner.meeting
        first = app.screen.query_one(WrapupPanel)._people[0]
        burst(app, "⇥⇥8")
        await settle(pilot, 6)
        assert app.screen.query_one("#quick-add").value == ""
    assert sample_log.people.ratings(meeting.id) == {first.id: 8}


async def test_keys_typed_while_the_meeting_screen_opens_reach_its_first_section(sample_log, clock, monkeypatch):
    """On a first run (nothing compiled yet) the meeting screen took over a second to open: the
    attendance typed meanwhile reached a screen with nothing focused, and was lost."""
    import time

    from smarkmeet.tui.widgets.panels.checkin import CheckinPanel

    slow = MeetingScreen.compose

    def slow_compose(self):
        time.sleep(1.2)  # a slow first open: the modules read and compiled
        yield from slow(self)

    monkeypatch.setattr(MeetingScreen, "compose", slow_compose)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        burst(app, "\nppa")  # Enter starts it; the three marks typed straight after
        await settle(pilot, 8)
        assert isinstance(app.screen, MeetingScreen)
        meeting = app.screen.runner.meeting
        team = [row.person.id for row in app.screen.query_one(CheckinPanel)._rows]
    marks = sample_log.people.attendance(meeting.id)
    assert [marks.get(person) for person in team[:4]] == [True, True, False, None]


async def test_keys_typed_after_esc_on_a_question_reach_the_list(sample_log, clock):
    """Esc closed the prompt once its key had bubbled up: the p typed after it went into the
    field it left, not to the check-in list."""
    from smarkmeet.tui.widgets.panels.checkin import CheckinPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "checkin")
        meeting = app.screen.runner.meeting
        first = app.screen.query_one(CheckinPanel)._rows[0].person
        burst(app, "gAlex⎋p")
        await settle(pilot, 6)
        assert not app.screen.prompt.is_open
    assert sample_log.people.attendance(meeting.id) == {first.id: True}


async def test_a_question_left_open_by_ctrl_n_hands_back_to_the_section_shown(sample_log, clock):
    """Answered after ctrl+n, the carry question gave the focus back to the list of the section
    left, hidden: the footer showed its keys, and d marked a review item done out of sight."""
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "action_review")
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.prompt.is_open
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused.id == "prompt-input"  # the question stays until answered or left
        await pilot.press("enter")  # carried to the date offered
        await pilot.pause()
        goals = app.screen.query_one(GoalReviewPanel).query_one("DataTable")
        assert not app.screen.prompt.is_open and app.focused is goals


async def test_a_summary_typed_without_enter_stays_and_is_saved_when_the_meeting_ends(sample_log, clock):
    """Adding an item showed the wrap-up again with the log's (empty) summary over the one being
    typed; and ending the meeting dropped a summary not yet saved with Enter."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        meeting_id = app.screen.meeting_id
        summary = app.screen.query_one("#summary")
        app.screen.set_focus(summary)
        await pilot.press(*"Good one")
        app.screen.set_focus(app.screen.query_one("#quick-add"))
        await type_line(pilot, "Send list @dana due:fri")
        assert summary.value == "Good one"
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "The summary typed is saved with it." in app.screen.question
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
    assert sample_log.meetings.get(meeting_id).summary == "Good one"


async def test_ending_names_what_is_typed_and_not_added(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        await pilot.press(*"Lists late")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Book room")
        await pilot.press("ctrl+f")
        await pilot.pause()
        question = app.screen.question
        assert "Still typed, not saved: the action item line “Book room”; a note “Lists late”." in question
        await pilot.press("2")  # cancel: all of it is still there to be added
        await pilot.pause()
        assert app.screen.query_one("#quick-add").value == "Book room"


async def test_ending_a_meeting_no_one_rated_says_so(sample_log, clock):
    """A meeting ended with no rating said nothing of it: the ratings trend then had a gap."""
    from smarkmeet.services import attendance, wrapup

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "wrapup")
        meeting = app.screen.runner.meeting
        mei = sample_log.people.by_handle("mei")
        attendance.set_present(sample_log, meeting, mei.id, True)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "No one has rated the meeting" in app.screen.question
        await pilot.press("2")  # cancel
        await pilot.pause()
        wrapup.rate(sample_log, meeting, mei.id, "8")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "rated" not in app.screen.question
        await pilot.press("2")
        await pilot.pause()
        dana = sample_log.people.by_handle("dana")
        attendance.set_present(sample_log, meeting, dana.id, True)  # present, not rated: named
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert f"Not rated yet: {dana.name}." in app.screen.question


async def test_down_from_the_note_form_reaches_the_list_of_notes(sample_log, clock):
    """The list was reached only by tabbing through the form's three fields."""
    from smarkmeet.domain.enums import NoteStatus
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        assert app.focused.id == "note-observation"
        await pilot.press("down")
        assert app.focused.id == "notes-table"
        note = app.screen.query_one(CriticismPanel)._rows[0]
        await pilot.press("v")
        await pilot.pause()
    assert sample_log.notes.get(note.id).status is NoteStatus.RESOLVED


async def test_a_key_typed_as_held_keys_are_released_comes_after_them(sample_log, clock):
    """The held keys were posted again behind the keys already on their way: one typed just as
    the question came up went first ("xAle" for "Alex")."""
    from textual import events

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "checkin")
        release, typed = app.release_keys, []

        def release_then_type(hold: int) -> None:
            release(hold)
            if not typed:  # a key arriving at that very moment
                typed.append(app.post_message(events.Key("x", "x")))

        app.release_keys = release_then_type
        burst(app, "gAle")
        await settle(pilot, 6)
        assert app.screen.prompt.typed == "Alex"


async def test_the_added_item_is_said_with_its_owner_and_a_due_date_in_another_year(sample_log, clock):
    """"Added: … — due Wed 01 Dec" for a due date a year out, and no word of who got the item
    after a partial @name. In the wrap-up the line below the list says it (a notice as well
    covered the list and the ratings at 80x24); elsewhere a notice does."""
    from smarkmeet.tui.widgets.panels import RowDetail

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to_wrapup(pilot)
        next_year = clock.today().replace(year=clock.today().year + 1, day=1)
        owner = sample_log.people.by_handle("sam").name
        detail = app.screen.query_one("#new-item-detail", RowDetail)
        await type_line(pilot, f"Plan next year's kick-off @sam due:{next_year.isoformat()}")
        assert str(detail.render()) == f"{owner}, due {next_year:%a %d %b %Y}: Plan next year's kick-off"
        await type_line(pilot, "Fix the old form @sam due:" + (clock.today() - timedelta(days=3)).isoformat())
        said = str(detail.render())
        assert said.startswith(f"{owner}, due") and "already past" in said and said.endswith(": Fix the old form")
        assert not [n for n in app._notifications if str(n.message).startswith("Added")]
        await pilot.press("ctrl+b")  # another section: the item is not listed there, so a notice says it
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await type_line(pilot, f"Plan the offsite @sam due:{next_year.isoformat()}")
        said = [str(n.message) for n in app._notifications]
        assert f"Added: Plan the offsite — {owner}, due {next_year:%a %d %b %Y}" in said, said


async def test_a_team_members_name_typed_as_a_guest_checks_them_in(sample_log, clock):
    """`g` "Mei Chen" added a second Mei Chen as a guest, present, while the team's Mei stayed
    unchecked: the minutes had her both present and absent, and @chen asked which Mei."""
    meeting = sample_log.meetings.next_planned()
    mei = next(p for p in sample_log.people.team() if p.name == "Mei Chen")
    people_before = len(sample_log.people.all())
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await pilot.press("g")
        await type_line(pilot, "  mei   chen ")
        said = [str(n.message) for n in app._notifications]
        assert any("Checked in Mei Chen (on the team) as present." in n and "guest called" not in n for n in said)
        await pilot.press("g")
        await type_line(pilot, "mei")  # her handle, or her first name: her too, with a word for a guest so named
        said = [str(n.message) for n in app._notifications]
        assert "Meant a guest called mei? Mark Mei absent (a) if not here, then g and the guest's full name." in said[-1]
        await pilot.press("g")
        await type_line(pilot, "Pat Product")  # a new name is a new guest, as before
        marks = dict(sample_log.people.attendance(meeting.id))
        await pilot.press("g")
        await type_line(pilot, "t")  # one letter checked in whoever's name began with it
        assert "one letter names no one" in str(app.screen.prompt.query_one("#prompt-error").render())
        assert sample_log.people.attendance(meeting.id) == marks
    assert sample_log.people.attendance(meeting.id)[mei.id] is True
    names = [p.name for p in sample_log.people.all()]
    assert len(names) == people_before + 1 and names.count("Mei Chen") == 1 and "Pat Product" in names


async def test_verdicts_typed_fast_pass_over_leads_that_have_one_and_a_replacement_is_said(sample_log, clock):
    """Typed fast, "ancr" ran down the rows and replaced verdicts sales had given between
    meetings (accepted → nurture, → converted…) without a word."""
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one(LeadFeedbackPanel)
        rows = list(panel._rows)
        first_given = next(n for n, row in enumerate(rows) if row.verdict is not None)
        waiting_before = [n for n in range(first_given) if rows[n].verdict is None]
        waiting_after = [n for n in range(first_given + 1, len(rows)) if rows[n].verdict is None]
        assert waiting_after, "the demo has a lead with a verdict among leads still waiting"
        table = panel.query_one("#leads-table")
        assert waiting_before, "the demo has a lead still waiting above it"
        table.move_cursor(row=waiting_before[-1])  # the last lead waiting before one with a verdict
        await settle(pilot)
        burst(app, "an")
        await settle(pilot, 8)
        meeting = app.screen.runner.meeting
        given = {row["lead_id"] for row in sample_log.rows(
            "SELECT lead_id FROM lead_feedback WHERE meeting_id = ?", [meeting.id])}
        assert rows[first_given].lead.id not in given  # passed over, its verdict kept
        assert given == {rows[waiting_before[-1]].lead.id, rows[waiting_after[0]].lead.id}
        # a verdict given over another one is said
        table.move_cursor(row=first_given)
        await settle(pilot)
        other = "n" if rows[first_given].verdict.value != "nurture" else "a"
        burst(app, other)
        await settle(pilot, 6)
        said = [str(n.message) for n in app._notifications]
        assert any(f"{rows[first_given].verdict.value} → " in m and "replaces the verdict it had" in m for m in said), said


async def test_a_notes_action_column_says_what_became_of_its_item(sample_log, clock):
    """A note whose item was dropped still read "✓ linked", as if it were being done."""
    from smarkmeet.domain.enums import ActionStatus
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel

    meeting = sample_log.meetings.next_planned()
    app = make_app(sample_log, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await go_to(pilot, "criticism")
        panel = app.screen.query_one(CriticismPanel)
        linked = [note for note in panel._rows if note.action_item_id]
        assert linked, "the demo has open notes that became action items"
        note = linked[0]
        sample_log.actions.update(note.action_item_id, {"status": ActionStatus.DROPPED.value}, meeting_id=meeting.id)
        app.screen.refresh_panel()
        await settle(pilot)
        table = panel.query_one("#notes-table") if panel.query("#notes-table") else panel.query_one("NotesTable")
        statuses = {n.action_item_id: sample_log.actions.row(n.action_item_id).status for n in linked}
        for other in linked:
            said = str(table.get_cell(other.id, "Action"))
            assert said == {"open": "→ open", "done": "✓ done", "dropped": "✗ dropped"}[statuses[other.action_item_id].value]
        assert str(table.get_cell(note.id, "Action")) == "✗ dropped"


async def test_a_mistyped_new_item_is_put_right_in_the_wrapup(sample_log, clock):
    """The wrap-up's new items had no keys: "Old thing" typed by mistake went into the minutes,
    and a wrong owner or due date could not be changed in the meeting."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        meeting = app.screen.runner.meeting
        await type_line(pilot, "Old thing @sam due:fri")
        await type_line(pilot, "Book the venue @sam due:fri")
        table = app.screen.query_one("#new-items")
        table.focus()
        await settle(pilot)
        assert table.cursor_row == 1  # the newest
        await pilot.press("up", "x")  # drop "Old thing"
        await settle(pilot)
        await pilot.press("down", "w")
        await type_line(pilot, "mei")
        await pilot.press("e")
        await pilot.press("ctrl+u")
        await type_line(pilot, "+10d")
        await settle(pilot)
        assert "(+1 closed)" in str(table.border_title)
    rows = {row["title"]: row for row in sample_log.rows(
        "SELECT a.title, a.status, a.due_date, a.closed_in_meeting_id, p.handle FROM action_items a "
        "LEFT JOIN people p ON p.id = a.owner_id WHERE a.origin_meeting_id = ?", [meeting.id])}
    assert rows["Old thing"]["status"] == "dropped" and rows["Old thing"]["closed_in_meeting_id"] == meeting.id
    venue = rows["Book the venue"]
    assert (venue["status"], venue["handle"], venue["due_date"]) == (
        "open", "mei", (clock.today() + timedelta(days=10)).isoformat())


async def test_the_wrapup_cursor_stays_on_the_item_a_prompt_changed(sample_log, clock):
    """After w or e answered in its prompt, the cursor went to the newest item: the next x or d
    acted on an item nobody had chosen."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        meeting = app.screen.runner.meeting
        for title in ("First thing", "Middle thing", "Last thing"):
            await type_line(pilot, f"{title} @sam due:fri")
        table = app.screen.query_one("#new-items")
        table.focus()
        await settle(pilot)
        await pilot.press("up", "w")
        await type_line(pilot, "mei")
        assert table.cursor_row == 1
        await pilot.press("e", "ctrl+u")
        await type_line(pilot, "+10d")
        assert table.cursor_row == 1
        await pilot.press("x")
        await settle(pilot)
    rows = {row["title"]: row for row in sample_log.rows(
        "SELECT a.title, a.status, a.due_date, p.handle FROM action_items a LEFT JOIN people p ON p.id = a.owner_id "
        "WHERE a.origin_meeting_id = ?", [meeting.id])}
    assert (rows["Middle thing"]["handle"], rows["Middle thing"]["status"]) == ("mei", "dropped")
    assert rows["Middle thing"]["due_date"] == (clock.today() + timedelta(days=10)).isoformat()
    assert [rows[title]["status"] for title in ("First thing", "Last thing")] == ["open", "open"]


async def test_a_terminal_under_80x24_is_said_and_takes_no_verdicts_blind(sample_log, clock):
    """At 60×18 the lead list gave way to its header, and a, r, n, c still gave verdicts to leads
    nobody in the room could see."""
    from smarkmeet.tui.screens.toosmall import TooSmallScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "lead_feedback")
        meeting_screen = app.screen
        meeting = meeting_screen.runner.meeting
        await pilot.resize_terminal(60, 18)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "60×18" in str(app.screen.query_one("#too-small").render())
        await pilot.press("a", "n", "c", "ctrl+p")  # nor the command palette, whose commands act underneath
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert sample_log.rows("SELECT id FROM lead_feedback WHERE meeting_id = ?", [meeting.id]) == []
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.screen is meeting_screen
        await pilot.press("a")
        await settle(pilot)
        assert len(sample_log.rows("SELECT id FROM lead_feedback WHERE meeting_id = ?", [meeting.id])) == 1


async def test_check_in_moves_on_with_each_mark_and_fits_80_columns(sample_log, clock):
    """Space toggled without moving while p and a moved on: typed in turn, "␣p↓p" marked the
    wrong people. At 80 columns the role was cut mid-word and the list scrolled sideways."""
    from textual.widgets import DataTable

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        panel = app.screen.query_one("CheckinPanel")
        rows = list(panel._rows)
        await pilot.press("space", "p", "a")
        await pilot.pause()
        meeting = app.screen.runner.meeting
        marks = sample_log.people.attendance(meeting.id)
        assert [marks.get(row.person.id) for row in rows[:4]] == [True, True, False, None]
        await pilot.press("up", "enter")  # Enter puts one right in place
        await pilot.pause()
        assert sample_log.people.attendance(meeting.id)[rows[2].person.id] is True
        assert panel.query_one(DataTable).cursor_row == 2
        table = panel.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width
        text = shown(app)
        for row in rows:  # each role in full, or cut with an ellipsis: never mid-word with nothing said
            role = row.person.role
            assert role in text or any(f"{role[:n]}…" in text for n in range(3, len(role))), role


async def test_a_mark_that_changes_someone_checked_in_already_says_so(sample_log, clock):
    """Going down the room with p and a, the cursor reached someone checked in already (by g):
    the a turned her absent with nothing said. It is said, with the key that puts it back."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await start(pilot)
        panel = app.screen.query_one("CheckinPanel")
        rows = list(panel._rows)
        meeting = app.screen.runner.meeting
        await pilot.press("p")  # the first is present, the cursor on the second
        await pilot.press("up", "p")  # the same mark again: nothing to say
        await pilot.pause()
        assert not any("was checked in" in str(n.message) for n in app._notifications)
        await pilot.press("up", "a")  # her mark changes: said, and the cursor stays on her
        await pilot.pause()
        assert sample_log.people.attendance(meeting.id)[rows[0].person.id] is False
        said = [str(n.message) for n in app._notifications]
        first = rows[0].person.name.split()[0]
        assert (f"{rows[0].person.name} was checked in present: now absent. The cursor stays on {first}: "
                "p puts it back, ↓ goes on.") in said
        await pilot.press("p")  # as it says: on her, not on the next person
        await pilot.pause()
        marks = sample_log.people.attendance(meeting.id)
        assert marks[rows[0].person.id] is True and marks.get(rows[1].person.id) is None


async def test_a_long_name_at_check_in_leaves_the_roles_readable_at_80_columns(sample_log, clock):
    from textual.widgets import DataTable

    from smarkmeet.services.team import add_member

    add_member(sample_log, name="Maximiliana Fernández-Oyelaran de la Torre", side="sales", role="Field sales")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        table = app.screen.query_one("CheckinPanel").query_one(DataTable)
        assert table.virtual_size.width <= table.size.width
        assert "Sales d…" in shown(app)


async def test_a_reason_shows_when_short_names_leave_room(sample_log, clock):
    """With every lead's name short, a rejection read 'rejecte…' beside 34 unused columns."""
    sample_log.conn.execute("UPDATE leads SET name = substr(name, 1, 7), company = ''")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        await pilot.press("r", "1")
        await pilot.pause()
        reason = sample_log.setting("rejection_reasons")[0]
        line = next(line for line in shown(app).splitlines() if f"✗ {reason}" in line)  # whole
        assert "rejecte…" not in line and "✗ " + reason[:3] in line, line


@pytest.mark.parametrize("key, asked", [("e", "Due date of"), ("w", "Give")])
async def test_a_question_about_an_item_names_it_and_keeps_it_in_sight_at_80_columns(sample_log, clock, key, asked):
    """`e` asked only "New due date:" with the detail of another item above it, and at 80x24 the
    list, shrunk to one row by the question, showed its first item, not the one asked about."""
    from textual.widgets import DataTable

    titles = ["Send webinar list to sales", "Call every no-show within a day", "Third item for the list"]
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_wrapup(pilot)
        for title in titles:
            await type_line(pilot, f"{title} @sam due:+3d")
        await pilot.press("tab", "up")  # from the newest to the one before it
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        screen = shown(app)
        question = next(line for line in screen.splitlines() if asked in line)
        assert "“Call every no-show" in question and question.rstrip(" │").endswith(":"), question
        table = app.screen.query_one("#new-items")
        assert table.cursor_row == 1 and table.scroll_y <= 1 <= table.scroll_y + table.scrollable_content_region.height - 1
        listed = [line for line in screen.splitlines() if "Sam" in line and "│" in line]
        assert any("Call every no" in line for line in listed), listed  # the one asked about is in sight


async def test_ending_names_the_sections_jumped_over(sample_log, clock):
    """ctrl+g straight to the criticism notes, then ctrl+f: nothing said the action review, the
    goals and the lead feedback were never opened."""
    from smarkmeet.tui.widgets.dialogs import ConfirmDialog

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        sections = app.screen.runner.sections
        criticism = next(n for n, s in enumerate(sections, start=1) if s.kind.value == "criticism")
        await pilot.press("ctrl+g", str(criticism))
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = app.screen.question
        not_opened = [s.title for s in sections[1:criticism - 1] + sections[criticism:]]  # those after it too
        assert len(not_opened) >= 4 and f"Not opened in this meeting: {', '.join(not_opened)} " in question, question
        named = question.split("Not opened in this meeting:")[1].split("(Cancel")[0]
        assert sections[0].title not in named and sections[criticism - 1].title not in named


async def test_an_actuals_question_keeps_its_period_and_target_in_sight_at_80_columns(sample_log, clock):
    """"Pipeline created — actual for the period starting Mon" : the date and the target were cut off."""
    from smarkmeet.domain.metrics import amount

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "goal_review")
        await pilot.press("enter")
        await pilot.pause()
        panel = app.screen.query_one("GoalReviewPanel")
        goal = panel._rows[0].goal  # the one under the cursor
        line = next(line for line in shown(app).splitlines() if "Actual, " in line)
        # and the week before's actual in figures ("the week before: 22" could be read out nowhere)
        before = (panel._starts[goal.id] - timedelta(days=7)).isoformat()
        earlier = sample_log.one("SELECT actual FROM goal_checkins WHERE goal_id = ? AND period_start = ?",
                                 [goal.id, before])
        assert earlier is not None, "the demo's goal has an actual for the week before"
        assert f"(target {amount(goal.target, goal.unit)})" in line and line.rstrip(" │").endswith(":"), line
        below = shown(app).splitlines()[shown(app).splitlines().index(line) + 1]
        assert f"the week before: {amount(earlier['actual'], goal.unit)}" in below, below  # its own line


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_an_actuals_question_breaks_between_its_facts(sample_log, clock, size):
    """At 120 columns the line under the question read "… · the week before:" and "22" began the
    next: each fact is kept whole on a line."""
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, "goal_review")
        panel = app.screen.query_one(GoalReviewPanel)
        for row in range(len(panel._rows)):
            panel.query_one("DataTable").move_cursor(row=row)
            await pilot.press("e")
            await settle(pilot, 4)
            await pilot.press("enter", "enter")  # its figure taken (asked about once, if at all)
            await settle(pilot, 4)
            panel.query_one("DataTable").move_cursor(row=row)
            await pilot.press("e")  # "already entered here: …" too: the longest line
            await settle(pilot, 4)
            label = app.screen.prompt.query_one("#prompt-label")
            lines = drawn(label)  # as wrapped
            asked = str(label.render())
            facts = asked.split("\n", 1)[1].replace("\n", " · ").split(" · ") if "\n" in asked else []
            for fact in facts:  # each whole on a line of its own, where it fits one
                assert len(fact) > label.size.width or any(fact in line for line in lines), (fact, lines)
            await pilot.press("escape")
            await settle(pilot)


async def test_a_second_meetings_action_review_says_what_its_end_will_not_carry_again(sample_log, clock):
    """In a second meeting the same day the review said "Items due by today and not closed here
    carry to the next meeting", and the question on ending that those the first carried are not
    carried again."""
    from smarkmeet.services import review
    from smarkmeet.services.meeting import MeetingRunner

    first = sample_log.meetings.next_planned()
    runner = MeetingRunner(sample_log, first.id)
    runner.start()
    clock.advance(minutes=30)
    runner.end()
    clock.advance(minutes=10)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")  # asked once: the day already has an ended meeting
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.runner.meeting.id != first.id
        while screen.runner.current.kind.value != "action_review":
            screen.runner.next_section()
        screen.show_section()
        await pilot.pause()
        await pilot.pause()
        again = review.carried_earlier_today(sample_log, screen.runner.meeting)
        assert again > 0
        said = " ".join(str(screen.query_one("#review-summary").render()).split())
        assert f"(not the {again} an earlier meeting that day carried)" in said, said


async def test_the_goal_reviews_lines_break_between_their_facts_at_80_columns(sample_log, clock):
    """"Enter or a digit types an" / "actual", "amber ≥" / "its threshold" and "SAL→SQL" / "64%"."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "goal_review")
        panel = app.screen.query_one("GoalReviewPanel")

        summary = drawn(panel.query_one("#goals-summary"))
        for fact in ("Enter or a digit types an actual", "green ≥ 100%, amber ≥ its threshold"):
            assert any(fact in line for line in summary), summary
        funnel = drawn(panel.query_one("#goals-funnel"))
        assert funnel[0].startswith("Funnel targets per period"), funnel
        stages = [match for line in funnel for match in re.findall(r"\S+→\S+( \d+(?:\.\d+)?%)?", line)]
        assert len(stages) >= 3 and all(stages), funnel  # each stage with its rate, on its line
        assert all(not line.endswith(("→", "·")) for line in summary + funnel), (summary, funnel)


async def test_ctrl_z_in_the_action_review_undoes_done_carry_snooze_and_reassign(sample_log, clock):
    """The review said "(ctrl+z undoes)" after a reassign, and ctrl+z did nothing there; nor
    could a `d` pressed on the wrong item be taken back."""
    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel

    log = sample_log
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "action_review")
        meeting_id = app.screen.meeting_id
        panel = app.screen.query_one(ActionReviewPanel)
        item_id = panel.selected_item_id()
        before = log.actions.get(item_id)
        assert before.status is ActionStatus.OPEN

        await pilot.press("d")
        await pilot.pause()
        assert log.actions.get(item_id).status is ActionStatus.DONE
        assert panel.selected_item_id() != item_id  # the cursor moved on
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert log.actions.get(item_id) == before
        assert panel.selected_item_id() == item_id  # and is back on the item put right

        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")  # the next meeting's day offered
        await pilot.pause()
        carried = log.actions.get(item_id)
        assert carried.carry_count == before.carry_count + 1 and log.actions.carry_in(item_id, meeting_id)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert log.actions.get(item_id) == before and log.actions.carry_in(item_id, meeting_id) is None

        await pilot.press("z")
        await pilot.pause()
        app.focused.value = ""
        await type_line(pilot, "+3d")
        assert log.actions.get(item_id).snoozed_until is not None
        assert str(list(app._notifications)[-1].message).startswith("Snoozed until ")  # gone from the list: said
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert log.actions.get(item_id) == before

        other = next(p for p in log.people.team() if p.id != before.owner_id)
        await pilot.press("w")
        await pilot.pause()
        await type_line(pilot, other.handle)
        assert log.actions.get(item_id).owner_id == other.id
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert log.actions.get(item_id) == before
        notices = [str(n.message) for n in app._notifications]
        assert any(n.startswith("Undone (reassigned)") for n in notices)
        # the notice of the change undone no longer says what is so: it goes ("Now owned by …" stayed)
        assert not any("(ctrl+z undoes)" in n for n in notices), notices

        # a change made here is not undone by ctrl+z in the wrap-up, out of sight
        await pilot.press("d")
        await pilot.pause()
        assert log.actions.get(item_id).status is ActionStatus.DONE
        while app.screen.runner.current.kind.value != "wrapup":
            await pilot.press("ctrl+n")
            await pilot.pause()
        await type_line(pilot, "Book the venue @sam due:fri")
        app.screen.query_one("#new-items").focus()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert log.actions.get(item_id).status is ActionStatus.DONE
        assert str(list(app._notifications)[-1].message).startswith("Nothing to undo here")


async def test_ctrl_z_in_the_action_review_takes_back_several_changes_newest_first(sample_log, clock):
    """Only the last change could be undone: a wrong `d`, then a wrong `c` on the next item, left
    the first one done for good. Each change is now undone in turn, newest first, and one
    changed since elsewhere is left as it is, said."""
    from smarkmeet.services import actions as items
    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel

    log = sample_log
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "action_review")
        panel = app.screen.query_one(ActionReviewPanel)
        changed = []
        for key in ("d", "x", "c"):
            item_id = panel.selected_item_id()
            changed.append(log.actions.get(item_id))
            await pilot.press(key)
            await pilot.pause()
            if key == "c":
                await pilot.press("enter")  # the next meeting's day offered
                await pilot.pause()
            assert log.actions.get(item_id) != changed[-1]
        for number, before in enumerate(reversed(changed)):
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert log.actions.get(before.id) == before
            assert panel.selected_item_id() == before.id
            said = str(list(app._notifications)[-1].message)
            assert said.startswith("Undone (") and ("ctrl+z again" in said) == (number < 2), said
        assert all(log.actions.get(before.id) == before for before in changed)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert str(list(app._notifications)[-1].message) == "Nothing to undo."

        item_id = panel.selected_item_id()
        await pilot.press("d")
        await pilot.pause()
        items.set_status(log, item_id, ActionStatus.DROPPED)  # dropped meanwhile, on the Action items screen
        since = log.actions.get(item_id)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert log.actions.get(item_id) == since
        assert "has been changed since" in str(list(app._notifications)[-1].message)


async def test_a_key_on_an_item_changed_elsewhere_meanwhile_does_not_overwrite_that_change(sample_log, clock):
    """An item marked done on the command line during the meeting still showed OVERDUE in the
    review: x dropped it, silently replacing the done. The list is read again and it is said."""
    from smarkmeet.services import actions as items
    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel

    log = sample_log
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "action_review")
        panel = app.screen.query_one(ActionReviewPanel)
        item_id = panel.selected_item_id()
        items.set_status(log, item_id, ActionStatus.DONE)  # elsewhere: the list still shows it open
        done = log.actions.get(item_id)
        await pilot.press("x")
        await pilot.pause()
        assert log.actions.get(item_id) == done
        assert "was changed elsewhere meanwhile" in str(list(app._notifications)[-1].message)
        assert all(row.status is ActionStatus.DONE for row in panel._rows if row.id == item_id)  # read again
        await pilot.press("ctrl+z")  # nothing of this screen's to undo
        await pilot.pause()
        assert log.actions.get(item_id) == done

        # changed elsewhere while a question about it is open: the answer is refused in words too
        other = next(row.id for row in panel._rows if row.status is ActionStatus.OPEN)
        panel.query_one("#review-table").move_cursor(row=[row.id for row in panel._rows].index(other))
        await pilot.press("c")
        await pilot.pause()
        items.set_status(log, other, ActionStatus.DONE)
        closed = log.actions.get(other)
        await pilot.press("enter")  # the next meeting's day offered: no crash, nothing carried
        await pilot.pause()
        assert log.actions.get(other) == closed
        assert "was changed elsewhere meanwhile" in str(list(app._notifications)[-1].message)


async def test_a_question_opening_below_the_review_does_not_cut_its_status_column(sample_log, clock):
    """At 80x24 the carry question shortened the table, its scrollbar appeared and took the
    status column's last cells: "OVERDUE 3×" read "OVERDUE 3" while the new date was asked."""
    import re

    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "action_review")
        panel = app.screen.query_one(ActionReviewPanel)
        carried = panel._rows[0].carry_count
        status = re.compile(rf"OVERDUE ?{carried}×")  # (the screenshot's text may drop a space between styles)
        assert carried and status.search(shown(app))
        await pilot.press("c")  # the new due date is asked below the list
        await pilot.pause()
        assert "New due date for" in shown(app)
        assert status.search(shown(app))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_carry_question_names_as_much_of_the_item_as_its_line_holds(sample_log, clock, size):
    """The carry and snooze questions cut every title to 28 cells, at 120 columns too ("Review
    pricing-page leads w…")."""
    from textual.widgets import Label

    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, "action_review")
        panel = app.screen.query_one(ActionReviewPanel)
        longest = max(panel._rows, key=lambda row: len(row.title))
        assert len(longest.title) > 50  # (a cap of 50 cut it at 120 columns too)
        panel.query_one("#review-table").move_cursor(row=panel._rows.index(longest))
        title = " ".join(longest.title.split())
        await pilot.press("c")
        await pilot.pause()
        label = str(app.screen.query_one("#prompt-label", Label).content)
        bar = app.screen.query_one("#prompt-label").size.width
        assert label.startswith("New due date for “") and len(label) <= bar  # one line
        if size[0] >= 120:
            assert f"“{title}”" in label, label  # whole, where the line holds it


async def test_h_keeps_the_cursor_on_its_item_as_hidden_items_come_and_go(sample_log, clock):
    """h listed the snoozed and recently closed items among the others and the cursor kept its
    row number: it landed on a closed item from October, and the next d acted on that."""
    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "action_review")
        panel = app.screen.query_one(ActionReviewPanel)
        table = panel.query_one("#review-table")
        table.move_cursor(row=len(panel._rows) - 1)
        item_id = panel.selected_item_id()
        shown = len(panel._rows)
        await pilot.press("h")
        await pilot.pause()
        assert len(panel._rows) > shown  # hidden items joined the list
        assert panel.selected_item_id() == item_id
        await pilot.press("h")
        await pilot.pause()
        assert len(panel._rows) == shown and panel.selected_item_id() == item_id


async def test_an_item_due_next_year_is_said_with_its_year_below_the_review(sample_log, clock):
    """A new item due in January, seen in December, read "due Tue 12 Jan" with no year."""
    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel

    today = clock.today()
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "action_review")
        panel = app.screen.query_one(ActionReviewPanel)
        row = panel._rows[0]
        later = today.replace(year=today.year + 1, month=1, day=12)
        sample_log.actions.update(row.id, {"due_date": later})
        app.screen.refresh_panel()
        await pilot.pause()
        panel.show_item(row.id)
        await pilot.pause()
        said = panel.detail().plain
        assert f"due {later:%a %d %b %Y}" in said, said


async def test_a_note_turned_into_an_action_item_names_the_item_below_the_list(sample_log, clock):
    """The note's detail said "Action item: → open" and nothing of which item, whose, or when."""
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "criticism")
        panel = app.screen.query_one(CriticismPanel)
        table = panel.query_one("#notes-table")
        linked = [note for note in panel._rows if note.action_item_id]
        assert linked
        for note in linked:
            table.move_cursor(row=panel._rows.index(note))
            await pilot.pause()
            item = sample_log.actions.get(note.action_item_id)
            said = panel.detail().plain
            owner = sample_log.people.get(item.owner_id).name
            assert f"{owner}, due {item.due_date:%a %d %b}: “{item.title}”" in said, said  # whose and when first


async def test_a_long_question_wraps_at_80_columns_rather_than_being_cut(sample_log, clock):
    """"Action item for this note (marketing owns it? add @nam": the end of the question, what to
    type, was cut off at 80 columns."""
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "criticism")
        panel = app.screen.query_one(CriticismPanel)
        table = panel.query_one("#notes-table")
        table.focus()
        table.move_cursor(row=next(n for n, note in enumerate(panel._rows) if not note.action_item_id))
        await pilot.press("t")
        await pilot.pause()
        label = str(app.screen.query_one("#prompt-label").content)
        assert len(label) > 56  # longer than the bar's one line at 80 columns
        screen_text = shown(app)
        assert "add @name" in screen_text and "and due:):" in screen_text  # the end of it, on a line of its own


async def test_an_item_worded_like_one_still_open_is_added_and_said(sample_log, clock):
    """The same item typed in a dry run and again in the real meeting was added twice without a
    word, and both carried on every week."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to_wrapup(pilot)
        await type_line(pilot, "Draft Q1 joint campaign brief @dana due:fri")
        error = app.screen.query_one("#quick-add-error")
        assert str(error.render()) == ""
        await type_line(pilot, "draft  q1 joint campaign BRIEF @dana due:fri")
        said = str(error.render())
        assert said.startswith("Already open: “Draft Q1 joint campaign brief” — Dana, due ") and \
            said.endswith("Tab, then x on the new one, drops it."), said
        await type_line(pilot, "Draft Q1 joint campaign brief @leo due:fri")  # another owner: not the same item
        assert str(error.render()) == ""
        dana = sample_log.people.by_handle("dana")
        rows = sample_log.rows("SELECT id FROM action_items WHERE lower(title) LIKE 'draft%q1 joint campaign brief' "
                               "AND owner_id = ? ORDER BY rowid", [dana.id])
        assert len(rows) == 2  # added all the same: two items may read alike
        await type_line(pilot, "DRAFT q1 joint campaign brief @dana due:fri")  # a third: said again
        assert str(error.render()).startswith("Already open")
        table = app.screen.query_one("#new-items")
        table.focus()
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("x")  # dropped: the line that said to drop it goes
        await pilot.pause()
        assert str(error.render()) == ""


async def test_m_straight_after_a_rejection_that_widens_the_verdict_column_is_for_it(sample_log, clock):
    """"a", then "r 1", then "m": the rejection's reason widened the verdict column, the table
    was refitted, and its own highlights (row 0 first) were taken for the cursor moved by hand:
    m asked for a verdict first, and the comment typed, then the wrap-up's item, went nowhere."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one("LeadFeedbackPanel")
        table = panel.query_one("#leads-table")
        first = next(n for n, shown in enumerate(panel._rows) if shown.verdict is None)
        table.move_cursor(row=first)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        rejected = panel._rows[table.cursor_row].lead
        await pilot.press("r", "1")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        asked = str(app.screen.prompt.query_one("#prompt-label").render())
        assert asked.startswith(f"Why rejected? A comment on {rejected.name}'s verdict"), asked
        await type_line(pilot, "Budget gone")
    given = sample_log.one("SELECT comment FROM lead_feedback WHERE lead_id = ? ORDER BY rowid DESC LIMIT 1",
                           [rejected.id])
    assert given == {"comment": "Budget gone"}


async def test_the_first_meetings_lead_review_says_its_window_as_it_is(log, clock):
    """"Since the last meeting" headed the first meeting's review, when there had been none."""
    from smarkmeet.domain.models import Lead

    for age in (2, 20):
        log.leads.add(Lead(crm_id=f"L{age}", source="CRM", created_at=clock.now() - timedelta(days=age)))
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        said = str(app.screen.query_one("#leads-summary").render())
        assert said.startswith("New in the last 7 days: 1 lead ·") and "1 carried from the weeks before" in said, said


def leads_aged(log, clock, *hours: int) -> None:
    """A lead "L<h>" delivered ``h`` hours ago, for each of ``hours``."""
    from smarkmeet.domain.models import Lead

    for age in hours:
        log.leads.add(Lead(crm_id=f"L{age}", name=f"Lead {age}", source="CRM", created_at=clock.now() - timedelta(hours=age)))


async def judge(pilot, *verdicts: tuple[str, str]):
    """In the lead review: each (CRM id, key) pressed on its lead, in turn; the panel and its table."""
    await go_to(pilot, "lead_feedback")
    panel = pilot.app.screen.query_one("LeadFeedbackPanel")
    table = panel.query_one("#leads-table")
    for crm_id, key in verdicts:
        table.move_cursor(row=next(n for n, row in enumerate(panel._rows) if row.lead.crm_id == crm_id))
        await pilot.press(key)
        await pilot.pause()
    return panel, table


async def test_a_verdict_on_a_young_lead_widens_its_wait_rather_than_cut_it(log, clock):
    """Leads a few hours old: "16h" fits the Wait column, and once judged "in 16h" was cut to
    "in 1…" when the verdict itself fitted (the column was fitted again only for a verdict)."""
    leads_aged(log, clock, 5, 16)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        # "in 5h" fitted first; "accepted" then fits the room "converted" made
        panel, table = await judge(pilot, ("L5", "c"), ("L16", "a"))
        for row in panel._rows:
            wait = str(table.get_cell(row.lead.id, "Wait"))
            assert row.verdict is not None and wait.startswith("in ") and "…" not in wait, wait


async def test_a_verdict_given_after_the_window_shows_its_wait_in_red(log, clock):
    """Judged after 2 days, a lead read "in 2d" like one judged in time: the SLA counts it late."""
    leads_aged(log, clock, 10, 53)
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        panel, table = await judge(pilot, ("L10", "a"), ("L53", "a"))
        styles = {row.lead.crm_id: str(table.get_cell(row.lead.id, "Wait").style) for row in panel._rows}
        assert styles == {"L10": "dim", "L53": "red"}


async def test_an_empty_review_says_where_leads_imported_without_dates_are(log, clock):
    """The real X Education export has no creation dates: after importing it, the review was
    empty with no word why, and the room could only guess."""
    from smarkmeet.domain.models import Lead

    for n in range(3):
        log.leads.add(Lead(crm_id=f"U{n}", source="CRM", created_at=clock.now(), created_known=False))
    app = make_app(log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "lead_feedback")
        said = str(app.screen.query_one("#leads-summary").render())
        assert "3 leads imported without a delivery date have no verdict" in " ".join(said.split()), said
        # and the footer offers no verdict key: "a Accept r Reject…" did nothing on an empty list
        footer = shown(app).splitlines()[-1]
        assert "Accept" not in footer and "Reject" not in footer, footer


async def test_v_shows_only_the_leads_still_waiting_and_those_judged_here(sample_log, clock):
    """After a CRM history import the first review listed thousands of leads that already had a
    verdict: the ones to judge were hard to find."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one("LeadFeedbackPanel")
        table = panel.query_one("#leads-table")
        every = list(panel._rows)
        earlier = [row for row in every if row.verdict is not None]
        assert earlier and any(row.verdict is None for row in every)
        table.move_cursor(row=next(n for n, row in enumerate(every) if row.verdict is None))
        await pilot.press("a")  # judged here: stays in sight with its verdict
        await pilot.pause()
        judged = sample_log.one("SELECT lead_id FROM lead_feedback WHERE meeting_id = ?",
                                [app.screen.runner.meeting.id])["lead_id"]
        await pilot.press("v")
        await pilot.pause()
        shown = [row.lead.id for row in panel._rows]
        assert shown == [row.lead.id for row in every if row.verdict is None or row.lead.id == judged]
        summary = str(app.screen.query_one("#leads-summary").render())
        assert summary.startswith(f"v shows all: {len(earlier)} with an earlier verdict hidden"), summary
        await pilot.press("v")
        await pilot.pause()
        assert [row.lead.id for row in panel._rows] == [row.lead.id for row in every]


async def test_the_next_line_typed_at_a_question_is_kept_and_its_enter_answers_nothing(sample_log, clock):
    """A quick-add line asked which due date it meant; the next line, typed on without looking,
    went to the question: its Enter picked the first date and its words were lost."""
    from smarkmeet.tui.widgets.dialogs import ChoiceDialog

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        await type_line(pilot, 'Book the venue @sam due:"next fri"')  # on a Monday: which Friday is asked
        assert isinstance(app.screen, ChoiceDialog)
        dialog = app.screen
        burst(app, "Review Q1 routing @sam\n")  # a digit in the words is theirs, not an answer
        await settle(pilot)
        assert app.screen is dialog  # the Enter of the words typed answered nothing
        assert "what you typed is kept: “Review Q1 routing @sam”" in str(dialog.query_one(".hint").render())
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert app.screen.query_one("#quick-add").value == "Review Q1 routing @sam"
    venue = sample_log.one("SELECT due_date FROM action_items WHERE title = 'Book the venue'")
    assert venue["due_date"] == dialog.choices[1][1].isoformat()


async def test_v_keeps_the_lead_under_the_cursor_the_whole_reviews_totals_and_a_taken_back_verdict(sample_log, clock):
    """From a code review: v kept the row number (the next key judged another lead), the summary
    counted only the leads listed, and a verdict taken back under v left the lead listed."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "lead_feedback")
        panel = app.screen.query_one("LeadFeedbackPanel")
        table = panel.query_one("#leads-table")
        summary = lambda: str(app.screen.query_one("#leads-summary").render())  # noqa: E731
        every = list(panel._rows)
        waiting = [n for n, row in enumerate(every) if row.verdict is None]
        target = every[waiting[-1]].lead.id  # far down: its row number changes under v
        table.move_cursor(row=waiting[-1])
        await pilot.pause()
        before = summary().split("\n")[0]
        await pilot.press("v")
        await pilot.pause()
        assert panel.lead_under_cursor() == target
        assert summary().split("\n")[1] == before  # the whole review's figures, not the listed ones'
        await pilot.press("a")  # judged here: stays listed, with its verdict
        await pilot.pause()
        assert target in [row.lead.id for row in panel._rows]

        # a lead with an earlier verdict, judged again here, then taken back: it leaves the list again
        await pilot.press("v")
        await pilot.pause()
        earlier = next(row.lead.id for row in panel._rows if row.verdict is not None and row.lead.id != target)
        panel.show_lead(earlier)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert earlier in [row.lead.id for row in panel._rows]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert earlier not in [row.lead.id for row in panel._rows]
        assert target in [row.lead.id for row in panel._rows]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_agenda_gives_its_columns_to_the_section_on_a_narrow_screen(sample_log, clock, size):
    """At 80 columns the agenda took 24 of them: the items' titles under review were cut to 20
    letters ("Draft nurture email…"). Narrower than AGENDA_MIN_WIDTH it is hidden, the countdown
    bar carrying the meeting's time instead; ctrl+o shows or hides it at any width."""
    from smarkmeet.tui.screens.meeting import AGENDA_MIN_WIDTH

    def item_room() -> int:
        return app.screen.query_one("#review-table").columns["Item"].width

    app = make_app(sample_log, clock)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, "action_review")
        agenda = app.screen.query_one("#agenda")
        wide = size[0] >= AGENDA_MIN_WIDTH
        rooms = {}
        for shows_agenda in (wide, not wide):  # as it opens, then after ctrl+o
            assert agenda.display is shows_agenda
            text = shown(app)
            assert ("Total 00:" in text) is shows_agenda
            bar = next(line for line in text.splitlines() if "Action item review" in line and "left" in line)
            assert ("meeting 00:" in bar) is not shows_agenda, bar  # the meeting's time: always in sight
            rooms[shows_agenda] = item_room()
            await pilot.press("ctrl+o")
            await pilot.pause()
        # at 80 columns the agenda's went to the items' titles (at 120 they had their whole length already)
        assert rooms[False] >= rooms[True] + (20 if size[0] == 80 else 0)
        assert agenda.display is wide  # pressed twice: as it was


async def test_a_paused_clock_and_the_meetings_time_share_the_countdown_bar_at_80_columns(sample_log, clock):
    """With the agenda hidden, "⏸ PAUSED (ctrl+t resumes)" pushed the meeting's time off the bar:
    the pause is said shorter so both stay in sight (beside the longest title, the pause alone)."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "action_review")
        bar = lambda: next(line for line in shown(app).splitlines() if "left" in line and "⏱" in line)  # noqa: E731
        assert "PAUSED" not in bar() and "meeting 00:" in bar()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "⏸ PAUSED" in bar() and "meeting 00:" in bar(), bar()
        await pilot.press("ctrl+o")  # the agenda back, with the meeting's time in it
        await pilot.pause()
        assert "⏸ PAUSED" in bar() and "meeting 00:" not in bar() and "Total 00:" in shown(app)
    async with make_app(sample_log, clock).run_test(size=(120, 40)) as pilot:  # room for the pause in full
        await pilot.press("enter")  # resume the meeting left paused
        await pilot.pause()
        assert "⏸ PAUSED (ctrl+t resumes)" in shown(pilot.app)


async def test_a_source_is_shown_in_full_when_the_names_leave_room(sample_log, clock):
    """At 80 columns the source was capped at ten cells ("Organic…") with ten columns unused beside
    the lead's name shown in full."""
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "lead_feedback")
        await settle(pilot)
        panel = app.screen.query_one(LeadFeedbackPanel)
        table = panel.query_one("#leads-table")
        sources = {row.lead.source for row in panel._rows}
        assert any(len(source) > 10 for source in sources)  # longer than the cap the source had
        text = shown(app)
        widths = panel._widths
        spare = table.size.width - 2 * len(widths) - sum(widths.values())
        names_whole = all(table.get_cell(row.lead.id, "Lead").plain.rstrip("…") == table.get_cell(
            row.lead.id, "Lead").plain for row in panel._rows)
        if names_whole:  # the source has what it needs, up to its cap of 18, or every spare column
            longest = max(min(len(source), 18) for source in sources)
            assert widths["Source"] >= min(longest + 2, widths["Source"] + spare), widths
        assert any(source in text for source in sources if 10 < len(source) <= 18)


async def test_a_rating_typed_after_enter_moves_on_as_a_digit_does(sample_log, clock):
    """Enter, 7, Enter rated the attendee under the cursor but left the cursor there: the next
    digit, meant for the attendee after, replaced the 7 without a word."""
    from smarkmeet.tui.widgets.panels.wrapup import WrapupPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await pilot.press("p", "p", "p")
        await pilot.pause()
        while app.screen.runner.current.kind.value != "wrapup":
            await pilot.press("ctrl+n")
            await pilot.pause()
        meeting = app.screen.runner.meeting
        people = app.screen.query_one(WrapupPanel)._people
        await pilot.press("tab", "tab", "enter")  # the ratings; Enter asks for the first one's
        await pilot.pause()
        assert app.screen.prompt.is_open
        await type_line(pilot, "7")
        await pilot.press("9")
        await pilot.pause()
    assert sample_log.people.ratings(meeting.id) == {people[0].id: 7, people[1].id: 9}


async def test_go_to_marks_the_sections_done_and_current_and_starts_on_the_next(sample_log, clock):
    """With the agenda hidden at 80 columns, ctrl+g listed the six sections alike: which were done
    and which was open could not be told. It marks them as the agenda does, with the time so far."""
    from textual.widgets import OptionList

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        clock.advance(minutes=2)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        sections = app.screen_stack[-2].runner.sections
        assert labels[0].startswith(f"1  ✓ {sections[0].title}  (02:00 / {sections[0].timebox_minutes} min)"), labels
        assert labels[1].startswith(f"2  ▶ {sections[1].title}"), labels
        assert labels[2] == f"3    {sections[2].title}  ({sections[2].timebox_minutes} min)", labels
        assert options.highlighted == 2  # the next section, where ctrl+n would go
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.runner.current.id == sections[2].id


async def test_ctrl_n_on_the_last_section_names_the_key_that_ends_the_meeting(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "wrapup")
        section = app.screen.runner.current.id
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.runner.current.id == section
        assert any("ctrl+f ends the meeting" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize("width, owner_shown", [(80, False), (88, True)])
def test_the_owner_gives_way_before_goal_names_are_cut_to_a_few_words(width, owner_shown):
    """At 80 columns the review read "Leads accepted by sal…" and "Leads followed up wit…" beside
    the owner and trend columns: the owner gives way so the names are whole; where a name loses
    only a few cells (the 88 of a 120-column screen beside the agenda) the owner stays."""
    from rich.text import Text

    from smarkmeet.tui.widgets.panels.goals import COLUMNS, GOAL_BEFORE_OWNER, fitted_widths

    names = ["MQLs delivered", "Leads accepted by sales (SAL)", "Leads followed up within 48 h"]
    rows = [dict(zip(COLUMNS, (name, "marketing", "wk of 07 Dec", "60,000", "— (enter)", "● 110% green", "▃▃█▁▃█▃▁"),
                     strict=True)) for name in names]
    widths = fitted_widths([{label: Text(cell) for label, cell in row.items()} for row in rows], width)
    assert ("Owner" in widths) is owner_shown and "Last 8" in widths
    longest = max(len(name) for name in names)
    assert widths["Goal"] >= (GOAL_BEFORE_OWNER if owner_shown else longest)
    assert sum(w + 2 for w in widths.values()) + 2 <= width


async def test_h_does_not_change_the_reviews_counts(sample_log, clock):
    """"8 open · 3 overdue" read "9 open · 4 overdue" once h showed a snoozed item, nothing having
    changed; the line now says what h added."""
    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "action_review")
        panel = app.screen.query_one(ActionReviewPanel)
        summary = lambda: str(panel.query_one("#review-summary").render())  # noqa: E731
        await pilot.press("z")  # one snoozed here: gone from the list, and out of the counts
        await pilot.pause()
        app.focused.value = ""
        await type_line(pilot, "+3d")
        before = summary()
        await pilot.press("h")
        await pilot.pause()
        today = clock.today()
        snoozed = [r for r in panel._rows if r.status is ActionStatus.OPEN and r.snoozed_until and r.snoozed_until > today]
        assert snoozed
        after = summary()
        counts = lambda said: re.split(r"   |\n", said)[0]  # noqa: E731  # (the rule beside the counts, or below)
        assert counts(after) == counts(before), (before, after)
        assert f"Listed too: {len(snoozed)} snoozed" in after and "h hides them" in after


@pytest.mark.parametrize(("kind", "says"), [("checkin", "Nothing to undo at the check-in"),
                                             ("wrapup", "A rating is put right by rating again"),
                                             # in the note's form: not sent to the list to undo an e
                                             ("criticism", "a note raised here is put right with e")])
async def test_ctrl_z_where_nothing_is_undone_says_how_to_put_a_slip_right(sample_log, clock, kind, says):
    """ctrl+z at the check-in (after a on the wrong person) and on the ratings did nothing, silently."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, kind)
        if kind == "wrapup":
            app.screen.query_one("#ratings").focus()
            await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(says in str(notice.message) for notice in app._notifications)


async def test_ctrl_q_mid_meeting_asks_once_then_quits(sample_log, clock):
    """One stray ctrl+q replaced the room's screen with the shell mid-meeting: it now says the
    meeting is running, and a second ctrl+q quits (a read-only log, with nothing to resume, quits)."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "goal_review")
        meeting_id = app.screen.runner.meeting.id
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None and isinstance(app.screen, MeetingScreen)
        assert any("ctrl+q again quits" in str(notice.message) for notice in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
    assert sample_log.meetings.get(meeting_id).status is MeetingStatus.IN_PROGRESS


async def test_ctrl_q_says_what_is_typed_and_not_saved_and_keeps_the_summary(sample_log, clock):
    """Quitting mid-meeting said "everything is saved" over a summary and an action item line
    typed but never sent with Enter: on resume the summary was empty. The warning now names
    what would be lost, and the summary is saved on the way out, as ending the meeting saves it."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to_wrapup(pilot)
        meeting_id = app.screen.runner.meeting.id
        app.screen.query_one("#quick-add").value = "Send the deck @dana due:fri"
        app.screen.query_one("#summary").value = "Agreed the SLA push; Zoë 東京 joins next week"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None
        said = " ".join(str(notice.message) for notice in app._notifications)
        assert "typed, not saved: the action item line “Send the deck @dana due:fri”" in said
        assert "everything is saved" not in said
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
    meeting = sample_log.meetings.get(meeting_id)
    assert meeting.status is MeetingStatus.IN_PROGRESS
    assert meeting.summary == "Agreed the SLA push; Zoë 東京 joins next week"
    assert sample_log.rows("SELECT id FROM action_items WHERE title LIKE 'Send the deck%'") == []


async def test_ctrl_q_while_an_export_is_written_asks_first_and_keeps_the_summary(sample_log, clock):
    """With an export being written, ctrl+q said only "Finishing … first" (not that the meeting
    was running) and quit once it was written without saving the summary typed."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to_wrapup(pilot)
        meeting_id = app.screen.runner.meeting.id
        app.screen.query_one("#summary").value = "Kept on the way out"
        app._running_jobs["leads"] += 1  # an export being written
        await pilot.press("ctrl+q")
        await pilot.pause()
        said = [str(notice.message) for notice in app._notifications]
        assert any("The meeting is still running" in each for each in said)
        assert not any("Finishing" in each for each in said)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None and any("Finishing leads first" in str(n.message) for n in app._notifications)
        app._running_jobs.clear()
        app._leave()  # as the job's end does (finished → _leave)
        await pilot.pause()
        assert app.return_code == 0
    assert sample_log.meetings.get(meeting_id).summary == "Kept on the way out"


async def test_ctrl_q_with_a_dialog_over_the_meeting_asks_once_too(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "goal_review")
        await pilot.press("ctrl+g")  # "Go to…": a dialog over the meeting
        await pilot.pause()
        assert not isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None
        assert any("ctrl+q again quits" in str(notice.message) for notice in app._notifications)


async def test_ctrl_q_on_the_home_screen_quits_at_once(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_ten_typed_as_a_number_rates_one_attendee_ten(sample_log, clock, monkeypatch):
    """"10" typed on the ratings gave the first attendee 1 and the next 10."""
    from smarkmeet.tui.widgets.panels import wrapup as wrapup_panel
    from smarkmeet.tui.widgets.panels.wrapup import WrapupPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await pilot.press("p", "p", "p")  # three checked in: they are rated at the end
        while app.screen.runner.current.kind.value != "wrapup":
            await pilot.press("ctrl+n")
            await pilot.pause()
        meeting = app.screen.runner.meeting
        first, second, third = app.screen.query_one(WrapupPanel)._people[:3]
        app.screen.query_one("#ratings").focus()
        await pilot.press("1", "0")
        await settle(pilot, 4)
        assert sample_log.people.ratings(meeting.id) == {first.id: 10}
        assert app.screen.query_one("#ratings").cursor_row == 1  # the next still to rate
        monkeypatch.setattr(wrapup_panel, "TEN_WITHIN_SECONDS", -1.0)  # a 0 long after the 1: a 10 of its own
        await pilot.press("1", "0")
        await settle(pilot, 4)
    assert sample_log.people.ratings(meeting.id) == {first.id: 10, second.id: 1, third.id: 10}


async def test_a_double_enter_on_a_quick_add_line_asked_about_says_nothing_of_a_title(sample_log, clock):
    """Enter Enter on a line whose due date a dialog asks about showed "the item needs a title"
    under the line: the second Enter sent the emptied line."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        burst(app, "Draft agenda @dana due:next fri\n\n")
        await settle(pilot, 8)
        assert "due date" in shown(app)  # asked which Friday is meant
        meeting_screen = next(screen for screen in app.screen_stack if isinstance(screen, MeetingScreen))
        assert app.screen is not meeting_screen, shown(app)  # the dialog is still up
        said = str(meeting_screen.query_one("#quick-add-error").render())
        assert "title" not in said, said


async def test_words_typed_onto_the_list_of_notes_act_on_none_and_resolving_is_undone_with_ctrl_z(
        sample_log, clock):
    """"leads are very late" typed with the list focused resolved a note through the v of "very"
    (and e, t, o in words ask or act too), with nothing said and no undo."""
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel, NotesTable

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, "criticism")
        app.screen.query_one(NotesTable).focus()
        await pilot.pause()
        before = sample_log.rows("SELECT id, status FROM criticism_notes ORDER BY id")
        changes = len(sample_log.changes())
        burst(app, "leads are very late\n")  # and the Enter that ends it: no action item asked for
        await settle(pilot, 8)
        assert sample_log.rows("SELECT id, status FROM criticism_notes ORDER BY id") == before
        assert len(sample_log.changes()) == changes
        said = [str(notice.message) for notice in app._notifications]
        assert any(line.startswith("Typing reached the list of notes") for line in said), said
        assert not app.screen.prompt.is_open  # neither f nor t asked anything
        # v alone, later, resolves; ctrl+z puts it back, recorded in changes
        note = app.screen.query_one(CriticismPanel)._rows[0]
        app.screen._typing.forget()  # a v typed later, on its own
        await pilot.press("v")
        await pilot.pause()
        assert sample_log.notes.get(note.id).status.value == "resolved"
        assert any("(ctrl+z undoes)" in str(notice.message) for notice in app._notifications)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sample_log.notes.get(note.id).status.value == "open"
        assert sample_log.notes.get(note.id).resolved_at is None
        assert any(str(notice.message).startswith("Undone (resolved)") for notice in app._notifications)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "No note resolved or reopened here to undo." in [str(n.message) for n in app._notifications]


@pytest.mark.parametrize("kind, words", [("lead_feedback", "please wait for me"), ("action_review", "hold on, just"),
                                         ("goal_review", "wow")])  # letters there did nothing, and said nothing
async def test_words_typed_onto_a_meeting_list_give_no_verdict_and_close_no_item(sample_log, clock, kind, words):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to(pilot, kind)
        assert app.focused.__class__.__name__.endswith("Table")
        changes = len(sample_log.changes())
        burst(app, words)
        await settle(pilot, 8)
        assert len(sample_log.changes()) == changes
        assert any(str(notice.message).startswith("Typing reached the list") for notice in app._notifications)
        assert not app.screen.prompt.is_open


async def test_words_typed_onto_the_wrapups_lists_are_told_where_each_list_leads(sample_log, clock, monkeypatch):
    """On the ratings the hint said "shift+Tab goes back to the line above"; from there it goes to
    the items list. Each of the wrap-up's two lists says its own way on."""
    from smarkmeet.tui import typing_guard

    monkeypatch.setattr(typing_guard, "SAID_EVERY", -1.0)  # (said once a while: here, on each list)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await go_to_wrapup(pilot)
        await type_line(pilot, "A thing @sam due:fri")
        for list_id, says in (("new-items", "Typing reached the list of items"), ("ratings", "Typing reached the ratings")):
            app.screen.query_one(f"#{list_id}").focus()
            await settle(pilot)
            app.screen._typing.forget()  # a new burst, not the rest of the last one
            before = list(app._notifications)
            burst(app, "hold on, just")
            await settle(pilot, 8)
            said = [str(notice.message) for notice in app._notifications if notice not in before]  # new ones only
            assert any(line.startswith(says) for line in said), said
        assert "Tab goes on to the summary line" in said[-1]
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused.id == "summary"


async def test_at_80_columns_a_long_new_item_leaves_its_due_date_whole_beside_nine_ratings(sample_log, clock):
    """With nine attendees to rate, the ratings beside the new items widened after the items were
    fitted: a long title's row pushed its due date out ("31 De") behind a sideways scrollbar."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "checkin")
        burst(app, "p" * 9)
        await settle(pilot, 12)
        while app.screen.runner.current.kind.value != "wrapup":
            await pilot.press("ctrl+n")
            await pilot.pause()
        await settle(pilot, 2)
        burst(app, "Rewrite the entire partner onboarding playbook including the EMEA pricing appendix "
                   "@Priya Raman due:2026-12-31\n")
        await settle(pilot, 20)
        table = app.screen.query_one("#new-items")
        assert table.virtual_size.width <= table.content_size.width
        row = next(line for line in shown(app).splitlines() if "Rewrite the entire" in line)
        assert "31 Dec" in row and "…" in row


async def test_at_80_columns_a_long_note_is_said_whole_below_the_list(sample_log, clock):
    """A long observation took the four lines a row's detail has: its impact and request were
    cut off below the list, with nothing to say so."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "criticism")
        observation = ("Leads from the partner portal arrive without any qualification data whatsoever, so every "
                       "single one of them has to be researched by hand before a rep can call, and this has been "
                       "going on for three quarters now despite two earlier requests to fix the form")
        burst(app, f"{observation}\nRouting fails and reps waste hours\nFix the field mapping by Friday\n")
        await settle(pilot, 12)
        screen = " ".join(line.strip() for line in shown(app).splitlines())
        assert "Request: Fix the field mapping by Friday" in screen


async def test_paused_the_keys_say_resume_and_the_bar_says_paused_beside_the_keys_panel(sample_log, clock):
    """Paused, the footer and the keys panel still said "^t Pause", and with the keys panel open
    the bar's "⏸ PAUSED (ctrl+t resumes)" was cut to "⏸"."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        footer = shown(app).splitlines()[-1]
        assert "^t Pause" in footer and "Resume" not in footer
        await pilot.press("question_mark", "ctrl+t")
        await settle(pilot, 4)
        screen = shown(app).splitlines()
        bar = next(line for line in screen if "⏱" in line)
        assert "⏸ PAUSED" in bar, bar
        assert any("Resume" in line and "Start the clock again" in line for line in screen)
        assert not any("Pause the clock" in line for line in screen)
        await pilot.press("question_mark")  # the keys panel closed: the footer has room for ^t
        await settle(pilot, 2)
        assert "^t Resume" in shown(app).splitlines()[-1]
        await pilot.press("ctrl+t")
        await settle(pilot, 2)
        assert "^t Pause" in shown(app).splitlines()[-1]
        assert not app.screen.runner.meeting.paused


async def test_a_follow_up_given_here_is_said_below_the_list(sample_log, clock):
    """A follow-up saved was seen nowhere in the meeting: the note's line below the list still
    read as before, and a note raised here lost its "new" (e can still change it)."""
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel, NotesTable

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        burst(app, "Webinar lists come late\nReps call cold\nSend lists same day\n")
        await settle(pilot, 10)
        panel = app.screen.query_one(CriticismPanel)
        app.screen.query_one(NotesTable).focus()
        panel.show_note(panel._rows[0].id)
        await pilot.pause()
        assert panel._rows[0].observation == "Webinar lists come late"
        await pilot.press("f")
        await settle(pilot, 2)
        burst(app, "Marketing will try from next week\n")
        await settle(pilot, 6)
        detail = str(panel.query_one("#note-detail").render())
        assert "Followed up here: Marketing will try from next week" in detail, detail
        row = next(line for line in shown(app).splitlines() if "Webinar lists come late" in line)
        assert " new " in row


async def test_with_no_one_checked_in_the_ratings_say_how_to_check_in(sample_log, clock):
    """An empty ratings box ("Rated 0/0") said nothing of why: the ratings are of those checked in."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_wrapup(pilot)
        screen = shown(app)
        assert "No one checked in" in screen and "ctrl+g 1: check-in" in screen
        await pilot.press("tab", "tab", "7")  # a digit on the hint rates no one
        await settle(pilot, 4)
        assert sample_log.people.ratings(app.screen.runner.meeting.id) == {}


async def test_ending_with_a_follow_up_typed_names_the_question_it_answers(sample_log, clock):
    """The end question said "Still typed, not saved: the prompt “draft shared”", not which
    note the follow-up was for."""
    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel, NotesTable

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "criticism")
        app.screen.query_one(NotesTable).focus()
        await pilot.pause()
        note = app.screen.query_one(CriticismPanel)._rows[0]
        await pilot.press("f")
        await settle(pilot, 2)
        burst(app, "draft shared")
        await settle(pilot, 4)
        await pilot.press("ctrl+f")
        await settle(pilot, 4)
        question = app.screen.question
        assert "Still typed, not saved: the answer to “" in question and "“draft shared”" in question
        assert note.observation[:20] in question


async def test_reassigning_to_someone_new_offers_to_add_them_as_a_quick_add_line_does(sample_log, clock):
    """`w` then a name nobody has was refused ("no one on the team matches 'Zed Nobody'"), where
    a quick-add line's owner nobody matches is offered to be added."""
    from smarkmeet.tui.widgets.dialogs import ChoiceDialog

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "action_review")
        item_id = app.screen.item_id()
        await pilot.press("w")
        await settle(pilot, 2)
        burst(app, "Zed Nobody\n")
        await settle(pilot, 6)
        assert isinstance(app.screen, ChoiceDialog) and "Nobody on the team is “Zed Nobody”" in shown(app)
        await pilot.press("enter")  # the first choice: as a guest
        await settle(pilot, 6)
        assert not app.screen.prompt.is_open
    zed = next(person for person in sample_log.people.all(include_inactive=True) if person.name == "Zed Nobody")
    assert zed.guest and sample_log.actions.get(item_id).owner_id == zed.id


@pytest.mark.parametrize("width", [160, 220])
async def test_the_action_review_names_an_items_whole_section_where_every_title_fits_beside_it(sample_log, clock,
                                                                                            width):
    """At 160 columns "07 Dec · Action" read as cut off, the titles beside it with room to spare:
    the whole section is named where every title still fits whole, its first word where not."""
    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(width, 40)) as pilot:
        await go_to(pilot, "action_review")
        panel = app.screen.query_one(ActionReviewPanel)
        table = panel.query_one("DataTable")
        row = next(r for r in panel._rows if r.origin_section_title and " " in r.origin_section_title)
        origin = str(table.get_cell(row.id, "From"))
        titles = [str(table.get_cell(r.id, "Item")) for r in panel._rows]
        assert not any(title.endswith("…") for title in titles)
        if width == 220:
            assert origin.endswith(row.origin_section_title), origin
        else:
            assert origin.endswith(" · " + row.origin_section_title.split(" ")[0]), origin


async def test_a_money_sign_typed_onto_a_goal_starts_its_actual_and_is_read(sample_log, clock):
    """With the team's currency CHF, "€72,500⏎" typed onto "Pipeline created" lost its € (no key)
    and was saved as CHF 72,500. The sign starts the answer, and another currency is refused."""
    from smarkmeet.domain.enums import Unit
    from smarkmeet.domain.periods import reviewed_start
    from smarkmeet.tui.widgets.panels.goals import GoalReviewPanel

    sample_log.set_setting("currency", "CHF")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "goal_review")
        panel = app.screen.query_one(GoalReviewPanel)
        row = next(n for n, status in enumerate(panel._rows) if status.goal.unit is Unit.CURRENCY)
        goal = panel._rows[row].goal
        day = reviewed_start(goal.period, app.screen.runner.meeting.scheduled_for)
        before = sample_log.goals.checkin_for(goal.id, day)
        panel.query_one("DataTable").move_cursor(row=row)
        burst(app, "€72,500\n")
        await settle(pilot, 8)
        assert "is in €, but the team's currency is CHF" in str(app.screen.prompt.query_one("#prompt-error").render())
        assert sample_log.goals.checkin_for(goal.id, day) == before


async def start_dated(pilot, day) -> None:
    """Start the planned meeting dated ``day`` (ahead of today: next Monday's, run today)."""
    from textual.widgets import Input

    await pilot.press("s")
    await pilot.pause()
    pilot.app.screen.query_one("#start-date", Input).value = day.isoformat()
    await pilot.press("enter")
    await pilot.pause()
    for _ in range(3):  # past a question about the date, if one is asked
        if isinstance(pilot.app.screen, MeetingScreen):
            break
        await pilot.press("enter")
        await pilot.pause()


async def test_a_meeting_dated_ahead_counts_its_review_on_its_own_day(sample_log, clock):
    """Next Monday's meeting run today listed an item snoozed to Thursday (its list judges
    snoozes on its day) but left it out of "11 open", and judged overdue by today while the end
    of the meeting carried what was due by its day."""
    from datetime import timedelta

    from smarkmeet.domain.enums import ActionStatus
    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel

    ahead = clock.today() + timedelta(days=7)
    item = next(row for row in sample_log.actions.for_review("none", ahead, show_snoozed=False, closed_since=None)
                if row.status is ActionStatus.OPEN)
    sample_log.actions.update(item.id, {"snoozed_until": clock.today() + timedelta(days=3)})
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_dated(pilot, ahead)
        await pilot.press("ctrl+n")  # the action review
        await pilot.pause()
        await pilot.pause()
        rows = app.screen.query_one(ActionReviewPanel)._rows
        assert item.id in [row.id for row in rows]  # snoozed to before the meeting's day: listed
        open_rows = [row for row in rows if row.status is ActionStatus.OPEN]
        overdue = sum(1 for row in open_rows if row.due_date is not None and row.due_date < ahead)
        summary = str(app.screen.query_one("#review-summary").render())
        assert summary.startswith(f"{len(open_rows)} open from earlier meetings · {overdue} overdue"), summary
        assert f"Items due by {ahead:%a %d %b}, the meeting's day, and not closed here carry" in summary


async def test_a_meeting_dated_ahead_says_its_own_day_for_a_snooze_and_a_due_day_before_it(sample_log, clock):
    """Next Monday's meeting run today: a snooze to its day was refused as "today: …", and
    an item due before it (due:+1d) was added with no word."""
    from datetime import timedelta

    ahead = clock.today() + timedelta(days=7)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await start_dated(pilot, ahead)
        assert app.screen.runner.meeting.scheduled_for == ahead
        await pilot.press("ctrl+n")  # the action review
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        await type_line(pilot, ahead.isoformat())
        error = str(app.screen.prompt.query_one("#prompt-error").render())
        assert error.startswith(f"{ahead:%a %d %b}, the meeting's day: a snooze hides"), error
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await type_line(pilot, f"Send the list @dana due:{(ahead - timedelta(days=2)).isoformat()}")
        said = [str(n.message) for n in app._notifications]
        assert any(f"before this meeting's day ({ahead:%a %d %b})" in line for line in said), said


async def test_changing_a_note_without_a_request_types_the_request(sample_log, clock):
    """`e` on a "⚠ no request" row put the cursor at the end of the observation: the request typed
    was stuck onto it ("…same dayCall every webinar lead…") and Enter moved on to the impact."""
    from textual.widgets import DataTable

    from smarkmeet.tui.widgets.panels.criticism import CriticismPanel

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "criticism")
        panel = app.screen.query_one(CriticismPanel)
        await type_line(pilot, "Webinar leads are rejected the same day")
        await type_line(pilot, "")
        await type_line(pilot, "")  # no request: added as not yet constructive
        note = next(n for n in sample_log.notes.in_meeting(app.screen.meeting_id) if n.observation.startswith("Webinar"))
        assert not note.constructive
        table = panel.query_one("#notes-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(note.id))
        await pilot.press("e")
        await pilot.pause()
        assert app.focused is panel.query_one("#note-request")
        await pilot.press(*"Call every webinar lead once", "enter")
        await pilot.pause()
        saved = sample_log.notes.get(note.id)
        assert (saved.observation, saved.request) == ("Webinar leads are rejected the same day",
                                                      "Call every webinar lead once")
        assert saved.constructive and panel.editing is None


async def test_the_meetings_lists_say_the_year_of_a_date_in_another(sample_log, clock):
    """In a December meeting an item due in January read "08 Jan" in the wrap-up at 80 columns,
    beside this month's dates, and the action review wrote its due dates with no year at all."""
    from datetime import date

    from textual.widgets import DataTable

    from smarkmeet.store.actions import ActionFilter

    later = date(clock.today().year + 1, 1, 8)
    reviewed = sample_log.actions.page(ActionFilter(status=ActionStatus.OPEN), sort="due")[0]
    with sample_log.transaction():
        sample_log.actions.update(reviewed.id, {"due_date": later})
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "action_review")
        table = app.screen.query_one("#review-table", DataTable)
        row = table.get_row(reviewed.id)
        assert str(row[0]) == f"{later:%a %d %b %Y}", row
        await go_to(pilot, "wrapup")
        await type_line(pilot, f"Book the venue @dana due:{later.isoformat()}")
        table = app.screen.query_one("#new-items", DataTable)
        dues = [str(table.get_row_at(n)[-1]) for n in range(table.row_count)]
        assert f"08 Jan ’{later:%y}" in dues, dues


async def test_the_palette_offers_the_sections_own_commands(sample_log, clock):
    """In the goal review, "undo" or "actual" typed in the palette found nothing: only the
    meeting's own commands were listed, not the section's keys."""
    from tests.ui.palette import palette_offers

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "goal_review")
        offered = await palette_offers(app, pilot, "actual")
        assert any(prompt.startswith("goals: Enter actual") for prompt in offered), offered
        await pilot.press("enter")  # run from the palette: the question opens as e opens it
        await pilot.pause()
        assert app.screen.prompt.is_open and app.screen.prompt.question.startswith("Actual")
        await pilot.press("escape")
        await pilot.pause()
        offered = await palette_offers(app, pilot, "undo")
        assert any(prompt.startswith("goals: Undo actual") for prompt in offered), offered


async def test_the_ratings_give_back_their_width_after_a_wider_window(sample_log, clock):
    """80x24 → 120x40 → 80x24 in the wrap-up: the ratings kept the width of the whole names the
    wider window showed, four columns taken from the new items' titles."""
    from smarkmeet.tui.widgets.panels.wrapup import RatingsTable

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("p", "p", "p")
        await go_to(pilot, "wrapup")
        ratings = app.screen.query_one(RatingsTable)
        before = ratings.size.width
        await pilot.resize_terminal(120, 40)
        await settle(pilot, 4)
        assert ratings.size.width > before  # whole names there
        await pilot.resize_terminal(80, 24)
        await settle(pilot, 4)
        assert ratings.size.width == before
