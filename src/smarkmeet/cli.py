"""The ``smarkmeet`` command line.

Heavy modules (Textual, the sample loader) are imported inside the commands that
need them, so ``smarkmeet actions`` or ``smarkmeet where`` start fast.
"""

from __future__ import annotations

import difflib
import errno
import gc
import importlib
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from smarkmeet import __version__

F = TypeVar("F", bound=Callable[..., Any])
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports it


class UserError(click.ClickException):
    """An error the user caused: one line on stderr, exit code 2, no traceback."""

    exit_code = EXIT_USER_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"smarkmeet: error: {self.format_message()}", err=True)


class NamedPath(click.Path):
    """A path option or argument that must name something: ``--db ""`` was read as ``.``, the
    folder the command ran in (``backup ""`` wrote a copy there; a listing failed with a traceback)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("needs a name; an empty one was given", param, ctx)
        return super().convert(value, param, ctx)


def user_errors(func: F) -> F:
    """Turn log and database errors, and requests refused in words, into one-line messages."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from smarkmeet.domain.errors import RefusedInWords
        from smarkmeet.store.errors import LogError

        try:
            return func(*args, **kwargs)
        except (LogError, RefusedInWords) as error:
            raise UserError(str(error)) from None
        except sqlite3.DatabaseError as error:
            raise UserError(f"the log could not be read ({error}); it may be damaged") from None

    return wrapper  # type: ignore[return-value]


db_option = click.option(
    "--db", "db", type=NamedPath(dir_okay=False, path_type=Path), default=None,
    help="Log file to use (default: $SMARKMEET_DB, else smarkmeet.db in the user data directory, "
         "which $SMARKMEET_HOME moves).",
)


def _remember_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None:  # for the command under this group, which reads it from ctx.obj (resolve_db)
        ctx.ensure_object(dict)
        ctx.obj["db"] = value
    return value


# ``smarkmeet goals --db X list`` as well as ``smarkmeet goals list --db X``: every command takes --db
group_db_option = click.option(
    "--db", type=NamedPath(dir_okay=False, path_type=Path), default=None, expose_value=False,
    callback=_remember_db, help="Log file to use by the command (it may also follow the command).",
)


def resolve_db(ctx: click.Context, db: Path | None) -> Path:
    from smarkmeet.paths import log_path

    return log_path(db or (ctx.obj or {}).get("db"))


def existing_log_path(ctx: click.Context, db: Path | None) -> Path:
    """The log a command that reads (or edits) one needs: it must be there already.

    An empty file is no log either (a path typed wrong, a file just touched): such a command
    never turns it into one. Only ``init``, ``demo``, ``load-sample``, an import and the app
    create a log. (A log being written for the first time may keep everything in its -wal.)
    """
    path = resolve_db(ctx, db)
    hint = f"(create one with: smarkmeet init --db {path})"
    if not path.exists():
        raise UserError(f"no log at {path} {hint}")
    refuse_empty_file(path, hint)
    return path


def is_empty_file(path: Path) -> bool:
    """``path`` is a file with nothing in it (nor in its -wal): no log, though there is a file."""
    wal = path.with_name(path.name + "-wal")
    return path.is_file() and path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size)


def refuse_empty_file(path: Path, hint: str = "") -> None:
    if is_empty_file(path):
        raise UserError(f"{path} is an empty file, not a smarkmeet log; it was left as it was {hint}".rstrip())


@contextmanager
def existing_log(ctx: click.Context, db: Path | None) -> Iterator[Any]:
    """The log, which must already exist (see :func:`existing_log_path`), closed afterwards."""
    log = open_log_at(existing_log_path(ctx, db))
    try:
        yield log
    finally:
        log.close()


