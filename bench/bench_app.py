"""Benchmark: start-up, the home screen on a heavy log, a filter keystroke, and memory.

    .venv/bin/python bench/bench_app.py HEAVY.db [--repeat 7] [--keys 40]

HEAVY.db is a log built by ``bench/heavylog.py`` (ten teams, ten years). Everything is
measured in this one run, compared runs interleaved, and printed as ratios against its
reference; the figures are appended with the machine's description to bench/RESULTS.md.
Nothing here is a test.

- start-up: process start to the home screen painted (headless), vs a bare Textual app
  with a header and a footer, started the same way (target ≤ 1.15);
- home screen on HEAVY.db vs on an empty log (target ≤ 1.10);
- a filter keystroke on the action-items screen to the repainted table, on HEAVY.db:
  p50 and p95 in ms (target p95 ≤ 30 ms);
- peak memory (max RSS) on HEAVY.db minus on an empty log (target ≤ 30 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

BARE = """
import resource, sys, time
from textual.app import App
from textual.widgets import Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield Footer()

async def painted(pilot):
    await pilot.pause()
    pilot.app.exit()

Bare().run(headless=True, size=(120, 40), auto_pilot=painted)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

SMARKMEET = """
import resource, sys
from smarkmeet.tui.app import SmarkmeetApp

run = SmarkmeetApp.run

async def painted(pilot):
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "HomeScreen", pilot.app.screen
    pilot.app.exit()

def headless(self, *args, **kwargs):
    return run(self, headless=True, size=(120, 40), auto_pilot=painted)

SmarkmeetApp.run = headless
from smarkmeet.cli import cli
cli.main(["--db", sys.argv[1]], prog_name="smarkmeet", standalone_mode=False)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run_child(code: str, *args: str) -> tuple[float, int]:
    """Wall time of a fresh interpreter running ``code``, and its peak RSS in KiB."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench: child failed:\n{done.stderr[-2000:]}")
    return seconds, int(done.stdout.strip().splitlines()[-1])


