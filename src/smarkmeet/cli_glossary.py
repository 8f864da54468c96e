"""``smarkmeet glossary``: the team's agreed terms, from the shell.

Registered in :mod:`smarkmeet.cli`; the service and the log are imported inside each
command so that ``smarkmeet --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from smarkmeet.cli import UserError, db_option, existing_log_path, group_db_option, open_log_at, user_errors


def _open_existing_log(ctx: click.Context, db: Path | None):
    path = existing_log_path(ctx, db)
    return open_log_at(path)


@click.group("glossary", short_help="The team's agreed terms: list, show and define them.")
@group_db_option
def glossary_group() -> None:
    """The team's common language: what a lead, an MQL, an SAL, an SQL is."""


@glossary_group.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
@user_errors
def list_terms(ctx: click.Context, db: Path | None, as_json: bool) -> None:
    """List every term with its current definition, alphabetically."""
    from smarkmeet.services.glossary import all_terms

    log = _open_existing_log(ctx, db)
    try:
        terms = all_terms(log)
    finally:
        log.close()
    if as_json:
        import json

        records = [
            {"term": t.term, "definition": t.definition, "revision": t.revision,
             "updated_at": t.updated_at.isoformat()}
            for t in terms
        ]
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    if not terms:
        click.echo("The glossary is empty. Add a term with: smarkmeet glossary define TERM DEFINITION")
        return
    from smarkmeet.domain.cells import cell_width, pad

    width = min(24, max(cell_width(t.term) for t in terms))
    for entry in terms:
        click.echo(_hanging(pad(entry.term, width), entry.definition, width + 2))
    click.echo(f"\n{len(terms)} term(s)")


@glossary_group.command("show", short_help="A term's definition and its history.")
@db_option
@click.argument("term")
@click.pass_context
@user_errors
def show_term(ctx: click.Context, db: Path | None, term: str) -> None:
    """Show TERM's definition and its history: when, by whom, in which meeting."""
    from smarkmeet.services.glossary import GlossaryError, get_term, history

    log = _open_existing_log(ctx, db)
    try:
        entry = get_term(log, term)
        lines = history(log, entry)
    except GlossaryError as error:
        raise UserError(str(error)) from None
    finally:
        log.close()
    click.echo(f"{entry.term} (revision {entry.revision})")
    click.echo(_hanging("", entry.definition, 2))
    click.echo("\nHistory, newest first:")
    for line in lines:
        stamp = f"{line.changed_at:%Y-%m-%d %H:%M}"
        credit = " · ".join(part for part in (line.changed_by, line.meeting) if part)
        click.echo(f"  rev {line.revision}  {stamp}" + (f"  {credit}" if credit else ""))
        click.echo(_hanging("", line.definition, 8))


@glossary_group.command("define")
@db_option
@click.argument("term")
@click.argument("definition")
@click.option("--by", "by", metavar="PERSON", help="Who agreed the change (handle or name).")
@click.pass_context
@user_errors
def define(ctx: click.Context, db: Path | None, term: str, definition: str, by: str | None) -> None:
    """Add TERM with DEFINITION, or give TERM a new revision. The old definition is kept."""
    from smarkmeet.services.glossary import GlossaryError, define_term, person_id_for

    log = _open_existing_log(ctx, db)
    try:
        changed_by = person_id_for(log, by) if by else None
        outcome = define_term(log, term, definition, changed_by=changed_by)
    except GlossaryError as error:
        raise UserError(str(error)) from None
    finally:
        log.close()
    click.echo(outcome.describe())


def _hanging(head: str, text: str, indent: int) -> str:
    """``head`` then ``text`` wrapped to the terminal, continuation lines indented."""
    import shutil
    import textwrap

    width = max(40, min(100, shutil.get_terminal_size((100, 24)).columns))
    prefix = head + " " * max(1, indent - len(head)) if head else " " * indent
    return textwrap.fill(text, width=width, initial_indent=prefix, subsequent_indent=" " * indent)