def open_log_at(path: Path, *, read_only: bool | None = None):
    """The log at ``path``; read-only when asked (``smarkmeet --read-only …`` asks it of every
    command: one that would write is refused in words), or when the file may not be written."""
    from smarkmeet.clock import SystemClock
    from smarkmeet.store.log import open_log

    if read_only is None and read_only_asked():
        read_only = True
    if read_only and not path.exists():
        raise UserError(f"no log at {path} to open read-only")
    return open_log(path, SystemClock(), read_only=read_only)


def read_only_asked() -> bool:
    """``--read-only`` was given before the command (``smarkmeet --read-only team add …``)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("read_only"))


class LazyGroup(click.Group):
    """A group whose commands kept in their own modules are imported when asked for (click's
    "lazily loading subcommands" pattern): opening the app imports none of them."""

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy  # command name → "module:attribute"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, name = self.lazy[cmd_name].split(":")
            return getattr(importlib.import_module(module), name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        # click suggests close names only among the commands it holds, not the lazy ones
        name = args[0]
        if not ctx.resilient_parsing and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=2)
            if close:
                raise click.UsageError(f"No such command {name!r}. Did you mean {' or '.join(map(repr, close))}?", ctx)
        return super().resolve_command(ctx, args)


# the command groups kept in their own modules (each imports its heavy parts lazily too)
LAZY_COMMANDS = {
    "glossary": "smarkmeet.cli_glossary:glossary_group",
    "goals": "smarkmeet.cli_goals:goals_group",
    "team": "smarkmeet.cli_team:team_group",
    "leads": "smarkmeet.cli_leads:leads_group",
    "settings": "smarkmeet.cli_settings:settings_command",
    "export": "smarkmeet.cli_export:export_group",
    "backup": "smarkmeet.cli_export:backup_command",
    "search": "smarkmeet.cli_search:search_command",
}


@click.group(cls=LazyGroup, lazy=LAZY_COMMANDS, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.option("--read-only", is_flag=True,
              help="Never write to the log: the app opens it read-only, and a command that would write "
                   "is refused (a log that may not be written opens so anyway).")
@click.version_option(__version__, "--version", "-V", prog_name="smarkmeet")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, read_only: bool) -> None:
    """Run the weekly smarketing meeting, and keep its log.

    With no command, opens the app on the log (creating it if new).
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        run_app(resolve_db(ctx, None), read_only=read_only)


@user_errors
def run_app(path: Path, *, read_only: bool = False) -> None:
    if read_only:  # nothing to read, and read-only: nothing may be written
        refuse_empty_file(path)
    # Start-up makes ~70,000 objects that live as long as the app (modules, classes, the
    # home screen): the cycle collector scanning them as they are made cost ~60 ms of
    # start-up. It is switched back on, with those objects frozen, once the first frame is
    # on screen (SmarkmeetApp.on_ready).
    gc.disable()
    try:
        log = open_log_at(path, read_only=True if read_only else None)
        from smarkmeet.tui.app import make_app

        app = make_app(log)
        app.settle_gc_when_ready = True
        try:
            app.run()
            _say_meeting_left_open(log)
        finally:
            log.close()
    finally:
        gc.enable()
    # The process ends next: scanning every object for cycles on the way out took ~150 ms
    # after the screen was already gone. The operating system frees the memory at once.
    gc.freeze()
    if app.return_code:
        sys.exit(app.return_code)


def _say_meeting_left_open(log) -> None:
    """Quit mid-meeting: say that it is kept, and how to carry on (nothing said on the screen
    the app left behind read as if the meeting were lost)."""
    from smarkmeet.store.errors import LogError
    from smarkmeet.store.overview import meeting_in_progress

    if log.read_only:  # it could not be resumed from here: the app said the log was read-only
        return
    try:
        meeting = meeting_in_progress(log)
    except LogError:
        return
    if meeting is not None:
        where = f" at “{meeting.current_section}”" if meeting.current_section else ""
        from smarkmeet.cli_text import echo

        echo(f"“{meeting.title}” of {meeting.scheduled_for:%a %d %b} is still in progress{where}; everything "
             "entered is in the log. Open smarkmeet again to resume it.")


