"""Benchmark: CRM import rate, and the lead-source report over 1M leads against plain sqlite3.

    .venv/bin/python bench/bench_leads.py [--leads 1000000] [--rows 100000] [--repeat 5]

The import is also set against SQLite's own share of it: every statement the import ran
(its parts' BEGIN and COMMIT, and each executemany with the rows it was given) is recorded and
replayed on a fresh log with no Python work between them. That replay's rate is the ceiling
for any code writing what the log records of an import (each lead, its `changes` entry, the
verdicts its CRM status implies and theirs). The replay is run again with the log's secondary
indexes and triggers on those tables dropped: the floor of the contract itself.

Everything is measured in this one run, the compared runs interleaved, and printed as
ratios (smarkmeet ÷ reference); nothing here is a test. Results are also appended to
bench/RESULTS.md with a description of the machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from smarkmeet.clock import FixedClock
from smarkmeet.services.crmmapping import preset
from smarkmeet.services.leadimport import import_leads
from smarkmeet.services.leadreport import lead_report
from smarkmeet.store.log import open_log

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=1)))
SOURCES = ["Google", "google", "Direct Traffic", "Olark Chat", "Organic Search", "Reference", "Webinar",
           "Facebook", "Trade Show", "Referral Sites", "Partner", "Select"]
REASONS = ["not a fit", "no budget", "no authority", "no need now", "duplicate"]
STATUSES = ["", "", "new", "working", "accepted", "nurture", "lost", "rejected", "won"]
PLAIN_GROUP_BY = (
    "SELECT source, count(*), "
    "count(*) FILTER (WHERE verdict = 'accepted'), count(*) FILTER (WHERE verdict = 'rejected'), "
    "count(*) FILTER (WHERE verdict = 'nurture'), count(*) FILTER (WHERE verdict = 'converted'), "
    "count(*) FILTER (WHERE verdict IS NULL) FROM leads GROUP BY source"
)


def write_export(path: Path, rows: int, rng: random.Random) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["crm_id", "name", "company", "email", "source", "created_at", "owner", "status", "reason"])
        for n in range(rows):
            status = rng.choice(STATUSES)
            created = NOW - timedelta(minutes=rng.randrange(60 * 24 * 365))
            out.writerow([f"L{n:07d}", f"Lead {n}", f"Company {n % 5000}", f"lead{n}@example.com",
                          rng.choice(SOURCES), created.strftime("%Y-%m-%d %H:%M"), f"rep{n % 40}", status,
                          "no budget" if status in ("lost", "rejected") else ""])


def fill_leads(path: Path, count: int, rng: random.Random) -> None:
    """Bulk-load ``count`` leads with current verdicts straight into the log's leads table (setup only)."""
    conn = sqlite3.connect(path)
    verdicts = [None, None, "accepted", "rejected", "nurture", "converted"]
    batch = []
    with conn:
        for n in range(count):
            created = NOW - timedelta(minutes=rng.randrange(60 * 24 * 3650))
            verdict = rng.choice(verdicts)
            wait = timedelta(minutes=rng.randrange(30, 12000))
            at = (created + wait).isoformat(timespec="seconds") if verdict else None
            batch.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), f"B{n:08d}",
                          rng.choice(SOURCES[:-1]), created.isoformat(timespec="seconds"), f"rep{n % 40}",
                          verdict, rng.choice(REASONS) if verdict == "rejected" else "", at, at,
                          1 if verdict else None, wait / timedelta(days=1) if verdict else None))
            if len(batch) == 50_000:
                _insert(conn, batch)
                batch = []
        _insert(conn, batch)
    conn.close()


