"""``smarkmeet goals``: list, add, edit and retire shared goals, and work them back through the funnel."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import Enum
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from smarkmeet.cli import UserError, db_option, existing_log, group_db_option, user_errors
from smarkmeet.cli_text import echo, terminal_width
from smarkmeet.domain.ids import short_id

F = TypeVar("F", bound=Callable[..., Any])
UNITS = ["count", "currency", "percent"]
OWNERS = ["sales", "marketing", "shared"]
PERIODS = ["weekly", "monthly"]


def goal_errors(func: F) -> F:
    """Goal and funnel errors are user errors: one line on stderr, exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from smarkmeet.services.funnel import FunnelError
        from smarkmeet.services.goals import GoalError

        try:
            return func(*args, **kwargs)
        except (GoalError, FunnelError) as error:
            raise UserError(str(error)) from None

    return user_errors(wrapper)  # type: ignore[return-value]


@click.group("goals", short_help="The shared goals: list, add, edit, retire; their funnel.")
@group_db_option
def goals_group() -> None:
    """List, add, edit and retire the shared goals; work a goal back through the funnel.

    GOAL is a goal's name (any case), its id, or 4 or more characters from the start or the end of its id.
    """


@goals_group.command("list", short_help="Goals with target, latest actual and red/amber/green.")
@db_option
@click.option("--all", "include_retired", is_flag=True, help="Include retired goals.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@goal_errors
def list_command(ctx: click.Context, db: Path | None, include_retired: bool, as_json: bool) -> None:
    """List goals with target, latest check-in, attainment and red/amber/green."""
    from smarkmeet.services.goals import currency, goal_record, list_goals

    with existing_log(ctx, db) as log:
        statuses = list_goals(log, include_retired=include_retired)
        sign = currency(log)
    if as_json:
        click.echo(json.dumps([goal_record(status) for status in statuses], indent=2, ensure_ascii=False))
    else:
        click.echo(render_goals_table(statuses, sign, width=terminal_width()))


# left out in this order where a terminal is too narrow for the whole table (the id is not needed
# to name a goal: its name is), before goal names are cut; the owner only before a name is cut
# below 20 cells
GOALS_GIVE_WAY = ("Id", "Metric", "Period", "Owner")


def render_goals_table(statuses: list, currency: str = "", *, width: int | None = None) -> str:
    from smarkmeet.domain.cells import cell_width, fit, pad
    from smarkmeet.domain.metrics import percent
    from smarkmeet.tui.format import amount

    if not statuses:
        return "No goals yet (add one with: smarkmeet goals add NAME --metric M --target N)."
    headers = ["Id", "Goal", "Metric", "Owner", "Period", "Target", "Latest", "Attained", "Status"]
    body, earlier_targets = [], False
    for status in statuses:
        goal, latest = status.goal, status.latest
        shown = amount(latest.actual if latest else None, goal.unit, currency)
        if latest is not None and latest.target != goal.target:  # attained against the target of its period
            shown += f" of {amount(latest.target, goal.unit, currency)}"
            earlier_targets = True
        body.append([
            short_id(goal.id), goal.name, goal.metric, goal.owner_side.value, goal.period.value,
            amount(goal.target, goal.unit, currency), shown,
            percent(status.attainment, against=goal.amber_threshold),
            "retired" if goal.retired_at else (status.rag.value if status.rag else "no data"),
        ])
    widths = [max(cell_width(headers[i]), *(cell_width(line[i]) for line in body)) for i in range(len(headers))]
    shown = list(range(len(headers)))
    name = headers.index("Goal")
    for label in GOALS_GIVE_WAY:  # a terminal too narrow: columns give way, then names are cut
        over = 0 if width is None else sum(widths[i] + 2 for i in shown) - 2 - width
        # the owner goes only where names would be cut below 20 cells
        if over <= 0 or (label == "Owner" and widths[name] - over >= min(20, widths[name])):
            break
        shown.remove(headers.index(label))
    if width is not None and (over := sum(widths[i] + 2 for i in shown) - 2 - width) > 0:
        widths[name] = max(12, widths[name] - over)
        body = [[fit(cell, widths[name]) if i == name else cell for i, cell in enumerate(line)] for line in body]
    lines = ["  ".join(pad(headers[i], widths[i]) for i in shown).rstrip(),
             "  ".join("─" * widths[i] for i in shown)]
    lines += ["  ".join(pad(line[i], widths[i]) for i in shown).rstrip() for line in body]
    retired = sum(1 for status in statuses if status.goal.retired_at)
    lines.append(f"\n{len(statuses) - retired} active goal(s)" + (f", {retired} retired" if retired else ""))
    if earlier_targets:
        lines.append("Latest \"1 of 3\": checked in against the target then in force, which Attained is measured by.")
    return "\n".join(lines)


def goal_options(func: F) -> F:
    """The options ``add`` and ``edit`` share."""
    options = [
        click.option("--unit", type=click.Choice(UNITS), help="count, currency or percent."),
        click.option("--owner", "owner_side", type=click.Choice(OWNERS), help="Which side owns it."),
        click.option("--period", type=click.Choice(PERIODS), help="How often it is checked in."),
        click.option("--amber", "amber_threshold",
                     help="Attainment from which it shows amber instead of red: 0.8 or 80% (at most 100%)."),
        click.option("--description", help="What it counts, in a sentence."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@goals_group.command("add")
@db_option
@click.argument("name")
@click.option("--metric", required=True, help="What it measures: revenue, customers, mqls, sals, …")
@click.option("--target", required=True, help="Target per period, above 0: 25, 60,000, €60,000, 90%.")
@goal_options
@click.pass_context
@goal_errors
def add_command(ctx: click.Context, db: Path | None, name: str, **fields: Any) -> None:
    """Add a goal to the scorecard."""
    from smarkmeet.domain.metrics import amount
    from smarkmeet.services.goals import create_goal, currency, implied_unit

    with existing_log(ctx, db) as log:
        sign = currency(log)
        # with no --unit, the target's own sign says it: --target €60,000 (or INR 60,000, the team's
        # currency) is a currency goal, 90% a percentage
        implied = implied_unit(fields["target"], currency=sign, metric=fields.get("metric") or "")
        defaults = {"unit": implied.value if implied else "count", "owner_side": "shared", "period": "weekly",
                    "amber_threshold": 0.8, "description": ""}
        given = _amounts_read({key: value for key, value in fields.items() if value is not None},
                              fields.get("unit") or defaults["unit"], currency=sign)
        goal = create_goal(log, name=name, **{**defaults, **given})
    period = {"weekly": "a week", "monthly": "a month"}.get(goal.period.value, goal.period.value)
    owner = "shared by both sides" if goal.owner_side.value == "shared" else f"owned by {goal.owner_side.value}"
    # the metric is an id ("sales_sla"), not a word of the sentence: "target 90% sales_sla a week"
    click.echo(f"Added “{goal.name}” ({short_id(goal.id)}): target {amount(goal.target, goal.unit, sign)} {period} "
               f"(metric {goal.metric}), {owner}")
    from smarkmeet.services.measures import unit_mismatch

    if mismatch := unit_mismatch(goal):  # (kept: a team may want it so; said, not refused)
        echo(f"Note: {mismatch} (`smarkmeet goals edit` changes its unit and target).")
    typed_sign = fields["target"].strip()[:1]
    if goal.unit.value == "currency" and not sign and implied is not None:  # the € typed is not kept with the figure
        echo(f"Money is shown without a sign until the team sets one: smarkmeet settings currency {typed_sign}")


@goals_group.command("edit")
@db_option
@click.argument("goal_ref", metavar="GOAL")
@click.option("--name", help="New name.")
@click.option("--metric", help="New metric.")
@click.option("--target", help="New target per period (past check-ins keep theirs): 25, 60,000, 90%.")
@goal_options
@click.pass_context
@goal_errors
def edit_command(ctx: click.Context, db: Path | None, goal_ref: str, **fields: Any) -> None:
    """Change a goal; a new target applies to future check-ins only."""
    from smarkmeet.services.goals import currency, edit_goal, find_goal

    changes = {key: value for key, value in fields.items() if value is not None}
    if not changes:
        raise UserError("say what to change, e.g. --target 30 (see: smarkmeet goals edit --help)")
    with existing_log(ctx, db) as log:
        goal = find_goal(log, goal_ref)
        sign = currency(log)
        edited = edit_goal(log, goal.id, _amounts_read(changes, changes.get("unit") or goal.unit.value,
                                                       currency=sign))
    changed = [f"{_LABELS.get(key, key)} {_shown(goal, key, sign)} → {_shown(edited, key, sign)}" for key in changes
               if getattr(goal, key) != getattr(edited, key)]
    retired = (f" (a goal retired on {edited.retired_at:%Y-%m-%d}: not on the scorecard)"
               if edited.retired_at else "")  # edited all the same: its history is kept as it is named
    click.echo(f"Edited “{edited.name}”{retired}: " + ("; ".join(changed) if changed else "nothing changed"))


def _amounts_read(fields: dict[str, Any], unit: str, *, currency: str = "") -> dict[str, Any]:
    """``--target`` and ``--amber`` as typed (60,000; €60,000; 90%; 80%), read as the app's goal
    form reads them: in the goal's unit, refused in words (a GoalError) when they cannot be."""
    from smarkmeet.domain.enums import Unit
    from smarkmeet.services.goals import GoalError, parse_amber, parse_target

    read = dict(fields)
    if "target" in read:
        try:
            read["target"] = parse_target(read["target"], Unit(unit), currency=currency)
        except GoalError as error:  # "(unit currency)" is said as the option that does it
            raise GoalError(f"--target {error}".replace("(unit ", "(--unit ")) from None
    if "amber_threshold" in read:
        try:
            read["amber_threshold"] = parse_amber(read["amber_threshold"])
        except GoalError as error:
            raise GoalError(str(error).replace("amber from", "--amber", 1)) from None
    return read


_LABELS = {"owner_side": "owner", "amber_threshold": "amber from"}  # the options' words, not the columns'


def _shown(goal: Any, key: str, currency: str = "") -> str:
    """A goal's field as the scorecard shows it: a target in its unit, amber as a share."""
    from smarkmeet.domain.metrics import amount

    value = getattr(goal, key)
    if key == "target":
        return amount(value, goal.unit, currency)
    if key == "amber_threshold":
        return f"{value:.0%}"
    if isinstance(value, Enum):
        return str(value.value)
    return f"{value:,.15g}" if isinstance(value, float) else f"“{value}”"


@goals_group.command("retire")
@db_option
@click.argument("goal_ref", metavar="GOAL")
@click.pass_context
@goal_errors
def retire_command(ctx: click.Context, db: Path | None, goal_ref: str) -> None:
    """Take a goal off the scorecard; its check-ins stay in the log."""
    from smarkmeet.services.goals import find_goal, retire_goal

    with existing_log(ctx, db) as log:
        goal = retire_goal(log, find_goal(log, goal_ref).id)
    click.echo(f"Retired “{goal.name}” ({short_id(goal.id)}); its check-ins stay in the log")


@goals_group.command("funnel", short_help="Work a goal back to the customers, SQLs and leads it takes.")
@db_option
@click.argument("goal_ref", metavar="GOAL")
@click.option("--weeks", type=click.IntRange(min=1, max=520), default=12, show_default=True,
              help="Measure stage rates from the leads created in this many weeks up to now.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
@goal_errors
def funnel_command(ctx: click.Context, db: Path | None, goal_ref: str, weeks: int, as_json: bool) -> None:
    """Work a revenue or customer goal back to the customers, SQLs, SALs and MQLs it needs."""
    from smarkmeet.services.funnel import funnel_for_goal, funnel_record
    from smarkmeet.services.goals import currency, find_goal

    with existing_log(ctx, db) as log:
        goal = find_goal(log, goal_ref)
        funnel, rates = funnel_for_goal(log, goal, weeks=weeks)
        sign = currency(log)
    if as_json:
        click.echo(json.dumps(funnel_record(goal, funnel, rates), indent=2, ensure_ascii=False))
    else:
        echo(render_funnel(goal, funnel, rates, sign))


def render_funnel(goal: Any, funnel: Any, rates: Any, sign: str = "") -> str:
    from smarkmeet.domain.metrics import amount, percent
    from smarkmeet.services.funnel import MIN_SAMPLE, PERIOD_WORD, shown_need

    # in the goal's unit, as `goals list` shows it (€150,000, not 150,000)
    lines = [f"{goal.name} — target {amount(goal.target, goal.unit, sign)} a {PERIOD_WORD[goal.period]} "
             f"(metric {goal.metric})"
             + (" (retired)" if goal.retired_at else "")]
    if funnel is None:
        lines.append(f"No funnel-derived targets: only revenue and customer goals are worked "
                     f"back through the funnel, and this one measures '{goal.metric}'.")
    elif not funnel.steps:
        lines.append(f"No funnel-derived targets: {funnel.basis}.")
    else:
        lines.append(f"{funnel.basis[0].upper()}{funnel.basis[1:]}.")
        lines.append(f"\nNeeded per {funnel.per} (rounded up):")
        for step in reversed(funnel.steps):
            label = "customers" if step.stage == "customers" else f"{step.stage}s"
            lines.append(f"  {label:<10} {shown_need(step.needed):>8}")
    lines.append(f"\nStage rates from the {rates.leads} leads created "
                 f"{rates.since:%Y-%m-%d} – {rates.until:%Y-%m-%d} "
                 f"({rates.weeks} weeks; a stage needs {MIN_SAMPLE} leads to be measured):")
    for stage in rates.stages:
        lines.append(f"  {stage.label:<13} {percent(stage.rate):>5}  {stage.source()}")
    return "\n".join(lines)
