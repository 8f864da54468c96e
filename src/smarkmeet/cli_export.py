"""``smarkmeet export …`` (minutes, action items, leads) and ``smarkmeet backup``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import click

from smarkmeet.cli import (
    NamedPath,
    UserError,
    action_filter_options,
    action_filters,
    db_option,
    existing_log_path,
    group_db_option,
    open_log_at,
    user_errors,
)

out_option = click.option(
    "--out", type=NamedPath(path_type=str), default=None,
    help="Write to this file (atomically) instead of printing, or into this folder (an existing one, or "
         "one named with a trailing /) under the name the app gives it; the path is shown on stderr.",
)


def _out_file(typed: str | None, name: str, *, force: bool = False) -> Path | None:
    """Where ``--out`` writes: the file named, or ``name`` in the folder named — an existing one,
    or one typed with a trailing slash, made if need be (``--out exports/`` wrote a file called
    ``exports``; an existing folder was refused as "a directory"). In a folder, a name already
    there gives ``name-2``, ``name-3``… as the app's exports do (``--force`` replaces ``name``)."""
    if typed is None:
        return None
    path = Path(typed).expanduser()
    if typed.endswith(("/", os.sep)) or path.is_dir():
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UserError(f"cannot create the folder {path}: {error.strerror or error}") from None
        stem, suffix = Path(name).stem, Path(name).suffix
        return next((path / candidate for candidate in (name, *(f"{stem}-{n}{suffix}" for n in range(2, 1000)))
                     if force or not os.path.lexists(path / candidate)), path / name)
    return path
force_option = click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
bom_option = click.option(
    "--bom", is_flag=True, default=False,
    help="Start a CSV with a UTF-8 byte-order mark, so older Excel versions read accents right "
         "(off by default: tools that read UTF-8, Python's csv module among them, take it as part of the first column's name).",
)


@click.group("export", short_help="Minutes as Markdown or JSON; items and leads as CSV or JSON.")
@group_db_option
def export_group() -> None:
    """Take the log elsewhere: minutes as Markdown or JSON, action items and leads as CSV or JSON.

    CSV cells a spreadsheet would run as a formula (starting with = + - @, tab or carriage
    return) are written with a leading ' so they show as text.
    """


@export_group.command("minutes", short_help="The minutes of an ended meeting, as Markdown or JSON.")
@click.argument("meeting")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True,
              help="Markdown to read or share, or JSON for a script.")
@out_option
@force_option
@db_option
@click.pass_context
@user_errors
def minutes_command(ctx, meeting: str, fmt: str, out: str | None, force: bool, db: Path | None) -> None:
    """The minutes of an ended MEETING: its id, the last 8 characters of it, the day it was held
    (YYYY-MM-DD), or `latest`."""
    from smarkmeet.services.export import (
        ExportError,
        find_ended_meeting,
        render_minutes_json,
    )
    from smarkmeet.services.minutes import render_minutes

    log = _open_existing_log(ctx, db)
    try:
        try:
            found = find_ended_meeting(log, meeting)
        except ExportError as error:
            raise UserError(str(error)) from None
        text = render_minutes(log, found) if fmt == "md" else render_minutes_json(log, found)
        target = _out_file(out, f"minutes-{found.scheduled_for.isoformat()}-{found.kind.value}.{fmt}", force=force)
        with _destination(target, force=force, bom=False, protect=log.path) as stream:
            stream.write(text)
    finally:
        log.close()
    _say_written(target, f"the minutes of {found.scheduled_for} ({found.kind.value})")


