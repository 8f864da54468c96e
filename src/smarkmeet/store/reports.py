"""The lead reports' queries: one GROUP BY over ``leads`` each (leads carry their current verdict)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from smarkmeet.clock import timestamp

if TYPE_CHECKING:
    from smarkmeet.store.log import Log

GroupBy = Literal["source", "owner"]
_KEYS = {"source": "source", "owner": "owner"}
_WINDOW = "(:since IS NULL OR created_at >= :since) AND (:until IS NULL OR created_at < :until)"


def _params(since: datetime | None, until: datetime | None, **extra) -> dict:
    return {
        "since": timestamp(since) if since else None,
        "until": timestamp(until) if until else None,
        **extra,
    }


class ReportStore:
    def __init__(self, log: "Log") -> None:
        self.log = log

    def verdict_counts(self, by: GroupBy, since: datetime | None, until: datetime | None) -> list[dict]:
        """Per group: leads, and how many have each current verdict or none (not worked)."""
        key = _KEYS[by]
        return self.log.rows(
            f"SELECT {key} AS grp, count(*) AS leads, "
            "count(*) FILTER (WHERE verdict = 'accepted') AS accepted, "
            "count(*) FILTER (WHERE verdict = 'rejected') AS rejected, "
            "count(*) FILTER (WHERE verdict = 'nurture') AS nurture, "
            "count(*) FILTER (WHERE verdict = 'converted') AS converted, "
            "count(*) FILTER (WHERE verdict IS NULL) AS not_worked "
            f"FROM leads WHERE {_WINDOW} GROUP BY {key} ORDER BY leads DESC, {key}",
            _params(since, until),
        )

    def median_days_to_first_verdict(self, by: GroupBy, since: datetime | None, until: datetime | None) -> dict:
        """Per group: the median of (first verdict − delivery) in days, over leads where both times are known."""
        key = _KEYS[by]
        rows = self.log.rows(
            f"WITH d AS (SELECT {key} AS grp, julianday(first_verdict_at) - julianday(created_at) AS days "
            f"  FROM leads WHERE first_verdict_timed = 1 AND created_known = 1 AND {_WINDOW}), "
            "r AS (SELECT grp, days, row_number() OVER (PARTITION BY grp ORDER BY days) AS rn, "
            "  count(*) OVER (PARTITION BY grp) AS n FROM d) "
            "SELECT grp, avg(days) AS median, max(n) AS n FROM r WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY grp",
            _params(since, until),
        )
        return {row["grp"]: (row["median"], row["n"]) for row in rows}

    def median_days_overall(self, since: datetime | None, until: datetime | None) -> tuple[float | None, int]:
        row = self.log.one(
            "WITH d AS (SELECT julianday(first_verdict_at) - julianday(created_at) AS days FROM leads "
            f"  WHERE first_verdict_timed = 1 AND created_known = 1 AND {_WINDOW}), "
            "r AS (SELECT days, row_number() OVER (ORDER BY days) AS rn, count(*) OVER () AS n FROM d) "
            "SELECT avg(days) AS median, max(n) AS n FROM r WHERE rn IN ((n + 1) / 2, (n + 2) / 2)",
            _params(since, until),
        )
        return (row["median"], row["n"] or 0) if row else (None, 0)

    def rejection_counts(self, since: datetime | None, until: datetime | None) -> list[dict]:
        """Current rejections by reason."""
        return self.log.rows(
            f"SELECT reason, count(*) AS n FROM leads WHERE verdict = 'rejected' AND {_WINDOW} "
            "GROUP BY reason ORDER BY n DESC, reason",
            _params(since, until),
        )

    def sla_counts(self, since: datetime | None, until: datetime | None, now: datetime, sla_hours: float) -> dict:
        """The counts behind both SLAs for leads delivered in the window."""
        row = self.log.one(
            "SELECT count(*) AS delivered, "
            "sum(stage <> 'disqualified') AS qualified, "
            "sum(created_known = 0 OR first_verdict_timed = 0) AS unknown, "
            "sum(created_known = 1 AND first_verdict_at IS NULL AND julianday(:now) - julianday(created_at) <= :days) "
            "  AS pending, "
            "sum(created_known = 1 AND first_verdict_timed = 1 "
            "    AND julianday(first_verdict_at) - julianday(created_at) <= :days) AS within, "
            "min(created_at) AS first_created "
            f"FROM leads WHERE {_WINDOW}",
            _params(since, until, now=timestamp(now), days=sla_hours / 24),
        )
        return {key: (value or 0) if key != "first_created" else value for key, value in (row or {}).items()}
