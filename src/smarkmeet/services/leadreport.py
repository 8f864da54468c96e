"""Lead-source quality, the rejection mix and both SLAs for a period — the same figures in the TUI and the CLI.

Every figure comes from :mod:`smarkmeet.domain.metrics` applied to counts from one query.
A lead is counted in the period when it was delivered (created) in it, with its current
(latest) verdict; "not worked" means it has no verdict at all.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from smarkmeet.domain import metrics
from smarkmeet.domain.enums import Rag
from smarkmeet.services.leadreview import sla_hours
from smarkmeet.store.log import Log
from smarkmeet.store.reports import ReportStore

By = Literal["source", "owner", "reason"]
DEFAULT_SALES_SLA_TARGET = 0.9
NO_LABEL = {"source": "(no source)", "owner": "(no owner)", "reason": "(no reason)"}
VERDICT_COLUMNS = ("accepted", "rejected", "nurture", "converted", "not_worked")


@dataclass(frozen=True)
class GroupRow:
    label: str
    leads: int
    accepted: int
    rejected: int
    nurture: int
    converted: int
    not_worked: int
    median_days: float | None  # to first verdict, over `timed` leads
    timed: int
    overdue: int = 0  # no verdict, and the agreed window has passed
    members: tuple[str, ...] = ()  # the log's values this row counts: by owner, each way the CRM wrote one person

    def share(self, column: str) -> float | None:
        """The column's count ÷ leads (accepted %, rejected %, …)."""
        return metrics.ratio(getattr(self, column), self.leads)

    def as_json(self, by: str) -> dict:
        data: dict = {by: self.label, "leads": self.leads}
        for column in VERDICT_COLUMNS:
            data[column] = getattr(self, column)
            data[f"{column}_pct"] = _pct(self.share(column))
        data["median_days_to_first_verdict"] = None if self.median_days is None else round(self.median_days, 2)
        data["leads_with_verdict_times"] = self.timed
        data["past_sla_without_verdict"] = self.overdue
        if by == "owner" and self.label != "all":  # the CRM's own words for this owner
            data["crm_owners"] = list(self.members)
        return data


@dataclass(frozen=True)
class ReasonRow:
    reason: str
    rejections: int
    share: float | None


@dataclass(frozen=True)
class SlaStatus:
    delivered: int
    qualified: int  # delivered in the period (creation date known), not disqualified
    target: float | None  # the agreed number of qualified leads for the period
    marketing: float | None  # attainment
    within: int
    judged: int
    pending: int
    unknown: int
    sales: float | None  # compliance
    sales_target: float
    hours: float
    undated: int = 0  # not disqualified, but imported without a creation date: in no period's count
    disqualified: int = 0  # delivered in the period but at stage disqualified: not qualified
    windowed: bool = False  # a report over a period (else over all time)
    weekly_target: float | None = None  # the weekly_lead_target setting

    @property
    def marketing_rag(self) -> Rag | None:
        return None if self.marketing is None else (Rag.GREEN if self.marketing >= 1 else Rag.RED)

    @property
    def sales_rag(self) -> Rag | None:
        return None if self.sales is None else (Rag.GREEN if self.sales >= self.sales_target else Rag.RED)


@dataclass(frozen=True)
class LeadReport:
    by: By
    since: datetime | None
    until: datetime | None
    rows: list[GroupRow] = field(default_factory=list)
    total: GroupRow | None = None
    reasons: list[ReasonRow] = field(default_factory=list)
    sla: SlaStatus | None = None

    def as_json(self) -> dict:
        sla = self.sla
        data: dict = {
            "by": self.by,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }
        if self.by == "reason":
            data["groups"] = [{"reason": r.reason, "rejections": r.rejections, "share_pct": _pct(r.share)}
                              for r in self.reasons]
        else:
            data["groups"] = [row.as_json(self.by) for row in self.rows]
            data["total"] = self.total.as_json(self.by) if self.total else None
            data["rejection_mix"] = [{"reason": r.reason, "rejections": r.rejections, "share_pct": _pct(r.share)}
                                     for r in self.reasons]
        if sla is not None:
            data["sla"] = {
                "marketing": {"qualified_delivered": sla.qualified, "target": sla.target,
                              "undated_not_counted": sla.undated, "disqualified_not_counted": sla.disqualified,
                              "attainment_pct": _pct(sla.marketing), "status": sla.marketing_rag},
                "sales": {"window_hours": sla.hours, "first_verdict_within_window": sla.within,
                          "leads_judged": sla.judged, "pending": sla.pending, "times_unknown": sla.unknown,
                          "compliance_pct": _pct(sla.sales), "target_pct": _pct(sla.sales_target),
                          "status": sla.sales_rag},
            }
        return data


_BACK = re.compile(r"^(\d+)\s*(d|day|days|w|wk|wks|week|weeks)(?:\s+ago)?$")  # "12w": a report looks back
_SIGNED = re.compile(r"^([+-])(\d+)\s*(d|w)$")
_DAY_MONTH = re.compile(r"^\d{1,2}[/.-]\d{1,2}$")  # 12/01, with no year