def _insert(conn, batch) -> None:
    conn.executemany(
        "INSERT INTO leads (id, crm_id, source, created_at, owner, verdict, reason, verdict_at, first_verdict_at, "
        "first_verdict_timed, first_verdict_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)


class RecordingConnection:
    """The log's connection, recording the import's writes: its parts' BEGIN and COMMIT and
    each executemany with its rows (reads are not recorded)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.writes: list[tuple[str, list | None]] = []

    def execute(self, sql, *args):
        if sql in ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"):
            self.writes.append((sql, None))
        return self._conn.execute(sql, *args)

    def executemany(self, sql, rows):
        rows = list(rows)
        self.writes.append((sql, rows))
        return self._conn.executemany(sql, rows)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def replay(writes: list[tuple[str, list | None]], conn: sqlite3.Connection) -> float:
    """Seconds SQLite takes to run the recorded writes again, on ``conn``."""
    start = time.perf_counter()
    for sql, rows in writes:
        if rows is None:
            conn.execute(sql)
        else:
            conn.executemany(sql, rows)
    return time.perf_counter() - start


def strip_secondary(conn: sqlite3.Connection) -> None:
    """Drop every index SQLite would not make by itself, and every trigger, on the import's tables:
    what is left is writing the rows the log's contract asks for (each lead, its verdicts, and a
    `changes` entry for each), by their primary and unique keys alone."""
    tables = ("leads", "changes", "lead_feedback")
    marks = ", ".join("?" * len(tables))
    for kind in ("index", "trigger"):
        for (name,) in conn.execute(f"SELECT name FROM sqlite_master WHERE type = ? AND sql IS NOT NULL "
                                    f"AND tbl_name IN ({marks})", [kind, *tables]).fetchall():
            conn.execute(f"DROP {kind.upper()} {name}")


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def machine() -> str:
    cpus = os.cpu_count()
    return f"{platform.platform()}, {cpus} CPUs, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"


def append_results(lines: list[str], work: Path) -> None:
    """Print a run's section and append it to bench/RESULTS.md."""
    text = "\n".join(lines) + "\n"
    print(text)
    results = Path(__file__).with_name("RESULTS.md")
    with results.open("a", encoding="utf-8") as handle:
        handle.write("\n" + text)
    print(f"(appended to {results}; scratch files in {work})", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(4)
    work = Path(tempfile.mkdtemp(prefix="smarkmeet-bench-"))
    lines = [f"## Lead import and report — {datetime.now():%Y-%m-%d %H:%M}", "", f"Machine: {machine()}", ""]

    export = work / "export.csv"
    write_export(export, args.rows, rng)
    rates, ceilings, bare = [], [], []
    for attempt in range(max(1, args.repeat // 2)):  # each import, then SQLite alone replaying its writes
        log = open_log(work / f"import{attempt}.db", FixedClock(NOW))
        log.conn = recorder = RecordingConnection(log.conn)
        seconds = timed(lambda log=log: import_leads(log, export, preset("generic")))
        log.close()
        rates.append(args.rows / seconds)
        replayed = open_log(work / f"replay{attempt}.db", FixedClock(NOW))  # same settings as the import's log
        ceilings.append(args.rows / replay(recorder.writes, replayed.conn))
        replayed.close()
        stripped = open_log(work / f"bare{attempt}.db", FixedClock(NOW))
        strip_secondary(stripped.conn)
        bare.append(args.rows / replay(recorder.writes, stripped.conn))
        stripped.close()
    rate, ceiling = statistics.median(rates), statistics.median(ceilings)
    lines.append(f"- CSV import, {args.rows:,} new rows: {rate:,.0f} rows/s "
                 f"(ratio to the 50,000 rows/s target: {rate / 50_000:.2f}; median of {len(rates)})")
    lines.append(f"- SQLite alone replaying the same import's writes: {ceiling:,.0f} rows/s (ratio to the target: "
                 f"{ceiling / 50_000:.2f}); the import runs at {rate / ceiling:.2f} of it")
    lines.append(f"- the same replay with no secondary index and no trigger on `leads`, `changes` and "
                 f"`lead_feedback` (rows and primary keys only): {statistics.median(bare):,.0f} rows/s "
                 f"(ratio to the target: {statistics.median(bare) / 50_000:.2f})")

    db = work / "report.db"
    open_log(db, FixedClock(NOW)).close()
    fill_leads(db, args.leads, rng)
    log = open_log(db, FixedClock(NOW))
    plain = sqlite3.connect(db)
    ours, theirs = [], []
    for _ in range(args.repeat):  # interleaved, so both see the same cache and machine load
        ours.append(timed(lambda: lead_report(log, by="source")))
        theirs.append(timed(lambda: plain.execute(PLAIN_GROUP_BY).fetchall()))
    ratio = statistics.median(ours) / statistics.median(theirs)
    lines.append(
        f"- `leads report` over {args.leads:,} leads: {statistics.median(ours) * 1000:,.0f} ms vs plain sqlite3 GROUP BY "
        f"{statistics.median(theirs) * 1000:,.0f} ms — ratio {ratio:.2f} (median of {args.repeat}; the report also "
        "computes medians, the rejection mix and both SLAs)"
    )
    source_only = []
    for _ in range(args.repeat):
        source_only.append(timed(lambda: log.db.execute(PLAIN_GROUP_BY).fetchall()))
    lines.append(f"- the same GROUP BY through the log's connection: ratio "
                 f"{statistics.median(source_only) / statistics.median(theirs):.2f}")
    # the lead list's words filter over all time (every lead read): against a plain sqlite3 scan of
    # the same text for the same letters (LIKE '%…%', no word starts, no accents folded)
    typed = "b000123"
    text = "(name || ' ' || company || ' ' || email || ' ' || crm_id)"
    listed, scanned = [], []
    for _ in range(args.repeat):
        listed.append(timed(lambda: log.leads.listing(None, None, words=typed)))
        scanned.append(timed(lambda: plain.execute(
            f"SELECT count(*) FROM leads WHERE {text} LIKE ?", [f"%{typed}%"]).fetchall()))
    lines.append(
        f"- lead list, words filter “{typed}” over all {args.leads:,} leads (rows and count): "
        f"{statistics.median(listed) * 1000:,.0f} ms vs a plain sqlite3 LIKE scan of the same text "
        f"{statistics.median(scanned) * 1000:,.0f} ms — ratio {statistics.median(listed) / statistics.median(scanned):.2f}"
        f" (median of {args.repeat})"
    )
    log.close()
    plain.close()
    append_results(lines, work)


if __name__ == "__main__":
    main()
