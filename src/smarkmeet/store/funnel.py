"""The one query the funnel needs: leads created in a window, counted by their current stage."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from smarkmeet.domain.enums import LeadStage

if TYPE_CHECKING:
    from smarkmeet.store.log import Log


def lead_stage_counts(log: "Log", since: datetime, until: datetime) -> dict[LeadStage, int]:
    """Leads with ``since`` ≤ created_at ≤ ``until``, counted by stage (every stage present, 0 if none).

    Times are compared with ``julianday`` so leads written under another UTC offset
    (summer time) still fall in the right window.
    """
    from smarkmeet.store.reports import window, window_params

    # the lead reports' window (it reads the created_at index: the 10-year log's 1M leads were
    # all scanned for a 12-week window), its end included as the funnel shows it: to the second
    rows = log.rows(
        f"SELECT stage, count(*) AS n FROM leads WHERE {window(since, until, until_included=True)} "
        "GROUP BY stage ORDER BY stage",
        window_params(since, until),
    )
    counts = {stage: 0 for stage in LeadStage}
    for row in rows:
        try:
            counts[LeadStage(row["stage"])] += row["n"]
        except ValueError:  # a stage this version does not know counts as having entered MQL only
            counts[LeadStage.MQL] += row["n"]
    return counts
