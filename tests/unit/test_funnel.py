"""Funnel back-calculation: stage rates measured from the log's leads, defaults, and derived needs."""

import json
import math
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarkmeet.domain.enums import Period, Unit
from smarkmeet.domain.models import Goal, Lead
from smarkmeet.services import funnel
from smarkmeet.services.funnel import DEFAULT_RATES, MIN_SAMPLE, FunnelError

FURTHER_THAN = {  # the stages a lead at the key stage has passed through, by the funnel's rules
    "sal": {"sal", "sql", "opportunity", "customer"},
    "sql": {"sql", "opportunity", "customer"},
    "customer": {"customer"},
}


def add_leads(log, stage: str, count: int, *, days_ago: float = 10, at=None) -> list[Lead]:
    start = log.leads.count()
    return [
        log.leads.add(Lead(crm_id=f"L{start + i}", source="Webinar", stage=stage,
                           created_at=(at or log.clock.now() - timedelta(days=days_ago)) - timedelta(minutes=i)))
        for i in range(count)
    ]


def expected_rates(leads: list[Lead]) -> dict[str, tuple[int, int]]:
    """(reached, entered) per stage, counted here from the rows the test inserted."""
    stages = [lead.stage.value for lead in leads]

    def at(key: str) -> int:
        return sum(stage in FURTHER_THAN[key] for stage in stages)

    return {"mql_to_sal": (at("sal"), len(stages)), "sal_to_sql": (at("sql"), at("sal")),
            "sql_to_customer": (at("customer"), at("sql"))}


def goal(metric: str, target: float, unit: Unit = Unit.COUNT, period: Period = Period.WEEKLY) -> Goal:
    return Goal(name=f"{metric} goal", metric=metric, unit=unit, period=period, target=target,
                created_at="2026-01-05T09:00:00+01:00")


def test_rates_are_measured_from_the_leads_in_the_window(log):
    inside = [*add_leads(log, "mql", 41), *add_leads(log, "disqualified", 12), *add_leads(log, "sal", 17),
              *add_leads(log, "sql", 9), *add_leads(log, "opportunity", 4), *add_leads(log, "customer", 11)]
    add_leads(log, "customer", 30, days_ago=7 * 12 + 1)  # older than the window: not counted
    rates = funnel.measure_rates(log)
    assert rates.leads == len(inside)
    for stage in rates.stages:
        reached, entered = expected_rates(inside)[stage.key]
        assert (stage.reached, stage.entered, stage.measured) == (reached, entered, True)
        assert stage.rate == pytest.approx(reached / entered)
        assert stage.source() == f"measured from {reached} of {entered} leads"


def test_a_stage_with_too_few_leads_falls_back_to_its_default(log):
    inside = [*add_leads(log, "mql", 30), *add_leads(log, "sal", 20), *add_leads(log, "sql", 3),
              *add_leads(log, "customer", 2)]
    rates = {stage.key: stage for stage in funnel.measure_rates(log).stages}
    reached, entered = expected_rates(inside)["sql_to_customer"]
    assert entered < MIN_SAMPLE
    sql = rates["sql_to_customer"]
    assert (sql.rate, sql.measured, sql.reached, sql.entered) == (DEFAULT_RATES["sql_to_customer"], False,
                                                                  reached, entered)
    assert sql.source().startswith(f"default ({entered} leads entered SQL")
    assert rates["mql_to_sal"].measured and rates["sal_to_sql"].measured


