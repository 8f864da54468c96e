"""Goal actuals the log measures, and the period the goal review enters actuals for.

Each measure is checked against the log's raw rows counted in plain Python, week by week over
the demo's leads, not against figures written down here."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarkmeet.domain.enums import Period, Unit
from smarkmeet.domain.models import Goal
from smarkmeet.domain.periods import next_period_start, period_start, reviewed_start
from smarkmeet.services.goals import goals_reviewed
from smarkmeet.services.measures import MEASURES, measured, measure_for
from smarkmeet.services.settings import SettingError, change


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(list(Period)))
def test_the_last_period_is_the_whole_one_before_the_meetings(day, period):
    current = reviewed_start(period, day, "current")
    last = reviewed_start(period, day, "last")
    assert current == period_start(period, day) <= day < next_period_start(period, current)
    assert next_period_start(period, last) == current  # the one just before, whole
    assert last == period_start(period, last)
    assert (last.weekday() == 0) if period is Period.WEEKLY else (last.day == 1)


def test_a_monday_meeting_reviews_last_week_and_januarys_monthly_meeting_december():
    assert reviewed_start(Period.WEEKLY, date(2026, 12, 7)) == date(2026, 11, 30)
    assert reviewed_start(Period.MONTHLY, date(2026, 12, 2)) == date(2026, 11, 1)
    assert reviewed_start(Period.MONTHLY, date(2027, 1, 6)) == date(2026, 12, 1)
    assert reviewed_start(Period.WEEKLY, date(2026, 12, 13), "current") == date(2026, 12, 7)  # a Sunday


def goal(metric: str, unit: Unit = Unit.COUNT, period: Period = Period.WEEKLY) -> Goal:
    return Goal(name=metric, metric=metric, unit=unit, period=period, target=10,
                created_at=datetime(2026, 1, 1, 9).astimezone())


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def counted_by_hand(log, metric: str, since: datetime, until: datetime, now: datetime | None = None) -> float | None:
    """The measure, straight from the rows and the README's words (``now``: when it is measured)."""
    if metric == "mqls":
        return float(sum(1 for row in log.rows("SELECT created_at, created_known FROM leads")
                         if row["created_known"] and since <= _at(row["created_at"]) < until))
    if metric in ("sals", "customers"):  # the leads that first reached the stage in the period
        reaching = ("accepted", "converted") if metric == "sals" else ("converted",)
        first: dict[str, tuple[datetime, bool]] = {}
        for row in log.rows("SELECT * FROM lead_feedback"):
            if row["verdict"] in reaching and (row["lead_id"] not in first
                                               or _at(row["given_at"]) < first[row["lead_id"]][0]):
                first[row["lead_id"]] = (_at(row["given_at"]), bool(row["timed"]))
        return float(sum(1 for at, timed in first.values() if timed and since <= at < until))
    hours = float(log.setting("sales_sla_hours", 48))
    now = now or log.clock.now()
    within = judged = 0
    for row in log.rows("SELECT * FROM leads"):
        if not row["created_known"] or not since <= _at(row["created_at"]) < until:
            continue
        delivered = _at(row["created_at"])
        if row["first_verdict_at"] is None and now - delivered < timedelta(hours=hours):
            continue  # still inside the window: not judged yet
        if row["first_verdict_timed"] == 0:
            continue  # its verdict's time is unknown
        judged += 1
        first = row["first_verdict_at"]
        within += first is not None and _at(first) - delivered <= timedelta(hours=hours)
    return round(100 * within / judged, 1) if judged else None


@pytest.mark.parametrize("metric", sorted(MEASURES))
def test_each_measure_counts_what_the_readme_says_week_by_week(sample_log, metric):
    unit = MEASURES[metric].unit
    today = sample_log.clock.today()
    seen = []
    for weeks_back in range(0, 14):
        start = period_start(Period.WEEKLY, today) - timedelta(weeks=weeks_back)
        figure = measured(sample_log, goal(metric, unit), start)
        since = sample_log.clock.start_of(start)
        until = sample_log.clock.start_of(next_period_start(Period.WEEKLY, start))
        assert figure is not None
        assert figure.value == counted_by_hand(sample_log, metric, since, until), (metric, start)
        seen.append(figure.value)
    assert any(seen), f"the demo's weeks never measured {metric}: the test would prove nothing"


def test_a_measure_is_offered_only_in_its_own_unit_and_for_its_metrics():
    assert measure_for(goal("mqls")) is MEASURES["mqls"]
    assert measure_for(goal(" MQLs ")) is MEASURES["mqls"]  # as typed on the command line
    assert measure_for(goal("mqls", Unit.PERCENT)) is None
    assert measure_for(goal("sales_sla", Unit.COUNT)) is None
    assert measure_for(goal("pipeline", Unit.CURRENCY)) is None


def test_a_month_is_measured_over_the_whole_month(sample_log):
    today = sample_log.clock.today()
    start = reviewed_start(Period.MONTHLY, today)
    figure = measured(sample_log, goal("mqls", period=Period.MONTHLY), start)
    weeks = [measured(sample_log, goal("mqls"), day) for day in
             (start + timedelta(days=n) for n in range(-6, 31)) if day.weekday() == 0]
    assert figure.value == counted_by_hand(sample_log, "mqls", sample_log.clock.start_of(start),
                                           sample_log.clock.start_of(next_period_start(Period.MONTHLY, start)))
    assert figure.value and figure.value <= sum(week.value for week in weeks)


