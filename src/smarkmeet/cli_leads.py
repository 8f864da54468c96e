"""``smarkmeet leads …``: import a CRM export, report on lead sources, print a mapping preset to edit."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import click

from smarkmeet.cli import (
    EXIT_INTERRUPTED,
    EXIT_USER_ERROR,
    NamedPath,
    UserError,
    db_option,
    existing_log_path,
    group_db_option,
    is_empty_file,
    open_log_at,
    resolve_db,
    user_errors,
)
from smarkmeet.cli_text import echo, terminal_width

EXIT_SOME_ROWS_REJECTED = 1


@click.group("leads")
@group_db_option
def leads_group() -> None:
    """Import leads from the CRM and report on what became of them."""


@leads_group.command("import", short_help="Import a CRM export (CSV); a later one updates leads.")
@click.argument("file", type=NamedPath(dir_okay=False, path_type=Path))
@click.option("--preset", type=click.Choice(["hubspot", "salesforce", "generic"]), default=None,
              help="Column and value mapping for a common CRM export (default: generic).")
@click.option("--mapping", "mapping_path", type=NamedPath(dir_okay=False, path_type=Path),
              help="A TOML mapping file (see: smarkmeet leads mapping generic).")
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--strict", is_flag=True, help="Any bad row aborts the import; nothing is written.")
@click.option("--encoding", default="utf-8-sig", show_default=True, help="The file's text encoding.")
@click.option("--delimiter", type=click.Choice([",", ";", "tab", "|"]), default=None, metavar="DELIM",
              help="Field delimiter: , ; tab or | (default: guessed from the header line).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@db_option
@click.pass_context
@user_errors
def import_command(ctx, file: Path, preset: str | None, mapping_path: Path | None, dry_run: bool, strict: bool,
                   encoding: str, delimiter: str | None, as_json: bool, db: Path | None) -> None:
    """Import FILE (a CSV export); leads already in the log are updated by CRM id.

    Exit status: 0 when every row was imported, 1 when some rows were rejected,
    2 when nothing was imported.
    """
    from smarkmeet.services.csvfile import row_estimate
    from smarkmeet.services.leadimport import ImportInterrupted, LeadImportError, import_leads, mapping_for, refuse_the_log

    if preset and mapping_path:
        raise UserError("give --preset or --mapping, not both")
    mapping = _or_user_error(LeadImportError, mapping_for, preset, mapping_path)
    path = resolve_db(ctx, db)
    _or_user_error(LeadImportError, refuse_the_log, file, path)  # before anything reads the file
    created = False
    if dry_run and (not path.exists() or is_empty_file(path)):  # check against an empty log; create nothing
        from smarkmeet.clock import SystemClock
        from smarkmeet.store.log import memory_log

        log = memory_log(SystemClock())
    else:
        created = not path.exists()
        log = open_log_at(path)
    try:
        def run(progress=None):
            return _or_user_error(
                LeadImportError, import_leads, log, file, mapping, dry_run=dry_run, strict=strict,
                encoding=encoding, delimiter="\t" if delimiter == "tab" else delimiter, progress=progress,
            )

        try:
            if sys.stderr.isatty():
                with click.progressbar(length=row_estimate(file), label="Importing", file=sys.stderr,
                                       show_pos=True, show_eta=False) as bar:
                    report = run(bar.update)
            else:
                report = run()
        except ImportInterrupted as stopped:
            click.echo(f"\nsmarkmeet: {stopped}", err=True)
            sys.exit(EXIT_INTERRUPTED)
    finally:
        # an import that wrote nothing leaves no log behind it that was not there before
        forget = created and log.is_empty()
        log.close()
        if forget:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
    if as_json or report.rows:  # (a file with a header alone got a report of zeros, then the error)
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False) if as_json else report.summary())
    if report.rows == 0:
        raise UserError(f"{file} has no data rows; nothing was imported")
    if report.rejected and (strict or not report.accepted):  # said on stderr too, beside the exit code
        would = "would be" if dry_run else "was"
        why = ("--strict, and some rows were rejected" if strict and report.accepted
               else f"every row was rejected ({len(report.rejected):,})")
        click.echo(f"smarkmeet: error: {why}: nothing {would} imported; the reasons are listed above", err=True)
        sys.exit(EXIT_USER_ERROR)
    if report.rejected:
        sys.exit(EXIT_SOME_ROWS_REJECTED)


def _or_user_error(error_type, func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except error_type as error:
        raise UserError(str(error)) from None


@leads_group.command("report", short_help="Leads by source, owner or reason, and both SLAs.")
@click.option("--since", help="Leads delivered on or after this day: 2026-09-01, yesterday, '12 weeks ago' "
                              "(or 12w), 'last monday', -2w, '1 dec'.")
@click.option("--until", help="Leads delivered up to the end of this day (same forms).")
@click.option("--by", type=click.Choice(["source", "owner", "reason"]), default="source", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (percentages in percentage points).")
@db_option
@click.pass_context
@user_errors
def report_command(ctx, since: str | None, until: str | None, by: str, as_json: bool, db: Path | None) -> None:
    """Per source (or owner): leads, accepted/rejected/nurture/converted %, not worked, days to first verdict;
    the rejection mix; marketing SLA attainment and sales SLA compliance."""
    from smarkmeet.services.leadreport import lead_report
    from smarkmeet.services.leadreview import owner_labels

    path = existing_log_path(ctx, db)
    log = open_log_at(path)
    try:
        start = _moment(since, log, "--since")
        end = _moment(until, log, "--until", end_of_day=True)
        if start and end and end <= start:
            raise UserError(f"--until {until} is before --since {since}: the last day may not come before the first "
                            "(the same day is one day)")
        if start and start > log.clock.now():  # an empty table would read as a week with no leads
            raise UserError(f"--since {since} is in the future: no lead can have been delivered since then yet")
        report = lead_report(log, by=by, since=start, until=end)  # type: ignore[arg-type]
        # the CRM's "tomas" as the team says it (Tomás), as the app's report does; the JSON keeps the CRM's
        labels = owner_labels(log) if by == "owner" and not as_json else {}
    finally:
        log.close()
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        echo(render_report(report, labels, width=terminal_width()))


def _moment(text: str | None, log, option: str, *, end_of_day: bool = False) -> datetime | None:
    """The start of the day ``text`` names (the end of it for --until), local time, as the app's
    periods start."""
    from datetime import timedelta

    from smarkmeet.services.leadreport import read_report_date

    if text is None:
        return None
    if not text.strip():  # --since "" (a variable left empty): not "all time" without a word
        raise UserError(f"{option} needs a day, e.g. 2026-09-01, yesterday or '12 weeks ago'")
    try:
        day = read_report_date(text, log.clock.today())
    except ValueError as error:
        raise UserError(f"{option}: {error}") from None
    day = day + timedelta(days=1) if end_of_day else day
    return log.clock.start_of(day)


def render_report(report, labels: dict[str, str] | None = None, width: int | None = None) -> str:
    """The report as a table; ``labels``: owners as the team says them (leadreview.owner_labels).

    ``width``: the terminal's, where a source's name too long for its column is cut with …;
    None (piped or redirected), the column is as wide as the longest name, every name whole."""
    from datetime import timedelta

    from smarkmeet.domain.cells import cell_width, fit, pad

    def rule(*widths: int) -> str:  # under each column, as the other commands' tables draw it
        return " ".join("─" * width for width in widths)

    def name_width(names: list[str], least: int, others: int) -> int:
        longest = max([least, *(cell_width(name) for name in names)])
        return longest if width is None else max(least, min(longest, width - others))

    from smarkmeet.domain.enums import Unit
    from smarkmeet.domain.metrics import amount, percent
    from smarkmeet.services.leadreview import owner_label
    from smarkmeet.services.leadreport import marketing_note

    # until is the instant the period ends (the start of the day after --until): the day named is the last one in
    last = (report.until - timedelta(microseconds=1)).date() if report.until else "now"
    period = f"{report.since.date() if report.since else 'the start'} to {last}"
    lines = [f"Leads by {report.by}, delivered from {period} (current verdicts)", ""]
    if report.by == "reason":
        named = name_width([r.reason for r in report.reasons], 28, 19)
        header = f"{pad('Reason', named)} {'Rejections':>10} {'Share':>7}"
        lines += [header, rule(named, 10, 7)]
        lines += [f"{pad(fit(r.reason, named), named)} {r.rejections:>10,} {percent(r.share, 1):>7}"
                  for r in report.reasons]
        if not report.reasons:
            lines.append("(no rejections in this period)")
    else:
        # the verdicts in the app's order: converted, accepted, nurture, rejected
        rows = [row for row in [*report.rows, report.total] if row is not None]
        shown = ["All" if row is report.total else owner_label(labels or {}, row.label) for row in rows]
        named = name_width(shown, 24, 56)
        header = f"{pad(report.by.capitalize(), named)} {'Leads':>7} {'Conv%':>6} {'Acc%':>6} {'Nur%':>6} {'Rej%':>6} " \
                 f"{'Not worked':>10} {'Days→1st':>8}"
        lines += [header, rule(named, 7, 6, 6, 6, 6, 10, 8)]
        for row, label in zip(rows, shown, strict=True):
            days = "—" if row.median_days is None else f"{row.median_days:.1f}"
            lines.append(
                f"{pad(fit(label, named), named)} {row.leads:>7,} "
                + " ".join(f"{percent(row.share(verdict), 1):>6}" for verdict in ("converted", "accepted", "nurture",
                                                                                   "rejected"))
                + f" {row.not_worked:>10,} {days:>8}"
            )
        if not rows:  # a bare header read as if something had failed
            lines.append("(no leads delivered in this period)")
        if report.reasons:
            mix = [f"{r.reason} {percent(r.share)}" for r in report.reasons]
            lines += ["", *_wrapped("Rejection mix: ", mix, width)]
    sla = report.sla
    if sla is not None:
        note = marketing_note(sla)
        marketing = (
            f"Marketing SLA: {sla.qualified:,} qualified leads delivered of {amount(sla.target, Unit.COUNT)} agreed → "
            f"{percent(sla.marketing)} [{sla.marketing_rag}]" if sla.target else
            f"Marketing SLA: {sla.qualified:,} qualified leads delivered"
        ) + (f"; {note}" if note else "")
        lines += [
            "",
            marketing,
            f"Sales SLA: {sla.within:,} of {sla.judged:,} leads got a first verdict within {sla.hours:g} h → "
            f"{percent(sla.sales, against=sla.sales_target)} (target {percent(sla.sales_target)}) [{sla.sales_rag or '—'}]"
            + (f"; {sla.pending:,} still inside the window" if sla.pending else "")
            + (f"; {sla.unknown:,} with no wait to count (no dates)" if sla.unknown else ""),
        ]
    return "\n".join(lines)


def _wrapped(head: str, parts: list[str], width: int | None) -> list[str]:
    """``head`` then ``parts`` a comma apart, on lines of ``width`` (None: one line) broken
    between parts, never inside one (an 80-column terminal wrapped "not a" / "buyer 14%")."""
    from smarkmeet.domain.cells import cell_width

    lines = [head]
    for n, part in enumerate(parts):
        piece = part + ("," if n < len(parts) - 1 else "")
        if width is not None and lines[-1].strip() and cell_width(lines[-1]) + 1 + cell_width(piece) > width:
            lines.append("  " + piece)
        else:
            lines[-1] += ("" if lines[-1].endswith(" ") else " ") + piece
    return lines


@leads_group.command("mapping")
@click.argument("preset", type=click.Choice(["hubspot", "salesforce", "generic"]), metavar="PRESET")
def mapping_command(preset: str) -> None:
    """Print a preset as a mapping file to copy and edit."""
    from smarkmeet.services.crmmapping import preset_text

    click.echo(preset_text(preset), nl=False)


@leads_group.command("verdict", short_help="Give a lead a verdict between meetings.")
@click.argument("crm_id")
@click.argument("verdict", metavar="VERDICT",  # (its error named "'{accepted|rejected|nurture|converted}'")
                type=click.Choice(["accepted", "rejected", "nurture", "converted"], case_sensitive=False))
@click.option("--reason", default="", help="Why it was rejected: one of the team's rejection_reasons.")
@click.option("--comment", default="", help="Why, in words (searched with the rest).")
@click.option("--by", "given_by", default=None, help="Who gave it: a handle or a name (default: no one named).")
@db_option
@click.pass_context
@user_errors
def verdict_command(ctx, crm_id: str, verdict: str, reason: str, comment: str, given_by: str | None,
                    db: Path | None) -> None:
    """Give the lead CRM_ID a verdict outside a meeting: accepted, rejected (with --reason),
    nurture or converted. Recorded as any verdict is (the lead's current verdict, its history,
    the reports), with `via` cli and no meeting: for a seller reporting back between meetings,
    or a lead imported without a date, which no week's review lists."""
    from smarkmeet.domain.enums import Verdict
    from smarkmeet.services.leadreview import describe_verdict, give_verdict_between_meetings
    from smarkmeet.services.people import PersonLookupError, one_person

    path = existing_log_path(ctx, db)
    log = open_log_at(path)
    try:
        lead = _lead_named(log, crm_id)
        person = None
        if given_by is not None:
            try:
                person = one_person(log, given_by, on_team=True)  # not someone who has left
            except PersonLookupError as error:
                raise UserError(str(error)) from None
        give_verdict_between_meetings(log, lead.id, Verdict(verdict.lower()), reason=reason, comment=comment,
                                      given_by=person.id if person else None)
        history = log.leads.history(lead.id)
    finally:
        log.close()
    echo(f"{lead.crm_id}  {lead.name or '(no name)'}: {describe_verdict(history[-1])}")


