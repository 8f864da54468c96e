"""Benchmark: each meeting section's refresh (read + fill, what an entry costs) and opening, on a big log.

    .venv/bin/python bench/bench_meeting.py /tmp/heavy-copy.db [--baseline-src OLD/src] [--repeat 3]

The log is written to (a meeting is started or resumed): pass a copy of bench/heavylog.py's
log, not the one built, or of a log with a first CRM import in its lead review
(bench/bench_review.py builds one: 9,240 leads). With --baseline-src (the src/ folder of another checkout, e.g. a git
worktree of an older commit) the same is measured with that code too, in the same run and
interleaved, and each section's figure is printed as a ratio (this code ÷ the baseline).
Results are appended to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from datetime import datetime
from pathlib import Path

CHILD = """
import asyncio, json, sys, time
from smarkmeet.clock import SystemClock
from smarkmeet.store.log import open_log
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.meeting import MeetingScreen

async def main():
    log = open_log(sys.argv[1], SystemClock())
    app = make_app(log)
    app.settle_gc_when_ready = True  # as the command line runs it (the collector's settings once on screen)
    times, opened = {}, {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, MeetingScreen):
            await pilot.press("1" if log.meetings.in_progress() else "s")  # resume, or the start dialog
            await pilot.pause()
        if not isinstance(app.screen, MeetingScreen):
            await pilot.press("enter")
            await pilot.pause()
        screen = app.screen
        while screen.runner.position > 0:
            await pilot.press("ctrl+b")
            await pilot.pause()
        for _ in screen.runner.sections:
            start = time.perf_counter()
            screen.refresh_panel()
            times[screen.runner.current.kind.value] = time.perf_counter() - start
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("ctrl+n")
            await pilot.pause()
            opened[screen.runner.current.kind.value] = time.perf_counter() - start
    log.close()
    print(json.dumps({"refresh": times, "opened": opened}))

asyncio.run(main())
"""


def run(src: Path, db: Path) -> dict[str, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(db)], capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: child failed ({src}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("heavy", type=Path, help="a scratch copy of the 10-year log (it is written to)")
    parser.add_argument("--baseline-src", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.heavy.exists():
        raise SystemExit(f"bench: no log at {args.heavy}; copy one built with bench/heavylog.py")
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_leads import append_results, machine

    ours_src = Path(__file__).resolve().parent.parent / "src"
    sources = {"this": ours_src, **({"baseline": args.baseline_src.resolve()} if args.baseline_src else {})}
    runs: dict[str, list[dict[str, dict[str, float]]]] = {name: [] for name in sources}
    for _ in range(args.repeat):  # interleaved: both see the same machine load
        for name, src in sources.items():
            runs[name].append(run(src, args.heavy))
    lines = [f"## Meeting sections on {args.heavy.name} — {datetime.now():%Y-%m-%d %H:%M}", "",
             f"Machine: {machine()}", "", f"Median of {args.repeat}"
             + (f"; baseline: {args.baseline_src}" if args.baseline_src else "") + "."]
    for measure, what in (("refresh", "Each section's refresh (read + fill: what every entry in it costs)"),
                          ("opened", "Each section opened: ctrl+n pressed to the screen idle, through Pilot")):
        median = {name: {kind: statistics.median(r[measure][kind] for r in results) for kind in results[0][measure]}
                  for name, results in runs.items()}
        lines.append(f"{what}:")
        for kind, seconds in median["this"].items():
            line = f"- {kind}: {seconds * 1000:,.0f} ms"
            if "baseline" in median and kind in median["baseline"]:
                before = median["baseline"][kind]
                line += f" vs {before * 1000:,.0f} ms — ratio **{seconds / before:.2f}**"
            lines.append(line)
    append_results(lines, args.heavy.parent)


if __name__ == "__main__":
    main()
