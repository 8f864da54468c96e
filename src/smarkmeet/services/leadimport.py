"""Importing a CRM's lead export: new leads are added, known ones (by CRM id) updated, bad rows reported.

Only the fields the file carries are touched. A CRM status or converted flag that changed
since the last import becomes a verdict (``via = 'import'``) when it means something new;
re-importing the same export changes nothing. A dry run, or a strict import with a bad
row, writes nothing. Otherwise the rows are written a part at a time, each part all or
nothing; a failure part-way says how many rows were written, and running the same import
again finishes it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from smarkmeet.domain.enums import FeedbackVia, LeadStage, Verdict
from smarkmeet.domain.ids import new_id
from smarkmeet.services.crmmapping import NO_REASON, Mapping, MappingError, Outcome, load_mapping, normalise, preset
from smarkmeet.services.csvfile import CsvFileError, read_csv
from smarkmeet.services.leadmapping import (
    MappedFile,
    MappedRow,
    MissingColumnError,
    RejectedRow,
    became_customer,
    fold_sources,
    map_rows,
    outcome_of,
)
from smarkmeet.services.leadreview import rejection_reasons
from smarkmeet.store.leads import days_between, implied_stage, verdict_fields
from smarkmeet.store.errors import LogError, LogWriteError
from smarkmeet.store.log import Log, sql_value

Progress = Callable[[int], None]  # called with the number of rows just processed
CHUNK = 2000


class LeadImportError(Exception):
    """The import as a whole cannot run (file, mapping, columns); nothing was written."""


class ImportInterrupted(Exception):
    """Ctrl-C stopped an import after some parts were written (they stay, and are recorded)."""


# said of a file with no creation date column (a whole CRM history, often), before and after its import
UNDATED_NOTE = ("No creation date in this file: its new leads get the import's time and are in no week's "
                "figures (the meeting's lead review, trends, a period's report); a report over all time "
                "counts them. Map a created column to count them by week.")


@dataclass
class ImportReport:
    file: str
    mapping: str
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    verdicts: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    skipped_fields: list[str] = field(default_factory=list)
    merged_sources: dict[str, list[str]] = field(default_factory=dict)
    ragged_rows: list[int] = field(default_factory=list)  # more or fewer cells than the header
    undated_new: int = 0  # new leads whose creation date cell was empty (a created column mapped)
    unmapped: dict[str, dict[str, int]] = field(default_factory=dict)
    dry_run: bool = False
    strict: bool = False
    written: bool = False
    import_id: str | None = None

    @property
    def accepted(self) -> int:
        return self.new + self.updated + self.unchanged

    def summary(self, shown_rejections: int = 20) -> str:
        """The report in words, as the CLI prints it and the TUI shows it."""
        report = self
        head = "Dry run — nothing was written." if report.dry_run else (
            "Imported." if report.written else "Nothing was written."
        )
        refused = "" if report.written or report.dry_run else ", as they would have been imported"
        lines = [
            f"{head} {report.file} ({report.mapping} mapping), {report.rows:,} row{'' if report.rows == 1 else 's'}"
            f"{refused}:",
            f"  new        {report.new:>8,}",
            f"  updated    {report.updated:>8,}",
            f"  unchanged  {report.unchanged:>8,}",
            f"  rejected   {len(report.rejected):>8,}",
            # a strict import refused writes nothing either: its figures are what it would have done
            f"  verdicts {'that would be ' if not report.written else ''}recorded from CRM status: {report.verdicts:,}",
            "  columns: " + ", ".join(f"{name} ← {column!r}" for name, column in report.columns.items()),
        ]
        if report.skipped_fields:
            lines.append("  not in this file (left as they were): " + ", ".join(report.skipped_fields))
        if report.new and "created" not in report.columns:
            lines.append("  " + UNDATED_NOTE)
        elif report.undated_new:  # an empty cell in a dated file: said, as a file with no dates is
            lines.append(f"  {report.undated_new:,} new lead(s) with no creation date ({report.columns['created']!r} "
                         "empty, or marked not known): they get the import's time and are in no week's figures "
                         "(a report over all time counts them)")
        if report.ragged_rows:
            first = ", ".join(str(row) for row in report.ragged_rows[:5])
            lines.append(f"  {len(report.ragged_rows):,} row(s) with more or fewer cells than the header (row "
                         f"{first}{', …' if len(report.ragged_rows) > 5 else ''}): read as they stand, a missing "
                         "cell empty, a cell past the header's columns left out — check the file's quoting")
        # (a re-import that changed nothing merged nothing: it wrote no lead)
        for kept, merged in report.merged_sources.items() if report.new or report.updated else ():
            lines.append(f"  sources merged: {', '.join(repr(m) for m in merged)} → {kept!r}")
        for name, values in report.unmapped.items():
            shown = ", ".join(f"{value!r} ({count})" for value, count in list(values.items())[:8])
            more = f", and {len(values) - 8:,} more (see --json)" if len(values) > 8 else ""
            kept = ("a new lead at mql, a known one at its stage" if name == "stage"  # no column holds a raw stage
                    else f"kept as raw CRM {name}, no verdict")
            lines.append(f"  {name} values not in the mapping ({kept}): {shown}{more}")
        if report.rejected:
            if report.strict:
                lines.append("Strict import: the rows below were rejected, so nothing was written.")
            lines.append("Rejected rows (row numbers as in a spreadsheet; the header is row 1):")
            lines += _rejection_lines(report.rejected, shown_rejections)
        return "\n".join(lines)

    def as_json(self) -> dict:
        data = asdict(self)
        data["rejected"] = [asdict(row) for row in self.rejected]
        return data


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'")  # a value as a reason quotes it: 'Lead Number' '660737'


def _rejection_lines(rejected: list[RejectedRow], shown: int) -> list[str]:
    """The rejected rows in words, at most ``shown`` lines: rows rejected for the same reason (the
    values quoted in it aside) said once with how many and which, and the first as an example —
    9,240 rows whose date column held lead numbers read as 20 lines of the same sentence."""
    groups: dict[str, list[RejectedRow]] = {}
    for row in rejected:
        groups.setdefault(_QUOTED.sub("…", row.reason), []).append(row)
    lines: list[str] = []
    told = 0
    for same in groups.values():
        if len(lines) >= shown:
            break
        if len(same) < 3:
            for row in same[:shown - len(lines)]:
                lines.append(f"  row {row.row}: {row.reason}")
                told += 1
            continue
        lines.append(f"  {len(same):,} rows ({_rows_said([row.row for row in same])}), e.g. row {same[0].row}: "
                     f"{same[0].reason}")
        told += len(same)
    if told < len(rejected):
        lines.append(f"  … and {len(rejected) - told:,} more (see --json)")
    return lines


def _rows_said(rows: list[int]) -> str:
    """``rows 2–9,241`` for a run, else the first few: ``rows 2, 5, 9, 14, 20, …``."""
    if rows[-1] - rows[0] == len(rows) - 1:
        return f"rows {rows[0]:,}–{rows[-1]:,}"
    return "rows " + ", ".join(f"{row:,}" for row in rows[:5]) + (", …" if len(rows) > 5 else "")


def mapping_for(preset_name: str | None, mapping_path: Path | None) -> Mapping:
    """The mapping asked for: a mapping file, else a preset (default: generic)."""
    try:
        if mapping_path is not None:
            return load_mapping(mapping_path)
        return preset(preset_name or "generic")
    except MappingError as error:
        raise LeadImportError(str(error)) from None


def refuse_the_log(path: Path, log_path: Path | None) -> None:
    """A CRM export is never the log itself (nor its -wal or -shm): reading the log's files as a
    CSV would also give up this process's locks on them (see store.log.check_log_file)."""
    if log_path is None:
        return
    for part in (log_path, log_path.with_name(log_path.name + "-wal"), log_path.with_name(log_path.name + "-shm")):
        try:
            same = os.path.samefile(path, part)
        except OSError:  # one of them does not exist
            continue
        if same:
            raise LeadImportError(f"{path} is {'the log itself' if part == log_path else 'part of the log'}, "
                                  "not a CRM export; nothing was imported")