@export_group.command("actions", short_help="Action items as CSV or JSON, filtered as `actions` filters.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="CSV for a spreadsheet, or JSON (one object per line) for a script.")
@action_filter_options
@out_option
@force_option
@bom_option
@db_option
@click.pass_context
@user_errors
def actions_command(ctx, fmt: str, out: str | None, force: bool, bom: bool, db: Path | None,
                    **options) -> None:
    """Action items, with the same filters and fields as `smarkmeet actions --json` (streamed)."""
    from smarkmeet.services.actions import ActionQueryError, action_filter
    from smarkmeet.services.export import ACTION_COLUMNS, action_records, write_records

    log = _open_existing_log(ctx, db)
    try:
        try:
            criteria = action_filter(log, **action_filters(options, log.clock.today()))
        except ActionQueryError as error:
            raise UserError(str(error)) from None
        target = _out_file(out, f"actions-{log.clock.today().isoformat()}.{fmt}", force=force)
        with _destination(target, force=force, bom=_bom(fmt, bom, target), protect=log.path) as stream:
            count = write_records(action_records(log, criteria), ACTION_COLUMNS, fmt, stream)
    finally:
        log.close()
    _say_written(target, f"{count:,} action item(s)")


@export_group.command("leads", short_help="Every lead with its current verdict, as CSV or JSON.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="CSV for a spreadsheet, or JSON (one object per line) for a script.")
@out_option
@force_option
@bom_option
@db_option
@click.pass_context
@user_errors
def leads_command(ctx, fmt: str, out: str | None, force: bool, bom: bool, db: Path | None) -> None:
    """Every lead with its current verdict, oldest delivery first (streamed: any number of leads)."""
    from smarkmeet.services.export import lead_records, write_records
    from smarkmeet.store.exports import LEAD_COLUMNS

    log = _open_existing_log(ctx, db)
    try:
        target = _out_file(out, f"leads-{log.clock.today().isoformat()}.{fmt}", force=force)
        with _destination(target, force=force, bom=_bom(fmt, bom, target), protect=log.path) as stream:
            count = write_records(lead_records(log), LEAD_COLUMNS, fmt, stream)
    finally:
        log.close()
    _say_written(target, f"{count:,} lead(s)")


@click.command("backup", short_help="A checked copy of the log, safe while the app runs.")
@click.argument("target", metavar="PATH", type=NamedPath(path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@db_option
@click.pass_context
@user_errors
def backup_command(ctx, target: Path, force: bool, db: Path | None) -> None:
    """Copy the log to PATH, safely while the app is running; the copy is checked before it is kept.

    PATH may be a folder: the copy goes in it, named for the moment it is taken."""
    from smarkmeet.services.backup import BackupError, back_up, back_up_into

    log = _open_existing_log(ctx, db)
    try:
        # a folder: a new file in it, never one replaced, as the app's b writes into the exports folder
        result = back_up_into(log, target) if target.is_dir() else back_up(log, target, force=force)
    except BackupError as error:
        raise UserError(str(error)) from None
    finally:
        log.close()
    click.echo(f"Backed up the log to {result.path} ({_size(result.size)}; integrity check ok)")


# -- shared by the commands above ------------------------------------------------------


def _open_existing_log(ctx: click.Context, db: Path | None):
    path = existing_log_path(ctx, db)
    return open_log_at(path)


def _bom(fmt: str, bom: bool, out: Path | None) -> bool:
    """A byte-order mark only on CSV, and only when asked for (asked of JSON: refused, not ignored)."""
    if bom and fmt != "csv":
        raise UserError("--bom is for CSV only (JSON never starts with a byte-order mark)")
    return bom


@contextmanager
def _destination(out: Path | None, *, force: bool, bom: bool, protect: Path | None) -> Iterator[TextIO]:
    """stdout, or a file at ``out`` that appears whole when the block ends without error."""
    from smarkmeet.services.export import ExportError, export_file

    if out is None and force:  # asked for, and not what happens: said, not ignored
        raise UserError("--force replaces the --out file; without --out the export is printed")
    if out is None:  # a reader gone (`… | head`) or a full disk: said by cli.main
        if bom:
            sys.stdout.write("\ufeff")
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        with export_file(out, force=force, bom=bom, protect=protect) as handle:
            yield handle
    except ExportError as error:
        raise UserError(str(error)) from None


def _say_written(out: Path | None, what: str) -> None:
    if out is not None:
        click.echo(f"Wrote {what} to {out}", err=True)


def _size(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):,.1f} MiB, {size:,} bytes"
    return f"{size:,} bytes"