@cli.command()
@db_option
@click.pass_context
def demo(ctx: click.Context, db: Path | None) -> None:
    """Load the demo team into a fresh log and open the app on it.

    Uses a new temporary folder unless --db is given (the minutes and exports made
    in the demo are written there too); never loads into a log that already holds data.
    """
    import shlex

    if db is None and not (ctx.obj or {}).get("db"):
        import tempfile

        path = Path(tempfile.mkdtemp(prefix="smarkmeet-demo-")) / "demo.db"
        # the demo team's minutes and exports go beside its log, not among the team's own:
        # now, and when the demo is carried on with later
        os.environ["SMARKMEET_HOME"] = str(path.parent)
        carry_on = f"SMARKMEET_HOME={shlex.quote(str(path.parent))} smarkmeet --db {shlex.quote(str(path))}"
    else:
        path = resolve_db(ctx, db).resolve()
        # beside the log given, as for the temporary folder: never among the team's own, even
        # with SMARKMEET_HOME set to them
        os.environ["SMARKMEET_HOME"] = str(path.parent)
        carry_on = f"SMARKMEET_HOME={shlex.quote(str(path.parent))} smarkmeet --db {shlex.quote(str(path))}"
    _load_sample_into(path)
    try:
        run_app(path)
    finally:  # (also when the app stopped in words: the log is there)
        # the command on a line of its own, to copy whole (in the sentence it wrapped mid-path)
        click.echo(f"The demo log is kept at {path}. To carry on with it:\n  {carry_on}\n"
                   f"(or read it with: sqlite3 {shlex.quote(str(path))})", err=True)


@cli.command()
@db_option
@click.pass_context
@user_errors
def init(ctx: click.Context, db: Path | None) -> None:
    """Create an empty log (or bring an existing one up to date)."""
    path = resolve_db(ctx, db)
    log = open_log_at(path)
    log.close()
    click.echo(f"Log ready at {path}")


@cli.command("load-sample")
@click.option("--db", "db", type=NamedPath(dir_okay=False, path_type=Path), default=None,
              help="Log file to load the demo team into (must be new or empty); required, here or "
                   "before the command.")
@click.pass_context
def load_sample_command(ctx: click.Context, db: Path | None) -> None:
    """Load the demo team into a new or empty log."""
    # named on purpose, never the default log: `smarkmeet --db PATH load-sample` names it too
    db = db or (ctx.obj or {}).get("db")
    if db is None:
        raise click.UsageError("Missing option '--db': name the new or empty log to load the demo team into.")
    _load_sample_into(db)
    click.echo(f"Loaded the demo team into {db}")


@user_errors
def _load_sample_into(path: Path) -> None:
    from smarkmeet.services.sample import SampleError, load_sample

    log = open_log_at(path)
    try:
        if not log.is_empty():
            raise UserError(f"{path} already holds data; the demo only loads into a new or empty log")
        load_sample(log)
    except SampleError as error:
        raise UserError(str(error)) from None
    finally:
        log.close()


@cli.command()
@db_option
@click.pass_context
def where(ctx: click.Context, db: Path | None) -> None:
    """Print the full path of the log."""
    click.echo(str(resolve_db(ctx, db).expanduser().resolve()))