def read_and_map(path: Path, mapping: Mapping, now: datetime, *, encoding: str = "utf-8-sig",
                 delimiter: str | None = None) -> MappedFile:
    try:
        table = read_csv(path, encoding=encoding, delimiter=delimiter)
        return map_rows(table, mapping, now)
    except (CsvFileError, MissingColumnError) as error:
        raise LeadImportError(str(error)) from None


def import_leads(
    log: Log, path: Path, mapping: Mapping, *, dry_run: bool = False, strict: bool = False,
    encoding: str = "utf-8-sig", delimiter: str | None = None, progress: Progress | None = None,
) -> ImportReport:
    refuse_the_log(path, log.path)
    now = log.clock.now()
    mapped = read_and_map(path, mapping, now, encoding=encoding, delimiter=delimiter)
    report = ImportReport(
        file=str(path), mapping=mapping.name, rows=len(mapped.rows) + len(mapped.rejected),
        rejected=sorted(mapped.rejected, key=lambda r: r.row), columns=mapped.columns,
        # created_known only qualifies a created column (smarkmeet's own export has it): not a field to miss
        skipped_fields=[name for name in mapped.skipped if name != "created_known"],
        dry_run=dry_run, strict=strict, ragged_rows=mapped.ragged,
        unmapped={name: dict(counts.most_common()) for name, counts in mapped.unmapped.items()},
    )
    writing = not dry_run and not (strict and report.rejected) and bool(mapped.rows)
    if mapping.fold_source_case:
        report.merged_sources = fold_sources(mapped.rows, log.leads.source_spellings())
    if not writing:
        plan = _Plan(log, mapping, now, new_id())
        for chunk in _chunks(mapped.rows):
            plan.add(chunk, log.leads.by_crm_ids([row.crm_id for row in chunk]))
            if progress:
                progress(len(chunk))
        report.new, report.updated, report.unchanged = len(plan.new_leads), len(plan.updates), plan.unchanged
        report.verdicts, report.undated_new = len(plan.feedback), plan.undated
        return report
    # Written a part at a time, each part read and written under one short write lock: a
    # verdict given in a meeting meanwhile can't be overwritten by a stale reading, and a
    # meeting writing to the same log waits a fraction of a second, never the whole import.
    # The import record is written with the last part; re-running an interrupted import
    # finishes it (known CRM ids are updated, not duplicated).
    import_id = new_id()
    report.new = report.updated = report.unchanged = report.verdicts = report.undated_new = 0
    chunks = list(_chunks(mapped.rows))
    done, chunk = 0, []
    try:
        for number, chunk in enumerate(chunks, start=1):
            _write_part(log, mapping, now, import_id, chunk, report, path, last=number == len(chunks))
            done += len(chunk)
            if progress:
                progress(len(chunk))
    except (LogWriteError, KeyboardInterrupt) as error:
        # an interrupt may land after a part's COMMIT and before it was counted: the log says
        if log.one("SELECT 1 FROM lead_imports WHERE id = ?", [import_id]):
            raise  # the whole import is in (its record is written with the last part)
        if done < len(mapped.rows) and chunk and log.one(
                "SELECT 1 FROM leads WHERE import_id = ? AND crm_id IN (SELECT value FROM json_each(?)) LIMIT 1",
                [import_id, json.dumps([row.crm_id for row in chunk])]):
            done += len(chunk)
        if not done:
            raise
        stopped = (f"the import stopped after {done:,} of {len(mapped.rows):,} rows were written; run the "
                   "same import again to finish it (rows already written are not duplicated)")
        _record_stopped(log, _import_record(log, mapping, now, import_id, path, report, stopped_after=done))
        if isinstance(error, KeyboardInterrupt):
            raise ImportInterrupted(f"interrupted — {stopped}") from None
        raise LogWriteError(f"{error.problem} — {stopped}") from error
    report.written = True
    return report


