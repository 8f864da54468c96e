"""The one query the funnel needs: leads created in a window, counted by their current stage."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from smarkmeet.clock import timestamp
from smarkmeet.domain.enums import LeadStage

if TYPE_CHECKING:
    from smarkmeet.store.log import Log


def lead_stage_counts(log: "Log", since: datetime, until: datetime) -> dict[LeadStage, int]:
    """Leads with ``since`` ≤ created_at ≤ ``until``, counted by stage (every stage present, 0 if none).

    Times are compared with ``julianday`` so leads written under another UTC offset
    (summer time) still fall in the right window.
    """
    rows = log.rows(
        "SELECT stage, count(*) AS n FROM leads "
        "WHERE julianday(created_at) >= julianday(?) AND julianday(created_at) <= julianday(?) "
        "GROUP BY stage ORDER BY stage",
        [timestamp(since), timestamp(until)],
    )
    counts = {stage: 0 for stage in LeadStage}
    for row in rows:
        try:
            counts[LeadStage(row["stage"])] += row["n"]
        except ValueError:  # a stage this version does not know counts as having entered MQL only
            counts[LeadStage.MQL] += row["n"]
    return counts
