"""``smarkmeet search``: find anything the team wrote, from the shell."""

from __future__ import annotations

from pathlib import Path

import click

from smarkmeet.cli import UserError, db_option, existing_log_path, open_log_at, user_errors
from smarkmeet.cli_text import echo

KIND_CHOICES = ["action", "note", "followup", "meeting", "verdict", "glossary"]


@click.command("search", short_help="Search items, notes, summaries, lead comments, glossary.")
@click.argument("words", nargs=-1, required=True)
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KIND_CHOICES),
              help="Only this kind of entry (repeat for several).")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True,
              help="Best hits shown per kind.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: counts per kind and the hits.")
@click.option("--rebuild", is_flag=True, help="Rebuild the search index from the log first.")
@db_option
@click.pass_context
@user_errors
def search_command(ctx, words: tuple[str, ...], kinds: tuple[str, ...], limit: int, as_json: bool, rebuild: bool,
                   db: Path | None) -> None:
    """Search action items, criticism notes and follow-ups, meeting summaries, lead comments and the glossary.

    Each word matches the start of a word (case and accents ignored): `web lead` finds
    "Webinar leads to sales".
    """
    from smarkmeet.services.search import render_results_json, render_results_text, search
    from smarkmeet.services.search import search_words

    text = " ".join(words)
    if not search_words(text):
        raise UserError("give at least one word of two letters or digits or more to search for")
    path = existing_log_path(ctx, db)
    log = open_log_at(path)
    try:
        if rebuild:
            log.search.rebuild()
        results = search(log, text, kinds=kinds, per_kind=limit)
        said = render_results_json(results) if as_json else render_results_text(results, text, log, kinds=kinds)
    finally:
        log.close()
    echo(said)