def test_a_stage_no_lead_is_recorded_at_says_so_and_keeps_the_needs_right(log):
    # a CRM export that gives only accepted and converted: no lead is ever at SQL or opportunity
    inside = [*add_leads(log, "mql", 60), *add_leads(log, "sal", 30), *add_leads(log, "customer", 25)]
    rates = funnel.measure_rates(log)
    by_key = {stage.key: stage for stage in rates.stages}
    expected = expected_rates(inside)
    sql = by_key["sql_to_customer"]
    assert (sql.reached, sql.entered) == expected["sql_to_customer"] and sql.rate == 1
    assert sql.unrecorded and not by_key["sal_to_sql"].unrecorded and not by_key["mql_to_sal"].unrecorded
    assert sql.source() == ("no lead in the window is at SQL or opportunity: the stage is not recorded, "
                            f"so SAL→SQL counts straight to customer ({sql.reached} leads)")
    assert "SQL→customer 100% (SQL not recorded)" in funnel.rates_line(rates)
    assert "SQL→cust 100%†" in funnel.rates_line(rates, short=True)
    # the needs: customers ÷ (SAL→customer as measured) SALs, as the raw rows give it
    customers = 3
    derived = funnel.derive(goal("customers", customers), rates, None)
    reached, entered = expected["sal_to_sql"]  # customers ÷ leads at SAL or further
    assert derived.need("SAL") == pytest.approx(customers / (reached / entered))
    record = funnel.funnel_record(derived.goal, derived, rates)
    assert [r["stage_recorded"] for r in record["rates"]] == [True, True, False]


def test_a_stage_not_recorded_with_few_leads_still_counts_straight_through(log):
    """A small team's export (accepted, rejected, converted; 12 customers): SQL→customer fell back
    to its 25 % default, on top of SAL→SQL measured straight to customers — 4× the SALs needed."""
    inside = [*add_leads(log, "disqualified", 60), *add_leads(log, "sal", 150), *add_leads(log, "customer", 12)]
    rates = funnel.measure_rates(log)
    by_key = {stage.key: stage for stage in rates.stages}
    expected = expected_rates(inside)
    sql = by_key["sql_to_customer"]
    assert sql.entered < MIN_SAMPLE and sql.unrecorded and sql.rate == 1
    reached, entered = expected["sal_to_sql"]  # customers ÷ leads at SAL or further
    derived = funnel.derive(goal("customers", 3), rates, None)
    assert derived.need("SAL") == pytest.approx(3 / (reached / entered))


def test_a_recorded_stage_is_not_called_unrecorded(log):
    add_leads(log, "mql", 40), add_leads(log, "sal", 20), add_leads(log, "sql", 1), add_leads(log, "customer", 25)
    assert not any(stage.unrecorded for stage in funnel.measure_rates(log).stages)


def test_an_empty_log_uses_every_default(log):
    rates = funnel.measure_rates(log)
    assert rates.leads == 0
    assert {stage.key: stage.rate for stage in rates.stages} == DEFAULT_RATES
    assert not any(stage.measured for stage in rates.stages)


def test_the_window_can_be_narrowed(log):
    recent = add_leads(log, "customer", MIN_SAMPLE, days_ago=3)
    add_leads(log, "mql", 25, days_ago=7 * 5)
    rates = funnel.measure_rates(log, weeks=4)
    assert rates.leads == len(recent) and rates.weeks == 4
    # from the start of that day, as the lead report's "last 4 weeks" and `--since '4 weeks ago'` count
    assert rates.since == log.clock.start_of(log.clock.today() - timedelta(weeks=4))


def test_the_funnels_window_counts_the_leads_the_lead_report_counts_for_it(log):
    """`goals funnel` said "275 leads created 2026-09-14 – 2026-12-07" and `leads report --since
    '12 weeks ago'` "from 2026-09-14" over 278: the funnel's window began at this hour of that day."""
    from smarkmeet.services.leadreport import lead_report

    day = log.clock.today() - timedelta(weeks=12)
    for hours in (1, 23):  # that day's first and last hours
        add_leads(log, "mql", 2, days_ago=0, at=log.clock.start_of(day) + timedelta(hours=hours))
    add_leads(log, "mql", 3, days_ago=2)
    report = lead_report(log, since=log.clock.start_of(day), until=log.clock.now() + timedelta(seconds=1))
    assert funnel.measure_rates(log, weeks=12).leads == report.total.leads == 7
    with pytest.raises(FunnelError, match="at least 1 week"):
        funnel.measure_rates(log, weeks=0)


def test_defaults_can_be_overridden_per_stage(log):
    log.set_setting("funnel_default_rates", {"sql_to_customer": 0.3})
    assert funnel.default_rates(log) == {**DEFAULT_RATES, "sql_to_customer": 0.3}
    for bad, words in [({"sql_to_won": 0.3}, "unknown stage"), ({"mql_to_sal": 1.5}, "at most 1"),
                       ({"mql_to_sal": "60%"}, "must be a number"), ([0.6], "must map stages")]:
        log.set_setting("funnel_default_rates", bad)
        with pytest.raises(FunnelError, match=words):
            funnel.measure_rates(log)


