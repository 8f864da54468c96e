"""Every formula smarkmeet shows, in one place, so sales and marketing compute them the same way.

Each function states its formula in its docstring; the README repeats them. A ratio
whose denominator is zero is ``None`` ("no data"), never 0 and never an error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from smarkmeet.domain.cells import fit  # noqa: F401  (measured in cells; many modules take it from here)
from smarkmeet.domain.enums import Rag, Unit


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator ÷ denominator, or ``None`` when the denominator is zero."""
    if not denominator:
        return None
    return numerator / denominator


def goal_attainment(actual: float, target: float) -> float | None:
    """Goal attainment = actual ÷ target."""
    return ratio(actual, target)


def goal_rag(attainment: float | None, amber_threshold: float) -> Rag | None:
    """Green at ≥ 100 % of target, amber at ≥ the goal's amber threshold, red below."""
    if attainment is None:
        return None
    if attainment >= 1.0:
        return Rag.GREEN
    if attainment >= amber_threshold:
        return Rag.AMBER
    return Rag.RED


def customers_needed(revenue_goal: float, average_deal_size: float) -> float | None:
    """Customers needed = revenue goal ÷ average deal size."""
    return ratio(revenue_goal, average_deal_size)


def leads_needed(customers: float, lead_to_customer_rate: float) -> float | None:
    """Leads needed = customers needed ÷ lead-to-customer rate."""
    return ratio(customers, lead_to_customer_rate)


def stage_conversion(reached_next: int, entered: int) -> float | None:
    """Stage conversion = records that reached the next stage ÷ records that entered the stage."""
    return ratio(reached_next, entered)


def source_conversion(converted: int, leads: int) -> float | None:
    """Conversion by source = converted leads from the source ÷ leads from the source."""
    return ratio(converted, leads)


def rejection_mix(reasons: Iterable[str]) -> dict[str, float]:
    """Rejection mix = rejections with reason r ÷ all rejections, for each reason r."""
    counts: dict[str, int] = {}
    for reason in reasons:
        counts[reason] = counts.get(reason, 0) + 1
    total = sum(counts.values())
    return {reason: count / total for reason, count in sorted(counts.items())}


def marketing_sla_attainment(qualified_delivered: int, agreed_target: float) -> float | None:
    """Marketing SLA attainment = qualified leads delivered ÷ agreed lead target for the period."""
    return ratio(qualified_delivered, agreed_target)


def sales_sla_compliance(verdict_in_window: int, delivered: int) -> float | None:
    """Sales SLA compliance = leads given a first verdict within the agreed window ÷ leads delivered."""
    return ratio(verdict_in_window, delivered)


def action_completion_rate(done_by_due: int, due: int) -> float | None:
    """Action completion rate = items done by their due date ÷ items due."""
    return ratio(done_by_due, due)


def meeting_rating(score_total: float, ratings: int) -> float | None:
    """Meeting rating = sum of the 1–10 scores attendees gave ÷ number of scores given."""
    return ratio(score_total, ratings)


def overrun_minutes_per_meeting(overrun_seconds: float, meetings: int) -> float | None:
    """Section overrun per meeting = the section's overrun seconds ÷ 60 ÷ meetings that held the section."""
    return ratio(overrun_seconds / 60, meetings)


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    needed: float
    rate_to_next: float | None


def back_calculate(customers: float, stage_rates: list[tuple[str, float]]) -> list[FunnelStep]:
    """Work a customer target back up the funnel.

    ``stage_rates`` lists each stage from the top with its conversion rate to the next
    stage, e.g. ``[("MQL", 0.6), ("SAL", 0.5), ("SQL", 0.3)]``; each stage needs the
    next stage's volume ÷ its rate. Needs are rounded up only for display.
    """
    steps: list[FunnelStep] = [FunnelStep("customers", customers, None)]
    needed = customers
    for stage, rate in reversed(stage_rates):
        needed = needed / rate if rate else math.inf
        steps.append(FunnelStep(stage, needed, rate))
    return list(reversed(steps))


def with_currency(figure: str, currency: str) -> str:
    """A money ``figure`` with the team's ``currency``: a sign before it (``€60,000``), a code
    apart (``CHF 60,000``); the figure alone with none."""
    if not currency:
        return figure
    return f"{currency}{figure}" if len(currency) == 1 else f"{currency} {figure}"


def amount(value: float | None, unit: Unit, currency: str = "") -> str:
    """How a goal's target or actual is shown: ``60,000``, ``64%``, ``22``; an em dash for none.
    Money takes the team's ``currency`` setting when it has one: ``€60,000``, ``CHF 60,000``."""
    if value is None:
        return "—"
    if unit is Unit.CURRENCY:
        return with_currency(f"{value:,.0f}", currency)
    if unit is Unit.PERCENT:
        return f"{value:g}%"
    shown = f"{value:,.1f}"  # 22.1 for part of a week; 99.99999 (weeks summed) is 100, not "100.0"
    return shown.removesuffix(".0")


def rating_text(value: float | None) -> str:
    """A meeting's average rating to one decimal, halves rounded up as a spreadsheet's ROUND
    does (7.25 → 7.3; Python's format gives 7.2); an em dash for none."""
    if value is None:
        return "—"
    from decimal import ROUND_HALF_UP, Decimal

    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class ShareError(ValueError):
    """Why a share as typed is not read: ``kind`` is "number" (not one), "two ways" (1 to 10
    without a sign: 1.5 is no share, 1.5% no target a team agrees — not guessed) or "range"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def read_share(text: str) -> float:
    """A share as people type one: ``0.8``, ``80%``, or ``80`` (a number from 10 to 100 can only
    be a percentage); above 0 and at most 1. The rule the settings' shares and a goal's amber
    threshold both read by; each says a refusal (ShareError) in its own words."""
    typed = text.strip()
    sign = typed.endswith("%")
    try:
        value = float(typed.removesuffix("%").replace(" ", ""))
    except ValueError:
        raise ShareError("number") from None
    if not math.isfinite(value):
        raise ShareError("number")
    if not sign and 1 < value < 10:
        raise ShareError("two ways")
    if sign or value >= 10:
        value /= 100
    if not 0 < value <= 1:
        raise ShareError("range")
    return value


def percent(value: float | None, digits: int = 0, *, against: float | None = None) -> str:
    """How a ratio is shown: ``87%``, or an em dash when there is no data.

    A figure just under a line it is judged by is never rounded onto it: 99.6 % is not met, so it
    reads 99.6%, never "100%" beside a red or amber; with ``against`` (an amber threshold, the
    sales SLA's target) 79.6 % against 80 % reads 79.6%, not "80%" beside a red. Nor is a
    figure above nothing rounded to none: 7 rejections of 1,530 (0.46 %) read 0.5%, not "0%"
    beside the rejection mix's other reasons; under a tenth of what is shown, "<0.1%"."""
    if value is None:
        return "—"
    shown = f"{value * 100:.{digits}f}"
    if value > 0 and float(shown) == 0:
        finer = f"{value * 100:.{digits + 1}f}"
        return f"{finer}%" if float(finer) > 0 else f"<{10 ** -(digits + 1):.{digits + 1}f}%"
    for line in {1.0, against} - {None}:
        if value < line and float(shown) >= round(line * 100, 10):
            finer = f"{value * 100:.{digits + 1}f}"
            if float(finer) >= round(line * 100, 10):
                finer = f"{math.floor(value * 100 * 10 ** (digits + 1)) / 10 ** (digits + 1):.{digits + 1}f}"
            return f"{finer}%"
    return f"{shown}%"
