"""Benchmark: a verdict keystroke in the meeting's lead review when thousands of leads are in it.

    .venv/bin/python bench/bench_review.py [--leads 9240] [--keys 15]

A first import of a whole CRM export puts every lead in the next meeting's review (the X
Education export: 9,240). Each verdict used to read and redraw the whole review; it now
redraws its own row and the totals. Both are measured here in one run, interleaved: the
screen's work after a verdict's write, against the full read and redraw the old code did.
Printed as milliseconds and their ratio, and appended to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

SOURCES = ["Google", "Direct Traffic", "Olark Chat", "Organic Search", "Reference", "Welingak Website"]


def write_export(path: Path, rows: int) -> None:
    """Leads delivered in the last two days, none worked yet (no CRM status)."""
    rng = random.Random(9)
    now = datetime.now().astimezone()
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["crm_id", "name", "company", "source", "created_at", "owner"])
        for n in range(rows):
            created = now.timestamp() - rng.randrange(60, 2 * 86400)
            out.writerow([f"R{n:06d}", f"Lead {n}", f"Company {n % 700}", rng.choice(SOURCES),
                          datetime.fromtimestamp(created).strftime("%Y-%m-%d %H:%M"), f"rep{n % 12}"])


async def measure(db: Path, keys: int) -> tuple[int, list[float], list[float], list[float]]:
    """Per verdict: the screen's own work after the write (this lead's row, the totals), and key
    press to idle through Pilot; interleaved with the whole review read and redrawn."""
    from smarkmeet.clock import SystemClock
    from smarkmeet.services import leadreview
    from smarkmeet.store.log import open_log
    from smarkmeet.tui.app import make_app
    from smarkmeet.tui.widgets.panels.leads import LeadFeedbackPanel

    spent: list[float] = []

    def timed(func):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - start)
        return wrapper

    # what a verdict does after its write: read its lead's row and the tally, redraw them
    leadreview.leads_for_review = timed(leadreview.leads_for_review)
    leadreview.tally_by_source = timed(leadreview.tally_by_source)
    LeadFeedbackPanel.update_lead = timed(LeadFeedbackPanel.update_lead)
    log = open_log(db, SystemClock())
    app = make_app(log)
    work: list[float] = []
    to_idle: list[float] = []
    full: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")  # the start dialog, as prefilled
        await pilot.pause()
        screen = app.screen
        while screen.runner.current.kind.value != "lead_feedback":
            await pilot.press("ctrl+n")
            await pilot.pause()
        shown = len(screen.query_one(LeadFeedbackPanel)._rows)
        for n in range(keys):  # interleaved, so both see the same machine load
            spent.clear()
            start = time.perf_counter()
            await pilot.press("a" if n % 2 else "n")
            await pilot.pause()
            to_idle.append(time.perf_counter() - start)
            work.append(sum(spent))
            start = time.perf_counter()
            screen.refresh_panel()  # what every verdict did before: read the whole review, fill the table
            full.append(time.perf_counter() - start)
            await pilot.pause()
    log.close()
    return shown, work, to_idle, full


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=9240)
    parser.add_argument("--keys", type=int, default=15)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_leads import append_results, machine

    from smarkmeet.clock import SystemClock
    from smarkmeet.services.crmmapping import preset
    from smarkmeet.services.leadimport import import_leads
    from smarkmeet.services.sample import load_sample
    from smarkmeet.store.log import open_log

    scratch = Path(tempfile.mkdtemp(prefix="smarkmeet-bench-review-"))
    db, export = scratch / "team.db", scratch / "export.csv"
    write_export(export, args.leads)
    log = open_log(db, SystemClock())
    load_sample(log)
    import_leads(log, export, preset("generic"))
    log.close()
    shown, work, to_idle, full = asyncio.run(measure(db, args.keys))
    med = statistics.median
    lines = [
        f"## Lead review with thousands of leads — {datetime.now():%Y-%m-%d %H:%M}", "",
        f"Machine: {machine()}", "",
        f"- a verdict with {shown:,} leads in the review (median of {len(work)}): the screen's work after the write "
        f"(the lead's row and the totals, read and redrawn) {med(work) * 1000:,.1f} ms vs the whole review read "
        f"and redrawn, as every verdict did before, {med(full) * 1000:,.0f} ms — ratio "
        f"**{med(work) / med(full):.3f}**; key press to idle through Pilot {med(to_idle) * 1000:,.0f} ms "
        "(Pilot's own cost is ~170 ms here: see the filter keystroke on an empty log)",
    ]
    append_results(lines, scratch)


if __name__ == "__main__":
    main()
