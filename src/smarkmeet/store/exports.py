"""Read-only queries for exports, and the SQLite side of a backup.

Nothing here writes to the log. :func:`iter_leads` streams: rows are fetched from the
cursor as the caller consumes them, so exporting a million leads never holds them all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from smarkmeet.domain.models import Meeting

if TYPE_CHECKING:
    from smarkmeet.store.log import Log

# The columns of a lead export, in order: the lead as delivered, then its current verdict.
LEAD_COLUMNS: tuple[str, ...] = (
    "crm_id", "name", "company", "email", "source", "created_at", "created_known", "owner", "stage",
    "crm_status", "crm_converted", "verdict", "reason", "verdict_at", "first_verdict_at", "first_verdict_days",
)
LEAD_FLAGS = frozenset({"created_known", "crm_converted"})  # 0/1 in the log


def meetings_matching(log: Log, ref: str) -> list[Meeting]:
    """Meetings whose id is ``ref``, or ends with it when ``ref`` is a short id (8 characters)."""
    ref = ref.strip().lower()
    rows = log.rows(
        "SELECT * FROM meetings WHERE id = :ref OR (length(:ref) = 8 AND substr(id, -8) = :ref) "
        "ORDER BY scheduled_for, id",
        {"ref": ref},
    )
    return [Meeting.model_validate(row) for row in rows]


def iter_leads(log: Log) -> Iterator[dict]:
    """Every lead (the columns of :data:`LEAD_COLUMNS`), oldest delivery first, streamed from the cursor."""
    columns = ", ".join(f"[{column}]" for column in LEAD_COLUMNS)
    # by the moment of delivery, not its text: a CRM export's times may carry other UTC offsets
    # (09:00+02:00 is before 08:30+00:00); a sort SQLite spills to disk, so memory stays flat
    yield from log.query(f"SELECT {columns} FROM leads ORDER BY julianday(created_at), created_at, crm_id")


def copy_log(log: Log, target: Path) -> None:
    """Copy the open log into the (new, empty) file ``target`` with SQLite's online backup.

    The copy is made in one step, inside one read transaction: in WAL mode other
    connections keep writing meanwhile, and the copy is the log as of the moment it began.
    The copy is switched out of WAL mode so that it is one self-contained file.
    """
    target_conn = sqlite3.connect(str(target))
    try:
        log.conn.backup(target_conn, pages=-1)
        target_conn.execute("PRAGMA journal_mode = DELETE").fetchall()
    finally:
        target_conn.close()


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong with the database at ``path`` (empty when sound)."""
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    try:
        found = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()
    return [] if found == ["ok"] else found