def _lead_named(log, typed: str):
    """The lead ``typed`` names, as the app's filter finds it: its CRM id in any case, or the end
    of one; refused in words when none is, or when it could be several."""
    if not typed.strip():
        raise UserError("give a lead's CRM id (an empty one was given)")
    lead = log.leads.by_crm_id(typed.strip())
    if lead is None:
        meant = _leads_meant(log, typed)
        if len(meant) > 1:
            raise UserError(f"{typed!r} could be {', '.join(meant[:5])}{', …' if len(meant) > 5 else ''}; "
                            "give the whole CRM id")
        lead = log.leads.by_crm_id(meant[0]) if meant else None
    if lead is None and len(typed.strip()) >= 4:  # within ids, not at their start or end: named, not taken
        within = [row["crm_id"] for row in log.rows(
            "SELECT crm_id FROM leads WHERE instr(lower(crm_id), lower(?)) > 0 ORDER BY crm_id LIMIT 6", [typed.strip()])]
        if within:
            raise UserError(f"no lead with CRM id {typed!r}; it is within {', '.join(within[:5])}"
                            f"{', …' if len(within) > 5 else ''}: give the whole CRM id")
    if lead is None:
        short = len(typed.strip()) < 3  # too short to be read as the end of an id
        raise UserError(f"no lead with CRM id {typed!r}"
                        + ("; give the whole CRM id, or 3 or more characters of its start or end (10021 for "
                           "CRM-10021)" if short else ""))
    return lead


