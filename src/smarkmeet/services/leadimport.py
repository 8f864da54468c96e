"""Importing a CRM's lead export: new leads are added, known ones (by CRM id) updated, bad rows reported.

Only the fields the file carries are touched. A CRM status or converted flag that changed
since the last import becomes a verdict (``via = 'import'``) when it means something new;
re-importing the same export changes nothing. Everything lands in one transaction: a
strict import with a bad row, a dry run, or a failure writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from smarkmeet.domain.enums import FeedbackVia, LeadStage, Verdict
from smarkmeet.domain.models import new_id
from smarkmeet.services.crmmapping import Mapping, MappingError, load_mapping, preset
from smarkmeet.services.csvfile import CsvFileError, read_csv
from smarkmeet.services.leadmapping import (
    MappedFile,
    MappedRow,
    MissingColumnError,
    RejectedRow,
    fold_sources,
    map_rows,
    outcome_of,
)
from smarkmeet.store.leads import implied_stage, verdict_fields
from smarkmeet.store.log import Log, sql_value

Progress = Callable[[int], None]  # called with the number of rows just processed
CHUNK = 2000


class LeadImportError(Exception):
    """The import as a whole cannot run (file, mapping, columns); nothing was written."""


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
    unmapped: dict[str, dict[str, int]] = field(default_factory=dict)
    dry_run: bool = False
    strict: bool = False
    written: bool = False
    import_id: str | None = None

    @property
    def accepted(self) -> int:
        return self.new + self.updated + self.unchanged

    def as_json(self) -> dict:
        data = asdict(self)
        data["rejected"] = [asdict(row) for row in self.rejected]
        return data


def mapping_for(preset_name: str | None, mapping_path: Path | None) -> Mapping:
    """The mapping asked for: a mapping file, else a preset (default: generic)."""
    try:
        if mapping_path is not None:
            return load_mapping(mapping_path)
        return preset(preset_name or "generic")
    except MappingError as error:
        raise LeadImportError(str(error)) from None


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
    now = log.clock.now()
    mapped = read_and_map(path, mapping, now, encoding=encoding, delimiter=delimiter)
    report = ImportReport(
        file=str(path), mapping=mapping.name, rows=len(mapped.rows) + len(mapped.rejected),
        rejected=sorted(mapped.rejected, key=lambda r: r.row), columns=mapped.columns,
        skipped_fields=mapped.skipped, dry_run=dry_run, strict=strict,
        unmapped={name: dict(counts.most_common()) for name, counts in mapped.unmapped.items()},
    )
    if mapping.fold_source_case:
        report.merged_sources = fold_sources(mapped.rows, log.leads.source_spellings())
    plan = _Plan(log, mapping, now, new_id())
    for start in range(0, len(mapped.rows), CHUNK):
        chunk = mapped.rows[start:start + CHUNK]
        plan.add(chunk, log.leads.by_crm_ids([row.crm_id for row in chunk]))
        if progress:
            progress(len(chunk))
    report.new, report.updated, report.unchanged = len(plan.new_leads), len(plan.updates), plan.unchanged
    report.verdicts = len(plan.feedback)
    if dry_run or (strict and report.rejected) or not mapped.rows:
        return report
    report.import_id = plan.import_id
    with log.transaction():
        log.leads.write_import(
            {
                "id": plan.import_id, "file": str(path), "mapping": mapping.name,
                "started_at": sql_value(now), "finished_at": sql_value(log.clock.now()), "rows": report.rows,
                "new": report.new, "updated": report.updated, "unchanged": report.unchanged,
                "rejected": len(report.rejected),
                "report": json.dumps({k: v for k, v in report.as_json().items() if k in _KEPT}, ensure_ascii=False),
            },
            plan.new_leads, plan.updates, plan.feedback,
        )
    report.written = True
    return report


_KEPT = ("rejected", "columns", "skipped_fields", "merged_sources", "unmapped")


class _Plan:
    """What the import will write, worked out row by row against the log's current leads."""

    def __init__(self, log: Log, mapping: Mapping, now: datetime, import_id: str) -> None:
        self.mapping, self.now, self.import_id = mapping, now, import_id
        self.stamp = sql_value(now)
        self.new_leads: list[dict] = []
        self.updates: list[tuple[str, dict]] = []
        self.feedback: list[dict] = []
        self.unchanged = 0

    def add(self, rows: list[MappedRow], existing: dict[str, dict]) -> None:
        for row in rows:
            current = existing.get(row.crm_id)
            if current is None:
                self._new(row)
            else:
                self._update(row, current)

    def _new(self, row: MappedRow) -> None:
        lead_id = new_id()
        lead = {
            "id": lead_id, "crm_id": row.crm_id, "name": "", "company": "", "email": "", "source": "",
            "created_at": self.now, "owner": "", "stage": LeadStage.MQL, "crm_status": "", "verdict": None,
            "reason": "", "verdict_at": None, "first_verdict_at": None, "first_verdict_timed": None,
            "created_known": False, "crm_converted": None, "updated_at": self.now, "import_id": self.import_id,
        }
        lead.update(row.fields)
        if "stage" in row.fields:
            lead["stage"] = row.fields["stage"]
        self._verdict(row, lead, lead)
        self.new_leads.append({key: sql_value(value) for key, value in lead.items()})

    def _update(self, row: MappedRow, current: dict) -> None:
        changes = {
            key: value for key, value in row.fields.items()
            if key != "stage" and sql_value(value) != current.get(key)
        }
        state = {**current, **{key: value for key, value in changes.items()}}
        for key in ("verdict_at", "first_verdict_at"):
            state[key] = datetime.fromisoformat(current[key]) if current[key] else None
        state["stage"] = LeadStage(row.fields.get("stage", current["stage"]))
        if "crm_status" in changes or "crm_converted" in changes:
            self._verdict(row, state, changes)
        stage = implied_stage(LeadStage(changes.get("stage", state["stage"])), state.get("verdict") and Verdict(state["verdict"]))
        if stage.value != current["stage"]:
            changes["stage"] = stage
        if not changes:
            self.unchanged += 1
            return
        changes.update(updated_at=self.now, import_id=self.import_id)
        self.updates.append((current["id"], {key: sql_value(value) for key, value in changes.items()}))

    def _verdict(self, row: MappedRow, state: dict, changes: dict) -> None:
        """Record the verdict the CRM record implies, if it says something the lead does not already say."""
        converted = state.get("crm_converted")
        outcome = outcome_of(self.mapping, str(state.get("crm_status") or ""), bool(converted), row.reason)
        if outcome.verdict is None:
            return
        if state.get("verdict") is not None and (Verdict(state["verdict"]), state.get("reason") or "") == (
            outcome.verdict, outcome.reason
        ):
            return
        timed = outcome.verdict is Verdict.CONVERTED and row.converted_at is not None
        given_at = row.converted_at if timed else self.now
        self.feedback.append({
            "id": new_id(), "lead_id": state["id"], "verdict": outcome.verdict.value, "reason": outcome.reason,
            "comment": "", "given_by": None, "given_at": sql_value(given_at), "meeting_id": None,
            "via": FeedbackVia.IMPORT.value, "timed": int(timed),
        })
        fields = verdict_fields(
            stage=LeadStage(state["stage"]), verdict_at=state.get("verdict_at"),
            first_verdict_at=state.get("first_verdict_at"), verdict=outcome.verdict, reason=outcome.reason,
            given_at=given_at, timed=timed,
        )
        state.update(fields)
        changes.update(fields)
