"""The meeting services end to end, without the UI."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from smarkmeet.domain.agenda import WEEKLY
from smarkmeet.domain.enums import ActionStatus, MeetingStatus, SectionStatus, Side, Verdict
from smarkmeet.domain.models import Person
from smarkmeet.services import actions as items
from smarkmeet.services import attendance, criticism, leadreview, review, wrapup
from smarkmeet.services.meeting import MeetingError, MeetingRunner, plan_meeting
from smarkmeet.services.export import minutes_record
from smarkmeet.services.minutes import render_minutes, write_minutes
from smarkmeet.services.settings import change


@pytest.fixture
def runner(sample_log):
    meeting = sample_log.meetings.next_planned()
    runner = MeetingRunner(sample_log, meeting.id)
    runner.start()
    return runner


def test_clock_counts_only_running_time(runner, clock):
    clock.advance(minutes=2)
    assert runner.clock().elapsed == 120
    runner.toggle_pause()
    clock.advance(minutes=10)
    assert runner.clock().elapsed == 120
    runner.toggle_pause()
    clock.advance(seconds=90)
    assert runner.clock().elapsed == 210
    assert runner.clock().state == "red" and runner.clock().overrun == 30  # 3-minute check-in


def test_moving_through_the_agenda_records_time(runner, clock):
    clock.advance(minutes=4)
    runner.next_section()
    clock.advance(minutes=1)
    runner.previous_section()
    sections = runner.sections
    assert sections[0].status is SectionStatus.CURRENT
    assert sections[1].status is SectionStatus.DONE and sections[1].seconds_spent == 60
    assert sections[0].seconds_spent == 240 and sections[0].overrun_seconds == 60
    with pytest.raises(MeetingError):
        runner.previous_section()
    runner.go_to(sections[-1].id)
    with pytest.raises(MeetingError):
        runner.next_section()


def test_crash_keeps_time_to_the_last_write_and_skips_the_downtime(sample_log, runner, clock):
    clock.advance(minutes=2)
    runner.checkpoint()
    clock.advance(seconds=40)
    attendance.set_present(sample_log, runner.meeting, sample_log.people.team()[0].id, True)  # last entry
    clock.advance(minutes=30)  # the laptop is dead for a while
    again = MeetingRunner(sample_log, runner.meeting_id)
    again.start()
    assert again.clock().elapsed == 160
    clock.advance(seconds=5)
    assert again.clock().elapsed == 165


def test_whole_meeting(sample_log, runner, clock, tmp_path):
    meeting = runner.meeting
    team = sample_log.people.team()
    for person in team:
        attendance.set_present(sample_log, meeting, person.id, person.handle != "leo")
    guest = attendance.add_guest(sample_log, meeting, "Pat Product")
    runner.next_section()

    items = review.items_for_review(sample_log, meeting)
    assert items and all(item.origin_meeting_id != meeting.id for item in items)
    done, dropped, carried, untouched = items[0], items[1], items[2], items[3]
    review.mark_done(sample_log, done.id, meeting)
    review.drop(sample_log, dropped.id, meeting)
    review.carry(sample_log, carried.id, clock.today() + timedelta(days=7), meeting)
    runner.next_section()

    goal = sample_log.goals.active()[0]
    from smarkmeet.domain.periods import period_start

    sample_log.goals.check_in(goal, period_start(goal.period, meeting.scheduled_for), 30, meeting_id=meeting.id)
    runner.next_section()

    leads = [row for row in leadreview.leads_for_review(sample_log, meeting) if row.verdict is None]
    start = leadreview.review_window(sample_log, meeting)[0]  # and the weeks carried before it
    assert len(leads) == sample_log.leads.awaiting_verdict(leadreview.carried_from(sample_log, start))

    def judged():
        tallies = leadreview.tally_by_source(sample_log, meeting)
        # the SQL tally (the lead report over the window) and the rows of this window agree; the
        # leads carried from the weeks before are listed besides
        on_screen = [row for row in leadreview.leads_for_review(sample_log, meeting) if not row.carried]
        assert sum(t.delivered for t in tallies) == len(on_screen)
        assert sum(t.past_sla for t in tallies) == sum(row.past_sla for row in on_screen)
        return sum(t.delivered - t.no_verdict for t in tallies)

    before = judged()
    fresh = [row for row in leads if not row.carried]
    leadreview.give_verdict(sample_log, fresh[0].lead.id, Verdict.ACCEPTED, meeting)
    leadreview.give_verdict(sample_log, fresh[1].lead.id, Verdict.REJECTED, meeting, reason="no budget")
    assert judged() == before + 2
    runner.next_section()

    note = criticism.add_note(sample_log, meeting, from_side=Side.SALES, observation="Lists arrive late")
    assert not note.constructive
    item = criticism.note_to_action(sample_log, note.id, meeting, title="Send lists same day",
                                    owner_id=team[0].id, due=clock.today() + timedelta(days=3))
    assert sample_log.notes.get(note.id).action_item_id == item.id
    runner.next_section()

    outcome = wrapup.add_from_line(sample_log, meeting, "Send webinar list to sales @dana due:fri")
    assert outcome.item is not None and outcome.item.due_date.weekday() == 4
    assert wrapup.add_from_line(sample_log, meeting, "Nobody owns this @zed").unknown_owner == "zed"
    assert wrapup.add_from_line(sample_log, meeting, "Vague @dana due:next-blursday").problems
    booked = wrapup.add_from_line(sample_log, meeting, "Book a room @dana due:1 dec").item  # two words, unquoted
    assert booked is not None and booked.title == "Book a room" and (booked.due_date.month, booked.due_date.day) == (12, 1)
    for person in attendance.present_people(sample_log, meeting):
        wrapup.rate(sample_log, meeting, person.id, "8")
    with pytest.raises(wrapup.RatingError):
        wrapup.rate(sample_log, meeting, guest.id, "11")
    wrapup.set_summary(sample_log, meeting, "Good week | agreed *same-day* lists")
    clock.advance(minutes=3)
    unworked = [row for row in leadreview.leads_for_review(sample_log, meeting) if row.verdict is None]
    runner.end()

    ended = sample_log.meetings.get(meeting.id)
    assert ended.status is MeetingStatus.ENDED and ended.ended_at == clock.now()
    # the leads the review still listed without a verdict as it ended, whenever the minutes are written
    left = leadreview.left_waiting(sample_log, ended)
    assert (left.count, left.past_sla) == (len(unworked), sum(row.past_sla for row in unworked)) and left.count
    clock.advance(days=1)
    leadreview.give_verdict(sample_log, unworked[0].lead.id, Verdict.NURTURE, ended)  # a day later
    assert leadreview.left_waiting(sample_log, ended) == left
    assert (f"Still without a verdict when the meeting ended: **{left.count}** leads delivered since "
            f"{left.since:%a %d %b}, {left.past_sla} of them past the 48 h window.") in render_minutes(sample_log, ended)
    assert sample_log.actions.get(done.id).status is ActionStatus.DONE
    assert sample_log.actions.get(dropped.id).status is ActionStatus.DROPPED
    assert sample_log.actions.get(carried.id).carry_count == carried.carry_count + 1
    assert sample_log.actions.get(untouched.id).carry_count == untouched.carry_count + 1  # carried by default
    minutes = render_minutes(sample_log, ended)
    assert "Send webinar list to sales" in minutes and "Good week \\| agreed \\*same-day\\* lists" in minutes
    path = write_minutes(sample_log, ended, tmp_path / "minutes")
    assert path.read_text() == minutes
    assert sample_log.meetings.get(meeting.id).minutes_path == str(path)


def test_plan_from_template(log, clock):
    meeting = plan_meeting(log, WEEKLY, clock.today())
    assert [s.timebox_minutes for s in log.meetings.sections(meeting.id)] == [3, 7, 10, 15, 10, 5]


def test_carrying_twice_in_one_meeting_moves_the_one_carry_and_records_it(sample_log, runner, clock):
    meeting = runner.meeting
    item = next(row for row in review.items_for_review(sample_log, meeting) if row.status is ActionStatus.OPEN)
    first, second = clock.today() + timedelta(days=7), clock.today() + timedelta(days=10)
    review.carry(sample_log, item.id, first, meeting)
    review.carry(sample_log, item.id, second, meeting)
    carries = [c for c in sample_log.actions.carries(item.id) if c.meeting_id == meeting.id]
    assert [(c.previous_due, c.new_due) for c in carries] == [(item.due_date, second)]
    stored = sample_log.actions.get(item.id)
    assert stored.due_date == second and stored.carry_count == item.carry_count + 1
    moved = sample_log.changes(table="action_carries", row_id=carries[0].id)
    assert [(c["action"], c["data"].get("new_due")) for c in moved] == [
        ("insert", first.isoformat()), ("update", second.isoformat())]


def stored(log, meeting_id: str, column: str) -> str:
    """The column as the log file holds it, not as the model reads it back."""
    return log.one(f"SELECT {column} FROM meetings WHERE id = ?", [meeting_id])[column]


def test_a_summary_is_written_as_the_model_holds_it(sample_log, runner):
    meeting = runner.meeting
    wrapup.set_summary(sample_log, meeting, "  Good week\x1b[31m\n\tnext: same-day lists  \n")
    assert stored(sample_log, meeting.id, "summary") == "Good week␛[31m\n\tnext: same-day lists"
    change = sample_log.changes(table="meetings", row_id=meeting.id)[-1]
    assert "\x1b" not in str(change["data"])


def test_an_over_long_summary_is_refused_in_words_and_nothing_is_written(sample_log, runner):
    meeting = runner.meeting
    wrapup.set_summary(sample_log, meeting, "Kept")
    changes = len(sample_log.changes(table="meetings", row_id=meeting.id))
    with pytest.raises(MeetingError, match=r"20,001 characters .* at most 20,000"):
        wrapup.set_summary(sample_log, meeting, "x" * 20_001)
    assert sample_log.meetings.get(meeting.id).summary == "Kept"  # still readable, unchanged
    assert len(sample_log.changes(table="meetings", row_id=meeting.id)) == changes
    wrapup.set_summary(sample_log, meeting, "  " + "x" * 20_000 + "\n")  # the limit counts what is kept
    assert len(sample_log.meetings.get(meeting.id).summary) == 20_000


def test_a_meeting_title_is_held_to_the_models_rules(sample_log):
    meeting = sample_log.meetings.next_planned()
    sample_log.meetings.update(meeting.id, {"title": "  Weekly\x1b]0;pwned\x07\nsync "})
    assert stored(sample_log, meeting.id, "title") == "Weekly␛]0;pwned␇ sync"
    for bad in ("   ", "x" * 2001):
        with pytest.raises(ValidationError, match="title"):
            sample_log.meetings.update(meeting.id, {"title": bad})
    with pytest.raises(ValidationError, match="no_such_column"):
        sample_log.meetings.update(meeting.id, {"no_such_column": 1})
    assert sample_log.meetings.get(meeting.id).title == "Weekly␛]0;pwned␇ sync"


@pytest.mark.parametrize("typed", ["d_na", "@D_NA", "_ana", "%", "d%", "da\\"])
def test_an_owner_handle_is_matched_literally_not_as_a_like_pattern(sample_log, typed):
    assert sample_log.people.find(typed) == []
    meeting = sample_log.meetings.next_planned()
    outcome = wrapup.add_from_line(sample_log, meeting, f"Send list @{typed.lstrip('@')}")
    assert outcome.item is None and not outcome.owner_choices


def test_underscores_and_percent_signs_find_the_one_they_spell(sample_log):
    d_na = sample_log.people.add(Person(name="Dee Nash", handle="d_na", side=Side.SALES))
    full = sample_log.people.add(Person(name="100% Pat", handle="pat100", side=Side.MARKETING))
    assert sample_log.people.find("@d_na") == [d_na]
    assert sample_log.people.find("d_") == [d_na]
    assert sample_log.people.find("100%") == [full]
    assert sample_log.people.find("% pat") == []
    assert [p.handle for p in sample_log.people.find("da")] == ["dana"]


def test_minutes_of_a_meeting_nobody_was_checked_into_do_not_say_everyone_came(sample_log):
    planned = sample_log.meetings.next_planned()
    assert not sample_log.people.attendance(planned.id)
    minutes = render_minutes(sample_log, planned)
    attendance_part = minutes.split("## Attendance", 1)[1].split("##", 1)[0]
    assert "- Not taken" in attendance_part and "Absent" not in attendance_part


def test_minutes_name_who_was_neither_checked_in_nor_marked_absent(runner, sample_log, clock):
    meeting = runner.meeting
    team = sample_log.people.team()
    here, away, unmarked = team[0], team[1], team[2:]
    attendance.set_present(sample_log, meeting, here.id, True)
    attendance.set_present(sample_log, meeting, away.id, False)
    runner.end()
    # joined 30 minutes after the end, on a clock an hour behind (another UTC offset): later, though
    # its text sorts earlier
    ended_at = clock.now()
    clock.set((ended_at + timedelta(minutes=30)).astimezone(timezone(ended_at.utcoffset() - timedelta(hours=1))))
    newcomer = sample_log.people.add(Person(name="Nia Newcomer", handle="nia", side=Side.SALES))

    ended = sample_log.meetings.get(meeting.id)
    assert {p.id for p in attendance.not_checked_in(sample_log, ended)} == {p.id for p in unmarked}
    attendance_part = render_minutes(sample_log, ended).split("## Attendance", 1)[1].split("##", 1)[0]
    assert f"- Absent: {away.name}" in attendance_part
    line = next(line for line in attendance_part.splitlines() if line.startswith("- Not checked in: "))
    assert sorted(line.removeprefix("- Not checked in: ").split(", ")) == sorted(p.name for p in unmarked)
    assert newcomer.name not in attendance_part
    record = minutes_record(sample_log, ended)  # the JSON minutes say the same
    assert sorted(entry["name"] for entry in record["not_checked_in"]) == sorted(p.name for p in unmarked)


def test_minutes_say_a_note_raised_and_resolved_in_the_meeting_is_resolved(runner, sample_log):
    """A note raised and resolved in the same meeting was listed like an open one: nothing in
    the Markdown or the JSON said it was settled."""
    meeting = runner.meeting
    settled = criticism.add_note(sample_log, meeting, from_side=Side.SALES, observation="Webinar phones wrong",
                                 request="Check the form")
    still_open = criticism.add_note(sample_log, meeting, from_side=Side.MARKETING, observation="Slow follow-up",
                                    request="Call within a day")
    criticism.resolve(sample_log, settled.id, meeting)
    runner.end()
    ended = sample_log.meetings.get(meeting.id)
    part = render_minutes(sample_log, ended).split("## Criticism notes", 1)[1].split("##", 1)[0]
    line = {note.id: next(line for line in part.splitlines() if note.observation in line)
            for note in (settled, still_open)}
    assert "resolved in the meeting" in line[settled.id] and "resolved" not in line[still_open.id].casefold()
    record = {note["id"]: note for note in minutes_record(sample_log, ended)["criticism_notes"]}
    assert record[settled.id]["resolved_here"] is True and record[still_open.id]["resolved_here"] is False


def test_minutes_say_an_earlier_note_turned_into_an_action_item_here(runner, sample_log, clock):
    """`t` on a note from an earlier meeting made an item listed under New action items, with
    nothing in the minutes saying which note it answers."""
    meeting = runner.meeting
    earlier = next(note for note in sample_log.rows("SELECT id, observation, meeting_id FROM criticism_notes "
                                                     "WHERE status = 'open' AND action_item_id IS NULL")
                   if note["meeting_id"] != meeting.id)
    owner = sample_log.people.team()[0]
    item = criticism.note_to_action(sample_log, earlier["id"], meeting, title="Fix the intake form",
                                    owner_id=owner.id, due=clock.today() + timedelta(days=3))
    runner.end()
    ended = sample_log.meetings.get(meeting.id)
    part = render_minutes(sample_log, ended).split("## Criticism notes", 1)[1].split("\n## ", 1)[0]
    assert f"- Action item from “{earlier['observation']}”: Fix the intake form ({owner.name})" in part
    assert minutes_record(sample_log, ended)["criticism_acted_on"] == [
        {"id": earlier["id"], "observation": earlier["observation"], "action_item_id": item.id}]


def test_a_meeting_lists_the_newest_open_notes_from_earlier_and_counts_them_all(runner, sample_log, clock,
                                                                               monkeypatch):
    """A ten-year log holds thousands of open notes: listing them all took seconds after every
    note. The meeting lists the newest EARLIER_SHOWN, oldest first, and says how many there are."""
    monkeypatch.setattr(criticism, "EARLIER_SHOWN", 3)
    meeting = runner.meeting
    earlier = sorted((n for n in sample_log.notes.open_notes() if n.meeting_id != meeting.id),
                     key=lambda n: (n.created_at, n.id))
    assert len(earlier) > 3
    here = criticism.add_note(sample_log, meeting, from_side=Side.SALES, observation="Raised today", request="Fix")
    found = criticism.notes_for_meeting(sample_log, meeting)
    assert found.earlier_open == len(earlier)
    assert [n.id for n in found.notes] == [here.id, *[n.id for n in earlier[-3:]]]
    followed = earlier[-1]
    criticism.follow_up(sample_log, followed.id, "Still waiting", meeting)
    counts = sample_log.notes.followup_counts([n.id for n in found.notes])
    assert counts[followed.id] == len(sample_log.notes.followups(followed.id))
    assert here.id not in counts


def test_the_review_reads_open_and_closed_here_items_through_indexes(runner, sample_log, clock):
    """Written as one OR over every item, the review scanned all 250,000 items of the 10-year log
    after each entry. Items closed here are still listed (found by this meeting's writes)."""
    meeting = runner.meeting
    first = review.items_for_review(sample_log, meeting)[0]
    review.mark_done(sample_log, first.id, meeting)
    statements: list[str] = []
    sample_log.conn.set_trace_callback(statements.append)
    try:
        rows = review.items_for_review(sample_log, meeting)
    finally:
        sample_log.conn.set_trace_callback(None)
    assert first.id in {row.id for row in rows}  # closed in this meeting: still on the list, as done
    (sql,) = [sql for sql in statements if "FROM action_items a" in sql]
    plan = " | ".join(row[3] for row in sample_log.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert "MULTI-INDEX OR" in plan and "SCAN a" not in plan, plan


def test_the_lead_review_shows_each_leads_latest_verdict_and_its_wait_to_the_first(runner, sample_log, clock):
    """The review reads each lead's verdict and first-verdict time from the lead itself (plain rows:
    a first CRM import puts thousands in it); they must say what the lead's verdict history says."""
    meeting = runner.meeting
    waiting = [row for row in leadreview.leads_for_review(sample_log, meeting) if row.verdict is None]
    twice, once = waiting[0].lead, waiting[1].lead
    leadreview.give_verdict(sample_log, twice.id, Verdict.ACCEPTED, meeting)
    clock.advance(hours=30)
    leadreview.give_verdict(sample_log, twice.id, Verdict.REJECTED, meeting, reason="no budget")
    leadreview.give_verdict(sample_log, once.id, Verdict.NURTURE, meeting)
    clock.advance(hours=3)
    now = clock.now()
    window = leadreview.sla_hours(sample_log)
    rows = leadreview.leads_for_review(sample_log, meeting)
    assert {twice.id, once.id} <= {row.lead.id for row in rows}
    for row in rows:
        history = sample_log.rows("SELECT verdict, reason, given_at FROM lead_feedback WHERE lead_id = ? "
                                  "ORDER BY rowid", [row.lead.id])
        latest = history[-1] if history else None
        assert row.verdict == (Verdict(latest["verdict"]) if latest else None)
        assert row.reason == (latest["reason"] if latest else "")
        created = sample_log.leads.get(row.lead.id).created_at
        until = min(datetime.fromisoformat(h["given_at"]) for h in history) if history else now
        assert row.hours_waiting == pytest.approx(max(0.0, (until - created).total_seconds() / 3600))
        assert row.past_sla == (not history and row.hours_waiting > window)
    shown = next(row for row in rows if row.lead.id == twice.id)
    assert (shown.verdict, shown.reason) == (Verdict.REJECTED, "no budget")
    assert leadreview.leads_for_review(sample_log, meeting, lead_id=twice.id) == [shown]


def test_a_verdict_reads_its_lead_under_the_write_lock(runner, sample_log, monkeypatch):
    """An import in another process may give the same lead a verdict between the read and the
    write: the first-verdict time must be worked out from what is in the log at the write."""
    from smarkmeet.store.leads import LeadStore

    lead = next(row.lead for row in leadreview.leads_for_review(sample_log, runner.meeting) if row.verdict is None)
    locked = []
    real = LeadStore.get
    monkeypatch.setattr(LeadStore, "get", lambda self, row_id: locked.append(self.log.conn.in_transaction)
                        or real(self, row_id))
    leadreview.give_verdict(sample_log, lead.id, Verdict.ACCEPTED, runner.meeting)
    assert locked == [True]
    assert not sample_log.conn.in_transaction  # committed
    assert sample_log.leads.get(lead.id).verdict is Verdict.ACCEPTED


def test_a_meeting_ends_with_its_minutes_or_not_at_all(sample_log, runner, tmp_path):
    """The end and the minutes' file are one step: a process stopped between them left a meeting
    ended for good with no minutes file, and nothing ever wrote it."""
    import stat

    meeting, folder = runner.meeting, tmp_path / "minutes"

    def stopped_before_the_end_is_committed(ended):
        write_minutes(sample_log, ended, folder)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        runner.end(then=stopped_before_the_end_is_committed)
    assert sample_log.meetings.get(meeting.id).status is MeetingStatus.IN_PROGRESS  # to be resumed and ended
    assert sample_log.meetings.get(meeting.id).minutes_path is None

    runner.end(then=lambda ended: write_minutes(sample_log, ended, folder))
    ended = sample_log.meetings.get(meeting.id)
    path = Path(ended.minutes_path)
    assert ended.status is MeetingStatus.ENDED and path.read_text() == render_minutes(sample_log, ended)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # private, as every export
    assert [p.name for p in folder.iterdir()] == [path.name]  # the first file replaced whole, no part left


def test_leads_without_a_verdict_are_carried_into_the_next_reviews_for_the_agreed_weeks(runner, sample_log, clock):
    """Sales ignoring a lead must stay visible: one delivered before the last meeting and still
    without a verdict is in this meeting's review (first, marked carried) for lead_carry_weeks,
    and so is one first worked since the last meeting ended (the verdict is news); one worked
    before that (in the last meeting itself: it was seen there), or older, is not."""
    from smarkmeet.services.home import home_overview
    from smarkmeet.store.overview import DEFAULT_LEAD_CARRY_WEEKS

    meeting = runner.meeting
    start, _ = leadreview.review_window(sample_log, meeting)
    last = sample_log.meetings.last_ended(kind="weekly", before_id=meeting.id)
    assert last.started_at == start and last.ended_at > start
    since = leadreview.carried_from(sample_log, start)
    assert since == start - timedelta(weeks=DEFAULT_LEAD_CARRY_WEEKS)
    stamp = lambda moment: moment.isoformat(timespec="seconds")  # noqa: E731
    expected_carried = {row["id"] for row in sample_log.rows(
        "SELECT id FROM leads WHERE created_at >= ? AND created_at < ? AND (verdict IS NULL OR first_verdict_at >= ?)",
        [stamp(since), stamp(start), stamp(last.ended_at)])}
    worked_before = sample_log.rows("SELECT id FROM leads WHERE created_at >= ? AND created_at < ? "
                                    "AND first_verdict_at < ?", [stamp(since), stamp(start), stamp(last.ended_at)])
    worked_in_the_last_meeting = [row for row in worked_before if row["id"] in {r["id"] for r in sample_log.rows(
        "SELECT lead_id AS id FROM lead_feedback WHERE meeting_id = ?", [last.id])}]
    too_old = sample_log.rows("SELECT id FROM leads WHERE created_at < ? AND verdict IS NULL", [stamp(since)])
    assert expected_carried and worked_in_the_last_meeting and too_old  # the demo has each kind

    rows = leadreview.leads_for_review(sample_log, meeting)
    carried = [row for row in rows if row.carried]
    assert {row.lead.id for row in carried} == expected_carried
    assert rows[:len(carried)] == carried  # listed first
    assert not {row["id"] for row in worked_before + too_old} & {row.lead.id for row in rows}
    # the home screen counts what the next review will ask a verdict for
    assert home_overview(sample_log).leads_awaiting_verdict == sum(row.verdict is None for row in rows)

    # a verdict in this meeting keeps the lead on the list, with it
    lead = carried[0].lead
    leadreview.give_verdict(sample_log, lead.id, Verdict.NURTURE, meeting)
    again = leadreview.leads_for_review(sample_log, meeting, lead_id=lead.id)
    assert [(row.carried, row.verdict) for row in again] == [(True, Verdict.NURTURE)]

    change(sample_log, "lead_carry_weeks", "0")  # the team carries none
    assert not any(row.carried for row in leadreview.leads_for_review(sample_log, meeting))


def test_a_second_meeting_the_same_day_does_not_list_again_a_carried_lead_worked_in_the_first(runner, sample_log, clock):
    """A dry run and then the real meeting, or a meeting stopped and run again: a carried lead
    given its verdict in the first was listed in the second as one with no verdict from
    earlier weeks. One worked after the first ended is still listed, with its verdict."""
    first = runner.meeting
    carried = [row.lead for row in leadreview.leads_for_review(sample_log, first) if row.carried and row.verdict is None]
    # the oldest two: the second meeting's carry weeks count back a week before it at least, as the
    # first's did (from the first's own start, the oldest leads still waiting dropped out a week early)
    seen, later = sorted(carried, key=lambda lead: lead.created_at)[:2]
    leadreview.give_verdict(sample_log, seen.id, Verdict.ACCEPTED, first)
    clock.advance(minutes=30)
    runner.end()
    clock.advance(minutes=5)
    second = plan_meeting(sample_log, WEEKLY, first.scheduled_for)
    MeetingRunner(sample_log, second.id).start()
    leadreview.give_verdict(sample_log, later.id, Verdict.NURTURE, second)
    listed = {row.lead.id: (row.carried, row.verdict) for row in leadreview.leads_for_review(sample_log, second)}
    assert seen.id not in listed
    assert listed[later.id] == (True, Verdict.NURTURE)
    waiting = {lead.id for lead in carried} - {seen.id, later.id}
    assert waiting and all(listed.get(lead) == (True, None) for lead in waiting)  # none dropped out


def test_the_review_window_compares_instants_not_the_text_of_other_utc_offsets(runner, sample_log):
    """A CRM exporting in UTC (HubSpot's `Z`) or another zone writes its own offset: a lead
    delivered half an hour after the last meeting began is this week's lead however its
    moment is written, and so is a verdict given half an hour after it ended. The list, the per-source
    tally and the home screen's count agree on them (the tally always compared instants)."""
    from smarkmeet.domain.models import Lead, LeadFeedback
    from smarkmeet.services.home import home_overview

    meeting = runner.meeting
    start, _ = leadreview.review_window(sample_log, meeting)
    ended = sample_log.meetings.last_ended(kind="weekly", before_id=meeting.id).ended_at
    since = leadreview.carried_from(sample_log, start)
    zones = [timezone(timedelta(hours=9)), timezone(timedelta(hours=-8)), timezone.utc]
    half_hour = timedelta(minutes=30)
    expected: dict[str, bool] = {}  # CRM id: carried

    def lead(crm_id: str, created: datetime, shown: bool | None) -> Lead:
        added = sample_log.leads.add(Lead(crm_id=crm_id, source="Offsets", created_at=created))
        if shown is not None:
            expected[crm_id] = shown
        return added

    for n, zone in enumerate(zones):
        lead(f"NEW{n}", (start + half_hour).astimezone(zone), False)
        lead(f"WAITING{n}", (start - half_hour).astimezone(zone), True)
        lead(f"TOO-OLD{n}", (since - half_hour).astimezone(zone), None)
        for name, given, shown in (("WORKED-SINCE", ended + half_hour, True), ("WORKED-BEFORE", ended - half_hour, None)):
            worked = lead(f"{name}{n}", start - timedelta(days=1), shown)
            sample_log.leads.give_feedback(LeadFeedback(lead_id=worked.id, verdict=Verdict.NURTURE,
                                                        given_at=given.astimezone(zone)))

    rows = leadreview.leads_for_review(sample_log, meeting)
    assert {row.lead.crm_id: row.carried for row in rows if row.lead.source == "Offsets"} == expected
    tally = {t.source: t.delivered for t in leadreview.tally_by_source(sample_log, meeting)}
    assert tally["Offsets"] == sum(not carried for carried in expected.values())
    assert home_overview(sample_log).leads_awaiting_verdict == sum(row.verdict is None for row in rows)


def test_a_verdict_in_the_meeting_is_given_by_the_leads_owner_when_they_are_on_the_team(runner, sample_log):
    meeting = runner.meeting
    rows = [row for row in leadreview.leads_for_review(sample_log, meeting) if row.verdict is None]
    owned = next(row.lead for row in rows if sample_log.people.by_handle(row.lead.owner))
    feedback = leadreview.give_verdict(sample_log, owned.id, Verdict.ACCEPTED, meeting)
    assert feedback.given_by == sample_log.people.by_handle(owned.owner).id
    assert sample_log.leads.history(owned.id)[-1]["given_by"] == sample_log.people.by_handle(owned.owner).name

    other = next(row.lead for row in rows if row.lead.id != owned.id)  # an owner by full name, any case
    person = sample_log.people.team()[0]
    sample_log.update("leads", other.id, {"owner": person.name.upper()})
    assert leadreview.give_verdict(sample_log, other.id, Verdict.NURTURE, meeting).given_by == person.id
    sample_log.update("leads", other.id, {"owner": "someone at the CRM"})  # not on the team: nobody named
    assert leadreview.give_verdict(sample_log, other.id, Verdict.NURTURE, meeting).given_by is None

    # marked absent: someone else in the room gave the verdict, so it is not credited to the owner
    sample_log.people.set_attendance(meeting.id, person.id, False)
    sample_log.update("leads", other.id, {"owner": person.handle})
    assert leadreview.give_verdict(sample_log, other.id, Verdict.ACCEPTED, meeting).given_by is None


def test_minutes_count_each_lead_once_at_the_verdict_it_left_the_meeting_with(runner, sample_log):
    """A verdict corrected in the meeting (converted, then accepted) was counted under both: the
    minutes' table said 7 verdicts for 6 leads and a conversion that never happened."""
    meeting = runner.meeting
    waiting = [row.lead for row in leadreview.leads_for_review(sample_log, meeting) if row.verdict is None][:3]
    corrected, rejected, nurtured = waiting
    leadreview.give_verdict(sample_log, corrected.id, Verdict.CONVERTED, meeting)
    leadreview.give_verdict(sample_log, corrected.id, Verdict.ACCEPTED, meeting)
    leadreview.give_verdict(sample_log, rejected.id, Verdict.REJECTED, meeting, reason="no budget")
    leadreview.give_verdict(sample_log, nurtured.id, Verdict.NURTURE, meeting)
    leadreview.give_verdict(sample_log, nurtured.id, Verdict.NURTURE, meeting)  # the same again: no change
    runner.end()
    expected: dict[str, dict[str, int]] = {}
    for lead in waiting:
        final = sample_log.leads.get(lead.id).verdict
        counts = expected.setdefault(lead.source or "(no source)", {})
        counts[final.value] = counts.get(final.value, 0) + 1
    minutes = render_minutes(sample_log, sample_log.meetings.get(meeting.id))
    table = minutes.split("## Lead feedback given", 1)[1].split("\n## ", 1)[0]
    header, *rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("|---")]
    names = [cell.strip() for cell in header.strip("|").split("|")][1:]
    shown = {cells[0]: {name: int(n) for name, n in zip(names, cells[1:], strict=True) if int(n)}
             for cells in ([cell.strip() for cell in row.strip("|").split("|")] for row in rows)}
    assert shown == expected
    assert "1 lead was given another verdict in the meeting" in table
    record = minutes_record(sample_log, sample_log.meetings.get(meeting.id))
    assert sum(row["count"] for row in record["verdicts"]) == len(waiting)
    assert record["verdicts_changed"] == 1


def test_minutes_say_which_items_were_snoozed_or_reopened_in_the_meeting(runner, sample_log, clock):
    """The minutes listed items done, dropped and carried, and said nothing of an item snoozed or
    reopened in the meeting: a team lead reading them could not tell where those went."""
    from smarkmeet.store.actions import ActionFilter

    meeting = runner.meeting
    today = clock.today()
    open_items = [row for row in review.items_for_review(sample_log, meeting) if row.status is ActionStatus.OPEN]
    done = next(row for row in sample_log.actions.list(ActionFilter(status=None))
                if row.status is ActionStatus.DONE and row.closed_in_meeting_id != meeting.id)
    snoozed, wake = open_items[0], today + timedelta(days=10)
    corrected = open_items[1]  # marked done by mistake and put back: never closed, so not "reopened"
    review.snooze(sample_log, snoozed.id, wake, meeting)
    review.reopen(sample_log, done.id, meeting)
    review.mark_done(sample_log, corrected.id, meeting)
    review.reopen(sample_log, corrected.id, meeting)
    closed_here = open_items[2]
    review.mark_done(sample_log, closed_here.id, meeting)
    created = wrapup.add_from_line(sample_log, meeting, "Send the handbook link @sam due:fri").item
    runner.end()
    ended = sample_log.meetings.get(meeting.id)
    minutes, record = render_minutes(sample_log, ended), minutes_record(sample_log, ended)
    # what happens to the items after the meeting does not rewrite its minutes or its JSON
    items.set_status(sample_log, done.id, ActionStatus.DONE)
    items.set_status(sample_log, closed_here.id, ActionStatus.OPEN)
    items.set_snooze(sample_log, snoozed.id, wake + timedelta(days=30))
    for item in (created.id, corrected.id):  # a new item, and one carried at the end
        items.set_due(sample_log, item, today + timedelta(days=40))
        items.reassign(sample_log, item, "leo")
    assert render_minutes(sample_log, ended) == minutes
    assert minutes_record(sample_log, ended) == record
    assert f"Done: {closed_here.title}" in minutes and "Send the handbook link | Sam Ortega |" in minutes
    part = minutes.split("## Action items reviewed", 1)[1].split("\n## ", 1)[0]
    assert corrected.title not in part.split("- Carried", 1)[0]
    assert f"- Snoozed to {wake.isoformat()}: {snoozed.title} ({snoozed.owner_name})" in part  # as "due" dates
    assert f"- Reopened: {done.title} ({done.owner_name})" in part
    reviewed = minutes_record(sample_log, ended)["action_items_reviewed"]
    outcomes = [(row["outcome"], row["id"]) for row in reviewed]
    assert [row["snoozed_to"] for row in reviewed if row["outcome"] == "snoozed"] == [wake.isoformat()]
    assert ("snoozed", snoozed.id) in outcomes and ("carried", snoozed.id) not in outcomes
    assert ("reopened", done.id) in outcomes  # and carried at the end, as every open item not closed
    assert [outcome for outcome, _ in outcomes].count("reopened") == 1


def test_a_verdict_imported_with_no_date_has_no_wait_in_the_review(runner, sample_log, clock, tmp_path):
    """The review said "in 35d" for a verdict the CRM export gave no date: the time was the
    import's, not the verdict's (the lead reports already count such a wait as unknown)."""
    from smarkmeet.services.crmmapping import preset
    from smarkmeet.services.leadimport import import_leads

    meeting = runner.meeting
    delivered = clock.now() - timedelta(days=2)
    export = tmp_path / "crm.csv"
    export.write_text("crm_id,name,source,created_at,status\n"
                      f"IMP-1,Ines Import,Webinar,{delivered:%Y-%m-%d %H:%M},accepted\n"
                      f"IMP-2,Otto Open,Webinar,{delivered:%Y-%m-%d %H:%M},\n", encoding="utf-8")
    clock.advance(days=1)  # imported a day after delivery: a "wait" of one day would be the import's
    import_leads(sample_log, export, preset("generic"))
    rows = {row.lead.crm_id: row for row in leadreview.leads_for_review(sample_log, meeting)}
    imported, waiting = rows["IMP-1"], rows["IMP-2"]
    assert imported.verdict is Verdict.ACCEPTED and imported.hours_waiting is None and not imported.past_sla
    since = (clock.now() - waiting.lead.created_at).total_seconds() / 3600
    assert waiting.verdict is None and waiting.hours_waiting == pytest.approx(since) and since > 24


def test_the_minutes_total_says_how_far_over_the_meeting_ran(sample_log):
    """The Total row's Over was always blank: 54:08 against 50:00 said nothing."""
    ran_over = 0
    for row in sample_log.rows("SELECT id FROM meetings WHERE status = 'ended'"):
        meeting = sample_log.meetings.get(row["id"])
        sections = sample_log.meetings.sections(meeting.id)
        spent, planned = sum(s.seconds_spent for s in sections), sum(s.timebox_minutes for s in sections) * 60
        total = next(line for line in render_minutes(sample_log, meeting).splitlines() if line.startswith("| **Total**"))
        over = total.strip("|").split("|")[-1].strip()
        if spent > planned:
            minutes, seconds = divmod(spent - planned, 60)
            assert over == f"+{minutes}:{seconds:02d}", total
            ran_over += 1
        else:
            assert over == "", total
    assert ran_over  # the demo has meetings that ran over


def test_only_items_due_by_the_meeting_are_carried_by_default(sample_log, runner, clock):
    """Every open item was carried at the end of every meeting, also one due months later: it
    read "carried 12×" among what keeps slipping without ever having slipped."""
    from smarkmeet.domain.models import ActionItem

    meeting = runner.meeting
    earlier = sample_log.meetings.last_ended()
    day = meeting.scheduled_for
    made = {}
    for name, due in (("overdue", day - timedelta(days=3)), ("due today", day), ("no date", None),
                      ("due in March", day + timedelta(days=100))):
        made[name] = sample_log.actions.add(ActionItem(title=name, due_date=due, origin_meeting_id=earlier.id,
                                                       created_at=clock.now() - timedelta(days=7)))
    due, not_yet = review.untouched_open_items(sample_log, meeting)  # what the End question counts
    assert "due in March" in {row.title for row in not_yet} and all(row.due_date > meeting.scheduled_for for row in not_yet)
    assert {"overdue", "due today", "no date"} <= {row.title for row in due}
    runner.end()
    counts = {name: sample_log.actions.get(item.id).carry_count for name, item in made.items()}
    assert counts == {"overdue": 1, "due today": 1, "no date": 1, "due in March": 0}
    assert sample_log.actions.get(made["due in March"].id).status.value == "open"


def test_an_item_added_and_dropped_in_the_same_meeting_is_in_neither_list_of_its_minutes(sample_log, runner, clock):
    """A mistyped item dropped in the wrap-up read both as a new item and as dropped."""
    import json as json_

    from smarkmeet.domain.enums import ActionStatus
    from smarkmeet.services import actions as items
    from smarkmeet.services.export import render_minutes_json

    meeting = runner.meeting
    sample_log.active_meeting_id = meeting.id
    kept = wrapup.add_from_line(sample_log, meeting, "Book the venue @sam due:fri").item
    typo = wrapup.add_from_line(sample_log, meeting, "Old thing @sam due:fri").item
    done_here = wrapup.add_from_line(sample_log, meeting, "Send the deck @sam due:fri").item
    items.set_status(sample_log, typo.id, ActionStatus.DROPPED)
    items.set_status(sample_log, done_here.id, ActionStatus.DONE)
    runner.end()
    ended = sample_log.meetings.get(meeting.id)
    minutes = render_minutes(sample_log, ended)
    assert "Book the venue" in minutes and "Send the deck" in minutes and "Old thing" not in minutes
    # added and done in it: a new item that says it is done, not one that reads as still to do
    new = minutes.split("## New action items", 1)[1].split("\n## ", 1)[0]
    assert "| Send the deck — *done in the meeting* |" in new and "| Book the venue |" in new
    assert "Send the deck" not in minutes.split("## New action items", 1)[0]  # not listed twice
    record = json_.loads(render_minutes_json(sample_log, ended))
    assert {r["title"] for r in record["action_items_created"]} == {"Book the venue", "Send the deck"}
    assert "Old thing" not in json_.dumps(record["action_items_reviewed"])
    assert sample_log.actions.get(kept.id).status is ActionStatus.OPEN


def test_a_meeting_started_without_a_plan_has_the_last_ones_facilitator(sample_log, clock):
    """A meeting started for a day with none planned had no facilitator: its minutes named none."""
    from smarkmeet.domain.agenda import WEEKLY
    from smarkmeet.services.meeting import plan_meeting

    last = sample_log.meetings.last_ended(kind="weekly")
    assert last.facilitator_id is not None
    started = plan_meeting(sample_log, WEEKLY, clock.today() + timedelta(days=1))
    assert started.facilitator_id == last.facilitator_id


def test_minutes_list_guests_as_guests(runner, sample_log):
    """A guest came out as "Other: Alex Papas", the team's word for a member of neither side."""
    meeting = runner.meeting
    member = sample_log.people.team()[0]
    attendance.set_present(sample_log, meeting, member.id, True)
    guest = attendance.add_guest(sample_log, meeting, "Alex Papas")
    visitor = attendance.add_guest(sample_log, meeting, "Vic Sales-Director", side=Side.SALES)
    attendance_part = render_minutes(sample_log, sample_log.meetings.get(meeting.id)
                                     ).split("## Attendance", 1)[1].split("##", 1)[0]
    assert f"- Guests: {guest.name}, {visitor.name}" in attendance_part, attendance_part
    assert "- Other:" not in attendance_part
    assert f"- {member.side.label}: {member.name}" in attendance_part


def test_a_verdict_is_taken_back_only_while_it_is_the_leads_latest(runner, sample_log):
    meeting = runner.meeting
    lead_id = sample_log.one("SELECT id FROM leads WHERE verdict IS NULL AND stage = 'mql' LIMIT 1")["id"]
    before = sample_log.one("SELECT * FROM leads WHERE id = ?", [lead_id])
    first = leadreview.give_verdict_undoably(sample_log, lead_id, Verdict.ACCEPTED, meeting)
    assert sample_log.one("SELECT stage FROM leads WHERE id = ?", [lead_id])["stage"] == "sal"  # raised by it
    leadreview.give_verdict(sample_log, lead_id, Verdict.REJECTED, meeting, reason="no budget")
    after = sample_log.one("SELECT * FROM leads WHERE id = ?", [lead_id])
    assert leadreview.take_back(sample_log, first) is False  # another came since: nothing is touched
    assert sample_log.one("SELECT * FROM leads WHERE id = ?", [lead_id]) == after
    last = leadreview.give_verdict_undoably(sample_log, lead_id, Verdict.NURTURE, meeting)
    assert leadreview.take_back(sample_log, last) is True
    assert sample_log.one("SELECT * FROM leads WHERE id = ?", [lead_id]) == after
    assert leadreview.take_back(sample_log, last) is False  # gone already
    verdicts = [row["verdict"] for row in sample_log.rows(
        "SELECT verdict FROM lead_feedback WHERE lead_id = ? ORDER BY rowid", [lead_id])]
    assert verdicts == ["accepted", "rejected"] and before["stage"] == "mql"


def test_taking_a_verdict_back_leaves_what_changed_on_the_lead_since(runner, sample_log):
    """An import can move a lead's stage without a verdict of its own: ctrl+z put back the stage
    from before the verdict over it."""
    meeting = runner.meeting
    lead_id = sample_log.one("SELECT id FROM leads WHERE verdict IS NULL AND stage = 'mql' LIMIT 1")["id"]
    given = leadreview.give_verdict_undoably(sample_log, lead_id, Verdict.ACCEPTED, meeting)
    sample_log.update("leads", lead_id, {"stage": "opportunity"})  # the CRM moved it on meanwhile
    assert leadreview.take_back(sample_log, given) is True
    lead = sample_log.one("SELECT verdict, stage, first_verdict_at FROM leads WHERE id = ?", [lead_id])
    assert lead == {"verdict": None, "stage": "opportunity", "first_verdict_at": None}


def test_a_verdicts_comment_is_held_to_what_the_log_can_read_back(runner, sample_log):
    from smarkmeet.domain.errors import RefusedInWords

    lead_id = sample_log.one("SELECT id FROM leads WHERE verdict IS NULL LIMIT 1")["id"]
    leadreview.give_verdict(sample_log, lead_id, Verdict.NURTURE, runner.meeting)
    with pytest.raises(RefusedInWords, match="at most 20,000 characters"):
        leadreview.comment_on_verdict(sample_log, runner.meeting, lead_id, "x" * 25_000)
    assert leadreview.comment_on_verdict(sample_log, runner.meeting, lead_id, "ok   then") is True
    assert [f.comment for f in sample_log.leads.feedback(lead_id)][-1] == "ok then"  # reads back as a model


def test_a_second_meeting_the_same_day_does_not_carry_an_item_again(runner, sample_log, clock):
    """A dry run and then the real meeting: each end carried every open item due by then, so
    "Review pricing-page leads" went 2× → 3× → 4× in one afternoon and joined what keeps slipping."""
    first = runner.meeting
    due, _ = review.untouched_open_items(sample_log, first)
    counts = {row.id: row.carry_count for row in due}
    assert counts
    picked = due[0].id
    runner.end()
    assert {i: sample_log.actions.get(i).carry_count for i in counts} == {i: n + 1 for i, n in counts.items()}
    clock.advance(minutes=10)
    second = plan_meeting(sample_log, WEEKLY, first.scheduled_for)
    again = MeetingRunner(sample_log, second.id)
    again.start()
    assert review.untouched_open_items(sample_log, second)[0] == []  # the end question counts none
    assert review.carried_earlier_today(sample_log, second) == len(counts)  # and says why
    review.carry(sample_log, picked, clock.today() + timedelta(days=7), second)  # moved on purpose: its own carry
    again.end()
    assert {i: sample_log.actions.get(i).carry_count for i in counts} == {i: n + 1 for i, n in counts.items()}
    assert sample_log.actions.carry_in(picked, second.id).new_due == clock.today() + timedelta(days=7)


def test_a_goals_actual_corrected_in_a_later_meeting_leaves_the_first_meetings_record_as_it_was(runner, sample_log, clock):
    """A period's check-in is one row: meeting 2 correcting MQLs from 19 to 21 took it over,
    and meeting 1's minutes, rendered again from the log, lost their MQL row, while the file
    written when it ended still had it: two sets of minutes for one meeting."""
    import json as json_

    from smarkmeet.services.export import render_minutes_json
    from smarkmeet.domain.periods import period_start

    first = runner.meeting
    goals = sample_log.goals.active()[:2]
    for goal, actual in zip(goals, (19, 7), strict=True):
        sample_log.goals.check_in(goal, period_start(goal.period, first.scheduled_for), actual, meeting_id=first.id)
    runner.end()
    as_left = render_minutes(sample_log, sample_log.meetings.get(first.id))
    record = json_.loads(render_minutes_json(sample_log, sample_log.meetings.get(first.id)))["goals"]
    assert [(g["goal"], g["actual"]) for g in record] == [(goals[0].name, 19), (goals[1].name, 7)]

    clock.advance(minutes=20)
    second = plan_meeting(sample_log, WEEKLY, first.scheduled_for)
    MeetingRunner(sample_log, second.id).start()
    sample_log.goals.check_in(goals[0], period_start(goals[0].period, second.scheduled_for), 21, meeting_id=second.id)

    assert render_minutes(sample_log, sample_log.meetings.get(first.id)) == as_left
    assert json_.loads(render_minutes_json(sample_log, sample_log.meetings.get(first.id)))["goals"] == record
    assert [(row["name"], row["actual"]) for row in sample_log.goals.checkins_in(second.id)] == [(goals[0].name, 21)]


def test_two_meetings_the_same_day_are_listed_newest_first_everywhere_and_told_apart(runner, sample_log, clock):
    """The history listed a day's dry run above the real meeting and the home screen the
    other way round; the palette's search said "weekly · 2026-11-23 · in_progress" for both."""
    from smarkmeet.services.search import search

    first = runner.meeting
    runner.end()
    clock.advance(minutes=45)
    second = plan_meeting(sample_log, WEEKLY, first.scheduled_for, title="Weekly smarketing meeting")
    MeetingRunner(sample_log, second.id).start()
    assert [m.id for m in sample_log.meetings.history()[:2]] == [second.id, first.id]
    MeetingRunner(sample_log, second.id).end()
    assert [m.id for m in sample_log.meetings.recent(2)] == [second.id, first.id]
    assert [m.id for m in sample_log.meetings.history()[:2]] == [second.id, first.id]
    contexts = {hit.target: hit.context for hit in search(sample_log, "Weekly smarketing", per_kind=50).hits
                if hit.kind == "meeting"}
    said = (contexts[first.id], contexts[second.id])
    assert said[0] != said[1] and not any("_" in context for context in said), said


def test_the_minutes_say_why_leads_were_rejected_and_what_was_said_with_the_verdicts(runner, sample_log):
    """The minutes gave the verdicts as counts by source only: why leads were turned down, and
    what sales said of them (the closed loop's point), were left in the log."""
    import json as json_

    from smarkmeet.services.export import render_minutes_json
    from smarkmeet.services.leadreview import describe_verdict

    meeting = runner.meeting
    waiting = [row.lead for row in leadreview.leads_for_review(sample_log, meeting) if row.verdict is None][:4]
    reasons = sample_log.setting("rejection_reasons")
    given = [(waiting[0], Verdict.REJECTED, reasons[1], "Budget frozen until Q2"),
             (waiting[1], Verdict.REJECTED, reasons[1], ""),
             (waiting[2], Verdict.REJECTED, reasons[0], ""),
             (waiting[3], Verdict.ACCEPTED, "", "Asked for a demo *today*")]
    for lead, verdict, reason, comment in given:
        leadreview.give_verdict(sample_log, lead.id, verdict, meeting, reason=reason, comment=comment)
    runner.end()
    ended = sample_log.meetings.get(meeting.id)
    minutes = render_minutes(sample_log, ended)
    assert f"Rejected for: {reasons[1]} 2 · {reasons[0]} 1" in minutes
    first, last = given[0][0], given[3][0]
    assert f"- {first.name} ({first.company}), rejected: {reasons[1]} — “Budget frozen until Q2”" in minutes
    assert f"- {last.name} ({last.company}), accepted — “Asked for a demo \\*today\\*”" in minutes  # Markdown inert
    record = json_.loads(render_minutes_json(sample_log, ended))["lead_verdicts"]
    assert sorted((r["crm_id"], r["verdict"], r["reason"], r["comment"]) for r in record) == sorted(
        (lead.crm_id, verdict.value, reason, comment) for lead, verdict, reason, comment in given)
    history = sample_log.leads.history(first.id)
    assert describe_verdict(history[-1]).count("“Budget frozen until Q2”") == 1  # `leads show` and h say it too


def test_before_the_first_meeting_home_counts_the_leads_the_review_will_list(log, clock):
    """With no meeting yet, home counted every lead ever delivered without a verdict (2,516 after
    a CRM history import) while the first review listed the last week's and the carried weeks'
    (2,211). And the verdicts the import recorded with no date of their own were listed first,
    as carried leads worked since: 6,464 rows before the first lead to judge."""
    from smarkmeet.domain.enums import FeedbackVia
    from smarkmeet.domain.models import Lead, LeadFeedback
    from smarkmeet.services.home import home_overview

    now = clock.now()
    made = {}
    for name, age in (("this week", 3), ("carried", 20), ("too old", 90), ("imported verdict", 20),
                      ("worked since", 20)):
        made[name] = log.leads.add(Lead(crm_id=name, source="CRM", created_at=now - timedelta(days=age)))
    log.leads.give_feedback(LeadFeedback(lead_id=made["imported verdict"].id, verdict=Verdict.ACCEPTED, given_at=now,
                                         via=FeedbackVia.IMPORT, timed=False))
    log.leads.give_feedback(LeadFeedback(lead_id=made["worked since"].id, verdict=Verdict.NURTURE,
                                         given_at=now - timedelta(days=2), via=FeedbackVia.IMPORT, timed=True))
    meeting = plan_meeting(log, WEEKLY, clock.today())
    MeetingRunner(log, meeting.id).start()
    listed = {row.lead.crm_id: row.verdict for row in leadreview.leads_for_review(log, meeting)}
    assert listed == {"this week": None, "carried": None, "worked since": Verdict.NURTURE}
    assert home_overview(log).leads_awaiting_verdict == sum(v is None for v in listed.values()) == 2


def test_between_meetings_a_verdict_from_the_weeks_crm_export_is_news(runner, sample_log, clock):
    """The week's CRM export brings sales' verdicts in, dated the import when the CRM gives no
    date: a carried lead given one so is listed, with it (only the first review leaves such
    verdicts out, see above)."""
    from smarkmeet.domain.enums import FeedbackVia
    from smarkmeet.domain.models import LeadFeedback

    meeting = runner.meeting
    lead = next(row.lead for row in leadreview.leads_for_review(sample_log, meeting)
                if row.carried and row.verdict is None)
    sample_log.leads.give_feedback(LeadFeedback(lead_id=lead.id, verdict=Verdict.ACCEPTED, given_at=clock.now(),
                                                via=FeedbackVia.IMPORT, timed=False))
    listed = {row.lead.id: row.verdict for row in leadreview.leads_for_review(sample_log, meeting)}
    assert listed[lead.id] is Verdict.ACCEPTED


def test_a_quick_add_owner_typed_with_the_whole_name_leaves_the_title_alone(runner, sample_log):
    """`Order booth swag @Mei Chen due:tomorrow` saved "Order booth swag Chen", owned by Mei."""
    meeting = runner.meeting
    sample_log.active_meeting_id = meeting.id
    mei = sample_log.people.by_handle("mei")
    for line, title in (("Order booth swag @Mei Chen due:tomorrow", "Order booth swag"),
                        ("Email @mei chen about the brief", "Email about the brief"),
                        ("Email @mei about Chen's brief", "Email about Chen's brief"),  # not her name: the title's
                        ("Chen @mei", "Chen")):
        item = wrapup.add_from_line(sample_log, meeting, line).item
        assert (item.title, item.owner_id) == (title, mei.id), line


def test_a_quick_add_owner_typed_with_accents_is_found(runner, sample_log):
    """`Make phone required @Zoë due:fri` was refused ("@Zoë is not a handle"): the person is
    Zoë Müller, handle zoe. `@Tomás` is the demo's Tomás Ruiz (@tomas)."""
    from smarkmeet.domain.enums import Side
    from smarkmeet.services.team import add_member

    meeting = runner.meeting
    sample_log.active_meeting_id = meeting.id
    zoe = add_member(sample_log, name="Zoë Müller", side=Side.MARKETING)
    assert zoe.handle == "zoe"
    for line, person in (("Make phone required @Zoë due:fri", zoe), ("Call back @Zoë Müller", zoe),
                         ("Call back @Tomás", sample_log.people.by_handle("tomas"))):
        outcome = wrapup.add_from_line(sample_log, meeting, line)
        assert not outcome.problems and outcome.item is not None, (line, outcome)
        assert outcome.item.owner_id == person.id and "@" not in outcome.item.title, line


def test_a_note_raised_in_this_meeting_can_be_put_right_and_no_other(runner, sample_log):
    """Its direction and words change together (both sides, as a new note's), recorded in
    `changes`; an empty observation is refused with nothing written; a note of an earlier
    meeting stays as that meeting's minutes have it."""
    from smarkmeet.domain.errors import RefusedInWords

    meeting = runner.meeting
    note = criticism.add_note(sample_log, meeting, from_side=Side.SALES, observation="Lists arive late")
    edited = criticism.edit_note(sample_log, note, meeting, from_side=Side.MARKETING,
                                 observation="Lists arrive late", request="Send them by Friday")
    assert sample_log.notes.get(note.id) == edited
    assert (edited.from_side, edited.to_side, edited.constructive) == (Side.MARKETING, Side.SALES, True)
    entry = sample_log.changes(table="criticism_notes", row_id=note.id)[-1]
    assert entry["action"] == "update" and entry["meeting_id"] == meeting.id
    with pytest.raises(ValidationError):
        criticism.edit_note(sample_log, edited, meeting, from_side=Side.SALES, observation="  ")
    assert sample_log.notes.get(note.id) == edited
    with pytest.raises(RefusedInWords, match="changed meanwhile"):  # loaded before the change above
        criticism.edit_note(sample_log, note, meeting, from_side=Side.SALES, observation="Lists arive late")
    assert sample_log.notes.get(note.id) == edited
    earlier = next(n for n in sample_log.notes.open_notes() if n.meeting_id != meeting.id)
    with pytest.raises(RefusedInWords, match="earlier meeting"):
        criticism.edit_note(sample_log, earlier, meeting, from_side=earlier.from_side, observation="rewritten")
    assert sample_log.notes.get(earlier.id) == earlier


def test_the_minutes_say_which_items_were_given_to_someone_else(runner, sample_log):
    """An item moved from Mei to Priya in the meeting appeared in the minutes only as carried,
    under Priya: that it changed hands was in no record. One given back to its owner, or one the
    meeting added (put right in the wrap-up), is not a reassignment."""
    meeting = runner.meeting
    earlier = [row for row in review.items_for_review(sample_log, meeting) if row.owner_id][:2]
    moved, back = earlier
    before = sample_log.people.get(moved.owner_id)
    other = next(p for p in sample_log.people.team() if p.id not in (moved.owner_id, back.owner_id))
    items.reassign(sample_log, moved.id, other.handle)
    items.reassign(sample_log, back.id, other.handle)
    items.reassign(sample_log, back.id, sample_log.people.get(back.owner_id).handle)  # given back
    added = wrapup.add_from_line(sample_log, meeting, f"Book the venue @{before.handle} due:fri").item
    assert added is not None
    items.reassign(sample_log, added.id, other.handle)
    listed = sample_log.actions.reviewed_in(meeting.id).reassigned
    assert [(row.id, row.owner_name, was) for row, was in listed] == [(moved.id, other.name, before.name)]
    minutes = render_minutes(sample_log, sample_log.meetings.get(meeting.id))
    assert f"- Reassigned: {moved.title} ({before.name} → {other.name})" in minutes
    record = minutes_record(sample_log, sample_log.meetings.get(meeting.id))
    assert [(entry["id"], entry["owner_before"]) for entry in record["action_items_reassigned"]] == [
        (moved.id, before.name)]


def test_the_minutes_count_of_unworked_leads_starts_where_the_review_did(sample_log, clock):
    """After a back-dated meeting the minutes reckoned the review from another meeting than the
    review itself had (by start rather than by date, as the review does)."""
    change(sample_log, "lead_carry_weeks", "0")  # the window alone: no carried weeks to hide a gap
    back_dated = plan_meeting(sample_log, WEEKLY, clock.today() - timedelta(days=20))  # before the last one
    earlier = MeetingRunner(sample_log, back_dated.id)
    earlier.start()
    clock.advance(minutes=30)
    earlier.end()
    clock.advance(minutes=5)
    meeting = plan_meeting(sample_log, WEEKLY, clock.today())
    runner = MeetingRunner(sample_log, meeting.id)
    runner.start()
    start, _ = leadreview.review_window(sample_log, runner.meeting)
    listed = [row for row in leadreview.leads_for_review(sample_log, runner.meeting) if row.verdict is None]
    clock.advance(minutes=20)
    runner.end()
    left = leadreview.left_waiting(sample_log, sample_log.meetings.get(meeting.id))
    assert left.since == start and left.count == len(listed)


def test_an_item_closed_elsewhere_during_the_meeting_is_shown_closed_in_its_minutes(sample_db, clock):
    """Marked done on the command line (another process) while the meeting ran, after its last
    change to an item: its record showed the item as carried and still open."""
    from smarkmeet.store.log import open_log

    log, elsewhere = open_log(sample_db, clock), open_log(sample_db, clock)
    meeting = log.meetings.next_planned()
    runner = MeetingRunner(log, meeting.id)
    runner.start()
    listed = review.items_for_review(log, runner.meeting)
    for item in listed:  # every item carried here: the end carries nothing more
        review.carry(log, item.id, clock.today() + timedelta(days=7), runner.meeting)
    elsewhere.actions.update(listed[0].id, {"status": "done", "done_at": clock.now()})
    attendance.set_present(log, runner.meeting, log.people.team()[0].id, True)  # a later write of the meeting
    clock.advance(minutes=5)
    runner.end()
    carried = {row.id: row for row in log.actions.reviewed_in(meeting.id).carried}
    assert carried[listed[0].id].status is ActionStatus.DONE  # as the meeting left it: done meanwhile
    log.close()
    elsewhere.close()


def test_the_end_question_accounts_for_every_item_from_earlier_meetings(sample_log, runner, clock):
    """"7 open item(s) from earlier meetings, due by now, carry to the next one; 4 not due yet
    stay open" left out those closed and carried here: its figures did not add up to the review's
    list. Each item of the review is now in exactly one of its counts."""
    import re

    meeting = runner.meeting
    listed = review.items_for_review(sample_log, meeting)
    open_ = [row for row in listed if row.status is ActionStatus.OPEN]
    assert len(open_) >= 5
    before = review.end_question(sample_log, meeting)
    assert "closed here" not in before and "carried here" not in before
    review.mark_done(sample_log, open_[0].id, meeting)
    review.drop(sample_log, open_[1].id, meeting)
    review.carry(sample_log, open_[2].id, clock.today() + timedelta(days=7), meeting)
    review.snooze(sample_log, open_[3].id, clock.today() + timedelta(days=3), meeting)  # hidden from the list now
    said = review.end_question(sample_log, meeting)
    total = int(re.match(r"Of the (\d+) items? from earlier meetings", said).group(1))
    assert total == len(review.items_for_review(sample_log, meeting)) + 1 == len(listed), said
    assert "2 were closed here" in said and "1 was carried here" in said, said
    assert f"1 was snoozed here (until {clock.today() + timedelta(days=3):%a %d %b})" in said, said
    figures = [int(part.split()[0]) for part in said.split(":", 1)[1].rstrip(".").split("; ")]
    assert sum(figures) == total, said


def test_a_quick_add_line_with_a_two_word_date_unquoted_adds_the_item(sample_log, runner, clock):
    """"Book the venue @sam due:next week" was refused until the date was quoted."""
    outcome = wrapup.add_from_line(sample_log, runner.meeting, "Book the venue @sam due:next week")
    assert outcome.item is not None, outcome
    assert outcome.item.title == "Book the venue"
    from smarkmeet.domain.dates import read_date

    assert outcome.item.due_date == read_date("next week", clock.today()).value


def test_the_minutes_tell_an_item_re_dated_here_from_one_carried_as_it_was(sample_log, runner, clock):
    """Both read "Carried (7×): … due 2026-12-14": an item given a new due date in the review and
    one the end carried with its date unchanged. The minutes say which."""
    meeting = runner.meeting
    runner.next_section()
    items = [row for row in review.items_for_review(sample_log, meeting) if row.status is ActionStatus.OPEN]
    moved, kept = items[0], next(row for row in items[1:] if row.due_date and row.due_date <= clock.today())
    new_due = clock.today() + timedelta(days=7)
    review.carry(sample_log, moved.id, new_due, meeting)
    runner.end()
    text = render_minutes(sample_log, sample_log.meetings.get(meeting.id))
    line = next(line for line in text.splitlines() if moved.title in line and line.startswith("- Carried"))
    assert f"due {new_due.isoformat()} (moved from {moved.due_date.isoformat()})" in line, line
    line = next(line for line in text.splitlines() if kept.title in line and line.startswith("- Carried"))
    assert f"still due {kept.due_date.isoformat()}" in line, line


def test_an_actual_put_back_in_a_meeting_is_not_in_its_minutes(sample_log, runner, clock):
    """ctrl+z on an actual typed over an earlier meeting's put that meeting's figure back, and the
    minutes' Goals table of this meeting then listed it as if entered here."""
    from smarkmeet.domain.periods import period_start

    meeting = runner.meeting
    goal = sample_log.goals.active()[0]
    day = period_start(goal.period, meeting.scheduled_for)
    earlier = sample_log.meetings.get(sample_log.one(
        "SELECT id FROM meetings WHERE status = 'ended' ORDER BY scheduled_for DESC LIMIT 1")["id"])
    sample_log.goals.check_in(goal, day, 19, meeting_id=earlier.id)
    before = sample_log.goals.checkin_for(goal.id, day)
    sample_log.goals.check_in(goal, day, 21, meeting_id=meeting.id)
    assert [row["actual"] for row in sample_log.goals.checkins_in(meeting.id)] == [21]
    assert sample_log.goals.put_back(sample_log.goals.checkin_for(goal.id, day), before, meeting_id=meeting.id)
    assert sample_log.goals.checkins_in(meeting.id) == []
    assert [row["actual"] for row in sample_log.goals.checkins_in(earlier.id) if row["name"] == goal.name] == [19]


def test_the_minutes_say_an_undated_item_carried_has_no_due_date(sample_log, runner, clock):
    """An open item with no due date, carried by the end, read "still due —"."""
    from smarkmeet.domain.models import ActionItem

    meeting = runner.meeting
    earlier = sample_log.one("SELECT id FROM meetings WHERE status = 'ended' ORDER BY scheduled_for DESC LIMIT 1")
    undated = sample_log.actions.add(ActionItem(title="Undated chore", origin_meeting_id=earlier["id"],
                                                created_at=clock.now()))
    runner.end()
    text = render_minutes(sample_log, sample_log.meetings.get(meeting.id))
    line = next(line for line in text.splitlines() if undated.title in line and line.startswith("- Carried"))
    assert line.endswith(", no due date"), line


def test_a_meeting_dated_ahead_counts_its_relative_dates_from_its_own_day(sample_log, clock):
    """Next Monday's meeting run today: `due:fri` gave this Friday, before the meeting (its item
    due before it was set); relative days count from the meeting's day. A meeting dated today or
    before counts from today."""
    from smarkmeet.domain.agenda import WEEKLY

    ahead = clock.today() + timedelta(days=7)
    meeting = plan_meeting(sample_log, WEEKLY, ahead, title="Next week's")
    friday = wrapup.add_from_line(sample_log, meeting, "Send the list @dana due:fri").item
    assert friday.due_date == ahead + timedelta(days=(4 - ahead.weekday()) % 7)
    assert wrapup.add_from_line(sample_log, meeting, "Book a room @dana due:+3d").item.due_date == \
        ahead + timedelta(days=3)
    assert wrapup.counting_day(meeting, clock.today()) == ahead
    today = sample_log.meetings.get(sample_log.meetings.next_planned().id)
    assert wrapup.counting_day(today, clock.today()) == clock.today() == today.scheduled_for
    assert wrapup.counting_day(today, clock.today() + timedelta(days=2)) == clock.today() + timedelta(days=2)


def test_the_managers_monthly_meeting_counts_those_checked_in_not_the_whole_team(sample_log, clock):
    """The demo's managers' meetings read "Present 4/9" on home and in the history, and their minutes
    named the five others "Not checked in": a monthly meeting is for those checked in. A weekly
    meeting still names everyone on the team left unmarked."""
    from smarkmeet.domain.agenda import MONTHLY
    from smarkmeet.store.overview import SUMMARY_SQL

    team = sample_log.people.team()
    for template in (MONTHLY, WEEKLY):
        meeting = plan_meeting(sample_log, template, clock.today())
        runner = MeetingRunner(sample_log, meeting.id)
        runner.start()
        for person in team[:3]:
            attendance.set_present(sample_log, meeting, person.id, True)
        attendance.set_present(sample_log, meeting, team[3].id, False)
        runner.end()
        ended = sample_log.meetings.get(meeting.id)
        unmarked = {p.id for p in attendance.not_checked_in(sample_log, ended)}
        summary = sample_log.one(SUMMARY_SQL + " WHERE m.id = ?", [meeting.id])
        rows = {row.person.id: row for row in attendance.attendance_rows(sample_log, ended)}
        assert all(rows[person.id].expected for person in team)  # not one of them "joined later"
        if template is MONTHLY:
            assert unmarked == set() and (summary["present"], summary["invited"]) == (3, 4)
            assert "Not checked in" not in render_minutes(sample_log, ended)
        else:
            assert unmarked == {p.id for p in team[4:]} and (summary["present"], summary["invited"]) == (3, len(team))


def test_a_member_made_a_guest_during_the_meeting_is_on_its_check_in_list_while_still_missed(sample_log, clock):
    """Someone on the team when the meeting started, made a guest on the team screen during it,
    was named "Not checked in" on ending but was gone from the check-in list, so could not be marked."""
    from smarkmeet.services.team import edit_member

    meeting = sample_log.meetings.next_planned()
    MeetingRunner(sample_log, meeting.id).start()
    clock.advance(minutes=5)
    person = sample_log.people.team()[0]
    edit_member(sample_log, person.id, {"guest": True})
    started = sample_log.meetings.get(meeting.id)
    assert person.id in {p.id for p in attendance.not_checked_in(sample_log, started)}
    rows = {row.person.id: row for row in attendance.attendance_rows(sample_log, started)}
    assert rows[person.id].present is None and rows[person.id].expected
    attendance.set_present(sample_log, started, person.id, True)
    assert person.id not in {p.id for p in attendance.not_checked_in(sample_log, started)}


def test_the_minutes_count_the_verdicts_given_between_meetings(sample_log, clock):
    """A rep's verdicts given in the lead list (or with `leads verdict`) since the last meeting
    appeared nowhere in the next meeting's minutes: only those given in the meeting were counted."""
    from smarkmeet.domain.enums import FeedbackVia
    from smarkmeet.services.export import minutes_record

    waiting = [row["id"] for row in sample_log.rows("SELECT id FROM leads WHERE verdict IS NULL LIMIT 3")]
    leadreview.give_verdict_between_meetings(sample_log, waiting[0], Verdict.ACCEPTED, via=FeedbackVia.APP)
    leadreview.give_verdict_between_meetings(sample_log, waiting[1], Verdict.NURTURE, via=FeedbackVia.CLI)
    leadreview.give_verdict_between_meetings(sample_log, waiting[2], Verdict.ACCEPTED, via=FeedbackVia.APP)
    clock.advance(minutes=5)
    meeting = sample_log.meetings.next_planned()
    runner = MeetingRunner(sample_log, meeting.id)
    runner.start()
    clock.advance(minutes=30)
    runner.end()
    ended = sample_log.meetings.get(meeting.id)
    previous = sample_log.meetings.last_ended(before_id=meeting.id, ended_by=ended.started_at)
    text = render_minutes(sample_log, ended)
    assert (f"Given between meetings since {previous.ended_at:%a %d %b} (in the lead list or with "
            "`smarkmeet leads verdict`): **3** — accepted 2, nurture 1.") in text, text
    record = minutes_record(sample_log, ended)["verdicts_between_meetings"]
    assert (record["count"], record["by_verdict"]) == (3, {"accepted": 2, "nurture": 1})


def test_minutes_list_people_on_the_side_they_were_on_at_the_meeting(runner, sample_log, clock):
    """Someone who moves to the other side later, or a guest who later joins the team, stays in a
    past meeting's minutes as they came to it: the minutes of a past meeting do not change."""
    from smarkmeet.services import team

    meeting = runner.meeting
    mover = next(p for p in sample_log.people.team() if p.side is Side.MARKETING)
    absent = next(p for p in sample_log.people.team() if p.side is Side.SALES)
    attendance.set_present(sample_log, meeting, mover.id, True)
    attendance.set_present(sample_log, meeting, absent.id, False)
    guest = attendance.add_guest(sample_log, meeting, "Alex Papas")
    runner.end()
    ended = sample_log.meetings.get(meeting.id)
    before_md, before_json = render_minutes(sample_log, ended), minutes_record(sample_log, ended)

    clock.advance(days=2)
    team.edit_member(sample_log, mover.id, {"side": Side.SALES})
    team.edit_member(sample_log, absent.id, {"side": Side.MARKETING})
    team.edit_member(sample_log, guest.id, {"guest": False, "side": Side.SALES})

    assert render_minutes(sample_log, ended) == before_md
    assert minutes_record(sample_log, ended) == before_json
    part = before_md.split("## Attendance", 1)[1].split("##", 1)[0]
    assert f"- Marketing: {mover.name}" in part and f"- Guests: {guest.name}" in part
    sides = {entry["name"]: (entry["side"], entry["guest"]) for entry in before_json["attendance"]}
    assert sides[mover.name] == ("marketing", False) and sides[absent.name] == ("sales", False)
    assert sides[guest.name][1] is True


def test_a_guest_who_joins_the_team_later_is_not_missed_at_the_meetings_before(runner, sample_log, clock):
    """Made a member after a meeting they did not come to, a guest was listed in its minutes as
    "Not checked in", as though on the team then."""
    from smarkmeet.services import team

    guest = team.add_member(sample_log, name="Alex Papas", side=Side.OTHER, guest=True)
    meeting = runner.meeting
    attendance.set_present(sample_log, meeting, sample_log.people.team()[0].id, True)
    runner.end()
    ended = sample_log.meetings.get(meeting.id)
    before_md, before_json = render_minutes(sample_log, ended), minutes_record(sample_log, ended)
    invited = sample_log.meetings.summary(meeting.id).invited  # "present 1/9" on home and in the history
    assert guest.name not in before_md
    clock.advance(days=2)
    team.edit_member(sample_log, guest.id, {"guest": False, "side": Side.SALES})
    assert render_minutes(sample_log, ended) == before_md
    assert minutes_record(sample_log, ended) == before_json
    assert sample_log.meetings.summary(meeting.id).invited == invited  # not "1/10" since


@pytest.mark.parametrize("line, maybe", [
    ("Update pricing page @lena park due:fri", "Lena Park"),
    ("Send the deck @lena to marketing", None),  # a title's word, not a surname
    ("Call back @lena friday", None),  # a day
    ("Call back @lena tomorrow", None),
    ("Copy the deck @lena.park copy", None),  # the handle holds the surname already
    ("Book venue @Kwame Mensah", None),  # capitalised: offered first, as unknown_name
])
def test_a_word_in_lower_case_after_someone_new_may_be_their_surname(runner, sample_log, line, maybe):
    outcome = wrapup.add_from_line(sample_log, runner.meeting, line)
    assert outcome.unknown_owner and outcome.maybe_name == maybe


def test_the_minutes_name_a_notes_action_item_with_its_owner_then(runner, sample_log, clock):
    """An item a note was turned into, given to someone else after the meeting, was written into
    its minutes under the new owner ("Action item: … (Ann Lee)"), while the same minutes' new
    items still named the owner it had."""
    from smarkmeet.services import actions as items

    meeting = runner.meeting
    sample_log.active_meeting_id = meeting.id
    raised = criticism.add_note(sample_log, meeting, from_side=Side.SALES, observation="Leads arrive without phones",
                                request="Require the phone field")
    earlier = next(note for note in sample_log.rows("SELECT id, observation, meeting_id FROM criticism_notes "
                                                     "WHERE status = 'open' AND action_item_id IS NULL")
                   if note["meeting_id"] != meeting.id)
    first, second = sample_log.people.team()[:2]
    acted = criticism.note_to_action(sample_log, earlier["id"], meeting, title="Fix the intake form",
                                     owner_id=first.id, due=clock.today() + timedelta(days=3))
    made = criticism.note_to_action(sample_log, raised.id, meeting, title="Require the phone field",
                                    owner_id=first.id, due=clock.today() + timedelta(days=3))
    runner.end()
    sample_log.active_meeting_id = None
    ended = sample_log.meetings.get(meeting.id)
    before = render_minutes(sample_log, ended)
    assert f"Fix the intake form ({first.name})" in before and f"Require the phone field ({first.name})" in before
    clock.advance(days=1)
    for item in (acted, made):
        items.reassign(sample_log, item.id, f"@{second.handle}")
    assert render_minutes(sample_log, ended) == before