def _leads_meant(log, typed: str) -> list[str]:
    """The CRM ids a lead may have been named by when none is exactly ``typed``: the CRM id in
    another case (crm-10003), its end (10003 for CRM-10003) or its start (2058ef08 for the
    2058ef08-2858-… the import preview shows); 3 or more characters."""
    text = typed.strip()
    # the usual spellings first, through the CRM id's index; then one pass over the leads
    rows = log.rows("SELECT crm_id FROM leads WHERE crm_id IN (:t, upper(:t), lower(:t)) ORDER BY crm_id LIMIT 6",
                    {"t": text})
    if not rows:
        exact = log.rows("SELECT crm_id, crm_id = :t COLLATE NOCASE AS whole FROM leads WHERE crm_id = :t COLLATE NOCASE"
                         + (" OR lower(substr(crm_id, -length(:t))) = lower(:t)"
                            " OR lower(substr(crm_id, 1, length(:t))) = lower(:t)" if len(text) >= 3 else "")
                         + " ORDER BY whole DESC, crm_id LIMIT 6", {"t": text})
        rows = [row for row in exact if row["whole"]] or exact
    return [row["crm_id"] for row in rows]


@leads_group.command("show", short_help="One lead and its verdict history.")
@click.argument("crm_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
@click.pass_context
@user_errors
def show_command(ctx, crm_id: str, as_json: bool, db: Path | None) -> None:
    """A lead and its verdict history: who gave each verdict, when, in which meeting or import."""
    from smarkmeet.services.leadreview import describe_verdict

    path = existing_log_path(ctx, db)
    log = open_log_at(path)
    try:
        lead = _lead_named(log, crm_id)
        history = log.leads.history(lead.id)
    finally:
        log.close()
    if as_json:
        click.echo(json.dumps({"lead": lead.row(), "verdicts": history}, indent=2, ensure_ascii=False))
        return
    echo(f"{lead.crm_id}  {lead.name or '(no name)'}  {lead.company}".rstrip())
    echo(f"  source {lead.source or '(none)'} · delivered {lead.created_at:%Y-%m-%d %H:%M}"
               f"{'' if lead.created_known else ' (import time)'} · owner {lead.owner or '(none)'} · "
               f"stage {lead.stage.value} · CRM status {lead.crm_status or '(none)'}")
    if not history:
        click.echo("  no verdict yet (not worked)")
    for entry in history:
        echo(f"  {describe_verdict(entry)}")