def _write_part(log: Log, mapping: Mapping, now: datetime, import_id: str, chunk: list[MappedRow],
                report: ImportReport, path: Path, *, last: bool) -> None:
    """Read, plan and write one part of an import under one write lock; the record with the last part."""
    crm_ids = [row.crm_id for row in chunk]
    existing = log.leads.by_crm_ids(crm_ids)
    plan = _Plan(log, mapping, now, import_id)  # worked out before the lock, so others write meanwhile
    plan.add(chunk, existing)
    with log.transaction(bulk=True):
        current = log.leads.by_crm_ids(crm_ids)
        if current != existing:  # a meeting changed one of these leads meanwhile: plan on what is there now
            plan = _Plan(log, mapping, now, import_id)
            plan.add(chunk, current)
        counts = (len(plan.new_leads), len(plan.updates), plan.unchanged, len(plan.feedback))
        record = _import_record(log, mapping, now, import_id, path, report, counts=counts) if last else None
        log.leads.write_import(record, plan.new_leads, plan.updates, plan.feedback)
    # counted once the part is committed
    report.new += counts[0]
    report.updated += counts[1]
    report.unchanged += counts[2]
    report.verdicts += counts[3]
    report.undated_new += plan.undated
    if last:
        report.import_id = import_id


def _import_record(log: Log, mapping: Mapping, now: datetime, import_id: str, path: Path, report: ImportReport, *,
                   counts: tuple[int, ...] = (0, 0, 0), stopped_after: int | None = None) -> dict:
    """The import's row in ``lead_imports``: the report's counts (plus ``counts``, the last part's,
    not yet added to them); ``stopped_after`` for an import stopped part-way."""
    kept = {k: v for k, v in report.as_json().items() if k in _KEPT}
    if stopped_after is not None:
        kept["stopped_after_rows"] = stopped_after
    return {
        "id": import_id, "file": str(path), "mapping": mapping.name,
        "started_at": sql_value(now), "finished_at": sql_value(log.clock.now()), "rows": report.rows,
        "new": report.new + counts[0], "updated": report.updated + counts[1],
        "unchanged": report.unchanged + counts[2], "rejected": len(report.rejected),
        "report": json.dumps(kept, ensure_ascii=False),
    }