def action_filter_options(command):
    """The filters of ``smarkmeet actions``, shared with ``smarkmeet export actions``."""
    options = [
        click.option("--owner", help="Only items owned by this person (name or handle)."),
        click.option("--side", type=click.Choice(["sales", "marketing"]), help="Only items of one side."),
        click.option("--status", type=click.Choice(["open", "done", "dropped", "all"]), default="open",
                     show_default=True),
        click.option("--overdue", is_flag=True, help="Only open items past their due date."),
        click.option("--text", default=None, help="Only items with title words starting with each of these words."),
        click.option("--carried", type=click.IntRange(min=0, max=999_999), default=0,
                     help="Only items carried at least this many times."),
        click.option("--due-from", metavar="DATE", help="Only items due on or after DATE (2026-12-01, today, tomorrow, yesterday, +3d, -2w, fri, eom, '2 weeks ago', 'last monday')."),
        click.option("--due-to", metavar="DATE", help="Only items due on or before DATE (2026-12-01, today, tomorrow, yesterday, +3d, -2w, fri, eom)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def action_filters(options: dict, today: date) -> dict:
    """The keyword arguments of ``services.actions.action_filter`` from the shared options;
    raises ``ActionQueryError`` for a date it cannot read."""
    from smarkmeet.services.actions import ActionQueryError, read_day

    wanted = {"owner": "a name", "due_from": "a date", "due_to": "a date", "text": "words"}
    for option, what in wanted.items():  # given empty (a variable left unset): said, not "no filter"
        if options[option] is not None and not options[option].strip():
            raise ActionQueryError(f"--{option.replace('_', '-')} is empty: give {what}")
    if options["overdue"] and options["status"] not in ("open", "all"):  # would match nothing, said as no items
        raise ActionQueryError(f"--overdue lists open items only: it cannot be given with --status {options['status']}")

    def day(option: str) -> date | None:
        if not options[option]:
            return None
        try:
            return read_day(options[option], today)
        except ActionQueryError as error:  # which of the two it was: "'12/01' could mean…" named neither
            raise ActionQueryError(f"--{option.replace('_', '-')}: {error}") from None

    return {
        "owner": options["owner"], "side": options["side"], "status": options["status"],
        "overdue": options["overdue"], "text": options["text"] or "", "carried": options["carried"],
        "due_from": day("due_from"), "due_to": day("due_to"),
    }


@cli.command(short_help="Action items with owner, due date, status and carries.")
@db_option
@action_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@user_errors
def actions(ctx: click.Context, db: Path | None, as_json: bool, **options) -> None:
    """List action items with owner, due date, status, carry count and origin meeting."""
    from smarkmeet.services.actions import (
        ActionQueryError,
        query_actions,
        render_actions_json,
        render_actions_table,
    )

    path = existing_log_path(ctx, db)
    log = open_log_at(path)
    try:
        rows = query_actions(log, **action_filters(options, log.clock.today()))
    except ActionQueryError as error:
        raise UserError(str(error)) from None
    finally:
        log.close()
    today = log.clock.today()
    if as_json:
        click.echo(render_actions_json(rows, today))
        return
    from smarkmeet.cli_text import terminal_width

    click.echo(render_actions_table(rows, today, terminal_width()))  # piped: titles whole


def main() -> None:
    """Entry point: every error a user can cause is one line on stderr and a non-zero exit."""
    try:
        cli.main(prog_name="smarkmeet", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("smarkmeet: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.exceptions.NoArgsIsHelpError as error:  # `smarkmeet export`: what it offers, not an error
        click.echo(error.ctx.get_help())
        sys.exit(0)
    except click.UsageError as error:
        hint = f" (see: {error.ctx.command_path} --help)" if error.ctx else ""
        message = " ".join(error.format_message().split())  # one line ("Choose from:\n\thubspot,…")
        click.echo(f"smarkmeet: error: {message}{hint}", err=True)
        sys.exit(EXIT_USER_ERROR)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except OSError as error:  # the output could not be written (a full disk under `> file`, /dev/full, a closed pipe)
        if error.filename is not None or error.errno not in _WRITE_FAILURES:
            raise
        _silence_stdout()
        if not isinstance(error, BrokenPipeError):  # the reader going away (`| head`) is no error to report
            click.echo(f"smarkmeet: error: the output could not be written ({error.strerror or error})", err=True)
        sys.exit(1)


# what writing to stdout can fail with: a full disk or quota, a file too large, a device gone, a closed pipe
_WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE})


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's own last flush on the way out does not fail again
    with a traceback of its own."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
