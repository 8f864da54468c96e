"""Goal actuals the log measures itself, from its own leads and verdicts.

A goal whose metric is one of :data:`MEASURES` (and whose unit is that measure's) is offered
the log's figure for the period in the goal review: Enter takes it, a typed figure overrides
it. Counted as the README says (its "Goals the log measures"):

- ``mqls``: leads delivered in the period (created in it, creation date known) — the lead
  report's "leads" over the same days;
- ``sals``: leads that reached SAL in the period — first given accepted or converted then,
  by verdict time (each lead once ever: the week it was first accepted);
- ``customers``: leads first given converted in the period, by verdict time;
- ``sales_sla`` (a percentage goal): the sales SLA over the leads delivered in the period, as
  the lead report over the same days says it — first verdict within ``sales_sla_hours`` ÷
  those judged (leads still inside the window without a verdict, and those with an unknown
  time, left out; how many are still inside it is said, the figure not being final yet).

The lead report counts leads by when they were delivered, with the verdict they hold now; the
SAL and customer counts here go by when the verdict was given, as a week's scorecard does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from smarkmeet.domain.enums import Unit
from smarkmeet.domain.models import Goal
from smarkmeet.domain.periods import next_period_start

if TYPE_CHECKING:
    from smarkmeet.store.log import Log


@dataclass(frozen=True)
class Measure:
    unit: Unit
    what: str  # what happened to the leads counted: "23 leads delivered"


MEASURES: dict[str, Measure] = {
    "mqls": Measure(Unit.COUNT, "delivered"),
    "sals": Measure(Unit.COUNT, "accepted"),  # (or converted straight away: at SAL or beyond)
    "customers": Measure(Unit.COUNT, "converted"),
    "sales_sla": Measure(Unit.PERCENT, "given a first verdict in"),
}


REACHED = {"sals": ("accepted", "converted"), "customers": ("converted",)}  # the verdicts that reach the stage


@dataclass(frozen=True)
class Measured:
    value: float | None  # in the goal's unit (a percentage in points, to one decimal); None: nothing to measure
    says: str  # "23 leads delivered", "64.3% of 14 leads given a first verdict in 48 h"


def measure_for(goal: Goal) -> Measure | None:
    """The log's measure of the goal's metric, if it has one in the goal's unit."""
    measure = MEASURES.get(goal.metric.strip().casefold())
    return measure if measure is not None and measure.unit is goal.unit else None


def unit_mismatch(goal: Goal) -> str:
    """Why the log will not measure a goal whose metric it measures, in another unit; "" when it
    will, or measures no such metric (``sales_sla`` typed as a count of 25: no figure offered)."""
    measure = MEASURES.get(goal.metric.strip().casefold())
    if measure is None or measure.unit is goal.unit:
        return ""
    kind = {Unit.COUNT: "a count", Unit.PERCENT: "a percentage", Unit.CURRENCY: "an amount of money"}
    return (f"the log measures {goal.metric.strip()} as {kind[measure.unit]}, and this goal is {kind[goal.unit]}: "
            f"its actuals are typed in the goal review, never offered from the log")


def measured(log: Log, goal: Goal, start: date) -> Measured | None:
    """The log's figure for the goal over the period starting on ``start`` (up to now, for a
    period not over yet); None for a goal the log does not measure."""
    measure = measure_for(goal)
    if measure is None:
        return None
    from smarkmeet.store.reports import ReportStore

    since = log.clock.start_of(start)
    until = log.clock.start_of(next_period_start(goal.period, start))
    metric = goal.metric.strip().casefold()
    if metric == "sales_sla":
        from smarkmeet.services.leadreport import sla_in

        sla = sla_in(log, since, until)
        if sla.sales is None:  # none judged: none delivered, all still inside the window, or undated
            if not sla.delivered:
                return Measured(None, "no lead delivered then")
            why = f"none past {sla.hours:g} h yet" if sla.pending else "their verdict times are unknown"
            return Measured(None, f"{_leads(sla.delivered)} delivered then, {why}")
        value = round(sla.sales * 100, 1)
        waiting = f" ({sla.pending:,} still inside it)" if sla.pending else ""  # the figure may yet rise
        return Measured(value, f"{value:g}% of {_leads(sla.judged)} {measure.what} {sla.hours:g} h{waiting}")
    store = ReportStore(log)
    count = (store.delivered(since, until) if metric == "mqls"
             else store.first_reached(REACHED[metric], since, until))
    return Measured(float(count), f"{_leads(count)} {measure.what}")



def _leads(count: int) -> str:
    return f"{count:,} lead{'' if count == 1 else 's'}"


def measured_all(log: Log, starts: dict[str, tuple[Goal, date]]) -> dict[str, Measured]:
    """The log's figure for each goal it measures, by goal id, over the period given for it."""
    figures = {}
    for goal_id, (goal, start) in starts.items():
        figure = measured(log, goal, start)
        if figure is not None:
            figures[goal_id] = figure
    return figures
