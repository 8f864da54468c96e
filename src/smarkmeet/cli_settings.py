"""``smarkmeet settings [KEY [VALUE]]``: the team's agreements (lead target, SLA window, reasons…)."""

from __future__ import annotations

from pathlib import Path

import click

from smarkmeet.cli import UserError, db_option, existing_log_path, open_log_at, user_errors
from smarkmeet.cli_text import echo


class _NegativeValues(click.Command):
    """A value that starts with a minus and a digit (``sales_sla_hours -5h``) is the value, refused
    for what it is: click read ``-5h`` as the flags ``-5`` and ``-h`` and printed the help."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        negative = [arg for arg in args if arg[:1] == "-" and arg[1:2].isdigit()]
        if negative and "--" not in args:  # after "--", as positionals, in their order
            args = [arg for arg in args if arg not in negative] + ["--", *negative]
        return super().parse_args(ctx, args)


# a value may start with "-" (sales_sla_hours -5): read as the value, and refused for what it is
@click.command("settings", cls=_NegativeValues, context_settings={"ignore_unknown_options": True})
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.option("--default", "to_default", is_flag=True, help="Set KEY back to its default (unset it).")
@db_option
@click.pass_context
@user_errors
def settings_command(ctx, key: str | None, value: str | None, to_default: bool, db: Path | None) -> None:
    """List the settings, show one, or set KEY to VALUE.

    \b
    smarkmeet settings weekly_lead_target 25
    smarkmeet settings sales_sla_hours 24
    smarkmeet settings sales_sla_target 90%
    smarkmeet settings rejection_reasons "not a fit, no budget, duplicate"
    smarkmeet settings weekly_lead_target --default
    """
    from smarkmeet.services.goals import currency as team_currency
    from smarkmeet.services.settings import (
        SETTINGS, SettingError, change, currency_note, current, describe_keys, reset, shown,
    )

    path = existing_log_path(ctx, db)
    if key is not None and key not in SETTINGS:
        raise UserError(f"no setting {key!r}; the settings are {describe_keys()}")
    if to_default and (key is None or value is not None):
        raise UserError("--default takes a KEY and no VALUE: smarkmeet settings KEY --default")
    log = open_log_at(path)
    try:
        currency = team_currency(log)  # money settings print as they are typed
        if to_default or value is not None:
            try:
                stored = reset(log, key) if to_default else change(log, key, value)  # type: ignore[arg-type]
            except SettingError as error:
                raise UserError(str(error)) from None
            echo(f"{key} = {shown(stored, key, currency)}" + ("  (default)" if log.setting(key, None) is None else ""))
            if key == "currency" and (note := currency_note(log, currency, stored)):
                click.echo(f"smarkmeet: note: {note}", err=True)
            return
        for setting, value, is_default in current(log):
            if key is None or setting.key == key:
                note = "  (default)" if is_default else ""
                echo(f"{setting.key} = {shown(value, setting.key, currency)}{note}")
                echo(f"    {setting.meaning}")
    finally:
        log.close()
