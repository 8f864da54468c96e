"""Funnel back-calculation: the customers, SQLs, SALs and MQLs a goal needs per period.

Stage rates are measured from the leads created in a window (by default the 12 weeks up
to now), each counted at its current stage; a disqualified lead entered MQL only:

- MQL→SAL = leads at sal, sql, opportunity or customer ÷ all leads in the window
- SAL→SQL = leads at sql, opportunity or customer ÷ leads at sal or further
- SQL→customer = leads at customer ÷ leads at sql or further

A stage whose denominator is under ``MIN_SAMPLE`` (20) leads uses its default instead:
MQL→SAL 60 %, SAL→SQL 50 %, SQL→customer 25 % (``DEFAULT_RATES``), each overridable with
the ``funnel_default_rates`` setting, e.g. ``{"sql_to_customer": 0.3}``.

A stage no lead in the window is recorded at (a CRM export that gives only "accepted" and
"converted" has no SQLs or opportunities) measures 100 %: every lead counted as entering it went
on. The needs stay right — the stage before it then measures straight to the next — and the
rate says so instead of claiming a perfect close rate (:attr:`StageRate.unrecorded`). This holds
under ``MIN_SAMPLE`` too, when the stage before is measured: its default would count the
missing stage twice.

Customers needed = target ÷ average deal size (setting ``average_deal_size``) for a revenue
goal (metric "revenue"), or = target for a "customers" goal; each stage
above needs the next stage's volume ÷ its rate (:func:`metrics.back_calculate`). Other
goals have no derived targets. Needs are rounded up for display only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from smarkmeet.domain.enums import LeadStage, Period, Unit
from smarkmeet.domain.metrics import FunnelStep, amount, back_calculate, customers_needed, percent, stage_conversion
from smarkmeet.domain.models import Goal
from smarkmeet.services.goals import currency

if TYPE_CHECKING:
    from smarkmeet.store.log import Log

MIN_SAMPLE = 20  # leads a stage needs to have entered before its measured rate is used
DEFAULT_WEEKS = 12
DEFAULT_RATES = {"mql_to_sal": 0.60, "sal_to_sql": 0.50, "sql_to_customer": 0.25}
DEFAULT_RATES_SETTING = "funnel_default_rates"
DEAL_SIZE_SETTING = "average_deal_size"

# key, stage, next stage, rank a lead has once it entered the stage, rank once it reached the next
_STAGES: tuple[tuple[str, str, str, int, int], ...] = (
    ("mql_to_sal", "MQL", "SAL", 0, 1),
    ("sal_to_sql", "SAL", "SQL", 1, 2),
    ("sql_to_customer", "SQL", "customer", 2, LeadStage.CUSTOMER.rank),
)
PERIOD_WORD = {Period.WEEKLY: "week", Period.MONTHLY: "month"}
LEAD_STAGE_NAMES = {LeadStage.MQL: "MQL", LeadStage.SAL: "SAL", LeadStage.SQL: "SQL",
                    LeadStage.OPPORTUNITY: "opportunity", LeadStage.CUSTOMER: "customer"}


class FunnelError(Exception):
    """The funnel cannot be worked out as asked (a bad window or a bad default-rates setting)."""


@dataclass(frozen=True)
class StageRate:
    key: str  # e.g. "mql_to_sal", as in the funnel_default_rates setting
    stage: str
    next_stage: str
    rate: float
    reached: int  # leads in the window that reached the next stage
    entered: int  # leads in the window that entered this stage
    measured: bool
    previous: str | None = None  # the stage before, for saying what it measured instead

    @property
    def label(self) -> str:
        return f"{self.stage}→{self.next_stage}"

    @property
    def unrecorded(self) -> bool:
        """Measured at 100 % because no lead in the window is at this stage (or between it and the
        next): the log does not record the stage, so its entrants are only the leads that went on."""
        return self.measured and self.previous is not None and self.reached == self.entered

    def source(self) -> str:
        """Where the rate comes from, in words."""
        if self.unrecorded:
            return (f"no lead in the window is at {self._between()}: the stage is not recorded, "
                    f"so {self.previous}→{self.stage} counts straight to {self.next_stage} "
                    f"({self.reached:,} leads)")
        if self.measured:
            return f"measured from {self.reached:,} of {self.entered:,} leads"
        if self.entered >= MIN_SAMPLE and self.reached == 0:
            return (f"default: none of the {self.entered:,} leads that entered {self.stage} reached "
                    f"{self.next_stage} (0% would make every need before it endless)")
        return f"default ({self.entered} leads entered {self.stage}; {MIN_SAMPLE} needed to measure)"

    def _between(self) -> str:
        """``SQL or opportunity``: the stages a lead stopping after this one and before the next is at."""
        entered, reached = next((e, r) for key, _, _, e, r in _STAGES if key == self.key)
        names = [LEAD_STAGE_NAMES[stage] for stage in LeadStage
                 if entered <= stage.rank < reached and stage is not LeadStage.DISQUALIFIED]
        return " or ".join(names)


@dataclass(frozen=True)
class FunnelRates:
    since: datetime
    until: datetime
    weeks: int
    leads: int  # all leads created in the window
    stages: tuple[StageRate, ...]

    def pairs(self) -> list[tuple[str, float]]:
        return [(stage.stage, stage.rate) for stage in self.stages]


@dataclass(frozen=True)
class GoalFunnel:
    """A goal worked back through the funnel; ``steps`` run MQL, SAL, SQL, customers."""

    goal: Goal
    rates: FunnelRates
    customers: float | None
    basis: str  # how customers needed was worked out, or why it could not be
    steps: tuple[FunnelStep, ...]

    @property
    def per(self) -> str:
        return PERIOD_WORD[self.goal.period]

    def need(self, stage: str) -> float | None:
        return next((step.needed for step in self.steps if step.stage == stage), None)


def default_rates(log: "Log") -> dict[str, float]:
    """The defaults, with any stage overridden by the ``funnel_default_rates`` setting."""
    override = log.setting(DEFAULT_RATES_SETTING, None)
    if override is None:
        return dict(DEFAULT_RATES)
    if not isinstance(override, dict):
        raise FunnelError(f"the {DEFAULT_RATES_SETTING} setting must map stages to rates, "
                          f"e.g. {{\"sql_to_customer\": 0.3}}")
    rates = dict(DEFAULT_RATES)
    for key, value in override.items():
        if key not in DEFAULT_RATES:
            raise FunnelError(f"the {DEFAULT_RATES_SETTING} setting names an unknown stage '{key}' "
                              f"(known: {', '.join(DEFAULT_RATES)})")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            raise FunnelError(f"the {DEFAULT_RATES_SETTING} setting gives {key} = {value!r}; "
                              "a rate must be a number above 0 and at most 1")
        rates[key] = float(value)
    return rates


def rates_from_counts(counts: dict[LeadStage, int], defaults: dict[str, float], since: datetime,
                      until: datetime, weeks: int) -> FunnelRates:
    """Stage rates from leads counted by stage, falling back to a default under ``MIN_SAMPLE``."""
    def at_least(rank: int) -> int:
        return sum(n for stage, n in counts.items() if stage.rank >= rank)

    stages: list[StageRate] = []
    previous = None
    for key, stage, next_stage, entered_rank, reached_rank in _STAGES:
        entered, reached = at_least(entered_rank), at_least(reached_rank)
        conversion = stage_conversion(reached, entered)
        # Not recorded (every lead counted as entering went on): the stage before, measured, counted
        # straight to the next one, so 100 % keeps the needs right however few the leads; the
        # default would ask for 1 ÷ default times the leads the measured rate already needs.
        straight_through = bool(stages) and stages[-1].measured and 0 < entered == reached
        # None reached the next stage: the log does not follow leads that far (a CRM export of
        # statuses only), or none went on in the window. A 0 % would make every need before it
        # endless, whatever the team does; the default stands, and the source says why.
        measured = bool(conversion) and (entered >= MIN_SAMPLE or straight_through)
        rate = conversion if measured and conversion is not None else defaults[key]
        stages.append(StageRate(key, stage, next_stage, rate, reached, entered, measured, previous))
        previous = stage
    return FunnelRates(since, until, weeks, sum(counts.values()), tuple(stages))


def measure_rates(log: "Log", *, weeks: int = DEFAULT_WEEKS) -> FunnelRates:
    """The stage rates of the leads created in the ``weeks`` up to now: from the start of the day
    that many weeks ago, the window the lead report's "last 12 weeks" and `leads report --since
    '12 weeks ago'` count (from 14 Sep 19:00 it left out the leads of that day's morning, and
    printed the same dates as the report over fewer leads)."""
    from smarkmeet.store.funnel import lead_stage_counts

    if weeks < 1:
        raise FunnelError(f"the window must be at least 1 week (got {weeks})")
    until = log.clock.now()
    since = log.clock.start_of(until.date() - timedelta(weeks=weeks))
    return rates_from_counts(lead_stage_counts(log, since, until), default_rates(log), since, until, weeks)


def funnel_kind(goal: Goal) -> str | None:
    """The goal's kind for the funnel: "customers", "revenue", or None when it derives no targets."""
    metric = goal.metric.strip().lower()
    if metric == "customers":
        return "customers"
    if metric == "revenue":  # not any currency goal: pipeline value is not closed revenue
        return "revenue"
    return None


def derive(goal: Goal, rates: FunnelRates, average_deal_size: Any, currency: str = "") -> GoalFunnel | None:
    """The goal worked back through the funnel, or None when its metric has no derived targets;
    money in the basis is said with the team's ``currency`` sign."""
    kind = funnel_kind(goal)
    if kind is None:
        return None
    if kind == "customers":
        customers: float | None = goal.target
        basis = f"customers needed = the target ({goal.target:,.15g} a {PERIOD_WORD[goal.period]})"
    elif average_deal_size is None:
        customers = None
        basis = (f"no average deal size is set (setting {DEAL_SIZE_SETTING}), "
                 "so the customers this target needs cannot be worked out")
    elif isinstance(average_deal_size, bool) or not isinstance(average_deal_size, int | float) \
            or average_deal_size <= 0:
        customers = None
        basis = f"the {DEAL_SIZE_SETTING} setting ({average_deal_size!r}) is not a positive number"
    else:
        customers = customers_needed(goal.target, average_deal_size)
        basis = (f"customers needed = target {amount(goal.target, Unit.CURRENCY, currency)} ÷ average deal size "
                 f"{amount(average_deal_size, Unit.CURRENCY, currency)}")
    steps = tuple(back_calculate(customers, rates.pairs())) if customers is not None else ()
    return GoalFunnel(goal, rates, customers, basis, steps)


def funnel_for_goal(log: "Log", goal: Goal, *, weeks: int = DEFAULT_WEEKS) -> tuple[GoalFunnel | None, FunnelRates]:
    """The goal's funnel (None if its metric has none) and the rates measured for it."""
    rates = measure_rates(log, weeks=weeks)
    return derive(goal, rates, log.setting(DEAL_SIZE_SETTING, None), currency(log)), rates


def funnels_for(log: "Log", goals: list[Goal], *,
                weeks: int = DEFAULT_WEEKS) -> tuple[FunnelRates, dict[str, GoalFunnel]]:
    """The rates (measured once) and the funnels of those ``goals`` that have one, by goal id."""
    rates = measure_rates(log, weeks=weeks)
    deal_size = log.setting(DEAL_SIZE_SETTING, None)
    sign = currency(log)
    funnels = {goal.id: derive(goal, rates, deal_size, sign) for goal in goals}
    return rates, {goal_id: funnel for goal_id, funnel in funnels.items() if funnel is not None}


# -- how needs read -------------------------------------------------------------------------


def round_up(value: float) -> int | None:
    """A need rounded up to a whole lead (None when it cannot be reached: a rate of 0)."""
    if math.isinf(value) or math.isnan(value):
        return None
    return math.ceil(round(value, 6))  # 3 ÷ 0.6 is 5.000000000000001, which needs 5, not 6


def shown_need(value: float | None) -> str:
    if value is None:
        return "—"
    whole = round_up(value)
    return "∞" if whole is None else f"{whole:,}"


def chain(funnel: GoalFunnel, *, short: bool = False) -> str:
    """``35 MQL → 12 SAL → 3 SQL → 3 customers`` (short: ``35 MQL→12 SAL→3 SQL→3 cust``), or why none."""
    if not funnel.steps:
        return funnel.basis
    names = {"customers": "cust"} if short else {}

    def name(step) -> str:  # "1 customer", not "1 customers"
        said = names.get(step.stage, step.stage)
        return "customer" if said == "customers" and shown_need(step.needed) == "1" else said

    return ("→" if short else " → ").join(f"{shown_need(step.needed)} {name(step)}" for step in funnel.steps)


def rates_line(rates: FunnelRates, *, short: bool = False) -> str:
    """``MQL→SAL 34% · SAL→SQL 25% · SQL→customer 25% (default)`` (``short``: ``SQL→cust 25%*``; a stage not recorded: ``SQL→cust 100%†``)."""
    def label(stage: StageRate) -> str:
        return stage.label.replace("customer", "cust") if short else stage.label

    def mark(stage: StageRate) -> str:
        if stage.unrecorded:
            return "†" if short else f" ({stage.stage} not recorded)"
        return "" if stage.measured else "*" if short else " (default)"

    return " · ".join(f"{label(s)} {percent(s.rate)}{mark(s)}" for s in rates.stages)


def funnel_record(goal: Goal, funnel: GoalFunnel | None, rates: FunnelRates) -> dict:
    """The JSON shape of ``smarkmeet goals funnel --json``."""
    return {
        "goal": {"id": goal.id, "name": goal.name, "metric": goal.metric, "unit": goal.unit.value,
                 "period": goal.period.value, "target": goal.target},
        "derived": bool(funnel and funnel.steps),
        "basis": funnel.basis if funnel else f"goals of metric '{goal.metric}' have no funnel-derived targets",
        "needed_per_period": {step.stage: step.needed if math.isfinite(step.needed) else None
                              for step in funnel.steps} if funnel else {},
        "needed_per_period_rounded_up": {step.stage: round_up(step.needed) for step in funnel.steps}
        if funnel else {},
        "window": {"since": rates.since.isoformat(timespec="seconds"),
                   "until": rates.until.isoformat(timespec="seconds"), "weeks": rates.weeks, "leads": rates.leads},
        "rates": [{"stage": s.label, "key": s.key, "rate": s.rate, "measured": s.measured,
                   "reached": s.reached, "entered": s.entered, "stage_recorded": s.entered > 0 and not s.unrecorded,
                   "source": s.source()} for s in rates.stages],
    }
