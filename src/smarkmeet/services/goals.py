"""Shared goals: create, edit, retire, list and find them. Bad input is a :class:`GoalError` in words.

A goal's check-ins record the target in force when they were made, so editing a target
changes future check-ins only. A retired goal leaves the scorecard and keeps its check-ins.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from smarkmeet.domain.enums import GoalOwner, Period, Unit
from smarkmeet.domain.errors import describe
from smarkmeet.domain.ids import short_id
from smarkmeet.domain.metrics import amount
from smarkmeet.domain.models import Goal, apply_edit
from smarkmeet.domain.periods import ReviewedPeriod
from smarkmeet.domain.views import GoalStatus

if TYPE_CHECKING:
    from smarkmeet.store.log import Log

EDITABLE = ("name", "metric", "unit", "owner_side", "period", "target", "amber_threshold", "description")
MIN_ID_PREFIX = 4


class GoalError(Exception):
    """A goal request that cannot be carried out; ``str(error)`` says why."""


_CURRENCY_SIGNS = "€$£¥"
_EXAMPLE = {Unit.COUNT: "22", Unit.CURRENCY: "60,000", Unit.PERCENT: "64%"}
_SUBJECT = {"value": "setting"}  # what an amount is typed for, as parse_amount's ``what`` says it
_KIND = {Unit.COUNT: "a count", Unit.CURRENCY: "an amount of money", Unit.PERCENT: "a percentage"}
_GROUPED = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?")
_FIGURE = re.compile(r"[-+]?[\d.,]*\d[\d.,]*")
_SCALES = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000}  # after the figure: thousands, millions
_DOTTED_THOUSANDS = re.compile(r"\+?[1-9]\d{0,2}(\.\d{3})+")  # 1.200 or 12.500.000, as many countries write thousands


def parse_actual(text: str, unit: Unit, *, currency: str = "") -> float:
    """A goal's actual as typed in the meeting: 22, 60,000, 64% (a percentage goal only) or
    €72,500 (a currency goal only; the team's ``currency``, INR 72,500, as well). Raises
    GoalError saying what is wrong."""
    return parse_amount(text, unit, what="actual", currency=currency)


def parse_target(text: str, unit: Unit, *, currency: str = "") -> float:
    """A goal's target as typed in the goal form or on the command line, read as an actual is
    (``€60,000.50`` on a count goal is refused, not saved as 60,000.5 customers)."""
    value = parse_amount(text, unit, what="target", currency=currency)
    if value == 0:
        raise GoalError(f"“{text.strip()}”: a target is above 0")
    return value


def parse_amber(text: str) -> float:
    """The share of the target from which a goal shows amber, read as the settings' shares are
    (``80%``, ``80`` or ``0.8``: see metrics.read_share). Raises GoalError starting "amber from"
    (the form's field is named so)."""
    from smarkmeet.domain.metrics import ShareError, read_share

    typed = text.strip()
    try:
        return read_share(typed)
    except ShareError as error:
        raise GoalError({
            "number": f"amber from “{typed}” is not a number: type it like 80%, 80 or 0.8",
            "two ways": f"amber from “{typed}” reads two ways: type it as {typed.removesuffix('%')}% or as a share "
                        "such as 0.8",
        }.get(error.kind, f"amber from “{typed}” is not a share of the target: type it like 80%, 80 or 0.8 "
                          "(above 0, at most 100%)")) from None


def _or_unit(what: str, meant: Unit) -> str:
    """A target typed in another unit may mean the goal's unit is the one to change (not an actual:
    a goal's unit is not changed in the meeting)."""
    return f", or make it a {meant.value} goal (unit {meant.value})" if what == "target" else ""


MONEY_METRICS = frozenset({"revenue", "pipeline"})  # a goal measuring these is money, whatever its target's sign


def implied_unit(text: str, *, currency: str = "", metric: str = "") -> Unit | None:
    """The unit a figure is typed in, where it says: ``€60,000`` (or in the team's ``currency``,
    ``INR 60,000``) money, ``90%`` a percentage; a plain number for a ``metric`` that is money
    (revenue, pipeline: ``72k`` was saved as a count of 72,000) money too; else None."""
    typed = text.strip().replace(" ", "")
    if typed.endswith("%"):
        return Unit.PERCENT
    if typed[:1] in _CURRENCY_SIGNS or _without_currency(typed, currency) is not None:
        return Unit.CURRENCY
    if metric.strip().casefold() in MONEY_METRICS:
        return Unit.CURRENCY
    return None


def _without_currency(number: str, currency: str) -> str | None:
    """``number`` (spaces taken out) without the team's currency before or after it (INR 60,000,
    60,000 CHF, ₹60,000; any case); None when it has none."""
    sign = currency.replace(" ", "").casefold()
    if not sign:
        return None
    if number.casefold().startswith(sign):
        return number[len(sign):]
    if number.casefold().endswith(sign):
        return number[:-len(sign)]
    return None


def goals_reviewed(log: Log) -> ReviewedPeriod:
    """Which period the meeting's goal review enters actuals for (the ``goal_review_period``
    setting): ``last``, the whole week or month before the meeting's, or ``current``."""
    return "current" if log.setting("goal_review_period", "last") == "current" else "last"


def currency(log: Log) -> str:
    """The sign money goals are shown with (the ``currency`` setting; "" for none)."""
    return str(log.setting("currency", "") or "")


def parse_amount(text: str, unit: Unit, *, what: str, currency: str = "") -> float:
    """An amount of a goal's ``unit`` as typed (its actual or its target); GoalError says what is
    wrong. Money may be written with a sign (€, $, £, ¥) or the team's ``currency`` (INR, CHF, ₹),
    before or after it; a sign other than the team's currency is refused, not relabelled."""
    typed = text.strip()
    number = typed.replace(" ", "")
    if number.endswith("%"):
        if unit is not Unit.PERCENT:
            raise GoalError(f"“{typed}” is a percentage, but this {_SUBJECT.get(what, 'goal')} is {_KIND[unit]}: "
                            f"type the number, e.g. {_EXAMPLE[unit]}" + _or_unit(what, Unit.PERCENT))
        number = number[:-1]
    team = currency.strip()
    bare = _without_currency(number, team)
    if bare is not None or (number and number[0] in _CURRENCY_SIGNS):
        if unit is not Unit.CURRENCY:
            raise GoalError(f"“{typed}” is an amount of money, but this {_SUBJECT.get(what, 'goal')} is {_KIND[unit]}: "
                            f"type the number, e.g. {_EXAMPLE[unit]}" + _or_unit(what, Unit.CURRENCY))
        if bare is None and team:  # €5,000,000 where the team counts in INR: not shown as INR 5,000,000
            raise GoalError(f"“{typed}” is in {number[0]}, but the team's currency is {team} (the currency "
                            f"setting): type {team} {number[1:]} or {number[1:]}")
        number = bare if bare is not None else number[1:]
    scale = 1
    if unit is not Unit.PERCENT and number[-1:] in _SCALES and len(number) > 1:  # 72k, €1.5m, as sales says it
        scale, number = _SCALES[number[-1]], number[:-1]
    if not _FIGURE.fullmatch(number):  # digits, commas and points only: not 1e3, 7O,000 or "inf"
        raise GoalError(f"“{typed}” is not a number; type the {what}, e.g. {_EXAMPLE[unit]}")
    if _DOTTED_THOUSANDS.fullmatch(number):  # 55.000: 55 to some, 55,000 to others: not guessed
        whole = number.lstrip("+").replace(".", "")
        if number.count(".") > 1:  # 12.500.000: thousands, but a point is read as a decimal point here
            raise GoalError(f"“{typed}”: a point is a decimal point here; type {int(whole):,} or {whole}")
        decimal = f"{float(number):g}"
        if decimal == number.lstrip("+"):  # 12.345: said back as typed, it was refused again
            decimal += "0"
        raise GoalError(f"“{typed}” reads two ways: {float(number):g} or {int(whole):,}; type "
                        f"{decimal} or {whole}")
    if "," in number:  # commas group thousands only: "1,2" is not read as 12 (or as 1.2)
        if not _GROUPED.fullmatch(number):
            raise GoalError(f"“{typed}”: commas only group thousands (1,200); a decimal takes a point (1.2)")
        number = number.replace(",", "")
    try:
        value = float(number) if scale == 1 else float(Decimal(number) * scale)  # 1.1m: 1,100,000, not …0.0000002
    except (ValueError, ArithmeticError):  # 1.2.3
        raise GoalError(f"“{typed}” is not a number; type the {what}, e.g. {_EXAMPLE[unit]}") from None
    if not math.isfinite(value) or value > 1e15:
        raise GoalError(f"“{typed}” is not a number the scorecard can show; type the {what}, e.g. {_EXAMPLE[unit]}")
    if value < 0:
        raise GoalError(f"“{typed}” is below zero; " + {"actual": "an actual is 0 or more",
                                                          "target": "a target is above 0"}.get(what, "it must be above 0"))
    return value


def _validated(data: Mapping[str, Any]) -> Goal:
    data = dict(data)
    if isinstance(data.get("name"), str):  # "New   customers" would look like "New customers" on the scorecard
        data["name"] = " ".join(data["name"].split())
    try:
        return Goal.model_validate(data)
    except ValidationError as error:
        # "greater than 0.0" reads as noise to a facilitator: say "greater than 0"
        raise GoalError(describe(error).replace("than 0.0", "than 0")) from None


def _check_name_free(log: "Log", name: str, *, except_id: str | None = None) -> None:
    for goal in log.goals.active():
        if goal.id != except_id and " ".join(goal.name.split()).casefold() == name.casefold():
            raise GoalError(f"there is already a goal named “{goal.name}”; pick another name or retire that one")


def create_goal(
    log: "Log", *, name: str, metric: str, target: Any, unit: Unit | str = Unit.COUNT,
    owner_side: GoalOwner | str = GoalOwner.SHARED, period: Period | str = Period.WEEKLY,
    amber_threshold: Any = 0.8, description: str = "",
) -> Goal:
    """Add a goal to the scorecard."""
    goal = _validated({
        "name": name, "metric": metric, "target": target, "unit": unit, "owner_side": owner_side,
        "period": period, "amber_threshold": amber_threshold, "description": description,
        "created_at": log.clock.now().replace(microsecond=0),  # the log keeps times to the second
    })
    _check_name_free(log, goal.name)
    return log.goals.add(goal)


def get_goal(log: "Log", goal_id: str) -> Goal:
    try:
        return log.goals.get(goal_id)
    except LookupError:
        raise GoalError(f"no goal with id {goal_id}") from None


def edit_goal(log: "Log", goal_id: str, changes: Mapping[str, Any]) -> Goal:
    """Change any of a goal's fields (see ``EDITABLE``); only what really changed is written."""
    goal = get_goal(log, goal_id)
    edited, changed = apply_edit(goal, changes, EDITABLE, _validated, GoalError)
    if "name" in changed and goal.retired_at is None:
        _check_name_free(log, edited.name, except_id=goal.id)
    if "unit" in changed and (recorded := log.goals.checkins(goal.id, last=1)):
        raise GoalError(f"“{goal.name}” has check-ins recorded in {goal.unit.value} (the latest for the period "
                        f"from {recorded[-1].period_start:%Y-%m-%d}); its unit cannot change under them. Retire it "
                        f"and add a goal in {edited.unit.value}")
    if "unit" in changed and "target" not in changes:  # 60,000 leads would read as 60000%
        raise GoalError(f"the target of “{goal.name}”, {amount(goal.target, goal.unit)}, is {_KIND[goal.unit]}: "
                        f"give the target in {edited.unit.value} with the new unit (e.g. --target {_EXAMPLE[edited.unit]})")
    if changed:
        log.goals.update(goal.id, changed)
    return edited


def retire_goal(log: "Log", goal_id: str) -> Goal:
    """Take a goal off the scorecard; its check-ins stay in the log."""
    goal = get_goal(log, goal_id)
    if goal.retired_at is not None:
        raise GoalError(f"“{goal.name}” was already retired on {goal.retired_at:%Y-%m-%d}")
    now = log.clock.now().replace(microsecond=0)
    log.goals.update(goal.id, {"retired_at": now})
    return goal.model_copy(update={"retired_at": now})


def list_goals(log: "Log", *, include_retired: bool = False, last: int = 8) -> list[GoalStatus]:
    """Goals with their recent check-ins: active ones in scorecard order, then the retired."""
    return log.goals.statuses(last=last, include_retired=include_retired)


def find_goal(log: "Log", ref: str) -> Goal:
    """The goal named by its id, the start or end of its id or the start of its short id (4+
    characters), or its exact name (any case, any spacing)."""
    ref = ref.strip()
    if not ref:
        raise GoalError("say which goal: its name, its id, or 4 or more characters from the start or the end of its id")
    goals = log.goals.all(include_retired=True)
    for goal in goals:
        if goal.id == ref:
            return goal
    wanted = " ".join(ref.split()).casefold()
    named = [goal for goal in goals if " ".join(goal.name.split()).casefold() == wanted]
    if len(named) > 1:  # a retired goal may share its name with the active one that replaced it
        named = [goal for goal in named if goal.retired_at is None] or named
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise GoalError(f"more than one goal is named “{ref}”: {_choices(named)}; use the id")
    typed = ref.lower()
    # the start or end of the id, or the start of the short id lists show (its last 8 characters)
    prefixed = [goal for goal in goals
                if goal.id.startswith(typed) or goal.id.endswith(typed) or short_id(goal.id).startswith(typed)]
    if prefixed and len(ref) < MIN_ID_PREFIX:
        raise GoalError(f"'{ref}' is too short to pick a goal by id: type at least {MIN_ID_PREFIX} characters")
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise GoalError(f"'{ref}' is part of the id of more than one goal: {_choices(prefixed)}; type more of it")
    raise GoalError(f"no goal matches '{ref}' (goals: {_choices(goals) if goals else 'none yet'})")


def _choices(goals: list[Goal]) -> str:
    shown = ", ".join(f"{goal.name} ({short_id(goal.id)}{', retired' if goal.retired_at else ''})" for goal in goals[:10])
    return shown + (f" and {len(goals) - 10} more" if len(goals) > 10 else "")


def goal_record(status: GoalStatus) -> dict:
    """The JSON shape of one goal, as ``smarkmeet goals list --json`` prints it."""
    goal, latest = status.goal, status.latest
    return {
        "id": goal.id, "name": goal.name, "metric": goal.metric, "unit": goal.unit.value,
        "owner_side": goal.owner_side.value, "period": goal.period.value, "target": goal.target,
        "amber_threshold": goal.amber_threshold, "description": goal.description,
        "created_at": goal.created_at.isoformat(timespec="seconds"),
        "retired_at": goal.retired_at.isoformat(timespec="seconds") if goal.retired_at else None,
        "latest": None if latest is None else {
            "period_start": latest.period_start.isoformat(), "actual": latest.actual, "target": latest.target,
        },
        "attainment": status.attainment,
        "rag": status.rag.value if status.rag else None,
    }