def read_report_date(text: str, today: date) -> date:
    """A day a report starts or ends on, past ones included: 2026-09-01, today, yesterday,
    12 weeks ago (or 12w: a report counts back), 30 days ago (or 30d), last monday (or monday),
    -2w / +3d, and the days a filter or a quick-add line reads (1 dec: the latest 1 Dec; eom)."""
    from smarkmeet.domain.dates import (
        MAX_DAYS,
        describe_choice,
        last_day_month,
        last_on_or_before,
        read_date,
        read_looking_back,
    )

    cleaned = " ".join(text.strip().lower().split())
    if cleaned in ("today", "yesterday"):
        return today - timedelta(days=cleaned == "yesterday")
    if (back := read_looking_back(cleaned, today)) is not None:
        return back
    if (back := last_day_month(cleaned, today)) is not None:  # "1 jun" in November: June gone by, not next
        return back
    for pattern, sign in ((_BACK, -1), (_SIGNED, None)):
        if match := pattern.match(cleaned):
            groups = match.groups()
            if sign is None:
                sign, groups = (1 if groups[0] == "+" else -1), groups[1:]
            days = int(groups[0]) * (7 if groups[1].startswith("w") else 1)
            if days > MAX_DAYS:
                raise ValueError(f"{text!r} is too far from today")
            return today + timedelta(days=sign * days)
    if cleaned in [day[:3] for day in _WEEKDAYS] + list(_WEEKDAYS):  # "monday": the last one, as "last monday"
        return read_looking_back(f"last {cleaned}", today)  # type: ignore[return-value]
    try:
        day = date.fromisoformat(cleaned)
    except ValueError:
        reading = read_date(cleaned, today)  # 1 dec, eom, fri…: the day named; a past one as a report wants it
        if reading.past is not None:
            return reading.past
        if reading.value is not None:
            if _DAY_MONTH.match(cleaned) and reading.value > today:  # 12/12: the latest gone by, as "12 dec"
                return last_on_or_before(reading.value.month, reading.value.day, today) or reading.value
            return reading.value
        if reading.ambiguous and not _DAY_MONTH.match(cleaned):  # next fri: this week's or the next, as named
            said = " or ".join(describe_choice(candidate, today) for candidate in reading.candidates)
            raise ValueError(f"{text.strip()!r} could mean {said}; type the date, e.g. "
                             f"{reading.candidates[0].isoformat()}") from None
        if reading.ambiguous:  # 12/01: 12 Jan or 1 Dec — the latest of each gone by, as a report looks back
            past = sorted({last_on_or_before(day.month, day.day, today) for day in reading.candidates} - {None},
                          reverse=True)
            if len(past) == 1:
                return past[0]
            said = " or ".join(describe_choice(candidate, today) for candidate in past or reading.candidates)
            raise ValueError(f"{text.strip()!r} could mean {said}; type the date, e.g. "
                             f"{(past or reading.candidates)[0].isoformat()}") from None
        raise ValueError(f"can't read {text!r} as a date; try 2026-09-01, yesterday, 12 weeks ago, "
                         "last monday or 1 dec") from None
    if not 1900 <= day.year <= 2200:
        raise ValueError(f"{text!r} is not a plausible date")
    return day


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 4)


def lead_report(log: Log, *, by: By = "source", since: datetime | None = None, until: datetime | None = None) -> LeadReport:
    store = ReportStore(log)
    now = log.clock.now()
    hours = float(sla_hours(log))
    key = "source" if by == "reason" else by
    counted = store.counts(key, since, until, now, hours)  # type: ignore[arg-type]
    groups = {row["grp"]: row for row in counted}
    totals = _totals(store, counted, since, until)
    rejections = store.rejections(since, until)
    mix_total = sum(row["n"] for row in rejections)
    reasons = [ReasonRow(row["reason"] or NO_LABEL["reason"], row["n"], metrics.ratio(row["n"], mix_total))
               for row in rejections]
    sla = _sla(log, totals, since, until, now, hours, _first_created(counted))
    if by == "reason":
        return LeadReport(by, since, until, reasons=reasons, sla=sla)
    medians = store.medians(by, since, until, {grp: group["timed"] for grp, group in groups.items()})
    merged = _one_per_person(log, groups) if by == "owner" else {grp: [grp] for grp in groups}
    rows = []
    for label, members in merged.items():
        group = {c: sum(groups[grp][c] for grp in members) for c in ("leads", *VERDICT_COLUMNS, "timed", "overdue")}
        median = medians.get(members[0]) if len(members) == 1 else \
            store.median_among(by, members, since, until, group["timed"])
        rows.append(GroupRow(label or NO_LABEL[by], *(group[c] for c in ("leads", *VERDICT_COLUMNS)), median,
                             group["timed"], group["overdue"], tuple(sorted(members))))
    rows.sort(key=lambda row: (-row.leads, row.label))
    total = GroupRow("all", *(totals[c] for c in ("leads", *VERDICT_COLUMNS)),
                     store.median_overall(since, until, totals["timed"]), totals["timed"], totals["overdue"])
    return LeadReport(by, since, until, rows=rows, total=total if groups else None, reasons=reasons, sla=sla)