def test_the_sales_sla_with_no_lead_to_judge_says_so(log):
    figure = measured(log, goal("sales_sla", Unit.PERCENT), log.clock.today())
    assert figure.value is None and figure.says == "no lead delivered then"


def test_the_review_period_setting_reads_last_or_current(log):
    assert goals_reviewed(log) == "last"
    change(log, "goal_review_period", " Current ")
    assert goals_reviewed(log) == "current"
    with pytest.raises(SettingError, match="not one of last or current"):
        change(log, "goal_review_period", "previous")
    assert goals_reviewed(log) == "current"


def test_the_demos_measured_goals_were_entered_as_counted_by_hand_at_their_meeting(sample_log):
    """Each weekly meeting entered last week's actual; for a goal the log measures, the figure the
    rows give at that meeting's moment (a lead still inside its SLA window then is not judged)."""
    first_lead = datetime.fromisoformat(sample_log.one("SELECT min(created_at) AS at FROM leads")["at"]).date()
    compared = 0
    for status in sample_log.goals.statuses(last=20):
        if measure_for(status.goal) is None:
            continue
        for checkin in status.checkins:
            meeting = sample_log.meetings.get(checkin.meeting_id)
            assert checkin.period_start == reviewed_start(status.goal.period, meeting.scheduled_for)
            if checkin.period_start < first_lead:
                continue  # before the demo's leads: typed as the team had it
            since = sample_log.clock.start_of(checkin.period_start)
            until = sample_log.clock.start_of(next_period_start(status.goal.period, checkin.period_start))
            by_hand = counted_by_hand(sample_log, status.goal.metric, since, until, now=checkin.recorded_at)
            assert checkin.actual == by_hand, (status.goal.name, checkin.period_start)
            compared += 1
    assert compared >= 40


def test_a_lead_accepted_twice_in_a_week_counts_once_and_an_undated_verdict_in_no_week(log):
    """The week's edges are local midnights; a verdict an import brought with no date of its own
    (``timed = 0``: its time is the import's) belongs to no week."""
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.domain.models import Lead, LeadFeedback

    start = reviewed_start(Period.WEEKLY, log.clock.today())
    monday = log.clock.start_of(start)
    next_monday = log.clock.start_of(next_period_start(Period.WEEKLY, start))
    leads = [log.leads.add(Lead(crm_id=f"L{n}", created_at=monday - timedelta(days=3))) for n in range(5)]

    def verdict(lead, what, at, **more):
        log.leads.give_feedback(LeadFeedback(lead_id=lead.id, verdict=what, given_at=at, **more))

    verdict(leads[0], Verdict.ACCEPTED, monday)  # the week's first moment: in
    verdict(leads[0], Verdict.NURTURE, monday + timedelta(days=1))
    verdict(leads[0], Verdict.ACCEPTED, monday + timedelta(days=2))  # the same lead again: once
    verdict(leads[1], Verdict.CONVERTED, next_monday - timedelta(seconds=1))  # the last second, converted
    verdict(leads[2], Verdict.ACCEPTED, next_monday)  # next week's
    verdict(leads[3], Verdict.ACCEPTED, monday - timedelta(seconds=1))  # last week's
    verdict(leads[3], Verdict.CONVERTED, monday + timedelta(days=3))  # a SAL of last week, a customer of this
    verdict(leads[4], Verdict.ACCEPTED, monday + timedelta(hours=5), timed=False)  # no date of its own
    assert measured(log, goal("sals"), start).value == 2  # leads 0 and 1
    assert measured(log, goal("sals"), start).says == "2 leads accepted"
    assert measured(log, goal("customers"), start).value == 2  # leads 1 and 3
    since, until = log.clock.start_of(start), next_monday
    assert counted_by_hand(log, "sals", since, until) == 2 and counted_by_hand(log, "customers", since, until) == 2


def test_week_edges_are_local_midnights_across_a_change_to_summer_time():
    """The week of 23 March 2026 in Berlin ends at 00:00 on the 30th, an hour later in UTC than
    it began: leads delivered just either side of each edge fall in the right week."""
    from zoneinfo import ZoneInfo

    from smarkmeet.clock import FixedClock
    from smarkmeet.domain.models import Lead
    from smarkmeet.store.log import memory_log

    berlin = ZoneInfo("Europe/Berlin")
    log = memory_log(FixedClock(datetime(2026, 4, 8, 9, 0, tzinfo=berlin)))
    start = date(2026, 3, 23)
    for n, moment in enumerate((datetime(2026, 3, 22, 23, 59, tzinfo=berlin), datetime(2026, 3, 23, 0, 1, tzinfo=berlin),
                                datetime(2026, 3, 29, 23, 59, tzinfo=berlin), datetime(2026, 3, 30, 0, 1, tzinfo=berlin),
                                datetime(2026, 3, 29, 21, 30, tzinfo=timezone.utc))):  # 23:30 in Berlin, summer
        log.leads.add(Lead(crm_id=f"L{n}", created_at=moment))
    assert measured(log, goal("mqls"), start).value == 3
    assert measured(log, goal("mqls"), start + timedelta(days=7)).value == 1
