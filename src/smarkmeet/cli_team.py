"""``smarkmeet team``: who is on the team — list, add, edit, and someone leaving or coming back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from smarkmeet.cli import UserError, db_option, existing_log, group_db_option, user_errors
from smarkmeet.domain.cells import cell_width, fit, pad

F = TypeVar("F", bound=Callable[..., Any])
SIDES = ["sales", "marketing", "other"]


@click.group("team", short_help="Who is on the team: list, add, edit, leave, back.")
@group_db_option
def team_group() -> None:
    """Who is on the team: list, add and edit people; someone leaving or coming back.

    PERSON is a handle (mei or @mei), a full name, or the start of one. Nobody is deleted: their
    items, verdicts and attendance stay theirs in the log.
    """


@team_group.command("list", short_help="The team, with open items and last check-in.")
@db_option
@click.option("--all", "everyone", is_flag=True, help="Also the people who left and the guests.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@user_errors
def list_command(ctx: click.Context, db: Path | None, everyone: bool, as_json: bool) -> None:
    """List the team: name, handle, side, role, the open action items each owns and the last
    meeting each was checked in at."""
    from smarkmeet.services.team import member_record, members

    with existing_log(ctx, db) as log:
        rows = members(log, everyone=everyone)
    if as_json:
        click.echo(json.dumps([member_record(row) for row in rows], indent=2, ensure_ascii=False))
    else:
        from smarkmeet.cli_text import terminal_width

        click.echo(render_team(rows, everyone=everyone, width=terminal_width()))


TEAM_GIVE_WAY = (("Role", 12), ("Name", 20))  # cut in this order, to these cells, in a narrow terminal
# (and where even that is too wide, the role is left out)


def render_team(rows: list, *, everyone: bool, width: int | None = None) -> str:
    """The team as a table; with ``width`` (a terminal's), roles then names are cut to fit it, or
    the role is left out where that is not enough (piped, whole but for names over 40 and roles
    over 32 cells)."""
    if not rows:
        return "No one on the team yet (add someone with: smarkmeet team add \"Mei Chen\" --side marketing)."
    headers = ["Name", "Handle", "Side", "Role", "Open items", "Last here"] + (["Status"] if everyone else [])
    body = []
    for row in rows:
        person = row.person
        # a long name or role is cut (all of it is in --json): a 5,000-character role made the table unreadable
        line = [fit(person.name, 40), f"@{person.handle}", person.side.value, fit(person.role, 32), str(row.open_items),
                row.last_present.isoformat() if row.last_present else "never"]
        if everyone:
            line.append("left" if not person.active else "guest" if person.guest else "on the team")
        body.append(line)
    widths = [max(cell_width(headers[i]), *(cell_width(line[i]) for line in body)) for i in range(len(headers))]
    if width is not None:  # a column short of the edge: a line as wide as the terminal wraps
        over = sum(w + 2 for w in widths) - 2 - (width - 1)
        role = headers.index("Role")
        if over > sum(max(widths[headers.index(label)] - least, 0) for label, least in TEAM_GIVE_WAY):
            over -= widths[role] + 2  # no room for a role worth reading: left out, the names kept longer
            for table_row in (headers, widths, *body):
                del table_row[role]
        for label, least in TEAM_GIVE_WAY:
            if label not in headers:
                continue
            index = headers.index(label)
            cut = min(max(over, 0), max(widths[index] - least, 0))
            if cut:
                widths[index] -= cut
                over -= cut
                for line in body:
                    line[index] = fit(line[index], widths[index])
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("─" * w for w in widths)]
    lines += ["  ".join(pad(c, w) for c, w in zip(line, widths, strict=True)).rstrip() for line in body]
    on_team = sum(1 for row in rows if row.person.active and not row.person.guest)
    gone = sum(1 for row in rows if not row.person.active)
    guests = len(rows) - on_team - gone
    lines.append(f"\n{on_team} on the team" + (f", {gone} left, {guests} guest(s)" if everyone else ""))
    return "\n".join(lines)


def person_options(func: F) -> F:
    """The options ``add`` and ``edit`` share."""
    options = [
        click.option("--handle", help="Short name for @handle in quick-add lines (default: the first name)."),
        click.option("--role", help="What they do, e.g. SDR, content lead."),
        click.option("--email", help="Their email address."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@team_group.command("add")
@db_option
@click.argument("name")
@click.option("--side", type=click.Choice(SIDES), required=True, help="Which team they are on.")
@person_options
@click.option("--guest", is_flag=True, help="Someone from outside the two teams (not on every check-in).")
@click.pass_context
@user_errors
def add_command(ctx: click.Context, db: Path | None, name: str, side: str, handle: str | None, role: str | None,
                email: str | None, guest: bool) -> None:
    """Add someone to the team."""
    from smarkmeet.services.people import close_names
    from smarkmeet.services.team import add_member, added_as

    with existing_log(ctx, db) as log:
        alike = close_names(log, name)
        person = add_member(log, name=name, side=side, handle=handle, role=role or "", email=email or "",
                            guest=guest)
    click.echo(added_as(person))
    if alike:  # a typo of someone on the team: said while it is easy to put right
        other = alike[0]
        click.echo(f"Note: the name is close to {other.name} (@{other.handle}). If they were meant, "
                   f"`smarkmeet team leave {person.handle}` takes this one off the team.")


@team_group.command("edit")
@db_option
@click.argument("person_ref", metavar="PERSON")
@click.option("--name", help="Their name as the team writes it.")
@click.option("--side", type=click.Choice(SIDES), help="Their team (their open items move with them).")
@person_options
@click.option("--member/--guest", "member", default=None, help="Make a guest a team member, or the other way.")
@click.pass_context
@user_errors
def edit_command(ctx: click.Context, db: Path | None, person_ref: str, member: bool | None, **fields: Any) -> None:
    """Put right how someone is written: name, handle, side, role, email."""
    from smarkmeet.services.team import edit_member, find_member

    changes = {key: value for key, value in fields.items() if value is not None}
    if member is not None:
        changes["guest"] = not member
    if not changes:
        raise UserError("say what to change, e.g. --role 'SDR lead' (see: smarkmeet team edit --help)")
    with existing_log(ctx, db) as log:
        person = find_member(log, person_ref)
        edited, moved = edit_member(log, person.id, changes)
    # guest → member, not "guest guest → member": the value says what it is
    changed = [("" if key == "guest" else f"{key} ") + f"{_shown(getattr(person, key))} → {_shown(getattr(edited, key))}"
               for key in changes if getattr(person, key) != getattr(edited, key)]
    click.echo(f"Edited {edited.name} (@{edited.handle}): " + ("; ".join(changed) if changed else "nothing changed"))
    if moved:
        click.echo(f"{moved} open item(s) of theirs moved to {edited.side.value}")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "guest" if value else "member"
    return str(getattr(value, "value", value)) or "—"


@team_group.command("leave", short_help="Take someone off the team (nothing is deleted).")
@db_option
@click.argument("person_ref", metavar="PERSON")
@click.pass_context
@user_errors
def leave_command(ctx: click.Context, db: Path | None, person_ref: str) -> None:
    """Take someone off the team: off the check-in list, never a new item's owner; nothing is deleted."""
    from smarkmeet.services.team import find_member, leave

    with existing_log(ctx, db) as log:
        gone = leave(log, find_member(log, person_ref).id)
    person = gone.person
    click.echo(f"{person.name} (@{person.handle}) left the team; their items, verdicts and attendance stay in the log")
    if gone.open_items:
        click.echo(f"They still own {gone.open_items} open action item(s): reassign them "
                   f"(in the app: a for action items, /@{person.handle} to filter, w on each)")
    if gone.unfacilitated:
        days = ", ".join(f"{day:%a %d %b %Y}" for day in gone.unfacilitated)
        click.echo(f"They were to facilitate the meeting(s) of {days}: no one does now")


@team_group.command("back")
@db_option
@click.argument("person_ref", metavar="PERSON")
@click.pass_context
@user_errors
def back_command(ctx: click.Context, db: Path | None, person_ref: str) -> None:
    """Put someone who left back on the team."""
    from smarkmeet.services.team import come_back, find_member

    with existing_log(ctx, db) as log:
        person = come_back(log, find_member(log, person_ref).id)
    click.echo(f"{person.name} (@{person.handle}) is back on the team")
