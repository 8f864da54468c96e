"""Shared goals and their check-ins."""

from __future__ import annotations

import json
from datetime import date

from smarkmeet.domain.models import Goal, GoalCheckin
from smarkmeet.domain.views import GoalStatus
from smarkmeet.store.base import TableStore


class GoalStore(TableStore[Goal]):
    table = "goals"
    model = Goal

    def active(self) -> list[Goal]:
        rows = self.log.rows("SELECT * FROM goals WHERE retired_at IS NULL ORDER BY created_at, name, id")
        return [Goal.model_validate(row) for row in rows]

    def all(self, *, include_retired: bool = True) -> list[Goal]:
        """Every goal, active ones first (as on the scorecard), then the retired by when they were retired."""
        where = "" if include_retired else "WHERE retired_at IS NULL"
        rows = self.log.rows(
            f"SELECT * FROM goals {where} ORDER BY retired_at IS NOT NULL, retired_at, created_at, name, id"
        )
        return [Goal.model_validate(row) for row in rows]

    def check_in(
        self, goal: Goal, period_start: date, actual: float, *, meeting_id: str | None = None, note: str = ""
    ) -> GoalCheckin:
        """Record this period's actual; a second check-in for the same period replaces the first."""
        existing = self.log.one(
            "SELECT id FROM goal_checkins WHERE goal_id = ? AND period_start = ?", [goal.id, period_start.isoformat()]
        )
        checkin = GoalCheckin(
            goal_id=goal.id, period_start=period_start, actual=actual, target=goal.target,
            meeting_id=meeting_id, note=note, recorded_at=self.log.clock.now(),
        )
        if existing is None:
            return self.log.insert("goal_checkins", checkin)
        # the check-in's values as the model holds them (its note stripped and made inert), not as passed
        fields = {"actual": checkin.actual, "target": checkin.target, "note": checkin.note,
                  "recorded_at": checkin.recorded_at}
        if meeting_id:
            fields["meeting_id"] = meeting_id
        self.log.update("goal_checkins", existing["id"], fields, meeting_id=meeting_id)
        return checkin.model_copy(update={"id": existing["id"]})

    def checkin_for(self, goal_id: str, period_start: date) -> dict | None:
        """The goal's check-in for that period, as its row holds it (None: none yet)."""
        return self.log.one("SELECT * FROM goal_checkins WHERE goal_id = ? AND period_start = ?",
                            [goal_id, period_start.isoformat()])

    def put_back(self, entered: dict, before: dict | None, *, meeting_id: str | None = None) -> bool:
        """Undo a check-in: ``entered`` (its row as it was written) goes back to ``before`` (the
        row it replaced), or is removed where there was none. False, writing nothing, when the
        check-in has been changed since ``entered`` was written."""
        figures = ("actual", "target", "meeting_id", "note")  # (its time is written anew by the same figure typed again)
        with self.log.transaction():
            now = self.log.one("SELECT * FROM goal_checkins WHERE id = ?", [entered["id"]])
            if now is None or any(now[key] != entered[key] for key in figures):
                return False
            if before is None:
                self.log.delete("goal_checkins", entered["id"], meeting_id=meeting_id)
            else:
                self.log.update("goal_checkins", entered["id"],
                                {name: before[name] for name in ("actual", "target", "note", "recorded_at",
                                                                 "meeting_id")}, meeting_id=meeting_id)
        return True

    def checkins(self, goal_id: str, *, last: int = 8) -> list[GoalCheckin]:
        """The goal's most recent check-ins, oldest first."""
        rows = self.log.rows(
            "SELECT * FROM (SELECT * FROM goal_checkins WHERE goal_id = ? ORDER BY period_start DESC LIMIT ?) "
            "ORDER BY period_start",
            [goal_id, last],
        )
        return [GoalCheckin.model_validate(row) for row in rows]

    def statuses(self, *, last: int = 8, include_retired: bool = False) -> list[GoalStatus]:
        goals = self.all(include_retired=True) if include_retired else self.active()
        return [GoalStatus(goal=goal, checkins=self.checkins(goal.id, last=last)) for goal in goals]

    def checkins_in(self, meeting_id: str) -> list[dict]:
        """Check-ins recorded in a meeting, as the meeting left them, with their goal's name, unit,
        period and amber threshold. A period's check-in is one row, which a later meeting correcting the
        actual takes over: each check-in the meeting wrote is read from the log's ``changes``
        folded up to the meeting's last write to it, so its minutes and record say the same later
        (a check-in the changes do not cover, as it is)."""
        folded: dict[str, dict] = {}
        # the meeting's own entries through the meeting's index ("+": not the table name's, which
        # read every check-in change ever written), then each check-in's history by its row
        for mine in self.log.rows("SELECT row_id, max(seq) AS last FROM changes WHERE meeting_id = ? "
                                  "AND +table_name = 'goal_checkins' GROUP BY row_id", [meeting_id]):
            for change in self.log.rows("SELECT action, data FROM changes WHERE table_name = 'goal_checkins' "
                                        "AND row_id = ? AND seq <= ? ORDER BY seq", [mine["row_id"], mine["last"]]):
                if change["action"] == "delete":
                    folded.pop(mine["row_id"], None)
                else:
                    folded.setdefault(mine["row_id"], {}).update(json.loads(change["data"]))
        rows = []
        for row in self.log.rows(
            "SELECT c.id, c.goal_id, c.meeting_id, g.name, g.unit, g.amber_threshold, g.created_at, g.period,"
            " c.period_start, c.actual, c.target"
            " FROM goal_checkins c JOIN goals g ON g.id = c.goal_id"
            " WHERE c.meeting_id = :m OR c.id IN (SELECT value FROM json_each(:ids))",
            {"m": meeting_id, "ids": json.dumps(list(folded))},
        ):
            then = folded.get(row["id"], {})
            if then.get("meeting_id", row["meeting_id"]) != meeting_id:
                continue  # as the meeting left it, the check-in was another meeting's (its actual put back: ctrl+z)
            rows.append({**row, "actual": then.get("actual", row["actual"]), "target": then.get("target", row["target"])})
        rows.sort(key=lambda row: (row["created_at"], row["name"]))
        return [{key: row[key] for key in ("name", "unit", "amber_threshold", "period", "period_start", "actual",
                                           "target")} for row in rows]
