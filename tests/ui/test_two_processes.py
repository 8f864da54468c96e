"""Two processes on one log: the real app running a meeting in a pty, and `smarkmeet leads import`."""

import os
import subprocess
import sys
import time

import pytest

from tests.ui.pty_app import query, start_demo_meeting, wait_until

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ROWS = 60_000


def test_a_meeting_keeps_writing_while_another_process_imports(tmp_path):
    """Every attendance change typed in the meeting while a 60,000-row import runs in another
    process is confirmed in the log within seconds (the import writes a part at a time); no "busy"/"locked" message reaches the screen; the import
    completes; the log passes integrity_check."""
    export = tmp_path / "big.csv"
    rows = ["crm_id,name,source,created_at,status"]
    rows += [f"B-{n},Lead {n},Web,2026-11-{1 + n % 20:02d},{'accepted' if n % 3 else ''}" for n in range(ROWS)]
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db, home, term = start_demo_meeting(tmp_path)
    leads_before = query(db, "SELECT count(*) FROM leads")[0][0]
    (meeting_id,), = query(db, "SELECT id FROM meetings WHERE status = 'in_progress'")

    def entries() -> int:
        return query(db, "SELECT count(*) FROM changes WHERE table_name = 'attendance' AND meeting_id = ?",
                     [meeting_id])[0][0]

    during_import = made = 0
    waits: list[float] = []
    try:
        importer = subprocess.Popen(
            [sys.executable, "-m", "smarkmeet", "leads", "import", str(export), "--db", str(db)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "SMARKMEET_HOME": str(home)},
        )
        deadline = time.monotonic() + 240
        while (importer.poll() is None or made < 5) and time.monotonic() < deadline:
            before, running = entries(), importer.poll() is None
            typed = time.monotonic()
            term.type(" ", settle=0.05)  # space: the person under the cursor present <-> absent
            wait_until(lambda before=before: entries() > before, timeout=15)
            waits.append(time.monotonic() - typed)
            made += 1
            during_import += running
        _, errors = importer.communicate(timeout=120)
        term.read(0.5)
    finally:
        term.kill()
    assert importer.returncode == 0, errors
    assert during_import >= 3, "the import finished before the meeting could write beside it"
    assert "busy" not in term.screen and "locked" not in term.screen
    assert entries() == made
    assert max(waits) < 3, f"an entry waited {max(waits):.1f} s for the import"  # one whole-import lock: 5+ s
    assert query(db, "SELECT count(*) FROM leads")[0][0] == leads_before + ROWS
    assert query(db, "PRAGMA integrity_check")[0][0] == "ok"