def test_a_customers_goal_is_worked_back_stage_by_stage(log):
    rates = funnel.measure_rates(log)
    worked = funnel.derive(goal("customers", 5), rates, None)
    by_rate = {stage.stage: stage.rate for stage in rates.stages}
    assert worked.customers == 5
    assert worked.need("SQL") == pytest.approx(5 / by_rate["SQL"])
    assert worked.need("SAL") == pytest.approx(worked.need("SQL") / by_rate["SAL"])
    assert worked.need("MQL") == pytest.approx(worked.need("SAL") / by_rate["MQL"])
    assert [step.stage for step in worked.steps] == ["MQL", "SAL", "SQL", "customers"]


@pytest.mark.parametrize("metric, unit", [("revenue", Unit.CURRENCY), ("Revenue", Unit.COUNT)])
def test_a_revenue_goal_needs_target_over_average_deal_size(log, metric, unit):
    rates = funnel.measure_rates(log)
    worked = funnel.derive(goal(metric, 60000, unit), rates, 12000)
    assert worked.customers == 60000 / 12000
    assert "÷ average deal size 12,000" in worked.basis


def test_pipeline_value_is_not_revenue_and_derives_nothing(log):
    assert funnel.derive(goal("pipeline", 60000, Unit.CURRENCY), funnel.measure_rates(log), 12000) is None


def test_without_an_average_deal_size_it_says_so(log):
    worked = funnel.derive(goal("revenue", 60000, Unit.CURRENCY), funnel.measure_rates(log), None)
    assert worked.customers is None and worked.steps == ()
    assert "no average deal size is set (setting average_deal_size)" in worked.basis
    bad = funnel.derive(goal("revenue", 60000, Unit.CURRENCY), funnel.measure_rates(log), "lots")
    assert "not a positive number" in bad.basis


def test_other_goals_have_no_derived_targets(log):
    assert funnel.derive(goal("mqls", 25), funnel.measure_rates(log), 12000) is None
    assert funnel.derive(goal("sales_sla", 90, Unit.PERCENT), funnel.measure_rates(log), 12000) is None


def test_funnels_for_measures_once_and_skips_other_goals(sample_log):
    goals = sample_log.goals.active()
    rates, funnels = funnel.funnels_for(sample_log, goals)
    kinds = {g.id: funnel.funnel_kind(g) for g in goals}
    assert set(funnels) == {goal_id for goal_id, kind in kinds.items() if kind}
    assert all(f.rates is rates for f in funnels.values())


def test_demo_rates_match_a_count_of_the_leads_table(sample_log):
    rates = funnel.measure_rates(sample_log)
    rows = sample_log.rows("SELECT stage FROM leads WHERE julianday(created_at) >= julianday(?)",
                           [rates.since.isoformat()])
    stages = [row["stage"] for row in rows]
    assert rates.leads == len(stages)
    sal_or_further = sum(stage in FURTHER_THAN["sal"] for stage in stages)
    assert rates.stages[0].reached == sal_or_further and rates.stages[0].entered == len(stages)


def test_needs_are_rounded_up_only_for_display(log):
    worked = funnel.derive(goal("customers", 3), funnel.measure_rates(log), None)
    assert worked.need("SAL") == pytest.approx(3 / DEFAULT_RATES["sql_to_customer"] / DEFAULT_RATES["sal_to_sql"])
    assert funnel.round_up(3 / 0.6) == 5  # 5.000000000000001 still needs 5 leads
    assert funnel.round_up(4.2) == 5
    assert funnel.shown_need(math.inf) == "∞" and funnel.shown_need(None) == "—"
    assert funnel.chain(worked) == "40 MQL → 24 SAL → 12 SQL → 3 customers"
    assert funnel.chain(worked, short=True) == "40 MQL→24 SAL→12 SQL→3 cust"
    one = funnel.derive(goal("customers", 1), funnel.measure_rates(log), None)
    assert funnel.chain(one).endswith(" → 1 customer")  # ("1 customers a week")