def sla_in(log: Log, since: datetime, until: datetime) -> SlaStatus:
    """Both SLAs over the leads delivered in a window, as the lead report over it says them."""
    store, now, hours = ReportStore(log), log.clock.now(), float(sla_hours(log))
    counted = store.counts("source", since, until, now, hours)
    return _sla(log, _totals(store, counted, since, until), since, until, now, hours, _first_created(counted))


def _totals(store: ReportStore, counted: list[dict], since: datetime | None, until: datetime | None) -> dict:
    totals = {name: sum(group[name] for group in counted) for name in _SUMMED}
    if since is not None or until is not None:  # a window holds no undated lead: they are all said apart
        totals["undated"] = store.undated()
    return totals


def _first_created(counted: list[dict]) -> str | None:
    return min((row["first_created"] for row in counted if row["first_created"]), default=None)


def _one_per_person(log: Log, groups: dict) -> dict[str, list[str]]:
    """The CRM's owners, one entry per team member: an export that writes a member's handle in
    some rows and their full name in others ("tomas", "Tomás Ruiz") counted them twice. Keyed by
    the member's full name; an owner off the team keeps the CRM's words."""
    names = {}
    for person in log.people.all(include_inactive=True):
        names[person.handle.casefold()] = person.name
        names.setdefault(person.name.casefold(), person.name)
    merged: dict[str, list[str]] = {}
    for grp in groups:
        merged.setdefault(names.get(grp.strip().casefold(), grp) if grp else grp, []).append(grp)
    return merged


_SUMMED = ("leads", *VERDICT_COLUMNS, "timed", "qualified", "undated", "disqualified", "unknown", "pending", "within",
           "overdue")


def _sla(log: Log, counts: dict, since: datetime | None, until: datetime | None, now: datetime, hours: float,
         first_created: str | None) -> SlaStatus:
    start = since or (datetime.fromisoformat(first_created) if first_created else None)
    if since is not None:  # not before the log's first lead: `--since 1900-01-01` asked for 165,578 leads
        first_ever = ReportStore(log).first_lead_day()
        if first_ever is not None and datetime.fromisoformat(first_ever) > since:
            start = datetime.fromisoformat(first_ever)
    end = min(until or now, now)
    weekly = log.setting("weekly_lead_target")
    target = None
    # a log whose leads were all imported without dates (a CRM export with no creation column)
    # cannot say what marketing delivered when: no figure, rather than "0 of 103 agreed, RED"
    measurable = counts["qualified"] or not counts["undated"] or log.one(
        "SELECT EXISTS (SELECT 1 FROM leads WHERE created_known = 1) AS dated")["dated"]
    if weekly and start is not None and end > start and measurable:  # no start: no lead of a known date yet
        # the weekly target for the period's length (a day at least), rounded up to whole leads:
        # "88 of 100.6 qualified leads" asked for a part of a lead (a window's closing second aside)
        target = float(math.ceil(round(float(weekly) * max((end - start) / timedelta(days=7), 1 / 7), 3)))
    judged = counts["leads"] - counts["pending"] - counts["unknown"]
    return SlaStatus(
        delivered=counts["leads"], qualified=counts["qualified"], target=target,
        marketing=metrics.marketing_sla_attainment(counts["qualified"], target) if target else None,
        within=counts["within"], judged=judged, pending=counts["pending"], unknown=counts["unknown"],
        sales=metrics.sales_sla_compliance(counts["within"], judged),
        sales_target=float(log.setting("sales_sla_target", DEFAULT_SALES_SLA_TARGET)), hours=hours,
        undated=counts["undated"], disqualified=counts["disqualified"], weekly_target=float(weekly) if weekly else None,
        windowed=since is not None or until is not None,
    )


def marketing_note(sla: SlaStatus) -> str:
    """Why the marketing SLA has no figure, or which leads it leaves out; "" when nothing to say."""
    notes = []
    if sla.target is None:
        notes.append("no lead target agreed yet (smarkmeet settings weekly_lead_target N)" if not sla.weekly_target
                     else "no lead in the period has a known delivery date")
    if sla.disqualified:  # why "84 qualified" of the 93 leads the table counts
        notes.append(f"{sla.disqualified:,} disqualified, not counted")
    if sla.undated and sla.windowed:  # the count is over all time: no period holds them
        notes.append(f"{sla.undated:,} imported without a creation date are in no period's count")
    elif sla.undated:
        notes.append(f"{sla.undated:,} imported without a creation date, not counted")
    return "; ".join(notes)