def _record_stopped(log: Log, record: dict) -> None:
    """Record an import that stopped part-way, so the leads it wrote name an import that is
    there (its report says how far it got); nothing more is said if that cannot be written."""
    try:
        with log.transaction(bulk=True):
            log.leads.write_import(record, [], [], [])
    except (LogError, KeyboardInterrupt):
        pass


def _chunks(rows: list[MappedRow]) -> Iterator[list[MappedRow]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


@dataclass(frozen=True)
class PreviewRow:
    row: int
    crm_id: str
    name: str
    source: str
    created: str
    status: str
    verdict: str  # what the import would record, e.g. "rejected: no budget", or "" for none
    note: str = ""  # why, where the status alone does not say: "converted flag", "status not in the mapping"


@dataclass(frozen=True)
class Preview:
    rows: list[PreviewRow]
    total: int
    rejected: list[RejectedRow]
    columns: dict[str, str]
    skipped: list[str]


def preview_import(path: Path, mapping: Mapping, now: datetime, *, limit: int = 12,
                   encoding: str = "utf-8-sig") -> Preview:
    """The first rows as the mapping reads them, before anything is written."""
    mapped = read_and_map(path, mapping, now, encoding=encoding)
    rows = []
    for row in mapped.rows[:limit]:
        fields = row.fields
        status = str(fields.get("crm_status", ""))
        converted = became_customer(fields.get("crm_converted"), fields.get("stage"))
        outcome = outcome_of(mapping, status, converted, row.reason)
        verdict = "" if outcome.verdict is None else outcome.verdict.value + (f": {outcome.reason}" if outcome.reason else "")
        by_status = mapping.status.get(normalise(status)) if status else None
        # "Lost to EINS → converted" read as a mistake: the converted flag (or stage) wins over the status
        said_by = "converted flag" if fields.get("crm_converted") else "stage customer"
        note = (said_by if converted and status and (by_status is None or by_status.verdict is not Verdict.CONVERTED)
                else "status not in the mapping" if status and by_status is None else "")
        created = fields.get("created_at")
        rows.append(PreviewRow(row.row, row.crm_id, str(fields.get("name", "")), str(fields.get("source", "")),
                               f"{created:%Y-%m-%d %H:%M}" if isinstance(created, datetime) else "(import time)",
                               status, verdict, note))
    return Preview(rows, len(mapped.rows) + len(mapped.rejected), mapped.rejected, mapped.columns, mapped.skipped)


def _known_created(state: dict) -> datetime | None:
    created = state.get("created_at")
    if not state.get("created_known") or created is None:
        return None
    return datetime.fromisoformat(created) if isinstance(created, str) else created


_KEPT = ("rejected", "columns", "skipped_fields", "merged_sources", "unmapped", "ragged_rows")


class _Plan:
    """What the import will write, worked out row by row against the log's current leads."""

    def __init__(self, log: Log, mapping: Mapping, now: datetime, import_id: str) -> None:
        self.mapping, self.now, self.import_id = mapping, now, import_id
        self.stamp = sql_value(now)
        # a CRM's "No Budget" is the team's "no budget": one reason in the rejection mix, not two
        self._spelled = {str(reason).casefold(): str(reason) for reason in rejection_reasons(log)}
        self._template = {
            "id": None, "crm_id": None, "name": "", "company": "", "email": "", "source": "",
            "created_at": self.stamp, "owner": "", "stage": LeadStage.MQL.value, "crm_status": "", "verdict": None,
            "reason": "", "verdict_at": None, "first_verdict_at": None, "first_verdict_timed": None,
            "first_verdict_days": None, "created_known": 0, "crm_converted": None, "updated_at": self.stamp,
            "import_id": import_id,
        }
        self.new_leads: list[dict] = []
        self.updates: list[tuple[str, dict]] = []
        self.feedback: list[dict] = []
        self.unchanged = 0
        self.undated = 0  # new leads given no creation date (an empty cell, or no column)

    def add(self, rows: list[MappedRow], existing: dict[str, dict]) -> None:
        for row in rows:
            current = existing.get(row.crm_id)
            if current is None:
                self._new(row)
            else:
                self._update(row, current)

    def _new(self, row: MappedRow) -> None:
        lead = dict(self._template)  # log values throughout: this runs once per new lead
        lead["id"], lead["crm_id"] = new_id(), row.crm_id
        if "created_at" not in row.fields:
            self.undated += 1
        for key, value in row.fields.items():
            lead[key] = value if type(value) is str else sql_value(value)
        if row.fields.get("crm_status") or "crm_converted" in row.fields or row.fields.get("stage") == LeadStage.CUSTOMER:
            state = {**lead, "stage": LeadStage(lead["stage"]), "created_at": row.fields.get("created_at", self.now)}
            for key, value in self._verdict(row, state).items():
                lead[key] = self.stamp if value is self.now else sql_value(value)
        self.new_leads.append(lead)

    def _update(self, row: MappedRow, current: dict) -> None:
        changes = {
            key: value for key, value in row.fields.items()
            # a blank cell never clears what the log already has
            if key != "stage" and value != "" and sql_value(value) != current.get(key)
        }
        state = {**current, **{key: value for key, value in changes.items()}}
        for key in ("verdict_at", "first_verdict_at"):
            state[key] = datetime.fromisoformat(current[key]) if current[key] else None
        state["stage"] = LeadStage(row.fields.get("stage", current["stage"]))
        # a stage newly at customer says the lead converted, as a converted flag does
        reached = state["stage"] is LeadStage.CUSTOMER and current["stage"] != LeadStage.CUSTOMER.value
        if ("crm_status" in changes or "crm_converted" in changes or reached) and \
                self._means_something_new(row, current, state):
            changes.update(self._verdict(row, state))
        if "created_at" in changes and "first_verdict_at" not in changes and current["first_verdict_timed"] == 1:
            changes["first_verdict_days"] = days_between(_known_created(state), state["first_verdict_at"])
        stage = implied_stage(LeadStage(changes.get("stage", state["stage"])), state.get("verdict") and Verdict(state["verdict"]))
        if stage.value != current["stage"]:
            changes["stage"] = stage
        if not changes:
            self.unchanged += 1
            return
        changes.update(updated_at=self.now, import_id=self.import_id)
        self.updates.append((current["id"], {key: sql_value(value) for key, value in changes.items()}))

    def _means_something_new(self, row: MappedRow, current: dict, state: dict) -> bool:
        """Whether the CRM record's new state implies another verdict than its previous state did.

        A relabelled status with the same meaning, or a converted flag first seen as "no",
        must not override a verdict sales gave in a meeting since the last import.
        """
        before = outcome_of(self.mapping, current["crm_status"] or "",
                            became_customer(current["crm_converted"], current["stage"]), "")
        after = outcome_of(self.mapping, str(state.get("crm_status") or ""),
                           became_customer(state.get("crm_converted"), state["stage"]), row.reason)
        return after.verdict is not None and (after.verdict, after.reason) != (before.verdict, before.reason) \
            or (after.verdict is not None and current["verdict"] is None)

    def _verdict(self, row: MappedRow, state: dict) -> dict:
        """Record the verdict the CRM record implies, if it says something the lead does not already say.

        Returns the lead fields that change (and updates ``state`` with them)."""
        converted = became_customer(state.get("crm_converted"), state.get("stage"))
        outcome = outcome_of(self.mapping, str(state.get("crm_status") or ""), converted, row.reason)
        if outcome.verdict is None:
            return {}
        if outcome.reason:
            outcome = Outcome(outcome.verdict, self._spelled.get(outcome.reason.casefold(), outcome.reason))
        if state.get("verdict") is not None and Verdict(state["verdict"]) is outcome.verdict and (
            outcome.reason in (state.get("reason") or "", NO_REASON)
        ):  # the same verdict; a rejection the CRM gives no reason for keeps the reason sales gave
            return {}
        timed = outcome.verdict is Verdict.CONVERTED and row.converted_at is not None
        given_at = row.converted_at if timed else self.now
        self.feedback.append({
            "id": new_id(), "lead_id": state["id"], "verdict": outcome.verdict.value, "reason": outcome.reason,
            "comment": "", "given_by": None, "given_at": self.stamp if given_at is self.now else sql_value(given_at),
            "meeting_id": None,
            "via": FeedbackVia.IMPORT.value, "timed": int(timed),
        })
        fields = verdict_fields(
            stage=LeadStage(state["stage"]), verdict_at=state.get("verdict_at"),
            first_verdict_at=state.get("first_verdict_at"), created_at=_known_created(state),
            verdict=outcome.verdict, reason=outcome.reason, given_at=given_at, timed=timed,
        )
        state.update(fields)
        return fields
