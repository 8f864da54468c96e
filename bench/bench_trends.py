"""Benchmark: `p` on the trends screen (another window of weeks), pictures and numbers.

    .venv/bin/python bench/bench_trends.py [--presses 12]

On the demo team's log. Each `p` used to remove every row of pictures and mount them anew;
the rows now take the new weeks in place when the same series are shown, and the numbers are
filled only while they are on screen. Both are measured here in one run, interleaved: a `p` as
the screen does it now, against a `p` with the rows made anew (the drawn series forgotten
first, as before). Key press to idle through Pilot, in milliseconds and as a ratio, appended to
bench/RESULTS.md. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path


async def measure(db: Path, presses: int, numbers: bool) -> tuple[list[float], list[float]]:
    from smarkmeet.clock import SystemClock
    from smarkmeet.store.log import open_log
    from smarkmeet.tui.app import make_app
    from smarkmeet.tui.screens.trends import TrendsScreen

    log = open_log(db, SystemClock())
    app = make_app(log)
    in_place: list[float] = []
    anew: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(TrendsScreen(numbers=numbers))
        await pilot.pause()
        screen = app.screen
        as_now = screen._bring_up_to_date

        async def as_before() -> None:
            """Every `p` before: the pictures' rows made anew, and the numbers filled, shown or not."""
            screen._chart_shape = []
            await screen._draw_charts(screen.trends)
            screen._fill_numbers(screen.trends)
            screen._stale_charts = screen._stale_numbers = False

        for n in range(presses):  # interleaved, so both see the same machine load
            remade = n % 2 == 1
            screen._bring_up_to_date = as_before if remade else as_now
            start = time.perf_counter()
            await pilot.press("p")
            await pilot.pause()
            await pilot.pause()
            (anew if remade else in_place).append(time.perf_counter() - start)
    log.close()
    return in_place, anew


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=12)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_leads import append_results, machine

    from smarkmeet.clock import SystemClock
    from smarkmeet.services.sample import load_sample
    from smarkmeet.store.log import open_log

    scratch = Path(tempfile.mkdtemp(prefix="smarkmeet-bench-trends-"))
    db = scratch / "team.db"
    log = open_log(db, SystemClock())
    load_sample(log)
    log.close()
    med = statistics.median
    lines = [f"## Trends, `p` (another window of weeks) — {datetime.now():%Y-%m-%d %H:%M}", "",
             f"Machine: {machine()}", ""]
    for numbers in (False, True):
        in_place, anew = asyncio.run(measure(db, args.presses * 2, numbers))
        view = "numbers" if numbers else "pictures"
        lines.append(f"- {view} on screen (median of {len(in_place)}): as now (the rows given the new weeks, only "
                     f"the view on screen made) {med(in_place) * 1000:,.0f} ms vs as before (the rows made anew, "
                     f"both views made) {med(anew) * 1000:,.0f} ms — ratio "
                     f"**{med(in_place) / med(anew):.2f}** (key press to idle through Pilot, its own cost included)")
    append_results(lines, scratch)


if __name__ == "__main__":
    main()
