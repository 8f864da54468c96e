"""Trend series: each checked against figures computed here, in plain Python, from the rows the
test wrote (or from the demo log through other queries), never against typed-in numbers."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarkmeet.clock import FixedClock
from smarkmeet.domain import metrics
from smarkmeet.domain.enums import ActionStatus, MeetingKind, MeetingStatus, Verdict
from smarkmeet.domain.models import ActionItem, AgendaSection, Goal, GoalCheckin, Lead, Meeting, Person, Rating
from smarkmeet.services.leadreport import lead_report
from smarkmeet.services.trends import ALL_SOURCES, TOP_SOURCES, WINDOWS, trends, week_label, window_weeks
from smarkmeet.store.actions import ActionFilter
from smarkmeet.store.log import memory_log
from smarkmeet.store.trends import TrendStore
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()
ZONE = FIXED_NOW.tzinfo


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def section(result, key):
    return next(s for s in result.sections if s.key == key)


def series_by_label(result, key):
    return {series.label: series for series in section(result, key).series}


def by_week(series) -> dict[str, float | None]:
    return dict(series.points)


# -- the window -----------------------------------------------------------------


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.sampled_from(WINDOWS))
def test_window_is_consecutive_mondays_ending_with_the_week_of_today(today, weeks):
    mondays = window_weeks(today, weeks)
    assert len(mondays) == weeks
    assert all(day.weekday() == 0 for day in mondays)
    assert all(later - earlier == timedelta(days=7) for earlier, later in zip(mondays, mondays[1:], strict=False))
    assert mondays[-1] <= today < mondays[-1] + timedelta(days=7)


def test_every_series_has_one_point_per_week_labelled_by_its_monday(sample_log):
    for weeks in WINDOWS:
        result = trends(sample_log, weeks)
        labels = [week_label(day) for day in window_weeks(TODAY, weeks)]
        assert result.week_labels == labels
        for part in result.sections:
            for series in part.series:
                assert [label for label, _ in series.points] == labels


# -- action completion ------------------------------------------------------------


def _item(log, title, due, status=ActionStatus.OPEN, done=None):
    done_at = datetime.combine(done, time(16), ZONE) if done else None
    return log.actions.add(ActionItem(title=title, due_date=due, status=status, done_at=done_at,
                                      created_at=FIXED_NOW - timedelta(days=120)))


def _expected_completion(items, mondays, today):
    """The PRODUCT formula applied item by item: done by due date ÷ due (done, or open past due)."""
    due, on_time = defaultdict(int), defaultdict(int)
    for item in items:
        if item.status is ActionStatus.DROPPED or item.due_date is None:
            continue
        week = monday(item.due_date)
        if week not in mondays:
            continue
        if item.status is ActionStatus.DONE or item.due_date < today:
            due[week] += 1
            if item.status is ActionStatus.DONE and item.done_at.date() <= item.due_date:
                on_time[week] += 1
    return {week.isoformat(): metrics.action_completion_rate(on_time[week], due[week]) for week in mondays}


def test_action_completion_counts_done_by_due_date_over_items_due(log):
    mondays = window_weeks(TODAY, 12)
    last_week, this_week = mondays[-2], mondays[-1]
    items = [
        _item(log, "on time", last_week + timedelta(days=2), ActionStatus.DONE, last_week + timedelta(days=1)),
        _item(log, "on the day", last_week + timedelta(days=3), ActionStatus.DONE, last_week + timedelta(days=3)),
        _item(log, "late", last_week + timedelta(days=1), ActionStatus.DONE, last_week + timedelta(days=9)),
        _item(log, "overdue", last_week + timedelta(days=4)),
        _item(log, "dropped", last_week + timedelta(days=4), ActionStatus.DROPPED),
        _item(log, "due later this week", TODAY + timedelta(days=2)),
        _item(log, "done early this week", TODAY + timedelta(days=3), ActionStatus.DONE, TODAY),
        _item(log, "only dropped", mondays[3], ActionStatus.DROPPED),
        _item(log, "before the window", mondays[0] - timedelta(days=1), ActionStatus.DONE, mondays[0]),
        _item(log, "late, weeks ago", mondays[5] + timedelta(days=6), ActionStatus.DONE, mondays[7]),
    ]
    result = trends(log, 12)
    [series] = section(result, "completion").series
    expected = _expected_completion([log.actions.get(item.id) for item in items], mondays, TODAY)
    assert series.points == tuple((week_label(day), expected[day.isoformat()]) for day in mondays)
    assert series.unit == "ratio"
    # weeks with nothing due, or only dropped items, have no value — not 0
    assert by_week(series)[week_label(mondays[3])] is None
    assert by_week(series)[week_label(mondays[0])] is None
    # the late item counts as due but not done on time
    assert by_week(series)[week_label(mondays[5])] == 0
    assert by_week(series)[week_label(this_week)] == 1  # the open item due later is not due yet


def test_action_completion_agrees_with_the_owner_report_on_the_demo(sample_log):
    """The per-owner completion query (ActionStore.completion), summed per week, gives the same series."""
    result = trends(sample_log, 26)
    [series] = section(result, "completion").series
    for day in result.weeks:
        rows = sample_log.actions.completion(day, day + timedelta(days=6), TODAY, by="side")
        due, on_time = sum(r.due for r in rows), sum(r.done_on_time for r in rows)
        assert by_week(series)[week_label(day)] == metrics.action_completion_rate(on_time, due)
    items = sample_log.actions.list(ActionFilter(status=None))
    expected = _expected_completion(items, result.weeks, TODAY)
    assert dict(series.points) == {week_label(day): expected[day.isoformat()] for day in result.weeks}


# -- goals --------------------------------------------------------------------------


def _goal(log, name, target, **extra):
    return log.goals.add(Goal(name=name, metric="m", target=target, created_at=FIXED_NOW - timedelta(days=200),
                              **extra))


def _checkin(log, goal, period_start, actual, target=None):
    return log.insert("goal_checkins", GoalCheckin(goal_id=goal.id, period_start=period_start, actual=actual,
                                                   target=target or goal.target, recorded_at=FIXED_NOW))


def test_goal_attainment_per_week_for_active_goals_only(log):
    mondays = window_weeks(TODAY, 12)
    mqls = _goal(log, "MQLs [bold]delivered[/]", 25)
    customers = _goal(log, "Customers", 3)
    retired = _goal(log, "Old goal", 10, retired_at=FIXED_NOW - timedelta(days=3))
    monthly = _goal(log, "Revenue", 100_000, period="monthly", unit="currency")
    checkins = [
        _checkin(log, mqls, mondays[0], 20),
        _checkin(log, mqls, mondays[1], 30),
        _checkin(log, mqls, mondays[4], 25, target=20),  # the target when recorded counts
        _checkin(log, mqls, mondays[0] - timedelta(weeks=1), 99),  # before the window
        _checkin(log, customers, mondays[-2], 2),
        _checkin(log, retired, mondays[2], 5),
        _checkin(log, monthly, date(2026, 10, 1), 80_000),
        _checkin(log, monthly, date(2026, 11, 1), 120_000),
    ]
    result = trends(log, 12)
    goals = series_by_label(result, "goals")
    assert list(goals) == [goal.name for goal in log.goals.active()]  # scorecard order
    assert set(goals) == {"MQLs [bold]delivered[/]", "Customers", "Revenue"}  # the retired goal left out
    for goal in (mqls, customers, monthly):
        expected_actual = {week_label(day): None for day in mondays}
        expected_attainment = dict(expected_actual)
        for checkin in checkins:
            if checkin.goal_id == goal.id and monday(checkin.period_start) in mondays:
                expected_actual[week_label(monday(checkin.period_start))] = checkin.actual
                expected_attainment[week_label(monday(checkin.period_start))] = checkin.actual / checkin.target
        series = goals[goal.name]
        assert by_week(series) == expected_attainment
        assert by_week(series.basis) == expected_actual
        assert series.basis.unit == goal.unit.value
    assert goals["Customers"].latest == 2 / 3
    assert goals["MQLs [bold]delivered[/]"].low == 0.8 and goals["MQLs [bold]delivered[/]"].high == 1.25


def test_goal_series_match_the_goal_checkins_on_the_demo(sample_log):
    result = trends(sample_log, 12)
    goals = series_by_label(result, "goals")
    assert list(goals) == [goal.name for goal in sample_log.goals.active()]
    for goal in sample_log.goals.active():
        recorded = {week_label(c.period_start): c for c in sample_log.goals.checkins(goal.id, last=52)}
        for label, value in goals[goal.name].points:
            checkin = recorded.get(label)
            assert value == (None if checkin is None else checkin.actual / checkin.target)


# -- lead conversion ---------------------------------------------------------------------


def _lead(log, n, source, created, verdict=None):
    return log.leads.add(Lead(crm_id=f"L{n}", source=source, created_at=created, verdict=verdict))


def _week_start(day: date) -> datetime:
    return datetime.combine(day, time(0), ZONE)


def test_lead_conversion_by_source_and_for_all_sources(log):
    mondays = window_weeks(TODAY, 12)
    sources = [f"Source {n}" for n in range(TOP_SOURCES + 2)] + ["Smith [/] Co", ""]
    leads = []
    n = 0
    for week_no, day in enumerate(mondays):
        if week_no == 6:
            continue  # a week with no leads at all
        for rank, source in enumerate(sources):
            for k in range(len(sources) - rank + (week_no % 3)):  # earlier sources have more leads
                verdict = Verdict.CONVERTED if (k + week_no) % 4 == 0 else [None, Verdict.ACCEPTED,
                                                                             Verdict.REJECTED][k % 3]
                created = _week_start(day) + timedelta(hours=7 + k, minutes=rank)
                leads.append(_lead(log, n, source, min(created, FIXED_NOW), verdict))
                n += 1
    # a lead exported with another UTC offset: Sunday 23:30 in New York is Monday in the clock's zone
    leads.append(_lead(log, n, "Source 0", datetime(2026, 11, 15, 23, 30, tzinfo=timezone(timedelta(hours=-5))),
                       Verdict.CONVERTED))
    result = trends(log, 12)
    shown = series_by_label(result, "conversion")

    volume = defaultdict(int)
    for lead in leads:
        volume[lead.source] += 1
    top = sorted(volume, key=lambda s: (-volume[s], s))[:TOP_SOURCES]
    assert list(shown) == [ALL_SOURCES] + [s or "(no source)" for s in top]

    def expected(wanted) -> dict[str, float | None]:
        out = {}
        for day in mondays:
            start, end = _week_start(day), _week_start(day + timedelta(days=7))
            week = [lead for lead in leads if start <= lead.created_at < end and wanted(lead.source)]
            converted = sum(lead.verdict is Verdict.CONVERTED for lead in week)
            out[week_label(day)] = converted / len(week) if week else None
        return out

    assert by_week(shown[ALL_SOURCES]) == expected(lambda source: True)
    for source in top:
        assert by_week(shown[source or "(no source)"]) == expected(lambda s, source=source: s == source)
    assert by_week(shown[ALL_SOURCES])[week_label(mondays[6])] is None
    # the New York lead sits in the week of 16 Nov, not of 9 Nov
    assert by_week(shown["Source 0"])[week_label(date(2026, 11, 16))] == expected(
        lambda s: s == "Source 0")[week_label(date(2026, 11, 16))]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 12 * 7 * 24 * 60 - 1), st.sampled_from(["Web", "Ads", "Event"]),
                          st.sampled_from([None, *Verdict]), st.sampled_from([1, 0, -5, 9])), max_size=40))
def test_all_sources_conversion_agrees_with_the_lead_report_week_by_week(leads):
    """For every week, the trend's "all sources" figure is the lead report's for that week."""
    log = memory_log(FixedClock(FIXED_NOW))
    first = _week_start(window_weeks(TODAY, 12)[0])
    for n, (minute, source, verdict, offset) in enumerate(leads):
        created = min(first + timedelta(minutes=minute), FIXED_NOW).astimezone(timezone(timedelta(hours=offset)))
        _lead(log, n, source, created, verdict)
    result = trends(log, 12)
    everything = by_week(series_by_label(result, "conversion")[ALL_SOURCES]) if leads else {}
    for day in result.weeks:
        report = lead_report(log, by="source", since=_week_start(day), until=_week_start(day + timedelta(days=7)))
        total = report.total
        expected = metrics.source_conversion(total.converted, total.leads) if total else None
        assert everything.get(week_label(day)) == expected
    log.close()


# -- meeting rating and overrun -------------------------------------------------------------


def _people(log, count):
    return [log.people.add(Person(name=f"P{n}", handle=f"p{n}", side="sales")) for n in range(count)]


def _meeting(log, day, kind=MeetingKind.WEEKLY, status=MeetingStatus.ENDED, sections=(), scores=(), people=()):
    meeting = Meeting(kind=kind, title=f"{kind.value} {day}", scheduled_for=day, status=status,
                      template=kind.value)
    rows = [AgendaSection(meeting_id=meeting.id, position=n, kind="discussion", title=title, timebox_minutes=10,
                          seconds_spent=600 + overrun, overrun_seconds=overrun)
            for n, (title, overrun) in enumerate(sections)]
    log.meetings.create(meeting, rows)
    for person, score in zip(people, scores, strict=False):
        log.insert("ratings", Rating(meeting_id=meeting.id, person_id=person.id, score=score, given_at=FIXED_NOW))
    return meeting, rows, list(scores)


def test_meeting_rating_and_overrun_per_week_from_ended_meetings(log):
    mondays = window_weeks(TODAY, 12)
    people = _people(log, 4)
    made = [
        _meeting(log, mondays[1], sections=[("Leads [red]review[/red]", 120), ("Wrap-up", 0)],
                 scores=[6, 8, 7], people=people),
        _meeting(log, mondays[1] + timedelta(days=2), MeetingKind.MONTHLY, sections=[("Leads [red]review[/red]", 600)],
                 scores=[9, 9], people=people),
        _meeting(log, mondays[3], sections=[("Leads [red]review[/red]", 30), ("Wrap-up", 90), ("Wrap-up", 30)],
                 scores=[3, 4, 5, 10], people=people),
        _meeting(log, mondays[3] + timedelta(days=1), sections=[("Leads [red]review[/red]", 300)],
                 scores=[8], people=people),
        _meeting(log, mondays[5], status=MeetingStatus.IN_PROGRESS, sections=[("Wrap-up", 999)], scores=[1],
                 people=people),
        _meeting(log, mondays[0] - timedelta(days=3), sections=[("Wrap-up", 999)], scores=[1], people=people),
    ]
    result = trends(log, 12)

    ended = [(m, rows, scores) for m, rows, scores in made
             if m.status is MeetingStatus.ENDED and monday(m.scheduled_for) in mondays]
    ratings = series_by_label(result, "rating")
    assert list(ratings) == ["Weekly meetings", "Monthly meetings"]
    for kind in MeetingKind:
        expected = {}
        for day in mondays:
            scores = [s for m, _, sc in ended if m.kind is kind and monday(m.scheduled_for) == day for s in sc]
            expected[week_label(day)] = sum(scores) / len(scores) if scores else None
        assert by_week(ratings[f"{kind.value.capitalize()} meetings"]) == expected

    overrun = series_by_label(result, "overrun")
    totals = {}
    for title in ("Leads [red]review[/red]", "Wrap-up"):
        expected = {}
        all_seconds, all_meetings = 0, 0
        for day in mondays:
            held = [(m, [r for r in rows if r.title == title]) for m, rows, _ in ended if monday(m.scheduled_for) == day]
            held = [(m, rows) for m, rows in held if rows]
            seconds = sum(r.overrun_seconds for _, rows in held for r in rows)
            expected[week_label(day)] = seconds / 60 / len(held) if held else None
            all_seconds, all_meetings = all_seconds + seconds, all_meetings + len(held)
        totals[title] = all_seconds / all_meetings
        assert by_week(overrun[title]) == expected
        assert overrun[title].unit == "minutes"
    assert list(overrun) == sorted(totals, key=lambda t: -totals[t])  # worst first
    assert by_week(overrun["Wrap-up"])[week_label(mondays[5])] is None  # the meeting still in progress


def test_rating_series_match_the_meeting_summaries_on_the_demo(sample_log):
    result = trends(sample_log, 12)
    ratings = series_by_label(result, "rating")
    rows = sample_log.rows("SELECT kind, scheduled_for, (SELECT avg(score) FROM ratings r WHERE r.meeting_id = m.id)"
                           " AS average FROM meetings m WHERE status = 'ended'")
    for row in rows:
        day = date.fromisoformat(row["scheduled_for"])
        if monday(day) in result.weeks and row["average"] is not None:
            shown = by_week(ratings[f"{row['kind'].capitalize()} meetings"])[week_label(monday(day))]
            assert shown == pytest.approx(row["average"])  # one meeting of a kind a week in the demo


def test_empty_log_has_no_series_and_says_why(log):
    result = trends(log, 12)
    for part in result.sections:
        assert part.series == ()
        assert part.empty


# -- formulas and query plans ---------------------------------------------------------------------


def test_rating_and_overrun_formulas():
    assert metrics.meeting_rating(21, 3) == 7
    assert metrics.meeting_rating(0, 0) is None
    assert metrics.overrun_minutes_per_meeting(180, 2) == 1.5
    assert metrics.overrun_minutes_per_meeting(0, 0) is None


def test_every_trend_query_reads_its_window_through_an_index(sample_log):
    seen: list[tuple[str, object]] = []
    rows = sample_log.rows

    def capture(sql, params=None):
        seen.append((sql, params))
        return rows(sql, params)

    sample_log.rows = capture  # type: ignore[method-assign]
    store = TrendStore(sample_log)
    mondays = window_weeks(TODAY, 12)
    start, end = mondays[0], mondays[-1] + timedelta(days=7)
    store.goal_checkins(start, end)
    store.action_completion(start, end, TODAY)
    store.meeting_ratings(start, end)
    store.section_overruns(start, end)
    plans = [" | ".join(row[3] for row in sample_log.db.execute("EXPLAIN QUERY PLAN " + sql, params or []))
             for sql, params in seen]
    sample_log.rows = rows  # type: ignore[method-assign]
    assert "SEARCH c USING INDEX sqlite_autoindex_goal_checkins" in plans[0]
    assert "USING INDEX action_items_by_status_due" in plans[1]
    assert all("USING INDEX meetings_by_status (status=? AND scheduled_for>? AND scheduled_for<?)" in plan
               for plan in plans[2:]), plans[2:]
    assert not any("SCAN" in plan.replace("SCAN g", "") for plan in plans)  # only the (few) goals are scanned


def test_lead_query_walks_the_created_index_for_a_narrow_window(log):
    old = FIXED_NOW - timedelta(days=3 * 365)
    for n in range(60):
        _lead(log, n, "Web", old + timedelta(days=n), None)
    _lead(log, 99, "Web", FIXED_NOW - timedelta(days=2), Verdict.CONVERTED)
    store = TrendStore(log)
    first = _week_start(window_weeks(TODAY, 12)[0])
    params = {"start_text": (first - timedelta(days=1)).date().isoformat(),
              "end_text": (FIXED_NOW + timedelta(days=9)).date().isoformat()}
    assert store._lead_scan(params) == ""  # 1 lead of 61 in the window: use the index
    many = {**params, "start_text": "2000-01-01"}
    assert store._lead_scan(many) == "NOT INDEXED"


def test_only_the_current_weeks_accruing_figures_are_so_far(sample_log):
    """Leads delivered this week have had no time to convert, and items due later this week are
    not due yet: those latest values are "so far". Goals, ratings and overruns are not."""
    result = trends(sample_log, 12)
    this_week = week_label(result.weeks[-1])
    for section in result.sections:
        for series in section.series:
            has_this_week = dict(series.points)[this_week] is not None
            assert section.so_far(series) == (section.key in ("conversion", "completion") and has_this_week)
    conversion = next(section for section in result.sections if section.key == "conversion")
    assert any(conversion.so_far(series) for series in conversion.series)
    assert not all(conversion.so_far(series) for series in conversion.series)  # a source with no lead this week