def test_a_stage_no_lead_reached_uses_its_default_and_says_so(log):
    """20 leads at SQL and none a customer measured SQL→customer at 0%, and every need before it
    read ∞ — also when the CRM export simply carries no stage past SAL, with no way to set it."""
    add_leads(log, "sql", MIN_SAMPLE)
    worked, rates = funnel.funnel_for_goal(log, goal("customers", 2))
    last = rates.stages[-1]
    assert (last.rate, last.measured, last.reached, last.entered) == (DEFAULT_RATES["sql_to_customer"], False, 0, MIN_SAMPLE)
    assert f"none of the {MIN_SAMPLE} leads that entered SQL reached customer" in last.source()
    assert worked.need("SQL") == pytest.approx(2 / DEFAULT_RATES["sql_to_customer"])
    record = json.loads(json.dumps(funnel.funnel_record(worked.goal, worked, rates), allow_nan=False))
    assert record["needed_per_period"]["customers"] == 2 and record["rates"][-1]["measured"] is False
    assert record["rates"][-1]["stage_recorded"] is True  # 20 leads are at SQL
    nothing = funnel.rates_from_counts({}, dict(DEFAULT_RATES), rates.since, rates.until, 12)
    assert [r["stage_recorded"] for r in funnel.funnel_record(worked.goal, None, nothing)["rates"]] == [False] * 3


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_round_up_never_shows_less_than_needed(value):
    shown = funnel.round_up(value)
    assert shown >= value - 1e-6 and shown - value < 1


def test_stage_counts_read_the_window_through_the_created_at_index_and_keep_its_ends(log, clock):
    """The 12-week window was compared through julianday() alone, which no index serves: the
    10-year log's 1M leads were all scanned each time the goal review redrew. Both ends are in."""
    from smarkmeet.domain.enums import LeadStage
    from smarkmeet.domain.models import Lead
    from smarkmeet.store.funnel import lead_stage_counts

    since, until = clock.now() - timedelta(weeks=12), clock.now()
    for crm_id, created in (("AT-START", since), ("AT-END", until), ("BEFORE", since - timedelta(seconds=1)),
                            ("AFTER", until + timedelta(seconds=1))):
        log.leads.add(Lead(crm_id=crm_id, created_at=created))
    statements: list[str] = []
    log.conn.set_trace_callback(statements.append)
    try:
        counts = lead_stage_counts(log, since, until)
    finally:
        log.conn.set_trace_callback(None)
    assert counts[LeadStage.MQL] == 2
    (sql,) = [sql for sql in statements if "FROM leads" in sql]
    plan = " | ".join(row[3] for row in log.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert "SEARCH leads USING INDEX leads_by_created" in plan, plan


def test_stage_counts_end_at_the_second_the_window_is_shown_to(log, clock):
    """The funnel shows its window to the second (``--json``: ``until``), and a person checking it
    counts ``created_at <= until``. A lead written with a fraction of a second later within that
    second (the demo's were; logs begun before 6 December 2026 hold such times) was counted too, so
    the figure and the count from the shown window disagreed whenever a lead had arrived in the
    second before the funnel was asked for."""
    from smarkmeet.domain.enums import LeadStage
    from smarkmeet.store.funnel import lead_stage_counts

    until = clock.now().replace(microsecond=600_000)
    since = until - timedelta(weeks=12)
    log.leads.add(Lead(crm_id="IN-THE-SHOWN-SECOND", created_at=until.replace(microsecond=0)))
    later = log.leads.add(Lead(crm_id="LATER-IN-THAT-SECOND", created_at=until))
    # as such a log holds it (the app now writes moments to the second)
    log.conn.execute("UPDATE leads SET created_at = ? WHERE id = ?",
                     [until.replace(microsecond=400_000).isoformat(), later.id])
    shown_until = until.isoformat(timespec="seconds")
    expected = log.one("SELECT count(*) AS n FROM leads WHERE julianday(created_at) BETWEEN julianday(?) "
                       "AND julianday(?)", [since.isoformat(timespec="seconds"), shown_until])["n"]
    assert lead_stage_counts(log, since, until)[LeadStage.MQL] == expected == 1