async def keystrokes(path: Path, words: list[str], keys: int) -> tuple[list[float], list[float]]:
    """Per typed character: the screen's own work (read + fill), and key press to idle via Pilot."""
    from smarkmeet.clock import SystemClock
    from smarkmeet.store.log import open_log
    from smarkmeet.tui.app import make_app
    from smarkmeet.tui.screens.actions import ActionItemsScreen

    log = open_log(path, SystemClock())
    app = make_app(log)
    handler: list[float] = []
    to_idle: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = ActionItemsScreen()
        app.push_screen(screen)
        await pilot.pause()
        reload = screen.reload

        def timed_reload(**kwargs):
            start = time.perf_counter()
            reload(**kwargs)
            handler.append(time.perf_counter() - start)

        screen.reload = timed_reload
        await pilot.press("slash")
        typed = 0
        while typed < keys:
            for word in words:
                for char in word:
                    start = time.perf_counter()
                    await pilot.press(char)
                    await pilot.pause()
                    to_idle.append(time.perf_counter() - start)
                    typed += 1
                for _ in word:
                    await pilot.press("backspace")
                    await pilot.pause()
    log.close()
    return handler, to_idle


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("heavy", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keys", type=int, default=40)
    args = parser.parse_args()
    if not args.heavy.exists():
        raise SystemExit(f"bench: no log at {args.heavy}; build one with bench/heavylog.py")
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_leads import append_results, machine

    work = Path(tempfile.mkdtemp(prefix="smarkmeet-bench-app-"))
    heavy = work / "heavy.db"
    shutil.copy(args.heavy, heavy)  # the app may write (migrations, settings): keep the source as built
    empty = work / "empty.db"
    subprocess.run([sys.executable, "-m", "smarkmeet", "init", "--db", str(empty)], check=True, capture_output=True)
    counts = json.loads(subprocess.run(
        [sys.executable, "-c", "import sqlite3, json, sys; c = sqlite3.connect(sys.argv[1]); print(json.dumps("
         "{t: c.execute(f'SELECT count(*) FROM {t}').fetchone()[0] for t in "
         "('meetings', 'action_items', 'leads', 'criticism_notes')}))", str(heavy)],
        capture_output=True, text=True, check=True).stdout)

    # Textual's modules were compiled to bytecode when pip installed them; smarkmeet's are
    # compiled here the same way. Otherwise, where PYTHONDONTWRITEBYTECODE is set (it is on the
    # machine these results come from), every smarkmeet start would recompile its ~100 modules
    # from source (~80–100 ms here) while the reference never does. An editable install on a usual
    # machine writes them on its first run.
    import smarkmeet

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(smarkmeet.__file__).parent)], check=True)
    starts: dict[str, list[tuple[float, int]]] = {"bare": [], "empty": [], "heavy": []}
    jobs = {"bare": (BARE,), "empty": (SMARKMEET, str(empty)), "heavy": (SMARKMEET, str(heavy))}
    order = random.Random(6)
    for _ in range(args.repeat):  # interleaved: all three see the same machine load...
        for name in order.sample(list(jobs), len(jobs)):  # ...in a new order each round (no position bias)
            starts[name].append(run_child(*jobs[name]))
    bare = [seconds for seconds, _ in starts["bare"]]
    ours_empty, rss_empty = [seconds for seconds, _ in starts["empty"]], [rss for _, rss in starts["empty"]]
    ours_heavy, rss_heavy = [seconds for seconds, _ in starts["heavy"]], [rss for _, rss in starts["heavy"]]
    # the same comparison round by round (each pair ran under the same load), as a check on drift
    paired = statistics.median(ours / ref for ours, ref in zip(ours_empty, bare, strict=True))
    med = statistics.median
    handler, to_idle = asyncio.run(keystrokes(heavy, ["webinar", "trade", "scan", "ICP", "deck"], args.keys))
    empty_handler, empty_idle = asyncio.run(keystrokes(empty, ["webinar", "trade"], 12))

    lines = [
        f"## App start-up, home, filter keystroke, memory — {datetime.now():%Y-%m-%d %H:%M}", "",
        f"Machine: {machine()}", "",
        f"Heavy log: {', '.join(f'{n:,} {t}' for t, n in counts.items())} "
        f"({heavy.stat().st_size / 1_048_576:,.0f} MB).", "",
        f"- start-up to the painted home screen (empty log) vs a bare Textual app with a header and footer: "
        f"{med(ours_empty) * 1000:,.0f} ms vs {med(bare) * 1000:,.0f} ms — ratio "
        f"**{med(ours_empty) / med(bare):.2f}** (target ≤ 1.15; median of {args.repeat}, process start included; "
        f"the median of the {args.repeat} rounds' own ratios: {paired:.2f})",
        f"- home screen on the heavy log vs an empty log: {med(ours_heavy) * 1000:,.0f} ms vs "
        f"{med(ours_empty) * 1000:,.0f} ms — ratio **{med(ours_heavy) / med(ours_empty):.2f}** (target ≤ 1.10)",
        f"- a filter keystroke on the action-items screen, heavy log ({len(to_idle)} keys): read + table fill "
        f"p50 {percentile(handler, 0.5) * 1000:.1f} ms, p95 **{percentile(handler, 0.95) * 1000:.1f} ms**; "
        f"key press to idle through Pilot p50 {percentile(to_idle, 0.5) * 1000:.1f} ms, "
        f"p95 {percentile(to_idle, 0.95) * 1000:.1f} ms (target p95 ≤ 30 ms). On an empty log the same: "
        f"read + fill p95 {percentile(empty_handler, 0.95) * 1000:.1f} ms, to idle p95 "
        f"{percentile(empty_idle, 0.95) * 1000:.1f} ms (Pilot's own cost)",
        f"- peak memory (max RSS) on the heavy log minus on an empty log: "
        f"**{(med(rss_heavy) - med(rss_empty)) / 1024:,.1f} MB** ({med(rss_heavy) / 1024:,.0f} MB vs "
        f"{med(rss_empty) / 1024:,.0f} MB; target ≤ 30 MB)",
    ]
    append_results(lines, work)


if __name__ == "__main__":
    main()
